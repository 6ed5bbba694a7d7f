//! Channel kinds. Each kind is a module with its state and its `impl Sim`
//! handlers; `ChannelState` dispatches to them. A new kind (a log with
//! partitions, a broker preset) is a new module and a new variant here.

mod pubsub;
mod queue;

pub(crate) use pubsub::PubSubState;
pub(crate) use queue::QueueState;

use crate::sim::{Msg, Sim};
use crate::trace::{DropReason, EventKind};
use crate::validate::ChannelTopo;

/// Runtime state of one channel.
#[derive(Clone, Debug)]
pub(crate) enum ChannelState {
    PubSub(PubSubState),
    Queue(QueueState),
}

impl ChannelState {
    pub(crate) fn new(topo: &ChannelTopo) -> Self {
        match topo {
            ChannelTopo::PubSub => ChannelState::PubSub(PubSubState::default()),
            ChannelTopo::Queue(_) => ChannelState::Queue(QueueState::default()),
        }
    }

    /// Messages waiting to be delivered.
    pub(crate) fn depth(&self) -> usize {
        match self {
            ChannelState::PubSub(_) => 0,
            ChannelState::Queue(q) => q.ready.len(),
        }
    }

    /// Messages delivered and not yet acknowledged.
    pub(crate) fn unacked(&self) -> usize {
        match self {
            ChannelState::PubSub(_) => 0,
            ChannelState::Queue(q) => q.unacked.len(),
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
            ChannelState::Queue(_) => self.enqueue(channel, msg, 0, self.now),
        }
    }

    /// Pulls from a channel into consumers with free capacity (queues only;
    /// fan-out channels push at once and hold nothing).
    pub(crate) fn dispatch(&mut self, channel: u32) {
        if let ChannelState::Queue(_) = self.channels[channel as usize] {
            self.dispatch_queue(channel);
        }
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
