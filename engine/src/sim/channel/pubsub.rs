//! Pub/Sub topic: a copy to every subscriber connected now (or, for
//! subscribers sharing a group, one copy per group, taken in turns); nothing
//! stored, no acknowledgement, at-most-once.

use crate::compile::{ChannelId, ServiceId, Subscribers};
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::world::World;
use crate::sim::{Msg, Work};

/// A fan-out channel: who listens, and each group's round-robin position.
#[derive(Clone, Debug)]
pub(crate) struct PubSub {
    pub id: ChannelId,
    subscribers: Subscribers,
    /// The members of each group, in subscription order (from `subscribers`).
    groups: Vec<Vec<ServiceId>>,
    turns: Vec<usize>,
}

impl PubSub {
    pub(super) fn new(id: ChannelId, subscribers: Subscribers) -> Self {
        let mut p = PubSub {
            id,
            subscribers: Subscribers::default(),
            groups: Vec::new(),
            turns: Vec::new(),
        };
        p.subscribe(subscribers);
        p
    }

    /// Takes a new list of subscribers (an edit); the turns carry on.
    pub(super) fn subscribe(&mut self, subscribers: Subscribers) {
        self.groups = (0..subscribers.groups.len() as u32)
            .map(|g| subscribers.group_members(g).collect())
            .collect();
        self.subscribers = subscribers;
    }

    pub(super) fn route(&mut self, msg: Msg, w: &mut World) {
        let members = self.subscribers.members.len();
        let group_count = self.subscribers.groups.len();
        let copies = group_count.max(1) as u32;
        w.metrics.channels[self.id.index()].created += copies as u64;
        // The message's one token becomes one per copy.
        w.orders.add(msg.order, copies - 1);
        w.record(EventKind::Route {
            channel: self.id,
            msg: msg.id,
            copies: group_count as u32,
        });
        if members == 0 {
            w.drop_copy(self.id, msg, DropReason::NoSubscriber);
        }
        if group_count == members {
            // Every subscriber is its own group (the usual case): no turns to take.
            for k in 0..members {
                let service = self.subscribers.members[k].service;
                if w.is_up(service) {
                    self.push_copy(msg, service, w);
                } else {
                    w.drop_copy(self.id, msg, DropReason::SubscriberDown);
                }
            }
            return;
        }
        if self.turns.len() < group_count {
            self.turns.resize(group_count, 0);
        }
        for group in 0..group_count {
            let members = &self.groups[group];
            let start = self.turns[group];
            let up = (0..members.len())
                .map(|k| (start + k) % members.len())
                .find(|&k| w.is_up(members[k]));
            match up {
                Some(k) => {
                    self.turns[group] = k + 1;
                    self.push_copy(msg, self.groups[group][k], w);
                }
                None => w.drop_copy(self.id, msg, DropReason::SubscriberDown),
            }
        }
    }

    fn push_copy(&self, msg: Msg, service: ServiceId, w: &mut World) {
        let c = self.id.index();
        w.metrics.channels[c].delivered += 1;
        w.metrics.payload_delivered[msg.producer.index()][c] += 1;
        w.record(EventKind::Deliver {
            channel: self.id,
            msg: msg.id,
            service,
            attempt: 1,
        });
        let work = Work::Pushed {
            channel: self.id,
            msg,
        };
        w.deliver(self.id, service, work);
    }
}
