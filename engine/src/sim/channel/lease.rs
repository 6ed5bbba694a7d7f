//! A queue delivery is a lease: an ack ends it; a nack or the visibility
//! timeout gives the message back (at once or after a retry delay); after
//! the last allowed delivery, or on a reject, it is dead-lettered or dropped.
//! Also the queue's time to live.

use crate::base::sched::Ev;
use crate::base::slab::Key;
use crate::compile::ServiceId;
use crate::scenario::OnFailure;
use crate::sim::trace::{DropReason, EventKind, RedeliverCause};
use crate::sim::world::World;
use crate::sim::Msg;

use super::queue::{Queue, Waiting};
use super::Downstream;

/// What became of a message that came back (see `settle_return`).
enum Returned {
    /// Dead-lettered, dropped or expired.
    Gone,
    /// Waiting out a retry delay.
    Delayed,
    /// Ready to be delivered again now.
    Now(Waiting),
}

impl Queue {
    /// Ends a lease with an ack (or, if the lease had timed out already,
    /// records the work as a late duplicate).
    pub(crate) fn ack(
        &mut self,
        lease: Key,
        service: ServiceId,
        msg: Msg,
        w: &mut World,
        down: &mut Downstream,
    ) {
        let live = self.end_lease(lease);
        if live.is_some() {
            w.count_ack(self.id, msg, service);
            self.dispatch(w, down);
        } else {
            // The lease had timed out and the message went to someone else:
            // this work was a duplicate (at-least-once delivery).
            w.record(EventKind::AckLate {
                channel: self.id,
                msg: msg.id,
                service,
            });
        }
    }

    /// The consumer's work failed: the message is rejected or given back
    /// (a nack), or left to its visibility timeout (SQS: not deleted).
    pub(crate) fn nack(
        &mut self,
        lease: Key,
        service: ServiceId,
        msg: Msg,
        w: &mut World,
        down: &mut Downstream,
    ) {
        if self.spec.on_failure == OnFailure::Wait {
            self.leave(lease, w, down);
            return;
        }
        let Some(item) = self.end_lease(lease) else {
            return;
        };
        w.record(EventKind::Nack {
            channel: self.id,
            msg: msg.id,
            service,
        });
        if self.spec.on_failure == OnFailure::Reject {
            self.dead_letter_or_drop(item.msg, DropReason::ProcessingFailed, w, down);
        } else {
            self.give_back(item, RedeliverCause::Nack, w, down);
        }
    }

    /// The consumer moves on without deleting the message: it frees the
    /// consumer's window, but stays invisible (and its key group held)
    /// until the visibility timeout brings it back with its receive count
    /// raised. Nobody holds it any more, so nobody extends it.
    fn leave(&mut self, lease: Key, w: &mut World, down: &mut Downstream) {
        let Some(item) = self.unacked.get(lease).copied() else {
            return;
        };
        self.release_hold(&item);
        if let Some(left) = self.unacked.get_mut(lease) {
            left.holder = None;
            left.abandoned = true;
        }
        self.dispatch(w, down);
    }

    /// Removes a lease, freeing its holder's prefetch and its key group.
    fn end_lease(&mut self, lease: Key) -> Option<Waiting> {
        let item = self.unacked.remove(lease);
        if let Some(item) = &item {
            self.release_hold(item);
            self.free_group(item);
        }
        self.trim_deadlines();
        item
    }

