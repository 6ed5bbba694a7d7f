//! Side by side: a twin run in the other mode that receives the same orders.

use kurir_engine::{Scenario, Sim, SimOptions};
use leptos::prelude::*;

use super::Playground;

impl Playground {
    /// Turns the side-by-side view on or off. Both runs start again at time 0
    /// so they see exactly the same orders.
    pub fn set_split(&self, on: bool) {
        self.split.set(on);
        if on {
            self.reset();
        } else {
            self.twin.set_value(None);
        }
    }

    pub(super) fn rebuild_twin(&self, scenario: &Scenario) {
        if !self.split.get_untracked() {
            return;
        }
        let options = SimOptions {
            mode: Some(scenario.mode.other()),
            trace_capacity: 0,
            ..SimOptions::default()
        };
        self.twin
            .set_value(Sim::new(scenario.clone(), options).ok());
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
