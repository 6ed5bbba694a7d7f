//! Topology changes during a run: a service subscribes or unsubscribes, a
//! queue is bound or unbound, while messages flow. What the newcomer gets is
//! each broker's own rule, from its documentation.

mod common;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{Action, Binding, ChannelKind, OffsetReset, Scenario, Subscription};
use kurir_engine::sim::trace::{DropReason, EventKind};
use kurir_engine::{Problem, ScenarioError};

fn subscribe(at_ms: f64, channel: &str, service: &str) -> Action {
    Action::Subscribe {
        at_ms,
        subscription: Subscription::new(channel, service),
    }
}

fn bind(at_ms: f64, channel: &str, to: &str) -> Action {
    Action::Bind {
        at_ms,
        channel: channel.into(),
        binding: Binding::to(to, None),
    }
}

/// Places one order each second, `n` times (at 0 s, 1 s, …), and runs on
/// to the end of the last second.
fn orders_each_second(sim: &mut kurir_engine::Sim, n: usize) {
    for _ in 0..n {
        place_orders(sim, 1);
        sim.run_for(SEC);
    }
}

/// A run of `s` with `n` orders, one each second.
fn run(s: Scenario, n: usize) -> kurir_engine::Sim {
    let mut sim = sim(s);
    orders_each_second(&mut sim, n);
    sim
}

/// Redis, PUBLISH (redis.io/docs/latest/commands/publish): it returns "the
/// number of clients that the message was sent to" — the clients subscribed
/// at that moment; nothing is stored for a client that subscribes later
/// (redis.io/docs/latest/develop/interact/pubsub).
#[test]
fn redis_a_late_subscriber_gets_only_what_is_published_after_it_subscribed() {
    // Given Email on channel `orders`, and SMS subscribing at 2.5 s
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::RedisPubsub)
        .service("email", 5.0)
        .consumes("orders")
        .service("sms", 5.0)
        .action(subscribe(2_500.0, "orders", "sms"))
        .build();
    let mut sim = sim(s);
    // When an order is placed each second for 5 s
    orders_each_second(&mut sim, 5);
    // Then Email got all 5, SMS only the 2 published after it subscribed,
    // and no copy was lost or missed for it before
    assert_eq!(processed(&sim, "email"), 5);
    assert_eq!(processed(&sim, "sms"), 2);
    let copies: Vec<u32> = (sim.trace().iter())
        .filter_map(|e| match e.kind {
            EventKind::Route { copies, .. } => Some(copies),
            _ => None,
        })
        .collect();
    assert_eq!(
        copies,
        [1, 1, 1, 2, 2],
        "PUBLISH's count, publish by publish"
    );
    assert_eq!(sim.metrics().channels[0].missed, 0);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Changed { action: 0 })),
        1
    );
    assert_conserved(&sim);
}

/// Redis, UNSUBSCRIBE: the client stops receiving; messages published
/// afterwards are not counted for it.
#[test]
fn redis_an_unsubscribed_service_gets_nothing_more() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::RedisPubsub)
        .service("email", 5.0)
        .consumes("orders")
        .action(Action::Unsubscribe {
            at_ms: 1_500.0,
            channel: "orders".into(),
            service: "email".into(),
        })
        .build();
    let sim = run(s, 3);
    assert_eq!(processed(&sim, "email"), 2);
    // Nobody subscribed: PUBLISH returns 0 and the message is gone
    assert_eq!(sim.metrics().dropped(DropReason::NoSubscriber), 1);
    assert_conserved(&sim);
}

/// Google Pub/Sub, subscription overview
/// (cloud.google.com/pubsub/docs/subscription-overview): only messages
/// published to the topic after the subscription is created are available
/// to its subscribers. Creating a subscription is binding its queue to the
/// topic.
#[test]
fn google_a_subscription_created_later_gets_only_later_messages() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::GooglePubsubTopic)
        .bind("finance-sub", None)
        .preset("finance-sub", Preset::GooglePubsubSubscription)
        .preset("report-sub", Preset::GooglePubsubSubscription)
        .service("finance", 5.0)
        .consumes("finance-sub")
        .service("report", 5.0)
        .consumes("report-sub")
        .action(bind(2_500.0, "orders", "report-sub"))
        .build();
    let sim = run(s, 4);
    assert_eq!(processed(&sim, "finance"), 4);
    assert_eq!(processed(&sim, "report"), 1);
    assert_conserved(&sim);
}

