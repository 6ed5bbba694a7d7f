//! Keyboard shortcuts of the page (undo, redo, duplicate, delete, order,
//! lesson, fit), ignored while typing in a form control.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::state::Playground;

/// True when keys typed go into a form control, not to the canvas shortcuts.
fn typing(ev: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

pub(super) fn shortcuts(pg: Playground, fit_view: impl Fn() + Copy + 'static, editable: bool) {
    let lesson = use_context::<crate::lesson::Lesson>();
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if typing(&ev) {
            return;
        }
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match (ev.key().as_str(), ctrl, ev.shift_key()) {
            ("z" | "Z", true, false) if editable => pg.undo(),
            ("z" | "Z", true, true) | ("y", true, _) if editable => pg.redo(),
            ("d", true, _) if editable => {
                let sel = pg.selection.get_untracked();
                if let [node] = sel[..] {
                    pg.duplicate(node);
                }
            }
            ("Delete" | "Backspace", false, _) if editable => {
                let sel = pg.selection.get_untracked();
                if !sel.is_empty() {
                    pg.delete(&sel);
                }
            }
            ("Escape", _, _) => pg.selection.set(Vec::new()),
            ("o", false, _) => pg.place_order(),
            ("l", false, _) if lesson.is_some() => {
                if let Some(lesson) = lesson {
                    lesson.toggle(pg);
                }
            }
            ("f", false, _) => fit_view(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}
