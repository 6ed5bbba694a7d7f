//! A scenario's channels as RabbitMQ objects, as data: the exchanges, the
//! queues with their `x-` arguments and the bindings, in the order they must
//! be declared. The client (`broker/amqp.rs`) only sends them.
//!
//! The mapping, from RabbitMQ's documentation:
//! - an exchange channel is an exchange of its routing type; a pubsub
//!   channel is a `fanout` exchange, each subscriber consuming an exclusive
//!   queue of its own bound to it while it is connected (so a subscriber
//!   that is down gets no copy, as with any fan-out);
//! - a queue with a delivery limit is a quorum queue (`x-delivery-limit`
//!   counts returns, so N deliveries are a limit of N − 1, as
//!   <https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling>
//!   says); one without is a classic queue, which redelivers for ever;
//! - `x-dead-letter-exchange` names the dead-letter exchange, or the default
//!   exchange with `x-dead-letter-routing-key` when the scenario's dead-letter
//!   channel is a queue (<https://www.rabbitmq.com/docs/dlx>);
//! - `x-message-ttl`, `x-max-length` and `x-overflow` (`drop-head`,
//!   `reject-publish`) as in <https://www.rabbitmq.com/docs/ttl> and
//!   <https://www.rabbitmq.com/docs/maxlength>.

use kurir_engine::compile::{ChannelTopo, Topology};
use kurir_engine::scenario::{MatchMode, Overflow, Routing};
use kurir_engine::{ChannelId, Scenario};

use crate::plan::object_name;

/// A value of an AMQP argument table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// A number (`long long` on the wire).
    Int(i64),
    /// A string.
    Str(String),
}

/// An exchange to declare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeDecl {
    /// The channel it carries.
    pub channel: ChannelId,
    /// Its name on the broker.
    pub name: String,
    /// `direct`, `fanout`, `topic` or `headers`.
    pub kind: &'static str,
}

/// A queue to declare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueDecl {
    /// The channel it carries.
    pub channel: ChannelId,
    /// Its name on the broker.
    pub name: String,
    /// Its `x-` arguments (`x-queue-type` among them).
    pub args: Vec<(String, Arg)>,
}

/// A binding to declare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindingDecl {
    /// The exchange messages come from.
    pub source: String,
    /// The queue or exchange they go to.
    pub destination: String,
    /// True when the destination is an exchange (`exchange.bind`).
    pub to_exchange: bool,
    /// The binding key.
    pub key: String,
    /// Header arguments (`x-match` and the headers) of a headers exchange.
    pub args: Vec<(String, Arg)>,
}

/// Everything a scenario declares on RabbitMQ.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declarations {
    /// Exchanges (declared first: bindings and dead-letter targets name them).
    pub exchanges: Vec<ExchangeDecl>,
    /// Queues.
    pub queues: Vec<QueueDecl>,
    /// Bindings (declared last).
    pub bindings: Vec<BindingDecl>,
}

