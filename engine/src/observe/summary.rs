//! A plain-text metrics summary of a run, for the headless runner and tests.

use std::fmt::Write;

use crate::base::time::format_micros as t;
use crate::sim::trace::DropReason;
use crate::sim::Sim;

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
        "orders: {} placed, {} answered ({} failed), {} completed, {} open",
        o.placed,
        o.responded,
        o.failed,
        o.completed,
        sim.open_orders()
    );
    let _ = writeln!(
        w,
        "order response time: p50 {} p95 {} max {}",
        t(o.response.quantile(0.5)),
        t(o.response.quantile(0.95)),
        t(o.response.max())
    );
    let _ = writeln!(
        w,
        "end-to-end latency:  p50 {} p95 {} max {}",
        t(o.latency.quantile(0.5)),
        t(o.latency.quantile(0.95)),
        t(o.latency.max())
    );
    for (i, st) in m.services.iter().enumerate() {
        let _ = writeln!(
            w,
            "service {:<12} processed {:>7} failed {:>5} busy {:>10} latency p50 {} p99 {} | sent {} delivered {}",
            s.services[i].id,
            st.processed,
            st.failed,
            t(st.busy),
            t(st.latency.quantile(0.5)),
            t(st.latency.quantile(0.99)),
            m.sent_by(i),
            m.delivered_from(i)
        );
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
