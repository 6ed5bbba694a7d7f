//! The application shell: toolbar, canvas with its palette, inspector and
//! panels (or, embedded in a course page, the compact player); keyboard
//! shortcuts; autosave.

pub mod bench_hook;
mod clock;
mod startup;
mod status;
pub mod toolbar;

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::canvas::{fit, Canvas, View};
use crate::inspector::Inspector;
use crate::io::browser;
use crate::io::files::{dropped_file, import_file, FileMenu};
use crate::io::saving::{autosave, Saving};
use crate::model::edits;
use crate::panels::{chart::ChartPanel, compare::ComparePanel, log::LogPanel};
use crate::state::Playground;
use crate::text::i18n::{Lang, T};
use startup::Embed;
use status::{RunStatus, WorkStatus};
use toolbar::Toolbar;

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

fn shortcuts(pg: Playground, fit_view: impl Fn() + Copy + 'static, editable: bool) {
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

/// The heading of one side in the side-by-side view: its mode and how its
/// orders fare.
#[component]
fn SideLabel(twin: bool) -> impl IntoView {
    let pg = expect_context::<Playground>();
    // One computation per frame for both parts of the label.
    let text = Memo::new(move |_| {
        let lang = pg.lang.get();
        let mode = pg
            .scenario
            .with(|s| if twin { s.mode.other() } else { s.mode });
        let side = if twin { pg.twin_snap } else { pg.snap };
        let orders = side.with(|s| s.orders);
        let p50 = orders
            .response_p50
            .map_or_else(|| "—".to_string(), kurir_engine::base::time::format_micros);
        let figures = format!(
            "{} p50 {p50} · {} {}",
            T::Response.get(lang),
            orders.completed,
            T::Completed.get(lang)
        );
        let name = match mode {
            kurir_engine::Mode::Rpc => T::Rpc.get(lang),
            kurir_engine::Mode::Messaging => T::Messaging.get(lang),
        };
        (name, figures)
    });
    view! {
        <div class="side-label" class:twin=twin>
            <strong>{move || text.with(|t| t.0)}</strong>
            <span>{move || text.with(|t| t.1.clone())}</span>
        </div>
    }
}

/// Reads the newest event to screen readers, at most every two seconds so
/// that a busy run stays listenable.
#[component]
fn LiveNarration() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let spoken = RwSignal::new(String::new());
    let last = StoredValue::new(0u64);
    let handle = set_interval_with_handle(
        move || {
            let newest = pg
                .log
                .with_untracked(|l| l.back().map(|line| (line.seq, line.text.clone())));
            if let Some((seq, text)) = newest {
                if seq != last.get_value() {
                    last.set_value(seq);
                    spoken.set(text);
                }
            }
        },
        std::time::Duration::from_secs(2),
    );
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    view! { <div class="visually-hidden" aria-live="polite" id="live">{move || spoken.get()}</div> }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let start = startup::decide();
    let lang = start
        .lang
        .or(start.view.as_ref().map(|v| v.lang))
        .unwrap_or_else(browser_lang);
    let pg = Playground::new(start.scenario, lang);
    provide_context(pg);
    if let Some(previous) = &start.previous {
        pg.remember_before(previous.clone());
    }
    let saving = Saving::new(start.held, start.previous);
    provide_context(saving);
    if let Some((key, detail)) = start.notice {
        pg.notice.set(Some(format!("{} {detail}", key.get(lang))));
    }
    let embed = start.embed;
    // The guided lesson belongs to the full app; embeds show a scenario only.
    let lesson = embed.is_none().then(|| crate::lesson::Lesson::new(true));
    if let Some(l) = lesson {
        provide_context(l);
    }
    if let Some(e) = embed {
        pg.playing.set(e.autoplay);
    }
    crate::shell::clock::start(pg);
    let view = RwSignal::new(View {
        x: 0.0,
        y: 0.0,
        zoom: 1.0,
    });
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let twin_svg = NodeRef::<leptos::svg::Svg>::new();
    let fit_view = move || {
        if let Some(el) = svg.get_untracked() {
            let r = el.get_bounding_client_rect();
            view.set(
                pg.scenario
                    .with_untracked(|s| fit(s, r.width(), r.height(), embed.is_none())),
            );
        }
    };
    match start.view {
        Some(saved) => {
            pg.speed.set(saved.speed);
            view.set(View {
                x: saved.pan.0,
                y: saved.pan.1,
                zoom: saved.pan.2,
            });
        }
        // Fit once the canvas has its size.
        None => request_animation_frame(fit_view),
    }
    // A newly opened scenario (gallery, file, New) is shown whole.
    Effect::new(move |_| {
        if pg.fit_requests.get() > 0 {
            request_animation_frame(fit_view);
        }
    });
    // Zoom around the middle of the canvas.
    let zoom_by = move |factor: f64| {
        let (w, h) = svg.get_untracked().map_or((800.0, 500.0), |el| {
            let r = el.get_bounding_client_rect();
            (r.width(), r.height())
        });
        view.update(|v| {
            let zoom =
                (v.zoom * factor).clamp(crate::io::persist::MIN_ZOOM, crate::io::persist::MAX_ZOOM);
            let (cx, cy) = (w / 2.0, h / 2.0);
            v.x = cx - (cx - v.x) * zoom / v.zoom;
            v.y = cy - (cy - v.y) * zoom / v.zoom;
            v.zoom = zoom;
        });
    };
    shortcuts(pg, fit_view, embed.is_none());
    // Side by side halves the canvas: fit again once the layout has changed.
    Effect::new(move |first: Option<()>| {
        pg.split.track();
        if first.is_some() {
            request_animation_frame(fit_view);
        }
    });
    if embed.is_none() {
        autosave(pg, view, saving);
    }
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
        let made = pg.edit(|s| match what {
            0 => edits::add_service(s, x, y),
            1 => edits::add_channel(s, true, x, y),
            _ => edits::add_channel(s, false, x, y),
        });
        if let Some(n) = made {
            pg.selection.set(vec![n]);
        }
    };
    let notice = move || {
        let error = pg.notice.get().map(|text| view! {
            <div class="notice" role="alert">
                <span>{text}</span>
                <button class="small" aria-label=move || pg.t(T::Close) on:click=move |_| pg.notice.set(None)>"✕"</button>
            </div>
        });
        let info = pg.info.get().filter(|_| pg.notice.with(|n| n.is_none())).map(|text| view! {
            <div class="notice info" role="status">
                <span>{text}</span>
                <button class="small" aria-label=move || pg.t(T::Close) on:click=move |_| pg.info.set(None)>"✕"</button>
            </div>
        });
        (error, info)
    };
    let hidden_dots = move || {
        let hidden = pg.snap.with(|s| s.dots_hidden);
        (hidden > 0).then(|| view! { <div class="hidden-dots" role="status">{format!("+{hidden} ")}{move || pg.t(T::HiddenDots)}</div> })
    };
    // From an embed, the full app opens on the scenario shown now.
    let link_for_full_app = move || {
        let base = browser::base_url();
        let base = base.split('?').next().unwrap_or_default().to_string();
        let payload = pg.scenario.with(kurir_engine::input::link::encode);
        format!("{base}#s={payload}")
    };
    if let Some(Embed { readonly, .. }) = embed {
        return view! {
            <div class="app embed">
                <LiveNarration />
                <header class="topbar">
                    <a class="brand" href=link_for_full_app target="_blank" rel="noopener" title=move || pg.t(T::OpenFull)>"Kurir ↗"</a>
                    <Toolbar />
                </header>
                <main class="workspace">
                    <section class="canvas-area" aria-label=move || pg.t(T::Canvas)>
                        <div class="notices">{notice}<RunStatus /></div>
                        <Canvas view=view svg=svg readonly=readonly />
                        {hidden_dots}
                    </section>
                </main>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="app">
            <LiveNarration />
            <header class="topbar">
                <div class="brand-block">
                    <h1 class="brand">"Kurir"</h1>
                    <span class="tagline">{move || pg.t(T::Tagline)}</span>
                </div>
                <Toolbar />
            </header>
            <main class="workspace">
                <section class="canvas-area" aria-label=move || pg.t(T::Canvas)
                    on:dragover=move |ev| ev.prevent_default()
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        if let Some(file) = dropped_file(&ev) { import_file(pg, file) }
                    }>
                    <div class="palette" role="toolbar" aria-label=move || pg.t(T::Add)>
                        <div class="group">
                            <button id="add-service" on:click=move |_| add(0)>"+ " {move || pg.t(T::AddService)}</button>
                            <button id="add-queue" on:click=move |_| add(1)>"+ " {move || pg.t(T::AddQueue)}</button>
                            <button id="add-topic" on:click=move |_| add(2)>"+ " {move || pg.t(T::AddTopic)}</button>
                            <span class="sep"></span>
                            <button id="undo" title="Ctrl+Z" aria-label=move || pg.t(T::Undo) on:click=move |_| pg.undo()>"↶"</button>
                            <button id="redo" title="Ctrl+Shift+Z" aria-label=move || pg.t(T::Redo) on:click=move |_| pg.redo()>"↷"</button>
                            <button id="fit" title="F" aria-label=move || pg.t(T::FitView) on:click=move |_| fit_view()>"⤢"</button>
                            <button id="zoom-out" aria-label=move || pg.t(T::ZoomOut) title="−" on:click=move |_| zoom_by(1.0 / 1.25)>"−"</button>
                            <button id="zoom-in" aria-label=move || pg.t(T::ZoomIn) title="+" on:click=move |_| zoom_by(1.25)>"+"</button>
                        </div>
                        <div class="group">
                            <FileMenu />
                        </div>
                    </div>
                    <div class="notices">{notice}<WorkStatus /><RunStatus /></div>
                    <div class="canvases" class:split=move || pg.split.get()>
                        <div class="half">
                            {move || pg.split.get().then(|| view! { <SideLabel twin=false /> })}
                            <Canvas view=view svg=svg readonly=false />
                        </div>
                        {move || pg.split.get().then(|| view! {
                            <div class="half twin">
                                <SideLabel twin=true />
                                <Canvas view=view svg=twin_svg readonly=true twin=true />
                            </div>
                        })}
                    </div>
                    {hidden_dots}
                </section>
                <aside class="side-panel">
                    {move || lesson
                        .filter(|l| l.open.get())
                        .map(|_| view! { <crate::lesson::LessonPanel /> })}
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
    .into_any()
}
