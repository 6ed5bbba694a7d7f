//! Live side by side: the figures of the real run (the broker's clients, as
//! the engine's `Observed` folds them) next to the simulator's run of the
//! same orders, row by row, and whether they match. A row that differs
//! while messages are still on their way may yet match; once both runs are
//! quiet, a difference is one.

use kurir_engine::observe::snapshot::Snapshot;
use kurir_engine::{ChannelId, ServiceId};

/// What a row counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// Orders placed.
    Placed,
    /// Orders answered.
    Answered,
    /// Messages a service finished.
    Processed(ServiceId),
    /// Messages a service failed.
    Failed(ServiceId),
    /// Copies a channel handed to its consumers.
    Delivered(ChannelId),
    /// Messages a channel dead-lettered.
    DeadLettered(ChannelId),
    /// Messages a channel dropped.
    Dropped(ChannelId),
}

/// One figure on both sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// What is counted.
    pub figure: Figure,
    /// On the real broker.
    pub real: u64,
    /// In the simulator.
    pub simulated: u64,
}

impl Row {
    /// Both sides count the same.
    pub fn matched(&self) -> bool {
        self.real == self.simulated
    }
}

/// The two runs compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Orders, then each service, then each channel; a failure, dead letter
    /// or drop row only where either side has one.
    pub rows: Vec<Row>,
    /// Neither run has work in progress or messages waiting: what differs
    /// now stays different.
    pub settled: bool,
}

impl Comparison {
    /// Rows whose sides differ.
    pub fn differing(&self) -> usize {
        self.rows.iter().filter(|r| !r.matched()).count()
    }
}

/// Nothing in progress: no service busy or waiting, no message in a queue,
/// held by a consumer or on a wire.
fn quiet(s: &Snapshot) -> bool {
    s.services.iter().all(|v| v.busy == 0 && v.waiting == 0)
        && s.channels.iter().all(|c| c.depth == 0 && c.unacked == 0)
        && s.dots.is_empty()
        && s.dots_hidden == 0
}

/// Compares the real run `real` with the simulated run `simulated` of the
/// same scenario (the same services and channels, in the same order).
pub fn compare(real: &Snapshot, simulated: &Snapshot) -> Comparison {
    let mut rows = vec![
        Row {
            figure: Figure::Placed,
            real: real.orders.placed,
            simulated: simulated.orders.placed,
        },
        Row {
            figure: Figure::Answered,
            real: real.orders.responded,
            simulated: simulated.orders.responded,
        },
    ];
    let mut pair = |figure, real: u64, simulated: u64, always: bool| {
        if always || real > 0 || simulated > 0 {
            rows.push(Row {
                figure,
                real,
                simulated,
            });
        }
    };
    for (i, (r, s)) in real.services.iter().zip(&simulated.services).enumerate() {
        let id = ServiceId(i as u32);
        pair(Figure::Processed(id), r.processed, s.processed, true);
        pair(Figure::Failed(id), r.failed, s.failed, false);
    }
    for (i, (r, s)) in real.channels.iter().zip(&simulated.channels).enumerate() {
        let id = ChannelId(i as u32);
        pair(Figure::Delivered(id), r.delivered, s.delivered, true);
        pair(
            Figure::DeadLettered(id),
            r.dead_lettered,
            s.dead_lettered,
            false,
        );
        pair(Figure::Dropped(id), r.dropped, s.dropped, false);
    }
    Comparison {
        rows,
        settled: quiet(real) && quiet(simulated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::base::time::SEC;
    use kurir_engine::examples::lesson;
    use kurir_engine::observe::snapshot::snapshot;
    use kurir_engine::{Sim, SimOptions};

    fn run(orders: u32, until: u64) -> Snapshot {
        let mut sim = Sim::new(lesson(), SimOptions::default()).unwrap();
        for _ in 0..orders {
            sim.place_order(ServiceId(0));
        }
        sim.run_until(until);
        snapshot(&sim, 100)
    }

    #[test]
    fn the_same_orders_run_to_the_end_match_on_every_row() {
        let (a, b) = (run(3, 60 * SEC), run(3, 60 * SEC));
        let c = compare(&a, &b);
        assert!(c.settled);
        assert_eq!(c.differing(), 0);
        // Orders, then the lesson's five services, then its three channels.
        assert_eq!(c.rows.len(), 2 + 5 + 3);
        assert_eq!(c.rows[0].real, 3);
        assert!(c
            .rows
            .iter()
            .any(|r| r.figure == Figure::Processed(ServiceId(1)) && r.real == 3));
    }

    #[test]
    fn a_run_still_in_flight_is_not_settled_and_its_rows_differ() {
        let (done, midway) = (run(3, 60 * SEC), run(3, 1));
        let c = compare(&midway, &done);
        assert!(!c.settled, "messages are still on their way");
        assert!(c.differing() > 0);
        let placed = c.rows[0];
        assert!(placed.matched(), "both placed the same orders");
    }

    #[test]
    fn one_more_order_on_one_side_is_a_difference_once_quiet() {
        let c = compare(&run(4, 60 * SEC), &run(3, 60 * SEC));
        assert!(c.settled);
        assert_eq!(
            c.rows[0],
            Row {
                figure: Figure::Placed,
                real: 4,
                simulated: 3
            }
        );
        assert!(c.differing() >= 2);
    }
}
