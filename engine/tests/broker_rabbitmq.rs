//! RabbitMQ (AMQP 0-9-1): exchanges route to queues through bindings;
//! queues deliver round-robin within the prefetch limit; acks, nacks with
//! or without requeue, the redelivered flag, dead-letter exchanges, TTL,
//! length limits and the quorum-queue delivery limit.

mod common;

use kurir_engine::observe::snapshot::snapshot;
use std::collections::BTreeMap;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{
    Binding, ChannelKind, MatchMode, OnFailure, Overflow, Publish, Routing, Unroutable,
};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};

fn publish(routing_key: &str) -> Publish {
    Publish {
        routing_key: Some(routing_key.into()),
        ..Publish::to("shop")
    }
}

/// Exchange `shop` of type `routing`, with queues `q0..` each consumed by a
/// service `s0..`; the shop publishes one message per routing key.
fn exchange(routing: Routing, keys: &[&str], bindings: &[(&str, &str)]) -> ScenarioBuilder {
    let mut b = ScenarioBuilder::new().service("order", 1.0);
    for key in keys {
        b = b.publishes_with(publish(key));
    }
    b = b.preset("shop", Preset::RabbitmqExchange).tune(|k| {
        if let ChannelKind::Exchange(x) = k {
            x.routing = routing;
        }
    });
    for (queue, key) in bindings {
        b = b.bind(queue, Some(key));
    }
    for (i, (queue, _)) in bindings.iter().enumerate() {
        if !b.clone().build().channels.iter().any(|c| c.id == *queue) {
            b = b.preset(queue, Preset::RabbitmqQueue);
        }
        b = b.service(&format!("s{i}"), 5.0).consumes(queue);
    }
    b
}

#[test]
fn a_direct_exchange_routes_by_exact_routing_key() {
    // Given queues bound with keys `email` and `sms`
    let s = exchange(
        Routing::Direct,
        &["email", "email", "push"],
        &[("emails", "email"), ("texts", "sms")],
    )
    .build();
    let mut sim = sim(s);
    // When messages with keys email, email and push are published
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then `emails` got both email messages, `texts` none, push was unroutable
    assert_eq!(processed(&sim, "s0"), 2);
    assert_eq!(processed(&sim, "s1"), 0);
    assert_eq!(sim.metrics().dropped(DropReason::Unroutable), 1);
    assert_conserved(&sim);
}

#[test]
fn a_topic_exchange_matches_star_as_one_word_and_hash_as_any() {
    // Given bindings order.* , order.# and #.paid
    let s = exchange(
        Routing::Topic,
        &["order.created", "order.created.eu", "invoice.paid"],
        &[
            ("one-word", "order.*"),
            ("any-words", "order.#"),
            ("paid", "#.paid"),
        ],
    )
    .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then order.* took 1, order.# took 2 and #.paid took 1
    assert_eq!(processed(&sim, "s0"), 1);
    assert_eq!(processed(&sim, "s1"), 2);
    assert_eq!(processed(&sim, "s2"), 1);
    assert_conserved(&sim);
}

#[test]
fn a_fanout_exchange_copies_to_every_bound_queue_once() {
    // Given a fanout exchange bound twice to `finance` and once to `report`
    let s = exchange(
        Routing::Fanout,
        &["ignored"],
        &[("finance", "a"), ("finance", "b"), ("report", "")],
    )
    .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then each queue got exactly one copy
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Route { copies: 2, .. })),
        1
    );
    assert_eq!(
        sim.metrics().services[svc(&sim, "s0").index()].processed
            + sim.metrics().services[svc(&sim, "s1").index()].processed,
        1
    );
    assert_eq!(processed(&sim, "s2"), 1);
    assert_conserved(&sim);
}

