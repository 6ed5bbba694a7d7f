//! The scenarios `make bench` measures, shared by the native benchmark
//! (`benches/engine.rs`) and the in-browser one (the app's `bench_fanout`),
//! so both time exactly the same work. Orders come at the fastest rate a
//! scenario may have (one per millisecond); the engine runs virtual time as
//! fast as it can, so the rate sets how much virtual time a run covers, not
//! how fast it goes.

use crate::scenario::builder::ScenarioBuilder;
use crate::scenario::preset::Preset;
use crate::scenario::Scenario;
use crate::scenario::{ChannelKind, Publish, QueueSpec, Subscription};

/// The shortest gap between two orders a scenario may have.
pub const FASTEST_MS: f64 = crate::compile::limits::MIN_INPUT_EVERY_MS;

/// One producer publishing to a fan-out channel with `n` subscribers.
pub fn fan_out(n: usize) -> Scenario {
    let mut b = ScenarioBuilder::new()
        .service("producer", 0.0)
        .workers(64)
        .publishes("topic")
        .pubsub("topic")
        .input("producer", FASTEST_MS, None)
        .network(0.1, 0.0);
    for i in 0..n {
        b = b
            .service(&format!("sub{i}"), 0.005)
            .workers(64)
            .consumes("topic");
    }
    b.build()
}

/// One producer feeding a queue drained by `n` competing consumers.
pub fn competing(n: usize, every_ms: f64) -> Scenario {
    let mut b = ScenarioBuilder::new()
        .service("producer", 0.0)
        .workers(64)
        .publishes("jobs")
        .queue("jobs", QueueSpec::default())
        .input("producer", every_ms, None)
        .network(0.1, 0.0);
    for i in 0..n {
        b = b
            .service(&format!("worker{i}"), 0.01)
            .workers(16)
            .consumes("jobs");
    }
    b.build()
}

/// A Kafka topic with `partitions` partitions (keys spread over 97
/// customers) read by `groups` consumer groups of `members` consumers each.
pub fn log_groups(partitions: u32, groups: usize, members: usize) -> Scenario {
    let mut b = ScenarioBuilder::new()
        .service("producer", 0.0)
        .workers(64)
        .publishes_with(Publish {
            key: Some("customer-{order%97}".into()),
            ..Publish::to("events")
        })
        .preset("events", Preset::KafkaTopic)
        .tune(|k| {
            if let ChannelKind::Log(l) = k {
                l.partitions = partitions;
                // Retention far beyond the run: the log keeps everything.
                l.retention_records = Some(100_000);
            }
        })
        .input("producer", FASTEST_MS, None)
        .network(0.1, 0.0);
    let mut s = {
        for g in 0..groups {
            for m in 0..members {
                b = b.service(&format!("g{g}c{m}"), 0.005).workers(4);
            }
        }
        b.build()
    };
    for g in 0..groups {
        for m in 0..members {
            s.subscriptions.push(Subscription {
                group: Some(format!("group{g}")),
                ..Subscription::new("events", &format!("g{g}c{m}"))
            });
        }
    }
    s
}
