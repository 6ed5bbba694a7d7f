//! Live mode: the canvas bound to a real broker through `kurir-live serve`.
//! The bridge streams the run's trace events; the engine's
//! [`Observed`] folds them into the same [`Snapshot`](kurir_engine::observe::snapshot::Snapshot)
//! a simulation gives, so every view draws a real run as it draws a
//! simulated one. The simulation waits, untouched, until live mode ends.
//!
//! The socket itself is the shell's (`io::live`); this part only reads the
//! bridge's messages and says what to send.

use std::collections::VecDeque;
use std::rc::Rc;

use kurir_engine::base::time::Micros;
use kurir_engine::observe::observed::Observed;
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::observe::trace_read::event_from;
use kurir_engine::{ChannelId, Scenario, ServiceId};
use leptos::prelude::*;
use serde_json::{json, Value};

use super::{Figures, LogLine, Playground, FRAME_EVENTS, LOG_LINES, MAX_DOTS};
use crate::text::narrate::narrate;

/// Sends one message to the bridge.
pub type Send = Rc<dyn Fn(String)>;

/// Where the live run stands, as the bridge says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    /// The socket is opening.
    Connecting,
    /// The bridge is declaring the topology and connecting the services.
    Starting,
    /// Running on the broker.
    Running,
    /// The socket closed; trying again.
    Reconnecting,
    /// The broker could not be reached.
    Unreachable,
    /// The runner or the broker refused the scenario.
    Refused,
    /// The broker failed mid-run.
    Failed,
    /// The run ended.
    Stopped,
}

/// Live mode as the views show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    /// Where it stands.
    pub state: LiveState,
    /// The broker's name ("RabbitMQ") and where it is, once chosen.
    pub broker: Option<String>,
    /// The broker's name alone, once chosen.
    pub name: Option<String>,
    /// The bridge's or the broker's own words (a refusal's reason).
    pub message: Option<String>,
}

/// `s` without what does not change how a broker runs it: where nodes
/// are, what they are called, which services are up.
fn as_run(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    s.name.clear();
    for v in &mut s.services {
        (v.x, v.y, v.up) = (0.0, 0.0, true);
        v.name.clear();
    }
    for c in &mut s.channels {
        (c.x, c.y) = (0.0, 0.0);
        c.name.clear();
    }
    s
}

/// What a live run keeps beside the signals.
#[derive(Clone, Default)]
pub(super) struct LiveRun {
    pub send: Option<Send>,
    pub scenario: Option<Scenario>,
    pub seen: Option<Observed>,
    /// Brokers the bridge drives: protocol key → display name.
    pub brokers: Vec<(String, String)>,
    /// Each channel's depth as the broker reported it, sampled for the
    /// chart, and when the last sample was taken.
    pub depth: Vec<VecDeque<(Micros, u32)>>,
    pub sampled: Option<Micros>,
}

/// How often the live chart samples the queues (the bridge asks the broker
/// as often).
const SAMPLE_EVERY: Micros = 250_000;
/// Samples kept per channel: the last minute.
const SAMPLES: usize = 240;

impl Playground {
    /// Whether the canvas shows a real broker now.
    pub fn is_live(&self) -> bool {
        self.live.with_untracked(Option::is_some)
    }

    /// Live mode begins (the shell opened a socket that sends with `send`).
    pub fn live_begin(&self, send: Send) {
        self.live_run.update_value(|r| r.send = Some(send));
        self.live.set(Some(Live {
            state: LiveState::Connecting,
            broker: None,
            name: None,
            message: None,
        }));
    }

    /// The socket closed while live: `again` when the shell retries.
    pub fn live_lost(&self, reason: Option<String>) {
        self.live_run.update_value(|r| r.send = None);
        self.live.update(|l| {
            if let Some(l) = l {
                l.state = LiveState::Reconnecting;
                l.message = reason.filter(|r| !r.is_empty());
            }
        });
    }

    /// Live mode ends: the simulation is drawn again, as it was left (side
    /// by side, which compared it with the broker, closes).
    pub fn live_end(&self) {
        self.live_say(json!({ "type": "stop" }));
        if self.split.get_untracked() {
            self.split.set(false);
            self.twin.set_value(None);
        }
        self.live_run.set_value(LiveRun::default());
        self.live.set(None);
        self.log.set(Default::default());
        self.seen.set_value(0);
        self.refresh();
    }

