//! Queue channels: stored until consumed, competing consumers, acks,
//! redelivery, dead-lettering, TTL and length limits.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::{Overflow, QueueSpec};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};

fn queue(f: impl FnOnce(&mut QueueSpec)) -> QueueSpec {
    let mut q = QueueSpec::default();
    f(&mut q);
    q
}

#[test]
fn competing_consumers_take_turns_and_each_message_is_processed_once() {
    let s = order_into_jobs(QueueSpec::default())
        .service("a", 100.0)
        .consumes("jobs")
        .service("b", 100.0)
        .consumes("jobs")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 10);
    sim.run_for(10 * SEC);
    let m = sim.metrics();
    assert_eq!(m.services[1].processed + m.services[2].processed, 10);
    assert_eq!(m.services[1].processed, 5, "round-robin: half each");
    assert_eq!(m.channels[0].acked, 10);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Ack { .. })), 10);
    assert_conserved(&sim);
}

#[test]
fn a_message_waits_in_the_queue_while_its_consumer_is_down_and_flows_when_it_returns() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("sms")
        .queue("sms", QueueSpec::default())
        .service("sms", 10.0)
        .consumes("sms")
        .down()
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 3);
    sim.run_for(SEC);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 3, "stored, not lost");
    sim.set_service_up(ServiceId(1), true);
    sim.run_for(SEC);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 0);
    assert_eq!(sim.metrics().services[1].processed, 3);
    assert_eq!(sim.metrics().orders.completed, 3);
}

#[test]
fn a_failed_delivery_is_nacked_and_redelivered_then_dead_lettered_after_the_limit() {
    let s = order_into_jobs(queue(|q| {
        q.max_deliveries = 3;
        q.dead_letter = Some("dlq".into());
    }))
    .queue("dlq", QueueSpec::default())
    .service("worker", 10.0)
    .fails(1.0)
    .consumes("jobs")
    .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    let attempts: Vec<u32> = sim
        .trace()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Deliver { attempt, .. } => Some(attempt),
            _ => None,
        })
        .collect();
    assert_eq!(attempts, vec![1, 2, 3]);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Nack { .. })), 3);
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Redeliver {
                cause: RedeliverCause::Nack,
                ..
            }
        )),
        2
    );
    assert_eq!(sim.metrics().channels[0].dead_lettered, 1);
    assert_eq!(
        snapshot(&sim, 0).channels[1].depth,
        1,
        "it waits in the DLQ"
    );
    assert_eq!(
        sim.open_orders(),
        1,
        "an order with a dead letter is not complete"
    );
    assert_conserved(&sim);
}

#[test]
fn without_a_dead_letter_channel_the_message_is_dropped_after_the_limit() {
    let s = order_into_jobs(queue(|q| q.max_deliveries = 2))
        .service("worker", 10.0)
        .fails(1.0)
        .consumes("jobs")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    assert_eq!(sim.metrics().dropped(DropReason::MaxDeliveries), 1);
    assert_eq!(sim.metrics().orders.recent[0].lost, 1);
    assert_conserved(&sim);
}

#[test]
fn a_consumer_that_crashes_mid_work_gets_its_message_redelivered_after_the_visibility_timeout() {
    let s = order_into_jobs(queue(|q| q.visibility_timeout_ms = 500.0))
        .service("a", 200.0)
        .consumes("jobs")
        .service("b", 200.0)
        .consumes("jobs")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(50 * MS); // delivered to `a`, which is working on it
    sim.set_service_up(ServiceId(1), false);
    sim.run_for(2 * SEC);
    let redelivered = sim.trace().iter().find(|e| {
        matches!(
            e.kind,
            EventKind::Redeliver {
                cause: RedeliverCause::Timeout,
                ..
            }
        )
    });
    assert!(redelivered.is_some(), "the lease ran out");
    assert_eq!(sim.metrics().services[2].processed, 1, "b did it instead");
    assert_eq!(sim.metrics().channels[0].acked, 1);
    assert_conserved(&sim);
}

