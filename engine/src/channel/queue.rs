//! Queue: stored until consumed; competing consumers take turns (round-robin,
//! each up to its prefetch window); a delivery is a lease that an ack ends and
//! a nack or the visibility timeout returns; after `max_deliveries` the
//! message is dead-lettered or dropped; optional TTL and length limit.

use std::collections::VecDeque;

use crate::scenario::Overflow;
use crate::sched::Ev;
use crate::sim::{Cargo, Msg, Node, Sim, Work};
use crate::slab::{Key, Slab};
use crate::time::Micros;
use crate::trace::{DropReason, EventKind, RedeliverCause};
use crate::validate::{ChannelTopo, QueueTopo};

use super::ChannelState;

/// A message waiting in a queue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Waiting {
    pub msg: Msg,
    /// Deliveries so far.
    pub attempts: u32,
    /// First entry into this queue (TTL counts from here, as in RabbitMQ).
    pub since: Micros,
    /// The service holding the lease (meaningful while unacknowledged).
    pub holder: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct QueueState {
    pub ready: VecDeque<Waiting>,
    pub unacked: Slab<Waiting>,
    /// Round-robin position over the subscribers.
    pub turn: usize,
    /// Lease deadlines in delivery order. One visibility timeout per queue
    /// makes them ascending, so one timer per queue is enough (instead of a
    /// heap entry per delivery, which would hold memory for the whole timeout).
    deadlines: VecDeque<(Micros, Key)>,
    /// When the queue's visibility timer is due, if one is scheduled.
    visibility_timer: Option<Micros>,
    /// When the queue's TTL timer is due, if one is scheduled.
    expiry_timer: Option<Micros>,
    /// Unacknowledged messages held, by service index (against its prefetch).
    held: Vec<u32>,
}

impl QueueState {
    fn held(&self, service: u32) -> u32 {
        self.held.get(service as usize).copied().unwrap_or(0)
    }

    fn hold(&mut self, service: u32, delta: i32) {
        let i = service as usize;
        if self.held.len() <= i {
            self.held.resize(i + 1, 0);
        }
        self.held[i] = self.held[i].saturating_add_signed(delta);
    }

    /// Forgets deadlines of leases that have ended (acked or nacked).
    fn trim_deadlines(&mut self) {
        while let Some(&(_, key)) = self.deadlines.front() {
            if self.unacked.get(key).is_some() {
                break;
            }
            self.deadlines.pop_front();
        }
    }
}

impl Sim {
    fn queue(&mut self, channel: u32) -> &mut QueueState {
        match &mut self.channels[channel as usize] {
            ChannelState::Queue(q) => q,
            ChannelState::PubSub(_) => unreachable!("queue handler on a fan-out channel"),
        }
    }

    fn queue_spec(&self, channel: u32) -> &QueueTopo {
        match &self.topo.channels[channel as usize] {
            ChannelTopo::Queue(q) => q,
            ChannelTopo::PubSub => unreachable!("queue spec of a fan-out channel"),
        }
    }

    /// Stores a message (new, or coming back after `attempts` deliveries).
    pub(crate) fn enqueue(&mut self, channel: u32, msg: Msg, attempts: u32, since: Micros) {
        self.metrics.channels[channel as usize].created += 1;
        let spec = self.queue_spec(channel).clone();
        if let Some(max) = spec.max_length {
            if self.queue(channel).ready.len() >= max as usize {
                match spec.overflow {
                    Overflow::Reject => {
                        self.drop_copy(channel, msg, DropReason::Rejected);
                        return;
                    }
                    Overflow::DropOldest => {
                        if let Some(old) = self.queue(channel).ready.pop_front() {
                            self.drop_copy(channel, old.msg, DropReason::Overflow);
                        }
                    }
                }
            }
        }
        let q = self.queue(channel);
        q.ready.push_back(Waiting {
            msg,
            attempts,
            since,
            holder: u32::MAX,
        });
        let depth = q.ready.len() as u32;
        self.record(EventKind::Enqueue {
            channel,
            msg: msg.id,
            depth,
        });
        if let Some(ttl) = spec.ttl {
            self.schedule.push(since + ttl, Ev::Expire { channel });
        }
        self.dispatch_queue(channel);
    }

