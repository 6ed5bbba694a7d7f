//! RPC versus messaging, measured on identical orders by the engine, and one
//! order drawn as a timeline in each style.

use kurir_engine::base::time::{format_micros, Micros, MS, SEC};
use kurir_engine::observe::compare::{compare, ModeReport, COMPARE_EVENTS};
use kurir_engine::sim::trace::EventKind;
use kurir_engine::{Mode, Scenario, ServiceId, Sim, SimOptions};
use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

/// One bar of a timeline: a service busy from `start` to `end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Service index.
    pub service: ServiceId,
    /// Start of its work.
    pub start: Micros,
    /// End of its work.
    pub end: Micros,
}

/// The work done for one order in `mode`, as bars (from the engine's trace).
pub fn timeline(s: &Scenario, entry: ServiceId, mode: Mode) -> Vec<Bar> {
    let options = SimOptions {
        mode: Some(mode),
        trace_capacity: 100_000,
        ..SimOptions::default()
    };
    // This one order alone (not the scenario's inputs), within a budget.
    let mut alone = s.clone();
    alone.inputs.clear();
    let Ok(mut sim) = Sim::new(alone, options) else {
        return Vec::new();
    };
    sim.place_order(entry);
    sim.run_until_within(60 * SEC, COMPARE_EVENTS);
    let mut open: Vec<(ServiceId, Micros)> = Vec::new();
    let mut bars = Vec::new();
    for e in sim.trace().iter() {
        match e.kind {
            EventKind::WorkStarted { service, .. } => open.push((service, e.t)),
            EventKind::WorkDone { service, .. } => {
                if let Some(k) = open.iter().position(|&(s, _)| s == service) {
                    let (_, start) = open.remove(k);
                    bars.push(Bar {
                        service,
                        start,
                        end: e.t,
                    });
                }
            }
            _ => {}
        }
    }
    bars
}

/// `s` with every node at the origin: what a run depends on.
fn without_layout(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    for v in &mut s.services {
        (v.x, v.y) = (0.0, 0.0);
    }
    for c in &mut s.channels {
        (c.x, c.y) = (0.0, 0.0);
    }
    s
}

fn row(label: T, rpc: String, msg: String) -> impl IntoView {
    let pg = expect_context::<Playground>();
    view! { <tr><th scope="row">{move || pg.t(label)}</th><td>{rpc}</td><td>{msg}</td></tr> }
}

/// The comparison panel.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    // The scenario without its layout: dragging a node changes the scenario
    // on every pointer move, and must not run the comparison again each time.
    let run_part = Memo::new(move |_| pg.scenario.with(without_layout));
    let reports = Memo::new(move |_| {
        let s = run_part.get();
        let entry = pg.entry_service()?;
        compare(&s, entry, 10, 100 * MS, 600 * SEC).ok()
    });
    let table = move || {
        reports.get().map(|[rpc, msg]: [ModeReport; 2]| {
            // A latency only exists for orders that finished.
            let t = |v: Micros| format_micros(v);
            let done = |r: &ModeReport, v: Micros| if r.completed == 0 { "—".to_string() } else { format_micros(v) };
            view! {
                <table class="compare">
                    <thead><tr><td></td><th scope="col">{move || pg.t(T::Rpc)}</th><th scope="col">{move || pg.t(T::Messaging)}</th></tr></thead>
                    <tbody>
                        // The two that make the point first: the wait, and
                        // the same data sent again (visible unscrolled at 1280 × 720).
                        {row(T::ResponseTime, t(rpc.response_p50), t(msg.response_p50))}
                        {row(T::SameDataSent, format!("{:.0}×", rpc.same_data_per_order), format!("{:.0}×", msg.same_data_per_order))}
                        {row(T::EndToEnd, done(&rpc, rpc.latency_p50), done(&msg, msg.latency_p50))}
                        {row(T::ThroughputPerSec, format!("{:.1}", rpc.throughput), format!("{:.1}", msg.throughput))}
                    </tbody>
                </table>
                {(!rpc.complete || !msg.complete).then(|| view! {
                    <p class="hint" id="compare-partial">{move || pg.t(T::ComparePartial)}</p>
                })}
            }
        })
    };
    view! {
        <section class="card compare-card" aria-labelledby="compare-title" tabindex="0">
            <h2 id="compare-title">{move || pg.t(T::Compare)}</h2>
            <div class="compare-body">
                <div>
                    <p class="hint">{move || pg.t(T::CompareIntro)}</p>
                    {table}
                </div>
                <div>
                    <h3>{move || pg.t(T::Timeline)}</h3>
                    <Timeline mode=Mode::Rpc scenario=run_part />
                    <Timeline mode=Mode::Messaging scenario=run_part />
                </div>
            </div>
        </section>
    }
}

/// One order's work per service, on a shared time axis (HTML, so the text
/// stays crisp at any size).
#[component]
fn Timeline(mode: Mode, scenario: Memo<Scenario>) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let data = Memo::new(move |_| {
        let s = scenario.get();
        let entry = pg.entry_service();
        let bars = entry.map(|e| timeline(&s, e, mode)).unwrap_or_default();
        let names: Vec<String> = (0..s.services.len())
            .map(|i| s.service_name(i).to_string())
            .collect();
        (bars, names, entry)
    });
    move || {
        let (bars, names, entry) = data.get();
        let end = bars.iter().map(|b| b.end).max().unwrap_or(1).max(1) as f64;
        let mut lanes: Vec<ServiceId> = bars.iter().map(|b| b.service).collect();
        lanes.sort_unstable();
        lanes.dedup();
        let title = match mode {
            Mode::Rpc => pg.t(T::Rpc),
            Mode::Messaging => pg.t(T::Messaging),
        };
        let class = match mode {
            Mode::Rpc => "timeline rpc",
            Mode::Messaging => "timeline messaging",
        };
        view! {
            <figure class=class>
                <figcaption>{title} " · " {format_micros(end as Micros)}</figcaption>
                {lanes.into_iter().map(|lane| {
                    let name = names.get(lane.index()).cloned().unwrap_or_default();
                    view! {
                        <div class="lane">
                            <span class="lane-name">{name}</span>
                            <span class="track">
                                {bars.iter().filter(|b| b.service == lane).map(|b| {
                                    let left = 100.0 * b.start as f64 / end;
                                    let width = (100.0 * (b.end - b.start) as f64 / end).max(0.8);
                                    view! { <span class=if Some(lane) == entry { "bar entry" } else { "bar" }
                                        style:left=format!("{left:.2}%") style:width=format!("{width:.2}%")
                                        title=format!("{} – {}", format_micros(b.start), format_micros(b.end))></span> }
                                }).collect_view()}
                            </span>
                        </div>
                    }
                }).collect_view()}
            </figure>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    #[test]
    fn rpc_bars_follow_each_other_and_messaging_bars_overlap() {
        let s = lesson();
        let rpc = timeline(&s, ServiceId(0), Mode::Rpc);
        let downstream: Vec<&Bar> = rpc.iter().filter(|b| b.service != ServiceId(0)).collect();
        assert_eq!(downstream.len(), 4);
        assert!(
            downstream.windows(2).all(|w| w[1].start >= w[0].end),
            "one after another"
        );
        let msg = timeline(&s, ServiceId(0), Mode::Messaging);
        let downstream: Vec<&Bar> = msg.iter().filter(|b| b.service != ServiceId(0)).collect();
        assert!(
            downstream.iter().all(|b| b.start < downstream[0].end),
            "at the same time"
        );
    }
}
