//! The scenario format (JSON): what users build, save, share and embed.
//!
//! Every field is documented in `docs/scenario-format.md`; keep the two in step.
//! Times are milliseconds (floats allowed) because that is what people type;
//! the engine converts them to integer microseconds.

use serde::{Deserialize, Serialize};

/// The format version this build writes. Older versions are migrated on load.
pub const CURRENT_VERSION: u32 = 1;

/// A whole playground: services, channels, wires and the orders fired at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; always written.
    pub version: u32,
    /// Title shown to people.
    #[serde(default)]
    pub name: String,
    /// Messaging (through channels) or RPC (direct, blocking calls).
    #[serde(default)]
    pub mode: Mode,
    /// Seed of the simulation's random numbers.
    #[serde(default)]
    pub seed: u64,
    /// Network and call timings shared by all wires.
    #[serde(default)]
    pub network: Network,
    /// The services (nodes that do work).
    #[serde(default)]
    pub services: Vec<ServiceSpec>,
    /// The message channels (nodes that carry messages).
    #[serde(default)]
    pub channels: Vec<ChannelSpec>,
    /// Which service listens on which channel.
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Orders fired automatically.
    #[serde(default)]
    pub inputs: Vec<Input>,
}

/// How services talk in a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Publish to channels and move on (asynchronous).
    #[default]
    Messaging,
    /// Call each downstream service in turn and wait for its reply.
    Rpc,
}

impl Mode {
    /// The other style (for side-by-side comparisons).
    pub fn other(self) -> Mode {
        match self {
            Mode::Messaging => Mode::Rpc,
            Mode::Rpc => Mode::Messaging,
        }
    }
}

/// Timings of the wires between nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Network {
    /// One-way travel time of a message or request.
    pub latency_ms: f64,
    /// Time a producer spends handing one message to the broker.
    pub publish_ms: f64,
    /// How long an RPC caller waits for a reply before giving up.
    pub rpc_timeout_ms: f64,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            latency_ms: 2.0,
            publish_ms: 1.0,
            rpc_timeout_ms: 3_000.0,
        }
    }
}

/// A service: takes work, spends time on it, then publishes or calls onward.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    /// Stable identifier used by wires (letters, digits, `-`, `_`).
    pub id: String,
    /// Display name; defaults to the id.
    #[serde(default)]
    pub name: String,
    /// Time one piece of work takes.
    pub processing: Processing,
    /// Pieces of work done at the same time.
    #[serde(default = "one")]
    pub workers: u32,
    /// Chance (0..1) that a piece of work fails.
    #[serde(default)]
    pub failure_probability: f64,
    /// A down service takes no work.
    #[serde(default = "yes")]
    pub up: bool,
    /// A database the service writes to as part of its processing (shown, and
    /// its time included in `processing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Channels it publishes to after successful work (in this order).
    #[serde(default)]
    pub publishes: Vec<String>,
    /// RPC mode only: services to call in turn. Empty means "the subscribers of
    /// the channels in `publishes`", so one scenario runs in both modes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<String>,
    /// Canvas position (layout only; no effect on the run).
    #[serde(default)]
    pub x: f64,
    /// Canvas position (layout only; no effect on the run).
    #[serde(default)]
    pub y: f64,
}

impl ServiceSpec {
    /// A service with one worker, up, no failures, no outputs, at (x, y).
    pub fn new(id: &str, name: &str, processing: Processing, x: f64, y: f64) -> Self {
        ServiceSpec {
            id: id.into(),
            name: name.into(),
            processing,
            workers: 1,
            failure_probability: 0.0,
            up: true,
            database: None,
            publishes: Vec::new(),
            calls: Vec::new(),
            x,
            y,
        }
    }
}

impl ChannelSpec {
    /// A channel at (x, y).
    pub fn new(id: &str, name: &str, kind: ChannelKind, x: f64, y: f64) -> Self {
        ChannelSpec {
            id: id.into(),
            name: name.into(),
            kind,
            x,
            y,
        }
    }
}

/// Distribution of processing time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "lowercase", deny_unknown_fields)]
pub enum Processing {
    /// Always the same.
    Constant {
        /// Duration in ms.
        ms: f64,
    },
    /// Evenly spread between two bounds.
    Uniform {
        /// Shortest, in ms.
        min_ms: f64,
        /// Longest, in ms.
        max_ms: f64,
    },
    /// Memoryless, with the given mean (long tail).
    Exponential {
        /// Mean, in ms.
        mean_ms: f64,
    },
}

