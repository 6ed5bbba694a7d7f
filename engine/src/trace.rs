//! Typed trace events and the bounded ring buffer that keeps the latest ones.
//!
//! The JSON form is documented in `docs/trace-format.md` (see `trace_json.rs`).

use std::collections::VecDeque;

use crate::time::Micros;

/// One thing that happened, stamped with its virtual time and sequence number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceEvent {
    /// Position in the whole run (0-based), also counting evicted events.
    pub seq: u64,
    /// Virtual time in microseconds.
    pub t: Micros,
    /// What happened.
    pub kind: EventKind,
}

/// What happened. Services and channels are indices into the scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventKind {
    /// A client placed an order at a service.
    OrderPlaced { order: u64, service: u32 },
    /// An order was refused: the run already held as much work as Kurir
    /// keeps ([`crate::limits::MAX_HELD`]).
    OrderRefused { service: u32 },
    /// The service that took the order is free again (response sent).
    OrderResponded {
        order: u64,
        ok: bool,
        response: Micros,
    },
    /// Every piece of work caused by the order has ended.
    OrderCompleted { order: u64, latency: Micros },
    /// A service started working on something for an order.
    WorkStarted { service: u32, order: u64 },
    /// A service finished that work (ok = false: it failed).
    WorkDone { service: u32, order: u64, ok: bool },
    /// A service published a message to a channel.
    Publish {
        service: u32,
        channel: u32,
        msg: u64,
        order: u64,
    },
    /// A fan-out channel made one copy per subscriber.
    Route { channel: u32, msg: u64, copies: u32 },
    /// A queue stored a message.
    Enqueue { channel: u32, msg: u64, depth: u32 },
    /// A channel handed a message to a service.
    Deliver {
        channel: u32,
        msg: u64,
        service: u32,
        attempt: u32,
    },
    /// A consumer acknowledged: the queue forgets the message.
    Ack {
        channel: u32,
        msg: u64,
        service: u32,
    },
    /// An acknowledgement came after the message was already given out again.
    AckLate {
        channel: u32,
        msg: u64,
        service: u32,
    },
    /// A consumer reported failure: the message goes back.
    Nack {
        channel: u32,
        msg: u64,
        service: u32,
    },
    /// A message became available again (after a nack or a timeout).
    Redeliver {
        channel: u32,
        msg: u64,
        attempt: u32,
        cause: RedeliverCause,
    },
    /// A copy was lost, with the reason.
    Drop {
        channel: u32,
        msg: u64,
        reason: DropReason,
    },
    /// A message was moved to the dead-letter channel.
    DeadLetter { channel: u32, msg: u64, to: u32 },
    /// An RPC caller sent a request and now waits.
    RpcCall {
        call: u64,
        from: u32,
        to: u32,
        order: u64,
    },
    /// The reply arrived (ok = false: the callee failed).
    RpcReturn {
        call: u64,
        from: u32,
        to: u32,
        ok: bool,
    },
    /// The caller gave up waiting.
    RpcTimeout { call: u64, from: u32, to: u32 },
    /// A log appended a record to a partition.
    Append {
        channel: u32,
        msg: u64,
        partition: u32,
        offset: u64,
    },
    /// A consumer group committed its position in a partition.
    Commit {
        channel: u32,
        group: u32,
        partition: u32,
        offset: u64,
    },
    /// A consumer group's partitions were (re)assigned among its live members.
    Rebalance {
        channel: u32,
        group: u32,
        members: u32,
    },
    /// A consumer group's position in a partition jumped (rewind, or offset
    /// reset to earliest/latest).
    Seek {
        channel: u32,
        group: u32,
        partition: u32,
        offset: u64,
    },
    /// A service went down (its work in hand is lost).
    ServiceDown { service: u32 },
    /// A service came back up.
    ServiceUp { service: u32 },
}

