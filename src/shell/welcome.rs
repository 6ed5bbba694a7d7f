//! The first visit: what the page answers, and two ways in — the guided
//! lesson or exploring alone. Shown once (remembered in the browser), never
//! in an embed or when a share link opened a scenario. The run waits
//! meanwhile, so the clock does not tick in front of nobody.

use leptos::prelude::*;

use crate::io::browser;
use crate::lesson::Lesson;
use crate::state::Playground;
use crate::text::i18n::T;

/// Set once the learner has chosen a way in.
pub const WELCOMED_KEY: &str = "kurir.welcomed";

/// True on a first visit: nothing saved, not welcomed before.
pub fn first_visit(saved: bool) -> bool {
    !saved && browser::load(WELCOMED_KEY).is_none()
}

/// The welcome card over the canvas.
#[component]
pub fn Welcome(open: RwSignal<bool>) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let lesson = use_context::<Lesson>();
    let playing = pg.playing.get_untracked();
    pg.playing.set(false);
    let close = move |start_lesson: bool| {
        browser::store(WELCOMED_KEY, "1");
        open.set(false);
        pg.playing.set(playing);
        if let (true, Some(l)) = (start_lesson, lesson) {
            if !l.open.get_untracked() {
                l.toggle(pg);
            }
        }
    };
    // Placing an order or pressing Play from the toolbar is exploring too.
    Effect::new(move |_| {
        let acted = pg.snap.with(|s| s.orders.placed > 0) || pg.playing.get();
        if acted && open.get_untracked() {
            close(false);
            pg.playing.set(true);
        }
    });
    let start = NodeRef::<leptos::html::Button>::new();
    let card = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(b) = start.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="welcome-backdrop">
            <div class="welcome dialog" role="dialog" aria-modal="true" aria-labelledby="welcome-title" node_ref=card
                on:keydown=move |ev| {
                    if ev.key() == "Escape" { close(false) }
                    if let Some(el) = card.get() { browser::trap_tab(&ev, &el) }
                }>
                <h2 id="welcome-title">{move || pg.t(T::WelcomeTitle)}</h2>
                <p>{move || pg.t(T::WelcomeText)}</p>
                <div class="actions">
                    <button class="accent" id="welcome-lesson" node_ref=start on:click=move |_| close(true)>
                        {move || pg.t(T::WelcomeLesson)}
                    </button>
                    <button id="welcome-explore" on:click=move |_| close(false)>{move || pg.t(T::WelcomeExplore)}</button>
                </div>
            </div>
        </div>
    }
}
