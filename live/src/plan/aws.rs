//! A scenario's channels as Amazon SQS queues and SNS topics, as data (the
//! client, `broker/aws/`, only sends them).
//!
//! The mapping, from the SQS and SNS developer guides:
//! - a queue channel is an **SQS queue**: `visibility_timeout_ms` is
//!   `VisibilityTimeout` (whole seconds, 0 to 12 hours), `ttl_ms` the
//!   `MessageRetentionPeriod` (60 s to 14 days), `max_deliveries` with a
//!   `dead_letter` queue the `RedrivePolicy` (`maxReceiveCount`);
//!   `ordered_by_key` with a deduplication window is a **FIFO queue**
//!   (`.fifo`; the message key is the `MessageGroupId`);
//! - an exchange channel (filter or fan-out routing) is an **SNS topic**;
//!   each binding is a subscription of protocol `sqs` with raw message
//!   delivery and the binding's filter as its `FilterPolicy` (attribute →
//!   accepted values: values OR-ed, attributes AND-ed —
//!   <https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html>).

use std::collections::BTreeMap;

use kurir_engine::compile::{ChannelTopo, Retry, Topology};
use kurir_engine::scenario::{OnFailure, Routing, Unroutable};
use kurir_engine::{ChannelId, Scenario};

use crate::plan::{deadline_secs, BrokerKind};

/// SQS's longest queue name, `.fifo` included.
const MAX_NAME: usize = 80;
/// SQS's `MessageRetentionPeriod` bounds, in seconds.
const RETENTION: (u64, u64) = (60, 14 * 24 * 3600);
/// SQS's longest `VisibilityTimeout`, in seconds.
const MAX_VISIBILITY: u64 = 12 * 3600;

/// The name channel `id` gets in run `run`: SQS and SNS names allow only
/// letters, digits, `-` and `_`, so the dots of an id become `_`.
pub fn object_name(run: &str, id: &str) -> String {
    let clean = |t: &str| -> String {
        t.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("kurir-{}-{}", clean(run), clean(id))
}

/// A queue to create.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueDecl {
    /// The queue channel.
    pub channel: ChannelId,
    /// Its name (`.fifo` at the end for a FIFO queue).
    pub name: String,
    /// Its attributes, as `CreateQueue` takes them.
    pub attributes: BTreeMap<String, String>,
    /// The dead-letter queue and `maxReceiveCount` of its redrive policy
    /// (set once every queue exists, when the target's ARN is known).
    pub redrive: Option<(ChannelId, u32)>,
}

/// An SNS subscription of a queue to a topic.
#[derive(Clone, Debug, PartialEq)]
pub struct SubscriptionDecl {
    /// The topic channel.
    pub topic: ChannelId,
    /// The queue channel.
    pub queue: ChannelId,
    /// The filter policy as JSON, if the binding has one.
    pub filter_policy: Option<String>,
}

/// Everything a scenario creates on SQS and SNS before the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Declarations {
    /// Queues, by scenario order.
    pub queues: Vec<QueueDecl>,
    /// Topics: channel and name.
    pub topics: Vec<(ChannelId, String)>,
    /// Subscriptions (made after queues and topics).
    pub subscriptions: Vec<SubscriptionDecl>,
    /// Per channel: true for a FIFO queue.
    pub fifo: Vec<bool>,
    /// Per queue channel: the one queue whose redrive policy feeds it, when
    /// nothing else does. SQS does not mark a message it moved to a
    /// dead-letter queue, so this is how a delivery there is known to be
    /// a dead letter (and from where).
    pub dead_source: Vec<Option<ChannelId>>,
}

fn is_fifo(ch: &ChannelTopo) -> bool {
    matches!(ch, ChannelTopo::Queue(q) if q.ordered_by_key)
}

