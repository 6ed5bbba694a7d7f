//! A labelled input that checks what is typed and shows the problem beside
//! it; only a valid value is applied.

use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

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

/// A labelled select among fixed choices.
#[component]
pub fn Choice<V, A>(
    /// Label text.
    label: T,
    /// Element id.
    id: &'static str,
    /// (value, text) of each option.
    options: Vec<(&'static str, T)>,
    /// The value currently chosen.
    value: V,
    /// Applies a choice.
    apply: A,
) -> impl IntoView
where
    V: Fn() -> &'static str + Copy + Send + Sync + 'static,
    A: Fn(&str) + Copy + 'static,
{
    let pg = expect_context::<Playground>();
    view! {
        <label class="field" for=id>
            <span>{move || pg.t(label)}</span>
            <select id=id on:change=move |ev| apply(&event_target_value(&ev))>
                {options.into_iter().map(|(v, text)| view! {
                    <option value=v selected=move || value() == v>{move || pg.t(text)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A labelled checkbox.
#[component]
pub fn Toggle<V, A>(
    /// Label text.
    label: T,
    /// Element id.
    id: &'static str,
    /// Whether it is on.
    checked: V,
    /// Applies a change.
    apply: A,
) -> impl IntoView
where
    V: Fn() -> bool + Send + Sync + 'static,
    A: Fn(bool) + 'static,
{
    let pg = expect_context::<Playground>();
    view! {
        <label class="field toggle" for=id>
            <input id=id type="checkbox" prop:checked=checked
                on:change=move |ev| apply(event_target_checked(&ev)) />
            <span>{move || pg.t(label)}</span>
        </label>
    }
}
