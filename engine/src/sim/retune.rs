//! Live edits and scheduled topology changes: parameter and wiring changes
//! applied to a running simulation without losing its state, when the shape
//! of the topology allows it.
//!
//! A run's scenario (`World::scenario`) is the topology of now: the file as
//! written plus the scheduled changes that have happened (`Sim::changed`).
//! An edit from the playground is the file as the user has it, so the
//! changes that happened are played on it again before it applies.

use crate::compile::{compile, ServiceId};
use crate::scenario::Scenario;
use crate::scenario::ScenarioError;
use crate::sim::plan::Parts;
use crate::sim::trace::EventKind;
use crate::sim::{ServiceState, Sim};

impl Sim {
    /// [`Sim::retune`]'s work.
    pub(super) fn apply_scenario(&mut self, scenario: Scenario) -> Result<bool, ScenarioError> {
        let edited = Parts::of(compile(&scenario)?);
        // Scheduled inputs and actions are already on the clock, by index:
        // other ones need a fresh run (undo across two imported files).
        let plan = &edited.plan;
        let same_schedule = plan.inputs == self.plan.inputs && plan.actions == self.plan.actions;
        if plan.services.len() < self.plan.services.len() || !same_schedule {
            return Ok(false);
        }
        let now = scenario.with_changes(&self.changed);
        let Some(Parts {
            plan,
            channels,
            subscribers,
            latency,
        }) = topology_of(&now)
        else {
            return Ok(false);
        };
        // Services added join the run first: the channels' new wiring
        // may deliver to them at once.
        let (services, now_us) = (self.world.services.len(), self.world.now);
        if !self.channels.fits(&channels) {
            return Ok(false);
        }
        for s in &plan.services[services..] {
            self.world.services.push(ServiceState::new(s.up, now_us));
        }
        self.world.metrics.grow_services(plan.services.len());
        // Last: it takes the channels' new specs (they fit, checked above).
        let direct_slot = self.channels.len();
        self.channels.retune(channels, subscribers, &mut self.world);
        // Calls under way count their payload in the direct-call slot,
        // which moved past any channel added.
        for (_, call) in self.calls.iter_mut() {
            if call.slot == direct_slot {
                call.slot = self.channels.len();
            }
        }
        // Only an edited up/down switch changes a service now: one that a
        // scheduled action took down stays down through unrelated edits
        // (a service added came as it is written).
        let switched: Vec<(ServiceId, bool)> = (plan.services.iter().zip(&self.plan.services))
            .enumerate()
            .filter(|(_, (new, old))| new.up != old.up)
            .map(|(i, (new, _))| (ServiceId(i as u32), new.up))
            .collect();
        self.plan.services = plan.services;
        self.plan.publish_cost = plan.publish_cost;
        self.plan.rpc_timeout = plan.rpc_timeout;
        self.world.latency = latency;
        self.world.scenario = now;
        for (i, up) in switched {
            self.set_service_up(i, up);
        }
        self.dispatch_all();
        Ok(true)
    }

    /// The scheduled topology change `action` happens now. Checked when
    /// the scenario was compiled; an edit since may have made it moot (the
    /// wire drawn by hand already), and then it changes nothing.
    pub(super) fn change_topology(&mut self, action: u32) {
        let mut now = self.world.scenario.clone();
        let change = now.actions[action as usize].clone();
        if !change.change(&mut now) {
            return;
        }
        let Some(Parts {
            plan,
            channels,
            subscribers,
            ..
        }) = topology_of(&now)
        else {
            return;
        };
        if !self.channels.fits(&channels) {
            return;
        }
        self.channels.retune(channels, subscribers, &mut self.world);
        // Who an RPC caller calls follows the subscriptions.
        self.plan.services = plan.services;
        self.world.scenario = now;
        self.changed.push(action);
        self.world.record(EventKind::Changed { action });
        self.dispatch_all();
    }

    /// New wires or more workers may let waiting messages move now.
    fn dispatch_all(&mut self) {
        for c in self.channels.ids().collect::<Vec<_>>() {
            self.channels.dispatch(c, &mut self.world);
        }
    }
}

/// The compiled topology of `now`: its wiring as it stands, without the
/// schedule (that was compiled and checked with the file).
fn topology_of(now: &Scenario) -> Option<Parts> {
    let wiring = Scenario {
        actions: Vec::new(),
        ..now.clone()
    };
    compile(&wiring).ok().map(Parts::of)
}
