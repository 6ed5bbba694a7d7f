//! The playground's shared state (provided as context): the scenario being
//! edited, the engine running it, and the signals the views read. Views send
//! commands here; broker logic stays in the engine.

use std::collections::VecDeque;

use kurir_engine::base::time::Micros;
use kurir_engine::observe::snapshot::{snapshot, Snapshot};
use kurir_engine::sim::metrics::OrderRecord;
use kurir_engine::{Mode, Node, Scenario, ServiceId, Sim, SimOptions};
use leptos::prelude::*;

use crate::text::i18n::{Lang, T};
use crate::text::narrate::narrate;
pub use live::{Live, LiveState, Send as LiveSend};

mod commands;
mod history;
mod live;
mod run_commands;
mod twin;

/// Most moving dots drawn; the rest are counted.
pub const MAX_DOTS: usize = 1_500;
/// Lines kept in the event log.
pub const LOG_LINES: usize = 200;
/// New trace events shown in the log in the frame they happen; more wait for
/// the next sampling interval.
const LOG_AT_ONCE: u64 = 16;
/// Most orders per second the rate slider allows.
pub const MAX_RATE: f64 = 1_000.0;
/// Most engine events processed in one animation frame (about 5 ms of this
/// 2-core VM's wasm): a busier run falls behind real time instead of
/// freezing the page, and says so.
pub const FRAME_EVENTS: u64 = 30_000;

/// A narrated event for the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// Trace sequence number (unique key).
    pub seq: u64,
    /// Virtual time.
    pub t: Micros,
    /// The sentence.
    pub text: String,
}

/// Speeds the interface offers (virtual seconds per real second).
pub const SPEEDS: [f64; 7] = [0.1, 0.25, 0.5, 1.0, 2.0, 10.0, 100.0];

/// Figures shown outside the canvas, refreshed with every frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Orders placed, completed, failed.
    pub placed: u64,
    /// Orders refused at the engine's limit of work held.
    pub refused: u64,
    /// Orders answered (ok or not).
    pub responded: u64,
    /// Orders whose work all ended, every copy done.
    pub completed: u64,
    /// Orders whose work ended with a copy lost.
    pub lost: u64,
    /// Orders whose work ended with a copy dead-lettered (none lost).
    pub dead_lettered: u64,
    /// Orders that failed.
    pub failed: u64,
    /// Median order response time.
    pub response_p50: Micros,
    /// Median end-to-end latency.
    pub latency_p50: Micros,
    /// The latest orders whose work ended (completed or not).
    pub recent: Vec<OrderRecord>,
    /// Depth samples per channel.
    pub depth: Vec<Vec<(Micros, u32)>>,
    /// Orders completed per sampling interval.
    pub throughput: Vec<(Micros, u32)>,
    /// Sampling interval.
    pub sample_every: Micros,
    /// End-to-end latency histogram: (bucket upper bound, orders).
    pub latency: Vec<(Micros, u64)>,
    /// Response times of the latest answered orders, oldest first.
    pub recent_responses: Vec<Micros>,
}

/// Shared state of the playground.
#[derive(Clone, Copy)]
pub struct Playground {
    /// The scenario being edited (layout included).
    pub scenario: RwSignal<Scenario>,
    /// The latest picture of the run.
    pub snap: RwSignal<Snapshot>,
    /// Figures for panels.
    pub figures: RwSignal<Figures>,
    /// Time runs.
    pub playing: RwSignal<bool>,
    /// Virtual seconds per real second.
    pub speed: RwSignal<f64>,
    /// Automatic orders per second.
    pub rate: RwSignal<f64>,
    /// Selected nodes.
    pub selection: RwSignal<Vec<Node>>,
    /// The selected wire (from, to), when a wire rather than nodes is selected.
    pub wire: RwSignal<Option<(Node, Node)>>,
    /// Bumped when a whole new scenario is opened: the canvas fits it.
    pub fit_requests: RwSignal<u32>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// Narrated events, newest last.
    pub log: RwSignal<VecDeque<LogLine>>,
    /// A message for the user (refused edit, bad input), if any.
    pub notice: RwSignal<Option<String>>,
    /// A short confirmation (imported, copied), if any; not an error.
    pub info: RwSignal<Option<String>>,
    /// Side by side: a twin run gets the same orders (in the other mode;
    /// live, the simulator beside the broker).
    pub split: RwSignal<bool>,
    /// The twin run's latest picture (while `split`).
    pub twin_snap: RwSignal<Snapshot>,
    /// The last frame could not do all the work its time asked for: the run
    /// goes slower than the speed set.
    pub behind: RwSignal<bool>,
    /// Whether undo and redo have a step to take (for the buttons' states).
    pub history: RwSignal<(bool, bool)>,
    /// Live mode (the canvas on a real broker), when on.
    pub live: RwSignal<Option<Live>>,
    /// This page came from `kurir-live serve`, which can run it for real.
    pub live_offered: RwSignal<bool>,
    live_run: StoredValue<live::LiveRun, LocalStorage>,
    sim: StoredValue<Sim>,
    twin: StoredValue<Option<Sim>>,
    undo: StoredValue<Vec<Scenario>>,
    redo: StoredValue<Vec<Scenario>>,
    seen: StoredValue<u64>,
    /// Virtual time of the last figures refresh (panels update at the
    /// sampling rate, not every frame).
    figures_at: StoredValue<Option<Micros>>,
    /// The panels' figures were refreshed last frame: the log's turn now.
    log_due: StoredValue<bool>,
}

