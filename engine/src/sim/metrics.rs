//! Counters and histograms of a run: per service, per channel, per order, and
//! payload copies per producer. All bounded in memory.

use std::collections::VecDeque;

use crate::base::time::Micros;
use crate::sim::trace::DropReason;

/// Log-linear histogram of microsecond values (8 buckets per power of two,
/// ~9% resolution), fixed size whatever the number of samples.
#[derive(Clone, Debug)]
pub struct Histogram {
    buckets: Vec<u64>,
    count: u64,
    sum: u128,
    min: Micros,
    max: Micros,
}

const SUB: u32 = 8;

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            buckets: vec![0; (64 * SUB) as usize],
            count: 0,
            sum: 0,
            min: Micros::MAX,
            max: 0,
        }
    }
}

impl Histogram {
    fn bucket(v: Micros) -> usize {
        if v < SUB as u64 {
            return v as usize;
        }
        let power = 63 - v.leading_zeros(); // >= 3
        let sub = (v >> (power - 3)) as u32 & (SUB - 1);
        ((power - 2) * SUB + sub) as usize
    }

    fn bucket_high(index: usize) -> Micros {
        let index = index as u32;
        if index < SUB {
            return index as u64;
        }
        let power = index / SUB + 2;
        let sub = (index % SUB) as u64;
        ((SUB as u64 + sub + 1) << (power - 3)) - 1
    }

    /// Adds one sample.
    pub fn record(&mut self, v: Micros) {
        self.buckets[Self::bucket(v)] += 1;
        self.count += 1;
        self.sum += v as u128;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }

    /// Samples recorded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean, or 0 with no samples.
    pub fn mean(&self) -> Micros {
        if self.count == 0 {
            0
        } else {
            (self.sum / self.count as u128) as Micros
        }
    }

    /// Largest sample (exact).
    pub fn max(&self) -> Micros {
        self.max
    }

    /// Smallest sample (exact), 0 with no samples.
    pub fn min(&self) -> Micros {
        if self.count == 0 {
            0
        } else {
            self.min
        }
    }

    /// Value at quantile `q` (0..=1), within the bucket resolution and clamped
    /// to the exact min/max.
    pub fn quantile(&self, q: f64) -> Micros {
        if self.count == 0 {
            return 0;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.count as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, &n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Self::bucket_high(i).clamp(self.min, self.max);
            }
        }
        self.max
    }

    /// (upper bound, count) of the non-empty buckets, for drawing.
    pub fn buckets(&self) -> impl Iterator<Item = (Micros, u64)> + '_ {
        self.buckets
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (Self::bucket_high(i), n))
    }
}

/// What one service did.
#[derive(Clone, Debug, Default)]
pub struct ServiceStats {
    /// Pieces of work finished successfully.
    pub processed: u64,
    /// Pieces of work that failed.
    pub failed: u64,
    /// Its publishes that came back unroutable (`mandatory`).
    pub returned: u64,
    /// Worker time spent, summed over workers.
    pub busy: Micros,
    /// From arrival at the service to the end of the work (wait + processing).
    pub latency: Histogram,
}

/// What one channel did. `created = acked + dropped + dead_lettered +
/// redriven + queued + in flight`.
#[derive(Clone, Debug, Default)]
pub struct ChannelStats {
    /// Messages that arrived (published or dead-lettered into it).
    pub arrived: u64,
    /// Copies made (one per subscriber for fan-out, one per message for a queue).
    pub created: u64,
    /// Deliveries to services (a redelivery counts again).
    pub delivered: u64,
    /// Copies finished successfully.
    pub acked: u64,
    /// Copies made available again.
    pub redelivered: u64,
    /// Copies lost, all reasons.
    pub dropped: u64,
    /// Copies moved to the dead-letter channel.
    pub dead_lettered: u64,
    /// Copies moved on by a redrive (`Sim::redrive`).
    pub redriven: u64,
    /// Copies the latest message made here (fan-out and exchanges: Redis's
    /// `PUBLISH` returns this count), if one was routed yet.
    pub last_copies: Option<u32>,
    /// Messages a subscriber missed: it was not connected (down) when they
    /// were published to a fan-out channel, so no copy was made for it.
    pub missed: u64,
    /// Depth samples (time, waiting messages), the latest ones.
    pub depth: VecDeque<(Micros, u32)>,
}

/// Most depth samples kept per channel.
pub const DEPTH_SAMPLES: usize = 600;

/// One finished order, for timelines and exact comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderRecord {
    /// Order id.
    pub order: u64,
    /// When it was placed.
    pub placed: Micros,
    /// Time until the receiving service was free again.
    pub response: Micros,
    /// Time until all work it caused had ended.
    pub latency: Micros,
    /// The receiving service's work succeeded.
    pub ok: bool,
    /// Copies of its messages that were dropped.
    pub lost: u32,
    /// Copies of its messages moved to a dead-letter channel.
    pub dead_lettered: u32,
}