    /// The visibility timer fired: every lease past its deadline ends, and
    /// its message becomes available again — unless its consumer is alive
    /// and the queue lets it TOUCH the lease, which pushes the deadline on.
    pub(crate) fn visibility_due(&mut self, w: &mut World, down: &mut Downstream) {
        let now = w.now;
        while let Some(&(deadline, lease)) = self.deadlines.front() {
            if deadline > now {
                break;
            }
            self.deadlines.pop_front();
            let holder = self
                .unacked
                .get(lease)
                .and_then(|item| Some((item.holder?, item.abandoned)));
            let touched = holder.is_some_and(|(holder, abandoned)| {
                self.spec.touch && !abandoned && w.is_up(holder)
            });
            if touched {
                self.deadlines
                    .push_back((now + self.spec.visibility_timeout, lease));
                continue;
            }
            if let Some(item) = self.unacked.remove(lease) {
                self.release_hold(&item);
                self.free_group(&item);
                self.give_back(item, RedeliverCause::Timeout, w, down);
            }
        }
        self.trim_deadlines();
        self.visibility_timer = self.deadlines.front().map(|&(deadline, _)| deadline);
        if let Some(due) = self.visibility_timer {
            w.schedule
                .push(due, Ev::VisibilityTimeout { channel: self.id });
        }
    }

    /// A delivery did not end in an ack: redeliver (now or after the retry
    /// delay), or dead-letter after the last allowed attempt.
    fn give_back(
        &mut self,
        item: Waiting,
        cause: RedeliverCause,
        w: &mut World,
        down: &mut Downstream,
    ) {
        match self.settle_return(item, cause, w, down) {
            // Its key group and its holder's window are free again: what
            // waited behind it may go now.
            Returned::Gone | Returned::Delayed => self.dispatch(w, down),
            Returned::Now(item) => {
                // Back at the head: it was the oldest when it was handed out.
                self.ready.push_front(item);
                self.arm_expiry(w);
                self.dispatch(w, down);
            }
        }
    }

    /// What becomes of a message that came back: dead-lettered after its last
    /// allowed delivery, lost if its time to live is over, held for a retry
    /// delay, or ready again now (the caller puts it back at the head).
    fn settle_return(
        &mut self,
        item: Waiting,
        cause: RedeliverCause,
        w: &mut World,
        down: &mut Downstream,
    ) -> Returned {
        if self
            .spec
            .max_deliveries
            .is_some_and(|max| item.attempts >= max)
        {
            self.dead_letter_or_drop(item.msg, DropReason::MaxDeliveries, w, down);
            return Returned::Gone;
        }
        let retry = self.spec.retry;
        let delay = if cause == RedeliverCause::Nack || retry.after_timeouts() {
            retry.delay(item.attempts + 1)
        } else {
            0
        };
        w.metrics.channels[self.id.index()].redelivered += 1;
        w.record(EventKind::Redeliver {
            channel: self.id,
            msg: item.msg.id,
            attempt: item.attempts + 1,
            cause,
            available_at: w.now + delay,
        });
        if self.spec.ttl.is_some_and(|ttl| item.since + ttl <= w.now) {
            self.lose_or_dead_letter(item.msg, DropReason::Expired, w, down);
            return Returned::Gone;
        }
        if delay == 0 {
            return Returned::Now(item);
        }
        let due = w.now + delay;
        self.delayed_seq += 1;
        self.delayed.insert((due, self.delayed_seq), item);
        if self.retry_timer.is_none_or(|t| t > due) {
            self.retry_timer = Some(due);
            w.schedule.push(due, Ev::RetryDue { channel: self.id });
        }
        Returned::Delayed
    }

    /// A consumer went down. Where the queue requeues a closed consumer's
    /// messages (RabbitMQ), everything it held comes back now, in the order
    /// it was delivered, ahead of the waiting messages, and the next consumer
    /// can take it; elsewhere nobody TOUCHes its leases any more and they
    /// time out as usual.
    pub(super) fn consumer_down(
        &mut self,
        service: ServiceId,
        w: &mut World,
        down: &mut Downstream,
    ) {
        if !self.spec.requeue_on_down {
            self.abandon_leases(service);
            return;
        }
        // Leases in delivery order (the deadlines are kept in that order).
        let held: Vec<Key> = (self.deadlines.iter())
            .map(|&(_, lease)| lease)
            .filter(|&lease| {
                self.unacked
                    .get(lease)
                    .is_some_and(|i| i.holder == Some(service))
            })
            .collect();
        if held.is_empty() {
            return;
        }
        let mut back = Vec::new();
        for lease in held {
            if let Some(item) = self.end_lease(lease) {
                if let Returned::Now(item) =
                    self.settle_return(item, RedeliverCause::ConsumerDown, w, down)
                {
                    back.push(item);
                }
            }
        }
        for item in back.into_iter().rev() {
            self.ready.push_front(item);
        }
        self.arm_expiry(w);
        self.dispatch(w, down);
    }

