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
use crate::compile::{ChannelId, QueueTopo, ServiceId, Subscriber, Subscribers};
use crate::scenario::Overflow;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::world::World;
use crate::sim::{Msg, Work};

use super::Downstream;

/// What makes two messages the same for deduplication.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DedupKey {
    /// Content-based: the same producer, order and output (SQS hashes the
    /// body, which these determine).
    Content(ServiceId, u64, u16),
    /// An explicit deduplication id (SQS's `MessageDeduplicationId`).
    Id(String),
}

/// A message waiting in a queue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Waiting {
    pub msg: Msg,
    /// Deliveries so far.
    pub attempts: u32,
    /// First entry into this queue (TTL counts from here, as in RabbitMQ).
    pub since: Micros,
    /// The service holding the lease, while unacknowledged.
    pub holder: Option<ServiceId>,
    /// Hash of the message key (ordered queues only; 0 otherwise).
    pub group: u64,
    /// The holder crashed: nobody will TOUCH this lease any more.
    pub abandoned: bool,
}

/// A queue: its spec, its consumers, and what it holds.
#[derive(Clone, Debug)]
pub(crate) struct Queue {
    pub id: ChannelId,
    pub spec: QueueTopo,
    pub subscribers: Subscribers,
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
    dedup_seen: BTreeMap<DedupKey, Micros>,
    dedup_order: VecDeque<(Micros, DedupKey)>,
}

impl Queue {
    /// Takes out every message waiting to be delivered (a redrive moves
    /// them on, see `Sim::redrive`); those out with consumers stay.
    pub(crate) fn take_ready(&mut self) -> Vec<Waiting> {
        self.ready.drain(..).collect()
    }

    pub(super) fn new(id: ChannelId, spec: QueueTopo, subscribers: Subscribers) -> Self {
        Queue {
            id,
            spec,
            subscribers,
            ready: VecDeque::new(),
            unacked: Slab::default(),
            delayed: BTreeMap::new(),
            delayed_seq: 0,
            turn: 0,
            deadlines: VecDeque::new(),
            visibility_timer: None,
            expiry_timer: None,
            retry_timer: None,
            held: Vec::new(),
            busy_groups: BTreeMap::new(),
            dedup_seen: BTreeMap::new(),
            dedup_order: VecDeque::new(),
        }
    }

    /// Messages waiting (ready, or waiting out a retry delay).
    pub(super) fn depth(&self) -> usize {
        self.ready.len() + self.delayed.len()
    }

    fn held(&self, service: ServiceId) -> u32 {
        self.held.get(service.index()).copied().unwrap_or(0)
    }

