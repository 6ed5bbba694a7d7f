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

    /// A message is published. Only subscribers connected now get a copy:
    /// one that is down is not subscribed, so no copy is made for it — it
    /// misses the message (Redis's `PUBLISH` counts the clients subscribed
    /// at that moment, and nothing is kept for the others). A channel with
    /// no subscriber at all drops the message as `no_subscriber`.
    pub(super) fn route(&mut self, msg: Msg, w: &mut World) {
        let c = self.id.index();
        let grouped = self.subscribers.groups.len() != self.subscribers.members.len();
        let copies = if grouped {
            let live = |g: &&Vec<ServiceId>| g.iter().any(|&s| w.is_up(s));
            self.groups.iter().filter(live).count()
        } else {
            let members = self.subscribers.members.iter();
            members.filter(|m| w.is_up(m.service)).count()
        };
        let nobody = self.subscribers.members.is_empty();
        // With nobody subscribed the message itself is the one copy, dropped.
        w.metrics.channels[c].created += if nobody { 1 } else { copies as u64 };
        w.metrics.channels[c].last_copies = Some(copies as u32);
        // The message's one token becomes one per copy.
        if copies > 1 {
            w.orders.add(msg.order, copies as u32 - 1);
        }
        w.record(EventKind::Route {
            channel: self.id,
            msg: msg.id,
            copies: copies as u32,
        });
        if grouped {
            self.route_to_groups(msg, w);
        } else {
            for k in 0..self.subscribers.members.len() {
                let service = self.subscribers.members[k].service;
                if w.is_up(service) {
                    self.push_copy(msg, service, w);
                } else {
                    self.miss(msg, service, w);
                }
            }
        }
        if nobody {
            w.drop_copy(self.id, msg, DropReason::NoSubscriber);
        } else if copies == 0 {
            // Every subscriber missed it: no copy holds the message's token.
            w.release_order(msg.order);
        }
    }

    /// Subscribers sharing a group take the group's copy in turns; a group
    /// with nobody up misses it (named by its first member).
    fn route_to_groups(&mut self, msg: Msg, w: &mut World) {
        if self.turns.len() < self.groups.len() {
            self.turns.resize(self.groups.len(), 0);
        }
        for group in 0..self.groups.len() {
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
                None => self.miss(msg, self.groups[group][0], w),
            }
        }
    }

    /// `service` is not connected: it will never get `msg` (and its order
    /// loses that piece of work).
    fn miss(&self, msg: Msg, service: ServiceId, w: &mut World) {
        w.metrics.channels[self.id.index()].missed += 1;
        w.note_lost(msg.order);
        w.record(EventKind::Missed {
            channel: self.id,
            msg: msg.id,
            service,
        });
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
