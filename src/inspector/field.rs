//! A labelled input that checks what is typed and shows the problem beside
//! it; only a valid value is applied.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::Playground;

/// A checked input field.
#[component]
pub fn Field<V, C, A>(
    /// Label text.
    label: T,
    /// Element id (for tests and the label).
    id: &'static str,
    /// Current value as text.
    value: V,
    /// Parses and checks the text.
    check: C,
    /// Applies a valid value.
    apply: A,
    /// `number` or `text`.
    #[prop(default = "number")]
    kind: &'static str,
) -> impl IntoView
where
    V: Fn() -> String + Send + Sync + 'static,
    C: Fn(&str) -> Result<(), T> + Copy + 'static,
    A: Fn(&str) + Copy + 'static,
{
    let pg = expect_context::<Playground>();
    let error = RwSignal::new(None::<T>);
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <label class="field" for=id>
            <span>{move || pg.t(label)}</span>
            <input id=id type=kind prop:value=value
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| described.clone())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match check(&text) {
                        Ok(()) => { error.set(None); apply(&text) }
                        Err(e) => error.set(Some(e)),
                    }
                } />
        </label>
        <Show when=move || error.get().is_some()>
            <p class="field-error" id=error_id.clone() role="alert">{move || error.get().map(|e| pg.t(e))}</p>
        </Show>
    }
}
