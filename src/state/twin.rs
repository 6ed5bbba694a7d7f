//! Side by side: a twin run that receives the same orders — in the other
//! mode while simulating, or, live, the simulator beside the real broker.

use kurir_engine::{Mode, Scenario, Sim, SimOptions};
use leptos::prelude::*;

use super::Playground;

impl Playground {
    /// Turns the side-by-side view on or off. Both runs start again at time 0
    /// so they see exactly the same orders (live, the real run starts again
    /// on the broker too).
    pub fn set_split(&self, on: bool) {
        self.split.set(on);
        if !on {
            self.twin.set_value(None);
        } else if self.is_live() {
            self.live_restart();
        } else {
            self.reset();
        }
    }

    /// The mode the twin runs (reactive): the other one, or live the same
    /// one (the simulator beside the broker).
    pub fn twin_mode(&self) -> Mode {
        let mode = self.scenario.with(|s| s.mode);
        if self.live.with(Option::is_some) {
            mode
        } else {
            mode.other()
        }
    }

    pub(super) fn rebuild_twin(&self, scenario: &Scenario) {
        if !self.split.get_untracked() {
            return;
        }
        let mut scenario = scenario.clone();
        let mode = if self.is_live() {
            // A run the page drives on the broker has no inputs or
            // scheduled actions, only the page's orders and take-downs: the
            // simulator beside it gets exactly those.
            scenario.inputs.clear();
            scenario.actions.clear();
            scenario.mode
        } else {
            scenario.mode.other()
        };
        let options = SimOptions {
            mode: Some(mode),
            trace_capacity: 0,
            ..SimOptions::default()
        };
        self.twin.set_value(Sim::new(scenario, options).ok());
    }

    pub(super) fn twin_do(&self, f: impl FnOnce(&mut Sim)) {
        self.twin.update_value(|t| {
            if let Some(t) = t {
                f(t)
            }
        });
    }

    /// Reads the twin run, when side by side. Tests only, as `with_sim`.
    #[cfg(test)]
    pub fn with_twin<R>(&self, f: impl FnOnce(&Sim) -> R) -> Option<R> {
        self.twin.with_value(|t| t.as_ref().map(f))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use kurir_engine::base::time::SEC;
    use kurir_engine::examples::lesson;
    use leptos::prelude::*;

    use super::Mode;
    use crate::state::Playground;
    use crate::text::i18n::Lang;

    #[test]
    fn live_side_by_side_runs_the_brokers_orders_on_the_simulator_in_the_same_mode() {
        let owner = Owner::new();
        owner.with(|| {
            // Orders the simulation would place on its own: the broker's
            // run has none, so the simulator beside it has none either.
            let mut s = lesson();
            let file = include_str!("../../docs/examples/broker-rabbitmq.json");
            s.inputs = kurir_engine::Scenario::from_json(file).unwrap().inputs;
            assert!(!s.inputs.is_empty());
            let pg = Playground::new(s, Lang::En);
            let sent = Rc::new(RefCell::new(Vec::<String>::new()));
            let to_bridge = sent.clone();
            pg.live_begin(Rc::new(move |m| to_bridge.borrow_mut().push(m)));
            pg.live_message(
                r#"{"type":"hello","brokers":[{"kind":"rabbitmq","name":"RabbitMQ"}]}"#,
            );
            let starts = || {
                (sent.borrow().iter())
                    .filter(|m| m.contains(r#""type":"start""#))
                    .count()
            };
            assert_eq!(starts(), 1);
            pg.live_message(r#"{"type":"status","state":"running","broker":"rabbitmq"}"#);
            // Side by side starts the real run again, so both begin together.
            pg.set_split(true);
            assert_eq!(starts(), 2);
            pg.live_message(r#"{"type":"status","state":"starting","broker":"rabbitmq"}"#);
            pg.live_message(r#"{"type":"status","state":"running","broker":"rabbitmq"}"#);
            pg.burst(3);
            let orders = (sent.borrow().iter())
                .filter(|m| m.contains(r#""type":"order""#))
                .count();
            assert_eq!(orders, 3, "the broker gets the orders");
            for _ in 0..100 {
                pg.advance(SEC / 10);
            }
            let twin = pg.with_twin(|t| (t.mode(), t.metrics().orders.completed));
            assert_eq!(
                twin,
                Some((Mode::Messaging, 3)),
                "and the simulator the same ones"
            );
            assert_eq!(pg.twin_snap.with_untracked(|s| s.orders.placed), 3);
            // Leaving live mode leaves the comparison with it.
            pg.live_end();
            assert!(!pg.split.get_untracked());
            assert!(pg.with_twin(|_| ()).is_none());
        });
    }
}
