//! Amazon SQS with SNS fan-out: visibility timeout and receive count,
//! redrive to a dead-letter queue, retention, FIFO message groups and
//! deduplication, SNS subscriptions with filter policies.

mod common;

use kurir_engine::observe::snapshot::snapshot;
use std::collections::BTreeMap;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{Binding, ChannelKind, Publish, QueueSpec};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};

fn sqs(preset: Preset) -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            key: Some("customer-{order%2}".into()),
            ..Publish::to("orders")
        })
        .preset("orders", preset)
}

fn with_queue(b: ScenarioBuilder, f: impl FnOnce(&mut QueueSpec)) -> ScenarioBuilder {
    let mut s = b.build();
    if let ChannelKind::Queue(q) = &mut s.channels[0].kind {
        f(q);
    }
    ScenarioBuilder::from(s)
}

/// A worker that fails every message of `orders`, whose redrive policy
/// moves a message to `orders-dlq` after `max_receives` receives.
fn failing_into_dlq(max_receives: u32) -> kurir_engine::Scenario {
    let b = sqs(Preset::SqsQueue)
        .preset("orders-dlq", Preset::SqsQueue)
        .service("worker", 1.0)
        .fails(1.0)
        .consumes("orders");
    with_queue(b, |q| {
        q.max_deliveries = max_receives;
        q.dead_letter = Some("orders-dlq".into());
    })
    .build()
}

#[test]
fn a_message_not_deleted_within_the_visibility_timeout_is_received_again() {
    // Given a consumer that takes 40 s (timeout 30 s)
    let s = sqs(Preset::SqsQueue)
        .service("worker", 40_000.0)
        .workers(2)
        .consumes("orders")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(35 * SEC);
    // Then it became visible again at 30 s and was received a second time
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Redeliver {
                cause: RedeliverCause::Timeout,
                ..
            }
        )),
        1
    );
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Deliver { attempt: 2, .. })),
        1
    );
    assert_conserved(&sim);
}

#[test]
fn after_max_receive_count_the_redrive_policy_moves_it_to_the_dead_letter_queue() {
    let s = failing_into_dlq(3);
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    // (each failed receive comes back after the 30 s visibility timeout;
    // after the third, the redrive policy moves it)
    sim.run_for(100 * SEC);
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::Deliver {
                channel: ChannelId(0),
                ..
            }
        )),
        3
    );
    assert_eq!(snapshot(&sim, 0).channels[1].depth, 1);
    assert_conserved(&sim);
}

/// SQS has no nack. Amazon SQS Developer Guide, visibility timeout: a
/// received message stays in the queue, invisible; "if the consumer fails
/// to process and delete the message before the visibility timeout
/// expires, the message becomes visible to other consumers" — with its
/// receive count raised.
#[test]
fn a_message_whose_processing_failed_comes_back_after_the_visibility_timeout() {
    // Given a worker that fails every message, visibility 30 s
    let s = sqs(Preset::SqsQueue)
        .service("worker", 10.0)
        .fails(1.0)
        .consumes("orders")
        .build();
    let mut sim = sim(s);
    // When it receives one message and fails on it
    sim.place_order(ServiceId(0));
    sim.run_for(29 * SEC);
    // Then for the rest of the 30 s the message is neither ready nor gone:
    // in flight, invisible, not delivered again
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Deliver { .. })), 1);
    assert_eq!(snapshot(&sim, 0).channels[0].unacked, 1);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Nack { .. })), 0);
    // and after the timeout it is received again, attempt 2, for a timeout
    sim.run_for(2 * SEC);
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
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Deliver { attempt: 2, .. })),
        1
    );
    // while the worker itself was free for other messages all along
    assert_eq!(snapshot(&sim, 0).services[1].busy, 0);
    assert_conserved(&sim);
}

#[test]
fn messages_older_than_the_retention_period_are_deleted() {
    let b = sqs(Preset::SqsQueue);
    let s = with_queue(b, |q| q.ttl_ms = Some(60_000.0)).build();
    let mut sim = sim(s);
    place_orders(&mut sim, 3);
    sim.run_for(61 * SEC);
    assert_eq!(sim.metrics().dropped(DropReason::Expired), 3);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 0);
    assert_conserved(&sim);
}

