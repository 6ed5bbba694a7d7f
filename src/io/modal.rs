//! A modal dialog over the page: a backdrop that closes it when clicked,
//! Escape to close, and Tab kept inside it. The dialog's own content moves
//! focus in when it opens.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::io::browser;

/// A dialog labelled by the element with id `title_id`; `close` runs on a
/// backdrop click or Escape.
#[component]
pub fn Modal<C>(title_id: &'static str, close: C, children: Children) -> impl IntoView
where
    C: Fn() + Copy + Send + Sync + 'static,
{
    let dialog_box = NodeRef::<leptos::html::Div>::new();
    view! {
        <div class="dialog-backdrop" on:click=move |ev| {
            let own = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.class_name() == "dialog-backdrop");
            if own { close() }
        }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id node_ref=dialog_box
                on:keydown=move |ev| {
                    if ev.key() == "Escape" { close() }
                    if let Some(el) = dialog_box.get() { browser::trap_tab(&ev, &el) }
                }>
                {children()}
            </div>
        </div>
    }
}
