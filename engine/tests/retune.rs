//! Live re-tuning (`Sim::retune`): the playground applies edits, undo and
//! redo to the running simulation when the topology's shape allows it. Any
//! two scenarios of the same shape must be safe to switch between, and a
//! re-tune must mean what a fresh run with the new scenario would do.

mod common;

use common::assert_conserved;
use common::random::{parameter_edit, same_shape_pair, scenario, without_shortcuts};
use kurir_engine::base::time::MS;
use kurir_engine::observe::trace_json::event_json;
use kurir_engine::scenario::Scenario;
use kurir_engine::{ServiceId, Sim, SimOptions};
use proptest::prelude::*;

fn options() -> SimOptions {
    SimOptions {
        trace_capacity: 1_000_000,
        ..SimOptions::default()
    }
}

/// A scenario the engine accepts: the level scheme of the generator can
/// still close a loop through bindings or patterns; drop those then.
fn runnable(s: Scenario) -> Scenario {
    match Sim::new(s.clone(), options()) {
        Ok(_) => s,
        Err(_) => without_shortcuts(s),
    }
}

fn drive(sim: &mut Sim, orders: &[u64]) {
    for &gap in orders {
        sim.run_for(gap * MS);
        sim.place_order(ServiceId(0));
        assert_conserved(sim);
    }
}

fn trace(sim: &Sim) -> Vec<String> {
    sim.trace().iter().map(|e| event_json(e, sim)).collect()
}

/// The same orders to both runs, then a minute of quiet: their traces.
fn finish_both(mut a: Sim, mut b: Sim, orders: &[u64]) -> (Vec<String>, Vec<String>) {
    for sim in [&mut a, &mut b] {
        drive(sim, orders);
        sim.run_for(60_000 * MS);
    }
    (trace(&a), trace(&b))
}

fn orders() -> impl Strategy<Value = Vec<u64>> {
    proptest::collection::vec(0u64..400, 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Undo across two imported files, back and forth, mid-run.
    #[test]
    fn switching_between_same_shape_scenarios_never_panics(
        (a, b) in same_shape_pair(), before in orders(), between in orders(), after in orders()
    ) {
        let (a, b) = (runnable(a), runnable(b));
        let mut sim = Sim::new(a.clone(), options()).unwrap();
        drive(&mut sim, &before);
        let applied = sim.retune(b.clone()).unwrap();
        drive(&mut sim, &between);
        let _ = sim.retune(a).unwrap();
        drive(&mut sim, &after);
        sim.run_for(120_000 * MS);
        assert_conserved(&sim);
        if applied {
            prop_assert_eq!(sim.scenario().services.len(), b.services.len());
        }
    }

    /// Re-tuning to the scenario already running changes nothing.
    #[test]
    fn retuning_to_the_same_scenario_changes_nothing(
        (s, _) in same_shape_pair(), before in orders(), after in orders()
    ) {
        let s = runnable(s);
        let mut plain = Sim::new(s.clone(), options()).unwrap();
        let mut tuned = Sim::new(s.clone(), options()).unwrap();
        drive(&mut plain, &before);
        drive(&mut tuned, &before);
        prop_assert!(tuned.retune(s).unwrap(), "the same scenario is applied live");
        let (plain, tuned) = finish_both(plain, tuned, &after);
        prop_assert_eq!(plain, tuned);
    }

    /// A parameter edit before anything happened runs exactly as a fresh run
    /// of the edited scenario.
    #[test]
    fn a_parameter_edit_at_the_start_equals_a_fresh_run(
        (a, b) in parameter_edit(), orders in orders()
    ) {
        let (a, b) = (runnable(a), runnable(b));
        let fresh = Sim::new(b.clone(), options()).unwrap();
        let mut tuned = Sim::new(a, options()).unwrap();
        if tuned.retune(b).unwrap() {
            let (fresh, tuned) = finish_both(fresh, tuned, &orders);
            prop_assert_eq!(fresh, tuned);
        }
    }

    /// Random scenarios of the generator re-tune to themselves without loss.
    #[test]
    fn any_scenario_retunes_to_itself(s in scenario()) {
        let s = runnable(s);
        let mut sim = Sim::new(s.clone(), options()).unwrap();
        sim.place_order(ServiceId(0));
        sim.run_for(50 * MS);
        prop_assert!(sim.retune(s).unwrap());
        sim.run_for(60_000 * MS);
        assert_conserved(&sim);
    }
}

/// Two queues, `a` and `b`; the worker takes from `dead_letters_from` and
/// always fails, and that queue dead-letters into the other after one try.
fn chain(dead_letters_from: &str, into: &str) -> Scenario {
    use kurir_engine::scenario::builder::ScenarioBuilder;
    use kurir_engine::scenario::QueueSpec;
    let spec = |dead_letter: Option<&str>| QueueSpec {
        max_deliveries: 1,
        dead_letter: dead_letter.map(String::from),
        ..QueueSpec::default()
    };
    let (a, b) = if dead_letters_from == "a" {
        (spec(Some(into)), spec(None))
    } else {
        (spec(None), spec(Some(into)))
    };
    ScenarioBuilder::new()
        .service("shop", 1.0)
        .publishes(dead_letters_from)
        .service("worker", 1.0)
        .fails(1.0)
        .consumes(dead_letters_from)
        .queue("a", a)
        .queue("b", b)
        .build()
}

/// A run keeps its channels ordered so that each hands messages on only to
/// channels after it; an edit that turns a dead-letter chain around must
/// reorder them, or the first dead letter of the new chain has nowhere to go.
#[test]
fn an_edit_that_reverses_a_dead_letter_chain_still_dead_letters() {
    let mut sim = Sim::new(chain("a", "b"), options()).unwrap();
    sim.place_order(ServiceId(0));
    sim.run_for(1_000 * MS);
    assert_eq!(sim.metrics().channels[0].dead_lettered, 1);
    assert!(sim.retune(chain("b", "a")).unwrap());
    sim.place_order(ServiceId(0));
    sim.run_for(1_000 * MS);
    // The worker now takes from `b`: the first dead letter, waiting there,
    // and the new message both fail once and go on to `a`.
    assert_eq!(sim.metrics().channels[1].dead_lettered, 2);
    let depths: Vec<u32> = kurir_engine::observe::snapshot::snapshot(&sim, 0)
        .channels
        .iter()
        .map(|c| c.depth)
        .collect();
    assert_eq!(depths, vec![2, 0]);
    assert_conserved(&sim);
}