    /// True when subscriber `k` of `channel` may take one more message now:
    /// it is up and, with manual acks, holds fewer than its prefetch.
    fn has_room(&self, channel: u32, k: usize) -> bool {
        let service = self.topo.subscribers[channel as usize][k];
        let terms = self.topo.terms[channel as usize][k];
        let held = match &self.channels[channel as usize] {
            ChannelState::Queue(q) => q.held(service),
            ChannelState::PubSub(_) => 0,
        };
        self.services[service as usize].up && (terms.auto_ack || held < terms.prefetch)
    }

    /// Hands waiting messages to subscribers with room, taking turns.
    pub(crate) fn dispatch_queue(&mut self, channel: u32) {
        let n = self.topo.subscribers[channel as usize].len();
        while n > 0 && !self.queue(channel).ready.is_empty() {
            let start = self.queue(channel).turn;
            let Some(k) = (0..n)
                .map(|k| (start + k) % n)
                .find(|&k| self.has_room(channel, k))
            else {
                break;
            };
            let service = self.topo.subscribers[channel as usize][k];
            let auto_ack = self.topo.terms[channel as usize][k].auto_ack;
            self.queue(channel).turn = (k + 1) % n;
            self.expire_head(channel);
            let Some(mut item) = self.queue(channel).ready.pop_front() else {
                break;
            };
            item.attempts += 1;
            self.metrics.channels[channel as usize].delivered += 1;
            self.metrics.payload_delivered[item.msg.producer as usize][channel as usize] += 1;
            self.record(EventKind::Deliver {
                channel,
                msg: item.msg.id,
                service,
                attempt: item.attempts,
            });
            let work = if auto_ack {
                // The queue forgets it now: whatever happens to the work later.
                self.metrics.channels[channel as usize].acked += 1;
                self.record(EventKind::Ack {
                    channel,
                    msg: item.msg.id,
                    service,
                });
                Work::AutoAcked { msg: item.msg }
            } else {
                item.holder = service;
                let deadline = self.now + self.queue_spec(channel).visibility_timeout;
                let q = self.queue(channel);
                q.hold(service, 1);
                let lease = q.unacked.insert(item);
                q.deadlines.push_back((deadline, lease));
                if q.visibility_timer.is_none() {
                    q.visibility_timer = Some(deadline);
                    self.schedule
                        .push(deadline, Ev::VisibilityTimeout { channel });
                }
                Work::Leased {
                    channel,
                    lease,
                    msg: item.msg,
                }
            };
            self.services[service as usize].incoming += 1;
            self.send(
                Node::Channel(channel),
                Node::Service(service),
                self.now,
                Cargo::Deliver(work),
            );
        }
    }

    /// Schedules the queue's TTL timer for its head, if none is pending.
    fn arm_expiry(&mut self, channel: u32) {
        let Some(ttl) = self.queue_spec(channel).ttl else {
            return;
        };
        let q = self.queue(channel);
        if q.expiry_timer.is_some() {
            return;
        }
        if let Some(head) = q.ready.front() {
            let due = head.since + ttl;
            q.expiry_timer = Some(due);
            self.schedule.push(due, Ev::Expire { channel });
        }
    }

    /// The TTL timer fired: drop what expired, then re-arm for the new head.
    pub(crate) fn expiry_due(&mut self, channel: u32) {
        self.queue(channel).expiry_timer = None;
        self.expire_head(channel);
        self.arm_expiry(channel);
    }

