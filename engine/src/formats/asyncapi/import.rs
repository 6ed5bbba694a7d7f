//! Reading an AsyncAPI 3 document (JSON) as a scenario.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::formats::{id_from, FormatError, Imported, Reason, Unmapped};
use crate::scenario::preset::Preset;
use crate::scenario::{
    Binding, ChannelKind, ChannelSpec, ExchangeSpec, Input, LogSpec, Mode, Network, Processing,
    QueueSpec, Routing, Scenario, ServiceSpec, Subscription, CURRENT_VERSION,
};

/// Reads an AsyncAPI 3 document: a Kurir export whole, another tool's as
/// well as its bindings and servers say.
pub fn import(text: &str) -> Result<Imported, FormatError> {
    if crate::formats::kind_of(text) != crate::formats::Kind::Asyncapi {
        return Err(FormatError::NotThisFormat);
    }
    let doc: Value = serde_json::from_str(text).map_err(|_| FormatError::AsyncapiYaml)?;
    let version = doc["asyncapi"].as_str().unwrap_or("").to_string();
    if !version.starts_with("3.") {
        return Err(FormatError::AsyncapiVersion(version));
    }
    let mut r = Reader::default();
    let (mut channels, ids) = r.channels(&doc);
    let kurir = &doc["x-kurir"];
    if let Some(order) = kurir["channel_order"].as_array() {
        let place = |id: &str| {
            order
                .iter()
                .position(|o| o.as_str() == Some(id))
                .unwrap_or(usize::MAX)
        };
        channels.sort_by_key(|c| place(&c.id));
    }
    let (services, subscriptions) =
        match serde_json::from_value::<Vec<ServiceSpec>>(kurir["services"].clone()) {
            Ok(services) => (services, r.kurir_subscriptions(&doc)),
            Err(_) => r.one_application(&doc, &ids),
        };
    let scenario = Scenario {
        version: CURRENT_VERSION,
        name: doc["info"]["title"]
            .as_str()
            .unwrap_or("AsyncAPI document")
            .to_string(),
        mode: serde_json::from_value::<Mode>(kurir["mode"].clone()).unwrap_or_default(),
        seed: kurir["seed"].as_u64().unwrap_or(1),
        network: serde_json::from_value::<Network>(kurir["network"].clone()).unwrap_or_default(),
        services,
        channels,
        subscriptions,
        inputs: serde_json::from_value::<Vec<Input>>(kurir["inputs"].clone()).unwrap_or_default(),
        actions: serde_json::from_value(kurir["actions"].clone()).unwrap_or_default(),
    };
    crate::compile::compile(&scenario).map_err(FormatError::Invalid)?;
    Ok(Imported {
        scenario,
        unmapped: r.unmapped,
    })
}

#[derive(Default)]
struct Reader {
    unmapped: Vec<Unmapped>,
}

/// The channel key a `#/channels/<key>` reference names.
fn channel_key(v: &Value) -> Option<&str> {
    v["$ref"].as_str()?.strip_prefix("#/channels/")
}

/// The protocol of the first server a channel lists (all servers when it
/// lists none, as AsyncAPI says), if they agree on one.
fn protocol(doc: &Value, ch: &Value) -> Option<String> {
    let servers = doc["servers"].as_object()?;
    let listed: Vec<&Value> = match ch["servers"].as_array() {
        Some(refs) => refs
            .iter()
            .filter_map(|r| r["$ref"].as_str()?.strip_prefix("#/servers/"))
            .filter_map(|k| servers.get(k))
            .collect(),
        None => servers.values().collect(),
    };
    let protocols: BTreeSet<&str> = listed
        .iter()
        .filter_map(|s| s["protocol"].as_str())
        .collect();
    (protocols.len() == 1).then(|| protocols.into_iter().next().unwrap_or_default().to_string())
}

impl Reader {
    fn left_out(&mut self, what: &str, reason: Reason) {
        self.unmapped.push(Unmapped {
            what: what.into(),
            reason,
        });
    }

