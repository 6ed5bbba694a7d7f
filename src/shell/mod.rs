//! The application shell: toolbar, canvas with its palette, inspector and
//! panels (or, embedded in a course page, the compact player); keyboard
//! shortcuts; autosave.

pub mod bench_hook;
mod clock;
mod narration;
mod notices;
mod palette;
mod shortcuts;
mod side_label;
mod startup;
mod status;
pub mod toolbar;
mod viewport;
mod welcome;

use leptos::prelude::*;

use crate::canvas::Canvas;
use crate::inspector::Inspector;
use crate::io::browser;
use crate::io::files::{dropped_file, import_file};
use crate::io::saving::{autosave, Saving};
use crate::model::view::View;
use crate::panels::real_vs_simulated::RealVsSimulatedPanel;
use crate::panels::{chart::ChartPanel, compare::ComparePanel, log::LogPanel};
use crate::state::Playground;
use crate::text::i18n::{Lang, T};
use narration::LiveNarration;
use notices::Notices;
use palette::Palette;
use shortcuts::shortcuts;
use side_label::SideLabel;
use startup::Embed;
use status::{LiveStatus, RunStatus, WorkStatus};
use toolbar::Toolbar;
use viewport::Viewport;

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::En, |tag| Lang::from_tag(&tag))
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
    crate::io::live::offer(pg);
    if let Some(previous) = &start.previous {
        pg.remember_before(previous.clone());
    }
    let welcome_open = RwSignal::new(start.first_visit);
    let example = crate::panels::example_note::current_example(pg);
    // An example opens with its note ("What is special here / Try this",
    // at the top of the side panel when nothing is selected); on a phone
    // the sheet unfolds to show it. So does exploring after the welcome.
    let example_card = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        if pg.fit_requests.get() > 0 {
            example_card.set(example.get_untracked());
        }
    });
    Effect::new(move |was_open: Option<bool>| {
        let open = welcome_open.get();
        if was_open == Some(true) && !open {
            example_card.set(example.get_untracked());
        }
        open
    });
    let saving = Saving::new(start.held, start.previous);
    provide_context(saving);
    if let Some((key, detail)) = start.notice {
        pg.notice
            .set(Some(format!("{} {}", key.get(lang), detail.told(lang))));
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
    let viewport = Viewport {
        pg,
        view,
        svg,
        palette: embed.is_none(),
    };
    let fit_view = move || viewport.fit();
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
        let lang = pg.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(&format!("Kurir — {}", T::Tagline.get(lang)));
    });
    // Selecting a node or opening the lesson unfolds the sheet: that is
    // what the learner wants to see. With neither, it holds only the idle
    // help, and folded it leaves the phone's screen to the canvas.
    let nothing_to_show = move || {
        pg.selection.with(|s| s.is_empty())
            && !lesson.is_some_and(|l| l.open.get())
            && example_card.get().is_none()
    };
    let sheet_folded = RwSignal::new(true);
    Effect::new(move |_| sheet_folded.set(nothing_to_show()));
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
    if let Some(Embed {
        readonly, panels, ..
    }) = embed
    {
        return view! {
            <div class="app embed" class:with-panels=panels>
                <LiveNarration />
                <header class="topbar">
                    <a class="brand" href=link_for_full_app target="_blank" rel="noopener" title=move || pg.t(T::OpenFull)>"Kurir ↗"</a>
                    <Toolbar />
                </header>
                <main class="workspace">
                    <section class="canvas-area" aria-label=move || pg.t(T::Canvas)>
                        <div class="notices"><Notices /><RunStatus /></div>
                        <Canvas view=view svg=svg readonly=readonly />
                        {hidden_dots}
                    </section>
                    {panels.then(|| view! {
                        <div class="panels">
                            <ComparePanel />
                            <ChartPanel />
                            <LogPanel />
                        </div>
                    })}
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
                    // One column: the notices start below the palette however
                    // many rows it wraps into.
                    <div class="canvas-top">
                        <Palette viewport=viewport />
                        <div class="notices"><LiveStatus /><Notices /><WorkStatus /><RunStatus /></div>
                    </div>
                    <div class="canvases" class:split=move || pg.split.get()
                        class:twin-first=move || pg.live.with(Option::is_none) && pg.scenario.with(|s| s.mode == kurir_engine::Mode::Messaging)>
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
                    {move || welcome_open.get().then(|| view! { <welcome::Welcome open=welcome_open /> })}
                </section>
                // On a phone the side panel is a sheet over the bottom of the
                // screen, so the lesson's task, the inspector and the canvas
                // they act on are in view together; its handle folds it away.
                <aside class="side-panel" class:folded=move || sheet_folded.get()>
                    <button class="sheet-handle" id="sheet-toggle"
                        aria-expanded=move || (!sheet_folded.get()).to_string()
                        on:click=move |_| {
                            // (only when shown: setting it wakes the effect,
                            // which would fold a sheet just opened by hand)
                            if example_card.get_untracked().is_some() {
                                example_card.set(None);
                            }
                            sheet_folded.update(|f| *f = !*f)
                        }>
                        {move || pg.t(if sheet_folded.get() { T::SheetOpen } else { T::SheetFold })}
                    </button>
                    {move || lesson
                        .filter(|l| l.open.get())
                        .map(|_| view! { <crate::lesson::LessonPanel /> })}
                    <Inspector />
                </aside>
                <div class="panels">
                    {move || (pg.split.get() && pg.live.with(Option::is_some))
                        .then(|| view! { <RealVsSimulatedPanel /> })}
                    <ComparePanel />
                    <ChartPanel />
                    <LogPanel />
                </div>
            </main>
        </div>
    }
    .into_any()
}