/// Why SQS/SNS cannot carry channel `c` of `topo`, if it cannot.
pub fn unsupported(topo: &Topology, c: ChannelId) -> Option<String> {
    let why = |t: &str| Some(t.to_string());
    match &topo.channels[c.index()] {
        ChannelTopo::PubSub => why(
            "SQS and SNS keep what they are given; for a fan-out use an SNS topic (an exchange \
             with filter routing) with a queue per subscriber",
        ),
        ChannelTopo::Log(_) => why("a partitioned log is Kafka's; SQS has queues, SNS topics"),
        ChannelTopo::Exchange(x) => {
            if !matches!(x.routing, Routing::Filter | Routing::Fanout) {
                why("an SNS topic delivers to every subscription, filtered on attributes; it has no routing keys or header bindings")
            } else if x.unroutable != Unroutable::Drop {
                why("an SNS topic keeps nothing no subscription wants, and returns nothing")
            } else if x.bindings.iter().any(|b| {
                !matches!(topo.channels[b.to.index()], ChannelTopo::Queue(_))
                    || is_fifo(&topo.channels[b.to.index()])
            }) {
                why("a standard SNS topic feeds standard SQS queues (a FIFO queue needs a FIFO topic, which Kurir does not model)")
            } else {
                None
            }
        }
        ChannelTopo::Queue(q) => {
            if q.max_length.is_some() {
                why("SQS queues have no length limit")
            } else if q.ordered_by_key != q.dedup_window.is_some() {
                why("an SQS FIFO queue has both message groups (ordered_by_key) and a deduplication window; a standard queue has neither")
            } else if q.on_failure == OnFailure::Reject {
                why("SQS has no reject: a failed message comes back (until the redrive policy's maxReceiveCount)")
            } else if q.max_deliveries.is_some() && q.dead_letter.is_none() {
                why("SQS stops redelivering only into a dead-letter queue (redrive policy): set dead_letter, or max_deliveries 0")
            } else if q.dead_letter.is_some_and(|d| {
                !matches!(&topo.channels[d.index()], ChannelTopo::Queue(_))
                    || is_fifo(&topo.channels[d.index()]) != q.ordered_by_key
            }) {
                why("an SQS dead-letter queue is a queue of the same type (standard or FIFO)")
            } else if q.dead_letter.is_some() && q.max_deliveries.is_none() {
                why("an SQS dead-letter queue is used after maxReceiveCount receives: set max_deliveries")
            } else if q.ttl.is_some() && q.dead_letter_expired {
                why("SQS deletes a message past its retention period; it does not dead-letter it")
            } else if q.retry != Retry::Immediate {
                why("SQS has no retry policy: a failed message comes back when its visibility timeout ends")
            } else if q.touch {
                why("SQS does not extend a consumer's visibility timeout by itself")
            } else if q.requeue_on_down {
                why("SQS gives back the messages of a consumer that went away only when their visibility timeout ends")
            } else {
                None
            }
        }
    }
}

/// Seconds of `us` at time scale `scale`, rounded.
fn secs(us: u64, scale: f64) -> u64 {
    (us as f64 * scale / 1e6).round() as u64
}