/// NSQ, nsqd/topic.go `messagePump`: while a topic has no channel
/// (`len(chans) == 0`) it reads nothing from its memory or disk queue, so
/// messages wait in the topic; once a channel exists the pump copies each
/// message to the channels of that moment — the first channel gets the
/// backlog, a channel created later only new messages.
#[test]
fn nsq_the_first_channel_gets_the_topic_s_backlog_a_later_one_does_not() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::NsqTopic)
        .preset("finance", Preset::NsqChannel)
        .preset("report", Preset::NsqChannel)
        .service("finance", 5.0)
        .consumes("finance")
        .service("report", 5.0)
        .consumes("report")
        .action(bind(3_500.0, "orders", "finance"))
        .action(bind(5_500.0, "orders", "report"))
        .build();
    let mut sim = sim(s);
    // When 4 orders (0-3 s) are published before any channel exists
    orders_each_second(&mut sim, 4);
    assert_eq!(sim.metrics().channels[0].dropped, 0, "kept, not dropped");
    // and 3 more (4-6 s) after the first channel; the second comes at 5.5 s
    orders_each_second(&mut sim, 3);
    // Then the first channel got the backlog of 4 and the 3 after it;
    // the second channel only the order after it was created
    assert_eq!(processed(&sim, "finance"), 7);
    assert_eq!(processed(&sim, "report"), 1);
    assert_conserved(&sim);
}

/// RabbitMQ, AMQP 0-9-1 model: an exchange routes a message to the queues
/// bound to it when the message is published; a queue bound later does not
/// get earlier messages, and after `queue.unbind` it gets no more
/// (rabbitmq.com/tutorials/amqp-concepts).
#[test]
fn rabbitmq_a_queue_bound_later_gets_only_later_messages_and_none_after_unbind() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::RabbitmqExchange)
        .preset("audit", Preset::RabbitmqQueue)
        .service("audit", 5.0)
        .consumes("audit")
        .action(bind(1_500.0, "orders", "audit"))
        .action(Action::Unbind {
            at_ms: 3_500.0,
            channel: "orders".into(),
            to: "audit".into(),
        })
        .build();
    let sim = run(s, 5);
    // Orders placed at 0, 1, 2, 3, 4 s: only those at 2 and 3 s are routed
    assert_eq!(processed(&sim, "audit"), 2);
    assert_eq!(sim.metrics().dropped(DropReason::Unroutable), 3);
    assert_conserved(&sim);
}

fn kafka(reset: OffsetReset) -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::KafkaTopic)
        .tune(|k| {
            if let ChannelKind::Log(l) = k {
                l.partitions = 2;
                l.auto_offset_reset = reset;
            }
        })
        .service("finance", 5.0)
        .consumes_in("orders", "billing")
        .service("report", 5.0)
}

/// Kafka, consumer configs: a new group has no committed offset, so
/// `auto.offset.reset` decides where it starts: `latest` (the default)
/// reads only what is written after it joins, `earliest` everything the
/// log still keeps (kafka.apache.org/documentation/#consumerconfigs).
#[test]
fn kafka_a_new_group_starts_where_auto_offset_reset_says() {
    // (orders at 0, 1, 2, 3 and 4 s; the group joins at 3.5 s)
    for (reset, expected) in [(OffsetReset::Latest, 1), (OffsetReset::Earliest, 5)] {
        let s = kafka(reset)
            .action(subscribe(3_500.0, "orders", "report"))
            .build();
        let sim = run(s, 5);
        assert_eq!(processed(&sim, "finance"), 5);
        assert_eq!(processed(&sim, "report"), expected, "{reset:?}");
        // Skipping what came before the group is not losing it
        assert_eq!(sim.metrics().dropped(DropReason::Skipped), 0);
        assert_eq!(sim.metrics().channels[0].created, 5 + expected);
        assert_conserved(&sim);
    }
}

