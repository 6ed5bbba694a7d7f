//! What the open example shows and what to try in it (`text::examples`):
//! the card an example opens with, and the overview's "About this example".

use leptos::prelude::*;

use crate::io::gallery;
use crate::state::Playground;
use crate::text::examples::{note, pick};
use crate::text::i18n::T;

/// The built-in example being shown (kept through edits), if any.
pub fn current_example(pg: Playground) -> Memo<Option<&'static str>> {
    let name = Memo::new(move |_| pg.scenario.with(|s| s.name.clone()));
    Memo::new(move |_| name.with(|n| gallery::id_named(n)))
}

/// The note of example `id`: what is special, then what to try.
#[component]
pub fn ExampleNote(id: &'static str) -> impl IntoView {
    let pg = expect_context::<Playground>();
    note(id).map(|n| {
        view! {
            <p class="special">{move || pick(&n.special, pg.lang.get())}</p>
            <p class="try-title">{move || pg.t(T::TryThis)}</p>
            <ul class="try">
                {n.try_this.iter().map(|both| view! { <li>{move || pick(both, pg.lang.get())}</li> }).collect_view()}
            </ul>
        }
    })
}
