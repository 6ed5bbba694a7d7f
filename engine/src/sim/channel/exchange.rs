//! Exchange: routes each message to the channels whose binding matches it
//! (one copy per destination, however many of its bindings match, as in
//! RabbitMQ). Unmatched messages are dropped, returned to the publisher, or
//! kept in the exchange (an NSQ topic without channels).

use std::collections::VecDeque;

use crate::compile::{ChannelTopo, ExchangeTopo};
use crate::scenario::routing::{filter_matches, headers_match, topic_matches};
use crate::scenario::{Routing, Unroutable};
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::{Msg, Sim};

use super::ChannelState;

/// Messages an exchange keeps because nothing was bound to take them.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExchangeState {
    pub kept: VecDeque<Msg>,
}

/// The destinations of a message with this envelope, in binding order.
fn destinations(x: &ExchangeTopo, env: &crate::scenario::envelope::Envelope) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for b in &x.bindings {
        let hit = match x.routing {
            Routing::Fanout => true,
            Routing::Direct => b.key.as_deref().unwrap_or("") == env.routing_key,
            Routing::Topic => topic_matches(b.key.as_deref().unwrap_or(""), &env.routing_key),
            Routing::Headers => headers_match(&b.headers, b.match_mode, &env.attributes),
            Routing::Filter => filter_matches(&b.filter, &env.attributes),
        };
        if hit && !out.contains(&b.to.0) {
            out.push(b.to.0);
        }
    }
    out
}

impl Sim {
    pub(crate) fn exchange_route(&mut self, channel: u32, msg: Msg) {
        let c = channel as usize;
        let ChannelTopo::Exchange(x) = &self.topo.channels[c] else {
            unreachable!("exchange routing on another kind of channel");
        };
        let unroutable = x.unroutable;
        // Fan-out needs no envelope: skip building it.
        let targets = if x.routing == Routing::Fanout {
            let mut t: Vec<u32> = x.bindings.iter().map(|b| b.to.0).collect();
            t.dedup();
            t
        } else {
            destinations(x, &self.envelope(msg))
        };
        self.record(EventKind::Route {
            channel,
            msg: msg.id,
            copies: targets.len() as u32,
        });
        if targets.is_empty() {
            self.metrics.channels[c].created += 1;
            match unroutable {
                Unroutable::Drop => self.drop_copy(channel, msg, DropReason::Unroutable),
                Unroutable::Return => self.drop_copy(channel, msg, DropReason::Returned),
                Unroutable::Keep => {
                    let ChannelState::Exchange(state) = &mut self.channels[c] else {
                        unreachable!("exchange state");
                    };
                    state.kept.push_back(msg);
                    let depth = state.kept.len() as u32;
                    self.record(EventKind::Enqueue {
                        channel,
                        msg: msg.id,
                        depth,
                    });
                }
            }
            return;
        }
        let n = targets.len() as u64;
        // Handed on at once: counted as made and done here, then as new at
        // each destination (as a dead letter is).
        let stats = &mut self.metrics.channels[c];
        stats.created += n;
        stats.delivered += n;
        stats.acked += n;
        self.orders.add(msg.order, n as u32 - 1);
        for to in targets {
            self.channel_arrive(to, msg);
        }
    }
}
