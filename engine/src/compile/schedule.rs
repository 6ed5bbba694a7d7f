//! What happens at set times: inputs (orders fired automatically) and
//! scheduled actions (a service goes down or up, a consumer group rewinds).

use crate::base::time::Micros;
use crate::compile::channels::ChannelTopo;
use crate::compile::fields::time;
use crate::compile::ids::Ids;
use crate::compile::limits::MIN_INPUT_EVERY_MS;
use crate::compile::subscribers::Subscribers;
use crate::compile::topology::{ActionTopo, InputTopo};
use crate::scenario::{Action, Problem, Scenario, ScenarioError};

/// The scenario's inputs.
pub(crate) fn inputs(s: &Scenario, ids: &Ids) -> Result<Vec<InputTopo>, ScenarioError> {
    let mut inputs = Vec::new();
    for (i, input) in s.inputs.iter().enumerate() {
        let f = |name: &str| format!("inputs[{i}].{name}");
        inputs.push(InputTopo {
            service: ids.service(&input.service, f("service"))?,
            every: time(input.every_ms, MIN_INPUT_EVERY_MS, &f("every_ms"))?,
            count: input.count,
            start: time(input.start_ms, 0.0, &f("start_ms"))?,
        });
    }
    Ok(inputs)
}

/// The scenario's actions, with their time.
pub(crate) fn actions(
    s: &Scenario,
    ids: &Ids,
    channels: &[ChannelTopo],
    subscribers: &[Subscribers],
) -> Result<Vec<(Micros, ActionTopo)>, ScenarioError> {
    let mut actions = Vec::new();
    for (i, a) in s.actions.iter().enumerate() {
        let f = |name: &str| format!("actions[{i}].{name}");
        let at = time(a.at_ms(), 0.0, &f("at_ms"))?;
        actions.push(match a {
            Action::Down { service: id, .. } => {
                (at, ActionTopo::Down(ids.service(id, f("service"))?))
            }
            Action::Up { service: id, .. } => (at, ActionTopo::Up(ids.service(id, f("service"))?)),
            Action::Rewind {
                channel: id, group, ..
            } => {
                let c = ids.channel(id, f("channel"))?;
                if !matches!(channels[c.index()], ChannelTopo::Log(_)) {
                    return Err(ScenarioError::invalid(
                        f("channel"),
                        Problem::NotALog(id.clone()),
                    ));
                }
                let g = subscribers[c.index()]
                    .groups
                    .iter()
                    .position(|key| key.is_called(group))
                    .ok_or_else(|| {
                        ScenarioError::invalid(f("group"), Problem::UnknownGroup(group.clone()))
                    })?;
                (
                    at,
                    ActionTopo::Rewind {
                        channel: c,
                        group: g as u32,
                    },
                )
            }
        });
    }
    Ok(actions)
}
