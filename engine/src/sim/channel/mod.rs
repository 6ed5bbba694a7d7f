//! Channel kinds. Each kind is a module with its state and its `impl Sim`
//! handlers; `ChannelState` dispatches to them. A new kind (a log with
//! partitions, a broker preset) is a new module and a new variant here.

mod exchange;
mod group;
mod lease;
mod log;
mod pubsub;
mod queue;

pub(crate) use exchange::ExchangeState;
pub(crate) use log::LogState;
pub(crate) use pubsub::PubSubState;
pub(crate) use queue::QueueState;

use crate::compile::{ChannelTopo, Subscribers};
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::{Msg, Sim};

/// Runtime state of one channel. A run has few channels, so the size of the
/// largest variant costs nothing worth a box (and a pointer on the hot path).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub(crate) enum ChannelState {
    PubSub(PubSubState),
    Queue(QueueState),
    Exchange(ExchangeState),
    Log(LogState),
}

impl ChannelState {
    /// Fresh state of a channel with these subscribers and groups.
    pub(crate) fn new(topo: &ChannelTopo, subscribers: &Subscribers) -> Self {
        match topo {
            ChannelTopo::PubSub => ChannelState::PubSub(PubSubState::default()),
            ChannelTopo::Queue(_) => ChannelState::Queue(QueueState::default()),
            ChannelTopo::Exchange(_) => ChannelState::Exchange(ExchangeState::default()),
            ChannelTopo::Log(l) => ChannelState::Log(LogState::new(l, subscribers)),
        }
    }

    /// Messages waiting to be delivered (for a log: records its groups have
    /// still to read).
    pub(crate) fn depth(&self) -> usize {
        match self {
            ChannelState::PubSub(_) => 0,
            ChannelState::Queue(q) => q.ready.len() + q.delayed.len(),
            ChannelState::Exchange(x) => x.kept.len(),
            ChannelState::Log(l) => l.lag(),
        }
    }

    /// Messages delivered and not yet acknowledged.
    pub(crate) fn unacked(&self) -> usize {
        match self {
            ChannelState::PubSub(_) | ChannelState::Exchange(_) => 0,
            ChannelState::Queue(q) => q.unacked.len(),
            ChannelState::Log(l) => l.in_flight(),
        }
    }
}

impl Sim {
    /// A message reaches a channel (published, or dead-lettered into it). It
    /// carries one order token, which its copies take over.
    pub(crate) fn channel_arrive(&mut self, channel: u32, msg: Msg) {
        self.metrics.channels[channel as usize].arrived += 1;
        match self.channels[channel as usize] {
            ChannelState::PubSub(_) => self.route(channel, msg),
            ChannelState::Queue(_) => self.enqueue_new(channel, msg),
            ChannelState::Exchange(_) => self.exchange_route(channel, msg),
            ChannelState::Log(_) => self.log_append(channel, msg),
        }
    }

    /// Pulls from a channel into consumers with free capacity (queues only;
    /// fan-out channels push at once and hold nothing).
    pub(crate) fn dispatch(&mut self, channel: u32) {
        if let ChannelState::Queue(_) = self.channels[channel as usize] {
            self.dispatch_queue(channel);
        }
    }

    /// A consumer finished its copy: counted, traced, and the order's token
    /// released.
    pub(crate) fn count_ack(&mut self, channel: u32, msg: Msg, service: u32) {
        self.metrics.channels[channel as usize].acked += 1;
        self.record(EventKind::Ack {
            channel,
            msg: msg.id,
            service,
        });
        self.release_order(msg.order);
    }

    /// A duplicate is discarded (deduplication): counted as dropped, but the
    /// order lost nothing.
    pub(crate) fn discard_duplicate(&mut self, channel: u32, msg: Msg) {
        self.metrics.channels[channel as usize].dropped += 1;
        self.metrics.drops[DropReason::Duplicate.index()] += 1;
        self.record(EventKind::Drop {
            channel,
            msg: msg.id,
            reason: DropReason::Duplicate,
        });
        self.release_order(msg.order);
    }

    /// A copy is lost for `reason`; its order token is released.
    pub(crate) fn drop_copy(&mut self, channel: u32, msg: Msg, reason: DropReason) {
        self.metrics.channels[channel as usize].dropped += 1;
        self.metrics.drops[reason.index()] += 1;
        if let Some(o) = self.orders.get_mut(msg.order) {
            o.lost += 1;
        }
        self.record(EventKind::Drop {
            channel,
            msg: msg.id,
            reason,
        });
        self.release_order(msg.order);
    }
}
