//! Pub/Sub topic: a copy to every subscriber connected now (or, for
//! subscribers sharing a group, one copy per group, taken in turns); nothing
//! stored, no acknowledgement, at-most-once.

use crate::sim::trace::{DropReason, EventKind};
use crate::sim::{Cargo, Msg, Node, Sim, Work};

use super::ChannelState;

/// Round-robin position of each group of a fan-out channel.
#[derive(Clone, Debug, Default)]
pub(crate) struct PubSubState {
    turns: Vec<usize>,
}

impl Sim {
    pub(crate) fn route(&mut self, channel: u32, msg: Msg) {
        let c = channel as usize;
        let members = self.topo.subscribers[c].members.len();
        let group_count = self.topo.subscribers[c].groups.len();
        let copies = group_count.max(1) as u32;
        self.metrics.channels[c].created += copies as u64;
        // The message's one token becomes one per copy.
        self.orders.add(msg.order, copies - 1);
        self.record(EventKind::Route {
            channel,
            msg: msg.id,
            copies: group_count as u32,
        });
        if members == 0 {
            self.drop_copy(channel, msg, DropReason::NoSubscriber);
        }
        if group_count == members {
            // Every subscriber is its own group (the usual case): no turns to take.
            for k in 0..members {
                let service = self.topo.subscribers[c].members[k].service.0;
                if self.services[service as usize].up {
                    self.push_copy(channel, msg, service);
                } else {
                    self.drop_copy(channel, msg, DropReason::SubscriberDown);
                }
            }
            return;
        }
        for group in 0..group_count as u32 {
            let members: Vec<u32> = self.topo.subscribers[c]
                .group_members(group)
                .map(|s| s.0)
                .collect();
            let turn = match &mut self.channels[c] {
                ChannelState::PubSub(state) => {
                    if state.turns.len() < group_count {
                        state.turns.resize(group_count, 0);
                    }
                    &mut state.turns[group as usize]
                }
                _ => unreachable!("fan-out on another kind of channel"),
            };
            let start = *turn;
            let up = (0..members.len())
                .map(|k| (start + k) % members.len())
                .find(|&k| self.services[members[k] as usize].up);
            match up {
                Some(k) => {
                    if let ChannelState::PubSub(state) = &mut self.channels[c] {
                        state.turns[group as usize] = k + 1;
                    }
                    self.push_copy(channel, msg, members[k]);
                }
                None => self.drop_copy(channel, msg, DropReason::SubscriberDown),
            }
        }
    }

    fn push_copy(&mut self, channel: u32, msg: Msg, service: u32) {
        self.metrics.channels[channel as usize].delivered += 1;
        self.metrics.payload_delivered[msg.producer as usize][channel as usize] += 1;
        self.record(EventKind::Deliver {
            channel,
            msg: msg.id,
            service,
            attempt: 1,
        });
        self.services[service as usize].incoming += 1;
        self.send(
            Node::Channel(channel),
            Node::Service(service),
            self.now,
            Cargo::Deliver(Work::Pushed { channel, msg }),
        );
    }
}
