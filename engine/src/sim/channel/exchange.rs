//! Exchange: routes each message to the channels whose binding matches it
//! (one copy per destination, however many of its bindings match, as in
//! RabbitMQ). Unmatched messages are dropped, returned to the publisher, or
//! kept in the exchange (an NSQ topic without channels).

use std::collections::VecDeque;

use crate::compile::{ChannelId, ExchangeTopo};
use crate::scenario::{Routing, Unroutable};
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::world::World;
use crate::sim::Msg;

use super::Downstream;

/// An exchange: its bindings, and the messages it keeps because nothing was
/// bound to take them.
#[derive(Clone, Debug)]
pub(crate) struct Exchange {
    pub id: ChannelId,
    pub spec: ExchangeTopo,
    pub kept: VecDeque<Msg>,
}

impl Exchange {
    pub(super) fn new(id: ChannelId, spec: ExchangeTopo) -> Self {
        Exchange {
            id,
            spec,
            kept: VecDeque::new(),
        }
    }

    pub(super) fn route(&mut self, msg: Msg, w: &mut World, down: &mut Downstream) {
        self.route_copy(msg, false, w, down);
    }

    /// Messages kept for want of a binding go where the bindings of now
    /// send them, oldest first; those still matching nothing stay. (NSQ:
    /// a topic's backlog goes to the channels that exist when the first one
    /// is created — nsqd's `messagePump` starts with the first channel.)
    pub(super) fn release_kept(&mut self, w: &mut World, down: &mut Downstream) {
        if self.kept.is_empty() || self.spec.bindings.is_empty() {
            return;
        }
        for msg in std::mem::take(&mut self.kept) {
            self.route_copy(msg, true, w, down);
        }
    }

    /// Routes one message; `kept`: it was counted here already, as the one
    /// copy the exchange held.
    fn route_copy(&mut self, msg: Msg, kept: bool, w: &mut World, down: &mut Downstream) {
        let (id, c) = (self.id, self.id.index());
        // Fan-out needs no envelope: skip building it.
        let targets = if self.spec.routing == Routing::Fanout {
            let mut t: Vec<ChannelId> = self.spec.bindings.iter().map(|b| b.to).collect();
            t.dedup();
            t
        } else {
            self.spec.destinations(&w.envelope(msg))
        };
        if kept && targets.is_empty() {
            self.kept.push_back(msg);
            return;
        }
        w.record(EventKind::Route {
            channel: id,
            msg: msg.id,
            copies: targets.len() as u32,
        });
        w.metrics.channels[c].last_copies = Some(targets.len() as u32);
        if targets.is_empty() {
            w.metrics.channels[c].created += 1;
            let mandatory = self.spec.unroutable == Unroutable::Return || w.envelope(msg).mandatory;
            match self.spec.unroutable {
                // The publisher hears of it: its publish failed.
                _ if mandatory => {
                    w.metrics.services[msg.producer.index()].returned += 1;
                    w.record(EventKind::Returned {
                        channel: id,
                        msg: msg.id,
                        service: msg.producer,
                    });
                    w.drop_copy(id, msg, DropReason::Returned);
                }
                Unroutable::Drop | Unroutable::Return => {
                    w.drop_copy(id, msg, DropReason::Unroutable)
                }
                Unroutable::Keep => {
                    self.kept.push_back(msg);
                    w.record(EventKind::Enqueue {
                        channel: id,
                        msg: msg.id,
                        depth: self.kept.len() as u32,
                    });
                }
            }
            return;
        }
        let n = targets.len() as u64;
        // Handed on at once: counted as made and done here, then as new at
        // each destination (as a dead letter is).
        let stats = &mut w.metrics.channels[c];
        // A kept message was counted as made when it was kept.
        stats.created += n - u64::from(kept);
        stats.delivered += n;
        stats.acked += n;
        w.orders.add(msg.order, n as u32 - 1);
        for to in targets {
            down.arrive(to, msg, w);
        }
    }
}