fn new_sim(s: &Scenario) -> Result<Sim, kurir_engine::ScenarioError> {
    Sim::new(s.clone(), SimOptions::default())
}

impl Playground {
    /// State for `scenario`, which must be valid.
    pub fn new(scenario: Scenario, lang: Lang) -> Self {
        let sim = new_sim(&scenario).expect("the starting scenario is valid");
        let snap = snapshot(&sim, MAX_DOTS);
        let snap_for_twin = snap.clone();
        Playground {
            scenario: RwSignal::new(scenario),
            snap: RwSignal::new(snap),
            figures: RwSignal::new(Figures::default()),
            playing: RwSignal::new(true),
            speed: RwSignal::new(1.0),
            rate: RwSignal::new(0.0),
            selection: RwSignal::new(Vec::new()),
            wire: RwSignal::new(None),
            fit_requests: RwSignal::new(0),
            lang: RwSignal::new(lang),
            log: RwSignal::new(VecDeque::new()),
            notice: RwSignal::new(None),
            info: RwSignal::new(None),
            split: RwSignal::new(false),
            twin_snap: RwSignal::new(snap_for_twin),
            behind: RwSignal::new(false),
            history: RwSignal::new((false, false)),
            live: RwSignal::new(None),
            live_offered: RwSignal::new(false),
            live_run: StoredValue::new_local(live::LiveRun::default()),
            twin: StoredValue::new(None),
            sim: StoredValue::new(sim),
            undo: StoredValue::new(Vec::new()),
            redo: StoredValue::new(Vec::new()),
            seen: StoredValue::new(0),
            figures_at: StoredValue::new(None),
            log_due: StoredValue::new(false),
        }
    }

