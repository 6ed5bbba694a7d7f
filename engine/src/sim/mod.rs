//! The simulation: state, the event loop and the commands the UI sends.
//!
//! A run is a [`World`] (clock, schedule, trace, wires, services' state,
//! orders, metrics), its channels (`channel/`, each kind owning its spec and
//! state), and what only services use (jobs, calls, the random stream).
//! Service-side work lives in `service.rs`, RPC in `rpc.rs`, the data they
//! move in `state.rs`, event handling in `events.rs`; every public method
//! of [`Sim`] is in this file.

pub(crate) mod channel;
mod events;
pub mod metrics;
mod orders;
mod plan;
mod retune;
mod rpc;
mod service;
mod state;
pub mod trace;
mod world;

use crate::base::rng::Rng;
use crate::base::sched::{Ev, Schedule};
use crate::base::slab::Slab;
use crate::base::time::{Micros, DAY, MS};
use crate::compile::limits::{END_OF_TIME, MAX_HELD};
use crate::compile::{compile, ChannelId, ServiceId};
use crate::scenario::ScenarioError;
use crate::scenario::{Mode, Scenario};
use channel::{Channel, Channels};
use metrics::Metrics;
use orders::OrderBook;
use plan::{Parts, Plan};
use trace::{EventKind, Trace};
pub(crate) use world::World;

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
    pub(crate) world: World,
    pub(crate) channels: Channels,
    pub(crate) plan: Plan,
    pub(crate) mode: Mode,
    pub(crate) rng: Rng,
    pub(crate) jobs: Slab<Job>,
    pub(crate) calls: Slab<Call>,
    next_msg: u64,
    next_order: u64,
    next_call: u64,
    sample_every: Micros,
    next_sample: Micros,
    completed_at_sample: u64,
    rate_generation: u32,
    rate: Option<(ServiceId, Micros)>,
    input_left: Vec<Option<u64>>,
    steps: u64,
    /// Scheduled topology changes that have happened, in order (indices
    /// into the scenario's actions; see `retune.rs`).
    changed: Vec<u32>,
}

impl Sim {
    /// Validates the scenario and prepares a run at time 0.
    pub fn new(scenario: Scenario, options: SimOptions) -> Result<Sim, ScenarioError> {
        let Parts {
            plan,
            channels,
            subscribers,
            latency,
        } = Parts::of(compile(&scenario)?);
        let services = (plan.services.iter())
            .map(|s| ServiceState::new(s.up, 0))
            .collect();
        let world = World {
            metrics: Metrics::new(plan.services.len(), channels.len()),
            scenario,
            now: 0,
            schedule: Schedule::default(),
            trace: Trace::with_capacity(options.trace_capacity),
            services,
            travels: Slab::default(),
            orders: OrderBook::default(),
            latency,
        };
        let mut sim = Sim {
            mode: options.mode.unwrap_or(world.scenario.mode),
            rng: Rng::new(options.seed.unwrap_or(world.scenario.seed)),
            world,
            channels: Channels::new(channels, subscribers),
            jobs: Slab::default(),
            calls: Slab::default(),
            next_msg: 0,
            next_order: 0,
            next_call: 0,
            sample_every: options.sample_every.clamp(1, DAY),
            next_sample: 0,
            completed_at_sample: 0,
            rate_generation: 0,
            rate: None,
            input_left: plan.inputs.iter().map(|i| i.count).collect(),
            steps: 0,
            changed: Vec::new(),
            plan,
        };
        for (i, input) in sim.plan.inputs.iter().enumerate() {
            if input.count != Some(0) {
                sim.world
                    .schedule
                    .push(input.start, Ev::Input { input: i as u32 });
            }
        }
        for (i, &(at, _)) in sim.plan.actions.iter().enumerate() {
            sim.world.schedule.push(at, Ev::Action { index: i as u32 });
        }
        sim.channels.start_groups(&mut sim.world);
        Ok(sim)
    }

    /// The scenario being run, with its wiring as it stands now (scheduled
    /// subscribes, unsubscribes, binds and unbinds that have happened).
    pub fn scenario(&self) -> &Scenario {
        &self.world.scenario
    }

    /// The scheduled topology changes that have happened, in order
    /// (indices into the scenario's actions).
    pub fn changes_made(&self) -> &[u32] {
        &self.changed
    }

    /// Messaging or RPC.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Current virtual time.
    pub fn now(&self) -> Micros {
        self.world.now
    }

    /// The trace ring buffer.
    pub fn trace(&self) -> &Trace {
        &self.world.trace
    }

    /// Everything measured so far.
    pub fn metrics(&self) -> &Metrics {
        &self.world.metrics
    }

    /// Time of the next pending event, if any.
    pub fn next_event_time(&self) -> Option<Micros> {
        self.world.schedule.peek_time()
    }

