//! The moving parts of a run: messages, work items, travels along wires,
//! jobs in progress, service state and RPC calls. Plain data; the behaviour
//! lives in `events.rs`, `service.rs`, `channel/` and `rpc.rs`.

use std::collections::VecDeque;

use crate::base::slab::Key;
use crate::base::time::Micros;
use crate::compile::{ChannelId, ServiceId};

/// A message as it moves: shared by all copies of one publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg {
    /// Message id (unique per publish).
    pub id: u64,
    /// Order it belongs to.
    pub order: u64,
    /// Service that published it.
    pub producer: ServiceId,
    /// Which of the producer's publishes made it (its envelope). A node has
    /// at most [`crate::compile::limits::MAX_WIRES_PER_NODE`] publishes.
    pub publish: u16,
}

/// A piece of work waiting at, or done by, a service.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Work {
    /// An order placed by a client.
    Order { order: u64 },
    /// A pushed copy from a fan-out channel (no ack, no redelivery).
    Pushed { channel: ChannelId, msg: Msg },
    /// A leased copy from a queue (ack or nack when done).
    Leased {
        channel: ChannelId,
        lease: Key,
        msg: Msg,
    },
    /// A copy the queue already forgot (auto-ack): nothing to report back.
    AutoAcked { msg: Msg },
    /// An RPC request.
    Request { call: Key, order: u64 },
    /// A record read from a log partition by a consumer group.
    Record {
        channel: ChannelId,
        group: u32,
        partition: u32,
        offset: u64,
        generation: u32,
        msg: Msg,
    },
}

impl Work {
    pub(crate) fn order(&self) -> u64 {
        match *self {
            Work::Order { order } | Work::Request { order, .. } => order,
            Work::Pushed { msg, .. }
            | Work::Leased { msg, .. }
            | Work::AutoAcked { msg, .. }
            | Work::Record { msg, .. } => msg.order,
        }
    }
}

/// What a node on the canvas is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// Service by index.
    Service(ServiceId),
    /// Channel by index.
    Channel(ChannelId),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Cargo {
    Publish { channel: ChannelId, msg: Msg },
    Deliver(Work),
    Reply { call: Key, ok: bool },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Travel {
    pub from: Node,
    pub to: Node,
    pub depart: Micros,
    pub arrive: Micros,
    pub cargo: Cargo,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Phase {
    Processing,
    Publishing,
    Calling { index: usize, call: Key },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Job {
    pub service: ServiceId,
    pub work: Work,
    pub arrived: Micros,
    pub started: Micros,
    pub phase: Phase,
}

#[derive(Clone, Debug)]
pub(crate) struct ServiceState {
    pub up: bool,
    pub busy: u32,
    pub inbox: VecDeque<(Work, Micros)>,
    /// Deliveries on their way here (count against the prefetch window).
    pub incoming: u32,
    /// Round-robin start over the queues this service consumes.
    pub next_queue: usize,
    /// When it last went down, while it is down.
    pub down_since: Option<Micros>,
}

impl ServiceState {
    /// A service joining the run at `now`, idle, up or down.
    pub fn new(up: bool, now: Micros) -> Self {
        ServiceState {
            up,
            busy: 0,
            inbox: VecDeque::new(),
            incoming: 0,
            next_queue: 0,
            down_since: (!up).then_some(now),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Call {
    pub caller_job: Key,
    pub caller: ServiceId,
    pub callee: ServiceId,
    pub id: u64,
    /// Payload slot in `Metrics::payload_sent` (channel index, or last for direct calls).
    pub slot: usize,
}
