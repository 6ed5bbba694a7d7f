//! Typed trace events (`mod.rs`) and the bounded ring buffer that keeps the
//! latest ones (`ring.rs`).
//!
//! The JSON form is documented in `docs/trace-format.md` (see `trace_json.rs`).

mod ring;

pub use ring::Trace;

use crate::base::time::Micros;
use crate::compile::{ChannelId, ServiceId};

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
    OrderPlaced {
        /// Order id.
        order: u64,
        /// Service index.
        service: ServiceId,
    },
    /// An order was refused: the run already held as much work as Kurir
    /// keeps ([`crate::compile::limits::MAX_HELD`]).
    OrderRefused {
        /// Service index.
        service: ServiceId,
    },
    /// The service that took the order is free again (response sent).
    OrderResponded {
        /// Order id.
        order: u64,
        /// False when it failed.
        ok: bool,
        /// Time from placing the order to the response.
        response: Micros,
    },
    /// Every piece of work caused by the order has ended.
    OrderCompleted {
        /// Order id.
        order: u64,
        /// Time from placing the order to its last piece of work.
        latency: Micros,
    },
    /// All work an order caused has ended, but not all of it was done:
    /// some copies were lost or dead-lettered.
    OrderIncomplete {
        /// Order id.
        order: u64,
        /// Time from placing the order to its last piece of work.
        latency: Micros,
        /// Copies dropped.
        lost: u32,
        /// Copies moved to a dead-letter channel.
        dead_lettered: u32,
    },
    /// A service started working on something for an order.
    WorkStarted {
        /// Service index.
        service: ServiceId,
        /// Order id.
        order: u64,
    },
    /// A service finished that work (ok = false: it failed).
    WorkDone {
        /// Service index.
        service: ServiceId,
        /// Order id.
        order: u64,
        /// False when it failed.
        ok: bool,
    },
    /// A service published a message to a channel.
    Publish {
        /// Service index.
        service: ServiceId,
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Order id.
        order: u64,
    },
    /// A fan-out channel made one copy per subscriber.
    Route {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Copies made (one per subscriber or group).
        copies: u32,
    },
    /// A queue stored a message.
    Enqueue {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Messages in the queue after this one.
        depth: u32,
    },
    /// A channel handed a message to a service.
    Deliver {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Service index.
        service: ServiceId,
        /// Delivery attempt, from 1.
        attempt: u32,
    },
    /// A consumer acknowledged: the queue forgets the message.
    Ack {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Service index.
        service: ServiceId,
    },
    /// An acknowledgement came after the message was already given out again.
    AckLate {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Service index.
        service: ServiceId,
    },
    /// A consumer reported failure: the message goes back.
    Nack {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Service index.
        service: ServiceId,
    },
    /// A message became available again (after a nack or a timeout).
    Redeliver {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Delivery attempt, from 1.
        attempt: u32,
        /// Why it came back.
        cause: RedeliverCause,
        /// When it may be delivered again (later than now after a retry delay).
        available_at: Micros,
    },
    /// A fan-out subscriber was not connected when a message was published:
    /// no copy is made for it, and it never gets this message.
    Missed {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// The subscriber that was down.
        service: ServiceId,
    },
    /// A copy was lost, with the reason.
    Drop {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Why it was lost.
        reason: DropReason,
    },
    /// A message was moved to the dead-letter channel.
    DeadLetter {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Dead-letter channel index.
        to: ChannelId,
    },
    /// A message waiting in a queue (a dead-letter queue) was moved on to
    /// another channel by a redrive (a command, like SQS's "start DLQ
    /// redrive"): its delivery count starts again there.
    Redriven {
        /// Channel index it left.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Channel index it went to.
        to: ChannelId,
    },
    /// An RPC caller sent a request and now waits.
    RpcCall {
        /// Call id.
        call: u64,
        /// Calling service index.
        from: ServiceId,
        /// Called service index.
        to: ServiceId,
        /// Order id.
        order: u64,
    },
    /// The reply arrived (ok = false: the callee failed).
    RpcReturn {
        /// Call id.
        call: u64,
        /// Calling service index.
        from: ServiceId,
        /// Called service index.
        to: ServiceId,
        /// False when it failed.
        ok: bool,
    },
    /// The caller gave up waiting.
    RpcTimeout {
        /// Call id.
        call: u64,
        /// Calling service index.
        from: ServiceId,
        /// Called service index.
        to: ServiceId,
    },
    /// A log appended a record to a partition.
    Append {
        /// Channel index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// Partition index.
        partition: u32,
        /// Offset in the partition.
        offset: u64,
    },
    /// A consumer group committed its position in a partition.
    Commit {
        /// Channel index.
        channel: ChannelId,
        /// Consumer group index on the channel.
        group: u32,
        /// Partition index.
        partition: u32,
        /// Offset in the partition.
        offset: u64,
    },
    /// A consumer group's partitions were (re)assigned among its live members.
    Rebalance {
        /// Channel index.
        channel: ChannelId,
        /// Consumer group index on the channel.
        group: u32,
        /// Live members sharing the partitions.
        members: u32,
    },
    /// A consumer group's position in a partition jumped (rewind, or offset
    /// reset to earliest/latest).
    Seek {
        /// Channel index.
        channel: ChannelId,
        /// Consumer group index on the channel.
        group: u32,
        /// Partition index.
        partition: u32,
        /// Offset in the partition.
        offset: u64,
    },
    /// A service went down (its work in hand is lost).
    ServiceDown {
        /// Service index.
        service: ServiceId,
    },
    /// An unroutable message published with `mandatory` came back to its
    /// publisher (RabbitMQ's `basic.return`): the publish failed.
    Returned {
        /// Exchange index.
        channel: ChannelId,
        /// Message id.
        msg: u64,
        /// The publisher.
        service: ServiceId,
    },
    /// A scheduled topology change took effect (subscribe, unsubscribe,
    /// bind, unbind): the scenario's action with this index.
    Changed {
        /// Index in the scenario's `actions`.
        action: u32,
    },
    /// A service came back up.
    ServiceUp {
        /// Service index.
        service: ServiceId,
    },
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
    /// The consumer holding it went away (its connection closed): RabbitMQ
    /// requeues everything such a consumer held, at once.
    ConsumerDown,
}
