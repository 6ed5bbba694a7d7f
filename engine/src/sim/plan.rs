//! What a run keeps of the compiled topology besides its channels (which
//! own their part, see `channel/`) and the wire latency (the world's).

use crate::base::time::Micros;
use crate::compile::{ActionTopo, ChannelTopo, InputTopo, ServiceTopo, Subscribers, Topology};

/// The compiled services, scheduled inputs and actions, and timings.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub services: Vec<ServiceTopo>,
    pub inputs: Vec<InputTopo>,
    pub actions: Vec<(Micros, ActionTopo)>,
    /// Producer time per publish.
    pub publish_cost: Micros,
    /// RPC reply timeout.
    pub rpc_timeout: Micros,
}

/// A topology taken apart: the plan, the channels with their subscribers,
/// and the wire latency.
pub(crate) struct Parts {
    pub plan: Plan,
    pub channels: Vec<ChannelTopo>,
    pub subscribers: Vec<Subscribers>,
    pub latency: Micros,
}

impl Parts {
    pub(crate) fn of(topo: Topology) -> Parts {
        let Topology {
            services,
            channels,
            subscribers,
            inputs,
            actions,
            latency,
            publish_cost,
            rpc_timeout,
        } = topo;
        Parts {
            plan: Plan {
                services,
                inputs,
                actions,
                publish_cost,
                rpc_timeout,
            },
            channels,
            subscribers,
            latency,
        }
    }
}
