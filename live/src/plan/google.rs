//! A scenario's channels as Google Cloud Pub/Sub topics and subscriptions,
//! as data (the REST client, `broker/google.rs`, only sends them).
//!
//! The mapping, from the Pub/Sub documentation:
//! - an exchange channel (fan-out or filter routing) is a **topic**; each
//!   queue bound to it is a **subscription** of that topic, with the
//!   binding's filter policy as a filter expression (`attributes.kind =
//!   "email"`; several values OR-ed, several attributes AND-ed —
//!   <https://cloud.google.com/pubsub/docs/subscription-message-filter>);
//! - a queue nothing routes to gets a topic of its own of the same name,
//!   and publishing to the queue publishes to that topic;
//! - a `pubsub` channel is a topic; each connected subscriber gets a
//!   subscription of its own while it is up (made when it connects, deleted
//!   when it goes down), so it gets only what is published meanwhile;
//! - `visibility_timeout_ms` is `ackDeadlineSeconds` (10 to 600 s);
//!   `max_deliveries` with a `dead_letter` is the `deadLetterPolicy`
//!   (`maxDeliveryAttempts` 5 to 100); a backoff retry is the
//!   `retryPolicy`; `ordered_by_key` is `enableMessageOrdering` (the
//!   message key is the ordering key).

use kurir_engine::compile::{ChannelTopo, Retry, Topology};
use kurir_engine::scenario::{OnFailure, Routing, Unroutable};
use kurir_engine::{ChannelId, Scenario};
use serde_json::{json, Value};

use crate::plan::object_name;

/// A subscription to create.
#[derive(Clone, Debug, PartialEq)]
pub struct SubscriptionDecl {
    /// The queue channel it carries.
    pub channel: ChannelId,
    /// Its name.
    pub name: String,
    /// The body of `PUT …/subscriptions/{name}` (its `topic` a full path
    /// filled in by the client).
    pub body: Value,
    /// The topic it belongs to.
    pub topic: String,
}

/// Everything a scenario creates on Pub/Sub before the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Declarations {
    /// Topics (created first).
    pub topics: Vec<String>,
    /// Subscriptions of queue channels.
    pub subscriptions: Vec<SubscriptionDecl>,
    /// Per channel: the topic a publish to it goes to.
    pub publish_topic: Vec<Option<String>>,
    /// Per channel: true when publishes carry the message key as ordering key.
    pub ordered: Vec<bool>,
}

/// The exchange that routes to queue `q`, and its binding's filter.
fn bound_by(
    topo: &Topology,
    q: ChannelId,
) -> Option<(ChannelId, &std::collections::BTreeMap<String, Vec<String>>)> {
    topo.channels.iter().enumerate().find_map(|(i, c)| match c {
        ChannelTopo::Exchange(x) => x
            .bindings
            .iter()
            .find(|b| b.to == q)
            .map(|b| (ChannelId(i as u32), &b.filter)),
        _ => None,
    })
}

/// A filter policy as a Pub/Sub filter expression (empty: no filter).
pub fn filter_expression(policy: &std::collections::BTreeMap<String, Vec<String>>) -> String {
    let quote = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
    let terms: Vec<String> = policy
        .iter()
        .map(|(name, values)| {
            let one: Vec<String> = values
                .iter()
                .map(|v| format!("attributes.{name} = {}", quote(v)))
                .collect();
            if one.len() == 1 {
                one[0].clone()
            } else {
                format!("({})", one.join(" OR "))
            }
        })
        .collect();
    terms.join(" AND ")
}

/// Seconds as Pub/Sub's duration strings (`"1.5s"`).
fn seconds(us: u64, scale: f64) -> String {
    format!("{:.3}s", us as f64 * scale / 1e6)
}

/// Why Pub/Sub cannot carry channel `ch` of `topo`, if it cannot.
pub fn unsupported(topo: &Topology, c: ChannelId) -> Option<String> {
    match &topo.channels[c.index()] {
        ChannelTopo::PubSub => None,
        ChannelTopo::Log(_) => {
            Some("a partitioned log is Kafka's; Pub/Sub has topics and subscriptions".into())
        }
        ChannelTopo::Exchange(x) => {
            if !matches!(x.routing, Routing::Filter | Routing::Fanout) {
                Some("a Pub/Sub topic delivers to every subscription, filtered on attributes; it has no routing keys or header bindings".into())
            } else if x.unroutable != Unroutable::Drop {
                Some(
                    "a Pub/Sub topic keeps nothing no subscription wants, and returns nothing"
                        .into(),
                )
            } else if x
                .bindings
                .iter()
                .any(|b| !matches!(topo.channels[b.to.index()], ChannelTopo::Queue(_)))
            {
                Some("a Pub/Sub topic feeds subscriptions, not other topics".into())
            } else {
                None
            }
        }
        ChannelTopo::Queue(q) => {
            let routers = topo
                .channels
                .iter()
                .filter(|o| matches!(o, ChannelTopo::Exchange(x) if x.bindings.iter().any(|b| b.to == c)))
                .count();
            if routers > 1 {
                Some("a subscription belongs to one topic".into())
            } else if q.max_length.is_some() || q.dedup_window.is_some() {
                Some("Pub/Sub subscriptions have no length limit or deduplication window".into())
            } else if q.on_failure == OnFailure::Reject {
                Some("Pub/Sub has no reject: a nack redelivers (until the dead-letter policy's attempts)".into())
            } else if q.max_deliveries.is_some() && q.dead_letter.is_none() {
                Some("Pub/Sub stops redelivering only into a dead-letter topic: set dead_letter, or max_deliveries 0".into())
            } else if q.max_deliveries.is_some_and(|n| !(5..=100).contains(&n)) {
                Some("Pub/Sub's maxDeliveryAttempts is 5 to 100".into())
            } else if matches!(q.retry, Retry::Delay(_) | Retry::Linear(..)) {
                Some("Pub/Sub's retry policy is an exponential backoff".into())
            } else {
                None
            }
        }
    }
}

