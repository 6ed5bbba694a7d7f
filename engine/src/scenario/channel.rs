//! Channel specs: the kinds of channel and their parameters. Fields added
//! after the first release are skipped when they hold their default, so older
//! scenarios serialise exactly as before (same files, same share links).

use serde::{Deserialize, Deserializer, Serialize};

use crate::scenario::preset::Preset;

use super::tagged::{via_value, Tagged};
use super::wires::Binding;

impl ChannelSpec {
    /// A channel at (x, y).
    pub fn new(id: &str, name: &str, kind: ChannelKind, x: f64, y: f64) -> Self {
        ChannelSpec {
            id: id.into(),
            name: name.into(),
            kind,
            broker: None,
            x,
            y,
        }
    }
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
    /// The real broker part this channel stands for (its vocabulary, and the
    /// defaults of fields the file leaves out). None: a generic channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broker: Option<Preset>,
    /// Canvas position (layout only).
    #[serde(default)]
    pub x: f64,
    /// Canvas position (layout only).
    #[serde(default)]
    pub y: f64,
}

/// Delivery semantics of a channel. New kinds are added here and in
/// `engine/src/channel/`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ChannelKind {
    /// Fan-out of a copy to every current subscriber; nothing is stored.
    PubSub,
    /// Stored until consumed; subscribers compete; acknowledged after work.
    Queue(QueueSpec),
    /// Routes each message to the channels whose binding matches it
    /// (RabbitMQ exchange, SNS/NSQ/Google Pub/Sub topic).
    Exchange(ExchangeSpec),
    /// An append-only log split into partitions, read by consumer groups at
    /// their own offsets (Kafka topic).
    Log(LogSpec),
}

impl ChannelKind {
    /// The `type` tag of this kind in the format.
    pub fn type_name(&self) -> &'static str {
        match self {
            ChannelKind::PubSub => "pubsub",
            ChannelKind::Queue(_) => "queue",
            ChannelKind::Exchange(_) => "exchange",
            ChannelKind::Log(_) => "log",
        }
    }
}

impl<'de> Deserialize<'de> for ChannelKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        via_value(d, |value| {
            let kind = Tagged::read(value, "type", &["pubsub", "queue", "exchange", "log"])?;
            Ok(match kind.variant {
                // Like serde's derive: a unit variant ignores other fields.
                0 => ChannelKind::PubSub,
                1 => ChannelKind::Queue(kind.content()?),
                2 => ChannelKind::Exchange(kind.content()?),
                _ => ChannelKind::Log(kind.content()?),
            })
        })
    }
}

/// Parameters of a queue channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QueueSpec {
    /// A delivered but unacknowledged message becomes visible again after this.
    pub visibility_timeout_ms: f64,
    /// Deliveries before the message is dead-lettered (or dropped); 0 means
    /// no limit.
    pub max_deliveries: u32,
    /// Channel that receives messages which failed `max_deliveries` times.
    pub dead_letter: Option<String>,
    /// Messages waiting longer than this are dropped as expired.
    pub ttl_ms: Option<f64>,
    /// Most messages the queue holds.
    pub max_length: Option<u32>,
    /// What a full queue does with a new message.
    pub overflow: Overflow,
    /// What a consumer's failure does to the message.
    #[serde(skip_serializing_if = "is_default")]
    pub on_failure: OnFailure,
    /// When a message that came back is offered again.
    #[serde(skip_serializing_if = "is_default")]
    pub retry: RetryPolicy,
    /// Messages with the same key are delivered one at a time, in order
    /// (SQS FIFO message groups, Google Pub/Sub ordering keys).
    #[serde(skip_serializing_if = "is_default")]
    pub ordered_by_key: bool,
    /// A message published again by the same producer for the same order
    /// within this window is dropped as a duplicate (SQS FIFO deduplication).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dedup_window_ms: Option<f64>,
    /// A lease held by a consumer that is still up never times out (NSQ's
    /// TOUCH, sent while the work goes on).
    #[serde(skip_serializing_if = "is_default")]
    pub touch: bool,
    /// Expired and overflowing messages also go to `dead_letter` (RabbitMQ)
    /// instead of being dropped.
    #[serde(skip_serializing_if = "is_default")]
    pub dead_letter_expired: bool,
    /// A consumer that goes down gives back every message it holds at once
    /// (RabbitMQ requeues a closed channel's unacknowledged deliveries);
    /// otherwise they come back when their visibility timeout runs out.
    #[serde(skip_serializing_if = "is_default")]
    pub requeue_on_consumer_down: bool,
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
            on_failure: OnFailure::Requeue,
            retry: RetryPolicy::Immediate,
            ordered_by_key: false,
            dedup_window_ms: None,
            touch: false,
            dead_letter_expired: false,
            requeue_on_consumer_down: false,
        }
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
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

