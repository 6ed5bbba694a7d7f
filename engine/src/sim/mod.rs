//! The simulation: state, the event loop and the commands the UI sends.
//!
//! Service-side work lives in `work.rs`, channel kinds in `channel/`, RPC in
//! `rpc.rs`, the data they move in `parts.rs`; this file owns the clock and
//! dispatches events to them.

use std::collections::VecDeque;

pub(crate) mod channel;
mod envelope;
mod events;
pub mod metrics;
mod orders;
mod retune;
mod rpc;
mod service;
mod state;
pub mod trace;

use crate::base::rng::Rng;
use crate::base::sched::{Ev, Schedule};
use crate::base::slab::Slab;
use crate::base::time::{Micros, DAY, MS};
use crate::compile::limits::{END_OF_TIME, MAX_HELD};
use crate::compile::{compile, Topology};
use crate::scenario::ScenarioError;
use crate::scenario::{Mode, Scenario};
use channel::ChannelState;
use metrics::Metrics;
use orders::OrderBook;
use trace::{EventKind, Trace};

pub(crate) use state::Msg;
pub use state::Node;
pub(crate) use state::{Call, Cargo, Job, Phase, ServiceState, Travel, Work};

/// Options of a run that are not part of the scenario.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// Trace events kept in the ring buffer.
    pub trace_capacity: usize,
    /// Interval of channel depth samples.
    pub sample_every: Micros,
    /// Overrides the scenario's seed.
    pub seed: Option<u64>,
    /// Overrides the scenario's mode.
    pub mode: Option<Mode>,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            trace_capacity: 10_000,
            sample_every: 100 * MS,
            seed: None,
            mode: None,
        }
    }
}

/// A running simulation of one scenario.
pub struct Sim {
    pub(crate) scenario: Scenario,
    pub(crate) topo: Topology,
    pub(crate) mode: Mode,
    pub(crate) now: Micros,
    pub(crate) schedule: Schedule,
    pub(crate) rng: Rng,
    pub(crate) trace: Trace,
    pub(crate) services: Vec<ServiceState>,
    pub(crate) channels: Vec<ChannelState>,
    pub(crate) travels: Slab<Travel>,
    pub(crate) jobs: Slab<Job>,
    pub(crate) calls: Slab<Call>,
    pub(crate) orders: OrderBook,
    pub(crate) metrics: Metrics,
    next_msg: u64,
    next_order: u64,
    next_call: u64,
    sample_every: Micros,
    next_sample: Micros,
    completed_at_sample: u64,
    rate_generation: u32,
    rate: Option<(u32, Micros)>,
    input_left: Vec<Option<u64>>,
    steps: u64,
}

