//! Broker-specific mistakes are refused with the field named; a preset
//! fills what a file leaves out with that broker's defaults.

use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{Action, ChannelKind, Publish};
use kurir_engine::{Problem, Scenario, ScenarioError, Sim, SimOptions};

fn problem(s: Scenario) -> (String, Problem) {
    match Sim::new(s, SimOptions::default()) {
        Ok(_) => panic!("the scenario should have been refused"),
        Err(ScenarioError::Invalid { field, problem }) => (field, problem),
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn a_service_cannot_consume_an_exchange() {
    let s = ScenarioBuilder::new()
        .preset("shop", Preset::RabbitmqExchange)
        .service("finance", 1.0)
        .consumes("shop")
        .build();
    let (field, p) = problem(s);
    assert_eq!(field, "subscriptions[0].channel");
    assert!(matches!(p, Problem::NotConsumable(_)));
}

#[test]
fn a_preset_must_fit_its_kind_and_an_exchange_cannot_bind_itself() {
    let mut s = ScenarioBuilder::new().preset("q", Preset::SqsQueue).build();
    s.channels[0].kind = ChannelKind::PubSub;
    assert_eq!(problem(s).0, "channels[0].kind.type");
    let s = ScenarioBuilder::new()
        .preset("x", Preset::RabbitmqExchange)
        .bind("x", None)
        .build();
    assert!(matches!(problem(s).1, Problem::SelfBinding));
}

#[test]
fn a_binding_loop_is_refused() {
    let s = ScenarioBuilder::new()
        .preset("a", Preset::RabbitmqExchange)
        .bind("b", None)
        .preset("b", Preset::RabbitmqExchange)
        .bind("a", None)
        .build();
    let (field, p) = problem(s);
    assert_eq!(field, "channels[0].kind.bindings");
    assert!(matches!(p, Problem::Cycle(_)));
}

/// What a publish carries must be something its channel uses: Redis's
/// `PUBLISH channel message` has no key or headers; only an AMQP exchange
/// routes by a routing key and can return a `mandatory` message.
#[test]
fn a_publish_option_the_channel_does_not_use_is_refused() {
    let publish = |p: Publish, preset| {
        ScenarioBuilder::new()
            .service("order", 1.0)
            .publishes_with(p)
            .preset("t", preset)
            .build()
    };
    let keyed = Publish {
        routing_key: Some("order.created".into()),
        ..Publish::to("t")
    };
    let (field, p) = problem(publish(keyed.clone(), Preset::SqsQueue));
    assert_eq!(field, "services[0].publishes[0]");
    assert_eq!(
        p.to_string(),
        "`routing_key` has no effect on a `queue` channel; remove it or publish to a channel that uses it"
    );
    let mandatory = Publish {
        mandatory: true,
        ..Publish::to("t")
    };
    assert!(matches!(
        problem(publish(mandatory, Preset::KafkaTopic)).1,
        Problem::NoEffect {
            option: "mandatory",
            kind: "log"
        }
    ));
    let headers = Publish {
        attributes: [("type".to_string(), "x".to_string())].into(),
        ..Publish::to("t")
    };
    assert!(matches!(
        problem(publish(headers, Preset::RedisPubsub)).1,
        Problem::NoEffect {
            option: "attributes",
            kind: "pubsub"
        }
    ));
    // Where the channel uses them, they are welcome
    let s = publish(keyed, Preset::RabbitmqExchange);
    assert!(kurir_engine::Sim::new(s, Default::default()).is_ok());
}

#[test]
fn malformed_templates_and_unknown_groups_are_refused() {
    let s = ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            key: Some("c-{order%0}".into()),
            ..Publish::to("t")
        })
        .preset("t", Preset::KafkaTopic)
        .build();
    assert_eq!(problem(s).0, "services[0].publishes[0]");
    let s = ScenarioBuilder::new()
        .preset("t", Preset::KafkaTopic)
        .action(Action::Rewind {
            at_ms: 0.0,
            channel: "t".into(),
            group: "nobody".into(),
        })
        .build();
    assert!(matches!(problem(s).1, Problem::UnknownGroup(_)));
}

#[test]
fn fields_a_file_leaves_out_take_the_broker_s_defaults() {
    let text = r#"{"version":1,"channels":[
        {"id":"a","kind":{"type":"queue"},"broker":"sqs_queue"},
        {"id":"b","kind":{"type":"queue"},"broker":"rabbitmq_queue"},
        {"id":"c","kind":{"type":"queue","visibility_timeout_ms":5}},
        {"id":"d","kind":{"type":"log","partitions":6},"broker":"kafka_topic"}]}"#;
    let s = Scenario::from_json(text).unwrap();
    let visibility = |i: usize| match &s.channels[i].kind {
        ChannelKind::Queue(q) => q.visibility_timeout_ms,
        _ => unreachable!(),
    };
    assert_eq!(visibility(0), 30_000.0, "SQS: 30 s");
    assert_eq!(
        visibility(1),
        1_800_000.0,
        "RabbitMQ consumer_timeout: 30 min"
    );
    assert_eq!(visibility(2), 5.0, "what the file says wins");
    let ChannelKind::Log(l) = &s.channels[3].kind else {
        unreachable!()
    };
    assert_eq!((l.partitions, l.session_timeout_ms), (6, 45_000.0));
    // And a preset that does not fit the type is named, not guessed.
    let wrong =
        r#"{"version":1,"channels":[{"id":"a","kind":{"type":"pubsub"},"broker":"sqs_queue"}]}"#;
    let e = Scenario::from_json(wrong).unwrap_err();
    assert_eq!(e.field(), Some("channels[0].kind.type"));
}