/// The RabbitMQ objects of `s` (compiled as `topo`) for run `run`, with
/// every duration multiplied by `scale` (the run's time scale).
pub fn declarations(run: &str, s: &Scenario, topo: &Topology, scale: f64) -> Declarations {
    let name = |c: ChannelId| object_name(run, &s.channels[c.index()].id);
    let mut out = Declarations::default();
    for (i, ch) in topo.channels.iter().enumerate() {
        let channel = ChannelId(i as u32);
        match ch {
            ChannelTopo::PubSub => out.exchanges.push(ExchangeDecl {
                channel,
                name: name(channel),
                kind: "fanout",
            }),
            ChannelTopo::Exchange(x) => {
                out.exchanges.push(ExchangeDecl {
                    channel,
                    name: name(channel),
                    kind: match x.routing {
                        Routing::Direct => "direct",
                        Routing::Fanout => "fanout",
                        Routing::Topic => "topic",
                        // Refused by `plan::check` before this is asked.
                        Routing::Headers | Routing::Filter => "headers",
                    },
                });
                for b in &x.bindings {
                    let mut args = Vec::new();
                    if x.routing == Routing::Headers {
                        let mode = match b.match_mode {
                            MatchMode::All => "all",
                            MatchMode::Any => "any",
                        };
                        args.push(("x-match".to_string(), Arg::Str(mode.into())));
                        for (k, v) in &b.headers {
                            args.push((k.clone(), Arg::Str(v.clone())));
                        }
                    }
                    let key = match x.routing {
                        Routing::Direct | Routing::Topic => b.key.clone().unwrap_or_default(),
                        _ => String::new(),
                    };
                    out.bindings.push(BindingDecl {
                        source: name(channel),
                        destination: name(b.to),
                        to_exchange: !matches!(topo.channels[b.to.index()], ChannelTopo::Queue(_)),
                        key,
                        args,
                    });
                }
            }
            ChannelTopo::Queue(q) => {
                let mut args = Vec::new();
                let quorum = q.max_deliveries.is_some();
                let kind = if quorum { "quorum" } else { "classic" };
                args.push(("x-queue-type".to_string(), Arg::Str(kind.into())));
                if let Some(n) = q.max_deliveries {
                    let limit = n.saturating_sub(1) as i64;
                    args.push(("x-delivery-limit".to_string(), Arg::Int(limit)));
                }
                if let Some(dl) = q.dead_letter {
                    if matches!(topo.channels[dl.index()], ChannelTopo::Queue(_)) {
                        args.push((
                            "x-dead-letter-exchange".to_string(),
                            Arg::Str(String::new()),
                        ));
                        args.push(("x-dead-letter-routing-key".to_string(), Arg::Str(name(dl))));
                    } else {
                        args.push(("x-dead-letter-exchange".to_string(), Arg::Str(name(dl))));
                    }
                }
                if let Some(ttl) = q.ttl {
                    args.push(("x-message-ttl".to_string(), Arg::Int(scaled_ms(ttl, scale))));
                }
                if let Some(max) = q.max_length {
                    args.push(("x-max-length".to_string(), Arg::Int(max as i64)));
                    let overflow = match q.overflow {
                        Overflow::DropOldest => "drop-head",
                        Overflow::Reject => "reject-publish",
                    };
                    args.push(("x-overflow".to_string(), Arg::Str(overflow.into())));
                }
                out.queues.push(QueueDecl {
                    channel,
                    name: name(channel),
                    args,
                });
            }
            // Refused by `plan::check`.
            ChannelTopo::Log(_) => {}
        }
    }
    out
}

/// Microseconds of scenario time as whole milliseconds of real time, at
/// least 1 (a TTL of 0 would expire everything at once).
pub fn scaled_ms(us: u64, scale: f64) -> i64 {
    ((us as f64 * scale / 1000.0).round() as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples;

    fn decls(s: &Scenario) -> Declarations {
        let topo = kurir_engine::compile::compile(s).unwrap();
        declarations("t", s, &topo, 1.0)
    }

    #[test]
    fn the_rabbitmq_example_is_a_topic_exchange_four_quorum_queues_and_a_dead_letter_exchange() {
        let s = examples::gallery()
            .into_iter()
            .find(|(id, _)| *id == "rabbitmq")
            .unwrap()
            .1;
        let d = decls(&s);
        let kinds: Vec<(&str, &str)> = d
            .exchanges
            .iter()
            .map(|x| (x.name.as_str(), x.kind))
            .collect();
        assert_eq!(
            kinds,
            [("kurir.t.shop", "topic"), ("kurir.t.dlx", "fanout")]
        );
        let sms = d.queues.iter().find(|q| q.name == "kurir.t.sms").unwrap();
        // 21 deliveries: RabbitMQ's default limit of 20 returns.
        assert!(sms
            .args
            .contains(&("x-delivery-limit".into(), Arg::Int(20))));
        assert!(sms
            .args
            .contains(&("x-queue-type".into(), Arg::Str("quorum".into()))));
        assert!(sms.args.contains(&(
            "x-dead-letter-exchange".into(),
            Arg::Str("kurir.t.dlx".into())
        )));
        let report = d
            .bindings
            .iter()
            .find(|b| b.destination == "kurir.t.report")
            .unwrap();
        assert_eq!(
            (report.key.as_str(), report.to_exchange),
            ("order.#", false)
        );
    }

    #[test]
    fn a_dead_letter_queue_is_reached_through_the_default_exchange() {
        let mut s = examples::lesson();
        s.channels[0].kind =
            kurir_engine::scenario::ChannelKind::Queue(kurir_engine::scenario::QueueSpec {
                dead_letter: Some("sms".into()),
                ttl_ms: Some(2000.0),
                ..Default::default()
            });
        let d = declarations("t", &s, &kurir_engine::compile::compile(&s).unwrap(), 0.5);
        let email = &d.queues[0];
        assert!(email
            .args
            .contains(&("x-dead-letter-exchange".into(), Arg::Str(String::new()))));
        assert!(email.args.contains(&(
            "x-dead-letter-routing-key".into(),
            Arg::Str("kurir.t.sms".into())
        )));
        // Half time: a 2 s TTL is 1 s on the broker.
        assert!(email
            .args
            .contains(&("x-message-ttl".into(), Arg::Int(1000))));
    }
}
