//! What happens at set times: inputs (orders fired automatically) and
//! scheduled actions (a service goes down or up, a consumer group rewinds,
//! the topology changes).

use crate::base::time::Micros;
use crate::compile::channels::ChannelTopo;
use crate::compile::fields::time;
use crate::compile::ids::Ids;
use crate::compile::limits::MIN_INPUT_EVERY_MS;
use crate::compile::subscribers::plain_groups;
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

/// The scenario's actions, with their time. Topology changes are played in
/// time order (index order at equal times, as the run does) over a copy of
/// the scenario: each must change something, and the topology after it must
/// compile; a rewind must name a group that reads its log at that time.
pub(crate) fn actions(
    s: &Scenario,
    ids: &Ids,
    channels: &[ChannelTopo],
    compile: fn(&Scenario) -> Result<(), ScenarioError>,
) -> Result<Vec<(Micros, ActionTopo)>, ScenarioError> {
    let mut actions = Vec::new();
    for (i, a) in s.actions.iter().enumerate() {
        let f = |name: &str| format!("actions[{i}].{name}");
        let at = time(a.at_ms(), 0.0, &f("at_ms"))?;
        let compiled = match a {
            Action::Down { service: id, .. } => ActionTopo::Down(ids.service(id, f("service"))?),
            Action::Up { service: id, .. } => ActionTopo::Up(ids.service(id, f("service"))?),
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
                let group = group.clone();
                ActionTopo::Rewind { channel: c, group }
            }
            _ => ActionTopo::Change(i as u32),
        };
        actions.push((at, compiled));
    }
    play(s, &actions, compile)?;
    Ok(actions)
}

/// Plays the actions in the order a run does, checking each against the
/// topology of its moment.
fn play(
    s: &Scenario,
    actions: &[(Micros, ActionTopo)],
    compile: fn(&Scenario) -> Result<(), ScenarioError>,
) -> Result<(), ScenarioError> {
    let mut order: Vec<usize> = (0..actions.len()).collect();
    order.sort_by_key(|&i| (actions[i].0, i));
    let mut now = Scenario {
        actions: Vec::new(),
        ..s.clone()
    };
    for i in order {
        let field = format!("actions[{i}]");
        match &actions[i].1 {
            ActionTopo::Change(_) => {
                if !s.actions[i].change(&mut now) {
                    return Err(ScenarioError::invalid(field, Problem::ChangesNothing));
                }
                compile(&now).map_err(|e| {
                    ScenarioError::invalid(field, Problem::BreaksScenario(Box::new(e)))
                })?;
            }
            ActionTopo::Rewind { group, .. } => {
                let Action::Rewind { channel, .. } = &s.actions[i] else {
                    continue;
                };
                if !plain_groups(&now, channel)
                    .iter()
                    .any(|k| k.is_called(group))
                {
                    return Err(ScenarioError::invalid(
                        format!("{field}.group"),
                        Problem::UnknownGroup(group.clone()),
                    ));
                }
            }
            ActionTopo::Down(_) | ActionTopo::Up(_) => {}
        }
    }
    Ok(())
}
