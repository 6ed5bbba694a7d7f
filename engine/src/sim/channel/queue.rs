//! Queue: stored until consumed; competing consumers take turns (round-robin,
//! each up to its prefetch window). Optional: one message in flight per key
//! (FIFO message groups, ordering keys) and a deduplication window. What
//! happens to a delivery afterwards (ack, nack, timeout, retry delay, expiry,
//! dead-lettering) is in `lease.rs`.

use std::collections::{BTreeMap, VecDeque};

use crate::base::sched::Ev;
use crate::base::slab::{Key, Slab};
use crate::base::time::Micros;
use crate::compile::limits::MAX_DEDUP_IDS;
use crate::compile::{ChannelTopo, QueueTopo, Subscriber};
use crate::scenario::Overflow;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::{Cargo, Msg, Node, Sim, Work};

use super::ChannelState;

/// A message waiting in a queue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Waiting {
    pub msg: Msg,
    /// Deliveries so far.
    pub attempts: u32,
    /// First entry into this queue (TTL counts from here, as in RabbitMQ).
    pub since: Micros,
    /// The service holding the lease, while unacknowledged.
    pub holder: Option<u32>,
    /// Hash of the message key (ordered queues only; 0 otherwise).
    pub group: u64,
    /// The holder crashed: nobody will TOUCH this lease any more.
    pub abandoned: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct QueueState {
    pub ready: VecDeque<Waiting>,
    pub unacked: Slab<Waiting>,
    /// Messages that came back and wait out a retry delay, by (due, seq).
    pub delayed: BTreeMap<(Micros, u64), Waiting>,
    pub delayed_seq: u64,
    /// Round-robin position over the subscribers.
    pub turn: usize,
    /// Lease deadlines in delivery order. One visibility timeout per queue
    /// makes them ascending, so one timer per queue is enough (instead of a
    /// heap entry per delivery, which would hold memory for the whole timeout).
    pub deadlines: VecDeque<(Micros, Key)>,
    /// When the queue's visibility timer is due, if one is scheduled.
    pub visibility_timer: Option<Micros>,
    /// When the queue's TTL timer is due, if one is scheduled.
    pub expiry_timer: Option<Micros>,
    /// When the queue's retry timer is due, if one is scheduled.
    pub retry_timer: Option<Micros>,
    /// Unacknowledged messages held, by service index (against its prefetch).
    held: Vec<u32>,
    /// Ordered queues: key groups with a message in flight.
    pub busy_groups: BTreeMap<u64, u32>,
    /// Deduplication ids seen, with when they were first seen.
    dedup_seen: BTreeMap<(u32, u64, u16), Micros>,
    dedup_order: VecDeque<(Micros, (u32, u64, u16))>,
}

impl QueueState {
    fn held(&self, service: u32) -> u32 {
        self.held.get(service as usize).copied().unwrap_or(0)
    }

    pub(super) fn hold(&mut self, service: u32, delta: i32) {
        let i = service as usize;
        if self.held.len() <= i {
            self.held.resize(i + 1, 0);
        }
        self.held[i] = self.held[i].saturating_add_signed(delta);
    }

    /// Ends a lease's claim on its holder's prefetch window.
    pub(super) fn release_hold(&mut self, item: &Waiting) {
        if let Some(holder) = item.holder {
            self.hold(holder, -1);
        }
    }

    /// Ends a lease's claim on its key group (ordered queues).
    pub(super) fn free_group(&mut self, item: &Waiting, ordered: bool) {
        if !ordered {
            return;
        }
        if let Some(n) = self.busy_groups.get_mut(&item.group) {
            *n -= 1;
            if *n == 0 {
                self.busy_groups.remove(&item.group);
            }
        }
    }

    /// Forgets deadlines of leases that have ended (acked or nacked).
    pub(super) fn trim_deadlines(&mut self) {
        while let Some(&(_, key)) = self.deadlines.front() {
            if self.unacked.get(key).is_some() {
                break;
            }
            self.deadlines.pop_front();
        }
    }

    /// True when the same producer published for the same order through the
    /// same output within `window` (content-based deduplication).
    fn seen_recently(&mut self, msg: Msg, now: Micros, window: Micros) -> bool {
        while let Some(&(t, id)) = self.dedup_order.front() {
            if t + window > now {
                break;
            }
            self.dedup_order.pop_front();
            self.dedup_seen.remove(&id);
        }
        let id = (msg.producer, msg.order, msg.publish);
        if self.dedup_seen.contains_key(&id) {
            return true;
        }
        self.dedup_seen.insert(id, now);
        self.dedup_order.push_back((now, id));
        if self.dedup_order.len() > MAX_DEDUP_IDS {
            if let Some((_, oldest)) = self.dedup_order.pop_front() {
                self.dedup_seen.remove(&oldest);
            }
        }
        false
    }
}

