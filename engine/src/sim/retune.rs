//! Live edits: parameter and wiring changes applied to a running simulation
//! without losing its state, when the shape of the topology allows it.

use crate::compile::{compile, ChannelTopo, Subscriber, Subscribers};
use crate::scenario::Scenario;
use crate::scenario::ScenarioError;
use crate::sim::channel::ChannelState;
use crate::sim::Sim;

impl Sim {
    /// [`Sim::retune`]'s work.
    pub(super) fn apply_scenario(&mut self, scenario: Scenario) -> Result<bool, ScenarioError> {
        let topo = compile(&scenario)?;
        let same_kinds = topo.channels.len() == self.topo.channels.len()
            && topo.channels.iter().zip(&self.channels).enumerate().all(|(c, (new, old))| {
                match (new, old) {
                    (ChannelTopo::PubSub, ChannelState::PubSub(_))
                    | (ChannelTopo::Queue(_), ChannelState::Queue(_))
                    | (ChannelTopo::Exchange(_), ChannelState::Exchange(_)) => true,
                    // Partitions and group membership are the log's shape.
                    (ChannelTopo::Log(l), ChannelState::Log(_)) => {
                        matches!(&self.topo.channels[c], ChannelTopo::Log(was) if was.partitions == l.partitions)
                            && same_groups(&topo.subscribers[c], &self.topo.subscribers[c])
                    }
                    _ => false,
                }
            });
        // Scheduled inputs and actions are already on the clock, by index:
        // other ones need a fresh run (undo across two imported files).
        let same_schedule = topo.inputs == self.topo.inputs && topo.actions == self.topo.actions;
        if topo.services.len() != self.topo.services.len() || !same_kinds || !same_schedule {
            return Ok(false);
        }
        // Only an edited up/down switch changes a service now: one that a
        // scheduled action took down stays down through unrelated edits.
        let switched: Vec<(u32, bool)> = (topo.services.iter().zip(&self.topo.services))
            .enumerate()
            .filter(|(_, (new, old))| new.up != old.up)
            .map(|(i, (new, _))| (i as u32, new.up))
            .collect();
        self.topo = topo;
        self.scenario = scenario;
        for (i, up) in switched {
            self.set_service_up(i, up);
        }
        // New wires or more workers may let waiting messages move now.
        for c in 0..self.channels.len() {
            self.dispatch(c as u32);
        }
        Ok(true)
    }
}

/// The same services in the same groups (a log's membership: who shares
/// which position). Delivery terms and group names may change in place.
fn same_groups(a: &Subscribers, b: &Subscribers) -> bool {
    let pair = |m: &Subscriber| (m.service, m.group);
    a.members.iter().map(pair).eq(b.members.iter().map(pair))
}