    fn live_say(&self, message: Value) {
        if let Some(send) = self.live_run.with_value(|r| r.send.clone()) {
            send(message.to_string());
        }
    }

    /// An order at `entry` on the real broker.
    pub(super) fn live_order(&self, entry: ServiceId, n: u32) {
        let id = self
            .scenario
            .with_untracked(|s| s.services[entry.index()].id.clone());
        for _ in 0..n {
            self.live_say(json!({ "type": "order", "service": id }));
        }
        // Side by side, the simulator gets the same orders, while there is
        // a run on the broker to get them too.
        let running = self.live.with_untracked(|l| {
            l.as_ref()
                .is_some_and(|l| matches!(l.state, LiveState::Starting | LiveState::Running))
        });
        if !running {
            return;
        }
        self.twin_do(|twin| {
            for _ in 0..n {
                twin.place_order(entry);
            }
        });
    }

    /// Takes a real service down or brings it back (its connections close).
    pub(super) fn live_up(&self, service: ServiceId, up: bool) {
        let id = self
            .scenario
            .with_untracked(|s| s.services[service.index()].id.clone());
        let kind = if up { "up" } else { "down" };
        self.live_say(json!({ "type": kind, "service": id }));
    }

    /// Follows the scenario while live: a change the broker would run
    /// differently (a node or wire added or removed, a setting) starts the
    /// run again on the broker with it; moving, renaming or taking a
    /// service down (a live command already) does not.
    pub fn live_follow(&self) {
        let changed = self.live_run.with_value(|r| {
            let Some(running) = &r.scenario else {
                return false;
            };
            self.scenario
                .with_untracked(|s| as_run(s) != as_run(running))
        });
        if changed && self.is_live() {
            self.live_restart();
        }
    }

    /// Starts the run on the broker again with the scenario as it is now.
    pub(super) fn live_restart(&self) {
        let s = self.scenario.get_untracked();
        self.live_run.update_value(|r| {
            r.seen = Observed::new(&s).ok();
            r.depth = vec![VecDeque::new(); s.channels.len()];
            r.scenario = Some(s.clone());
        });
        // The simulated side empties now, as the real one does; it is made
        // again when the bridge says the new run is starting, so both start
        // at the same moment (a run is one small `Sim::new`).
        self.rebuild_twin(&s);
        let scenario: Value = serde_json::from_str(&s.to_json()).unwrap_or(Value::Null);
        self.live_say(json!({ "type": "start", "scenario": scenario }));
        // Until the bridge says the new run is up, it is starting (not the
        // run before, which the bridge is taking down).
        self.live.update(|l| {
            if let Some(l) = l.as_mut().filter(|l| l.state == LiveState::Running) {
                l.state = LiveState::Starting;
            }
        });
        self.refresh();
    }

    /// One message from the bridge.
    pub fn live_message(&self, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        match v["type"].as_str() {
            Some("hello") => {
                let brokers = (v["brokers"].as_array().into_iter().flatten())
                    .filter_map(|b| Some((b["kind"].as_str()?.into(), b["name"].as_str()?.into())))
                    .collect();
                self.live_run.update_value(|r| r.brokers = brokers);
                self.live_restart();
            }
            Some("status") => self.live_status(&v),
            Some("trace") => self.live_event(&v["event"]),
            Some("depths") => {
                self.live_run.update_value(|r| {
                    let (Some(s), Some(seen)) = (&r.scenario, &mut r.seen) else {
                        return;
                    };
                    for q in v["queues"].as_array().into_iter().flatten() {
                        let i = s
                            .channels
                            .iter()
                            .position(|c| Some(c.id.as_str()) == q["channel"].as_str());
                        if let (Some(i), Some(n)) = (i, q["ready"].as_u64()) {
                            seen.set_depth(ChannelId(i as u32), n.min(u32::MAX as u64) as u32);
                        }
                    }
                });
            }
            _ => {}
        }
    }

