//! RabbitMQ's definitions file — what `rabbitmqctl export_definitions`
//! writes and `rabbitmqctl import_definitions` (or the management API's
//! `POST /api/definitions`) loads: exchanges, queues with their `x-`
//! arguments, bindings (<https://www.rabbitmq.com/docs/definitions>).
//!
//! [`export`] writes a scenario's RabbitMQ part with the same mapping
//! `kurir-live` declares; [`import`] reads one back as channels (services
//! are for the user to add). Whatever either cannot carry is listed.

mod reader;

use serde_json::{json, Value};

use crate::formats::rabbitmq::{declarations, unsupported, Arg};
use crate::formats::{FormatError, Reason, Unmapped};
use crate::scenario::preset::Preset;
use crate::scenario::{ChannelKind, OnFailure, QueueSpec, Scenario, ScenarioError};

/// The virtual host an export's objects go to (and an import's objects
/// are in when they do not say).
const VHOST: &str = "/";

fn arg_json(a: &Arg) -> Value {
    match a {
        Arg::Int(n) => json!(n),
        Arg::Str(s) => json!(s),
    }
}

fn table(args: &[(String, Arg)]) -> Value {
    Value::Object(args.iter().map(|(k, v)| (k.clone(), arg_json(v))).collect())
}

/// `s`'s RabbitMQ part as a definitions file (pretty JSON), and what it
/// left out: channels RabbitMQ cannot carry, and what the consumer does
/// rather than the queue (`on_failure`, `visibility_timeout_ms`).
pub fn export(s: &Scenario) -> Result<(String, Vec<Unmapped>), ScenarioError> {
    let topo = crate::compile::compile(s)?;
    let mut unmapped = Vec::new();
    let rabbit_queue = match Preset::RabbitmqQueue.kind() {
        ChannelKind::Queue(q) => q,
        _ => QueueSpec::default(),
    };
    for (ch, spec) in topo.channels.iter().zip(&s.channels) {
        if let Some(reason) = unsupported(ch) {
            unmapped.push(Unmapped {
                what: spec.id.clone(),
                reason,
            });
        } else if let ChannelKind::Queue(q) = &spec.kind {
            let mut client = |field: &str| {
                unmapped.push(Unmapped {
                    what: spec.id.clone(),
                    reason: Reason::ClientSide(field.into()),
                })
            };
            if q.on_failure != OnFailure::Requeue {
                client("on_failure");
            }
            if q.visibility_timeout_ms != rabbit_queue.visibility_timeout_ms {
                client("visibility_timeout_ms");
            }
        }
    }
    let d = declarations(s, &topo, &|id| id.to_string(), 1.0);
    let exchanges: Vec<Value> = d
        .exchanges
        .iter()
        .map(|x| {
            json!({ "name": x.name, "vhost": VHOST, "type": x.kind, "durable": true,
                    "auto_delete": false, "internal": false, "arguments": {} })
        })
        .collect();
    let queues: Vec<Value> = d
        .queues
        .iter()
        .map(|q| {
            json!({ "name": q.name, "vhost": VHOST, "durable": true, "auto_delete": false,
                    "arguments": table(&q.args) })
        })
        .collect();
    let bindings: Vec<Value> = d
        .bindings
        .iter()
        .map(|b| {
            json!({ "source": b.source, "vhost": VHOST, "destination": b.destination,
                    "destination_type": if b.to_exchange { "exchange" } else { "queue" },
                    "routing_key": b.key, "arguments": table(&b.args) })
        })
        .collect();
    let file = json!({ "exchanges": exchanges, "queues": queues, "bindings": bindings });
    let text = serde_json::to_string_pretty(&file).unwrap_or_default();
    Ok((text, unmapped))
}

pub use crate::formats::Imported;

/// Reads a definitions file's exchanges, queues and bindings (of its first
/// virtual host) as a scenario's channels.
pub fn import(text: &str) -> Result<Imported, FormatError> {
    let file: Value =
        serde_json::from_str(text).map_err(|e| FormatError::NotJson(e.to_string()))?;
    if crate::formats::kind_of(text) != crate::formats::Kind::RabbitmqDefinitions {
        return Err(FormatError::NotThisFormat);
    }
    let mut reader = reader::Reader::default();
    reader.read(&file);
    let scenario = reader.scenario();
    crate::compile::compile(&scenario).map_err(FormatError::Invalid)?;
    Ok(Imported {
        scenario,
        unmapped: reader.unmapped,
    })
}