/// Kafka, group membership: a consumer joining or leaving a group triggers
/// a rebalance; partitions are shared among the members of the moment.
#[test]
fn kafka_a_member_joining_and_leaving_a_group_rebalances_it() {
    let s = kafka(OffsetReset::Latest)
        .action(Action::Subscribe {
            at_ms: 1_500.0,
            subscription: Subscription {
                group: Some("billing".into()),
                ..Subscription::new("orders", "report")
            },
        })
        .action(Action::Unsubscribe {
            at_ms: 3_500.0,
            channel: "orders".into(),
            service: "report".into(),
        })
        .build();
    // report joins finance's group, billing, then leaves it
    let sim = run(s, 6);
    let rebalances: Vec<u32> = (sim.trace().iter())
        .filter_map(|e| match e.kind {
            EventKind::Rebalance { members, .. } => Some(members),
            _ => None,
        })
        .collect();
    assert_eq!(rebalances, [1, 2, 1], "start, join, leave");
    // The group read each record once; report took a share while it was in
    let (finance, report) = (processed(&sim, "finance"), processed(&sim, "report"));
    assert_eq!(finance + report, 6);
    assert!(report >= 1, "report owned a partition for 2 s");
    assert_eq!(sim.metrics().channels[0].acked, 6);
    assert_conserved(&sim);
}

/// A live edit from the playground is a change of the run, not a restart:
/// drawing a subscription while orders flow makes a new Kafka group that
/// starts at `latest`, and the run keeps its clock and counters.
#[test]
fn kafka_a_subscription_drawn_during_the_run_is_a_live_change() {
    let s = kafka(OffsetReset::Latest).build();
    let mut sim = sim(s.clone());
    orders_each_second(&mut sim, 3);
    let mut edited = s;
    edited
        .subscriptions
        .push(Subscription::new("orders", "report"));
    assert_eq!(sim.retune(edited), Ok(true), "a live change");
    assert_eq!(sim.now(), 3 * SEC);
    orders_each_second(&mut sim, 2);
    assert_eq!(processed(&sim, "finance"), 5);
    assert_eq!(processed(&sim, "report"), 2);
    assert_eq!(sim.group_name(ch(&sim, "orders"), 1), "report");
    assert_conserved(&sim);
}

/// An edit during the run keeps the scheduled changes that already
/// happened (the playground sends the file as the user has it).
#[test]
fn an_edit_after_a_scheduled_subscribe_keeps_the_subscription() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::RedisPubsub)
        .service("sms", 5.0)
        .action(subscribe(500.0, "orders", "sms"))
        .build();
    let mut sim = sim(s.clone());
    orders_each_second(&mut sim, 1);
    let mut edited = s;
    edited.services[1].processing = kurir_engine::scenario::Processing::Constant { ms: 2.0 };
    assert_eq!(sim.retune(edited), Ok(true));
    orders_each_second(&mut sim, 1);
    // The first order came before the subscribe; the second reaches SMS
    // (with the edit applied as written, SMS would not subscribe at all)
    assert_eq!(processed(&sim, "sms"), 1);
    assert_eq!(sim.scenario().subscriptions.len(), 1);
}

fn refused(s: Scenario) -> ScenarioError {
    kurir_engine::Sim::new(s, Default::default())
        .err()
        .expect("refused")
}

#[test]
fn a_change_that_changes_nothing_or_breaks_the_scenario_is_refused_with_its_place() {
    let base = || {
        ScenarioBuilder::new()
            .service("order", 1.0)
            .publishes("orders")
            .preset("orders", Preset::RabbitmqExchange)
            .bind("jobs", None)
            .preset("jobs", Preset::RabbitmqQueue)
            .service("worker", 5.0)
            .consumes("jobs")
    };
    let e = refused(base().action(subscribe(10.0, "jobs", "worker")).build());
    assert_eq!(e.to_string(), "actions[0]: changes nothing at that time (already subscribed, not subscribed, no such binding, or not an exchange)");
    // A service cannot consume an exchange: refused as the file would be
    let s = base().action(subscribe(20.0, "orders", "order")).build();
    let e = refused(s);
    assert!(
        matches!(&e, ScenarioError::Invalid { field, problem: Problem::BreaksScenario(inner) }
            if field == "actions[0]" && matches!(**inner, ScenarioError::Invalid { problem: Problem::NotConsumable(_), .. })),
        "{e}"
    );
    assert!(
        e.to_string().starts_with(
            "actions[0]: after this change, subscriptions[1].channel: \"orders\" is an exchange"
        ),
        "{e}"
    );
    let e = refused(base().action(bind(5.0, "jobs", "orders")).build());
    assert_eq!(e.field(), Some("actions[0]"), "a queue has no bindings");
    let e = refused(base().action(subscribe(5.0, "nowhere", "worker")).build());
    assert_eq!(e.field(), Some("actions[0].channel"));
}

