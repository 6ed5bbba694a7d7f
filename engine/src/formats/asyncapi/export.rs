//! Writing the document.

use serde_json::{json, Map, Value};

use crate::scenario::preset::Preset;
use crate::scenario::{ChannelKind, ChannelSpec, Routing, Scenario};

/// The AsyncAPI server of a broker family: its key, host and protocol.
pub(super) fn server_of(p: Preset) -> (&'static str, &'static str, &'static str) {
    match p {
        Preset::RabbitmqExchange | Preset::RabbitmqQueue => ("rabbitmq", "localhost:5672", "amqp"),
        Preset::RedisPubsub => ("redis", "localhost:6379", "redis"),
        Preset::KafkaTopic => ("kafka", "localhost:9092", "kafka"),
        Preset::NsqTopic | Preset::NsqChannel => ("nsq", "localhost:4150", "nsq"),
        Preset::GooglePubsubTopic | Preset::GooglePubsubSubscription => {
            ("google-pubsub", "pubsub.googleapis.com", "googlepubsub")
        }
        Preset::SqsQueue | Preset::SqsFifoQueue => ("sqs", "sqs.us-east-1.amazonaws.com", "sqs"),
        Preset::SnsTopic => ("sns", "sns.us-east-1.amazonaws.com", "sns"),
    }
}

fn secs(ms: f64) -> u64 {
    (ms / 1000.0).round().max(0.0) as u64
}

/// The protocol bindings of channel `c`, where its broker has them.
fn channel_bindings(c: &ChannelSpec) -> Option<Value> {
    let p = c.broker?;
    Some(match (&c.kind, server_of(p).2) {
        (ChannelKind::Exchange(x), "amqp") => {
            let kind = match x.routing {
                Routing::Direct => "direct",
                Routing::Topic => "topic",
                Routing::Headers => "headers",
                _ => "fanout",
            };
            json!({ "amqp": { "is": "routingKey", "exchange": { "name": c.id, "type": kind,
                    "durable": true, "autoDelete": false, "vhost": "/" }, "bindingVersion": "0.3.0" } })
        }
        (ChannelKind::Queue(_), "amqp") => {
            json!({ "amqp": { "is": "queue", "queue": { "name": c.id,
                    "durable": true, "exclusive": false, "autoDelete": false, "vhost": "/" },
                    "bindingVersion": "0.3.0" } })
        }
        (ChannelKind::Log(l), "kafka") => {
            json!({ "kafka": { "topic": c.id, "partitions": l.partitions,
                    "topicConfiguration": { "retention.ms": l.retention_ms.round() as i64 },
                    "bindingVersion": "0.5.0" } })
        }
        (ChannelKind::Queue(q), "sqs") => {
            let mut queue = json!({ "name": c.id, "fifoQueue": q.ordered_by_key,
                "visibilityTimeout": secs(q.visibility_timeout_ms) });
            if let Some(ttl) = q.ttl_ms {
                queue["messageRetentionPeriod"] = json!(secs(ttl));
            }
            if let (Some(dl), true) = (&q.dead_letter, q.max_deliveries > 0) {
                queue["redrivePolicy"] = json!({ "deadLetterQueue": { "name": dl }, "maxReceiveCount": q.max_deliveries });
            }
            json!({ "sqs": { "queue": queue, "bindingVersion": "0.2.0" } })
        }
        (ChannelKind::Exchange(_), "sns") => {
            json!({ "sns": { "name": c.id, "bindingVersion": "0.1.0" } })
        }
        _ => return None,
    })
}

/// An SNS topic's subscriptions, as the `sns` binding of a send operation.
fn sns_consumers(c: &ChannelSpec) -> Option<Value> {
    let (Some(Preset::SnsTopic), ChannelKind::Exchange(x)) = (c.broker, &c.kind) else {
        return None;
    };
    let consumers: Vec<Value> = x
        .bindings
        .iter()
        .map(|b| {
            let mut one = json!({ "protocol": "sqs", "endpoint": { "name": b.to }, "rawMessageDelivery": true });
            if !b.filter.is_empty() {
                one["filterPolicy"] = json!(b.filter);
            }
            one
        })
        .collect();
    Some(json!({ "sns": { "consumers": consumers, "bindingVersion": "0.1.0" } }))
}

