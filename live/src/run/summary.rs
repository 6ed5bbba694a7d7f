//! The summary printed after a live run, read off its trace: the figures a
//! client can see (what the broker did inside, it does not say).

use std::collections::BTreeMap;
use std::fmt::Write;

use kurir_engine::sim::trace::EventKind;
use kurir_engine::Scenario;

use crate::run::Report;

/// Per channel counts.
#[derive(Default)]
struct Counts {
    published: u64,
    delivered: u64,
    again: u64,
    acked: u64,
    nacked: u64,
    dead: u64,
    copies: Option<u64>,
    returned: u64,
    left: u64,
}

/// The summary of `report`, a run of `s` on the broker at `url`.
pub fn summary(s: &Scenario, url: &str, report: &Report) -> String {
    let mut placed = 0;
    let (mut ok, mut failed) = (0, 0);
    let mut responses = Vec::new();
    let mut work: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let mut ch: BTreeMap<usize, Counts> = BTreeMap::new();
    for e in &report.events {
        match e.kind {
            EventKind::OrderPlaced { .. } => placed += 1,
            EventKind::OrderResponded {
                ok: o, response, ..
            } => {
                if o {
                    ok += 1;
                    responses.push(response);
                } else {
                    failed += 1;
                }
            }
            EventKind::WorkDone { service, ok, .. } => {
                let w = work.entry(service.index()).or_default();
                if ok {
                    w.0 += 1
                } else {
                    w.1 += 1
                }
            }
            EventKind::Publish { channel, .. } => {
                ch.entry(channel.index()).or_default().published += 1
            }
            EventKind::Deliver {
                channel, attempt, ..
            } => {
                let c = ch.entry(channel.index()).or_default();
                c.delivered += 1;
                c.again += u64::from(attempt > 1);
            }
            EventKind::Ack { channel, .. } => ch.entry(channel.index()).or_default().acked += 1,
            EventKind::Nack { channel, .. } => ch.entry(channel.index()).or_default().nacked += 1,
            EventKind::DeadLetter { channel, .. } => {
                ch.entry(channel.index()).or_default().dead += 1
            }
            EventKind::Route {
                channel, copies, ..
            } => {
                let c = ch.entry(channel.index()).or_default();
                *c.copies.get_or_insert(0) += copies as u64;
            }
            EventKind::Returned { channel, .. } => {
                ch.entry(channel.index()).or_default().returned += 1
            }
            _ => {}
        }
    }
    for (c, _, _) in &report.leftovers {
        ch.entry(c.index()).or_default().left += 1;
    }
    responses.sort_unstable();
    let ms = |us: u64| us as f64 / 1000.0;
    let pct = |p: f64| {
        responses
            .get(((responses.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "kurir-live on {url}: {:.2} s of scenario time",
        report.ended as f64 / 1e6
    );
    let _ = writeln!(
        out,
        "orders: {placed} placed, {ok} answered, {failed} failed"
    );
    if !responses.is_empty() {
        let _ = writeln!(
            out,
            "order response time: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            ms(pct(0.5)),
            ms(pct(0.95)),
            ms(pct(1.0))
        );
    }
    for (i, (done, bad)) in &work {
        let _ = writeln!(
            out,
            "service {}: {done} done, {bad} failed",
            s.services[*i].id
        );
    }
    for (i, c) in &ch {
        let mut line = format!(
            "channel {}: {} published, {} delivered ({} again), {} acked, {} nacked",
            s.channels[*i].id, c.published, c.delivered, c.again, c.acked, c.nacked
        );
        if let Some(copies) = c.copies {
            let _ = write!(line, ", {copies} copies");
        }
        for (n, what) in [
            (c.dead, "dead-lettered"),
            (c.returned, "returned"),
            (c.left, "left at the end"),
        ] {
            if n > 0 {
                let _ = write!(line, ", {n} {what}");
            }
        }
        let _ = writeln!(out, "{line}");
    }
    out
}