#[test]
fn a_rewind_may_name_a_group_that_joins_earlier_in_the_run_but_not_later() {
    let rewind = |at_ms| Action::Rewind {
        at_ms,
        channel: "orders".into(),
        group: "report".into(),
    };
    let ok = kafka(OffsetReset::Latest)
        .action(subscribe(1_000.0, "orders", "report"))
        .action(rewind(2_000.0))
        .build();
    let mut sim = sim(ok);
    orders_each_second(&mut sim, 4);
    assert!(
        count(&sim, |k| matches!(
            k,
            EventKind::Seek {
                group: 1,
                offset: 0,
                ..
            }
        )) >= 1
    );
    let early = kafka(OffsetReset::Latest)
        .action(rewind(500.0))
        .action(subscribe(1_000.0, "orders", "report"))
        .build();
    assert_eq!(refused(early).field(), Some("actions[0].group"));
}

#[test]
fn the_changes_read_and_write_as_the_format_says() {
    let text = r#"{"version": 1,
      "services": [{"id": "s", "processing": {"dist": "constant", "ms": 1}}],
      "channels": [
        {"id": "x", "kind": {"type": "exchange", "routing": "direct"}},
        {"id": "q", "kind": {"type": "queue"}},
        {"id": "c", "kind": {"type": "pubsub"}}
      ],
      "actions": [
        {"do": "subscribe", "at_ms": 5, "channel": "c", "service": "s", "group": "g"},
        {"do": "unsubscribe", "at_ms": 6, "channel": "c", "service": "s"},
        {"do": "bind", "at_ms": 7, "channel": "x", "to": "q", "key": "k"},
        {"do": "unbind", "at_ms": 8, "channel": "x", "to": "q"}
    ]}"#;
    let s = Scenario::from_json(text).expect("reads");
    assert_eq!(s.actions.len(), 4);
    let again = Scenario::from_json(&s.to_json()).expect("reads its own output");
    assert_eq!(again.actions, s.actions);
    let bad = text.replace(r#""group": "g""#, r#""colour": 1"#);
    let e = Scenario::from_json(&bad).unwrap_err().to_string();
    assert!(e.contains("unknown field `colour`"), "{e}");
}

/// In the playground a teacher adds a channel while the run goes on (an
/// NSQ channel, duplicated from another and bound to the topic): the run
/// goes on, and the new channel gets only what is published from then on —
/// the topic's backlog went to the channels that existed.
#[test]
fn a_channel_added_during_the_run_joins_it_and_gets_only_new_messages() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::NsqTopic)
        .bind("finance", None)
        .preset("finance", Preset::NsqChannel)
        .service("finance", 5.0)
        .consumes("finance")
        .service("audit", 5.0)
        .build();
    let mut sim = sim(s.clone());
    orders_each_second(&mut sim, 2);
    let mut edited = s;
    let mut audit = edited.channels[1].clone();
    audit.id = "audit".into();
    edited.channels.push(audit);
    if let ChannelKind::Exchange(x) = &mut edited.channels[0].kind {
        x.bindings.push(Binding::to("audit", None));
    }
    edited
        .subscriptions
        .push(Subscription::new("audit", "audit"));
    assert_eq!(sim.retune(edited), Ok(true), "a live change");
    orders_each_second(&mut sim, 3);
    assert_eq!(processed(&sim, "finance"), 5);
    assert_eq!(processed(&sim, "audit"), 3);
    assert_eq!(sim.metrics().channels.len(), 3);
    assert_conserved(&sim);
}

/// A teacher adds a service and wires it while the run goes on ("subscribe
/// now — what does it get?"): the run keeps its clock and counters, and on
/// Redis the newcomer gets only what is published after.
#[test]
fn a_service_added_and_wired_during_the_run_joins_it() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes("orders")
        .preset("orders", Preset::RedisPubsub)
        .service("email", 5.0)
        .consumes("orders")
        .build();
    let mut sim = sim(s.clone());
    orders_each_second(&mut sim, 3);
    let mut edited = ScenarioBuilder::from(s).service("audit", 5.0).build();
    edited
        .subscriptions
        .push(Subscription::new("orders", "audit"));
    assert_eq!(sim.retune(edited), Ok(true), "a live change");
    assert_eq!(sim.now(), 3 * SEC);
    orders_each_second(&mut sim, 2);
    assert_eq!(processed(&sim, "email"), 5);
    assert_eq!(processed(&sim, "audit"), 2);
    assert_eq!(sim.metrics().services.len(), 3);
    assert_conserved(&sim);
}