    pub(super) fn hold(&mut self, service: ServiceId, delta: i32) {
        let i = service.index();
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
    pub(super) fn free_group(&mut self, item: &Waiting) {
        if !self.spec.ordered_by_key {
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

    /// True when a message with the same deduplication key arrived within
    /// `window`.
    fn seen_recently(&mut self, id: DedupKey, now: Micros, window: Micros) -> bool {
        while self
            .dedup_order
            .front()
            .is_some_and(|&(t, _)| t + window <= now)
        {
            if let Some((_, old)) = self.dedup_order.pop_front() {
                self.dedup_seen.remove(&old);
            }
        }
        if self.dedup_seen.contains_key(&id) {
            return true;
        }
        self.dedup_seen.insert(id.clone(), now);
        self.dedup_order.push_back((now, id));
        if self.dedup_order.len() > MAX_DEDUP_IDS {
            if let Some((_, oldest)) = self.dedup_order.pop_front() {
                self.dedup_seen.remove(&oldest);
            }
        }
        false
    }
}

impl Queue {
    /// A new message reaches the queue (published, routed or dead-lettered).
    pub(super) fn enqueue_new(&mut self, msg: Msg, w: &mut World, down: &mut Downstream) {
        if let Some(window) = self.spec.dedup_window {
            let id = match w.envelope(msg).dedup_id {
                Some(id) => DedupKey::Id(id),
                None => DedupKey::Content(msg.producer, msg.order, msg.publish),
            };
            if self.seen_recently(id, w.now, window) {
                w.metrics.channels[self.id.index()].created += 1;
                w.discard_duplicate(self.id, msg);
                return;
            }
        }
        self.enqueue(msg, 0, w.now, w, down);
    }

    /// Stores a message (new, or coming back after `attempts` deliveries).
    fn enqueue(
        &mut self,
        msg: Msg,
        attempts: u32,
        since: Micros,
        w: &mut World,
        down: &mut Downstream,
    ) {
        w.metrics.channels[self.id.index()].created += 1;
        if let Some(max) = self.spec.max_length {
            if self.ready.len() >= max as usize {
                match self.spec.overflow {
                    Overflow::Reject => {
                        self.lose_or_dead_letter(msg, DropReason::Rejected, w, down);
                        return;
                    }
                    Overflow::DropOldest => {
                        if let Some(old) = self.ready.pop_front() {
                            self.lose_or_dead_letter(old.msg, DropReason::Overflow, w, down);
                        }
                    }
                }
            }
        }
        let group = if self.spec.ordered_by_key {
            w.key_hash(msg)
        } else {
            0
        };
        self.ready.push_back(Waiting {
            msg,
            attempts,
            since,
            holder: None,
            group,
            abandoned: false,
        });
        w.record(EventKind::Enqueue {
            channel: self.id,
            msg: msg.id,
            depth: self.ready.len() as u32,
        });
        if let Some(ttl) = self.spec.ttl {
            w.schedule
                .push(since + ttl, Ev::Expire { channel: self.id });
        }
        self.dispatch(w, down);
    }

    /// True when subscriber `k` may take one more message now: it is up
    /// and, with manual acks, holds fewer than its prefetch.
    fn has_room(&self, k: usize, w: &World) -> bool {
        let Subscriber { service, terms, .. } = self.subscribers.members[k];
        w.is_up(service) && (terms.auto_ack || self.held(service) < terms.prefetch)
    }

    /// Position of the next deliverable message: the head, or in an ordered
    /// queue the first whose key group has nothing in flight.
    fn next_deliverable(&self) -> Option<usize> {
        if !self.spec.ordered_by_key {
            return (!self.ready.is_empty()).then_some(0);
        }
        self.ready
            .iter()
            .position(|w| !self.busy_groups.contains_key(&w.group))
    }

    /// Hands waiting messages to subscribers with room, taking turns.
    pub(super) fn dispatch(&mut self, w: &mut World, down: &mut Downstream) {
        let (id, c) = (self.id, self.id.index());
        let n = self.subscribers.members.len();
        while n > 0 && !self.ready.is_empty() {
            let start = self.turn;
            let Some(k) = (0..n)
                .map(|k| (start + k) % n)
                .find(|&k| self.has_room(k, w))
            else {
                break;
            };
            self.expire_head(w, down);
            let Some(index) = self.next_deliverable() else {
                break;
            };
            let Subscriber { service, terms, .. } = self.subscribers.members[k];
            self.turn = (k + 1) % n;
            let Some(mut item) = self.ready.remove(index) else {
                break;
            };
            item.attempts += 1;
            w.metrics.channels[c].delivered += 1;
            w.metrics.payload_delivered[item.msg.producer.index()][c] += 1;
            w.record(EventKind::Deliver {
                channel: id,
                msg: item.msg.id,
                service,
                attempt: item.attempts,
            });
            let work = if terms.auto_ack {
                // The queue forgets it now: whatever happens to the work later.
                w.metrics.channels[c].acked += 1;
                w.record(EventKind::Ack {
                    channel: id,
                    msg: item.msg.id,
                    service,
                });
                Work::AutoAcked { msg: item.msg }
            } else {
                item.holder = Some(service);
                let deadline = w.now + self.spec.visibility_timeout;
                self.hold(service, 1);
                if self.spec.ordered_by_key {
                    *self.busy_groups.entry(item.group).or_insert(0) += 1;
                }
                let lease = self.unacked.insert(item);
                self.deadlines.push_back((deadline, lease));
                if self.visibility_timer.is_none() {
                    self.visibility_timer = Some(deadline);
                    w.schedule
                        .push(deadline, Ev::VisibilityTimeout { channel: id });
                }
                Work::Leased {
                    channel: id,
                    lease,
                    msg: item.msg,
                }
            };
            w.deliver(id, service, work);
        }
    }

    /// A consumer crashed: nobody TOUCHes its leases any more, so they time
    /// out as usual.
    pub(super) fn abandon_leases(&mut self, service: ServiceId) {
        for (_, item) in self.unacked.iter_mut() {
            if item.holder == Some(service) {
                item.abandoned = true;
            }
        }
    }
}