    /// The retry timer fired: messages whose delay is over go back to the head.
    pub(crate) fn retry_due(&mut self, w: &mut World, down: &mut Downstream) {
        let now = w.now;
        if self.retry_timer.is_some_and(|t| t > now) {
            return; // a stale timer: an earlier one was armed since
        }
        while let Some((&(due, seq), _)) = self.delayed.iter().next() {
            if due > now {
                break;
            }
            if let Some(item) = self.delayed.remove(&(due, seq)) {
                self.ready.push_front(item);
            }
        }
        self.retry_timer = self.delayed.keys().next().map(|&(due, _)| due);
        if let Some(due) = self.retry_timer {
            w.schedule.push(due, Ev::RetryDue { channel: self.id });
        }
        self.arm_expiry(w);
        self.dispatch(w, down);
    }

    /// Moves `msg` to the queue's dead-letter channel, or drops it for
    /// `reason` when there is none.
    fn dead_letter_or_drop(
        &mut self,
        msg: Msg,
        reason: DropReason,
        w: &mut World,
        down: &mut Downstream,
    ) {
        match self.spec.dead_letter {
            Some(to) => {
                w.metrics.channels[self.id.index()].dead_lettered += 1;
                w.note_dead_lettered(msg.order);
                w.record(EventKind::DeadLetter {
                    channel: self.id,
                    msg: msg.id,
                    to,
                });
                down.arrive(to, msg, w);
            }
            None => w.drop_copy(self.id, msg, reason),
        }
    }

    /// Expiry and overflow: dead-lettered where the queue says so (RabbitMQ),
    /// dropped otherwise.
    pub(super) fn lose_or_dead_letter(
        &mut self,
        msg: Msg,
        reason: DropReason,
        w: &mut World,
        down: &mut Downstream,
    ) {
        if self.spec.dead_letter_expired {
            self.dead_letter_or_drop(msg, reason, w, down);
        } else {
            w.drop_copy(self.id, msg, reason);
        }
    }

    /// Schedules the queue's TTL timer for its head, if none is pending.
    fn arm_expiry(&mut self, w: &mut World) {
        let Some(ttl) = self.spec.ttl else {
            return;
        };
        if self.expiry_timer.is_some() {
            return;
        }
        if let Some(head) = self.ready.front() {
            // A message back from a retry delay may be overdue already.
            let due = (head.since + ttl).max(w.now);
            self.expiry_timer = Some(due);
            w.schedule.push(due, Ev::Expire { channel: self.id });
        }
    }

    /// The TTL timer fired: drop what expired, then re-arm for the new head.
    pub(crate) fn expiry_due(&mut self, w: &mut World, down: &mut Downstream) {
        self.expiry_timer = None;
        self.expire_head(w, down);
        self.arm_expiry(w);
    }

    /// Drops messages at the head whose time to live has passed (as in
    /// RabbitMQ, only the head expires; messages behind it are younger).
    pub(super) fn expire_head(&mut self, w: &mut World, down: &mut Downstream) {
        let Some(ttl) = self.spec.ttl else {
            return;
        };
        while let Some(head) = self.ready.front().copied() {
            if head.since + ttl > w.now {
                break;
            }
            self.ready.pop_front();
            self.lose_or_dead_letter(head.msg, DropReason::Expired, w, down);
        }
    }
}