    /// The channels, and channel key → id.
    fn channels(&mut self, doc: &Value) -> (Vec<ChannelSpec>, BTreeMap<String, String>) {
        let mut out = Vec::new();
        let mut ids = BTreeMap::new();
        let mut taken = BTreeSet::new();
        let empty = serde_json::Map::new();
        let list = doc["channels"].as_object().unwrap_or(&empty);
        for (i, (key, ch)) in list.iter().enumerate() {
            if let Some(r) = ch["$ref"].as_str() {
                self.left_out(key, Reason::ExternalRef(r.into()));
                continue;
            }
            let id = id_from(key, &taken);
            if id != *key {
                self.left_out(key, Reason::Renamed(id.clone()));
            }
            taken.insert(id.clone());
            ids.insert(key.clone(), id.clone());
            let kurir = &ch["x-kurir"];
            let (kind, broker) = match serde_json::from_value::<ChannelKind>(kurir["kind"].clone())
            {
                Ok(kind) => (
                    kind,
                    serde_json::from_value::<Option<Preset>>(kurir["broker"].clone())
                        .unwrap_or(None),
                ),
                Err(_) => self.kind_from_bindings(doc, key, ch),
            };
            // A Kurir export says its name; another document has a title or
            // an address that may differ from its key.
            let name = kurir["name"].as_str().unwrap_or_else(|| {
                ch["title"]
                    .as_str()
                    .or(ch["address"].as_str())
                    .filter(|n| *n != id)
                    .unwrap_or("")
            });
            let (x, y) = match (kurir["x"].as_f64(), kurir["y"].as_f64()) {
                (Some(x), Some(y)) => (x, y),
                _ => (440.0, 80.0 + 110.0 * i as f64),
            };
            out.push(ChannelSpec {
                broker,
                ..ChannelSpec::new(&id, name, kind, x, y)
            });
        }
        // SNS subscriptions live on send operations: they are the topic's bindings.
        for op in doc["operations"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            let (Some(key), Some(consumers)) = (
                channel_key(&op["channel"]),
                op["bindings"]["sns"]["consumers"].as_array(),
            ) else {
                continue;
            };
            let Some(topic) = ids
                .get(key)
                .and_then(|id| out.iter().position(|c| &c.id == id))
            else {
                continue;
            };
            let targets: Vec<Binding> = consumers
                .iter()
                .filter_map(|c| {
                    let to = c["endpoint"]["name"].as_str()?;
                    let to = ids.get(to).cloned().unwrap_or_else(|| to.to_string());
                    let filter =
                        serde_json::from_value(c["filterPolicy"].clone()).unwrap_or_default();
                    Some(Binding {
                        to,
                        filter,
                        ..Binding::default()
                    })
                })
                .filter(|b| out.iter().any(|c| c.id == b.to))
                .collect();
            if let ChannelKind::Exchange(x) = &mut out[topic].kind {
                if x.bindings.is_empty() {
                    x.bindings = targets;
                }
            }
        }
        (out, ids)
    }

