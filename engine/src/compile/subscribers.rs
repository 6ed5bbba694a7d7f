//! Who listens on each channel: the subscriptions (and Redis-style pattern
//! subscriptions) of a scenario as one record per subscriber, each with its
//! consumer group and delivery terms.

use crate::compile::channels::ChannelTopo;
use crate::compile::fields::{check_id, count};
use crate::compile::ids::{Ids, ServiceId};
use crate::compile::limits::MAX_WORKERS;
use crate::scenario::routing::glob_matches;
use crate::scenario::{AckMode, Problem, Scenario, ScenarioError, Subscription};

/// Who a consumer group is. Subscribers with the same key share one copy of
/// a fan-out message (and, on a log, one position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupKey {
    /// Subscriptions naming this `group`.
    Named(String),
    /// A subscriber without a group: a group of its own, named by its service id.
    Alone(String),
    /// A pattern subscription of this service (a group of its own per pattern).
    Pattern {
        /// Service id.
        service: String,
        /// The glob.
        pattern: String,
    },
}

impl GroupKey {
    /// The key of a plain subscription.
    pub fn of(sub: &Subscription) -> GroupKey {
        match &sub.group {
            Some(g) => GroupKey::Named(g.clone()),
            None => GroupKey::Alone(sub.service.clone()),
        }
    }

    /// What people call the group: its name, the service id of a subscriber
    /// on its own, or the service and the pattern.
    pub fn label(&self) -> String {
        match self {
            GroupKey::Named(g) | GroupKey::Alone(g) => g.clone(),
            GroupKey::Pattern { service, pattern } => format!("{service} {pattern}"),
        }
    }

    /// True when a scenario that names `group` (a rewind action) means this
    /// group: its name, or the service id of a subscriber on its own.
    pub fn is_called(&self, group: &str) -> bool {
        match self {
            GroupKey::Named(g) | GroupKey::Alone(g) => g == group,
            GroupKey::Pattern { .. } => false,
        }
    }
}

/// How a queue delivers to one subscriber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// Auto-acknowledged on delivery.
    pub auto_ack: bool,
    /// Most unacknowledged messages held (manual ack).
    pub prefetch: u32,
}

/// One service listening on a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subscriber {
    /// The service.
    pub service: ServiceId,
    /// Index of its group in [`Subscribers::groups`].
    pub group: u32,
    /// How it takes deliveries.
    pub terms: Terms,
}

/// The subscribers of one channel, in scenario order (pattern subscribers
/// last), and its consumer groups in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscribers {
    /// Each subscriber.
    pub members: Vec<Subscriber>,
    /// Each group's identity; a subscriber's `group` indexes this list.
    pub groups: Vec<GroupKey>,
}

impl Subscribers {
    fn add(&mut self, service: ServiceId, key: GroupKey, terms: Terms) {
        let group = group_index(&mut self.groups, key);
        self.members.push(Subscriber {
            service,
            group,
            terms,
        });
    }

    /// True when `service` is one of the subscribers.
    pub fn has(&self, service: ServiceId) -> bool {
        self.members.iter().any(|m| m.service == service)
    }

    /// The services of the members of group `g`, in order.
    pub fn group_members(&self, g: u32) -> impl Iterator<Item = ServiceId> + '_ {
        self.members
            .iter()
            .filter(move |m| m.group == g)
            .map(|m| m.service)
    }
}

/// The index of `key` among `groups`, added at the end when new: groups are
/// numbered in order of first appearance.
fn group_index(groups: &mut Vec<GroupKey>, key: GroupKey) -> u32 {
    match groups.iter().position(|k| *k == key) {
        Some(g) => g as u32,
        None => {
            groups.push(key);
            groups.len() as u32 - 1
        }
    }
}

/// The consumer groups of the plain subscriptions to channel `channel_id`,
/// numbered as the compiler numbers them (for naming groups in a trace
/// without compiling the scenario again).
pub fn plain_groups(s: &Scenario, channel_id: &str) -> Vec<GroupKey> {
    let mut groups = Vec::new();
    for sub in s
        .subscriptions
        .iter()
        .filter(|sub| sub.channel == channel_id)
    {
        group_index(&mut groups, GroupKey::of(sub));
    }
    groups
}

/// The plain subscriptions, checked, one list per channel.
pub(crate) fn plain(s: &Scenario, ids: &Ids) -> Result<Vec<Subscribers>, ScenarioError> {
    let mut all = vec![Subscribers::default(); s.channels.len()];
    for (i, sub) in s.subscriptions.iter().enumerate() {
        let c = ids.channel(&sub.channel, format!("subscriptions[{i}].channel"))?;
        let v = ids.service(&sub.service, format!("subscriptions[{i}].service"))?;
        let list = &mut all[c.index()];
        if list.has(v) {
            return Err(ScenarioError::invalid(
                format!("subscriptions[{i}]"),
                Problem::DuplicateSubscription,
            ));
        }
        if let Some(g) = &sub.group {
            check_id(g, &format!("subscriptions[{i}].group"))?;
        }
        let prefetch = match sub.prefetch {
            Some(n) => count(n, 1, MAX_WORKERS, &format!("subscriptions[{i}].prefetch"))?,
            None => s.services[v.index()].workers.max(1),
        };
        let terms = Terms {
            auto_ack: sub.ack == AckMode::Auto,
            prefetch,
        };
        list.add(v, GroupKey::of(sub), terms);
    }
    Ok(all)
}

/// Refuses subscriptions to channels that hand nothing to services
/// (exchanges route to other channels).
pub(crate) fn check_consumable(
    s: &Scenario,
    ids: &Ids,
    channels: &[ChannelTopo],
) -> Result<(), ScenarioError> {
    for (i, sub) in s.subscriptions.iter().enumerate() {
        let c = ids.channel(&sub.channel, format!("subscriptions[{i}].channel"))?;
        if matches!(channels[c.index()], ChannelTopo::Exchange(_)) {
            return Err(ScenarioError::invalid(
                format!("subscriptions[{i}].channel"),
                Problem::NotConsumable(sub.channel.clone()),
            ));
        }
    }
    Ok(())
}

/// Pattern subscriptions (Redis PSUBSCRIBE): a service listening to every
/// fan-out channel whose id matches a glob gets its own copy per matching
/// pattern, on top of any plain subscription, as Redis delivers one message
/// per match. Appended after the plain subscribers, each in a group of its own.
pub(crate) fn add_patterns(
    s: &Scenario,
    channels: &[ChannelTopo],
    all: &mut [Subscribers],
) -> Result<(), ScenarioError> {
    for (v, svc) in s.services.iter().enumerate() {
        for (j, pattern) in svc.patterns.iter().enumerate() {
            if pattern.is_empty() || pattern.chars().count() > 64 {
                return Err(ScenarioError::invalid(
                    format!("services[{v}].patterns[{j}]"),
                    Problem::BadPattern(pattern.clone()),
                ));
            }
            for (c, ch) in s.channels.iter().enumerate() {
                if !matches!(channels[c], ChannelTopo::PubSub) || !glob_matches(pattern, &ch.id) {
                    continue;
                }
                let key = GroupKey::Pattern {
                    service: svc.id.clone(),
                    pattern: pattern.clone(),
                };
                let terms = Terms {
                    auto_ack: true,
                    prefetch: 1,
                };
                // Always a group of its own, even for a pattern listed twice.
                let list = &mut all[c];
                list.groups.push(key);
                list.members.push(Subscriber {
                    service: ServiceId(v as u32),
                    group: list.groups.len() as u32 - 1,
                    terms,
                });
            }
        }
    }
    Ok(())
}
