//! Bad scenarios are refused with a typed error naming the field; never a panic.

use kurir_engine::examples::lesson;
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::NodeKind;
use kurir_engine::{Problem, Scenario, ScenarioError, Sim, SimOptions};

fn error_of(s: Scenario) -> ScenarioError {
    match Sim::new(s, SimOptions::default()) {
        Ok(_) => panic!("the scenario should have been refused"),
        Err(e) => e,
    }
}

#[test]
fn a_wire_to_an_unknown_channel_names_the_wire() {
    let mut s = lesson();
    s.subscriptions[1].channel = "smss".into();
    let e = error_of(s);
    assert_eq!(e.field(), Some("subscriptions[1].channel"));
    assert!(
        matches!(e, ScenarioError::Invalid { problem: Problem::UnknownChannel(ref id), .. } if id == "smss")
    );
    assert!(e.to_string().contains("no channel with id \"smss\""));
}

#[test]
fn a_wire_to_a_missing_service_names_the_wire() {
    let mut s = lesson();
    s.subscriptions[0].service = "mail".into();
    assert_eq!(error_of(s).field(), Some("subscriptions[0].service"));
}

#[test]
fn negative_and_absurd_times_are_refused() {
    let mut s = lesson();
    s.services[2].processing = kurir_engine::scenario::Processing::Constant { ms: -5.0 };
    let e = error_of(s);
    assert_eq!(e.field(), Some("services[2].processing.ms"));
    assert!(matches!(
        e,
        ScenarioError::Invalid {
            problem: Problem::OutOfRange { .. },
            ..
        }
    ));

    let mut s = lesson();
    s.network.latency_ms = f64::NAN;
    assert_eq!(error_of(s).field(), Some("network.latency_ms"));

    let mut s = lesson();
    s.services[0].processing = kurir_engine::scenario::Processing::Uniform {
        min_ms: 1e12,
        max_ms: 2e12,
    };
    assert_eq!(error_of(s).field(), Some("services[0].processing.min_ms"));
}

#[test]
fn zero_workers_and_impossible_probabilities_are_refused() {
    let mut s = lesson();
    s.services[1].workers = 0;
    assert_eq!(error_of(s).field(), Some("services[1].workers"));
    let mut s = lesson();
    s.services[1].failure_probability = 1.5;
    assert_eq!(error_of(s).field(), Some("services[1].failure_probability"));
}

#[test]
fn a_publish_cycle_is_refused_with_the_loop_spelled_out() {
    let s = ScenarioBuilder::new()
        .service("a", 1.0)
        .publishes("x")
        .consumes("y")
        .pubsub("x")
        .pubsub("y")
        .service("b", 1.0)
        .consumes("x")
        .publishes("y")
        .build();
    let e = error_of(s);
    assert!(
        matches!(e, ScenarioError::Invalid { problem: Problem::Cycle(ref path), .. } if path == &["a", "b", "a"])
    );
    assert!(e.to_string().contains("a → b → a"), "{e}");
}

#[test]
fn a_dead_letter_loop_is_refused() {
    let q = kurir_engine::scenario::QueueSpec {
        dead_letter: Some("q".into()),
        ..Default::default()
    };
    let s = ScenarioBuilder::new().queue("q", q).build();
    assert!(matches!(
        error_of(s),
        ScenarioError::Invalid {
            problem: Problem::Cycle(_),
            ..
        }
    ));
}

#[test]
fn duplicate_ids_and_bad_ids_are_refused() {
    let s = ScenarioBuilder::new()
        .service("a", 1.0)
        .service("a", 1.0)
        .build();
    assert_eq!(error_of(s).field(), Some("services[1].id"));
    let s = ScenarioBuilder::new().service("<b>", 1.0).build();
    assert!(matches!(
        error_of(s),
        ScenarioError::Invalid {
            problem: Problem::BadId(_),
            ..
        }
    ));
}

#[test]
fn text_that_is_not_a_scenario_gets_a_clear_message() {
    let cases = [
        ("", "not a valid scenario"),
        ("{", "not a valid scenario"),
        ("[1,2]", "version: missing"),
        ("{\"services\": []}", "version: missing"),
        ("{\"version\": 99}", "version: 99 is not supported"),
        ("{\"version\": 1, \"services\": 5}", "not a valid scenario"),
        ("{\"version\": 1, \"surprise\": true}", "unknown field"),
    ];
    for (text, expected) in cases {
        let e = Scenario::from_json(text).unwrap_err();
        assert!(e.to_string().contains(expected), "{text:?} gave {e}");
    }
    let huge = " ".repeat(kurir_engine::input::MAX_SCENARIO_BYTES + 1);
    assert!(Scenario::from_json(&huge)
        .unwrap_err()
        .to_string()
        .contains("at most"));
}

