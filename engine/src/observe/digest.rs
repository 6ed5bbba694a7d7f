//! A fixed run that exercises every source of randomness (uniform and
//! exponential times, failures, redeliveries), reduced to one digest. The
//! native tests and the in-browser tests both compare it with
//! [`EXPECTED_DIGEST`]: the same trace, bit for bit, on both targets.

use crate::base::time::MS;
use crate::compile::ServiceId;
use crate::observe::trace_json::event_json;
use crate::scenario::builder::ScenarioBuilder;
use crate::scenario::{Processing, QueueSpec};
use crate::sim::{Sim, SimOptions};

/// Digest of [`run`]'s trace. Update it only for an intended change of the
/// engine's behaviour (and say so in the commit).
pub const EXPECTED_DIGEST: u64 = 0x620b_0b95_5af4_7276;

/// Runs the check scenario and returns (events, FNV-1a digest of the JSON lines).
pub fn run() -> (u64, u64) {
    let s = ScenarioBuilder::new()
        .service_with(
            "order",
            Processing::Uniform {
                min_ms: 5.0,
                max_ms: 40.0,
            },
        )
        .workers(2)
        .publishes("jobs")
        .publishes("news")
        .queue(
            "jobs",
            QueueSpec {
                visibility_timeout_ms: 300.0,
                max_deliveries: 3,
                dead_letter: Some("dead".into()),
                ..QueueSpec::default()
            },
        )
        .queue("dead", QueueSpec::default())
        .pubsub("news")
        .service_with("worker", Processing::Exponential { mean_ms: 120.0 })
        .workers(3)
        .fails(0.3)
        .consumes("jobs")
        .service_with("reader", Processing::Exponential { mean_ms: 20.0 })
        .fails(0.1)
        .consumes("news")
        .seed(42)
        .build();
    let mut sim = Sim::new(
        s,
        SimOptions {
            trace_capacity: 1_000_000,
            ..SimOptions::default()
        },
    )
    .expect("the check scenario is valid");
    for i in 0..200u64 {
        sim.run_until(i * 7 * MS);
        sim.place_order(ServiceId(0));
        if i == 100 {
            sim.set_service_up(ServiceId(1), false);
        }
        if i == 130 {
            sim.set_service_up(ServiceId(1), true);
        }
    }
    sim.run_for(60_000 * MS);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut events = 0;
    for e in sim.trace().iter() {
        events += 1;
        for b in event_json(e, &sim).bytes().chain(std::iter::once(b'\n')) {
            hash = (hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    (events, hash)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_native_run_matches_the_recorded_digest() {
        let (events, digest) = super::run();
        assert!(
            events > 1_000,
            "the check exercises the engine: {events} events"
        );
        assert_eq!(digest, super::EXPECTED_DIGEST, "digest {digest:#x}");
    }
}
