//! The bounded ring of trace events: memory stays flat however long a run
//! goes, while the total still counts everything.

use std::collections::VecDeque;

use crate::base::time::Micros;
use crate::sim::trace::{EventKind, TraceEvent};

/// The latest events of a run in a fixed-size ring: memory does not grow with
/// the run's length, while `total()` still counts everything.
#[derive(Clone, Debug)]
pub struct Trace {
    events: VecDeque<TraceEvent>,
    capacity: usize,
    total: u64,
}

impl Trace {
    /// Keeps at most `capacity` events (0 keeps none but still counts).
    pub fn with_capacity(capacity: usize) -> Self {
        Trace {
            events: VecDeque::with_capacity(capacity.min(1 << 16)),
            capacity,
            total: 0,
        }
    }

    /// Records an event at time `t`.
    #[inline]
    pub fn push(&mut self, t: Micros, kind: EventKind) {
        let seq = self.total;
        self.total += 1;
        if self.capacity == 0 {
            return;
        }
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back(TraceEvent { seq, t, kind });
    }

    /// Events recorded so far, including those no longer kept.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Kept events with `seq >= from`, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &TraceEvent> {
        let first = self.events.front().map_or(self.total, |e| e.seq);
        let skip = from.saturating_sub(first) as usize;
        self.events.iter().skip(skip)
    }

    /// All kept events, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &TraceEvent> {
        self.events.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::ServiceId;

    #[test]
    fn the_ring_keeps_the_latest_events_and_counts_all() {
        let mut trace = Trace::with_capacity(3);
        for i in 0..10 {
            trace.push(
                i,
                EventKind::ServiceUp {
                    service: ServiceId(i as u32),
                },
            );
        }
        assert_eq!(trace.total(), 10);
        let seqs: Vec<u64> = trace.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![7, 8, 9]);
        let later: Vec<u64> = trace.since(8).map(|e| e.seq).collect();
        assert_eq!(later, vec![8, 9]);
        assert_eq!(trace.since(0).count(), 3);
        assert_eq!(trace.since(10).count(), 0);
    }
}
