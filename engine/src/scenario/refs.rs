//! The one place that knows which fields of a scenario name another node:
//! wires (publishes, calls, subscriptions), queue dead-letter targets,
//! exchange bindings, inputs and scheduled actions. Removing nodes goes
//! through here, so a deletion in the playground never leaves a reference
//! behind (deleting the SMS service of the Redis example used to keep its
//! scheduled `down` action, and the scenario was refused).

use super::{Action, ChannelKind, Scenario};

impl Scenario {
    /// Removes the services and channels with these ids and every reference
    /// to them, so what remains is as valid as before.
    pub fn remove_nodes(&mut self, services: &[String], channels: &[String]) {
        let gone_service = |id: &String| services.contains(id);
        let gone_channel = |id: &String| channels.contains(id);
        self.services.retain(|v| !gone_service(&v.id));
        self.channels.retain(|c| !gone_channel(&c.id));
        for v in &mut self.services {
            v.publishes.retain(|p| !gone_channel(&p.channel));
            v.calls.retain(|c| !gone_service(c));
        }
        for c in &mut self.channels {
            match &mut c.kind {
                ChannelKind::Queue(q) if q.dead_letter.as_ref().is_some_and(gone_channel) => {
                    q.dead_letter = None;
                }
                ChannelKind::Exchange(x) => x.bindings.retain(|b| !gone_channel(&b.to)),
                _ => {}
            }
        }
        self.subscriptions
            .retain(|w| !gone_channel(&w.channel) && !gone_service(&w.service));
        self.inputs.retain(|i| !gone_service(&i.service));
        let subscriptions = &self.subscriptions;
        // A rewind needs its group to still read its channel: a group is its
        // name, or the service id of a subscriber without one.
        let group_reads = |channel: &String, group: &String| {
            subscriptions
                .iter()
                .any(|w| w.channel == *channel && w.group.as_ref().unwrap_or(&w.service) == group)
        };
        self.actions.retain(|a| match a {
            Action::Down { service, .. } | Action::Up { service, .. } => !gone_service(service),
            Action::Rewind { channel, group, .. } => {
                !gone_channel(channel) && group_reads(channel, group)
            }
        });
    }
}