    /// Text in the current language (reactive).
    pub fn t(&self, key: T) -> &'static str {
        key.get(self.lang.get())
    }

    /// The service orders go to: the first that no channel feeds.
    pub fn entry_service(&self) -> Option<ServiceId> {
        self.scenario.with_untracked(|s| {
            let fed = |id: &str| s.subscriptions.iter().any(|w| w.service == id);
            s.services
                .iter()
                .position(|v| !fed(&v.id))
                .or(if s.services.is_empty() { None } else { Some(0) })
                .map(|i| ServiceId(i as u32))
        })
    }

    /// Advances virtual time by `d` and refreshes what the views show: the
    /// canvas every frame, the panels once per sampling interval.
    pub fn advance(&self, d: Micros) {
        if self.is_live() {
            return self.live_advance(d);
        }
        let (now, every, kept_up) = self
            .sim
            .try_update_value(|sim| {
                let kept_up = sim.run_until_within(sim.now().saturating_add(d), FRAME_EVENTS);
                (sim.now(), sim.sample_every(), kept_up)
            })
            .unwrap_or((0, 1, true));
        // The twin catches up over later frames if it has more to do.
        self.twin_do(|twin| _ = twin.run_until_within(now, FRAME_EVENTS));
        if self.behind.get_untracked() == kept_up {
            self.behind.set(!kept_up);
        }
        let due = self
            .figures_at
            .get_value()
            .is_none_or(|at| now < at || now - at >= every);
        // The figures and the log are refreshed in different frames, so no
        // frame carries both (the costliest frames set the p95 frame time).
        let log_due = self.log_due.get_value();
        self.log_due.set_value(due);
        self.refresh_parts(due, log_due);
    }

    /// Processes the next event only.
    pub fn step(&self) {
        if self.is_live() {
            return;
        }
        self.playing.set(false);
        let mut now = 0;
        self.sim.update_value(|sim| {
            sim.step();
            now = sim.now();
        });
        self.twin_do(|twin| _ = twin.run_until_within(now, FRAME_EVENTS));
        self.refresh();
    }

    /// Re-reads the engine into all the signals.
    pub fn refresh(&self) {
        self.refresh_parts(true, true);
    }

    fn refresh_parts(&self, with_figures: bool, with_log: bool) {
        if self.is_live() {
            return self.live_refresh();
        }
        let lang = self.lang.get_untracked();
        let seen = self.seen.get_value();
        let (snap, figures, lines, seen_now) = self.sim.with_value(|sim| {
            let m = sim.metrics();
            let o = &m.orders;
            let figures = with_figures.then(|| Figures {
                placed: o.placed,
                refused: o.refused,
                responded: o.responded,
                completed: o.completed,
                lost: o.lost,
                dead_lettered: o.dead_lettered,
                failed: o.failed,
                response_p50: o.response.quantile(0.5),
                latency_p50: o.latency.quantile(0.5),
                recent: o.recent.iter().rev().take(20).copied().collect(),
                depth: m
                    .channels
                    .iter()
                    .map(|c| c.depth.iter().copied().collect())
                    .collect(),
                throughput: o.throughput.iter().copied().collect(),
                sample_every: sim.sample_every(),
                latency: o.latency.buckets().collect(),
                recent_responses: o.recent_responses.iter().copied().collect(),
            });
            let new_events = sim.trace().total() - seen;
            // The log follows the run once per sampling interval when events
            // come faster than anyone reads; a few new ones show at once.
            // Re-rendering dozens of lines every frame was a third of the
            // stress view's layout work.
            let log_due = with_log || new_events <= LOG_AT_ONCE;
            let skip = new_events.saturating_sub(LOG_LINES as u64);
            let lines: Vec<LogLine> = sim
                .trace()
                .since(seen + skip)
                .take_while(|_| log_due)
                .filter_map(|e| {
                    narrate(&e.kind, sim.scenario(), &|c, g| sim.group_name(c, g), lang).map(
                        |text| LogLine {
                            seq: e.seq,
                            t: e.t,
                            text,
                        },
                    )
                })
                .collect();
            let read_up_to = if log_due { sim.trace().total() } else { seen };
            (
                (snapshot(sim, MAX_DOTS), sim.now()),
                figures,
                lines,
                read_up_to,
            )
        });
        self.seen.set_value(seen_now);
        self.snap.set(snap.0);
        if self.split.get_untracked() {
            if let Some(twin_snap) = self
                .twin
                .with_value(|t| t.as_ref().map(|t| snapshot(t, MAX_DOTS)))
            {
                self.twin_snap.set(twin_snap);
            }
        }
        if let Some(figures) = figures {
            self.figures_at.set_value(Some(snap.1));
            self.figures.set(figures);
        }
        if !lines.is_empty() {
            self.log.update(|log| {
                log.extend(lines);
                while log.len() > LOG_LINES {
                    log.pop_front();
                }
            });
        }
    }

    /// One order now.
    pub fn place_order(&self) {
        self.burst(1);
    }

    /// `n` orders now.
    pub fn burst(&self, n: u32) {
        if let (Some(entry), true) = (self.entry_service(), self.is_live()) {
            return self.live_order(entry, n);
        }
        if let Some(entry) = self.entry_service() {
            self.sim.update_value(|sim| {
                for _ in 0..n {
                    sim.place_order(entry);
                }
            });
            self.twin_do(|twin| {
                for _ in 0..n {
                    twin.place_order(entry);
                }
            });
            self.refresh();
        }
    }

    /// Automatic orders per second (validated by the caller's field).
    pub fn set_rate(&self, per_second: f64) {
        self.rate.set(per_second);
        if let Some(entry) = self.entry_service() {
            self.sim
                .update_value(|sim| sim.set_order_rate(entry, per_second));
            self.twin_do(|twin| twin.set_order_rate(entry, per_second));
        }
    }

    /// Takes a service down or brings it up (part of the scenario, undoable).
    /// Live, the real service's connections close (or open) too.
    pub fn set_up(&self, service: ServiceId, up: bool) {
        if self.is_live() {
            self.live_up(service, up);
        }
        self.edit(|s| s.services[service.index()].up = up);
    }

    /// Starts the run again from time 0 with the current scenario.
    pub fn reset(&self) {
        let scenario = self.scenario.get_untracked();
        if let Ok(sim) = new_sim(&scenario) {
            self.start_run(sim, &scenario);
            self.refresh();
        }
    }

    /// Puts a fresh run in place (and its twin, when side by side): the log
    /// starts empty and the automatic order rate carries on.
    fn start_run(&self, sim: Sim, scenario: &Scenario) {
        self.sim.set_value(sim);
        self.rebuild_twin(scenario);
        self.seen.set_value(0);
        self.log.set(VecDeque::new());
        let rate = self.rate.get_untracked();
        if rate > 0.0 {
            self.set_rate(rate);
        }
    }

    /// Switches between RPC and messaging; the run restarts so both start equal.
    pub fn set_mode(&self, mode: Mode) {
        if self.edit(|s| s.mode = mode).is_some() {
            self.reset();
        }
    }

    /// Reads the engine. Tests only: views draw the snapshot and figures
    /// signals, never the simulation behind them.
    #[cfg(test)]
    pub fn with_sim<R>(&self, f: impl FnOnce(&Sim) -> R) -> R {
        self.sim.with_value(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::base::time::SEC;
    use kurir_engine::examples::lesson;

    #[test]
    fn the_order_rate_carries_on_when_an_edit_restarts_the_run() {
        let owner = Owner::new();
        owner.with(|| {
            let pg = Playground::new(lesson(), Lang::En);
            pg.set_rate(10.0);
            // Adding a node cannot be applied live: the run starts again.
            let added = pg.edit(|s| crate::model::edits::add_service(s, 0.0, 0.0));
            assert!(added.is_some());
            assert_eq!(pg.with_sim(|s| s.now()), 0, "a fresh run");
            for _ in 0..20 {
                pg.advance(SEC / 10);
            }
            assert_eq!(pg.with_sim(|s| s.metrics().orders.placed), 20);
            assert!(pg.can_undo());
        });
    }

    #[test]
    fn a_frame_does_a_bounded_amount_of_work_and_says_when_it_falls_behind() {
        let owner = Owner::new();
        owner.with(|| {
            let pg = Playground::new(lesson(), Lang::En);
            pg.set_rate(1000.0);
            // A frame asking for 100 s of run time at 1,000 orders/s.
            pg.advance(100 * SEC);
            let events = pg.with_sim(|s| s.events_processed());
            assert!(events <= FRAME_EVENTS, "{events} events in one frame");
            assert!(pg.behind.get_untracked());
            assert!(pg.with_sim(|s| s.now()) < 100 * SEC);
            // A quiet frame keeps up again.
            pg.set_rate(0.0);
            for _ in 0..2_000 {
                pg.advance(SEC / 60);
            }
            assert!(!pg.behind.get_untracked());
        });
    }

    #[test]
    fn side_by_side_runs_the_same_orders_in_the_other_mode() {
        let owner = Owner::new();
        owner.with(|| {
            let pg = Playground::new(lesson(), Lang::En);
            pg.set_split(true);
            pg.place_order();
            for _ in 0..100 {
                pg.advance(SEC / 10);
            }
            let twin = pg.with_twin(|t| {
                (
                    t.mode(),
                    t.metrics().orders.completed,
                    t.metrics().orders.response.max(),
                )
            });
            assert_eq!(twin, Some((Mode::Rpc, 1, 3_150_000)));
            assert_eq!(pg.with_sim(|s| s.metrics().orders.completed), 1);
        });
    }

    #[test]
    fn the_log_shows_a_lone_order_at_once_and_a_flood_once_per_sample() {
        let owner = Owner::new();
        owner.with(|| {
            let pg = Playground::new(lesson(), Lang::En);
            let frame = SEC / 60;
            pg.advance(frame); // the first refresh samples the figures
            pg.place_order();
            pg.advance(frame);
            let lines = pg.log.with_untracked(|l| l.len());
            assert!(lines > 0, "a placed order is logged in the next frame");

            // A flood: far more events per frame than anyone reads.
            pg.set_rate(1000.0);
            let mut seen = Vec::new();
            for _ in 0..12 {
                pg.advance(frame);
                seen.push((
                    pg.log.with_untracked(|l| l.back().map(|l| l.seq)),
                    pg.figures.with_untracked(|f| f.placed),
                ));
            }
            let log_changed: Vec<bool> = seen.windows(2).map(|w| w[0].0 != w[1].0).collect();
            let figures_changed: Vec<bool> = seen.windows(2).map(|w| w[0].1 != w[1].1).collect();
            let changes = log_changed.iter().filter(|c| **c).count();
            // 12 frames of 16.7 ms are 200 ms: two sampling intervals of 100 ms.
            assert!(
                (1..=3).contains(&changes),
                "log changed in {changes} of 12 frames"
            );
            assert!(figures_changed.iter().any(|c| *c));
            assert!(
                !log_changed
                    .iter()
                    .zip(&figures_changed)
                    .any(|(l, f)| *l && *f),
                "no frame refreshes both the log and the figures"
            );
            assert!(pg.log.with_untracked(|l| l.len()) > lines);
        });
    }
}