impl Sim {
    pub(super) fn queue(&mut self, channel: u32) -> &mut QueueState {
        match &mut self.channels[channel as usize] {
            ChannelState::Queue(q) => q,
            _ => unreachable!("queue handler on another kind of channel"),
        }
    }

    pub(super) fn queue_spec(&self, channel: u32) -> &QueueTopo {
        match &self.topo.channels[channel as usize] {
            ChannelTopo::Queue(q) => q,
            _ => unreachable!("queue spec of another kind of channel"),
        }
    }

    /// A new message reaches the queue (published, routed or dead-lettered).
    pub(crate) fn enqueue_new(&mut self, channel: u32, msg: Msg) {
        if let Some(window) = self.queue_spec(channel).dedup_window {
            let now = self.now;
            if self.queue(channel).seen_recently(msg, now, window) {
                self.metrics.channels[channel as usize].created += 1;
                self.discard_duplicate(channel, msg);
                return;
            }
        }
        self.enqueue(channel, msg, 0, self.now);
    }

    /// Stores a message (new, or coming back after `attempts` deliveries).
    pub(crate) fn enqueue(&mut self, channel: u32, msg: Msg, attempts: u32, since: Micros) {
        self.metrics.channels[channel as usize].created += 1;
        let spec = self.queue_spec(channel).clone();
        if let Some(max) = spec.max_length {
            if self.queue(channel).ready.len() >= max as usize {
                match spec.overflow {
                    Overflow::Reject => {
                        self.lose_or_dead_letter(channel, msg, DropReason::Rejected);
                        return;
                    }
                    Overflow::DropOldest => {
                        if let Some(old) = self.queue(channel).ready.pop_front() {
                            self.lose_or_dead_letter(channel, old.msg, DropReason::Overflow);
                        }
                    }
                }
            }
        }
        let group = if spec.ordered_by_key {
            self.key_hash(msg)
        } else {
            0
        };
        let q = self.queue(channel);
        q.ready.push_back(Waiting {
            msg,
            attempts,
            since,
            holder: None,
            group,
            abandoned: false,
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
        let Subscriber { service, terms, .. } = self.topo.subscribers[channel as usize].members[k];
        let service = service.0;
        let held = match &self.channels[channel as usize] {
            ChannelState::Queue(q) => q.held(service),
            _ => 0,
        };
        self.services[service as usize].up && (terms.auto_ack || held < terms.prefetch)
    }

    /// Position of the next deliverable message: the head, or in an ordered
    /// queue the first whose key group has nothing in flight.
    fn next_deliverable(&mut self, channel: u32) -> Option<usize> {
        let ordered = self.queue_spec(channel).ordered_by_key;
        let q = self.queue(channel);
        if !ordered {
            return (!q.ready.is_empty()).then_some(0);
        }
        q.ready
            .iter()
            .position(|w| !q.busy_groups.contains_key(&w.group))
    }

    /// Hands waiting messages to subscribers with room, taking turns.
    pub(crate) fn dispatch_queue(&mut self, channel: u32) {
        let n = self.topo.subscribers[channel as usize].members.len();
        while n > 0 && !self.queue(channel).ready.is_empty() {
            let start = self.queue(channel).turn;
            let Some(k) = (0..n)
                .map(|k| (start + k) % n)
                .find(|&k| self.has_room(channel, k))
            else {
                break;
            };
            self.expire_head(channel);
            let Some(index) = self.next_deliverable(channel) else {
                break;
            };
            let Subscriber { service, terms, .. } =
                self.topo.subscribers[channel as usize].members[k];
            let service = service.0;
            let auto_ack = terms.auto_ack;
            let ordered = self.queue_spec(channel).ordered_by_key;
            self.queue(channel).turn = (k + 1) % n;
            let Some(mut item) = self.queue(channel).ready.remove(index) else {
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
                item.holder = Some(service);
                let deadline = self.now + self.queue_spec(channel).visibility_timeout;
                let q = self.queue(channel);
                q.hold(service, 1);
                if ordered {
                    *q.busy_groups.entry(item.group).or_insert(0) += 1;
                }
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

    /// A consumer crashed: nobody TOUCHes its leases any more, so they time
    /// out as usual.
    pub(crate) fn abandon_leases(&mut self, service: u32) {
        for channel in 0..self.channels.len() {
            if let ChannelState::Queue(q) = &mut self.channels[channel] {
                for (_, item) in q.unacked.iter_mut() {
                    if item.holder == Some(service) {
                        item.abandoned = true;
                    }
                }
            }
        }
    }
}