#[test]
fn work_slower_than_the_visibility_timeout_is_done_twice_and_the_late_ack_is_ignored() {
    let s = order_into_jobs(queue(|q| q.visibility_timeout_ms = 100.0))
        .service("a", 300.0)
        .consumes("jobs")
        .service("b", 50.0)
        .consumes("jobs")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(2 * SEC);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::AckLate { .. })), 1);
    assert_eq!(sim.metrics().channels[0].acked, 1, "acked once, by b");
    let processed: u64 = sim.metrics().services[1..]
        .iter()
        .map(|s| s.processed)
        .sum();
    assert_eq!(processed, 2, "at-least-once: a duplicate");
    assert_conserved(&sim);
}

#[test]
fn messages_older_than_the_ttl_expire_in_the_queue() {
    let s = order_into_jobs(queue(|q| q.ttl_ms = Some(200.0)))
        .service("worker", 10.0)
        .consumes("jobs")
        .down()
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().dropped(DropReason::Expired), 2);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 0);
    assert_conserved(&sim);
}

#[test]
fn a_full_queue_drops_its_oldest_message_or_rejects_the_new_one() {
    for (overflow, reason, lost_msg) in [
        (Overflow::DropOldest, DropReason::Overflow, 1),
        (Overflow::Reject, DropReason::Rejected, 3),
    ] {
        let s = order_into_jobs(queue(|q| {
            q.max_length = Some(2);
            q.overflow = overflow;
        }))
        .service("worker", 10.0)
        .consumes("jobs")
        .down()
        .build();
        let mut sim = sim(s);
        place_orders(&mut sim, 3);
        sim.run_for(SEC);
        assert_eq!(sim.metrics().dropped(reason), 1, "{overflow:?}");
        assert_eq!(snapshot(&sim, 0).channels[0].depth, 2);
        let dropped = sim
            .trace()
            .iter()
            .find_map(|e| match e.kind {
                EventKind::Drop { msg, .. } => Some(msg),
                _ => None,
            })
            .unwrap();
        assert_eq!(dropped, lost_msg, "{overflow:?} dropped the right message");
        assert_conserved(&sim);
    }
}

#[test]
fn a_consumer_never_holds_more_than_its_workers_in_unacked_messages() {
    let s = order_into_jobs(QueueSpec::default())
        .service("worker", 500.0)
        .workers(3)
        .consumes("jobs")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 20);
    sim.run_for(200 * MS);
    let snap = snapshot(&sim, 0);
    assert_eq!(snap.channels[0].unacked, 3, "prefetch = workers");
    assert_eq!(snap.channels[0].depth, 17);
}

#[test]
fn a_larger_prefetch_buffers_messages_at_the_consumer() {
    let s = order_into_jobs(QueueSpec::default())
        .service("worker", 500.0)
        .consumes("jobs")
        .prefetch(5)
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 20);
    sim.run_for(200 * MS);
    let snap = snapshot(&sim, 0);
    assert_eq!(snap.channels[0].unacked, 5, "five held by the consumer");
    assert_eq!(snap.services[1].busy, 1, "one worked on");
    assert_eq!(snap.services[1].waiting, 4, "four buffered in its inbox");
    assert_eq!(snap.channels[0].depth, 15);
}

#[test]
fn with_auto_ack_a_crash_loses_the_buffered_messages_for_good() {
    // Manual ack: the crash is survived (visibility timeout); auto ack: the
    // queue had already forgotten everything it pushed to the consumer.
    for (auto, lost) in [(false, 0), (true, 5)] {
        let mut b = order_into_jobs(queue(|q| q.visibility_timeout_ms = 1_000.0))
            .service("worker", 500.0)
            .consumes("jobs");
        if auto {
            b = b.auto_ack();
        }
        let mut sim = sim(b.build());
        place_orders(&mut sim, 5);
        sim.run_for(100 * MS);
        if auto {
            assert_eq!(
                snapshot(&sim, 0).channels[0].depth,
                0,
                "auto ack drains the queue at once"
            );
        }
        sim.set_service_up(ServiceId(1), false);
        sim.run_for(2 * SEC);
        sim.set_service_up(ServiceId(1), true);
        sim.run_for(10 * SEC);
        let records = &sim.metrics().orders.recent;
        let lost_work: u32 = records.iter().map(|r| r.lost).sum();
        assert_eq!(lost_work, lost, "auto ack: {auto}");
        assert_eq!(
            sim.metrics().services[1].processed,
            5 - lost as u64,
            "auto ack: {auto}"
        );
        assert_conserved(&sim);
    }
}
