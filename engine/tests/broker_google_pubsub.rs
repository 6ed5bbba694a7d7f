//! Google Cloud Pub/Sub: a topic copies to each subscription; subscribers of
//! one subscription share; ack deadline, nack, retry policy, dead-letter
//! topic after max delivery attempts, ordering keys.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, Publish, QueueSpec, RetryPolicy};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};

/// Topic `orders` with subscriptions `finance-sub` and `report-sub`.
fn topic() -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::GooglePubsubTopic)
        .bind("finance-sub", None)
        .bind("report-sub", None)
        .preset("finance-sub", Preset::GooglePubsubSubscription)
        .preset("report-sub", Preset::GooglePubsubSubscription)
}

fn with_sub(b: ScenarioBuilder, f: impl FnOnce(&mut QueueSpec)) -> ScenarioBuilder {
    let mut s = b.build();
    if let ChannelKind::Queue(q) = &mut s.channels[1].kind {
        f(q);
    }
    ScenarioBuilder::from(s)
}

#[test]
fn each_subscription_gets_every_message_and_its_subscribers_share() {
    let s = topic()
        .service("finance-1", 10.0)
        .consumes("finance-sub")
        .service("finance-2", 10.0)
        .consumes("finance-sub")
        .service("report", 10.0)
        .consumes("report-sub")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 8);
    sim.run_for(5 * SEC);
    assert_shared_and_copied(&sim, &["finance-1", "finance-2"], "report", 8);
    assert_conserved(&sim);
}

#[test]
fn a_topic_without_subscriptions_loses_the_message() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::GooglePubsubTopic)
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().dropped(DropReason::Unroutable), 1);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 0);
    assert_conserved(&sim);
}

#[test]
fn a_message_not_acked_within_the_10_s_deadline_is_redelivered() {
    // Given a subscriber that needs 15 s per message
    let s = topic()
        .service("finance", 15_000.0)
        .workers(2)
        .consumes("finance-sub")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(12 * SEC);
    // Then the deadline (10 s) passed and it went out again
    let redelivered: Vec<u64> = sim
        .trace()
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Redeliver {
                    cause: RedeliverCause::Timeout,
                    ..
                }
            )
        })
        .map(|e| e.t)
        .collect();
    assert_eq!(redelivered.len(), 1);
    assert!(redelivered[0] >= 10 * SEC && redelivered[0] < 11 * SEC);
    assert_conserved(&sim);
}

#[test]
fn nack_redelivers_at_once_or_after_exponential_backoff() {
    // Given a failing subscriber with backoff 1 s .. 4 s
    let b = topic()
        .service("finance", 1.0)
        .fails(1.0)
        .consumes("finance-sub");
    let s = with_sub(b, |q| {
        q.retry = RetryPolicy::Backoff {
            min_ms: 1_000.0,
            max_ms: 4_000.0,
        };
        q.max_deliveries = 5;
    })
    .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(30 * SEC);
    // Then the gaps between attempts grow 1 s, 2 s, 4 s, 4 s
    let times = delivery_times(&sim, ChannelId(1));
    let gaps: Vec<u64> = times
        .windows(2)
        .map(|w| (w[1] - w[0]) / (100 * MS))
        .collect();
    assert_eq!(
        gaps,
        vec![10, 20, 40, 40],
        "in tenths of a second: {times:?}"
    );
    assert_conserved(&sim);
}

/// Google Cloud docs, Handle message failures › Dead-letter topics: the
/// maximum number of delivery attempts is 5 to 100, and 5 when a dead-letter
/// topic is set without it (`--max-delivery-attempts` defaults to 5).
#[test]
fn after_max_delivery_attempts_the_message_goes_to_the_dead_letter_topic() {
    // Given a subscription with a dead-letter topic and 5 attempts — set, or
    // left unset (0)
    for attempts in [5, 0] {
        let b = topic()
            .preset("dead", Preset::GooglePubsubTopic)
            .bind("dead-sub", None)
            .preset("dead-sub", Preset::GooglePubsubSubscription)
            .service("finance", 1.0)
            .fails(1.0)
            .consumes("finance-sub");
        let s = with_sub(b, |q| {
            q.dead_letter = Some("dead".into());
            q.max_deliveries = attempts;
        })
        .build();
        let mut sim = sim(s);
        sim.place_order(ServiceId(0));
        sim.run_for(5 * SEC);
        // Then it was tried 5 times and now waits in the dead-letter subscription
        assert_eq!(
            count(&sim, |k| matches!(
                k,
                EventKind::Deliver {
                    channel: ChannelId(1),
                    ..
                }
            )),
            5,
            "max_deliveries {attempts}"
        );
        assert_eq!(
            count(&sim, |k| matches!(k, EventKind::DeadLetter { .. })),
            1
        );
        assert_eq!(
            snapshot(&sim, 0).channels[ch(&sim, "dead-sub").index()].depth,
            1
        );
        assert_conserved(&sim);
    }
}

#[test]
fn without_a_dead_letter_topic_delivery_is_retried_indefinitely() {
    let s = topic()
        .service("finance", 1.0)
        .fails(1.0)
        .consumes("finance-sub")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(2 * SEC);
    assert!(
        count(&sim, |k| matches!(
            k,
            EventKind::Deliver {
                channel: ChannelId(1),
                ..
            }
        )) > 50
    );
    assert_eq!(sim.metrics().dropped(DropReason::MaxDeliveries), 0);
}

#[test]
fn messages_with_the_same_ordering_key_are_delivered_one_at_a_time_in_order() {
    // Given ordering on, keys by customer, and a subscriber with 4 workers
    let b = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            key: Some("customer-{order%2}".into()),
            ..Publish::to("orders")
        })
        .preset("orders", Preset::GooglePubsubTopic)
        .bind("finance-sub", None)
        .preset("finance-sub", Preset::GooglePubsubSubscription)
        .preset("unused", Preset::GooglePubsubSubscription)
        .service("finance", 100.0)
        .workers(4)
        .consumes("finance-sub");
    let s = with_sub(b, |q| q.ordered_by_key = true).build();
    let mut sim = sim(s);
    // When 6 messages of 2 keys arrive together
    place_orders(&mut sim, 6);
    sim.run_for(50 * MS);
    // Then only two are in flight (one per key), the rest wait their turn
    assert_eq!(snapshot(&sim, 0).services[1].busy, 2);
    sim.run_for(2 * SEC);
    assert_eq!(sim.metrics().services[1].processed, 6);
    assert_conserved(&sim);
}
