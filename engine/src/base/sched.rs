//! The event queue: a min-heap keyed by (time, sequence number), so events at
//! the same instant run in the order they were scheduled (determinism).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::base::id::ChannelId;
use crate::base::slab::Key;
use crate::base::time::Micros;

/// Something the simulation must do at a future instant.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ev {
    /// A travel (message, request or reply) reaches its destination.
    Arrive(Key),
    /// A job's processing time is over.
    ProcessingDone(Key),
    /// A job has handed all its messages to the broker.
    PublishingDone(Key),
    /// The earliest lease of a queue runs out (one timer per queue).
    VisibilityTimeout { channel: ChannelId },
    /// The head of a queue may have expired (one timer per queue).
    Expire { channel: ChannelId },
    /// A scheduled input fires its next order.
    Input { input: u32 },
    /// The interactive order rate fires (ignored when `generation` is stale).
    Rate { generation: u32 },
    /// An RPC caller stops waiting.
    RpcTimeout(Key),
    /// A queue's earliest retry delay is over.
    RetryDue { channel: ChannelId },
    /// A log's consumer groups check for members silent too long.
    SessionTimeout { channel: ChannelId },
    /// A log's consumers commit their positions.
    AutoCommit { channel: ChannelId },
    /// A log's oldest record may have outlived its retention.
    Retention { channel: ChannelId },
    /// A scheduled action of the scenario.
    Action { index: u32 },
}

#[derive(Clone, Copy, Debug)]
struct Scheduled {
    at: Micros,
    seq: u64,
    ev: Ev,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap, we want the earliest first.
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// Pending events in time order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Schedule {
    heap: BinaryHeap<Scheduled>,
    seq: u64,
}

impl Schedule {
    pub(crate) fn push(&mut self, at: Micros, ev: Ev) {
        self.seq += 1;
        self.heap.push(Scheduled {
            at,
            seq: self.seq,
            ev,
        });
    }

    pub(crate) fn peek_time(&self) -> Option<Micros> {
        self.heap.peek().map(|s| s.at)
    }

    pub(crate) fn pop(&mut self) -> Option<(Micros, Ev)> {
        self.heap.pop().map(|s| (s.at, s.ev))
    }

    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}