#[test]
fn a_file_of_the_wrong_shape_says_where_the_mistake_is() {
    let text = r#"{"version": 1, "services": [
        {"id": "a", "processing": {"dist": "constant", "ms": 5}},
        {"id": "b", "processing": {"dist": "constant", "ms": 5}, "workers": "two"}
    ]}"#;
    let e = Scenario::from_json(text).unwrap_err().to_string();
    assert_eq!(
        e,
        "not a valid scenario: services[1].workers: invalid type: string \"two\", expected u32"
    );
    // Inside nested objects and lists too.
    let nested = r#"{"version": 1, "services": [
        {"id": "a", "processing": {"dist": "constant", "ms": "slow"}}
    ]}"#;
    let e = Scenario::from_json(nested).unwrap_err().to_string();
    assert!(
        e.starts_with("not a valid scenario: services[0].processing.ms: invalid type"),
        "{e}"
    );
    let in_list = r#"{"version": 1, "channels": [{"id": "c"}], "services": [
        {"id": "a", "processing": {"dist": "constant", "ms": 1},
         "publishes": ["c", {"channel": "c", "key": 7}]}
    ]}"#;
    let e = Scenario::from_json(in_list).unwrap_err().to_string();
    assert!(
        e.starts_with("not a valid scenario: services[0].publishes[1].key: invalid type"),
        "{e}"
    );
    let e = Scenario::from_json(r#"{"version": 1, "inputs": [{"every_ms": 5}]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "not a valid scenario: inputs[0]: missing field `service`"
    );
    let e = Scenario::from_json(r#"{"version": 1, "network": {"latency_ms": "fast"}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("not a valid scenario: network.latency_ms: invalid type"),
        "{e}"
    );
    let e = Scenario::from_json(r#"{"version": 1, "services": "lots"}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "not a valid scenario: services: invalid type: string \"lots\", expected a list"
    );
}

#[test]
fn a_mistake_inside_a_tagged_field_is_named() {
    let text = r#"{"version": 1,
        "services": [{"id": "a", "processing": PROCESSING, "publishes": [PUBLISH]}],
        "channels": [{"id": "c", "kind": KIND}],
        "actions": [ACTION]}"#;
    let fine = [
        ("PROCESSING", r#"{"dist": "constant", "ms": 5}"#),
        ("PUBLISH", r#""c""#),
        (
            "KIND",
            r#"{"type": "queue", "retry": {"policy": "delay", "ms": 10}}"#,
        ),
        ("ACTION", r#"{"do": "down", "at_ms": 5, "service": "a"}"#),
    ];
    let with = |field: &str, value: &str| {
        let mut t = text.to_string();
        for (f, v) in fine {
            t = t.replace(f, if f == field { value } else { v });
        }
        Scenario::from_json(&t)
    };
    assert!(with("", "").is_ok(), "{:?}", with("", "").err());
    let cases = [
        (
            "KIND",
            r#"{"type": "topic"}"#,
            "channels[0]: unknown variant `topic`",
        ),
        ("KIND", r#"{"retry": 1}"#, "missing field `type`"),
        (
            "KIND",
            r#"{"type": "queue", "retry": {"policy": "delay"}}"#,
            "missing field `ms`",
        ),
        (
            "KIND",
            r#"{"type": "queue", "colour": "red"}"#,
            "unknown field `colour`",
        ),
        (
            "PROCESSING",
            r#"{"dist": "uniform", "min_ms": 1}"#,
            "missing field `max_ms`",
        ),
        (
            "PROCESSING",
            r#"{"dist": "constant", "ms": "5"}"#,
            "expected a number",
        ),
        (
            "ACTION",
            r#"{"do": "down", "at_ms": 5, "service": "a", "why": 1}"#,
            "unknown field `why`",
        ),
        (
            "ACTION",
            r#"{"do": "explode", "at_ms": 5}"#,
            "unknown variant `explode`",
        ),
        (
            "PUBLISH",
            "5",
            "expected a channel id or an object with a `channel`",
        ),
        (
            "PUBLISH",
            r#"{"channel": "c", "colour": 1}"#,
            "unknown field `colour`",
        ),
    ];
    for (field, value, expected) in cases {
        let e = with(field, value).unwrap_err();
        assert!(
            e.to_string().contains(expected),
            "{field} = {value} gave {e}"
        );
    }
}

#[test]
fn a_loop_through_a_dead_letter_channel_is_refused() {
    // worker fails q's messages into dlq; fixer consumes dlq and republishes to q.
    let q = kurir_engine::scenario::QueueSpec {
        dead_letter: Some("dlq".into()),
        ..Default::default()
    };
    let s = ScenarioBuilder::new()
        .queue("q", q)
        .queue("dlq", Default::default())
        .service("worker", 1.0)
        .consumes("q")
        .service("fixer", 1.0)
        .consumes("dlq")
        .publishes("q")
        .build();
    assert!(matches!(
        error_of(s),
        ScenarioError::Invalid {
            problem: Problem::Cycle(_),
            ..
        }
    ));
}

#[test]
fn an_impossible_prefetch_is_refused() {
    let s = ScenarioBuilder::new()
        .queue("q", Default::default())
        .service("w", 1.0)
        .consumes("q")
        .prefetch(0)
        .build();
    assert_eq!(error_of(s).field(), Some("subscriptions[0].prefetch"));
}

#[test]
fn deleting_any_node_of_any_example_leaves_a_valid_scenario() {
    // Deleting the Redis example's SMS service kept its scheduled `down`
    // action: "actions[0].service: unknown service".
    for (id, s) in kurir_engine::examples::gallery() {
        let nodes: Vec<(Vec<String>, Vec<String>)> = s
            .services
            .iter()
            .map(|v| (vec![v.id.clone()], vec![]))
            .chain(s.channels.iter().map(|c| (vec![], vec![c.id.clone()])))
            .collect();
        for (services, channels) in nodes {
            let mut left = s.clone();
            left.remove_nodes(&services, &channels);
            // No field the reference list knows still names a removed node…
            for r in left.references() {
                let gone = match r.kind {
                    NodeKind::Service => services.iter().any(|v| v == r.id),
                    NodeKind::Channel => channels.iter().any(|c| c == r.id),
                };
                assert!(!gone, "{id}: {} still names {}", r.field, r.id);
            }
            // …and what is left runs (the compiler checks every reference).
            kurir_engine::Sim::new(left, kurir_engine::SimOptions::default())
                .unwrap_or_else(|e| panic!("{id} without {services:?}{channels:?}: {e}"));
        }
    }
}
