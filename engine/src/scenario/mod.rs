//! The scenario format (JSON): what users build, save, share and embed.
//!
//! Every field is documented in `docs/scenario-format.md`; keep the two in step.
//! Times are milliseconds (floats allowed) because that is what people type;
//! the engine converts them to integer microseconds.

use serde::{Deserialize, Deserializer, Serialize};

use tagged::{via_value, Tagged};

mod action;
pub mod builder;
mod channel;
pub mod envelope;
mod error;
pub mod preset;
mod refs;
pub mod routing;
pub(crate) mod tagged;
mod wires;

pub use action::Action;
pub use channel::*;
pub use error::{Problem, ScenarioError};
pub use refs::{NodeKind, Ref};
pub use wires::*;

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
    /// Things that happen at set times (a service goes down, a group rewinds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
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
    /// Orders (by number) whose work always fails here, however often it
    /// comes back: a poison message, shown without hunting for a seed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fails_orders: Vec<u64>,
    /// A down service takes no work.
    #[serde(default = "yes")]
    pub up: bool,
    /// A database the service writes to as part of its processing (shown, and
    /// its time included in `processing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Messages it publishes after successful work (in this order).
    #[serde(default)]
    pub publishes: Vec<Publish>,
    /// Glob patterns (`*`, `?`, `[abc]`) of fan-out channel ids it also
    /// listens to (Redis PSUBSCRIBE): one copy per matching pattern.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
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
            fails_orders: Vec::new(),
            up: true,
            database: None,
            publishes: Vec::new(),
            patterns: Vec::new(),
            calls: Vec::new(),
            x,
            y,
        }
    }
}

/// Distribution of processing time.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "dist", rename_all = "lowercase")]
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

impl<'de> Deserialize<'de> for Processing {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        via_value(d, |value| {
            let mut p = Tagged::read(value, "dist", &["constant", "uniform", "exponential"])?;
            let (dist, fields): (_, &[&str]) = match p.variant {
                0 => (
                    Processing::Constant {
                        ms: p.number("ms")?,
                    },
                    &["ms"],
                ),
                1 => {
                    let (min_ms, max_ms) = (p.number("min_ms")?, p.number("max_ms")?);
                    (
                        Processing::Uniform { min_ms, max_ms },
                        &["min_ms", "max_ms"],
                    )
                }
                _ => (
                    Processing::Exponential {
                        mean_ms: p.number("mean_ms")?,
                    },
                    &["mean_ms"],
                ),
            };
            p.finish(fields)?;
            Ok(dist)
        })
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
    /// JSON on one line in the current format version (share links, autosave).
    pub fn to_compact_json(&self) -> String {
        let mut copy = self.clone();
        copy.version = CURRENT_VERSION;
        serde_json::to_string(&copy).expect("a scenario always serialises")
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