/// The topics and subscriptions of `s` (compiled as `topo`) for run `run`.
pub fn declarations(run: &str, s: &Scenario, topo: &Topology, scale: f64) -> Declarations {
    let name = |c: ChannelId| object_name(run, &s.channels[c.index()].id);
    let n = topo.channels.len();
    let mut out = Declarations {
        publish_topic: vec![None; n],
        ordered: vec![false; n],
        ..Declarations::default()
    };
    // Where a publish to each channel goes, and so which topics exist.
    for (i, ch) in topo.channels.iter().enumerate() {
        let c = ChannelId(i as u32);
        let topic = match ch {
            ChannelTopo::Queue(_) => match bound_by(topo, c) {
                Some((x, _)) => name(x),
                None => name(c),
            },
            _ => name(c),
        };
        if !matches!(ch, ChannelTopo::Queue(_)) || bound_by(topo, c).is_none() {
            out.topics.push(topic.clone());
        }
        out.publish_topic[i] = Some(topic);
    }
    for (i, ch) in topo.channels.iter().enumerate() {
        let c = ChannelId(i as u32);
        let ChannelTopo::Queue(q) = ch else { continue };
        let topic = out.publish_topic[i].clone().unwrap_or_default();
        let deadline = crate::plan::deadline_secs(
            crate::plan::BrokerKind::GooglePubsub,
            q.visibility_timeout,
            scale,
        );
        let mut body = json!({ "ackDeadlineSeconds": deadline });
        if let Some((_, filter)) = bound_by(topo, c) {
            let f = filter_expression(filter);
            if !f.is_empty() {
                body["filter"] = json!(f);
            }
        }
        if let (Some(dl), Some(attempts)) = (q.dead_letter, q.max_deliveries) {
            let dl_topic = out.publish_topic[dl.index()].clone().unwrap_or_default();
            body["deadLetterPolicy"] =
                json!({ "deadLetterTopic": dl_topic, "maxDeliveryAttempts": attempts });
        }
        if let Retry::Backoff(min, max) = q.retry {
            body["retryPolicy"] = json!({ "minimumBackoff": seconds(min, scale), "maximumBackoff": seconds(max, scale) });
        }
        if q.ordered_by_key {
            body["enableMessageOrdering"] = json!(true);
            if let Some((x, _)) = bound_by(topo, c) {
                out.ordered[x.index()] = true;
            }
            out.ordered[i] = true;
        }
        out.subscriptions.push(SubscriptionDecl {
            channel: c,
            name: name(c),
            body,
            topic,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples;

    #[test]
    fn the_google_example_is_four_topics_and_five_subscriptions_with_a_dead_letter_policy() {
        let s = examples::gallery()
            .into_iter()
            .find(|(id, _)| *id == "google-pubsub")
            .unwrap()
            .1;
        let topo = kurir_engine::compile::compile(&s).unwrap();
        for i in 0..topo.channels.len() {
            assert_eq!(unsupported(&topo, ChannelId(i as u32)), None);
        }
        let d = declarations("t", &s, &topo, 1.0);
        assert_eq!(
            d.topics,
            [
                "kurir.t.email",
                "kurir.t.sms",
                "kurir.t.order",
                "kurir.t.sms-dead"
            ]
        );
        let sms = d
            .subscriptions
            .iter()
            .find(|x| x.name == "kurir.t.sms-sub")
            .unwrap();
        assert_eq!(sms.topic, "kurir.t.sms");
        assert_eq!(sms.body["ackDeadlineSeconds"], 10);
        assert_eq!(
            sms.body["deadLetterPolicy"]["deadLetterTopic"],
            "kurir.t.sms-dead"
        );
        assert_eq!(sms.body["deadLetterPolicy"]["maxDeliveryAttempts"], 5);
        // Publishing to the subscription's topic reaches it.
        assert_eq!(d.publish_topic[1].as_deref(), Some("kurir.t.email"));
    }

    #[test]
    fn a_filter_policy_is_a_filter_expression() {
        let mut p = std::collections::BTreeMap::new();
        p.insert("kind".to_string(), vec!["email".to_string()]);
        assert_eq!(filter_expression(&p), "attributes.kind = \"email\"");
        p.insert("region".to_string(), vec!["id".into(), "my".into()]);
        assert_eq!(
            filter_expression(&p),
            "attributes.kind = \"email\" AND (attributes.region = \"id\" OR attributes.region = \"my\")"
        );
    }
}