impl Sim {
    /// Validates the scenario and prepares a run at time 0.
    pub fn new(scenario: Scenario, options: SimOptions) -> Result<Sim, ScenarioError> {
        let topo = compile(&scenario)?;
        let services = topo
            .services
            .iter()
            .map(|s| ServiceState {
                up: s.up,
                busy: 0,
                inbox: VecDeque::new(),
                incoming: 0,
                next_queue: 0,
                down_since: (!s.up).then_some(0),
            })
            .collect();
        let channels = topo
            .channels
            .iter()
            .enumerate()
            .map(|(c, t)| ChannelState::new(t, &topo.subscribers[c]))
            .collect();
        let mut sim = Sim {
            mode: options.mode.unwrap_or(scenario.mode),
            rng: Rng::new(options.seed.unwrap_or(scenario.seed)),
            trace: Trace::with_capacity(options.trace_capacity),
            metrics: Metrics::new(topo.services.len(), topo.channels.len()),
            services,
            channels,
            now: 0,
            schedule: Schedule::default(),
            travels: Slab::default(),
            jobs: Slab::default(),
            calls: Slab::default(),
            orders: OrderBook::default(),
            next_msg: 0,
            next_order: 0,
            next_call: 0,
            sample_every: options.sample_every.clamp(1, DAY),
            next_sample: 0,
            completed_at_sample: 0,
            rate_generation: 0,
            rate: None,
            input_left: topo.inputs.iter().map(|i| i.count).collect(),
            steps: 0,
            topo,
            scenario,
        };
        for (i, input) in sim.topo.inputs.iter().enumerate() {
            if input.count != Some(0) {
                sim.schedule
                    .push(input.start, Ev::Input { input: i as u32 });
            }
        }
        for (i, &(at, _)) in sim.topo.actions.iter().enumerate() {
            sim.schedule.push(at, Ev::Action { index: i as u32 });
        }
        sim.start_groups();
        Ok(sim)
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Messaging or RPC.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Current virtual time.
    pub fn now(&self) -> Micros {
        self.now
    }

    /// The trace ring buffer.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Everything measured so far.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Time of the next pending event, if any.
    pub fn next_event_time(&self) -> Option<Micros> {
        self.schedule.peek_time()
    }

    /// Processes the next event; returns false when nothing is pending.
    pub fn step(&mut self) -> bool {
        let Some((at, ev)) = self.schedule.pop() else {
            return false;
        };
        self.steps += 1;
        self.advance_clock(at);
        self.handle(ev);
        true
    }

    /// Events processed since the start of the run.
    pub fn events_processed(&self) -> u64 {
        self.steps
    }

    /// Processes every event up to and including time `t`, then sets the
    /// clock to `t` (at most [`END_OF_TIME`]).
    pub fn run_until(&mut self, t: Micros) {
        self.run_until_within(t, u64::MAX);
    }

    /// Runs for `d` more microseconds of virtual time.
    pub fn run_for(&mut self, d: Micros) {
        self.run_until(self.now.saturating_add(d));
    }

    /// Like [`Sim::run_until`], but processes at most `budget` events: a
    /// frame of the playground, or a comparison, stays short however busy
    /// the scenario is. Returns false when the budget ran out first; the
    /// clock then stands at the last event processed, and the next call
    /// carries on from there.
    pub fn run_until_within(&mut self, t: Micros, budget: u64) -> bool {
        let t = t.min(END_OF_TIME);
        let mut left = budget;
        while let Some(at) = self.schedule.peek_time() {
            if at > t {
                break;
            }
            if left == 0 {
                return false;
            }
            left -= 1;
            self.step();
        }
        if t > self.now {
            self.advance_clock(t);
        }
        true
    }

    /// A client places an order at `service` now; returns its id, or `None`
    /// when the run already holds [`MAX_HELD`] pieces of work: the order is
    /// refused (an `order_refused` event) so a backlog cannot exhaust memory.
    pub fn place_order(&mut self, service: u32) -> Option<u64> {
        if self.orders.held() >= MAX_HELD {
            self.metrics.orders.refused += 1;
            self.record(EventKind::OrderRefused { service });
            return None;
        }
        self.next_order += 1;
        let order = self.next_order;
        self.orders.open(order, self.now);
        self.metrics.orders.placed += 1;
        self.record(EventKind::OrderPlaced { order, service });
        self.deliver_work(service, Work::Order { order });
        Some(order)
    }

    /// Fires orders at `service` at `per_second` from now on (0 stops).
    pub fn set_order_rate(&mut self, service: u32, per_second: f64) {
        self.rate_generation += 1;
        self.rate = None;
        if per_second > 0.0 && per_second.is_finite() {
            let every = ((1e6 / per_second).round() as Micros).max(1);
            self.rate = Some((service, every));
            let generation = self.rate_generation;
            self.schedule
                .push(self.now + every, Ev::Rate { generation });
        }
    }

    /// Takes a service down (its work in hand is lost) or brings it back.
    pub fn set_service_up(&mut self, service: u32, up: bool) {
        if self.services[service as usize].up == up {
            return;
        }
        if up {
            self.services[service as usize].up = true;
            self.services[service as usize].down_since = None;
            self.record(EventKind::ServiceUp { service });
            self.try_start(service);
        } else {
            self.services[service as usize].up = false;
            self.services[service as usize].down_since = Some(self.now);
            self.record(EventKind::ServiceDown { service });
            self.crash(service);
            self.abandon_leases(service);
        }
        self.log_member_changed(service, up);
    }

    /// Interval of the depth and throughput samples.
    pub fn sample_every(&self) -> Micros {
        self.sample_every
    }

    /// Pending events (for tests and benchmarks).
    pub fn pending_events(&self) -> usize {
        self.schedule.len()
    }

    /// Orders not yet completed.
    pub fn open_orders(&self) -> usize {
        self.orders.len()
    }

    /// Applies `scenario` from now on: timings, workers, failure chances,
    /// up/down, queue settings and wires. Returns `Ok(false)` (and changes
    /// nothing) when the edit needs a fresh run: services or channels added or
    /// removed, or a channel that changed kind. An invalid scenario is refused
    /// with its error and the run is untouched.
    pub fn retune(&mut self, scenario: Scenario) -> Result<bool, ScenarioError> {
        self.apply_scenario(scenario)
    }

    /// Switches between messaging and RPC for work that starts from now on.
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// Command: consumer group `g` of log `channel` rewinds (see
    /// `group.rs`); false when there is no such log or group.
    pub fn rewind_group(&mut self, channel: u32, g: u32) -> bool {
        let exists = matches!(
            self.channels.get(channel as usize),
            Some(ChannelState::Log(log)) if (g as usize) < log.groups.len()
        );
        if exists {
            self.rewind(channel, g);
        }
        exists
    }

    /// Consumer groups reading log `channel`, by index (empty for other kinds).
    pub fn group_count(&self, channel: u32) -> u32 {
        match self.channels.get(channel as usize) {
            Some(ChannelState::Log(log)) => log.groups.len() as u32,
            _ => 0,
        }
    }
}
