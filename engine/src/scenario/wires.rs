//! The wires of a scenario: subscriptions (channel → service), publishes
//! (service → channel, with the message's key and headers) and bindings
//! (exchange → channel).

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::tagged::{unexpected, via_value};

/// A wire from a channel to a service that consumes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Channel id.
    pub channel: String,
    /// Service id.
    pub service: String,
    /// Pub/sub only: subscribers with the same group share one copy (they
    /// compete, taking turns); each group, and each subscriber without one,
    /// gets its own copy. Queue subscribers always compete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Queue only: when the queue may forget a delivered message.
    #[serde(default, skip_serializing_if = "AckMode::is_manual")]
    pub ack: AckMode,
    /// Queue only, manual ack: most unacknowledged messages this subscriber
    /// holds (extra ones wait in its inbox); absent = its number of workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefetch: Option<u32>,
}

/// When a queue forgets a delivered message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AckMode {
    /// After the consumer's work succeeded (at-least-once: a crash or a
    /// timeout brings the message back).
    #[default]
    Manual,
    /// As soon as it is delivered (at-most-once: work lost in a crash is lost
    /// for good); no prefetch limit.
    Auto,
}

impl AckMode {
    fn is_manual(&self) -> bool {
        *self == AckMode::Manual
    }
}

impl Subscription {
    /// `service` consumes `channel`, in no group.
    pub fn new(channel: &str, service: &str) -> Self {
        Subscription {
            channel: channel.into(),
            service: service.into(),
            group: None,
            ack: AckMode::Manual,
            prefetch: None,
        }
    }
}

/// One message a service publishes after its work: the channel, and the
/// message's routing key, key and headers where the broker uses them.
/// Written as a plain channel id when it carries nothing else.
///
/// Text fields may contain `{order}` (the order number) and `{order%N}` (the
/// order number modulo N), so each order's message can differ.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(into = "PublishForm")]
pub struct Publish {
    /// Channel id.
    pub channel: String,
    /// Routing key (exchanges: direct and topic routing).
    pub routing_key: Option<String>,
    /// Message key (log partition, ordering key, message group).
    pub key: Option<String>,
    /// Headers / message attributes (headers and filter routing).
    pub attributes: BTreeMap<String, String>,
    /// Deduplication id (SQS FIFO's `MessageDeduplicationId`): a queue with
    /// a deduplication window drops a message whose id it saw within it. No
    /// id: the content decides (same producer, order and output).
    pub dedup_id: Option<String>,
    /// RabbitMQ's `mandatory` flag: a message no binding matches is
    /// returned to the publisher (`basic.return`) instead of dropped.
    pub mandatory: bool,
}

impl Publish {
    /// A message with no key and no headers.
    pub fn to(channel: &str) -> Self {
        Publish {
            channel: channel.into(),
            ..Publish::default()
        }
    }
}

impl From<&str> for Publish {
    fn from(channel: &str) -> Self {
        Publish::to(channel)
    }
}

impl From<String> for Publish {
    fn from(channel: String) -> Self {
        Publish {
            channel,
            ..Publish::default()
        }
    }
}

impl<'de> Deserialize<'de> for Publish {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        via_value(d, |value| match value {
            Value::String(channel) => Ok(Publish::from(channel)),
            Value::Object(_) => PublishFull::deserialize(value).map(Publish::from),
            other => Err(serde_json::Error::invalid_type(
                unexpected(&other),
                &"a channel id or an object with a `channel`",
            )),
        })
    }
}

/// How a publish is written: a plain channel id when it carries nothing else.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
enum PublishForm {
    Plain(String),
    Full(PublishFull),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishFull {
    channel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    routing_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dedup_id: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    mandatory: bool,
}

impl From<PublishFull> for Publish {
    fn from(f: PublishFull) -> Self {
        Publish {
            channel: f.channel,
            routing_key: f.routing_key,
            key: f.key,
            attributes: f.attributes,
            dedup_id: f.dedup_id,
            mandatory: f.mandatory,
        }
    }
}

impl From<Publish> for PublishForm {
    fn from(p: Publish) -> Self {
        let plain = p.routing_key.is_none()
            && p.key.is_none()
            && p.attributes.is_empty()
            && p.dedup_id.is_none()
            && !p.mandatory;
        if plain {
            PublishForm::Plain(p.channel)
        } else {
            PublishForm::Full(PublishFull {
                channel: p.channel,
                routing_key: p.routing_key,
                key: p.key,
                attributes: p.attributes,
                dedup_id: p.dedup_id,
                mandatory: p.mandatory,
            })
        }
    }
}

/// A wire from an exchange to a channel: which messages it lets through.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// Destination channel id.
    pub to: String,
    /// Binding key (direct: equal to the routing key; topic: a pattern).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Headers routing: the headers to compare.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Headers routing: all headers must match (`x-match: all`) or any one.
    #[serde(default, rename = "match", skip_serializing_if = "MatchMode::is_all")]
    pub match_mode: MatchMode,
    /// Filter routing: attribute name → accepted values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: BTreeMap<String, Vec<String>>,
}

impl Binding {
    /// A binding to `to` with an optional key.
    pub fn to(to: &str, key: Option<&str>) -> Self {
        Binding {
            to: to.into(),
            key: key.map(Into::into),
            ..Binding::default()
        }
    }
}

/// `x-match` of a headers binding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// Every bound header must be present and equal.
    #[default]
    All,
    /// At least one bound header must be present and equal.
    Any,
}

impl MatchMode {
    fn is_all(&self) -> bool {
        *self == MatchMode::All
    }
}
