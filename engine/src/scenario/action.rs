//! Scheduled actions: what happens at a set time of a run. Some act on
//! services (down, up), one on a consumer group (rewind), and four change the
//! topology while the run goes on (subscribe, unsubscribe, bind, unbind) —
//! what each broker then does with messages already published is the
//! broker's business (see `docs/brokers.md`); here is only what changes.

use serde::{Deserialize, Deserializer, Serialize};

use super::tagged::{via_value, Tagged};
use super::{Binding, ChannelKind, Scenario, Subscription};

/// Something that happens at a set time of the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Action {
    /// The service goes down (its work in hand is lost).
    Down {
        /// When, in ms.
        at_ms: f64,
        /// Service id.
        service: String,
    },
    /// The service comes back up.
    Up {
        /// When, in ms.
        at_ms: f64,
        /// Service id.
        service: String,
    },
    /// A consumer group of a log moves back to the oldest kept record and
    /// reads everything again (replay).
    Rewind {
        /// When, in ms.
        at_ms: f64,
        /// Log channel id.
        channel: String,
        /// Consumer group name (a subscriber without a group: its service id).
        group: String,
    },
    /// A service subscribes to a channel (the fields of a subscription).
    Subscribe {
        /// When, in ms.
        at_ms: f64,
        /// The new subscription.
        #[serde(flatten)]
        subscription: Subscription,
    },
    /// A service stops consuming a channel.
    Unsubscribe {
        /// When, in ms.
        at_ms: f64,
        /// Channel id.
        channel: String,
        /// Service id.
        service: String,
    },
    /// An exchange gets a new binding (the fields of a binding).
    Bind {
        /// When, in ms.
        at_ms: f64,
        /// Exchange channel id.
        channel: String,
        /// The new binding.
        #[serde(flatten)]
        binding: Binding,
    },
    /// Every binding of an exchange to one destination goes.
    Unbind {
        /// When, in ms.
        at_ms: f64,
        /// Exchange channel id.
        channel: String,
        /// Destination channel id.
        to: String,
    },
}

const KINDS: &[&str] = &[
    "down",
    "up",
    "rewind",
    "subscribe",
    "unsubscribe",
    "bind",
    "unbind",
];

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        via_value(d, |value| {
            let mut a = Tagged::read(value, "do", KINDS)?;
            let at_ms = a.number("at_ms")?;
            let (action, fields): (_, &[&str]) = match a.variant {
                0 | 1 => {
                    let service = a.text("service")?;
                    let action = if a.variant == 0 {
                        Action::Down { at_ms, service }
                    } else {
                        Action::Up { at_ms, service }
                    };
                    (action, &["at_ms", "service"])
                }
                2 => {
                    let (channel, group) = (a.text("channel")?, a.text("group")?);
                    let rewind = Action::Rewind {
                        at_ms,
                        channel,
                        group,
                    };
                    (rewind, &["at_ms", "channel", "group"])
                }
                // The rest of the object is the subscription (its own
                // reader refuses unknown fields).
                3 => {
                    let subscription = a.content()?;
                    return Ok(Action::Subscribe {
                        at_ms,
                        subscription,
                    });
                }
                4 => {
                    let (channel, service) = (a.text("channel")?, a.text("service")?);
                    let gone = Action::Unsubscribe {
                        at_ms,
                        channel,
                        service,
                    };
                    (gone, &["at_ms", "channel", "service"])
                }
                5 => {
                    let channel = a.text("channel")?;
                    let binding = a.content()?;
                    return Ok(Action::Bind {
                        at_ms,
                        channel,
                        binding,
                    });
                }
                _ => {
                    let (channel, to) = (a.text("channel")?, a.text("to")?);
                    (
                        Action::Unbind { at_ms, channel, to },
                        &["at_ms", "channel", "to"],
                    )
                }
            };
            a.finish(fields)?;
            Ok(action)
        })
    }
}

impl Action {
    /// When it happens, in ms.
    pub fn at_ms(&self) -> f64 {
        match self {
            Action::Down { at_ms, .. }
            | Action::Up { at_ms, .. }
            | Action::Rewind { at_ms, .. }
            | Action::Subscribe { at_ms, .. }
            | Action::Unsubscribe { at_ms, .. }
            | Action::Bind { at_ms, .. }
            | Action::Unbind { at_ms, .. } => *at_ms,
        }
    }

    /// True for the actions that change the topology (subscribe,
    /// unsubscribe, bind, unbind).
    pub fn changes_topology(&self) -> bool {
        matches!(
            self,
            Action::Subscribe { .. }
                | Action::Unsubscribe { .. }
                | Action::Bind { .. }
                | Action::Unbind { .. }
        )
    }

    /// Makes this topology change in `s` (the wiring from this moment on);
    /// returns false when it changes nothing there: the service already
    /// subscribes or does not, the channel is not an exchange, there is no
    /// such binding. Other actions change nothing.
    pub fn change(&self, s: &mut Scenario) -> bool {
        let subscribes = |s: &Scenario, channel: &str, service: &str| {
            (s.subscriptions.iter()).any(|x| x.channel == channel && x.service == service)
        };
        match self {
            Action::Subscribe { subscription, .. } => {
                let Subscription {
                    channel, service, ..
                } = subscription;
                if subscribes(s, channel, service) {
                    return false;
                }
                s.subscriptions.push(subscription.clone());
                true
            }
            Action::Unsubscribe {
                channel, service, ..
            } => {
                let before = s.subscriptions.len();
                (s.subscriptions).retain(|x| !(x.channel == *channel && x.service == *service));
                s.subscriptions.len() != before
            }
            Action::Bind {
                channel, binding, ..
            } => match exchange_bindings(s, channel) {
                Some(bindings) if !bindings.contains(binding) => {
                    bindings.push(binding.clone());
                    true
                }
                _ => false,
            },
            Action::Unbind { channel, to, .. } => match exchange_bindings(s, channel) {
                Some(bindings) => {
                    let before = bindings.len();
                    bindings.retain(|b| b.to != *to);
                    bindings.len() != before
                }
                None => false,
            },
            Action::Down { .. } | Action::Up { .. } | Action::Rewind { .. } => false,
        }
    }
}

impl Scenario {
    /// This scenario's wiring after the scheduled topology changes with
    /// these indices (in the order they happened) — what a run shows at a
    /// moment; a change that no longer changes anything is passed over.
    pub fn with_changes(&self, changed: &[u32]) -> Scenario {
        let mut now = self.clone();
        for &i in changed {
            if let Some(action) = self.actions.get(i as usize) {
                action.change(&mut now);
            }
        }
        now
    }
}

/// The bindings of exchange `channel`, if it is one.
fn exchange_bindings<'a>(s: &'a mut Scenario, channel: &str) -> Option<&'a mut Vec<Binding>> {
    let spec = s.channels.iter_mut().find(|c| c.id == channel)?;
    match &mut spec.kind {
        ChannelKind::Exchange(x) => Some(&mut x.bindings),
        _ => None,
    }
}
