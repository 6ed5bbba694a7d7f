//! How the lesson knows a task is done: each check is a pure question about
//! `Facts`, which are read from the run's snapshot and figures and the playground (never
//! re-computed by the lesson itself).

use kurir_engine::observe::snapshot::Snapshot;
use kurir_engine::scenario::{Mode, Scenario};
use kurir_engine::sim::trace::DropReason;
use kurir_engine::Node;

use crate::state::Figures;

/// What a step waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Check {
    /// At least one order placed.
    OrderPlaced,
    /// An order answered, in RPC (`rpc`) or messaging mode.
    Answered {
        /// RPC mode wanted.
        rpc: bool,
    },
    /// Side by side is on and an order was answered.
    SideBySide,
    /// The Order service has at least this many workers.
    OrderWorkers(u32),
    /// The channel with this id is selected.
    Selected(&'static str),
    /// The service with this id is down and a message for it waits.
    WaitingFor(&'static str),
    /// A fan-out subscriber missed a message while it was down (or its
    /// copy was lost on the way as it went down).
    LostWhileDown,
    /// A broker example (a channel with a broker preset) is open and has run.
    BrokerExample,
    /// At `per_second` orders/s, the last `orders` answers had a 95th
    /// percentile under `p95_ms`.
    FastAtRate {
        /// Order rate required.
        per_second: f64,
        /// Orders measured.
        orders: usize,
        /// Response limit.
        p95_ms: f64,
    },
    /// By `at_s` seconds, `service` finished `orders` pieces of work and no
    /// message was dropped.
    NoLossFor {
        /// Service id.
        service: &'static str,
        /// Work items required.
        orders: u64,
        /// Virtual time reached.
        at_s: u64,
    },
}

/// What the checks look at, gathered from the engine and the playground.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Orders placed in this run.
    pub placed: u64,
    /// Orders answered in this run.
    pub answered: u64,
    /// Mode of the run.
    pub rpc: bool,
    /// Side by side on.
    pub split: bool,
    /// Workers of the service `order`.
    pub order_workers: u32,
    /// Id of the selected channel, if exactly one channel is selected.
    pub selected_channel: Option<String>,
    /// Ids of services that are down.
    pub down: Vec<String>,
    /// Ids of services with messages waiting for them (in their channel or inbox).
    pub waiting_for: Vec<String>,
    /// Messages fan-out subscribers missed while down, and copies lost on
    /// the way to one that went down.
    pub lost_while_down: u64,
    /// All drops.
    pub dropped: u64,
    /// A channel of the scenario has a broker preset.
    pub broker: bool,
    /// Automatic order rate.
    pub rate: f64,
    /// Response times (ms) of the most recent answered orders, oldest first.
    pub recent_ms: Vec<f64>,
    /// Work done per service id.
    pub processed: Vec<(String, u64)>,
    /// Virtual time, in seconds.
    pub now_s: f64,
}

impl Facts {
    /// Reads the facts from the pictures of the run (its snapshot and
    /// figures), its scenario and the interface state.
    pub fn read(
        snap: &Snapshot,
        figures: &Figures,
        s: &Scenario,
        selection: &[Node],
        split: bool,
        rate: f64,
    ) -> Facts {
        let id = |i: usize| s.services[i].id.clone();
        let mut waiting_for = Vec::new();
        for (i, v) in snap.services.iter().enumerate() {
            if v.waiting > 0 {
                waiting_for.push(id(i));
            }
        }
        for (c, view) in snap.channels.iter().enumerate() {
            if view.depth > 0 {
                let channel = &s.channels[c].id;
                for w in s.subscriptions.iter().filter(|w| w.channel == *channel) {
                    waiting_for.push(w.service.clone());
                }
            }
        }
        Facts {
            placed: snap.orders.placed,
            answered: snap.orders.responded,
            rpc: s.mode == Mode::Rpc,
            split,
            order_workers: s
                .services
                .iter()
                .find(|v| v.id == "order")
                .map_or(0, |v| v.workers),
            selected_channel: match selection {
                [Node::Channel(c)] => s.channels.get(c.index()).map(|c| c.id.clone()),
                _ => None,
            },
            down: (0..snap.services.len())
                .filter(|&i| !snap.services[i].up)
                .map(id)
                .collect(),
            waiting_for,
            // Missed while down (no copy was made), or pushed to a
            // subscriber that went down before the copy arrived.
            lost_while_down: snap.channels.iter().map(|c| c.missed).sum::<u64>()
                + snap.drops[DropReason::SubscriberDown.index()],
            dropped: snap.drops.iter().sum(),
            broker: s.channels.iter().any(|c| c.broker.is_some()),
            rate,
            recent_ms: figures
                .recent_responses
                .iter()
                .map(|&r| r as f64 / 1_000.0)
                .collect(),
            processed: snap
                .services
                .iter()
                .enumerate()
                .map(|(i, v)| (id(i), v.processed))
                .collect(),
            now_s: snap.now as f64 / 1e6,
        }
    }

