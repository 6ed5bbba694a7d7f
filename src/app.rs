//! The application shell: toolbar, canvas with its palette, inspector and
//! panels; keyboard shortcuts.

use kurir_engine::examples;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::canvas::{fit, Canvas, View};
use crate::edits;
use crate::i18n::{Lang, T};
use crate::inspector::Inspector;
use crate::panels::{chart::ChartPanel, compare::ComparePanel, log::LogPanel};
use crate::state::Playground;
use crate::toolbar::Toolbar;

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::En, |tag| Lang::from_tag(&tag))
}

/// True when keys typed go into a form control, not to the canvas shortcuts.
fn typing(ev: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

fn shortcuts(pg: Playground, fit_view: impl Fn() + Copy + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if typing(&ev) {
            return;
        }
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match (ev.key().as_str(), ctrl, ev.shift_key()) {
            ("z" | "Z", true, false) => pg.undo(),
            ("z" | "Z", true, true) | ("y", true, _) => pg.redo(),
            ("d", true, _) => {
                let sel = pg.selection.get_untracked();
                if let [node] = sel[..] {
                    let mut made = None;
                    pg.edit(|s| made = edits::duplicate(s, node));
                    if let Some(n) = made {
                        pg.selection.set(vec![n]);
                    }
                }
            }
            ("Delete" | "Backspace", false, _) => {
                let sel = pg.selection.get_untracked();
                if !sel.is_empty() {
                    pg.edit(|s| edits::delete(s, &sel));
                    pg.selection.set(Vec::new());
                }
            }
            ("Escape", _, _) => pg.selection.set(Vec::new()),
            ("o", false, _) => pg.place_order(),
            ("f", false, _) => fit_view(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let pg = Playground::new(examples::lesson(), browser_lang());
    provide_context(pg);
    crate::clock::start(pg);
    let view = RwSignal::new(View {
        x: 0.0,
        y: 0.0,
        zoom: 1.0,
    });
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let fit_view = move || {
        if let Some(el) = svg.get_untracked() {
            let r = el.get_bounding_client_rect();
            view.set(
                pg.scenario
                    .with_untracked(|s| fit(s, r.width(), r.height())),
            );
        }
    };
    // Zoom around the middle of the canvas.
    let zoom_by = move |factor: f64| {
        let (w, h) = svg.get_untracked().map_or((800.0, 500.0), |el| {
            let r = el.get_bounding_client_rect();
            (r.width(), r.height())
        });
        view.update(|v| {
            let zoom = (v.zoom * factor).clamp(0.2, 3.0);
            let (cx, cy) = (w / 2.0, h / 2.0);
            v.x = cx - (cx - v.x) * zoom / v.zoom;
            v.y = cy - (cy - v.y) * zoom / v.zoom;
            v.zoom = zoom;
        });
    };
    shortcuts(pg, fit_view);
    // Fit once the canvas has its size.
    request_animation_frame(fit_view);
    Effect::new(move |_| {
        let tag = pg.lang.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    let add = move |what: u8| {
        let (w, h) = svg.get_untracked().map_or((800.0, 500.0), |el| {
            let r = el.get_bounding_client_rect();
            (r.width(), r.height())
        });
        let v = view.get_untracked();
        let (x, y) = ((w / 2.0 - v.x) / v.zoom, (h / 2.0 - v.y) / v.zoom);
        let mut made = None;
        pg.edit(|s| {
            made = Some(match what {
                0 => edits::add_service(s, x, y),
                1 => edits::add_channel(s, true, x, y),
                _ => edits::add_channel(s, false, x, y),
            })
        });
        if let Some(n) = made {
            pg.selection.set(vec![n]);
        }
    };
    view! {
        <div class="app">
            <header class="topbar">
                <div class="brand-block">
                    <span class="brand">"Kurir"</span>
                    <span class="tagline">{move || pg.t(T::Tagline)}</span>
                </div>
                <Toolbar />
            </header>
            <main class="workspace">
                <section class="canvas-area" aria-label=move || pg.t(T::Canvas)>
                    <div class="palette" role="toolbar" aria-label=move || pg.t(T::Add)>
                        <button id="add-service" on:click=move |_| add(0)>"+ " {move || pg.t(T::AddService)}</button>
                        <button id="add-queue" on:click=move |_| add(1)>"+ " {move || pg.t(T::AddQueue)}</button>
                        <button id="add-topic" on:click=move |_| add(2)>"+ " {move || pg.t(T::AddTopic)}</button>
                        <span class="sep"></span>
                        <button id="undo" title="Ctrl+Z" on:click=move |_| pg.undo()>"↶ " {move || pg.t(T::Undo)}</button>
                        <button id="redo" title="Ctrl+Shift+Z" on:click=move |_| pg.redo()>"↷ " {move || pg.t(T::Redo)}</button>
                        <button id="fit" title="F" on:click=move |_| fit_view()>"⤢ " {move || pg.t(T::FitView)}</button>
                        <button id="zoom-out" aria-label=move || pg.t(T::ZoomOut) title="-" on:click=move |_| zoom_by(1.0 / 1.25)>"−"</button>
                        <button id="zoom-in" aria-label=move || pg.t(T::ZoomIn) title="+" on:click=move |_| zoom_by(1.25)>"+"</button>
                    </div>
                    {move || pg.notice.get().map(|text| view! {
                        <div class="notice" role="alert">
                            <span>{text}</span>
                            <button class="small" aria-label="close" on:click=move |_| pg.notice.set(None)>"✕"</button>
                        </div>
                    })}
                    <Canvas view=view svg=svg />
                    {move || {
                        let hidden = pg.snap.with(|s| s.dots_hidden);
                        (hidden > 0).then(|| view! { <div class="hidden-dots" role="status">{format!("+{hidden} ")}{move || pg.t(T::HiddenDots)}</div> })
                    }}
                </section>
                <aside class="side-panel">
                    <Inspector />
                </aside>
                <div class="panels">
                    <ComparePanel />
                    <ChartPanel />
                    <LogPanel />
                </div>
            </main>
        </div>
    }
}