    /// Drops messages at the head whose time to live has passed (as in
    /// RabbitMQ, only the head expires; messages behind it are younger).
    pub(crate) fn expire_head(&mut self, channel: u32) {
        let Some(ttl) = self.queue_spec(channel).ttl else {
            return;
        };
        let now = self.now;
        while let Some(head) = self.queue(channel).ready.front().copied() {
            if head.since + ttl > now {
                break;
            }
            self.queue(channel).ready.pop_front();
            self.drop_copy(channel, head.msg, DropReason::Expired);
        }
    }

    pub(crate) fn ack(&mut self, channel: u32, lease: Key, service: u32, msg: Msg) {
        let q = self.queue(channel);
        let live = q.unacked.remove(lease);
        if let Some(item) = live {
            q.hold(item.holder, -1);
        }
        q.trim_deadlines();
        if live.is_some() {
            self.metrics.channels[channel as usize].acked += 1;
            self.record(EventKind::Ack {
                channel,
                msg: msg.id,
                service,
            });
            self.release_order(msg.order);
            self.dispatch_queue(channel);
        } else {
            // The lease had timed out and the message went to someone else:
            // this work was a duplicate (at-least-once delivery).
            self.record(EventKind::AckLate {
                channel,
                msg: msg.id,
                service,
            });
        }
    }

    pub(crate) fn nack(&mut self, channel: u32, lease: Key, service: u32, msg: Msg) {
        let q = self.queue(channel);
        let item = q.unacked.remove(lease);
        if let Some(item) = item {
            q.hold(item.holder, -1);
        }
        q.trim_deadlines();
        if let Some(item) = item {
            self.record(EventKind::Nack {
                channel,
                msg: msg.id,
                service,
            });
            self.give_back(channel, item, RedeliverCause::Nack);
        }
    }

    /// The visibility timer fired: every lease past its deadline ends, and
    /// its message becomes available again.
    pub(crate) fn visibility_due(&mut self, channel: u32) {
        let now = self.now;
        loop {
            let q = self.queue(channel);
            let Some(&(deadline, lease)) = q.deadlines.front() else {
                break;
            };
            if deadline > now {
                break;
            }
            q.deadlines.pop_front();
            if let Some(item) = q.unacked.remove(lease) {
                q.hold(item.holder, -1);
                self.give_back(channel, item, RedeliverCause::Timeout);
            }
        }
        let q = self.queue(channel);
        q.trim_deadlines();
        q.visibility_timer = q.deadlines.front().map(|&(deadline, _)| deadline);
        if let Some(due) = q.visibility_timer {
            self.schedule.push(due, Ev::VisibilityTimeout { channel });
        }
    }

    /// A delivery did not end in an ack: redeliver, or dead-letter after the
    /// last allowed attempt.
    fn give_back(&mut self, channel: u32, item: Waiting, cause: RedeliverCause) {
        let spec = self.queue_spec(channel).clone();
        if item.attempts >= spec.max_deliveries {
            match spec.dead_letter {
                Some(to) => {
                    self.metrics.channels[channel as usize].dead_lettered += 1;
                    if let Some(o) = self.orders.get_mut(item.msg.order) {
                        o.lost += 1;
                    }
                    self.record(EventKind::DeadLetter {
                        channel,
                        msg: item.msg.id,
                        to,
                    });
                    self.channel_arrive(to, item.msg);
                }
                None => self.drop_copy(channel, item.msg, DropReason::MaxDeliveries),
            }
            return;
        }
        self.metrics.channels[channel as usize].redelivered += 1;
        self.record(EventKind::Redeliver {
            channel,
            msg: item.msg.id,
            attempt: item.attempts + 1,
            cause,
        });
        if spec.ttl.is_some_and(|ttl| item.since + ttl <= self.now) {
            self.drop_copy(channel, item.msg, DropReason::Expired);
            return;
        }
        // Back at the head: it was the oldest when it was handed out.
        self.queue(channel).ready.push_front(item);
        self.arm_expiry(channel);
        self.dispatch_queue(channel);
    }
}