/// Orders across the run.
#[derive(Clone, Debug, Default)]
pub struct OrderStats {
    /// Orders placed.
    pub placed: u64,
    /// Orders refused because the run held too much work ([`crate::compile::limits::MAX_HELD`]).
    pub refused: u64,
    /// Orders answered (ok or not).
    pub responded: u64,
    /// Orders whose receiving service failed.
    pub failed: u64,
    /// Orders whose work has all ended, every copy of their messages done.
    pub completed: u64,
    /// Orders whose work has ended with some copy lost (dropped).
    pub lost: u64,
    /// Orders whose work has ended with some copy dead-lettered (none lost).
    pub dead_lettered: u64,
    /// Order response time.
    pub response: Histogram,
    /// End-to-end latency of completed orders.
    pub latency: Histogram,
    /// The latest orders whose work ended (completed or not).
    pub recent: VecDeque<OrderRecord>,
    /// Response times of the latest answered orders (an order is answered
    /// long before all its work is done, so `recent` lags behind them).
    pub recent_responses: VecDeque<Micros>,
    /// Orders completed (every copy done) in each depth-sampling interval, the latest ones
    /// (time at the end of the interval, count).
    pub throughput: VecDeque<(Micros, u32)>,
}

/// Most orders kept in [`OrderStats::recent`] and
/// [`OrderStats::recent_responses`].
pub const RECENT_ORDERS: usize = 256;

/// Everything measured in a run.
#[derive(Clone, Debug)]
pub struct Metrics {
    /// By service index.
    pub services: Vec<ServiceStats>,
    /// By channel index.
    pub channels: Vec<ChannelStats>,
    /// Orders.
    pub orders: OrderStats,
    /// `payload_sent[producer][slot]`: copies of data a producer sent, where slot
    /// is the channel index or, last, direct RPC calls with no channel.
    pub payload_sent: Vec<Vec<u64>>,
    /// Same shape: copies that reached a consumer.
    pub payload_delivered: Vec<Vec<u64>>,
    /// Drops by reason, in [`DropReason::ALL`] order.
    pub drops: [u64; DropReason::ALL.len()],
}

impl Metrics {
    pub(crate) fn new(services: usize, channels: usize) -> Self {
        Metrics {
            services: vec![ServiceStats::default(); services],
            channels: vec![ChannelStats::default(); channels],
            orders: OrderStats::default(),
            payload_sent: vec![vec![0; channels + 1]; services],
            payload_delivered: vec![vec![0; channels + 1]; services],
            drops: [0; DropReason::ALL.len()],
        }
    }

    /// Makes room for services added during the run (up to `services`).
    pub(crate) fn grow_services(&mut self, services: usize) {
        let slots = self.channels.len() + 1;
        self.services
            .resize(services.max(self.services.len()), ServiceStats::default());
        for rows in [&mut self.payload_sent, &mut self.payload_delivered] {
            rows.resize(services.max(rows.len()), vec![0; slots]);
        }
    }

    /// Makes room for channels added during the run (up to `channels`);
    /// direct calls keep the last payload slot.
    pub(crate) fn grow_channels(&mut self, channels: usize) {
        if channels <= self.channels.len() {
            return;
        }
        self.channels.resize(channels, ChannelStats::default());
        for slots in self
            .payload_sent
            .iter_mut()
            .chain(&mut self.payload_delivered)
        {
            let direct = slots.pop().unwrap_or(0);
            slots.resize(channels, 0);
            slots.push(direct);
        }
    }

    /// Total copies a producer sent (all channels and calls).
    pub fn sent_by(&self, producer: usize) -> u64 {
        self.payload_sent[producer].iter().sum()
    }

    /// Copies delivered from a producer.
    pub fn delivered_from(&self, producer: usize) -> u64 {
        self.payload_delivered[producer].iter().sum()
    }

    /// Drops for one reason.
    pub fn dropped(&self, reason: DropReason) -> u64 {
        self.drops[reason.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_close_to_the_truth() {
        let mut h = Histogram::default();
        for v in 1..=10_000u64 {
            h.record(v * 100);
        }
        let p50 = h.quantile(0.5) as f64;
        let p99 = h.quantile(0.99) as f64;
        assert!((p50 / 500_000.0 - 1.0).abs() < 0.1, "p50 {p50}");
        assert!((p99 / 990_000.0 - 1.0).abs() < 0.1, "p99 {p99}");
        assert_eq!(h.max(), 1_000_000);
        assert_eq!(h.min(), 100);
        assert_eq!(h.mean(), 500_050);
    }

    #[test]
    fn every_value_lands_in_a_bucket_that_covers_it() {
        for v in [
            0u64,
            1,
            7,
            8,
            9,
            15,
            16,
            17,
            1000,
            123_456_789,
            u64::MAX / 4,
        ] {
            let b = Histogram::bucket(v);
            assert!(Histogram::bucket_high(b) >= v, "{v}");
            if b > 0 {
                assert!(Histogram::bucket_high(b - 1) < v, "{v}");
            }
        }
    }
}