    /// Processes the next event; returns false when nothing is pending.
    pub fn step(&mut self) -> bool {
        let Some((at, ev)) = self.world.schedule.pop() else {
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
        self.run_until(self.world.now.saturating_add(d));
    }

    /// Like [`Sim::run_until`], but processes at most `budget` events: a
    /// frame of the playground, or a comparison, stays short however busy
    /// the scenario is. Returns false when the budget ran out first; the
    /// clock then stands at the last event processed, and the next call
    /// carries on from there.
    pub fn run_until_within(&mut self, t: Micros, budget: u64) -> bool {
        let t = t.min(END_OF_TIME);
        let mut left = budget;
        while let Some(at) = self.world.schedule.peek_time() {
            if at > t {
                break;
            }
            if left == 0 {
                return false;
            }
            left -= 1;
            self.step();
        }
        if t > self.world.now {
            self.advance_clock(t);
        }
        true
    }

    /// A client places an order at `service` now; returns its id, or `None`
    /// when the run already holds [`MAX_HELD`] pieces of work: the order is
    /// refused (an `order_refused` event) so a backlog cannot exhaust memory.
    pub fn place_order(&mut self, service: ServiceId) -> Option<u64> {
        if self.world.orders.held() >= MAX_HELD {
            self.world.metrics.orders.refused += 1;
            self.world.record(EventKind::OrderRefused { service });
            return None;
        }
        self.next_order += 1;
        let order = self.next_order;
        self.world.orders.open(order, self.world.now);
        self.world.metrics.orders.placed += 1;
        self.world.record(EventKind::OrderPlaced { order, service });
        self.deliver_work(service, Work::Order { order });
        Some(order)
    }

    /// Fires orders at `service` at `per_second` from now on (0 stops).
    pub fn set_order_rate(&mut self, service: ServiceId, per_second: f64) {
        self.rate_generation += 1;
        self.rate = None;
        if per_second > 0.0 && per_second.is_finite() {
            let every = ((1e6 / per_second).round() as Micros).max(1);
            self.rate = Some((service, every));
            let generation = self.rate_generation;
            self.world
                .schedule
                .push(self.world.now + every, Ev::Rate { generation });
        }
    }

    /// Takes a service down (its work in hand is lost) or brings it back.
    pub fn set_service_up(&mut self, service: ServiceId, up: bool) {
        let now = self.world.now;
        let s = self.world.service(service);
        if s.up == up {
            return;
        }
        s.up = up;
        s.down_since = (!up).then_some(now);
        if up {
            self.world.record(EventKind::ServiceUp { service });
            self.try_start(service);
        } else {
            self.world.record(EventKind::ServiceDown { service });
            self.crash(service);
        }
        self.channels.member_changed(service, up, &mut self.world);
    }

    /// Interval of the depth and throughput samples.
    pub fn sample_every(&self) -> Micros {
        self.sample_every
    }

    /// Pending events (for tests and benchmarks).
    pub fn pending_events(&self) -> usize {
        self.world.schedule.len()
    }

    /// Orders not yet completed.
    pub fn open_orders(&self) -> usize {
        self.world.orders.len()
    }

    /// Applies `scenario` from now on: timings, workers, failure chances,
    /// up/down, queue settings, wires, and services and channels added
    /// after the last ones. Returns `Ok(false)` (and changes nothing) when
    /// the edit needs a fresh run: services or channels removed, or a
    /// channel that changed kind. An invalid scenario is refused with its error and
    /// the run is untouched.
    pub fn retune(&mut self, scenario: Scenario) -> Result<bool, ScenarioError> {
        self.apply_scenario(scenario)
    }

    /// Switches between messaging and RPC for work that starts from now on.
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// Command: the consumer group people call `group` (its name, or the
    /// service id of a subscriber on its own) of log `channel` rewinds (see
    /// `group.rs`); false when there is no such log or group.
    pub fn rewind_group(&mut self, channel: ChannelId, group: &str) -> bool {
        (self.channels).log(channel, &mut self.world, |l, w| {
            let g = l.group_called(group);
            if let Some(g) = g {
                l.rewind(g, w);
            }
            g.is_some()
        })
    }

    /// Command: every message waiting in queue `from` (typically a
    /// dead-letter queue) moves on to channel `to` (its source queue), as
    /// SQS's dead-letter queue redrive does; RabbitMQ and Pub/Sub users
    /// shovel or republish them, to the same effect. Each message keeps its
    /// order (the order's work is not over) and starts its delivery count
    /// again. Returns how many moved; none when `from` is not a queue or is
    /// `to`.
    pub fn redrive(&mut self, from: ChannelId, to: ChannelId) -> u32 {
        if from == to || to.index() >= self.channels.len() {
            return 0;
        }
        let mut taken = Vec::new();
        (self.channels).queue(from, &mut self.world, |q, _, _| taken = q.take_ready());
        self.world.metrics.channels[from.index()].redriven += taken.len() as u64;
        for item in &taken {
            self.world.record(EventKind::Redriven {
                channel: from,
                msg: item.msg.id,
                to,
            });
            // From the top, not from `from`'s downstream: a source queue
            // comes before its dead-letter queue in forwarding order.
            self.channels.arrive(to, item.msg, &mut self.world);
        }
        taken.len() as u32
    }

    /// Consumer groups reading log `channel`, by index (empty for other kinds).
    pub fn group_count(&self, channel: ChannelId) -> u32 {
        match self.channels.get(channel) {
            Some(Channel::Log(log)) => log.groups.len() as u32,
            _ => 0,
        }
    }

    /// What people call consumer group `g` of log `channel` (trace events
    /// name groups by index): its name, the service id of a subscriber on
    /// its own, or the service and pattern; the number when there is none.
    pub fn group_name(&self, channel: ChannelId, g: u32) -> String {
        match self.channels.get(channel) {
            Some(Channel::Log(log)) => (log.groups.get(g as usize))
                .map_or_else(|| g.to_string(), |group| group.key.label()),
            _ => g.to_string(),
        }
    }
}
