//! Redis Pub/Sub: fan-out to the subscribers connected at that moment,
//! nothing stored, no acknowledgement (at-most-once), glob patterns.

mod common;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::sim::trace::{DropReason, EventKind};

/// Order publishes to Redis channel `order`; `n` services SUBSCRIBE to it.
fn redis(n: usize) -> ScenarioBuilder {
    let mut b = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("order")
        .preset("order", Preset::RedisPubsub);
    for i in 0..n {
        b = b.service(&format!("s{i}"), 10.0).consumes("order");
    }
    b
}

#[test]
fn publish_reaches_every_connected_subscriber_and_reports_how_many() {
    // Given Finance and Report subscribed to `order`
    let mut sim = sim(redis(2).build());
    // When Order publishes one message
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then PUBLISH reports 2 receivers and each got its own copy
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 2, .. })),
        1
    );
    assert_eq!(sim.metrics().services[1].processed, 1);
    assert_eq!(sim.metrics().services[2].processed, 1);
    assert_conserved(&sim);
}

#[test]
fn with_no_subscriber_publish_reports_zero_and_the_message_is_gone() {
    // Given nobody subscribed to `order`
    let mut sim = sim(redis(0).build());
    // When Order publishes
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then PUBLISH reports 0 and nothing is kept anywhere
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 0, .. })),
        1
    );
    assert_eq!(sim.metrics().dropped(DropReason::NoSubscriber), 1);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 0);
    assert_conserved(&sim);
}

/// Redis docs, PUBLISH: the reply is "the number of clients that received
/// the message", and Pub/Sub keeps nothing for a client that is not
/// subscribed at that moment (a disconnected client is not). So a
/// subscriber that is down counts for nothing and gets no copy to lose.
#[test]
fn a_subscriber_that_was_away_gets_nothing_it_missed() {
    // Given s1 disconnected
    let mut sim = sim(redis(2).build());
    sim.set_service_up(ServiceId(2), false);
    // When three messages are published and s1 reconnects afterwards
    place_orders(&mut sim, 3);
    sim.run_for(SEC);
    sim.set_service_up(ServiceId(2), true);
    sim.run_for(10 * SEC);
    // Then PUBLISH counted one receiver each time: s0 saw all three
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 1, .. })),
        3
    );
    assert_eq!(sim.metrics().services[1].processed, 3);
    // and s1 never sees them: no copy was made for it, it missed them
    assert_eq!(sim.metrics().services[2].processed, 0);
    assert_eq!(sim.metrics().channels[0].created, 3);
    assert_eq!(sim.metrics().dropped(DropReason::SubscriberDown), 0);
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Missed {
                service: ServiceId(2),
                ..
            }
        )),
        3
    );
    assert_eq!(snapshot(&sim, 0).channels[0].missed, 3);
    // and each of those orders lost that piece of work
    assert!(sim.metrics().orders.recent.iter().all(|o| o.lost == 1));
    assert_conserved(&sim);
}

#[test]
fn when_every_subscriber_is_away_publish_reports_zero() {
    // Given both subscribers disconnected
    let mut sim = sim(redis(2).build());
    sim.set_service_up(ServiceId(1), false);
    sim.set_service_up(ServiceId(2), false);
    // When Order publishes
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then PUBLISH reports 0 and both missed it: no copy was made to lose
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 0, .. })),
        1
    );
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Missed { .. })), 2);
    assert_eq!(sim.metrics().channels[0].dropped, 0);
    assert_eq!(sim.metrics().orders.recent[0].lost, 2);
    assert_conserved(&sim);
}

#[test]
fn there_is_no_ack_so_a_failed_handler_loses_the_message() {
    // Given a subscriber whose handler always fails
    let mut sim = sim(redis(1).fails(1.0).build());
    // When a message is published
    sim.place_order(ServiceId(0));
    sim.run_for(10 * SEC);
    // Then it is never delivered again (at-most-once)
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Deliver { .. })), 1);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Redeliver { .. })), 0);
    assert_eq!(sim.metrics().dropped(DropReason::ProcessingFailed), 1);
    assert_conserved(&sim);
}

#[test]
fn a_pattern_subscriber_gets_every_matching_channel_and_no_other() {
    // Given an Audit service with PSUBSCRIBE order.* and three channels
    let s = ScenarioBuilder::new()
        .service("shop", 1.0)
        .publishes("order.created")
        .publishes("order.paid")
        .publishes("email")
        .preset("order.created", Preset::RedisPubsub)
        .preset("order.paid", Preset::RedisPubsub)
        .preset("email", Preset::RedisPubsub)
        .service("audit", 1.0)
        .pattern("order.*")
        .build();
    let mut sim = sim(s);
    // When the shop publishes one message to each
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then Audit got the two order.* messages; email had no subscriber
    assert_eq!(sim.metrics().services[1].processed, 2);
    assert_eq!(sim.metrics().dropped(DropReason::NoSubscriber), 1);
    assert_conserved(&sim);
}

#[test]
fn subscribed_by_name_and_by_pattern_means_one_copy_per_match() {
    // Given Audit subscribed to `order` and also to the pattern `ord*`
    let s = redis(0)
        .service("audit", 1.0)
        .consumes("order")
        .pattern("ord*")
        .build();
    let mut sim = sim(s);
    // When one message is published
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then Audit receives it twice, as Redis delivers once per match
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 2, .. })),
        1
    );
    assert_eq!(sim.metrics().services[1].processed, 2);
    assert_conserved(&sim);
}

/// Redis `PUBLISH` docs, return value: "the number of clients that the
/// message was sent to". The snapshot keeps the latest count, for the canvas.
#[test]
fn the_snapshot_shows_how_many_clients_the_latest_publish_reached() {
    let mut sim = sim(redis(3).build());
    assert_eq!(
        snapshot(&sim, 0).channels[0].last_copies,
        None,
        "nothing published yet"
    );
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(snapshot(&sim, 0).channels[0].last_copies, Some(3));
    // One subscriber disconnects: the next PUBLISH reaches two.
    sim.set_service_up(ServiceId(2), false);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(snapshot(&sim, 0).channels[0].last_copies, Some(2));
}
