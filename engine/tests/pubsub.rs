//! Pub/Sub channels: a copy to every current subscriber, nothing kept.

mod common;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::sim::trace::{DropReason, EventKind};

fn fan_out(subscribers: usize) -> kurir_engine::Scenario {
    let mut b = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("news")
        .pubsub("news");
    for i in 0..subscribers {
        b = b.service(&format!("s{i}"), 10.0).consumes("news");
    }
    b.build()
}

#[test]
fn every_subscriber_gets_its_own_copy() {
    let mut sim = sim(fan_out(3));
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 3, .. })),
        1
    );
    for i in 1..=3 {
        assert_eq!(sim.metrics().services[i].processed, 1);
    }
    assert_eq!(sim.metrics().payload_sent[0][0], 1);
    assert_eq!(sim.metrics().payload_delivered[0][0], 3);
    assert_conserved(&sim);
}

#[test]
fn with_no_subscriber_the_message_is_lost() {
    let mut sim = sim(fan_out(0));
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().dropped(DropReason::NoSubscriber), 1);
    // Its work ended, but not done: the order did not complete
    assert_eq!(sim.metrics().orders.completed, 0);
    assert_eq!(sim.metrics().orders.lost, 1);
    assert_eq!(sim.metrics().orders.recent[0].lost, 1);
    assert_conserved(&sim);
}

#[test]
fn a_subscriber_that_is_down_misses_the_message_for_good() {
    let mut sim = sim(fan_out(2));
    sim.set_service_up(ServiceId(2), false);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    sim.set_service_up(ServiceId(2), true);
    sim.run_for(SEC);
    assert_eq!(sim.metrics().channels[0].missed, 1);
    assert_eq!(sim.metrics().dropped(DropReason::SubscriberDown), 0);
    assert_eq!(sim.metrics().services[1].processed, 1);
    assert_eq!(sim.metrics().services[2].processed, 0, "nothing replayed");
    assert_conserved(&sim);
}

#[test]
fn a_subscriber_that_crashes_while_working_loses_the_copy() {
    let mut sim = sim(fan_out(1));
    sim.place_order(ServiceId(0));
    sim.run_for(8 * kurir_engine::base::time::MS); // copy delivered, work under way
    sim.set_service_up(ServiceId(1), false);
    sim.run_for(SEC);
    assert_eq!(sim.metrics().dropped(DropReason::ConsumerCrashed), 1);
    assert_conserved(&sim);
}

#[test]
fn busy_subscribers_buffer_pushed_copies_and_work_through_them() {
    let mut sim = sim(fan_out(1));
    place_orders(&mut sim, 5);
    sim.run_for(10 * SEC);
    assert_eq!(sim.metrics().services[1].processed, 5);
    assert_conserved(&sim);
}

#[test]
fn members_of_one_group_share_a_copy_while_each_group_gets_its_own() {
    // Two Finance instances in group "finance" and one Report: each order
    // reaches Report once and exactly one Finance instance, in turns.
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("order")
        .pubsub("order")
        .service("finance-1", 10.0)
        .consumes_in("order", "finance")
        .service("finance-2", 10.0)
        .consumes_in("order", "finance")
        .service("report", 10.0)
        .consumes("order")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 6);
    sim.run_for(SEC);
    let done: Vec<u64> = sim.metrics().services.iter().map(|s| s.processed).collect();
    assert_eq!(done, vec![6, 3, 3, 6]);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 2, .. })),
        6
    );
    assert_conserved(&sim);
}

#[test]
fn a_group_whose_members_are_all_down_loses_its_copy_but_a_live_member_takes_over() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("order")
        .pubsub("order")
        .service("a", 10.0)
        .consumes_in("order", "g")
        .service("b", 10.0)
        .consumes_in("order", "g")
        .build();
    let mut sim = sim(s);
    sim.set_service_up(ServiceId(1), false);
    sim.place_order(ServiceId(0));
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(
        sim.metrics().services[2].processed,
        2,
        "b takes every copy while a is down"
    );
    sim.set_service_up(ServiceId(2), false);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // The group is not connected: its one copy is missed, not made and lost
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 0, .. })),
        1
    );
    assert_eq!(sim.metrics().channels[0].missed, 1);
    assert_eq!(sim.metrics().channels[0].dropped, 0);
    assert_conserved(&sim);
}