#[test]
fn a_headers_exchange_matches_all_or_any() {
    let mut b = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            attributes: BTreeMap::from([("format".into(), "pdf".into())]),
            ..Publish::to("docs")
        });
    b = b.preset("docs", Preset::RabbitmqExchange).tune(|k| {
        if let ChannelKind::Exchange(x) = k {
            x.routing = Routing::Headers;
        }
    });
    let both = BTreeMap::from([
        ("format".to_string(), "pdf".to_string()),
        ("type".into(), "report".into()),
    ]);
    for (queue, mode) in [("all", MatchMode::All), ("any", MatchMode::Any)] {
        b = b.bind_with(Binding {
            headers: both.clone(),
            match_mode: mode,
            ..Binding::to(queue, None)
        });
    }
    let s = b
        .preset("all", Preset::RabbitmqQueue)
        .service("s-all", 1.0)
        .consumes("all")
        .preset("any", Preset::RabbitmqQueue)
        .service("s-any", 1.0)
        .consumes("any")
        .build();
    let mut sim = sim(s);
    // When a message with only format=pdf is published
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    // Then x-match any took it and x-match all did not
    assert_eq!(processed(&sim, "s-any"), 1);
    assert_eq!(processed(&sim, "s-all"), 0);
    assert_conserved(&sim);
}

/// AMQP 0-9-1 reference, `basic.publish`, bit `mandatory`: "This flag
/// tells the server how to react if the message cannot be routed to a
/// queue. If this flag is set, the server will return an unroutable message
/// with a Return method. If this flag is zero, the server silently drops
/// the message." The flag is the publisher's, per message.
#[test]
fn an_unroutable_message_is_dropped_or_returned_to_its_publisher_with_mandatory() {
    for mandatory in [false, true] {
        // Given a direct exchange whose one binding does not match the key
        let mut s = exchange(Routing::Direct, &["nobody"], &[("q", "somebody")]).build();
        s.services[0].publishes[0].mandatory = mandatory;
        let mut sim = sim(s);
        // When the Order service publishes
        sim.place_order(ServiceId(0));
        sim.run_for(SEC);
        // Then without the flag the message is dropped, and nobody hears of
        // it; with it, it comes back to the Order service: a `returned`
        // event at the producer, counted as its failed publish
        let returned = count(
            &sim,
            |k| matches!(k, EventKind::Returned { service, .. } if *service == ServiceId(0)),
        );
        let m = sim.metrics();
        if mandatory {
            assert_eq!((returned, m.services[0].returned), (1, 1));
            assert_eq!(m.dropped(DropReason::Returned), 1);
        } else {
            assert_eq!((returned, m.services[0].returned), (0, 0));
            assert_eq!(m.dropped(DropReason::Unroutable), 1);
        }
        // Either way the order did not complete: its message went nowhere
        assert_eq!((m.orders.completed, m.orders.lost), (0, 1));
        assert_conserved(&sim);
    }
    // The exchange-wide `unroutable: return` still means every publish to
    // it is mandatory (older files)
    let mut s = exchange(Routing::Direct, &["nobody"], &[("q", "somebody")]).build();
    if let ChannelKind::Exchange(x) = &mut s.channels[0].kind {
        x.unroutable = Unroutable::Return;
    }
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().services[0].returned, 1);
}

#[test]
fn competing_consumers_take_turns_within_their_prefetch() {
    // Given one queue, two consumers with prefetch 1
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("tasks")
        .preset("tasks", Preset::RabbitmqQueue)
        .service("w1", 100.0)
        .consumes("tasks")
        .prefetch(1)
        .service("w2", 100.0)
        .consumes("tasks")
        .prefetch(1)
        .build();
    let mut sim = sim(s);
    // When 6 messages arrive at once
    place_orders(&mut sim, 6);
    sim.run_for(50 * kurir_engine::base::time::MS);
    // Then each worker holds one and the rest wait in the queue
    assert!(snapshot(&sim, 0).channels[0].depth >= 3);
    sim.run_for(5 * SEC);
    assert_eq!(processed(&sim, "w1"), 3);
    assert_eq!(processed(&sim, "w2"), 3);
    assert_conserved(&sim);
}

