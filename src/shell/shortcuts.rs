//! Keyboard shortcuts of the page (undo, redo, duplicate, delete, order,
//! lesson, fit; I and Escape between the canvas and the inspector), ignored
//! while typing in a form control. Focus is never left on nothing: after a
//! deleted node or an undo took the focused element away, the canvas has it.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::io::browser;
use crate::state::Playground;

/// Focuses the selected node on the main canvas, else the canvas itself
/// (one selector list would take the canvas: it comes first in the page).
fn focus_canvas() {
    let _ = browser::focus_first(".canvases .half:first-child .node.selected")
        || browser::focus_first(".canvases .half:first-child svg.canvas");
}

/// True when the key's target is inside the inspector.
fn in_inspector(ev: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest(".inspector").ok().flatten().is_some())
}

/// Gives the canvas the focus if the last change left it on nothing.
fn keep_focus() {
    request_animation_frame(|| {
        if browser::focus_lost() {
            focus_canvas();
        }
    });
}

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
        // Escape in the inspector goes back to the canvas (even from a field).
        if ev.key() == "Escape" && in_inspector(&ev) {
            focus_canvas();
            ev.prevent_default();
            return;
        }
        if typing(&ev) {
            return;
        }
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match (ev.key().as_str(), ctrl, ev.shift_key()) {
            ("z" | "Z", true, false) if editable => {
                pg.undo();
                keep_focus();
            }
            ("z" | "Z", true, true) | ("y", true, _) if editable => {
                pg.redo();
                keep_focus();
            }
            ("d", true, _) if editable => {
                let sel = pg.selection.get_untracked();
                if let [node] = sel[..] {
                    pg.duplicate(node);
                }
            }
            ("Delete" | "Backspace", false, _)
                if editable
                    && pg.selection.with_untracked(|s| s.is_empty())
                    && pg.wire.get_untracked().is_some() =>
            {
                pg.delete_wire();
                keep_focus();
            }
            ("Delete" | "Backspace", false, _) if editable => {
                let sel = pg.selection.get_untracked();
                if !sel.is_empty() {
                    pg.delete(&sel);
                    keep_focus();
                }
            }
            // To the inspector's first control (the selected node's name).
            ("i", false, _) if editable => {
                browser::focus_first(".inspector input, .inspector select, .inspector button");
            }
            ("Escape", _, _) => {
                pg.selection.set(Vec::new());
                pg.wire.set(None);
            }
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
