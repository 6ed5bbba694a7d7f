//! The one place that knows which fields of a scenario name another node:
//! wires (publishes, calls, subscriptions), queue dead-letter targets,
//! exchange bindings, inputs and scheduled actions. The compiler checks
//! every reference listed here; removing nodes goes through here too, so a
//! deletion in the playground never leaves a reference behind (deleting the
//! SMS service of the Redis example used to keep its scheduled `down`
//! action, and the scenario was refused). A test removes every node of every
//! example and checks that no reference to it is left.

use super::{Action, ChannelKind, Scenario};

/// Which id space a reference points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A service id.
    Service,
    /// A channel id.
    Channel,
}

/// One field of a scenario that names another node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref<'s> {
    /// Path of the field, as errors name it (`services[1].publishes[0]`).
    pub field: String,
    /// Service or channel.
    pub kind: NodeKind,
    /// The id named.
    pub id: &'s str,
}

impl Scenario {
    /// Every reference from one node (or input, or action) to another, in
    /// the order the compiler reads them.
    pub fn references<'s>(&'s self) -> Vec<Ref<'s>> {
        let mut out = Vec::new();
        let mut add = |field: String, kind: NodeKind, id: &'s str| {
            out.push(Ref { field, kind, id });
        };
        for (i, w) in self.subscriptions.iter().enumerate() {
            add(
                format!("subscriptions[{i}].channel"),
                NodeKind::Channel,
                &w.channel,
            );
            add(
                format!("subscriptions[{i}].service"),
                NodeKind::Service,
                &w.service,
            );
        }
        for (i, c) in self.channels.iter().enumerate() {
            match &c.kind {
                ChannelKind::Queue(q) => {
                    if let Some(d) = &q.dead_letter {
                        add(
                            format!("channels[{i}].kind.dead_letter"),
                            NodeKind::Channel,
                            d,
                        );
                    }
                }
                ChannelKind::Exchange(x) => {
                    for (j, b) in x.bindings.iter().enumerate() {
                        let field = format!("channels[{i}].kind.bindings[{j}].to");
                        add(field, NodeKind::Channel, &b.to);
                    }
                }
                ChannelKind::PubSub | ChannelKind::Log(_) => {}
            }
        }
        for (i, v) in self.services.iter().enumerate() {
            for (j, p) in v.publishes.iter().enumerate() {
                add(
                    format!("services[{i}].publishes[{j}]"),
                    NodeKind::Channel,
                    &p.channel,
                );
            }
            for (j, callee) in v.calls.iter().enumerate() {
                add(
                    format!("services[{i}].calls[{j}]"),
                    NodeKind::Service,
                    callee,
                );
            }
        }
        for (i, input) in self.inputs.iter().enumerate() {
            add(
                format!("inputs[{i}].service"),
                NodeKind::Service,
                &input.service,
            );
        }
        for (i, a) in self.actions.iter().enumerate() {
            match a {
                Action::Down { service, .. } | Action::Up { service, .. } => {
                    add(format!("actions[{i}].service"), NodeKind::Service, service);
                }
                Action::Rewind { channel, .. } => {
                    add(format!("actions[{i}].channel"), NodeKind::Channel, channel);
                }
            }
        }
        out
    }

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