/// Why a message copy was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// Published to a fan-out channel with no subscriber.
    NoSubscriber,
    /// The subscriber was down when the copy was due.
    SubscriberDown,
    /// The consumer went down while holding the copy (no ack to bring it back).
    ConsumerCrashed,
    /// Work on a copy failed and the channel does not redeliver.
    ProcessingFailed,
    /// Waited longer than the queue's time to live.
    Expired,
    /// Pushed out of a full queue (drop-oldest).
    Overflow,
    /// Refused by a full queue (reject).
    Rejected,
    /// Failed its last allowed delivery and no dead-letter channel is set.
    MaxDeliveries,
    /// No binding of the exchange matched it.
    Unroutable,
    /// No binding matched and it went back to the publisher (mandatory).
    Returned,
    /// A duplicate within the deduplication window (not an error).
    Duplicate,
    /// A consumer group moved past it without reading it (offset reset, or
    /// retention deleted it first).
    Skipped,
}

impl DropReason {
    /// Every reason, in a stable order (for counters and docs).
    pub const ALL: [DropReason; 12] = [
        DropReason::NoSubscriber,
        DropReason::SubscriberDown,
        DropReason::ConsumerCrashed,
        DropReason::ProcessingFailed,
        DropReason::Expired,
        DropReason::Overflow,
        DropReason::Rejected,
        DropReason::MaxDeliveries,
        DropReason::Unroutable,
        DropReason::Returned,
        DropReason::Duplicate,
        DropReason::Skipped,
    ];

    /// Machine name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::NoSubscriber => "no_subscriber",
            DropReason::SubscriberDown => "subscriber_down",
            DropReason::ConsumerCrashed => "consumer_crashed",
            DropReason::ProcessingFailed => "processing_failed",
            DropReason::Expired => "expired",
            DropReason::Overflow => "overflow",
            DropReason::Rejected => "rejected",
            DropReason::MaxDeliveries => "max_deliveries",
            DropReason::Unroutable => "unroutable",
            DropReason::Returned => "returned",
            DropReason::Duplicate => "duplicate",
            DropReason::Skipped => "skipped",
        }
    }

    /// Index into [`DropReason::ALL`].
    pub fn index(self) -> usize {
        DropReason::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }
}

/// Why a message became available again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedeliverCause {
    /// The consumer reported failure.
    Nack,
    /// No acknowledgement within the visibility timeout.
    Timeout,
}

/// The latest events of a run in a fixed-size ring: memory does not grow with
/// the run's length, while `total()` still counts everything.
#[derive(Clone, Debug)]
pub struct Trace {
    events: VecDeque<TraceEvent>,
    capacity: usize,
    total: u64,
}

impl Trace {
    /// Keeps at most `capacity` events (0 keeps none but still counts).
    pub fn with_capacity(capacity: usize) -> Self {
        Trace {
            events: VecDeque::with_capacity(capacity.min(1 << 16)),
            capacity,
            total: 0,
        }
    }

    /// Records an event at time `t`.
    #[inline]
    pub fn push(&mut self, t: Micros, kind: EventKind) {
        let seq = self.total;
        self.total += 1;
        if self.capacity == 0 {
            return;
        }
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back(TraceEvent { seq, t, kind });
    }

    /// Events recorded so far, including those no longer kept.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Kept events with `seq >= from`, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &TraceEvent> {
        let first = self.events.front().map_or(self.total, |e| e.seq);
        let skip = from.saturating_sub(first) as usize;
        self.events.iter().skip(skip)
    }

    /// All kept events, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &TraceEvent> {
        self.events.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_latest_events_and_counts_all() {
        let mut trace = Trace::with_capacity(3);
        for i in 0..10 {
            trace.push(i, EventKind::ServiceUp { service: i as u32 });
        }
        assert_eq!(trace.total(), 10);
        let seqs: Vec<u64> = trace.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![7, 8, 9]);
        let later: Vec<u64> = trace.since(8).map(|e| e.seq).collect();
        assert_eq!(later, vec![8, 9]);
        assert_eq!(trace.since(0).count(), 3);
        assert_eq!(trace.since(10).count(), 0);
    }
}
