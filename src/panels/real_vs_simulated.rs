//! Live side by side: the real broker's figures beside the simulator's for
//! the same orders, each row marked the same or different.

use leptos::prelude::*;

use crate::model::real_vs_simulated::{compare, Comparison, Figure};
use crate::state::Playground;
use crate::text::i18n::{Lang, T};

/// What a row is called: the node's name and what is counted.
fn label(figure: Figure, names: &(Vec<String>, Vec<String>), lang: Lang) -> String {
    let service = |i: kurir_engine::ServiceId| names.0.get(i.index()).cloned().unwrap_or_default();
    let channel = |i: kurir_engine::ChannelId| names.1.get(i.index()).cloned().unwrap_or_default();
    match figure {
        Figure::Placed => T::OrdersPlaced.get(lang).into(),
        Figure::Answered => T::OrdersAnswered.get(lang).into(),
        Figure::Processed(i) => format!("{} · {}", service(i), T::Processed.get(lang)),
        Figure::Failed(i) => format!("{} · {}", service(i), T::Failed.get(lang)),
        Figure::Delivered(i) => format!("{} · {}", channel(i), T::CopiesDelivered.get(lang)),
        Figure::DeadLettered(i) => format!("{} · {}", channel(i), T::DeadLettered.get(lang)),
        Figure::Dropped(i) => format!("{} · {}", channel(i), T::Dropped.get(lang)),
    }
}

/// The panel, while live and side by side.
#[component]
pub fn RealVsSimulatedPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    // Recomputed each frame (both pictures move), redrawn only on a change.
    let comparison = Memo::new(move |_| {
        pg.snap
            .with(|real| pg.twin_snap.with(|sim| compare(real, sim)))
    });
    let names = Memo::new(move |_| {
        pg.scenario.with(|s| {
            let services = (0..s.services.len()).map(|i| s.service_name(i).to_string());
            let channels = (0..s.channels.len()).map(|i| s.channel_name(i).to_string());
            (services.collect::<Vec<_>>(), channels.collect::<Vec<_>>())
        })
    });
    let summary = move |c: &Comparison, lang: Lang| match (c.differing(), c.settled) {
        (0, _) => T::AllMatch.get(lang).to_string(),
        (n, false) => format!("{n} {}", T::SomeDiffer.get(lang)),
        (n, true) => format!("{n} {}", T::SomeDifferSettled.get(lang)),
    };
    let table = move || {
        let lang = pg.lang.get();
        let c = comparison.get();
        let names = names.get();
        let rows = c.rows.iter().map(|r| {
            let (mark, state) = match (r.matched(), c.settled) {
                (true, _) => (T::RowMatches, "same"),
                (false, false) => (T::RowInFlight, "in-flight"),
                (false, true) => (T::RowDiffers, "differs"),
            };
            view! {
                <tr data-state=state>
                    <th scope="row">{label(r.figure, &names, lang)}</th>
                    <td>{r.real}</td>
                    <td>{r.simulated}</td>
                    <td class="verdict">{mark.get(lang)}</td>
                </tr>
            }
        });
        view! {
            <p class="hint" id="real-vs-simulated-summary" data-differing=c.differing() data-settled=c.settled.to_string()>
                {summary(&c, lang)}
            </p>
            <table class="compare real-vs-simulated">
                <thead><tr>
                    <td></td>
                    <th scope="col">{T::RealSide.get(lang)}</th>
                    <th scope="col">{T::SimulatedSide.get(lang)}</th>
                    <td></td>
                </tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        }
    };
    view! {
        <section class="card compare-card" id="real-vs-simulated" aria-labelledby="real-vs-simulated-title" tabindex="0">
            <h2 id="real-vs-simulated-title">{move || pg.t(T::RealVsSimulated)}</h2>
            <p class="hint">{move || pg.t(T::RealVsSimulatedIntro)}</p>
            {table}
        </section>
    }
}
