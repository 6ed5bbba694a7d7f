//! The first step of compiling: every id checked and given its index (a
//! `base::id` type), then every reference resolved. Services and channels
//! have separate id spaces — wires always say which one they mean (a
//! channel `email` feeding an `email` service is normal).

use std::collections::HashMap;

pub use crate::base::id::{ChannelId, ServiceId};
use crate::compile::fields::{check_id, check_name};
use crate::scenario::{NodeKind, Problem, Scenario, ScenarioError};

/// Index of each id, for resolving the references between nodes.
pub(crate) struct Ids<'s> {
    services: HashMap<&'s str, ServiceId>,
    channels: HashMap<&'s str, ChannelId>,
}

impl<'s> Ids<'s> {
    /// Checks ids and names (well formed, unique) and indexes them.
    pub(crate) fn index(s: &'s Scenario) -> Result<Ids<'s>, ScenarioError> {
        let services = index(s.services.iter().map(|v| (&v.id, &v.name)), "services")?;
        let channels = index(s.channels.iter().map(|c| (&c.id, &c.name)), "channels")?;
        Ok(Ids {
            services: services
                .into_iter()
                .map(|(k, i)| (k, ServiceId(i)))
                .collect(),
            channels: channels
                .into_iter()
                .map(|(k, i)| (k, ChannelId(i)))
                .collect(),
        })
    }

    /// Refuses a scenario where any field listed by
    /// [`Scenario::references`] names a node that does not exist.
    pub(crate) fn check_references(&self, s: &Scenario) -> Result<(), ScenarioError> {
        for r in s.references() {
            match r.kind {
                NodeKind::Service => _ = self.service(r.id, r.field)?,
                NodeKind::Channel => _ = self.channel(r.id, r.field)?,
            }
        }
        Ok(())
    }

    /// The index of service `id`, or an error naming `field`.
    pub(crate) fn service(&self, id: &str, field: String) -> Result<ServiceId, ScenarioError> {
        self.services
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::invalid(field, Problem::UnknownService(id.into())))
    }

    /// The index of channel `id`, or an error naming `field`.
    pub(crate) fn channel(&self, id: &str, field: String) -> Result<ChannelId, ScenarioError> {
        self.channels
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::invalid(field, Problem::UnknownChannel(id.into())))
    }
}

/// Checks the ids and names of one list (`list` names it in errors) and
/// gives each id its position; a repeated id is refused where it repeats.
fn index<'s>(
    nodes: impl Iterator<Item = (&'s String, &'s String)>,
    list: &str,
) -> Result<HashMap<&'s str, u32>, ScenarioError> {
    let mut positions = HashMap::new();
    for (i, (id, name)) in nodes.enumerate() {
        check_id(id, &format!("{list}[{i}].id"))?;
        check_name(name, &format!("{list}[{i}].name"))?;
        if positions.insert(id.as_str(), i as u32).is_some() {
            return Err(ScenarioError::invalid(
                format!("{list}[{i}].id"),
                Problem::DuplicateId(id.clone()),
            ));
        }
    }
    Ok(positions)
}
