//! A small builder for scenarios in code (tests, examples, benchmarks).
//!
//! ```
//! use kurir_engine::scenario::builder::ScenarioBuilder;
//! let s = ScenarioBuilder::new()
//!     .service("order", 50.0).publishes("jobs")
//!     .queue("jobs", Default::default())
//!     .service("worker", 100.0).workers(2).consumes("jobs")
//!     .build();
//! assert_eq!(s.services.len(), 2);
//! ```

use crate::scenario::preset::Preset;
use crate::scenario::*;

/// Builds a [`Scenario`]; service modifiers apply to the last service added.
#[derive(Clone, Debug)]
pub struct ScenarioBuilder {
    scenario: Scenario,
}

impl Default for ScenarioBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ScenarioBuilder {
    /// An empty scenario with default network timings.
    pub fn new() -> Self {
        ScenarioBuilder {
            scenario: Scenario {
                version: CURRENT_VERSION,
                name: String::new(),
                mode: Mode::Messaging,
                seed: 0,
                network: Network::default(),
                services: Vec::new(),
                channels: Vec::new(),
                subscriptions: Vec::new(),
                inputs: Vec::new(),
                actions: Vec::new(),
            },
        }
    }

    /// Adds a service with a constant processing time.
    pub fn service(self, id: &str, ms: f64) -> Self {
        self.service_with(id, Processing::Constant { ms })
    }

    /// Adds a service with any processing distribution.
    pub fn service_with(mut self, id: &str, processing: Processing) -> Self {
        let n = self.scenario.services.len() as f64;
        self.scenario.services.push(ServiceSpec::new(
            id,
            "",
            processing,
            100.0 + 200.0 * n,
            100.0,
        ));
        self
    }

    fn last(&mut self) -> &mut ServiceSpec {
        self.scenario
            .services
            .last_mut()
            .expect("add a service before configuring it")
    }

    /// Sets the last service's workers.
    pub fn workers(mut self, n: u32) -> Self {
        self.last().workers = n;
        self
    }

    /// Sets the last service's failure probability.
    pub fn fails(mut self, p: f64) -> Self {
        self.last().failure_probability = p;
        self
    }

    /// Starts the last service down.
    pub fn down(mut self) -> Self {
        self.last().up = false;
        self
    }

    /// The last service publishes to `channel` after its work.
    pub fn publishes(mut self, channel: &str) -> Self {
        self.last().publishes.push(channel.into());
        self
    }

    /// The last service calls `service` in RPC mode.
    pub fn calls(mut self, service: &str) -> Self {
        self.last().calls.push(service.into());
        self
    }

    /// The last service subscribes to `channel`.
    pub fn consumes(mut self, channel: &str) -> Self {
        let service = self.last().id.clone();
        self.scenario
            .subscriptions
            .push(Subscription::new(channel, &service));
        self
    }

    /// The last service subscribes to `channel` as a member of `group`.
    pub fn consumes_in(mut self, channel: &str, group: &str) -> Self {
        let service = self.last().id.clone();
        self.scenario.subscriptions.push(Subscription {
            group: Some(group.into()),
            ..Subscription::new(channel, &service)
        });
        self
    }

    /// The last subscription is auto-acknowledged (queues).
    pub fn auto_ack(mut self) -> Self {
        if let Some(w) = self.scenario.subscriptions.last_mut() {
            w.ack = AckMode::Auto;
        }
        self
    }

    /// The last subscription holds at most `n` unacknowledged messages (queues).
    pub fn prefetch(mut self, n: u32) -> Self {
        if let Some(w) = self.scenario.subscriptions.last_mut() {
            w.prefetch = Some(n);
        }
        self
    }

    /// Adds a fan-out (pub/sub) channel.
    pub fn pubsub(self, id: &str) -> Self {
        self.channel(id, ChannelKind::PubSub)
    }

    /// Adds a queue channel.
    pub fn queue(self, id: &str, spec: QueueSpec) -> Self {
        self.channel(id, ChannelKind::Queue(spec))
    }

    /// Adds a channel standing for a part of a real broker, with that
    /// part's documented defaults.
    pub fn preset(mut self, id: &str, preset: Preset) -> Self {
        self = self.channel(id, preset.kind());
        if let Some(c) = self.scenario.channels.last_mut() {
            c.broker = Some(preset);
        }
        self
    }

    /// Changes the last channel's kind in place (e.g. one preset field).
    pub fn tune(mut self, change: impl FnOnce(&mut ChannelKind)) -> Self {
        if let Some(c) = self.scenario.channels.last_mut() {
            change(&mut c.kind);
        }
        self
    }

    /// Binds the last channel (an exchange) to `to`, with a binding key.
    pub fn bind(self, to: &str, key: Option<&str>) -> Self {
        self.bind_with(Binding::to(to, key))
    }

    /// Binds the last channel (an exchange) with a full binding.
    pub fn bind_with(mut self, binding: Binding) -> Self {
        if let Some(ChannelKind::Exchange(x)) =
            self.scenario.channels.last_mut().map(|c| &mut c.kind)
        {
            x.bindings.push(binding);
        }
        self
    }

    /// The last service publishes a message with an envelope.
    pub fn publishes_with(mut self, publish: Publish) -> Self {
        self.last().publishes.push(publish);
        self
    }

    /// The last service also listens to fan-out channels matching `glob`.
    pub fn pattern(mut self, glob: &str) -> Self {
        self.last().patterns.push(glob.into());
        self
    }

    /// Adds a scheduled action.
    pub fn action(mut self, action: Action) -> Self {
        self.scenario.actions.push(action);
        self
    }

    fn channel(mut self, id: &str, kind: ChannelKind) -> Self {
        let n = self.scenario.channels.len() as f64;
        self.scenario
            .channels
            .push(ChannelSpec::new(id, "", kind, 100.0 + 200.0 * n, 300.0));
        self
    }

    /// Sets wire latency and per-publish cost.
    pub fn network(mut self, latency_ms: f64, publish_ms: f64) -> Self {
        self.scenario.network.latency_ms = latency_ms;
        self.scenario.network.publish_ms = publish_ms;
        self
    }

    /// Sets the RPC timeout.
    pub fn rpc_timeout(mut self, ms: f64) -> Self {
        self.scenario.network.rpc_timeout_ms = ms;
        self
    }

    /// Fires `count` orders at `service`, one every `every_ms`.
    pub fn input(mut self, service: &str, every_ms: f64, count: Option<u64>) -> Self {
        self.scenario.inputs.push(Input {
            service: service.into(),
            every_ms,
            count,
            start_ms: 0.0,
        });
        self
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.scenario.seed = seed;
        self
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.scenario.mode = mode;
        self
    }

    /// The scenario (not validated: `Sim::new` does that).
    pub fn build(self) -> Scenario {
        self.scenario
    }
}

impl From<Scenario> for ScenarioBuilder {
    /// Continues building from an existing scenario (its last service and
    /// channel are the ones the next calls change).
    fn from(scenario: Scenario) -> Self {
        ScenarioBuilder { scenario }
    }
}
