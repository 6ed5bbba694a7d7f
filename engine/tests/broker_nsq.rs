//! NSQ: a topic copies every message to each of its channels; consumers of
//! one channel share; RDY limits what a consumer holds; FIN, REQ with a
//! delay, TOUCH; msg-timeout requeues; no built-in dead letter.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, RetryPolicy};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};

/// Topic `orders` with channels `finance` and `report`.
fn topic() -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::NsqTopic)
        .bind("finance", None)
        .bind("report", None)
        .preset("finance", Preset::NsqChannel)
        .preset("report", Preset::NsqChannel)
}

fn tune_finance(
    b: ScenarioBuilder,
    f: impl FnOnce(&mut kurir_engine::scenario::QueueSpec),
) -> ScenarioBuilder {
    let mut s = b.build();
    if let ChannelKind::Queue(q) = &mut s.channels[1].kind {
        f(q);
    }
    ScenarioBuilder::from(s)
}

#[test]
fn every_channel_gets_a_copy_and_consumers_of_one_channel_share() {
    // Given two Finance consumers on `finance` and one Report consumer on `report`
    let s = topic()
        .service("finance-1", 10.0)
        .consumes("finance")
        .service("finance-2", 10.0)
        .consumes("finance")
        .service("report", 10.0)
        .consumes("report")
        .build();
    let mut sim = sim(s);
    // When 10 messages are published to the topic
    place_orders(&mut sim, 10);
    sim.run_for(5 * SEC);
    // Then finance's consumers split 10 between them, report got all 10
    assert_shared_and_copied(&sim, &["finance-1", "finance-2"], "report", 10);
    assert_conserved(&sim);
}

#[test]
fn a_topic_with_no_channel_keeps_its_messages() {
    // Given a topic nobody has created a channel on
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::NsqTopic)
        .build();
    let mut sim = sim(s);
    // When 4 messages are published
    place_orders(&mut sim, 4);
    sim.run_for(SEC);
    // Then they wait in the topic; nothing is lost
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 4);
    assert_eq!(sim.metrics().channels[0].dropped, 0);
    assert_conserved(&sim);
}

#[test]
fn req_puts_a_failed_message_back_after_the_requeue_delay() {
    // Given a consumer that fails, and a 2 s requeue delay
    let b = topic()
        .service("finance", 1.0)
        .fails(1.0)
        .consumes("finance");
    let s = tune_finance(b, |q| q.retry = RetryPolicy::Delay { ms: 2_000.0 }).build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(3 * SEC);
    // Then attempt 2 arrives 2 s after attempt 1 failed
    let times = delivery_times(&sim, ChannelId(1));
    assert_eq!(times.len(), 2);
    assert!(times[1] - times[0] >= 2 * SEC, "{times:?}");
    assert_conserved(&sim);
}

#[test]
fn a_message_not_finished_within_msg_timeout_is_requeued_with_one_more_attempt() {
    // Given a consumer that takes 70 s, beyond the 60 s msg-timeout
    let s = topic()
        .service("finance", 70_000.0)
        .workers(2)
        .consumes("finance")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(80 * SEC);
    // Then at 60 s the message timed out and went out again as attempt 2
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Redeliver {
                cause: RedeliverCause::Timeout,
                attempt: 2,
                ..
            }
        )),
        1
    );
    // and the first FIN, arriving late, found nothing to finish
    assert_eq!(count(&sim, |k| matches!(k, EventKind::AckLate { .. })), 1);
    assert_conserved(&sim);
}

#[test]
fn touch_keeps_a_slow_message_from_timing_out() {
    // Given the same slow consumer, which TOUCHes while it works
    let b = topic().service("finance", 70_000.0).consumes("finance");
    let s = tune_finance(b, |q| q.touch = true).build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(80 * SEC);
    // Then there is no redelivery and the FIN counts
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Redeliver { .. })), 0);
    assert_eq!(sim.metrics().channels[1].acked, 1);
    assert_conserved(&sim);
}

#[test]
fn after_max_attempts_the_client_gives_up_there_is_no_dead_letter_queue() {
    // Given a consumer that always fails (go-nsq's default 5 attempts)
    let b = topic()
        .service("finance", 1.0)
        .fails(1.0)
        .consumes("finance");
    let s = tune_finance(b, |q| q.retry = RetryPolicy::Immediate).build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    // Then after 5 attempts the message is discarded
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Deliver {
                channel: ChannelId(1),
                ..
            }
        )),
        5
    );
    assert_eq!(sim.metrics().dropped(DropReason::MaxDeliveries), 1);
    assert_eq!(sim.metrics().channels[1].dead_lettered, 0);
    assert_conserved(&sim);
}

#[test]
fn rdy_limits_how_many_messages_a_consumer_holds() {
    // Given a consumer with RDY 1 (prefetch) and 4 workers
    let s = topic()
        .service("finance", 500.0)
        .workers(4)
        .consumes("finance")
        .prefetch(1)
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 4);
    sim.run_for(100 * MS);
    // Then only one message is in flight to it; three wait in the channel
    assert_eq!(snapshot(&sim, 0).channels[1].depth, 3);
    assert_eq!(snapshot(&sim, 0).services[1].busy, 1);
    assert_conserved(&sim);
}