    /// A channel's kind from its protocol binding, else its server's protocol.
    fn kind_from_bindings(
        &mut self,
        doc: &Value,
        key: &str,
        ch: &Value,
    ) -> (ChannelKind, Option<Preset>) {
        let b = &ch["bindings"];
        let exchange = |routing| {
            ChannelKind::Exchange(ExchangeSpec {
                routing,
                ..ExchangeSpec::default()
            })
        };
        let preset_queue = |p: Preset| match p.kind() {
            ChannelKind::Queue(q) => q,
            _ => QueueSpec::default(),
        };
        if b["amqp"]["is"] == "queue" {
            return (Preset::RabbitmqQueue.kind(), Some(Preset::RabbitmqQueue));
        }
        if b["amqp"].is_object() {
            let routing = match b["amqp"]["exchange"]["type"].as_str() {
                Some("direct") => Routing::Direct,
                Some("fanout") => Routing::Fanout,
                Some("headers") => Routing::Headers,
                _ => Routing::Topic,
            };
            return (exchange(routing), Some(Preset::RabbitmqExchange));
        }
        if let Some(q) = b["sqs"]["queue"].as_object() {
            let fifo = q.get("fifoQueue").and_then(Value::as_bool) == Some(true);
            let preset = if fifo {
                Preset::SqsFifoQueue
            } else {
                Preset::SqsQueue
            };
            let mut spec = preset_queue(preset);
            if let Some(v) = q.get("visibilityTimeout").and_then(Value::as_f64) {
                spec.visibility_timeout_ms = v * 1000.0;
            }
            if let Some(v) = q.get("messageRetentionPeriod").and_then(Value::as_f64) {
                spec.ttl_ms = Some(v * 1000.0);
            }
            let redrive = q.get("redrivePolicy");
            if let (Some(dl), Some(n)) = (
                redrive.and_then(|r| r["deadLetterQueue"]["name"].as_str()),
                redrive.and_then(|r| r["maxReceiveCount"].as_u64()),
            ) {
                spec.dead_letter = Some(dl.to_string());
                spec.max_deliveries = n as u32;
            }
            return (ChannelKind::Queue(spec), Some(preset));
        }
        let kafka = &b["kafka"];
        let proto = protocol(doc, ch);
        if kafka.is_object() || proto.as_deref() == Some("kafka") {
            let partitions = kafka["partitions"].as_u64().unwrap_or(1).max(1) as u32;
            return (
                ChannelKind::Log(LogSpec {
                    partitions,
                    ..LogSpec::default()
                }),
                Some(Preset::KafkaTopic),
            );
        }
        match proto.as_deref() {
            Some("sns") => (exchange(Routing::Filter), Some(Preset::SnsTopic)),
            Some("sqs") => (Preset::SqsQueue.kind(), Some(Preset::SqsQueue)),
            Some("googlepubsub") => (exchange(Routing::Filter), Some(Preset::GooglePubsubTopic)),
            Some("amqp") => (exchange(Routing::Topic), Some(Preset::RabbitmqExchange)),
            Some("redis") => (ChannelKind::PubSub, Some(Preset::RedisPubsub)),
            _ => {
                self.left_out(key, Reason::GuessedPubSub);
                (ChannelKind::PubSub, None)
            }
        }
    }

    /// A Kurir export's subscriptions, from its receive operations.
    fn kurir_subscriptions(&mut self, doc: &Value) -> Vec<Subscription> {
        doc["operations"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
            .filter_map(|op| serde_json::from_value(op["x-kurir"]["subscription"].clone()).ok())
            .collect()
    }

    /// Another tool's document: the application it describes as one
    /// service that sends and receives on its operations' channels.
    fn one_application(
        &mut self,
        doc: &Value,
        ids: &BTreeMap<String, String>,
    ) -> (Vec<ServiceSpec>, Vec<Subscription>) {
        let title = doc["info"]["title"].as_str().unwrap_or("application");
        let id = id_from(&title.to_lowercase(), &ids.values().cloned().collect());
        let mut svc = ServiceSpec::new(&id, title, Processing::Constant { ms: 50.0 }, 120.0, 200.0);
        let mut subs = Vec::new();
        for (name, op) in doc["operations"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.iter())
        {
            let Some(key) = channel_key(&op["channel"]) else {
                if let Some(r) = op["channel"]["$ref"].as_str() {
                    self.left_out(name, Reason::ExternalRef(r.into()));
                }
                continue;
            };
            let Some(channel) = ids.get(key) else {
                continue;
            };
            match op["action"].as_str() {
                Some("send") if !svc.publishes.iter().any(|p| &p.channel == channel) => {
                    svc.publishes.push(channel.as_str().into())
                }
                Some("receive") if !subs.iter().any(|s: &Subscription| &s.channel == channel) => {
                    subs.push(Subscription::new(channel, &id))
                }
                _ => {}
            }
        }
        if svc.publishes.is_empty() && subs.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.left_out(title, Reason::OneApplication(id));
        (vec![svc], subs)
    }
}