#[test]
fn a_fifo_queue_keeps_order_within_a_message_group_and_blocks_it_while_one_is_in_flight() {
    // Given a FIFO queue, two message groups and a consumer with 4 workers
    let s = sqs(Preset::SqsFifoQueue)
        .service("worker", 100.0)
        .workers(4)
        .consumes("orders")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 6);
    sim.run_for(50 * MS);
    // Then only one message per group is in flight
    assert_eq!(snapshot(&sim, 0).services[1].busy, 2);
    sim.run_for(2 * SEC);
    // and each group's messages were received in the order they were sent
    let delivered = delivered_msgs(&sim);
    for parity in 0..2 {
        let group: Vec<u64> = delivered
            .iter()
            .copied()
            .filter(|m| m % 2 == parity)
            .collect();
        assert!(group.windows(2).all(|w| w[0] < w[1]), "{group:?}");
    }
    assert_eq!(sim.metrics().services[1].processed, 6);
    assert_conserved(&sim);
}

#[test]
fn a_fifo_queue_drops_a_duplicate_sent_within_five_minutes() {
    // Given a producer fed by a queue whose lease runs out while it works,
    // so it processes (and publishes) the same order twice
    let s = ScenarioBuilder::new()
        .service("client", 1.0)
        .publishes("in")
        .queue(
            "in",
            QueueSpec {
                visibility_timeout_ms: 5.0,
                ..QueueSpec::default()
            },
        )
        .service("order", 10.0)
        .workers(2)
        .consumes("in")
        .publishes("orders")
        .preset("orders", Preset::SqsFifoQueue)
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then the second send was accepted but not stored again
    assert!(
        count(&sim, |k| matches!(
            k,
            EventKind::Publish {
                channel: ChannelId(1),
                ..
            }
        )) >= 2
    );
    assert_eq!(
        sim.metrics().dropped(DropReason::Duplicate),
        count(&sim, |k| matches!(
            k,
            EventKind::Publish {
                channel: ChannelId(1),
                ..
            }
        )) as u64
            - 1
    );
    assert_eq!(snapshot(&sim, 0).channels[1].depth, 1);
    assert_conserved(&sim);
}

/// AWS docs, SQS `SendMessage` › `MessageDeduplicationId`: within the
/// 5-minute deduplication interval, a message sent with an id already used
/// is accepted but not delivered; an explicit id takes the place of
/// content-based deduplication.
#[test]
fn a_fifo_queue_drops_a_message_whose_deduplication_id_it_has_seen() {
    // Given a producer that sends two different messages per order, both
    // with the deduplication id `pay-{order}`, and a third with its own id
    let with_id = |id: &str| Publish {
        key: Some("customer-1".into()),
        dedup_id: Some(id.into()),
        ..Publish::to("orders")
    };
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(with_id("pay-{order}"))
        .publishes_with(with_id("pay-{order}"))
        .publishes_with(with_id("ship-{order}"))
        .preset("orders", Preset::SqsFifoQueue)
        .build();
    let mut sim = sim(s);
    // When two orders are placed
    place_orders(&mut sim, 2);
    sim.run_for(SEC);
    // Then of each order's three sends, the second is a duplicate
    assert_eq!(sim.metrics().dropped(DropReason::Duplicate), 2);
    assert_eq!(snapshot(&sim, 0).channels[0].depth, 4);
    assert_conserved(&sim);
}

/// SNS topic `orders` fanning out to queues `email-q` (filter kind = email)
/// and `all-q` (no filter).
fn sns() -> ScenarioBuilder {
    let mut b = ScenarioBuilder::new().service("order", 1.0);
    for kind in ["email", "sms"] {
        b = b.publishes_with(Publish {
            attributes: BTreeMap::from([("kind".into(), kind.into())]),
            ..Publish::to("orders")
        });
    }
    b.preset("orders", Preset::SnsTopic)
        .bind_with(Binding {
            filter: BTreeMap::from([("kind".into(), vec!["email".into()])]),
            ..Binding::to("email-q", None)
        })
        .bind("all-q", None)
        .preset("email-q", Preset::SqsQueue)
        .preset("all-q", Preset::SqsQueue)
}

