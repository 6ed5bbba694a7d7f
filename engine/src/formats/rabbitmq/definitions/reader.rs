//! Reading a definitions file: its first virtual host's exchanges, then
//! queues (their ids first, so dead-letter targets resolve), then bindings;
//! everything else is listed as left out.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::VHOST;
use crate::formats::{id_from, Reason, Unmapped};
use crate::scenario::preset::{Preset, RABBITMQ_DELIVERY_LIMIT};
use crate::scenario::{
    Binding, ChannelKind, ChannelSpec, ExchangeSpec, MatchMode, Mode, Network, Overflow, QueueSpec,
    Routing, Scenario, CURRENT_VERSION,
};

/// What has been read so far.
#[derive(Default)]
pub(super) struct Reader {
    vhost: Option<String>,
    other_vhosts: BTreeSet<String>,
    /// Ids given, and exchange / queue name → id.
    taken: BTreeSet<String>,
    exchange_ids: BTreeMap<String, String>,
    queue_ids: BTreeMap<String, String>,
    exchanges: Vec<ChannelSpec>,
    queues: Vec<(ChannelSpec, Map<String, Value>)>,
    pub(super) unmapped: Vec<Unmapped>,
}

fn list<'a>(file: &'a Value, key: &str) -> &'a [Value] {
    file[key].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Reader {
    fn left_out(&mut self, what: &str, reason: Reason) {
        self.unmapped.push(Unmapped {
            what: what.to_string(),
            reason,
        });
    }

    /// True when `o` is in the virtual host being read (the first one met).
    fn here(&mut self, o: &Value) -> bool {
        let v = o["vhost"].as_str().unwrap_or(VHOST).to_string();
        match &self.vhost {
            None => {
                self.vhost = Some(v);
                true
            }
            Some(mine) if *mine == v => true,
            Some(_) => {
                if self.other_vhosts.insert(v.clone()) {
                    self.left_out(&v, Reason::OtherVhost(v.clone()));
                }
                false
            }
        }
    }

    fn new_id(&mut self, name: &str) -> String {
        let id = id_from(name, &self.taken);
        if id != name {
            self.left_out(name, Reason::Renamed(id.clone()));
        }
        self.taken.insert(id.clone());
        id
    }

    pub(super) fn read(&mut self, file: &Value) {
        for key in [
            "users",
            "permissions",
            "topic_permissions",
            "policies",
            "operator_policies",
            "parameters",
        ] {
            if !list(file, key).is_empty() {
                self.left_out(key, Reason::NotTopology);
            }
        }
        for x in list(file, "exchanges") {
            let name = x["name"].as_str().unwrap_or_default();
            if !self.here(x) || name.is_empty() || name.starts_with("amq.") {
                continue; // the default and built-in exchanges exist anyway
            }
            self.exchange(
                name,
                x["type"].as_str().unwrap_or("direct"),
                x["arguments"].as_object(),
            );
        }
        for q in list(file, "queues") {
            let name = q["name"].as_str().unwrap_or_default().to_string();
            if !self.here(q) || name.is_empty() {
                continue;
            }
            let id = self.new_id(&name);
            self.queue_ids.insert(name.clone(), id.clone());
            if q["auto_delete"].as_bool() == Some(true) {
                self.left_out(&name, Reason::Argument("auto_delete".into()));
            }
            let args = q["arguments"].as_object().cloned().unwrap_or_default();
            let spec = ChannelSpec {
                broker: Some(Preset::RabbitmqQueue),
                ..ChannelSpec::new(
                    &id,
                    if id == name { "" } else { &name },
                    Preset::RabbitmqQueue.kind(),
                    0.0,
                    0.0,
                )
            };
            self.queues.push((spec, args));
        }
        let queues = std::mem::take(&mut self.queues);
        self.queues = queues
            .into_iter()
            .map(|(mut spec, args)| {
                let name = if spec.name.is_empty() {
                    spec.id.clone()
                } else {
                    spec.name.clone()
                };
                if let ChannelKind::Queue(q) = &mut spec.kind {
                    self.queue_arguments(&name, q, &args);
                }
                (spec, args)
            })
            .collect();
        for b in list(file, "bindings") {
            if self.here(b) {
                self.binding(b);
            }
        }
    }

    fn exchange(&mut self, name: &str, kind: &str, args: Option<&Map<String, Value>>) {
        let routing = match kind {
            "direct" => Routing::Direct,
            "fanout" => Routing::Fanout,
            "topic" => Routing::Topic,
            "headers" => Routing::Headers,
            other => {
                self.left_out(name, Reason::ExchangeType(other.to_string()));
                return;
            }
        };
        for a in args.into_iter().flat_map(|m| m.keys()) {
            self.left_out(name, Reason::Argument(a.clone()));
        }
        let id = self.new_id(name);
        self.exchange_ids.insert(name.to_string(), id.clone());
        let kind = ChannelKind::Exchange(ExchangeSpec {
            routing,
            ..ExchangeSpec::default()
        });
        let display = if id == name { "" } else { name };
        self.exchanges.push(ChannelSpec {
            broker: Some(Preset::RabbitmqExchange),
            ..ChannelSpec::new(&id, display, kind, 0.0, 0.0)
        });
    }

    /// A queue's `x-` arguments on its preset's defaults.
    fn queue_arguments(&mut self, name: &str, q: &mut QueueSpec, args: &Map<String, Value>) {
        let quorum = args.get("x-queue-type").and_then(Value::as_str) == Some("quorum");
        // A classic queue redelivers for ever; a quorum queue stops at its
        // delivery limit (20 returns by default).
        q.max_deliveries = if quorum {
            RABBITMQ_DELIVERY_LIMIT + 1
        } else {
            0
        };
        let dl_key = args.get("x-dead-letter-routing-key").map(text);
        for (k, v) in args {
            match (k.as_str(), v) {
                ("x-queue-type", Value::String(t)) if t == "quorum" || t == "classic" => {}
                ("x-delivery-limit", v) if quorum && v.as_u64().is_some() => {
                    q.max_deliveries = v.as_u64().unwrap_or(0).min(u32::MAX as u64 - 1) as u32 + 1;
                }
                ("x-dead-letter-exchange", Value::String(x)) if x.is_empty() => {
                    match dl_key.as_ref().and_then(|k| self.queue_ids.get(k)) {
                        Some(id) => q.dead_letter = Some(id.clone()),
                        None => self.left_out(
                            name,
                            Reason::UnknownObject(dl_key.clone().unwrap_or_default()),
                        ),
                    }
                }
                ("x-dead-letter-exchange", Value::String(x)) => match self.exchange_ids.get(x) {
                    Some(id) => {
                        q.dead_letter = Some(id.clone());
                        if dl_key.is_some() {
                            self.left_out(
                                name,
                                Reason::Argument("x-dead-letter-routing-key".into()),
                            );
                        }
                    }
                    None => self.left_out(name, Reason::UnknownObject(x.clone())),
                },
                ("x-dead-letter-routing-key", _) => {} // read with the exchange
                ("x-message-ttl", v) if v.as_f64().is_some() => q.ttl_ms = v.as_f64(),
                ("x-max-length", v) if v.as_u64().is_some() => {
                    q.max_length = v.as_u64().map(|n| n.min(u32::MAX as u64) as u32)
                }
                ("x-overflow", Value::String(o)) if o == "drop-head" => {
                    q.overflow = Overflow::DropOldest
                }
                ("x-overflow", Value::String(o)) if o == "reject-publish" => {
                    q.overflow = Overflow::Reject
                }
                _ => self.left_out(name, Reason::Argument(format!("{k}: {}", text(v)))),
            }
        }
    }

    fn binding(&mut self, b: &Value) {
        let source = b["source"].as_str().unwrap_or_default();
        let dest = b["destination"].as_str().unwrap_or_default().to_string();
        if source.is_empty() {
            return; // the default exchange's implicit binding to every queue
        }
        let to_exchange = b["destination_type"].as_str() == Some("exchange");
        let to = if to_exchange {
            self.exchange_ids.get(&dest)
        } else {
            self.queue_ids.get(&dest)
        };
        let (Some(to), Some(from)) = (to.cloned(), self.exchange_ids.get(source).cloned()) else {
            let missing = if self.exchange_ids.contains_key(source) {
                dest
            } else {
                source.to_string()
            };
            self.left_out(
                &format!("{source} → {}", b["destination"].as_str().unwrap_or("")),
                Reason::UnknownObject(missing),
            );
            return;
        };
        let key = b["routing_key"].as_str().unwrap_or_default().to_string();
        let args = b["arguments"].as_object().cloned().unwrap_or_default();
        let Some(ChannelKind::Exchange(x)) = self
            .exchanges
            .iter_mut()
            .find(|c| c.id == from)
            .map(|c| &mut c.kind)
        else {
            return;
        };
        let mut binding = Binding::to(&to, None);
        match x.routing {
            Routing::Direct | Routing::Topic => binding.key = Some(key),
            Routing::Headers => {
                for (k, v) in &args {
                    match k.as_str() {
                        "x-match" if text(v).starts_with("any") => {
                            binding.match_mode = MatchMode::Any
                        }
                        "x-match" => {}
                        _ => {
                            binding.headers.insert(k.clone(), text(v));
                        }
                    }
                }
            }
            _ => {}
        }
        x.bindings.push(binding);
    }

    /// The channels, exchanges in a column on the left, queues on the right.
    pub(super) fn scenario(&self) -> Scenario {
        let mut channels: Vec<ChannelSpec> = Vec::new();
        for (i, x) in self.exchanges.iter().enumerate() {
            channels.push(ChannelSpec {
                x: 320.0,
                y: 80.0 + 130.0 * i as f64,
                ..x.clone()
            });
        }
        for (i, (q, _)) in self.queues.iter().enumerate() {
            channels.push(ChannelSpec {
                x: 580.0,
                y: 80.0 + 110.0 * i as f64,
                ..q.clone()
            });
        }
        Scenario {
            version: CURRENT_VERSION,
            name: "RabbitMQ definitions".into(),
            mode: Mode::Messaging,
            seed: 1,
            network: Network::default(),
            services: Vec::new(),
            channels,
            subscriptions: Vec::new(),
            inputs: Vec::new(),
            actions: Vec::new(),
        }
    }
}