#[test]
fn nack_with_requeue_redelivers_flagged_and_reject_dead_letters() {
    for (on_failure, redelivered, dead) in
        [(OnFailure::Requeue, true, 0), (OnFailure::Reject, false, 1)]
    {
        // Given a queue with a dead-letter exchange feeding `dlq`
        let s = ScenarioBuilder::new()
            .service("order", 1.0)
            .publishes("tasks")
            .preset("tasks", Preset::RabbitmqQueue)
            .tune(|k| {
                if let ChannelKind::Queue(q) = k {
                    q.dead_letter = Some("dlx".into());
                    q.on_failure = on_failure;
                }
            })
            .preset("dlx", Preset::RabbitmqExchange)
            .tune(|k| {
                if let ChannelKind::Exchange(x) = k {
                    x.routing = Routing::Fanout;
                }
            })
            .bind("dlq", None)
            .preset("dlq", Preset::RabbitmqQueue)
            .service("worker", 10.0)
            .fails(0.5)
            .consumes("tasks")
            .seed(3)
            .build();
        let mut sim = sim(s);
        // When work on messages fails half the time
        place_orders(&mut sim, 10);
        sim.run_for(10 * SEC);
        // Then requeue brings them back marked redelivered; reject sends them to the DLX
        let flagged = count(&sim, |k| {
            matches!(k, EventKind::Deliver { attempt: 2.., .. })
        });
        assert_eq!(flagged > 0, redelivered, "{on_failure:?}");
        assert_eq!(
            sim.metrics().channels[0].dead_lettered > 0,
            dead > 0,
            "{on_failure:?}"
        );
        assert_conserved(&sim);
    }
}

#[test]
fn expired_and_overflowing_messages_are_dead_lettered() {
    // Given a queue with TTL 1 s and max-length 2, nobody consuming, DLX to `dlq`
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("tasks")
        .preset("tasks", Preset::RabbitmqQueue)
        .tune(|k| {
            if let ChannelKind::Queue(q) = k {
                q.ttl_ms = Some(1_000.0);
                q.max_length = Some(2);
                q.overflow = Overflow::DropOldest;
                q.dead_letter = Some("dlq".into());
            }
        })
        .preset("dlq", Preset::RabbitmqQueue)
        .build();
    let mut sim = sim(s);
    // When 3 messages arrive, then time passes
    place_orders(&mut sim, 3);
    sim.run_for(SEC / 2);
    // Then the oldest overflowed into the DLQ at once
    assert_eq!(sim.metrics().channels[0].dead_lettered, 1);
    sim.run_for(SEC);
    // and the other two followed when their TTL ran out
    assert_eq!(sim.metrics().channels[0].dead_lettered, 3);
    assert_eq!(snapshot(&sim, 0).channels[1].depth, 3);
    assert_conserved(&sim);
}

/// RabbitMQ docs, Quorum Queues › Poison Message Handling: a message is
/// dropped or dead-lettered once it has been *returned* more times than the
/// delivery limit (default 20 since 4.0). rabbit_fifo.erl counts a return
/// per failed delivery and compares `delivery_count > delivery_limit`, so
/// the first delivery plus 20 redeliveries: 21.
#[test]
fn a_quorum_queue_gives_up_after_its_delivery_limit_of_20_returns() {
    // Given a consumer that always fails, and no dead-letter exchange
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("tasks")
        .preset("tasks", Preset::RabbitmqQueue)
        .service("worker", 1.0)
        .fails(1.0)
        .consumes("tasks")
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(10 * SEC);
    // Then the message was returned 20 times (21 deliveries), then dropped
    assert_eq!(count(&sim, |k| matches!(k, EventKind::Deliver { .. })), 21);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Redeliver { .. })),
        20
    );
    assert_eq!(sim.metrics().dropped(DropReason::MaxDeliveries), 1);
    assert_conserved(&sim);
}

