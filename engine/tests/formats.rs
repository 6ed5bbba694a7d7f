//! RabbitMQ's definitions file in and out of a scenario: the built-in
//! RabbitMQ example round-trips, what RabbitMQ cannot carry is listed, and a
//! real export's extras (a priority argument, a plugin exchange type, a
//! second virtual host, names that are not ids) are listed, not dropped.

use kurir_engine::examples;
use kurir_engine::formats::rabbitmq::definitions::{export, import};
use kurir_engine::formats::{FormatError, Reason, Unmapped};
use kurir_engine::scenario::{ChannelKind, MatchMode, OnFailure};
use kurir_engine::Scenario;
use serde_json::Value;

/// A channel's id and kind, which a definitions file carries.
fn shape(s: &Scenario) -> Vec<(String, ChannelKind)> {
    let mut v: Vec<_> = s
        .channels
        .iter()
        .map(|c| (c.id.clone(), c.kind.clone()))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn the_rabbitmq_example_comes_back_from_its_definitions_with_the_same_channels() {
    let s = example("rabbitmq");
    let (text, unmapped) = export(&s).unwrap();
    // SMS rejects a message it failed on: its consumer's doing.
    assert_eq!(
        unmapped,
        [Unmapped {
            what: "sms".into(),
            reason: Reason::ClientSide("on_failure".into())
        }]
    );
    let back = import(&text).unwrap();
    assert!(back.unmapped.is_empty(), "{:?}", back.unmapped);
    let mut want = s.clone();
    for c in &mut want.channels {
        if let ChannelKind::Queue(q) = &mut c.kind {
            q.on_failure = OnFailure::Requeue;
        }
    }
    assert_eq!(shape(&back.scenario), shape(&want));
}

#[test]
fn what_rabbitmq_cannot_carry_is_listed_not_exported() {
    let s = example("sns-sqs");
    let (text, unmapped) = export(&s).unwrap();
    assert!(unmapped
        .iter()
        .any(|u| u.what == "notifications" && u.reason == Reason::FilterRouting));
    let file: Value = serde_json::from_str(&text).unwrap();
    assert!(file["exchanges"].as_array().unwrap().is_empty());
    assert!(file["bindings"].as_array().unwrap().is_empty());
}

#[test]
fn a_real_export_reads_with_its_extras_listed() {
    let text = r#"{
      "rabbit_version": "3.10.8",
      "users": [{"name": "guest"}],
      "vhosts": [{"name": "/"}],
      "queues": [
        {"name": "orders", "vhost": "/", "durable": true, "auto_delete": false,
         "arguments": {"x-queue-type": "quorum", "x-delivery-limit": 3,
                       "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "orders dead",
                       "x-max-priority": 5}},
        {"name": "orders dead", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}},
        {"name": "other", "vhost": "staging", "durable": true, "auto_delete": false, "arguments": {}}
      ],
      "exchanges": [
        {"name": "orders", "vhost": "/", "type": "headers", "durable": true, "auto_delete": false,
         "internal": false, "arguments": {}},
        {"name": "hash", "vhost": "/", "type": "x-consistent-hash", "durable": true,
         "auto_delete": false, "internal": false, "arguments": {}}
      ],
      "bindings": [
        {"source": "orders", "vhost": "/", "destination": "orders", "destination_type": "queue",
         "routing_key": "", "arguments": {"x-match": "any", "kind": "order", "region": "id"}},
        {"source": "hash", "vhost": "/", "destination": "orders", "destination_type": "queue",
         "routing_key": "1", "arguments": {}}
      ]
    }"#;
    let got = import(text).unwrap();
    let s = &got.scenario;
    let ids: Vec<&str> = s.channels.iter().map(|c| c.id.as_str()).collect();
    // The exchange keeps its name; the queue of the same name and the
    // one with a space get ids of their own.
    assert_eq!(ids, ["orders", "orders-2", "orders-dead"]);
    let ChannelKind::Queue(q) = &s.channels[1].kind else {
        panic!()
    };
    assert_eq!(q.max_deliveries, 4);
    assert_eq!(q.dead_letter.as_deref(), Some("orders-dead"));
    let ChannelKind::Exchange(x) = &s.channels[0].kind else {
        panic!()
    };
    assert_eq!(x.bindings.len(), 1);
    assert_eq!(x.bindings[0].to, "orders-2");
    assert_eq!(x.bindings[0].match_mode, MatchMode::Any);
    assert_eq!(x.bindings[0].headers.len(), 2);
    let said: Vec<String> = got.unmapped.iter().map(|u| u.to_string()).collect();
    for expected in [
        "users: users, permissions",
        "x-max-priority: 5 is not modelled",
        "staging: only the first virtual host",
        "hash: exchange type x-consistent-hash",
        "hash → orders: names hash",
        "orders dead: gets the id orders-dead",
        "orders: gets the id orders-2",
    ] {
        assert!(
            said.iter()
                .any(|l| l.starts_with(expected) || l.contains(expected)),
            "{expected} in {said:#?}"
        );
    }
}