    fn live_status(&self, v: &Value) {
        let state = match v["state"].as_str() {
            Some("starting") => LiveState::Starting,
            Some("running") => LiveState::Running,
            Some("refused") => LiveState::Refused,
            Some("unreachable") => LiveState::Unreachable,
            Some("failed") => LiveState::Failed,
            _ => LiveState::Stopped,
        };
        let kind = v["broker"].as_str();
        let name = self.live_run.with_value(|r| {
            kind.and_then(|k| r.brokers.iter().find(|(key, _)| key == k))
                .map(|(_, n)| n.clone())
        });
        if state == LiveState::Starting {
            // A new run on the broker: the picture starts empty.
            let s = self.scenario.get_untracked();
            let seen = Observed::new(&s).ok();
            self.live_run.update_value(|r| {
                r.depth = vec![VecDeque::new(); s.channels.len()];
                r.sampled = None;
                r.scenario = Some(s.clone());
                r.seen = seen;
            });
            // The simulator beside it starts at the same moment.
            self.rebuild_twin(&s);
            self.log.set(Default::default());
        }
        let at = v["message"].as_str().map(str::to_string);
        self.live.set(Some(Live {
            state,
            name: name.clone(),
            broker: name.map(|n| match (&at, state) {
                (Some(at), LiveState::Starting | LiveState::Running) => format!("{n} · {at}"),
                _ => n,
            }),
            message: at.filter(|_| !matches!(state, LiveState::Starting | LiveState::Running)),
        }));
        self.refresh();
    }

    fn live_event(&self, event: &Value) {
        let lang = self.lang.get_untracked();
        let line = self.live_run.try_update_value(|r| {
            let (Some(s), Some(seen)) = (&r.scenario, &mut r.seen) else {
                return None;
            };
            let e = event_from(event, s).ok()?;
            seen.apply(&e);
            let text = narrate(&e.kind, s, &|_, g| g.to_string(), lang)?;
            Some(LogLine {
                seq: e.seq,
                t: e.t,
                text,
            })
        });
        if let Some(Some(line)) = line {
            self.log.update(|log| {
                log.push_back(line);
                while log.len() > LOG_LINES {
                    log.pop_front();
                }
            });
        }
    }

    /// Moves the live picture's clock on by `d` (dots travel between
    /// events) and redraws it.
    pub(super) fn live_advance(&self, d: Micros) {
        let now = self.live_run.try_update_value(|r| {
            let seen = r.seen.as_mut()?;
            seen.advance_to(seen.now().saturating_add(d));
            Some(seen.now())
        });
        if let Some(Some(now)) = now {
            self.twin_do(|twin| _ = twin.run_until_within(now, FRAME_EVENTS));
        }
        self.live_refresh();
    }

    /// Draws the live picture: the canvas and the order figures.
    pub(super) fn live_refresh(&self) {
        // The figures (panels) follow at the sampling rate, the canvas
        // every frame, as in a simulation.
        let Some(Some((snap, depth))) = self.live_run.try_update_value(|r| {
            let snap = r.seen.as_ref()?.snapshot(MAX_DOTS);
            let due = r.sampled.is_none_or(|at| snap.now >= at + SAMPLE_EVERY);
            if due {
                r.sampled = Some(snap.now);
                for (samples, c) in r.depth.iter_mut().zip(&snap.channels) {
                    if samples.len() == SAMPLES {
                        samples.pop_front();
                    }
                    samples.push_back((snap.now, c.depth));
                }
            }
            let depth: Option<Vec<Vec<(Micros, u32)>>> = due.then(|| {
                (r.depth.iter())
                    .map(|s| s.iter().copied().collect())
                    .collect()
            });
            Some((snap, depth))
        }) else {
            return;
        };
        if let Some(depth) = depth {
            let o = snap.orders;
            self.figures.set(Figures {
                placed: o.placed,
                responded: o.responded,
                completed: o.completed,
                response_p50: o.response_p50.unwrap_or(0),
                depth,
                sample_every: SAMPLE_EVERY,
                ..Figures::default()
            });
        }
        self.snap.set(snap);
        if self.split.get_untracked() {
            let twin = (self.twin).with_value(|t| t.as_ref().map(|t| snapshot(t, MAX_DOTS)));
            if let Some(twin) = twin {
                self.twin_snap.set(twin);
            }
        }
    }
}
