//! A plain-text metrics summary of a run, for the headless runner and tests.

use std::fmt::Write;

use crate::base::time::format_micros as t;
use crate::sim::metrics::Histogram;
use crate::sim::trace::DropReason;
use crate::sim::Sim;

/// A quantile of `h` for people, or `n/a` when nothing was measured (a
/// run without a completed order has no latency, not a latency of 0 µs).
fn q(h: &Histogram, quantile: f64) -> String {
    if h.count() == 0 {
        "n/a".into()
    } else {
        t(h.quantile(quantile))
    }
}

/// The largest value of `h`, or `n/a`.
fn max(h: &Histogram) -> String {
    if h.count() == 0 {
        "n/a".into()
    } else {
        t(h.max())
    }
}

/// Human-readable summary of the run so far.
pub fn summary(sim: &Sim) -> String {
    let s = sim.scenario();
    let m = sim.metrics();
    let o = &m.orders;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "{} — {:?} mode, {} of virtual time",
        s.name,
        sim.mode(),
        t(sim.now())
    );
    let _ = writeln!(
        w,
        "orders: {} placed, {} answered ({} failed), {} completed, {} with work lost, {} dead-lettered, {} open",
        o.placed,
        o.responded,
        o.failed,
        o.completed,
        o.lost,
        o.dead_lettered,
        sim.open_orders()
    );
    let _ = writeln!(
        w,
        "order response time: p50 {} p95 {} max {}",
        q(&o.response, 0.5),
        q(&o.response, 0.95),
        max(&o.response)
    );
    let _ = writeln!(
        w,
        "end-to-end latency:  p50 {} p95 {} max {}",
        q(&o.latency, 0.5),
        q(&o.latency, 0.95),
        max(&o.latency)
    );
    for (i, st) in m.services.iter().enumerate() {
        let _ = writeln!(
            w,
            "service {:<12} processed {:>7} failed {:>5} busy {:>10} latency p50 {} p99 {} | sent {} delivered {}",
            s.services[i].id,
            st.processed,
            st.failed,
            t(st.busy),
            q(&st.latency, 0.5),
            q(&st.latency, 0.99),
            m.sent_by(i),
            m.delivered_from(i)
        );
        if st.returned > 0 {
            // Only publishers with `mandatory` messages nothing took.
            let _ = writeln!(
                w,
                "service {:<12} returned {}",
                s.services[i].id, st.returned
            );
        }
    }
    for (i, c) in m.channels.iter().enumerate() {
        let depth = c.depth.back().map_or(0, |&(_, d)| d);
        let _ = writeln!(
            w,
            "channel {:<12} arrived {:>7} delivered {:>7} acked {:>7} redelivered {:>5} dropped {:>5} dead-lettered {:>5} depth {}{}",
            s.channels[i].id,
            c.arrived,
            c.delivered,
            c.acked,
            c.redelivered,
            c.dropped,
            c.dead_lettered,
            depth,
            // Only fan-out channels with a subscriber down have any.
            if c.missed > 0 {
                format!(" missed {}", c.missed)
            } else {
                String::new()
            }
        );
    }
    let drops: Vec<String> = DropReason::ALL
        .iter()
        .filter(|r| m.dropped(**r) > 0)
        .map(|r| format!("{} {}", r.as_str(), m.dropped(*r)))
        .collect();
    if !drops.is_empty() {
        let _ = writeln!(w, "drops: {}", drops.join(", "));
    }
    out
}
