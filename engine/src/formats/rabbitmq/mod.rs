//! A scenario's channels as RabbitMQ objects, as data: the exchanges, the
//! queues with their `x-` arguments and the bindings, in the order they must
//! be declared. `kurir-live` declares them on a broker; [`definitions`]
//! writes them as a definitions file and reads one back.
//!
//! The mapping, from RabbitMQ's documentation:
//! - an exchange channel is an exchange of its routing type; a pubsub
//!   channel is a `fanout` exchange (each subscriber consumes a queue of its
//!   own bound to it while it is connected, so a subscriber that is down
//!   gets no copy, as with any fan-out);
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

pub mod definitions;

use crate::compile::{ChannelTopo, Retry, Topology};
use crate::formats::Reason;
use crate::scenario::{MatchMode, OnFailure, Overflow, Routing, Scenario, Unroutable};
use crate::ChannelId;

/// Why RabbitMQ cannot carry a channel like `ch`, if it cannot.
pub fn unsupported(ch: &ChannelTopo) -> Option<Reason> {
    match ch {
        ChannelTopo::PubSub => None,
        ChannelTopo::Log(_) => Some(Reason::Log),
        ChannelTopo::Exchange(x) => match (x.routing, x.unroutable) {
            (Routing::Filter, _) => Some(Reason::FilterRouting),
            (_, Unroutable::Keep) => Some(Reason::KeepUnroutable),
            _ => None,
        },
        ChannelTopo::Queue(q) => {
            if q.ordered_by_key {
                Some(Reason::OrderedByKey)
            } else if q.dedup_window.is_some() {
                Some(Reason::DedupWindow)
            } else if q.retry != Retry::Immediate {
                Some(Reason::RetryDelay)
            } else if q.on_failure == OnFailure::Wait {
                Some(Reason::WaitOnFailure)
            } else {
                None
            }
        }
    }
}

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

/// The RabbitMQ objects of `s` (compiled as `topo`), each channel named by
/// `name_of` its id, with every duration multiplied by `scale` (a live
/// run's time scale; 1 for a definitions file). Channels RabbitMQ cannot
/// carry ([`unsupported`]) are left out.
pub fn declarations(
    s: &Scenario,
    topo: &Topology,
    name_of: &dyn Fn(&str) -> String,
    scale: f64,
) -> Declarations {
    let name = |c: ChannelId| name_of(&s.channels[c.index()].id);
    let mut out = Declarations::default();
    let carried = |c: ChannelId| unsupported(&topo.channels[c.index()]).is_none();
    for (i, ch) in topo.channels.iter().enumerate() {
        let channel = ChannelId(i as u32);
        if !carried(channel) {
            continue;
        }
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
                        // Filter routing is unsupported: skipped above.
                        Routing::Headers | Routing::Filter => "headers",
                    },
                });
                for b in x.bindings.iter().filter(|b| carried(b.to)) {
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
                if let Some(dl) = q.dead_letter.filter(|&d| carried(d)) {
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
            ChannelTopo::Log(_) => {} // unsupported: skipped above
        }
    }
    out
}

/// Microseconds of scenario time as whole milliseconds of real time, at
/// least 1 (a TTL of 0 would expire everything at once).
pub fn scaled_ms(us: u64, scale: f64) -> i64 {
    ((us as f64 * scale / 1000.0).round() as i64).max(1)
}
