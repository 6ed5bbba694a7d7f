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

/// nsqd (`channel.go`, `processInFlightQueue`): a message whose
/// `msg-timeout` runs out is put straight back into the channel; a requeue
/// delay is only what a consumer asks for with `REQ`.
#[test]
fn a_timed_out_message_goes_straight_back_even_with_a_requeue_delay() {
    // Given the channel preset (go-nsq's requeue delay of 90 s per attempt),
    // a consumer that takes 70 s, and a second one that is free
    let s = topic()
        .service("finance-1", 70_000.0)
        .consumes("finance")
        .service("finance-2", 70_000.0)
        .consumes("finance")
        .build();
    let mut sim = sim(s);
    let second = svc(&sim, "finance-2");
    sim.set_service_up(second, false);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    sim.set_service_up(second, true);
    // When the first consumer's 60 s msg-timeout runs out
    sim.run_for(61 * SEC);
    // Then the other consumer has it as attempt 2 at once, not 90 s later
    let again: Vec<u64> = (sim.trace().iter())
        .filter(|e| matches!(e.kind, EventKind::Deliver { attempt: 2, service, .. } if service == second))
        .map(|e| e.t)
        .collect();
    assert_eq!(again.len(), 1, "{again:?}");
    assert!(again[0] < 61 * SEC, "{again:?}");
    assert_conserved(&sim);
}

/// go-nsq (`conn.go`, `onMessageRequeue`): `Requeue(-1)` waits
/// `DefaultRequeueDelay × attempts`, at most `MaxRequeueDelay`; the defaults
/// are 90 s and 15 min (`config.go`).
#[test]
fn the_default_requeue_delay_grows_with_attempts_up_to_15_minutes() {
    // Given the channel preset, 12 attempts, and a consumer that always fails
    let b = topic()
        .service("finance", 1.0)
        .fails(1.0)
        .consumes("finance");
    let s = tune_finance(b, |q| q.max_deliveries = 12).build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(3 * 3_600 * SEC);
    // Then the gaps between deliveries are 90 s, 180 s, … up to 900 s
    let times = delivery_times(&sim, ChannelId(1));
    assert_eq!(times.len(), 12);
    let gaps: Vec<u64> = times.windows(2).map(|w| (w[1] - w[0]) / SEC).collect();
    assert_eq!(gaps, [90, 180, 270, 360, 450, 540, 630, 720, 810, 900, 900]);
    // and each `redeliver` line says when the message is due
    let due: Vec<u64> = (sim.trace().iter())
        .filter_map(|e| match e.kind {
            EventKind::Redeliver { available_at, .. } => Some((available_at - e.t) / SEC),
            _ => None,
        })
        .collect();
    assert_eq!(due, gaps);
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
