//! A queue delivery is a lease: an ack ends it; a nack or the visibility
//! timeout gives the message back (at once or after a retry delay); after
//! the last allowed delivery, or on a reject, it is dead-lettered or dropped.
//! Also the queue's time to live.

use crate::base::sched::Ev;
use crate::base::slab::Key;
use crate::sim::trace::{DropReason, EventKind, RedeliverCause};
use crate::sim::{Msg, Sim};

use super::queue::Waiting;

impl Sim {
    pub(crate) fn ack(&mut self, channel: u32, lease: Key, service: u32, msg: Msg) {
        let ordered = self.queue_spec(channel).ordered_by_key;
        let q = self.queue(channel);
        let live = q.unacked.remove(lease);
        if let Some(item) = live {
            q.release_hold(&item);
            q.free_group(&item, ordered);
        }
        q.trim_deadlines();
        if live.is_some() {
            self.count_ack(channel, msg, service);
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
        let ordered = self.queue_spec(channel).ordered_by_key;
        let q = self.queue(channel);
        let item = q.unacked.remove(lease);
        if let Some(item) = item {
            q.release_hold(&item);
            q.free_group(&item, ordered);
        }
        q.trim_deadlines();
        if let Some(item) = item {
            self.record(EventKind::Nack {
                channel,
                msg: msg.id,
                service,
            });
            if self.queue_spec(channel).reject_on_failure {
                self.dead_letter_or_drop(channel, item.msg, DropReason::ProcessingFailed);
            } else {
                self.give_back(channel, item, RedeliverCause::Nack);
            }
        }
    }

    /// The visibility timer fired: every lease past its deadline ends, and
    /// its message becomes available again — unless its consumer is alive
    /// and the queue lets it TOUCH the lease, which pushes the deadline on.
    pub(crate) fn visibility_due(&mut self, channel: u32) {
        let now = self.now;
        let spec = self.queue_spec(channel).clone();
        loop {
            let q = self.queue(channel);
            let Some(&(deadline, lease)) = q.deadlines.front() else {
                break;
            };
            if deadline > now {
                break;
            }
            q.deadlines.pop_front();
            let holder = q
                .unacked
                .get(lease)
                .and_then(|item| Some((item.holder?, item.abandoned)));
            let touched = holder.is_some_and(|(holder, abandoned)| {
                spec.touch && !abandoned && self.services[holder as usize].up
            });
            let q = self.queue(channel);
            if touched {
                q.deadlines
                    .push_back((now + spec.visibility_timeout, lease));
                continue;
            }
            if let Some(item) = q.unacked.remove(lease) {
                q.release_hold(&item);
                q.free_group(&item, spec.ordered_by_key);
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

    /// A delivery did not end in an ack: redeliver (now or after the retry
    /// delay), or dead-letter after the last allowed attempt.
    fn give_back(&mut self, channel: u32, item: Waiting, cause: RedeliverCause) {
        let spec = self.queue_spec(channel).clone();
        if spec.max_deliveries.is_some_and(|max| item.attempts >= max) {
            self.dead_letter_or_drop(channel, item.msg, DropReason::MaxDeliveries);
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
            self.lose_or_dead_letter(channel, item.msg, DropReason::Expired);
            return;
        }
        let delay = spec.retry.delay(item.attempts + 1);
        if delay > 0 {
            let due = self.now + delay;
            let q = self.queue(channel);
            q.delayed_seq += 1;
            let seq = q.delayed_seq;
            q.delayed.insert((due, seq), item);
            if q.retry_timer.is_none_or(|t| t > due) {
                q.retry_timer = Some(due);
                self.schedule.push(due, Ev::RetryDue { channel });
            }
            self.dispatch_queue(channel);
            return;
        }
        // Back at the head: it was the oldest when it was handed out.
        self.queue(channel).ready.push_front(item);
        self.arm_expiry(channel);
        self.dispatch_queue(channel);
    }

    /// The retry timer fired: messages whose delay is over go back to the head.
    pub(crate) fn retry_due(&mut self, channel: u32) {
        let now = self.now;
        let q = self.queue(channel);
        if q.retry_timer.is_some_and(|t| t > now) {
            return; // a stale timer: an earlier one was armed since
        }
        while let Some((&(due, seq), _)) = q.delayed.iter().next() {
            if due > now {
                break;
            }
            if let Some(item) = q.delayed.remove(&(due, seq)) {
                q.ready.push_front(item);
            }
        }
        q.retry_timer = q.delayed.keys().next().map(|&(due, _)| due);
        if let Some(due) = q.retry_timer {
            self.schedule.push(due, Ev::RetryDue { channel });
        }
        self.arm_expiry(channel);
        self.dispatch_queue(channel);
    }

    /// Moves `msg` to the queue's dead-letter channel, or drops it for
    /// `reason` when there is none.
    fn dead_letter_or_drop(&mut self, channel: u32, msg: Msg, reason: DropReason) {
        match self.queue_spec(channel).dead_letter.map(|to| to.0) {
            Some(to) => {
                self.metrics.channels[channel as usize].dead_lettered += 1;
                if let Some(o) = self.orders.get_mut(msg.order) {
                    o.lost += 1;
                }
                self.record(EventKind::DeadLetter {
                    channel,
                    msg: msg.id,
                    to,
                });
                self.channel_arrive(to, msg);
            }
            None => self.drop_copy(channel, msg, reason),
        }
    }

    /// Expiry and overflow: dead-lettered where the queue says so (RabbitMQ),
    /// dropped otherwise.
    pub(super) fn lose_or_dead_letter(&mut self, channel: u32, msg: Msg, reason: DropReason) {
        if self.queue_spec(channel).dead_letter_expired {
            self.dead_letter_or_drop(channel, msg, reason);
        } else {
            self.drop_copy(channel, msg, reason);
        }
    }

    /// Schedules the queue's TTL timer for its head, if none is pending.
    pub(super) fn arm_expiry(&mut self, channel: u32) {
        let Some(ttl) = self.queue_spec(channel).ttl else {
            return;
        };
        let now = self.now;
        let q = self.queue(channel);
        if q.expiry_timer.is_some() {
            return;
        }
        if let Some(head) = q.ready.front() {
            // A message back from a retry delay may be overdue already.
            let due = (head.since + ttl).max(now);
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
            self.lose_or_dead_letter(channel, head.msg, DropReason::Expired);
        }
    }
}