    fn processed_by(&self, service: &str) -> u64 {
        self.processed
            .iter()
            .find(|(id, _)| id == service)
            .map_or(0, |p| p.1)
    }
}

/// The 95th percentile of `values` (nearest rank).
fn p95(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64) * 0.95).ceil() as usize;
    sorted
        .get(rank.saturating_sub(1))
        .copied()
        .unwrap_or(f64::INFINITY)
}

impl Check {
    /// True when the facts show the task done.
    pub fn passed(&self, f: &Facts) -> bool {
        match *self {
            Check::OrderPlaced => f.placed >= 1,
            Check::Answered { rpc } => f.answered >= 1 && f.rpc == rpc,
            Check::SideBySide => f.split && f.answered >= 1,
            Check::OrderWorkers(n) => f.order_workers >= n,
            Check::Selected(id) => f.selected_channel.as_deref() == Some(id),
            Check::WaitingFor(id) => {
                f.placed >= 1
                    && f.down.iter().any(|d| d == id)
                    && f.waiting_for.iter().any(|w| w == id)
            }
            Check::LostWhileDown => f.lost_while_down >= 1,
            Check::BrokerExample => f.broker && f.placed >= 1,
            Check::FastAtRate {
                per_second,
                orders,
                p95_ms,
            } => {
                f.rate >= per_second
                    && f.recent_ms.len() >= orders
                    && p95(&f.recent_ms[f.recent_ms.len() - orders..]) < p95_ms
            }
            Check::NoLossFor {
                service,
                orders,
                at_s,
            } => f.now_s >= at_s as f64 && f.processed_by(service) >= orders && f.dropped == 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts::default()
    }

    #[test]
    fn the_facts_see_a_loss_in_the_frame_it_happens() {
        use crate::state::Playground;
        use crate::text::i18n::Lang;
        use kurir_engine::base::time::SEC;
        use leptos::prelude::*;
        let owner = Owner::new();
        owner.with(|| {
            let s = kurir_engine::examples::lesson();
            let finance = s.services.iter().position(|v| v.id == "finance").unwrap();
            let pg = Playground::new(s, Lang::En);
            pg.set_up(kurir_engine::ServiceId(finance as u32), false);
            pg.place_order();
            // Frame by frame, what the lesson reads equals the engine's count
            // (the figures are sampled every 100 ms and would lag behind).
            for _ in 0..120 {
                pg.advance(SEC / 60);
                let read = pg.snap.with_untracked(|snap| {
                    pg.figures.with_untracked(|f| {
                        pg.scenario
                            .with_untracked(|s| Facts::read(snap, f, s, &[], false, 0.0))
                    })
                });
                let engine = pg.with_sim(|sim| {
                    let m = sim.metrics();
                    m.channels.iter().map(|c| c.missed).sum::<u64>()
                        + m.dropped(DropReason::SubscriberDown)
                });
                assert_eq!(read.lost_while_down, engine);
            }
            assert!(pg.with_sim(|sim| sim.metrics().channels.iter().any(|c| c.missed > 0)));
        });
    }

    #[test]
    fn an_answer_counts_only_in_the_asked_mode() {
        let f = Facts {
            answered: 1,
            rpc: true,
            ..facts()
        };
        assert!(Check::Answered { rpc: true }.passed(&f));
        assert!(!Check::Answered { rpc: false }.passed(&f));
    }

    #[test]
    fn the_speed_challenge_needs_the_rate_and_the_last_hundred_answers_fast() {
        let check = Check::FastAtRate {
            per_second: 20.0,
            orders: 100,
            p95_ms: 100.0,
        };
        let slow_then_fast: Vec<f64> = (0..50)
            .map(|_| 900.0)
            .chain((0..100).map(|_| 53.0))
            .collect();
        let f = Facts {
            rate: 20.0,
            recent_ms: slow_then_fast,
            ..facts()
        };
        assert!(check.passed(&f), "only the last 100 count");
        assert!(
            !check.passed(&Facts {
                rate: 10.0,
                ..f.clone()
            }),
            "the rate must be met"
        );
        let mut slow = f.clone();
        slow.recent_ms[149] = 500.0;
        for v in slow.recent_ms[140..].iter_mut() {
            *v = 500.0;
        }
        assert!(
            !check.passed(&slow),
            "10 slow answers in 100 break the 95th percentile"
        );
    }

    #[test]
    fn no_loss_needs_the_time_the_work_and_zero_drops() {
        let check = Check::NoLossFor {
            service: "sms",
            orders: 30,
            at_s: 40,
        };
        let f = Facts {
            now_s: 41.0,
            processed: vec![("sms".into(), 30)],
            ..facts()
        };
        assert!(check.passed(&f));
        assert!(!check.passed(&Facts {
            dropped: 1,
            ..f.clone()
        }));
        assert!(!check.passed(&Facts { now_s: 20.0, ..f }));
    }
}
