//! The lesson panel: the current step's text, its live check, and the way
//! back, forward and to any step — all reachable by keyboard.

use leptos::prelude::*;

use super::check::Facts;
use super::steps::{Text, STEPS};
use super::Lesson;
use crate::state::Playground;
use crate::text::i18n::{Lang, T};

fn say(text: Text, lang: Lang) -> &'static str {
    match lang {
        Lang::En => text.en,
        Lang::Id => text.id,
    }
}

/// The lesson panel (shown when the lesson is open).
#[component]
pub fn LessonPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let lesson = expect_context::<Lesson>();
    let current = move || lesson.progress.with(|p| p.current);
    let step = move || STEPS[current()];
    let is_done = move |i: usize| {
        lesson
            .progress
            .with(|p| p.done.iter().any(|d| d == STEPS[i].id))
    };
    // The check runs on the engine's state whenever the picture changes.
    let passed = Memo::new(move |_| {
        if !lesson.open.get() {
            return false;
        }
        let selection = pg.selection.get();
        let (split, rate) = (pg.split.get(), pg.rate.get());
        let facts = pg.snap.with(|snap| {
            pg.figures.with(|figures| {
                pg.scenario
                    .with(|s| Facts::read(snap, figures, s, &selection, split, rate))
            })
        });
        step().check.passed(&facts)
    });
    Effect::new(move |_| {
        if passed.get() {
            lesson.mark_done(current());
        }
    });
    let lang = move || pg.lang.get();
    let text = move |f: fn(&super::steps::Step) -> Text| move || say(f(&step()), lang());
    let heading = move || {
        let i = current();
        let kind = if STEPS[i].challenge {
            pg.t(T::Challenge)
        } else {
            pg.t(T::LessonStep)
        };
        format!("{kind} {} {} {}", i + 1, pg.t(T::LessonOf), STEPS.len())
    };
    let all_done = move || (0..STEPS.len()).all(is_done);
    view! {
        <section id="lesson" class="lesson" aria-labelledby="lesson-title">
            <Show when=move || lesson.unreadable.get()>
                <p class="field-error" role="alert">{move || pg.t(T::LessonUnreadable)}</p>
            </Show>
            <p class="lesson-progress">{heading}</p>
            <h2 id="lesson-title">{text(|s| s.title)}</h2>
            <p>{text(|s| s.intro)}</p>
            <p class="task"><strong>{move || pg.t(T::YourTask)}": "</strong>{text(|s| s.task)}</p>
            <p id="lesson-status" class="lesson-status" class:done=move || is_done(current()) role="status" aria-live="polite">
                {move || if is_done(current()) { pg.t(T::StepDone) } else { pg.t(T::WaitingForYou) }}
            </p>
            <Show when=move || is_done(current())>
                <p class="explain">{text(|s| s.explain)}</p>
            </Show>
            <Show when=all_done>
                <p class="explain"><strong>{move || pg.t(T::LessonFinished)}</strong></p>
            </Show>
            <div class="actions">
                <button id="lesson-back" prop:disabled=move || current() == 0
                    on:click=move |_| lesson.go(pg, current().saturating_sub(1))>{move || pg.t(T::LessonBack)}</button>
                <button id="lesson-replay" on:click=move |_| lesson.go(pg, current())>{move || pg.t(T::LessonReplay)}</button>
                <button id="lesson-next" class="primary"
                    prop:disabled=move || !is_done(current()) || current() + 1 == STEPS.len()
                    on:click=move |_| lesson.go(pg, current() + 1)>{move || pg.t(T::LessonNext)}</button>
            </div>
            <details class="lesson-steps">
                <summary>{move || pg.t(T::LessonSteps)}</summary>
                <ol>
                    {(0..STEPS.len()).map(|i| view! {
                        <li>
                            <button class="link" aria-current=move || (current() == i).then_some("step")
                                on:click=move |_| lesson.go(pg, i)>
                                {move || say(STEPS[i].title, lang())}
                                {move || is_done(i).then_some(" ✓")}
                            </button>
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </section>
    }
}
