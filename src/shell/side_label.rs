//! The heading of each side in the side-by-side view.

use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

/// The heading of one side in the side-by-side view: its mode (live: the
/// real broker or the simulator) and how its orders fare.
#[component]
pub(super) fn SideLabel(twin: bool) -> impl IntoView {
    let pg = expect_context::<Playground>();
    // One computation per frame for both parts of the label.
    let text = Memo::new(move |_| {
        let lang = pg.lang.get();
        let side = if twin { pg.twin_snap } else { pg.snap };
        let orders = side.with(|s| s.orders);
        let p50 = orders
            .response_p50
            .map_or_else(|| "—".to_string(), kurir_engine::base::time::format_micros);
        // Live, both sides count answers: a broker's clients cannot see when
        // every copy of an order is done.
        let live = pg.live.with(|l| l.as_ref().map(|l| l.name.clone()));
        let (done, done_word) = match live {
            Some(_) => (orders.responded, T::AnsweredWord),
            None => (orders.completed, T::Completed),
        };
        let figures = format!(
            "{} p50 {p50} · {done} {}",
            T::Response.get(lang),
            done_word.get(lang)
        );
        let mode = if twin {
            pg.twin_mode()
        } else {
            pg.scenario.with(|s| s.mode)
        };
        let name = match (live, mode) {
            (Some(_), _) if twin => T::SimulatedSide.get(lang).to_string(),
            (Some(Some(broker)), _) => format!("{} · {broker}", T::RealSide.get(lang)),
            (Some(None), _) => T::RealSide.get(lang).to_string(),
            (None, kurir_engine::Mode::Rpc) => T::Rpc.get(lang).to_string(),
            (None, kurir_engine::Mode::Messaging) => T::Messaging.get(lang).to_string(),
        };
        (name, figures)
    });
    view! {
        <div class="side-label" class:twin=twin>
            <strong>{move || text.with(|t| t.0.clone())}</strong>
            <span>{move || text.with(|t| t.1.clone())}</span>
        </div>
    }
}