#[test]
fn broken_files_are_errors_not_panics() {
    assert!(matches!(import("{"), Err(FormatError::NotJson(_))));
    assert_eq!(
        import(r#"{"version":1,"channels":[]}"#),
        Err(FormatError::NotThisFormat)
    );
    let odd = r#"{"queues":[{"name":5},{"name":"q","arguments":{"x-delivery-limit":"many"}}],"bindings":[{"source":"nowhere"}]}"#;
    let got = import(odd).unwrap();
    assert_eq!(got.scenario.channels.len(), 1);
}

/// Broker examples by id.
fn example(id: &str) -> Scenario {
    examples::gallery()
        .into_iter()
        .find(|(i, _)| *i == id)
        .unwrap()
        .1
}

#[test]
fn the_sns_example_as_asyncapi_has_its_servers_redrive_policy_and_filter_policies() {
    let doc: Value = serde_json::from_str(&kurir_engine::formats::asyncapi::export(&example(
        "sns-sqs",
    )))
    .unwrap();
    assert_eq!(doc["asyncapi"], "3.0.0");
    assert_eq!(doc["servers"]["sqs"]["protocol"], "sqs");
    assert_eq!(doc["servers"]["sns"]["protocol"], "sns");
    let sms = &doc["channels"]["sms-q"];
    assert_eq!(sms["servers"][0]["$ref"], "#/servers/sqs");
    let queue = &sms["bindings"]["sqs"]["queue"];
    assert_eq!(queue["visibilityTimeout"], 2);
    assert_eq!(queue["redrivePolicy"]["maxReceiveCount"], 3);
    assert_eq!(queue["redrivePolicy"]["deadLetterQueue"]["name"], "sms-dlq");
    // The order service sends to the topic; SNS's subscriptions with their
    // filter policies are the send operation's binding.
    let send = &doc["operations"]["order-sends-notifications"];
    assert_eq!(send["action"], "send");
    assert_eq!(send["channel"]["$ref"], "#/channels/notifications");
    let consumers = send["bindings"]["sns"]["consumers"].as_array().unwrap();
    assert_eq!(consumers.len(), 4);
    assert_eq!(consumers[0]["filterPolicy"]["kind"][0], "email");
    // Each subscription is a receive operation.
    assert_eq!(doc["operations"]["sms-receives-sms-q"]["action"], "receive");
    // What AsyncAPI has no field for travels in x-kurir.
    assert_eq!(sms["x-kurir"]["kind"]["max_deliveries"], 3);
}

#[test]
fn the_rabbitmq_and_kafka_examples_as_asyncapi_carry_their_protocol_bindings() {
    let doc: Value = serde_json::from_str(&kurir_engine::formats::asyncapi::export(&example(
        "rabbitmq",
    )))
    .unwrap();
    let shop = &doc["channels"]["shop"]["bindings"]["amqp"];
    assert_eq!(
        (shop["is"].as_str(), shop["exchange"]["type"].as_str()),
        (Some("routingKey"), Some("topic"))
    );
    assert_eq!(doc["channels"]["sms"]["bindings"]["amqp"]["is"], "queue");
    let doc: Value =
        serde_json::from_str(&kurir_engine::formats::asyncapi::export(&example("kafka"))).unwrap();
    let (id, topic) = doc["channels"].as_object().unwrap().iter().next().unwrap();
    assert_eq!(topic["bindings"]["kafka"]["topic"], id.as_str());
    assert!(topic["bindings"]["kafka"]["partitions"].as_u64().unwrap() >= 1);
    assert_eq!(doc["servers"]["kafka"]["protocol"], "kafka");
}

/// What a scenario is, with the order of its subscriptions left out (an
/// AsyncAPI document keys its operations by name).
fn sorted(mut s: Scenario) -> Scenario {
    s.subscriptions
        .sort_by(|a, b| (&a.channel, &a.service).cmp(&(&b.channel, &b.service)));
    s
}

#[test]
fn every_example_comes_back_whole_from_its_asyncapi_document() {
    use kurir_engine::formats::asyncapi;
    for (id, s) in examples::gallery() {
        let back = asyncapi::import(&asyncapi::export(&s)).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(back.unmapped.is_empty(), "{id}: {:?}", back.unmapped);
        let mut want = s.clone();
        if want.name.is_empty() {
            want.name = "Kurir scenario".into();
        }
        assert_eq!(sorted(back.scenario), sorted(want), "{id}");
    }
}

#[test]
fn another_tools_asyncapi_document_is_one_application_on_its_channels() {
    let doc = serde_json::json!({
        "asyncapi": "3.0.0",
        "info": { "title": "Streetlights", "version": "1.0.0" },
        "servers": { "prod": { "host": "broker:9092", "protocol": "kafka" } },
        "channels": {
            "lighting.measured": { "address": "smartylighting.streetlights.1.0.event.lighting.measured",
                                   "bindings": { "kafka": { "partitions": 3 } } },
            "turn-on": { "address": "turn-on" },
            "elsewhere": { "$ref": "common.json#/channels/x" }
        },
        "operations": {
            "receiveLightMeasurement": { "action": "receive", "channel": { "$ref": "#/channels/lighting.measured" } },
            "turnOn": { "action": "send", "channel": { "$ref": "#/channels/turn-on" } }
        }
    });
    let got = kurir_engine::formats::asyncapi::import(&doc.to_string()).unwrap();
    let s = &got.scenario;
    assert_eq!(s.services.len(), 1);
    assert_eq!(s.services[0].id, "streetlights");
    assert_eq!(s.services[0].publishes[0].channel, "turn-on");
    assert_eq!(s.subscriptions[0].channel, "lighting.measured");
    let measured = s
        .channels
        .iter()
        .find(|c| c.id == "lighting.measured")
        .unwrap();
    assert!(matches!(&measured.kind, ChannelKind::Log(l) if l.partitions == 3));
    // The server says Kafka for the channel without bindings too.
    let turn_on = s.channels.iter().find(|c| c.id == "turn-on").unwrap();
    assert!(matches!(turn_on.kind, ChannelKind::Log(_)));
    let said: Vec<String> = got.unmapped.iter().map(|u| u.to_string()).collect();
    assert!(
        said.iter()
            .any(|l| l.starts_with("elsewhere: refers to common.json")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|l| l.contains("are service streetlights")),
        "{said:?}"
    );
}

#[test]
fn asyncapi_files_kurir_cannot_read_are_errors_naming_why() {
    use kurir_engine::formats::asyncapi::import;
    assert_eq!(
        import(r#"{"asyncapi":"2.6.0","info":{"title":"x","version":"1"}}"#),
        Err(FormatError::AsyncapiVersion("2.6.0".into()))
    );
    assert_eq!(
        import("asyncapi: 3.0.0\ninfo:\n  title: x\n"),
        Err(FormatError::AsyncapiYaml)
    );
    let bare = import(r#"{"asyncapi":"3.0.0","channels":{"c":{}}}"#).unwrap();
    assert_eq!(bare.unmapped[0].reason, Reason::GuessedPubSub);
}

#[test]
fn a_run_for_real_script_targets_the_scenarios_broker_and_keeps_the_name_in_a_comment() {
    use kurir_engine::formats::run_for_real::{script, target, Target};
    assert_eq!(target(&example("rabbitmq")), Some(Target::Rabbitmq));
    assert_eq!(target(&example("sns-sqs")), Some(Target::Sqs));
    assert_eq!(
        target(&example("google-pubsub")),
        Some(Target::GooglePubsub)
    );
    assert_eq!(target(&example("redis")), Some(Target::Redis));
    // The lesson's generic queues and fan-out fit RabbitMQ; Kafka has no runner.
    assert_eq!(target(&examples::lesson()), Some(Target::Rabbitmq));
    assert_eq!(target(&example("kafka")), None);
    assert_eq!(script(&example("kafka")), None);
    let mut s = example("rabbitmq");
    s.name = "Shop\nrm -rf ~ $(reboot) `x`".into();
    let text = script(&s).unwrap();
    assert!(text.starts_with(
        "#!/usr/bin/env bash\n# Runs the Kurir scenario \"Shop rm -rf ~ $(reboot) `x`\""
    ));
    assert!(
        !text.lines().any(|l| l.starts_with("rm ")),
        "the name stays in its comment"
    );
    // Scenario and definitions are in quoted here-documents.
    assert!(text.contains("<<'KURIR_SCENARIO'\n{"));
    assert!(text.contains("<<'KURIR_DEFINITIONS'\n{"));
    assert!(text.contains("--broker \"${BROKER:-amqp://127.0.0.1:5672}\""));
}
