//! Live edits: parameter and wiring changes applied to a running simulation
//! without losing its state, when the shape of the topology allows it.

use crate::compile::{compile, ServiceId};
use crate::scenario::Scenario;
use crate::scenario::ScenarioError;
use crate::sim::plan::Parts;
use crate::sim::Sim;

impl Sim {
    /// [`Sim::retune`]'s work.
    pub(super) fn apply_scenario(&mut self, scenario: Scenario) -> Result<bool, ScenarioError> {
        let Parts {
            plan,
            channels,
            subscribers,
            latency,
        } = Parts::of(compile(&scenario)?);
        // Scheduled inputs and actions are already on the clock, by index:
        // other ones need a fresh run (undo across two imported files).
        let same_schedule = plan.inputs == self.plan.inputs && plan.actions == self.plan.actions;
        if plan.services.len() != self.plan.services.len() || !same_schedule {
            return Ok(false);
        }
        // Last: it takes the channels' new specs when every kind fits.
        if !self.channels.retune(channels, subscribers) {
            return Ok(false);
        }
        // Only an edited up/down switch changes a service now: one that a
        // scheduled action took down stays down through unrelated edits.
        let switched: Vec<(ServiceId, bool)> = (plan.services.iter().zip(&self.plan.services))
            .enumerate()
            .filter(|(_, (new, old))| new.up != old.up)
            .map(|(i, (new, _))| (ServiceId(i as u32), new.up))
            .collect();
        self.plan = plan;
        self.world.latency = latency;
        self.world.scenario = scenario;
        for (i, up) in switched {
            self.set_service_up(i, up);
        }
        // New wires or more workers may let waiting messages move now.
        for c in self.channels.ids().collect::<Vec<_>>() {
            self.channels.dispatch(c, &mut self.world);
        }
        Ok(true)
    }
}
