//! Helpers shared by the story tests.
#![allow(dead_code)]

pub mod random;

use kurir_engine::observe::snapshot::copy_census;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::{QueueSpec, Scenario};
use kurir_engine::sim::trace::EventKind;
pub use kurir_engine::{ChannelId, ServiceId};
use kurir_engine::{Sim, SimOptions};

/// A simulation with a trace large enough to keep every event of a story.
pub fn sim(s: Scenario) -> Sim {
    Sim::new(
        s,
        SimOptions {
            trace_capacity: 1_000_000,
            ..SimOptions::default()
        },
    )
    .expect("the story's scenario is valid")
}

/// An Order service (1 ms of work) that publishes every order to queue `jobs`.
pub fn order_into_jobs(queue: QueueSpec) -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("jobs")
        .queue("jobs", queue)
}

/// Every built-in scenario once: the gallery, then the broker examples it
/// does not hold.
pub fn every_example() -> Vec<(&'static str, Scenario)> {
    let mut all = kurir_engine::examples::gallery();
    for (name, s) in kurir_engine::examples::brokers::all() {
        if all.iter().all(|(n, _)| *n != name) {
            all.push((name, s));
        }
    }
    all
}

/// A client places `n` orders at the first service, now.
pub fn place_orders(sim: &mut Sim, n: usize) {
    for _ in 0..n {
        sim.place_order(ServiceId(0));
    }
}

/// Index of a service by id.
pub fn svc(sim: &Sim, id: &str) -> ServiceId {
    let i = sim.scenario().services.iter().position(|s| s.id == id);
    ServiceId(i.expect("service exists") as u32)
}

/// Index of a channel by id.
pub fn ch(sim: &Sim, id: &str) -> ChannelId {
    let i = sim.scenario().channels.iter().position(|c| c.id == id);
    ChannelId(i.expect("channel exists") as u32)
}

/// All kept events, kinds only.
pub fn kinds(sim: &Sim) -> Vec<EventKind> {
    sim.trace().iter().map(|e| e.kind).collect()
}

/// Number of kept events matching `pred`.
pub fn count(sim: &Sim, pred: impl Fn(&EventKind) -> bool) -> usize {
    sim.trace().iter().filter(|e| pred(&e.kind)).count()
}

/// Conservation of copies, checked from the data structures themselves.
pub fn assert_conserved(sim: &Sim) {
    let m = sim.metrics();
    let created: u64 = m.channels.iter().map(|c| c.created).sum();
    let acked: u64 = m.channels.iter().map(|c| c.acked).sum();
    let dropped: u64 = m.channels.iter().map(|c| c.dropped).sum();
    let dead: u64 = m.channels.iter().map(|c| c.dead_lettered).sum();
    let redriven: u64 = m.channels.iter().map(|c| c.redriven).sum();
    let (queued, in_flight) = copy_census(sim);
    assert_eq!(
        created,
        acked + dropped + dead + redriven + queued + in_flight,
        "created {created} = acked {acked} + dropped {dropped} + dead-lettered {dead} \
         + redriven {redriven} + queued {queued} + in flight {in_flight}"
    );
}

/// Work items finished by service `id`.
pub fn processed(sim: &Sim, id: &str) -> u64 {
    sim.metrics().services[svc(sim, id).index()].processed
}

/// `members` shared `n` items between them (each did some), and `alone`
/// did all `n` by itself: one copy per group, competition inside it.
pub fn assert_shared_and_copied(sim: &Sim, members: &[&str], alone: &str, n: u64) {
    let done: Vec<u64> = members.iter().map(|m| processed(sim, m)).collect();
    assert_eq!(done.iter().sum::<u64>(), n, "{members:?}: {done:?}");
    assert!(done.iter().all(|&d| d > 0), "{members:?}: {done:?}");
    assert_eq!(processed(sim, alone), n, "{alone}");
}

/// Times of the deliveries from channel `channel`.
pub fn delivery_times(sim: &Sim, channel: ChannelId) -> Vec<u64> {
    sim.trace()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Deliver { channel: c, .. } if c == channel))
        .map(|e| e.t)
        .collect()
}

/// Message ids in delivery order (redeliveries included).
pub fn delivered_msgs(sim: &Sim) -> Vec<u64> {
    sim.trace()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Deliver { msg, .. } => Some(msg),
            _ => None,
        })
        .collect()
}