/// A message channel and how it behaves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelSpec {
    /// Stable identifier used by wires.
    pub id: String,
    /// Display name; defaults to the id.
    #[serde(default)]
    pub name: String,
    /// Delivery semantics.
    pub kind: ChannelKind,
    /// Canvas position (layout only).
    #[serde(default)]
    pub x: f64,
    /// Canvas position (layout only).
    #[serde(default)]
    pub y: f64,
}

/// Delivery semantics of a channel. New kinds are added here and in
/// `engine/src/channel/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ChannelKind {
    /// Fan-out of a copy to every current subscriber; nothing is stored.
    PubSub,
    /// Stored until consumed; subscribers compete; acknowledged after work.
    Queue(QueueSpec),
}

/// Parameters of a queue channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QueueSpec {
    /// A delivered but unacknowledged message becomes visible again after this.
    pub visibility_timeout_ms: f64,
    /// Deliveries before the message is dead-lettered (or dropped).
    pub max_deliveries: u32,
    /// Channel that receives messages which failed `max_deliveries` times.
    pub dead_letter: Option<String>,
    /// Messages waiting longer than this are dropped as expired.
    pub ttl_ms: Option<f64>,
    /// Most messages the queue holds.
    pub max_length: Option<u32>,
    /// What a full queue does with a new message.
    pub overflow: Overflow,
}

impl Default for QueueSpec {
    fn default() -> Self {
        QueueSpec {
            visibility_timeout_ms: 30_000.0,
            max_deliveries: 5,
            dead_letter: None,
            ttl_ms: None,
            max_length: None,
            overflow: Overflow::DropOldest,
        }
    }
}

/// Policy of a full queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overflow {
    /// Make room by dropping the message at the head.
    #[default]
    DropOldest,
    /// Refuse the new message.
    Reject,
}

/// A wire from a channel to a service that consumes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Channel id.
    pub channel: String,
    /// Service id.
    pub service: String,
    /// Pub/sub only: subscribers with the same group share one copy (they
    /// compete, taking turns); each group, and each subscriber without one,
    /// gets its own copy. Queue subscribers always compete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Queue only: when the queue may forget a delivered message.
    #[serde(default, skip_serializing_if = "AckMode::is_manual")]
    pub ack: AckMode,
    /// Queue only, manual ack: most unacknowledged messages this subscriber
    /// holds (extra ones wait in its inbox); absent = its number of workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefetch: Option<u32>,
}

/// When a queue forgets a delivered message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AckMode {
    /// After the consumer's work succeeded (at-least-once: a crash or a
    /// timeout brings the message back).
    #[default]
    Manual,
    /// As soon as it is delivered (at-most-once: work lost in a crash is lost
    /// for good); no prefetch limit.
    Auto,
}

impl AckMode {
    fn is_manual(&self) -> bool {
        *self == AckMode::Manual
    }
}

impl Subscription {
    /// `service` consumes `channel`, in no group.
    pub fn new(channel: &str, service: &str) -> Self {
        Subscription {
            channel: channel.into(),
            service: service.into(),
            group: None,
            ack: AckMode::Manual,
            prefetch: None,
        }
    }
}

/// Orders fired at a service on a schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Service that receives the orders.
    pub service: String,
    /// Gap between two orders.
    pub every_ms: f64,
    /// How many orders; absent means no end.
    #[serde(default)]
    pub count: Option<u64>,
    /// Time of the first order.
    #[serde(default)]
    pub start_ms: f64,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

impl Scenario {
    /// Parses JSON text and validates it; the error names the field at fault.
    pub fn from_json(text: &str) -> Result<Scenario, crate::ScenarioError> {
        crate::migrate::parse(text)
    }

    /// Pretty JSON in the current format version.
    pub fn to_json(&self) -> String {
        let mut copy = self.clone();
        copy.version = CURRENT_VERSION;
        serde_json::to_string_pretty(&copy).expect("a scenario always serialises")
    }

    /// Display name of a service (its id when no name is set).
    pub fn service_name(&self, index: usize) -> &str {
        let s = &self.services[index];
        if s.name.is_empty() {
            &s.id
        } else {
            &s.name
        }
    }

    /// Display name of a channel (its id when no name is set).
    pub fn channel_name(&self, index: usize) -> &str {
        let c = &self.channels[index];
        if c.name.is_empty() {
            &c.id
        } else {
            &c.name
        }
    }
}
