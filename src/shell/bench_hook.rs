//! A hook for `make bench` (bench/engine-browser.mjs): runs the engine's 1→4
//! fan-out inside this page's release wasm until `deliveries` copies are
//! delivered and returns deliveries per second. The same scenario as the
//! native benchmark; the page's clock is read here, never in the engine.

use kurir_engine::base::time::SEC;
use kurir_engine::{Sim, SimOptions};
use wasm_bindgen::prelude::*;

/// Deliveries per second of the 1→4 fan-out, measured in this page.
#[wasm_bindgen]
pub fn bench_fanout(deliveries: f64) -> f64 {
    let Ok(mut sim) = Sim::new(
        kurir_engine::examples::bench::fan_out(4),
        SimOptions::default(),
    ) else {
        return 0.0;
    };
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map_or(0.0, |p| p.now());
    let delivered = |sim: &Sim| {
        sim.metrics()
            .channels
            .iter()
            .map(|c| c.delivered)
            .sum::<u64>()
    };
    let target = deliveries.max(1.0) as u64;
    let start = now();
    while delivered(&sim) < target {
        sim.run_for(SEC / 10);
    }
    let seconds = (now() - start) / 1_000.0;
    delivered(&sim) as f64 / seconds.max(1e-9)
}