/// The queues, topics and subscriptions of `s` (compiled as `topo`) for
/// run `run`; an error names a channel whose times SQS cannot take at this
/// time scale.
pub fn declarations(
    run: &str,
    s: &Scenario,
    topo: &Topology,
    scale: f64,
) -> Result<Declarations, String> {
    let n = topo.channels.len();
    let id = |c: ChannelId| s.channels[c.index()].id.as_str();
    let mut out = Declarations {
        fifo: topo.channels.iter().map(is_fifo).collect(),
        dead_source: vec![None; n],
        ..Declarations::default()
    };
    let mut fed = vec![false; n]; // published to or routed to
    for svc in &topo.services {
        for &c in &svc.publishes {
            fed[c.index()] = true;
        }
    }
    let mut names: BTreeMap<String, ChannelId> = BTreeMap::new();
    for (i, ch) in topo.channels.iter().enumerate() {
        let c = ChannelId(i as u32);
        let mut name = object_name(run, id(c));
        if out.fifo[i] {
            name.push_str(".fifo");
        }
        if name.len() > MAX_NAME {
            return Err(format!(
                "channel {}: its SQS name {name} is longer than {MAX_NAME} characters; \
                 shorten the id or --run-name",
                id(c)
            ));
        }
        if let Some(other) = names.insert(name.clone(), c) {
            return Err(format!(
                "channels {} and {} get the same SQS/SNS name {name} (dots become _)",
                id(other),
                id(c)
            ));
        }
        match ch {
            ChannelTopo::Exchange(x) => {
                out.topics.push((c, name));
                for b in &x.bindings {
                    fed[b.to.index()] = true;
                    let filter_policy = (x.routing == Routing::Filter && !b.filter.is_empty())
                        .then(|| serde_json::to_string(&b.filter).unwrap_or_default());
                    out.subscriptions.push(SubscriptionDecl {
                        topic: c,
                        queue: b.to,
                        filter_policy,
                    });
                }
            }
            ChannelTopo::Queue(q) => {
                let mut attributes = BTreeMap::new();
                let visibility =
                    deadline_secs(BrokerKind::Sqs, q.visibility_timeout, scale).unwrap_or(0);
                if visibility > MAX_VISIBILITY {
                    return Err(format!(
                        "channel {}: SQS's visibility timeout is at most 12 hours (here {visibility} s)",
                        id(c)
                    ));
                }
                attributes.insert("VisibilityTimeout".into(), visibility.to_string());
                let retention = q.ttl.map_or(RETENTION.1, |t| secs(t, scale));
                if !(RETENTION.0..=RETENTION.1).contains(&retention) {
                    return Err(format!(
                        "channel {}: SQS keeps a message 60 s to 14 days (MessageRetentionPeriod); \
                         this ttl is {retention} s at time scale {scale}",
                        id(c)
                    ));
                }
                attributes.insert("MessageRetentionPeriod".into(), retention.to_string());
                if q.ordered_by_key {
                    attributes.insert("FifoQueue".into(), "true".into());
                }
                let redrive = q.dead_letter.zip(q.max_deliveries);
                out.queues.push(QueueDecl {
                    channel: c,
                    name,
                    attributes,
                    redrive,
                });
            }
            _ => {}
        }
    }
    for q in &out.queues {
        if let Some((dl, _)) = q.redrive {
            let sources = out
                .queues
                .iter()
                .filter(|o| o.redrive.is_some_and(|(d, _)| d == dl))
                .count();
            if sources == 1 && !fed[dl.index()] {
                out.dead_source[dl.index()] = Some(q.channel);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples;

    fn gallery(id: &str) -> Scenario {
        examples::gallery()
            .into_iter()
            .find(|(i, _)| *i == id)
            .unwrap()
            .1
    }

    #[test]
    fn the_sns_example_is_one_topic_five_queues_and_a_redrive_into_the_dead_letter_queue() {
        let s = gallery("sns-sqs");
        let topo = kurir_engine::compile::compile(&s).unwrap();
        for i in 0..topo.channels.len() {
            assert_eq!(unsupported(&topo, ChannelId(i as u32)), None, "channel {i}");
        }
        let d = declarations("t", &s, &topo, 1.0).unwrap();
        assert_eq!(d.topics.len(), 1);
        assert_eq!(d.topics[0].1, "kurir-t-notifications");
        assert_eq!(d.queues.len(), 5);
        let sms = d.queues.iter().find(|q| q.name == "kurir-t-sms-q").unwrap();
        assert_eq!(sms.attributes["VisibilityTimeout"], "2");
        assert_eq!(sms.attributes["MessageRetentionPeriod"], "345600");
        let dlq = d
            .queues
            .iter()
            .find(|q| q.name == "kurir-t-sms-dlq")
            .unwrap();
        assert_eq!(sms.redrive, Some((dlq.channel, 3)));
        assert_eq!(d.dead_source[dlq.channel.index()], Some(sms.channel));
        assert_eq!(d.subscriptions.len(), 4);
        assert_eq!(
            d.subscriptions[0].filter_policy.as_deref(),
            Some("{\"kind\":[\"email\"]}")
        );
    }

    #[test]
    fn names_keep_to_what_sqs_allows_and_a_clash_is_refused() {
        assert_eq!(object_name("1-ab", "a.b"), "kurir-1-ab-a_b");
        // Two queues renamed everywhere, so the scenario still compiles.
        let text = gallery("sns-sqs")
            .to_json()
            .replace("\"email-q\"", "\"a.b\"")
            .replace("\"finance-q\"", "\"a_b\"");
        let s = Scenario::from_json(&text).unwrap();
        let topo = kurir_engine::compile::compile(&s).unwrap();
        let err = declarations("t", &s, &topo, 1.0).unwrap_err();
        assert!(err.contains("same SQS/SNS name kurir-t-a_b"), "{err}");
    }

    #[test]
    fn a_retention_sqs_cannot_keep_is_refused_with_the_numbers() {
        let s = gallery("sns-sqs");
        let topo = kurir_engine::compile::compile(&s).unwrap();
        // Four days at a scale of 0.0001 is 35 seconds.
        let err = declarations("t", &s, &topo, 0.0001).unwrap_err();
        assert!(
            err.contains("60 s to 14 days") && err.contains("35 s"),
            "{err}"
        );
    }
}
