//! Poison messages: one order whose work fails at a service every time
//! (`fails_orders`), so the classic story — retries, the delivery limit, the
//! dead letter, a FIFO group held up behind it — runs the same on every seed.

mod common;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, Publish};
use kurir_engine::sim::trace::EventKind;
use kurir_engine::{Scenario, Sim, SimOptions};

/// Orders → `tasks` (`preset`, dead-lettering to `dead` after `limit`
/// deliveries) → a worker that always fails order 2; the message key is
/// `key` (a FIFO message group).
fn poisoned(preset: Preset, limit: u32, key: &str) -> Scenario {
    let mut s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            key: Some(key.into()),
            ..Publish::to("tasks")
        })
        .preset("tasks", preset)
        .preset("dead", preset)
        .service("worker", 10.0)
        .consumes("tasks")
        .build();
    s.services[1].fails_orders = vec![2];
    if let ChannelKind::Queue(q) = &mut s.channels[0].kind {
        q.max_deliveries = limit;
        q.dead_letter = Some("dead".into());
    }
    s
}

/// The message the order service published for `order`.
fn message_of(sim: &Sim, order: u64) -> u64 {
    (sim.trace().iter())
        .find_map(|e| match e.kind {
            EventKind::Publish { msg, order: o, .. } if o == order => Some(msg),
            _ => None,
        })
        .expect("the order was published")
}

/// Deliveries of `order`'s message from `tasks`.
fn deliveries_of(sim: &Sim, order: u64) -> usize {
    let id = message_of(sim, order);
    count(
        sim,
        |k| matches!(k, EventKind::Deliver { channel: ChannelId(0), msg, .. } if *msg == id),
    )
}

/// RabbitMQ docs, Quorum Queues › Poison Message Handling: a message that
/// keeps failing is returned again and again until the delivery limit, then
/// dead-lettered; the others go on.
#[test]
fn a_poison_order_is_retried_to_the_limit_and_dead_lettered_on_every_seed() {
    for seed in [1, 7, 2026] {
        // Given a RabbitMQ queue (limit 20 returns) and a worker that always fails order 2
        let s = poisoned(Preset::RabbitmqQueue, 21, "any");
        let mut sim = Sim::new(
            s,
            SimOptions {
                seed: Some(seed),
                trace_capacity: 1_000_000,
                ..SimOptions::default()
            },
        )
        .unwrap();
        // When three orders come in
        place_orders(&mut sim, 3);
        sim.run_for(10 * SEC);
        // Then order 2 was delivered 21 times and waits in the dead-letter queue
        assert_eq!(deliveries_of(&sim, 2), 21, "seed {seed}");
        assert_eq!(snapshot(&sim, 0).channels[1].depth, 1);
        // while orders 1 and 3 were done once each
        assert_eq!(deliveries_of(&sim, 1), 1);
        assert_eq!(deliveries_of(&sim, 3), 1);
        assert_eq!(processed(&sim, "worker"), 2);
        assert_conserved(&sim);
    }
}

/// AWS docs, Amazon SQS FIFO queues › message group: while a message of a
/// group is in flight, no later message of that group is received — so a
/// message that keeps failing holds its group up until the redrive policy
/// moves it to the dead-letter queue (after `maxReceiveCount` receives).
#[test]
fn a_poison_message_holds_its_fifo_group_up_until_it_is_dead_lettered() {
    // Given a FIFO queue (redrive after 3 receives), one message group for
    // every order, and a worker that always fails order 2
    let mut sim = sim(poisoned(Preset::SqsFifoQueue, 3, "customer-1"));
    // When three orders come in, one after another (each failed receive of
    // order 2 comes back after the 30 s visibility timeout; after the third
    // the redrive policy moves it)
    place_orders(&mut sim, 3);
    sim.run_for(100 * SEC);
    // Then order 2 was received 3 times and moved to the dead-letter queue,
    // and order 3 was received only after that: it waited behind order 2
    assert_eq!(deliveries_of(&sim, 1), 1);
    assert_eq!(deliveries_of(&sim, 2), 3);
    assert_eq!(deliveries_of(&sim, 3), 1);
    let when =
        |pred: &dyn Fn(&EventKind) -> bool| sim.trace().iter().position(|e| pred(&e.kind)).unwrap();
    let third = message_of(&sim, 3);
    let dead = when(&|k| matches!(k, EventKind::DeadLetter { .. }));
    let next = when(&|k| matches!(k, EventKind::Deliver { msg, .. } if *msg == third));
    assert!(
        dead < next,
        "order 3 went out before order 2 left the group"
    );
    assert_eq!(snapshot(&sim, 0).channels[1].depth, 1);
    assert_conserved(&sim);
}
