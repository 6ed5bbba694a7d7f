//! Messages over the canvas that the user closes: an error (an edit refused,
//! a file that could not be read) or a piece of information.

use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

/// The playground's notice and information banners.
#[component]
pub(super) fn Notices() -> impl IntoView {
    let pg = expect_context::<Playground>();
    move || {
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
    }
}