/// RabbitMQ docs, Dead Letter Exchanges: a message rejected without
/// requeue (or past its delivery limit, TTL or max length) is republished to
/// the queue's dead-letter exchange — kept for someone to inspect, not
/// lost, and not processed either. The order it belongs to is therefore
/// not complete: its payment was never done.
#[test]
fn a_dead_lettered_order_is_neither_lost_nor_completed() {
    // Given a payment worker that rejects every message, with a DLX
    let payments = || {
        ScenarioBuilder::new()
            .service("order", 1.0)
            .publishes("payments")
            .preset("payments", Preset::RabbitmqQueue)
            .tune(|k| {
                if let ChannelKind::Queue(q) = k {
                    q.on_failure = OnFailure::Reject;
                    q.dead_letter = Some("payments-dlq".into());
                }
            })
            .preset("payments-dlq", Preset::RabbitmqQueue)
            .service("payment", 1.0)
            .fails(1.0)
            .consumes("payments")
    };
    let one_order = |s| {
        let mut sim = sim(s);
        sim.place_order(ServiceId(0));
        sim.run_for(10 * SEC);
        sim
    };
    // When one order is placed, its message ends in the dead-letter queue:
    // the order stays open (its copy lives on there) and is not completed
    let sim = one_order(payments().build());
    assert_eq!(sim.metrics().channels[0].dead_lettered, 1);
    assert_eq!(sim.open_orders(), 1);
    assert_eq!(sim.metrics().orders.completed, 0);
    // And when an operator's service takes it out of the dead-letter queue,
    // the order ends incomplete: dead-lettered, nothing dropped
    let sim = one_order(
        payments()
            .service("ops", 1.0)
            .consumes("payments-dlq")
            .build(),
    );
    assert_eq!(sim.metrics().channels[1].dropped, 0);
    let o = &sim.metrics().orders;
    assert_eq!((o.completed, o.lost, o.dead_lettered), (0, 0, 1));
    assert_eq!((o.recent[0].lost, o.recent[0].dead_lettered), (0, 1));
    let incomplete = |k: &EventKind| {
        matches!(
            k,
            EventKind::OrderIncomplete {
                lost: 0,
                dead_lettered: 1,
                ..
            }
        )
    };
    assert_eq!(count(&sim, incomplete), 1);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::OrderCompleted { .. })),
        0
    );
    assert_conserved(&sim);
}

/// RabbitMQ docs, Consumer Acknowledgements and Publisher Confirms ›
/// Automatic Requeueing: with manual acknowledgements, every delivery not
/// acked when its channel or connection closes is requeued at once, and is
/// delivered again with `redelivered` set — possibly to another consumer.
/// `consumer_timeout` (30 min) is for a consumer that is alive but slow.
#[test]
fn a_consumer_that_goes_away_gives_its_unacked_messages_back_at_once() {
    // Given a slow consumer holding two messages (prefetch 2), and another
    // consumer that is busy elsewhere for now
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("tasks")
        .preset("tasks", Preset::RabbitmqQueue)
        .service("slow", 60_000.0)
        .consumes("tasks")
        .prefetch(2)
        .service("spare", 10.0)
        .consumes("tasks")
        .prefetch(1)
        .build();
    let mut sim = sim(s);
    let (slow, spare) = (svc(&sim, "slow"), svc(&sim, "spare"));
    sim.set_service_up(spare, false);
    place_orders(&mut sim, 2);
    sim.run_for(SEC);
    assert_eq!(snapshot(&sim, 0).channels[0].unacked, 2);
    // When the slow consumer goes down and the spare one comes up
    sim.set_service_up(slow, false);
    sim.set_service_up(spare, true);
    let down_at = sim.now();
    sim.run_for(SEC);
    // Then both came back at once, in delivery order, marked redelivered
    let back: Vec<(u64, u64)> = sim
        .trace()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Redeliver {
                msg,
                cause: RedeliverCause::ConsumerDown,
                available_at,
                ..
            } => {
                assert_eq!((e.t, available_at), (down_at, down_at));
                Some((msg, e.t))
            }
            _ => None,
        })
        .collect();
    assert_eq!(back.len(), 2, "{back:?}");
    assert!(back[0].0 < back[1].0);
    // and the spare consumer did both (second delivery each), within the second
    assert_eq!(processed(&sim, "spare"), 2);
    assert_eq!(
        count(
            &sim,
            |k| matches!(k, EventKind::Deliver { service, attempt: 2, .. } if *service == spare)
        ),
        2
    );
    assert_conserved(&sim);
}
