//! Engine benchmarks (`make bench`): throughput of fan-out and competing
//! consumers, and peak memory of a long queue run. Prints a table and writes
//! `target/bench/engine.json`. Figures are medians of several runs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kurir_engine::base::time::SEC;
use kurir_engine::examples::bench::{competing, fan_out, log_groups, FASTEST_MS};
use kurir_engine::{Scenario, Sim, SimOptions};

/// Counts live heap bytes so the memory figure is the engine's own.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn deliveries(sim: &Sim) -> u64 {
    sim.metrics().channels.iter().map(|c| c.delivered).sum()
}

/// Runs until `target` deliveries; returns deliveries per wall-clock second.
fn throughput(s: &Scenario, target: u64) -> f64 {
    let mut sim = Sim::new(s.clone(), SimOptions::default()).expect("valid");
    let start = Instant::now();
    while deliveries(&sim) < target {
        sim.run_for(SEC / 10);
    }
    deliveries(&sim) as f64 / start.elapsed().as_secs_f64()
}

/// Peak live heap while `messages` go through one queue.
fn peak_memory(messages: u64) -> (usize, f64) {
    let s = competing(4, FASTEST_MS);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut sim = Sim::new(s, SimOptions::default()).expect("valid");
    let start = Instant::now();
    while sim.metrics().channels[0].acked < messages {
        sim.run_for(SEC);
    }
    let secs = start.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    drop(sim);
    (peak, secs)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes --bench; a quick mode keeps CI-like runs short.
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 5 };
    let n = if quick { 200_000 } else { 2_000_000 };
    let fan = fan_out(4);
    let comp = competing(4, FASTEST_MS);
    let log = log_groups(12, 3, 4);
    let fan_rate = median((0..runs).map(|_| throughput(&fan, n)).collect());
    let comp_rate = median((0..runs).map(|_| throughput(&comp, n)).collect());
    let log_rate = median((0..runs).map(|_| throughput(&log, n)).collect());
    let messages = if quick { 1_000_000 } else { 10_000_000 };
    let (peak, secs) = peak_memory(messages);
    let rows = [
        ("engine.fanout_1x4.deliveries_per_s", fan_rate, 5e6, ">="),
        (
            "engine.queue_4_consumers.deliveries_per_s",
            comp_rate,
            0.0,
            ">=",
        ),
        (
            "engine.log_12_partitions_3_groups.deliveries_per_s",
            log_rate,
            0.0,
            ">=",
        ),
        (
            "engine.queue_peak_memory_mb",
            peak as f64 / 1e6,
            100.0,
            "<=",
        ),
        (
            "engine.queue_messages_per_s",
            messages as f64 / secs,
            0.0,
            ">=",
        ),
    ];
    println!("{:<52} {:>14} {:>10}", "figure", "value", "goal");
    let mut json = Vec::new();
    for (name, value, goal, cmp) in rows {
        let goal_text = if goal > 0.0 {
            format!("{cmp} {goal:.0}")
        } else {
            "-".into()
        };
        println!("{name:<52} {value:>14.1} {goal_text:>10}");
        json.push(format!(
            "  {{\"name\":\"{name}\",\"value\":{value:.1},\"goal\":{goal},\"cmp\":\"{cmp}\"}}"
        ));
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join("engine.json"),
        format!("[\n{}\n]\n", json.join(",\n")),
    );
}
