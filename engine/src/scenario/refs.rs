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
                Action::Subscribe {
                    subscription: w, ..
                } => {
                    add(
                        format!("actions[{i}].channel"),
                        NodeKind::Channel,
                        &w.channel,
                    );
                    add(
                        format!("actions[{i}].service"),
                        NodeKind::Service,
                        &w.service,
                    );
                }
                Action::Unsubscribe {
                    channel, service, ..
                } => {
                    add(format!("actions[{i}].channel"), NodeKind::Channel, channel);
                    add(format!("actions[{i}].service"), NodeKind::Service, service);
                }
                Action::Bind {
                    channel, binding, ..
                } => {
                    add(format!("actions[{i}].channel"), NodeKind::Channel, channel);
                    add(format!("actions[{i}].to"), NodeKind::Channel, &binding.to);
                }
                Action::Unbind { channel, to, .. } => {
                    add(format!("actions[{i}].channel"), NodeKind::Channel, channel);
                    add(format!("actions[{i}].to"), NodeKind::Channel, to);
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
        self.actions.retain(|a| match a {
            Action::Down { service, .. } | Action::Up { service, .. } => !gone_service(service),
            Action::Rewind { channel, .. } => !gone_channel(channel),
            Action::Subscribe {
                subscription: w, ..
            } => !gone_channel(&w.channel) && !gone_service(&w.service),
            Action::Unsubscribe {
                channel, service, ..
            } => !gone_channel(channel) && !gone_service(service),
            Action::Bind {
                channel, binding, ..
            } => !gone_channel(channel) && !gone_channel(&binding.to),
            Action::Unbind { channel, to, .. } => !gone_channel(channel) && !gone_channel(to),
        });
        // A rewind needs its group to still read its channel (from the
        // start, or after a scheduled subscribe): a group is its name, or
        // the service id of a subscriber without one.
        let groups: Vec<(String, String)> = (self.subscriptions.iter())
            .chain(self.actions.iter().filter_map(|a| match a {
                Action::Subscribe { subscription, .. } => Some(subscription),
                _ => None,
            }))
            .map(|w| {
                (
                    w.channel.clone(),
                    w.group.clone().unwrap_or(w.service.clone()),
                )
            })
            .collect();
        self.actions.retain(|a| match a {
            Action::Rewind { channel, group, .. } => {
                groups.iter().any(|(c, g)| c == channel && g == group)
            }
            _ => true,
        });
    }

    /// Forgets the scheduled topology changes of the wire between `channel`
    /// and `other` (a service it feeds, or a channel it is bound to): when a
    /// wire is drawn or removed by hand, the hand wins, and a later
    /// subscribe or unbind of the same wire would no longer change anything.
    pub fn forget_wire_actions(&mut self, channel: &str, other: &str) {
        self.actions.retain(|a| match a {
            Action::Subscribe {
                subscription: w, ..
            } => !(w.channel == channel && w.service == other),
            Action::Unsubscribe {
                channel: c,
                service,
                ..
            } => !(c == channel && service == other),
            Action::Bind {
                channel: c,
                binding,
                ..
            } => !(c == channel && binding.to == other),
            Action::Unbind { channel: c, to, .. } => !(c == channel && to == other),
            _ => true,
        });
    }
}
