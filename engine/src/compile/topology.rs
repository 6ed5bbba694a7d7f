//! What the compiler produces: the scenario as indices and microseconds,
//! the form a run (the simulator, or a runtime driving a real broker) reads.

use crate::base::rng::Rng;
use crate::base::time::Micros;
use crate::compile::channels::ChannelTopo;
use crate::compile::ids::{ChannelId, ServiceId};
use crate::compile::subscribers::Subscribers;

/// Processing-time distribution in microseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// Fixed duration.
    Constant(Micros),
    /// Uniform between two bounds (inclusive).
    Uniform(Micros, Micros),
    /// Exponential with this mean.
    Exponential(f64),
}

impl Dist {
    /// One duration drawn from `rng` (no draw for a constant). The simulator
    /// and the live runner both draw with this, so a seed means the same
    /// processing times in either.
    pub fn sample(self, rng: &mut Rng) -> Micros {
        match self {
            Dist::Constant(d) => d,
            Dist::Uniform(lo, hi) => rng.range_inclusive(lo, hi),
            Dist::Exponential(mean) => rng.exponential(mean).round() as Micros,
        }
    }
}

/// A compiled service.
#[derive(Clone, Debug)]
pub struct ServiceTopo {
    /// Processing time.
    pub processing: Dist,
    /// Parallel workers.
    pub workers: u32,
    /// Chance of failure per piece of work.
    pub failure_probability: f64,
    /// Orders whose work always fails here (sorted, no repeats).
    pub fails_orders: Vec<u64>,
    /// Up at the start of the run.
    pub up: bool,
    /// Channels published to on success (messaging mode).
    pub publishes: Vec<ChannelId>,
    /// Calls made in turn (RPC mode): callee and the channel whose data it carries.
    pub calls: Vec<RpcTarget>,
    /// Queue-like channels this service consumes (pull on free capacity).
    pub consumes: Vec<ChannelId>,
}

/// One call an RPC caller makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RpcTarget {
    /// Service called.
    pub callee: ServiceId,
    /// Channel whose payload the request carries (None for an explicit call).
    pub payload: Option<ChannelId>,
}

/// A compiled scheduled action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionTopo {
    /// Service goes down.
    Down(ServiceId),
    /// Service comes up.
    Up(ServiceId),
    /// The consumer group called `group` of log `channel` rewinds to the
    /// oldest record. By name: groups that join later have no index yet.
    Rewind {
        /// Log channel.
        channel: ChannelId,
        /// Group name (or the service id of a subscriber on its own).
        group: String,
    },
    /// The topology changes as the scenario's action with this index says
    /// (checked: at its time it changes something and the result is valid).
    Change(u32),
}

/// A compiled input schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct InputTopo {
    /// Receiving service.
    pub service: ServiceId,
    /// Gap between orders.
    pub every: Micros,
    /// Number of orders (None = endless).
    pub count: Option<u64>,
    /// First order.
    pub start: Micros,
}

/// The scenario as indices and microseconds.
#[derive(Clone, Debug)]
pub struct Topology {
    /// Services by index.
    pub services: Vec<ServiceTopo>,
    /// Channels by index.
    pub channels: Vec<ChannelTopo>,
    /// For each channel, who listens on it and in which groups.
    pub subscribers: Vec<Subscribers>,
    /// Scheduled inputs.
    pub inputs: Vec<InputTopo>,
    /// Scheduled actions, with their time.
    pub actions: Vec<(Micros, ActionTopo)>,
    /// One-way wire latency.
    pub latency: Micros,
    /// Producer time per publish.
    pub publish_cost: Micros,
    /// RPC reply timeout.
    pub rpc_timeout: Micros,
}