#[test]
fn sns_fans_out_to_subscribed_queues_through_their_filter_policies() {
    let mut sim = sim(sns().build());
    // When one email and one sms notification are published
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then email-q stored only the email; all-q stored both
    let snap = snapshot(&sim, 0);
    assert_eq!(snap.channels[1].depth, 1);
    assert_eq!(snap.channels[2].depth, 2);
    assert_conserved(&sim);
}

#[test]
fn sns_with_no_matching_subscription_delivers_to_nobody() {
    let mut s = sns().build();
    if let ChannelKind::Exchange(x) = &mut s.channels[0].kind {
        x.bindings.retain(|b| b.to == "email-q");
    }
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().dropped(DropReason::Unroutable), 1);
    assert_conserved(&sim);
}

/// Amazon SQS API Reference, StartMessageMoveTask: "In dead-letter queues
/// redrive context, the StartMessageMoveTask the source queue is the DLQ,
/// while the destination queue can be the original source queue (from
/// which the messages were driven to the dead-letter-queue)". A moved
/// message is sent anew to the destination: its receive count starts again.
#[test]
fn a_redrive_moves_the_dead_letter_queue_s_messages_back_and_their_orders_finish() {
    // Given a worker that fails everything, two receives, then the DLQ
    let s = failing_into_dlq(2);
    let mut sim = sim(s.clone());
    place_orders(&mut sim, 3);
    sim.run_for(70 * SEC);
    let (orders, dlq) = (ch(&sim, "orders"), ch(&sim, "orders-dlq"));
    let view = snapshot(&sim, 0).channels[dlq.index()]
        .queue
        .clone()
        .unwrap();
    // The dead-letter queue shows what it holds: three orders, each
    // received twice before it was moved.
    assert_eq!(
        view.ready
            .iter()
            .map(|w| (w.order, w.attempts))
            .collect::<Vec<_>>(),
        [(1, 0), (2, 0), (3, 0)]
    );
    assert_eq!(sim.metrics().orders.completed, 0, "their work is not over");
    // When the bug is fixed and the messages are redriven to their source
    let mut fixed = s;
    fixed.services[1].failure_probability = 0.0;
    assert!(sim.retune(fixed).unwrap());
    assert_eq!(sim.redrive(dlq, orders), 3);
    sim.run_for(5 * SEC);
    // Then each is received again as a first delivery and done
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Redriven { .. })), 3);
    assert_eq!(snapshot(&sim, 0).channels[dlq.index()].depth, 0);
    assert_eq!(
        count(
            &sim,
            |k| matches!(k, EventKind::Deliver { channel, attempt: 1, .. } if *channel == orders)
        ),
        6,
        "three first receives before, three after the redrive"
    );
    assert_eq!(
        sim.metrics().orders.completed + sim.metrics().orders.dead_lettered,
        3
    );
    assert_conserved(&sim);
    // A queue cannot redrive into itself, and an unknown target moves nothing.
    assert_eq!(sim.redrive(orders, orders), 0);
    assert_eq!(sim.redrive(dlq, ChannelId(99)), 0);
}

#[test]
fn a_queue_shows_which_messages_are_out_with_consumers_and_when_they_come_back() {
    // Given a consumer that takes 40 s (visibility timeout 30 s)
    let s = sqs(Preset::SqsQueue)
        .service("worker", 40_000.0)
        .consumes("orders")
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 2);
    sim.run_for(SEC);
    let q = snapshot(&sim, 0).channels[0].queue.clone().unwrap();
    // One is out with the worker (first receive, back at ~30 s), one waits
    assert_eq!(q.held_total, 1);
    let held = q.held[0];
    assert_eq!(
        (held.order, held.attempt, held.holder),
        (1, 1, Some(svc(&sim, "worker")))
    );
    let back = held.back_at.unwrap();
    assert!((30 * SEC..31 * SEC).contains(&back), "{back}");
    assert_eq!(q.ready.iter().map(|w| w.order).collect::<Vec<_>>(), [2]);
    // After the timeout it is out again, second receive
    sim.run_for(31 * SEC);
    let q = snapshot(&sim, 0).channels[0].queue.clone().unwrap();
    assert!(
        q.held.iter().any(|h| h.order == 1 && h.attempt == 2),
        "{q:?}"
    );
}