/// What a consumer's failure does to the message it held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnFailure {
    /// Give it back to the queue (nack with requeue; counts a delivery).
    #[default]
    Requeue,
    /// Reject it: dead-lettered at once, or dropped without a dead letter.
    Reject,
    /// Leave it: the consumer does not delete it, so it stays invisible
    /// until its visibility timeout ends, then comes back (Amazon SQS, which
    /// has no nack).
    Wait,
}

/// When a message that came back (nack or timeout) may be delivered again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum RetryPolicy {
    /// At once.
    #[default]
    Immediate,
    /// After a fixed delay (NSQ's REQ with a timeout). The consumer asks for
    /// it, so it applies to a failure it reports, not to a timeout.
    Delay {
        /// The delay, in ms.
        ms: f64,
    },
    /// After `ms` times the deliveries so far, at most `max_ms` (go-nsq's
    /// default requeue: 90 s × attempts, up to 15 min). Like `delay`, only
    /// for a failure the consumer reports.
    Linear {
        /// Delay per delivery so far, in ms.
        ms: f64,
        /// Longest delay, in ms.
        max_ms: f64,
    },
    /// After `min_ms`, doubling per attempt up to `max_ms` (Google Pub/Sub's
    /// exponential backoff). The broker applies it, to nacks and to
    /// deadlines that ran out alike.
    Backoff {
        /// First delay, in ms.
        min_ms: f64,
        /// Longest delay, in ms.
        max_ms: f64,
    },
}

impl<'de> Deserialize<'de> for RetryPolicy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        via_value(d, |value| {
            let mut p = Tagged::read(
                value,
                "policy",
                &["immediate", "delay", "backoff", "linear"],
            )?;
            let (policy, fields): (_, &[&str]) = match p.variant {
                0 => (RetryPolicy::Immediate, &[]),
                1 => (
                    RetryPolicy::Delay {
                        ms: p.number("ms")?,
                    },
                    &["ms"],
                ),
                2 => {
                    let (min_ms, max_ms) = (p.number("min_ms")?, p.number("max_ms")?);
                    (
                        RetryPolicy::Backoff { min_ms, max_ms },
                        &["min_ms", "max_ms"],
                    )
                }
                _ => {
                    let (ms, max_ms) = (p.number("ms")?, p.number("max_ms")?);
                    (RetryPolicy::Linear { ms, max_ms }, &["ms", "max_ms"])
                }
            };
            p.finish(fields)?;
            Ok(policy)
        })
    }
}

/// Parameters of an exchange (a router in front of other channels).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExchangeSpec {
    /// How bindings are matched against a message.
    pub routing: Routing,
    /// Where matching messages go.
    pub bindings: Vec<Binding>,
    /// What happens to a message no binding matches.
    pub unroutable: Unroutable,
}

/// How an exchange matches bindings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Every binding gets a copy.
    #[default]
    Fanout,
    /// Binding key equals the message's routing key.
    Direct,
    /// Binding key is a pattern of dot-separated words: `*` is one word, `#`
    /// zero or more.
    Topic,
    /// Binding headers equal the message's headers (all of them, or any one).
    Headers,
    /// Binding filter policy: for each listed attribute, the message's value
    /// is one of the listed values (Amazon SNS).
    Filter,
}

/// What an exchange does with a message no binding matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unroutable {
    /// It is lost.
    #[default]
    Drop,
    /// It goes back to the publisher (RabbitMQ's mandatory flag), and is
    /// still not delivered.
    Return,
    /// It waits in the exchange (an NSQ topic with no channel yet).
    Keep,
}

/// Parameters of a partitioned log (Kafka topic).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSpec {
    /// Partitions; a message's key picks one (no key: round-robin).
    pub partitions: u32,
    /// Records older than this are deleted.
    pub retention_ms: f64,
    /// Most records kept per partition (the oldest go first); none = no limit.
    pub retention_records: Option<u32>,
    /// Consumers commit their position this often; none = after every record.
    pub auto_commit_interval_ms: Option<f64>,
    /// A consumer that stops heartbeating loses its partitions after this.
    pub session_timeout_ms: f64,
    /// Where a group without a valid committed offset starts reading.
    pub auto_offset_reset: OffsetReset,
}

impl Default for LogSpec {
    fn default() -> Self {
        LogSpec {
            partitions: 1,
            retention_ms: 7.0 * 24.0 * 3_600_000.0,
            retention_records: None,
            auto_commit_interval_ms: Some(5_000.0),
            session_timeout_ms: 45_000.0,
            auto_offset_reset: OffsetReset::Latest,
        }
    }
}

/// Where a consumer group starts when it has no valid committed offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetReset {
    /// At the end: only records appended from now on.
    #[default]
    Latest,
    /// At the oldest record still kept.
    Earliest,
}
