//! Broker presets: a channel that stands for a part of a real broker (a
//! RabbitMQ exchange, a Kafka topic, an SQS queue…). A preset is the engine's
//! generic channel kind with the real system's documented defaults; the name
//! gives the UI and the docs the broker's own vocabulary.
//!
//! Defaults, from each system's documentation (see `docs/brokers.md`):
//! Kafka `num.partitions` 1, `retention.ms` 7 days, `auto.commit.interval.ms`
//! 5 s, `session.timeout.ms` 45 s, `auto.offset.reset` latest; RabbitMQ
//! `consumer_timeout` 30 min, quorum-queue delivery limit 20 (21 deliveries),
//! a closed consumer's unacknowledged messages requeued at once; NSQ
//! `msg-timeout` 60 s, go-nsq max attempts 5 and requeue delay 90 s ×
//! attempts (at most 15 min, after a `REQ` only); Google
//! Pub/Sub ack deadline 10 s, retention 7 days, 5 delivery attempts once a
//! dead-letter topic is set; SQS visibility timeout 30 s,
//! retention 4 days, FIFO deduplication window 5 min.

use serde::{Deserialize, Serialize};

use crate::scenario::{
    ChannelKind, ExchangeSpec, LogSpec, OnFailure, QueueSpec, RetryPolicy, Routing, Unroutable,
};

/// RabbitMQ's default quorum-queue `delivery-limit` (since 4.0): how many
/// times a message may be returned before it is dead-lettered or dropped.
pub const RABBITMQ_DELIVERY_LIMIT: u32 = 20;

const MINUTE: f64 = 60_000.0;
const DAY: f64 = 24.0 * 60.0 * MINUTE;

/// A part of a real broker a channel can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Redis Pub/Sub channel: fan-out to connected subscribers, nothing kept.
    RedisPubsub,
    /// Apache Kafka topic: partitioned log, consumer groups, offsets.
    KafkaTopic,
    /// RabbitMQ exchange: routes to queues by bindings.
    RabbitmqExchange,
    /// RabbitMQ (quorum) queue.
    RabbitmqQueue,
    /// NSQ topic: copies every message to each of its channels.
    NsqTopic,
    /// NSQ channel: consumers share its messages.
    NsqChannel,
    /// Google Cloud Pub/Sub topic: copies to each subscription.
    GooglePubsubTopic,
    /// Google Cloud Pub/Sub subscription.
    GooglePubsubSubscription,
    /// Amazon SQS standard queue.
    SqsQueue,
    /// Amazon SQS FIFO queue.
    SqsFifoQueue,
    /// Amazon SNS topic: fans out to subscribed queues, with filter policies.
    SnsTopic,
}

impl Preset {
    /// Every preset, grouped by broker in the lesson's order.
    pub const ALL: [Preset; 11] = [
        Preset::RedisPubsub,
        Preset::KafkaTopic,
        Preset::RabbitmqExchange,
        Preset::RabbitmqQueue,
        Preset::NsqTopic,
        Preset::NsqChannel,
        Preset::GooglePubsubTopic,
        Preset::GooglePubsubSubscription,
        Preset::SqsQueue,
        Preset::SqsFifoQueue,
        Preset::SnsTopic,
    ];

