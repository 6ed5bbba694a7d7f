//! Pub/Sub topic: a copy to every subscriber connected now; nothing stored,
//! no acknowledgement, at-most-once.

use crate::sim::{Cargo, Msg, Node, Sim, Work};
use crate::trace::{DropReason, EventKind};

impl Sim {
    pub(crate) fn route(&mut self, channel: u32, msg: Msg) {
        let subscribers = std::mem::take(&mut self.topo.subscribers[channel as usize]);
        let copies = subscribers.len().max(1) as u32;
        self.metrics.channels[channel as usize].created += copies as u64;
        // The message's one token becomes one per copy.
        self.orders.add(msg.order, copies - 1);
        self.record(EventKind::Route {
            channel,
            msg: msg.id,
            copies: subscribers.len() as u32,
        });
        if subscribers.is_empty() {
            self.drop_copy(channel, msg, DropReason::NoSubscriber);
        }
        for &service in &subscribers {
            if !self.services[service as usize].up {
                self.drop_copy(channel, msg, DropReason::SubscriberDown);
                continue;
            }
            self.push_copy(channel, msg, service);
        }
        self.topo.subscribers[channel as usize] = subscribers;
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
