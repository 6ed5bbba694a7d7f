//! The bar over the canvas: add a service, queue or topic, undo and redo,
//! tidy, fit and zoom, and the file menu.

use leptos::prelude::*;

use super::viewport::Viewport;
use crate::io::files::FileMenu;
use crate::model::edits;
use crate::state::Playground;
use crate::text::i18n::T;

/// What the add buttons make.
#[derive(Clone, Copy)]
enum New {
    Service,
    Queue,
    Topic,
}

/// The palette of the full app.
#[component]
pub(super) fn Palette(viewport: Viewport) -> impl IntoView {
    let pg = expect_context::<Playground>();
    // New nodes land at the middle of the view, on a free spot.
    let add = move |what: New| {
        let (x, y) = viewport.centre();
        let made = pg.edit(|s| match what {
            New::Service => edits::add_service(s, x, y),
            New::Queue => edits::add_channel(s, true, x, y),
            New::Topic => edits::add_channel(s, false, x, y),
        });
        if let Some(n) = made {
            pg.selection.set(vec![n]);
        }
    };
    // Undo and redo stay focusable when they have nothing to do (a disabled
    // button would drop the keyboard's focus after the last undo).
    view! {
        <div class="palette" role="toolbar" aria-label=move || pg.t(T::Add)>
            <div class="group">
                <button id="add-service" on:click=move |_| add(New::Service)>"+ " {move || pg.t(T::AddService)}</button>
                <button id="add-queue" on:click=move |_| add(New::Queue)>"+ " {move || pg.t(T::AddQueue)}</button>
                <button id="add-topic" on:click=move |_| add(New::Topic)>"+ " {move || pg.t(T::AddTopic)}</button>
                <span class="sep"></span>
                <button id="undo" title="Ctrl+Z" aria-label=move || pg.t(T::Undo)
                    aria-disabled=move || (!pg.history.get().0).to_string() on:click=move |_| pg.undo()>"↶"</button>
                <button id="redo" title="Ctrl+Shift+Z" aria-label=move || pg.t(T::Redo)
                    aria-disabled=move || (!pg.history.get().1).to_string() on:click=move |_| pg.redo()>"↷"</button>
                <button id="tidy" title=move || pg.t(T::TidyHint) aria-label=move || pg.t(T::Tidy)
                    on:click=move |_| if pg.edit(crate::model::tidy::tidy).is_some() { viewport.fit() }>"⇶"</button>
                <button id="fit" title="F" aria-label=move || pg.t(T::FitView) on:click=move |_| viewport.fit()>"⤢"</button>
                <button id="zoom-out" aria-label=move || pg.t(T::ZoomOut) title="−" on:click=move |_| viewport.zoom_by(1.0 / 1.25)>"−"</button>
                <button id="zoom-in" aria-label=move || pg.t(T::ZoomIn) title="+" on:click=move |_| viewport.zoom_by(1.25)>"+"</button>
            </div>
            <div class="group">
                <FileMenu />
            </div>
        </div>
    }
}