    /// The name used in scenario files (`"kafka_topic"`).
    pub fn id(self) -> &'static str {
        match self {
            Preset::RedisPubsub => "redis_pubsub",
            Preset::KafkaTopic => "kafka_topic",
            Preset::RabbitmqExchange => "rabbitmq_exchange",
            Preset::RabbitmqQueue => "rabbitmq_queue",
            Preset::NsqTopic => "nsq_topic",
            Preset::NsqChannel => "nsq_channel",
            Preset::GooglePubsubTopic => "google_pubsub_topic",
            Preset::GooglePubsubSubscription => "google_pubsub_subscription",
            Preset::SqsQueue => "sqs_queue",
            Preset::SqsFifoQueue => "sqs_fifo_queue",
            Preset::SnsTopic => "sns_topic",
        }
    }

    /// The preset a scenario file names, if any.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The broker's product name.
    pub fn broker(self) -> &'static str {
        match self {
            Preset::RedisPubsub => "Redis Pub/Sub",
            Preset::KafkaTopic => "Apache Kafka",
            Preset::RabbitmqExchange | Preset::RabbitmqQueue => "RabbitMQ",
            Preset::NsqTopic | Preset::NsqChannel => "NSQ",
            Preset::GooglePubsubTopic | Preset::GooglePubsubSubscription => "Google Cloud Pub/Sub",
            Preset::SqsQueue | Preset::SqsFifoQueue => "Amazon SQS",
            Preset::SnsTopic => "Amazon SNS",
        }
    }

    /// What the broker calls this part (English; the UI translates).
    pub fn noun(self) -> &'static str {
        match self {
            Preset::RedisPubsub | Preset::NsqChannel => "channel",
            Preset::KafkaTopic
            | Preset::NsqTopic
            | Preset::GooglePubsubTopic
            | Preset::SnsTopic => "topic",
            Preset::RabbitmqExchange => "exchange",
            Preset::RabbitmqQueue | Preset::SqsQueue => "queue",
            Preset::SqsFifoQueue => "FIFO queue",
            Preset::GooglePubsubSubscription => "subscription",
        }
    }

    /// `Broker noun`, e.g. "RabbitMQ exchange".
    pub fn label(self) -> String {
        format!("{} {}", self.broker(), self.noun())
    }

    /// The channel kind with this part's documented defaults.
    pub fn kind(self) -> ChannelKind {
        let queue = QueueSpec::default();
        match self {
            Preset::RedisPubsub => ChannelKind::PubSub,
            Preset::KafkaTopic => ChannelKind::Log(LogSpec::default()),
            Preset::RabbitmqExchange => ChannelKind::Exchange(ExchangeSpec {
                routing: Routing::Direct,
                ..ExchangeSpec::default()
            }),
            Preset::NsqTopic => ChannelKind::Exchange(ExchangeSpec {
                routing: Routing::Fanout,
                unroutable: Unroutable::Keep,
                ..ExchangeSpec::default()
            }),
            Preset::GooglePubsubTopic | Preset::SnsTopic => ChannelKind::Exchange(ExchangeSpec {
                routing: Routing::Filter,
                ..ExchangeSpec::default()
            }),
            Preset::RabbitmqQueue => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: 30.0 * MINUTE,
                // `delivery-limit` 20 counts returns: the 21st return
                // dead-letters, so a message is delivered 21 times.
                max_deliveries: RABBITMQ_DELIVERY_LIMIT + 1,
                on_failure: OnFailure::Requeue,
                dead_letter_expired: true,
                requeue_on_consumer_down: true,
                ..queue
            }),
            Preset::NsqChannel => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: MINUTE,
                max_deliveries: 5,
                // go-nsq's default requeue: 90 s × attempts, at most 15 min.
                retry: RetryPolicy::Linear {
                    ms: 1.5 * MINUTE,
                    max_ms: 15.0 * MINUTE,
                },
                ..queue
            }),
            Preset::GooglePubsubSubscription => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: 10_000.0,
                max_deliveries: 0,
                ttl_ms: Some(7.0 * DAY),
                ..queue
            }),
            // SQS has no nack: a message the consumer does not delete comes
            // back when its visibility timeout ends.
            Preset::SqsQueue => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: 30_000.0,
                max_deliveries: 0,
                ttl_ms: Some(4.0 * DAY),
                on_failure: OnFailure::Wait,
                ..queue
            }),
            Preset::SqsFifoQueue => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: 30_000.0,
                max_deliveries: 0,
                ttl_ms: Some(4.0 * DAY),
                on_failure: OnFailure::Wait,
                ordered_by_key: true,
                dedup_window_ms: Some(5.0 * MINUTE),
                ..queue
            }),
        }
    }

    /// For a router (exchange or topic), the part its bindings lead to:
    /// RabbitMQ exchange → queue, NSQ topic → channel, Google topic →
    /// subscription, SNS topic → SQS queue.
    pub fn child(self) -> Option<Preset> {
        match self {
            Preset::RabbitmqExchange => Some(Preset::RabbitmqQueue),
            Preset::NsqTopic => Some(Preset::NsqChannel),
            Preset::GooglePubsubTopic => Some(Preset::GooglePubsubSubscription),
            Preset::SnsTopic => Some(Preset::SqsQueue),
            _ => None,
        }
    }

    /// True when `kind` is the kind of channel this preset stands for.
    pub fn fits(self, kind: &ChannelKind) -> bool {
        std::mem::discriminant(kind) == std::mem::discriminant(&self.kind())
    }
}

/// Fills the fields a file left out of a preset channel's `kind` with the
/// preset's defaults (so `{"type":"queue"}` on an SQS queue gets SQS's 30 s
/// visibility timeout, not the generic one). Works on the raw JSON because
/// after parsing, a left-out field and a default are indistinguishable.
pub(crate) fn fill_defaults(scenario: &mut serde_json::Value) {
    let Some(channels) = scenario.get_mut("channels").and_then(|c| c.as_array_mut()) else {
        return;
    };
    for channel in channels {
        let preset = channel
            .get("broker")
            .and_then(|b| b.as_str())
            .and_then(Preset::from_id);
        let (Some(preset), Some(kind)) = (preset, channel.get_mut("kind")) else {
            continue;
        };
        // Through text, so the wasm carries no second serializer for kinds.
        let text = serde_json::to_string(&preset.kind()).unwrap_or_default();
        let Ok(serde_json::Value::Object(defaults)) = serde_json::from_str(&text) else {
            continue;
        };
        let Some(kind) = kind.as_object_mut() else {
            continue;
        };
        if kind.get("type") != defaults.get("type") {
            continue; // a mismatch is reported by validation, naming the field
        }
        for (field, value) in defaults {
            kind.entry(field).or_insert(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_file_names_and_every_preset_fits_its_own_kind() {
        for p in Preset::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.id());
            assert_eq!(Preset::from_id(p.id()), Some(p));
            assert!(p.fits(&p.kind()));
        }
    }
}
