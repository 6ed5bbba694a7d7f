//! Nothing a file, a link or a long run can ask for kills or freezes the
//! engine: the format's limits name the field, a run keeps bounded memory,
//! time arithmetic saturates, and budgets keep synchronous work short.

mod common;

use common::assert_conserved;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::compile::limits::{END_OF_TIME, MAX_HELD, MAX_KEY_BYTES};
use kurir_engine::examples::{gallery, lesson};
use kurir_engine::observe::compare::{compare, COMPARE_EVENTS};
use kurir_engine::scenario::*;
use kurir_engine::sim::trace::EventKind;
use kurir_engine::{Problem, ScenarioError, ServiceId, Sim, SimOptions};

/// Orders without end at the highest rate the format allows.
fn fastest_input() -> Input {
    Input {
        service: "order".into(),
        every_ms: 1.0,
        count: None,
        start_ms: 0.0,
    }
}

fn refusal(s: &Scenario) -> (String, Problem) {
    match Sim::new(s.clone(), SimOptions::default()) {
        Err(ScenarioError::Invalid { field, problem }) => (field, problem),
        other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_run_at_the_fastest_rate_holds_bounded_work_and_refuses_the_rest() {
    // The lesson's Order service takes 20 orders/s; 1,000/s for a long time
    // grew its inbox to millions (3 GB of wasm memory, then a panic).
    let mut sim = Sim::new(
        lesson(),
        SimOptions {
            trace_capacity: 100,
            ..SimOptions::default()
        },
    )
    .unwrap();
    sim.set_order_rate(ServiceId(0), 1_000.0);
    let mut peak = 0;
    for _ in 0..40 {
        sim.run_for(10 * SEC);
        peak = peak.max(sim.open_orders());
    }
    let o = &sim.metrics().orders;
    assert!(o.refused > 0, "orders beyond the limit are refused");
    assert!(
        peak as u64 <= MAX_HELD,
        "open orders {peak} within the limit"
    );
    assert_eq!(o.placed + o.refused, 400_000, "every order accounted for");
    assert!(sim.trace().iter().any(|e| matches!(
        e.kind,
        EventKind::OrderRefused {
            service: ServiceId(0)
        }
    )));
    assert_conserved(&sim);
}

#[test]
fn running_to_the_end_of_time_returns() {
    // `run_for(u64::MAX)` (a tampered speed of 1e300) wrapped the depth
    // sampler's clock and looped forever.
    let mut sim = Sim::new(lesson(), SimOptions::default()).unwrap();
    sim.place_order(ServiceId(0));
    sim.run_for(u64::MAX);
    assert_eq!(sim.now(), END_OF_TIME);
    sim.run_for(u64::MAX);
    assert_eq!(sim.now(), END_OF_TIME);
    assert_eq!(sim.metrics().orders.completed, 1);
}

#[test]
fn a_budgeted_run_stops_at_its_budget_and_carries_on_later() {
    let mut s = lesson();
    s.inputs.push(fastest_input());
    let mut sim = Sim::new(s, SimOptions::default()).unwrap();
    assert!(!sim.run_until_within(3_600 * SEC, 10_000));
    assert_eq!(sim.events_processed(), 10_000);
    assert!(
        sim.now() < 3_600 * SEC,
        "the clock waits where work stopped"
    );
    assert!(sim.run_until_within(sim.now(), 10));
}

#[test]
fn the_comparison_ignores_the_scenarios_inputs_and_has_a_budget() {
    let mut s = lesson();
    let [rpc, msg] = compare(&s, ServiceId(0), 10, 100 * MS, 600 * SEC).unwrap();
    s.inputs.push(fastest_input());
    // Identical orders: the comparison's ten, not the scenario's endless input.
    let [rpc2, msg2] = compare(&s, ServiceId(0), 10, 100 * MS, 600 * SEC).unwrap();
    assert_eq!((rpc.clone(), msg.clone()), (rpc2, msg2));
    assert!(rpc.complete && msg.complete);
    // A comparison bigger than its budget stops there and says so.
    let fast = kurir_engine::examples::bench::fan_out(4);
    let [_, big] = compare(&fast, ServiceId(0), COMPARE_EVENTS, MS, 600 * SEC).unwrap();
    assert!(!big.complete, "{big:?}");
    assert!(big.completed > 0 && big.completed < COMPARE_EVENTS);
}

#[test]
fn the_benchmarks_scenarios_are_within_the_limits() {
    // `make bench` runs these natively and in the page; an invalid one made
    // the native benchmark panic and the page's report 0 deliveries/s.
    use kurir_engine::examples::bench::{competing, fan_out, log_groups, FASTEST_MS};
    for s in [fan_out(4), competing(4, FASTEST_MS), log_groups(12, 3, 4)] {
        kurir_engine::Sim::new(s, kurir_engine::SimOptions::default()).expect("valid");
    }
}

#[test]
fn inputs_faster_than_the_playground_allows_are_refused() {
    let mut s = lesson();
    s.inputs.push(Input {
        service: "order".into(),
        every_ms: 0.001,
        count: None,
        start_ms: 0.0,
    });
    let (field, problem) = refusal(&s);
    assert_eq!(field, "inputs[0].every_ms");
    assert!(matches!(problem, Problem::OutOfRange { min, .. } if min == 1.0));
}

#[test]
fn routing_keys_are_limited_as_amqp_limits_them() {
    // AMQP 0-9-1 (amqp0-9-1.xml): routing keys are `shortstr`, at most 255
    // octets. A 20,000-word key froze topic matching for 24 s.
    let mut s = lesson();
    s.services[0].publishes[0].routing_key = Some("a.".repeat(128));
    let (field, problem) = refusal(&s);
    assert_eq!(field, "services[0].publishes[0].routing_key");
    assert_eq!(problem, Problem::KeyTooLong { max: MAX_KEY_BYTES });
    // At the limit the key is short enough; the lesson's `email` queue
    // then refuses it for another reason: only an exchange routes by keys
    s.services[0].publishes[0].routing_key = Some("a".repeat(MAX_KEY_BYTES));
    let (field, problem) = refusal(&s);
    assert_eq!(field, "services[0].publishes[0]");
    let expected = Problem::NoEffect {
        option: "routing_key",
        kind: "queue",
    };
    assert_eq!(problem, expected);

    let mut rabbit = gallery()
        .into_iter()
        .find(|(id, _)| *id == "rabbitmq")
        .unwrap()
        .1;
    let (c, b) = rabbit
        .channels
        .iter()
        .enumerate()
        .find_map(|(i, c)| match &c.kind {
            ChannelKind::Exchange(x) if !x.bindings.is_empty() => Some((i, 0)),
            _ => None,
        })
        .unwrap();
    if let ChannelKind::Exchange(x) = &mut rabbit.channels[c].kind {
        x.bindings[b].key = Some("#.".repeat(10_000));
    }
    let (field, _) = refusal(&rabbit);
    assert_eq!(field, format!("channels[{c}].bindings[{b}].key"));
}

#[test]
fn too_many_nodes_and_far_away_nodes_are_refused() {
    let mut s = lesson();
    for i in 0..250 {
        let mut v = s.services[1].clone();
        v.id = format!("extra{i}");
        s.services.push(v);
    }
    assert_eq!(
        refusal(&s),
        ("services".into(), Problem::TooMany { max: 200 })
    );
    let mut s = lesson();
    s.channels[0].x = 1e30;
    assert_eq!(refusal(&s).0, "channels[0].x");
    let mut s = lesson();
    s.services[0].database = Some("d".repeat(10_000));
    assert_eq!(refusal(&s).0, "services[0].database");
}

#[test]
fn a_version_that_is_not_a_whole_number_is_named() {
    let text = lesson().to_json();
    for (bad, shown) in [
        ("\"1\"", "\"1\""),
        ("1.0", "1.0"),
        ("18446744073709551616", "1.8446744073709552e+19"),
    ] {
        let e = Scenario::from_json(&text.replacen(
            "\"version\": 1",
            &format!("\"version\": {bad}"),
            1,
        ))
        .unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains(&format!("version: {shown} is not a version number")),
            "{bad}: {message}"
        );
    }
}

#[test]
fn a_key_written_twice_is_refused_with_its_line() {
    let text =
        lesson()
            .to_json()
            .replacen("\"workers\": 1,", "\"workers\": 1,\n  \"workers\": 5,", 1);
    match Scenario::from_json(&text) {
        Err(ScenarioError::Syntax { line, message, .. }) => {
            assert!(line > 0);
            assert!(message.contains("\"workers\" appears twice"), "{message}");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[test]
fn every_gallery_example_fits_the_limits() {
    for (id, s) in gallery() {
        Sim::new(s, SimOptions::default()).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}