/// `s` as an AsyncAPI 3.0.0 document (pretty JSON).
pub fn export(s: &Scenario) -> String {
    let mut servers = Map::new();
    let mut channels = Map::new();
    for c in &s.channels {
        let mut ch = json!({
            "address": c.id,
            "messages": { "order": { "$ref": "#/components/messages/order" } },
            "x-kurir": { "name": c.name, "kind": c.kind, "broker": c.broker, "x": c.x, "y": c.y },
        });
        if !c.name.is_empty() && c.name != c.id {
            ch["title"] = json!(c.name);
        }
        if let Some(p) = c.broker {
            let (key, host, protocol) = server_of(p);
            servers
                .entry(key)
                .or_insert_with(|| json!({ "host": host, "protocol": protocol }));
            ch["servers"] = json!([{ "$ref": format!("#/servers/{key}") }]);
        }
        if let Some(b) = channel_bindings(c) {
            ch["bindings"] = b;
        }
        channels.insert(c.id.clone(), ch);
    }
    let mut operations = Map::new();
    let channel_ref = |id: &str| json!({ "$ref": format!("#/channels/{id}") });
    let message_ref = |id: &str| json!([{ "$ref": format!("#/channels/{id}/messages/order") }]);
    for (i, svc) in s.services.iter().enumerate() {
        let who = s.service_name(i);
        let mut seen = Vec::new();
        for p in &svc.publishes {
            if seen.contains(&p.channel) {
                continue; // one operation per channel, however many messages
            }
            seen.push(p.channel.clone());
            let Some(target) = s.channels.iter().find(|c| c.id == p.channel) else {
                continue;
            };
            let mut op = json!({
                "action": "send",
                "channel": channel_ref(&p.channel),
                "messages": message_ref(&p.channel),
                "summary": format!("{who} publishes each order it has processed"),
                "x-kurir": { "service": svc.id },
            });
            if let Some(b) = sns_consumers(target) {
                op["bindings"] = b;
            }
            operations.insert(format!("{}-sends-{}", svc.id, p.channel), op);
        }
    }
    for sub in &s.subscriptions {
        let Some(i) = s.services.iter().position(|x| x.id == sub.service) else {
            continue;
        };
        let op = json!({
            "action": "receive",
            "channel": channel_ref(&sub.channel),
            "messages": message_ref(&sub.channel),
            "summary": format!("{} works on each message it receives", s.service_name(i)),
            "x-kurir": { "service": sub.service, "subscription": sub },
        });
        operations.insert(format!("{}-receives-{}", sub.service, sub.channel), op);
    }
    let title = if s.name.is_empty() {
        "Kurir scenario"
    } else {
        s.name.as_str()
    };
    let doc = json!({
        "asyncapi": "3.0.0",
        "info": {
            "title": title,
            "version": "1.0.0",
            "description": "Exported from Kurir: the channels and who sends and receives on them. `x-kurir` holds what AsyncAPI has no field for.",
        },
        "defaultContentType": "application/json",
        "servers": servers,
        "channels": channels,
        "operations": operations,
        "components": { "messages": { "order": {
            "name": "order",
            "title": "An order",
            "payload": { "type": "object", "required": ["order"], "properties": {
                "order": { "type": "integer", "minimum": 1, "description": "The order's number" },
            } },
        } } },
        "x-kurir": { "services": s.services, "network": s.network, "mode": s.mode,
                     "seed": s.seed, "inputs": s.inputs, "actions": s.actions,
                     // A document's channels are a map; their order is the run's.
                     "channel_order": s.channels.iter().map(|c| c.id.as_str()).collect::<Vec<_>>() },
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
