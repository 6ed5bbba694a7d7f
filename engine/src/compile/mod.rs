//! The compiler: checks a scenario and turns it into a [`Topology`] of
//! indices and microseconds, the form a run reads. Every refusal is a
//! [`ScenarioError`] naming the field at fault; the steps run in the order
//! below, so a scenario with several mistakes always reports the same one.

pub(crate) mod channels;
pub(crate) mod cycles;
mod envelope;
pub(crate) mod fields;
pub(crate) mod ids;
pub mod limits;
mod schedule;
mod services;
mod sizes;
mod subscribers;
mod topology;

pub use channels::{BindingTopo, ChannelTopo, ExchangeTopo, LogTopo, QueueTopo, Retry};
pub use cycles::forward_order;
pub use ids::{ChannelId, ServiceId};
pub use subscribers::{plain_groups, GroupKey, Subscriber, Subscribers, Terms};
pub use topology::{ActionTopo, Dist, InputTopo, RpcTarget, ServiceTopo, Topology};

use crate::compile::fields::time;
use crate::compile::ids::Ids;
use crate::scenario::{Scenario, ScenarioError};

/// Validates `s` and compiles it.
pub fn compile(s: &Scenario) -> Result<Topology, ScenarioError> {
    sizes::check(s)?;
    let ids = Ids::index(s)?;
    ids.check_references(s)?;
    let mut subscribers = subscribers::plain(s, &ids)?;
    let channels = s
        .channels
        .iter()
        .enumerate()
        .map(|(i, ch)| channels::compile_channel(i, ch, &|id, field| ids.channel(id, field)))
        .collect::<Result<Vec<_>, _>>()?;
    subscribers::check_consumable(s, &ids, &channels)?;
    subscribers::add_patterns(s, &channels, &mut subscribers)?;
    let services = services::compile_all(s, &ids, &channels, &subscribers)?;
    let inputs = schedule::inputs(s, &ids)?;
    let actions = schedule::actions(s, &ids, &channels, |now| compile(now).map(|_| ()))?;
    let topo = Topology {
        latency: time(s.network.latency_ms, 0.0, "network.latency_ms")?,
        publish_cost: time(s.network.publish_ms, 0.0, "network.publish_ms")?,
        rpc_timeout: time(s.network.rpc_timeout_ms, 0.001, "network.rpc_timeout_ms")?,
        services,
        channels,
        subscribers,
        inputs,
        actions,
    };
    cycles::check(s, &topo)?;
    Ok(topo)
}
