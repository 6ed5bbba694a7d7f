//! The heading of each side in the side-by-side view.

use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

/// The heading of one side in the side-by-side view: its mode and how its
/// orders fare.
#[component]
pub(super) fn SideLabel(twin: bool) -> impl IntoView {
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
