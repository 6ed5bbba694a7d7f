//! Banners over the canvas about the run and the user's work: the run goes
//! slower than set, orders are refused at Kurir's limit, saving failed,
//! unreadable saved data waits to be downloaded, a share link replaced the
//! previous work (restorable). Each reads signals only.

use leptos::prelude::*;

use crate::io::saving::Saving;
use crate::state::Playground;
use crate::text::i18n::T;

/// The run's own banners (also in embeds).
#[component]
pub fn RunStatus() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let refused = move || pg.figures.with(|f| f.refused);
    // Closed by the user for this run; a new run (nothing refused) opens it again.
    let closed = RwSignal::new(false);
    Effect::new(move |_| {
        if refused() == 0 {
            closed.set(false);
        }
    });
    view! {
        <Show when=move || pg.behind.get()>
            <div class="notice info" role="status" id="falling-behind">
                <span>{move || pg.t(T::FallingBehind)}</span>
            </div>
        </Show>
        <Show when=move || { refused() > 0 && !closed.get() }>
            <div class="notice" role="status" id="orders-refused">
                <span>{move || format!("{} {}", refused(), pg.t(T::OrdersRefused))}</span>
                <button class="small" aria-label=move || pg.t(T::Close) on:click=move |_| closed.set(true)>"✕"</button>
            </div>
        </Show>
    }
}

/// Live mode's line: which broker, and where the run stands (always shown
/// while live, so a broker gone or a refusal is never missed).
#[component]
pub fn LiveStatus() -> impl IntoView {
    let pg = expect_context::<Playground>();
    move || {
        pg.live.get().map(|live| {
            let bad = !matches!(
                live.state,
                crate::state::LiveState::Running | crate::state::LiveState::Starting
            );
            view! {
                <div class="notice live-status" class:info=!bad role="status" id="live-status"
                    data-state=format!("{:?}", live.state).to_lowercase()>
                    <span>{crate::io::live::status_text(&pg, &live)}</span>
                </div>
            }
        })
    }
}

/// Banners about keeping the user's work (the full app only).
#[component]
pub fn WorkStatus() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let saving = expect_context::<Saving>();
    let export = move |_| crate::io::export::export(pg);
    let download_held = move |_| {
        if let Some(text) = saving.held.get_untracked() {
            match crate::io::browser::download("kurir-unreadable-saved-data.json", &text) {
                Ok(()) => saving.held.set(None),
                Err(e) => pg.notice.set(Some(e)),
            }
        }
    };
    let restore = move |_| {
        if let Some(previous) = saving.previous.get_untracked() {
            if pg.replace(previous) {
                saving.previous.set(None);
            }
        }
    };
    view! {
        <Show when=move || saving.failed.get()>
            <div class="notice" role="alert" id="save-failed">
                <span>{move || pg.t(T::SaveFailed)}</span>
                <button class="small" on:click=export>{move || pg.t(T::Export)}</button>
            </div>
        </Show>
        <Show when=move || saving.held.with(Option::is_some)>
            <div class="notice" role="alert" id="saved-held">
                <span>{move || pg.t(T::SavedBrokenNotKept)}</span>
                <button class="small" on:click=download_held>{move || pg.t(T::DownloadIt)}</button>
                <button class="small" aria-label=move || pg.t(T::Close) on:click=move |_| saving.held.set(None)>"✕"</button>
            </div>
        </Show>
        <Show when=move || saving.previous.with(Option::is_some)>
            <div class="notice info" role="status" id="link-opened">
                <span>{move || pg.t(T::LinkOpened)}</span>
                <button class="small" id="restore-work" on:click=restore>{move || pg.t(T::RestoreWork)}</button>
                <button class="small" aria-label=move || pg.t(T::Close) on:click=move |_| saving.previous.set(None)>"✕"</button>
            </div>
        </Show>
    }
}
