//! A queue as a learner should see it: which messages are out with a
//! consumer and when they come back if not acknowledged (the visibility
//! timeout or ack deadline counting down), which wait out a retry delay,
//! and which wait to be delivered — each with its delivery attempt.

use crate::base::time::Micros;
use crate::compile::ServiceId;
use crate::sim::channel::{Queue, Waiting};

/// Messages listed per part of a queue (the counts cover the rest).
pub const SHOWN: usize = 8;

/// A message out with a consumer, not yet acknowledged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldView {
    /// Order it belongs to.
    pub order: u64,
    /// This delivery's number (1 = the first).
    pub attempt: u32,
    /// The consumer holding it; `None` once it let go without deleting
    /// (SQS) or went down (it comes back at the deadline).
    pub holder: Option<ServiceId>,
    /// When it becomes deliverable again if not acknowledged (`None` when
    /// the queue has no timeout, e.g. RabbitMQ without consumer timeout).
    pub back_at: Option<Micros>,
}

/// A message not out with anyone: waiting its turn or a retry delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitingView {
    /// Order it belongs to.
    pub order: u64,
    /// Deliveries it has had so far.
    pub attempts: u32,
    /// Waiting since (its first entry into the queue), or, retrying, when
    /// it is due again.
    pub at: Micros,
}

/// The queue's messages, each part at most [`SHOWN`] long, soonest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueView {
    /// Out with consumers, the soonest back first.
    pub held: Vec<HeldView>,
    /// All messages out with consumers.
    pub held_total: u32,
    /// Waiting out a retry delay, the soonest due first (`at` = due).
    pub retrying: Vec<WaitingView>,
    /// All messages waiting out a retry delay.
    pub retrying_total: u32,
    /// Next to be delivered, in order (`at` = since).
    pub ready: Vec<WaitingView>,
}

pub(crate) fn queue_view(q: &Queue) -> QueueView {
    // Deadlines are ascending (one timeout per queue): the first ones are
    // the soonest back. A lease without a deadline comes last.
    let mut held: Vec<HeldView> = (q.deadlines.iter())
        .filter_map(|&(due, key)| {
            let w = q.unacked.get(key)?;
            Some(HeldView {
                order: w.msg.order,
                attempt: w.attempts,
                holder: w.holder,
                back_at: Some(due),
            })
        })
        .take(SHOWN)
        .collect();
    // A queue without a timeout keeps no deadlines: its leases in any order.
    if q.deadlines.is_empty() {
        held.extend((q.unacked.iter()).take(SHOWN).map(|(_, w)| HeldView {
            order: w.msg.order,
            attempt: w.attempts,
            holder: w.holder,
            back_at: None,
        }));
    }
    let waiting = |w: &Waiting, at: Micros| WaitingView {
        order: w.msg.order,
        attempts: w.attempts,
        at,
    };
    QueueView {
        held,
        held_total: q.unacked.len() as u32,
        retrying: (q.delayed.iter())
            .take(SHOWN)
            .map(|(&(due, _), w)| waiting(w, due))
            .collect(),
        retrying_total: q.delayed.len() as u32,
        ready: (q.ready.iter())
            .take(SHOWN)
            .map(|w| waiting(w, w.since))
            .collect(),
    }
}
