//! Services compiled: processing time, workers, failures, what each one
//! publishes, consumes and (in RPC mode) calls.

use crate::compile::channels::ChannelTopo;
use crate::compile::cycles::endpoints;
use crate::compile::envelope;
use crate::compile::fields::{count, out_of_range, time};
use crate::compile::ids::{ChannelId, Ids};
use crate::compile::limits::MAX_WORKERS;
use crate::compile::subscribers::Subscribers;
use crate::compile::topology::{Dist, RpcTarget, ServiceTopo};
use crate::scenario::envelope::Envelope;
use crate::scenario::{Problem, Processing, Publish, Scenario, ScenarioError, ServiceSpec};

/// Every service of `s`, in order.
pub(crate) fn compile_all(
    s: &Scenario,
    ids: &Ids,
    channels: &[ChannelTopo],
    subscribers: &[Subscribers],
) -> Result<Vec<ServiceTopo>, ScenarioError> {
    // Channels that are not queues deliver by push; only queues are pulled.
    let mut consumes = vec![Vec::new(); s.services.len()];
    for (i, sub) in s.subscriptions.iter().enumerate() {
        let c = ids.channel(&sub.channel, format!("subscriptions[{i}].channel"))?;
        let v = ids.service(&sub.service, format!("subscriptions[{i}].service"))?;
        if matches!(channels[c.index()], ChannelTopo::Queue(_)) {
            consumes[v.index()].push(c);
        }
    }
    let mut services = Vec::with_capacity(s.services.len());
    for ((i, svc), consumes) in s.services.iter().enumerate().zip(consumes) {
        services.push(compile_one(i, svc, ids, channels, subscribers, consumes)?);
    }
    Ok(services)
}

fn compile_one(
    i: usize,
    svc: &ServiceSpec,
    ids: &Ids,
    channels: &[ChannelTopo],
    subscribers: &[Subscribers],
    consumes: Vec<ChannelId>,
) -> Result<ServiceTopo, ScenarioError> {
    let f = |name: &str| format!("services[{i}].{name}");
    let processing = match svc.processing {
        Processing::Constant { ms } => Dist::Constant(time(ms, 0.0, &f("processing.ms"))?),
        Processing::Uniform { min_ms, max_ms } => {
            let lo = time(min_ms, 0.0, &f("processing.min_ms"))?;
            let hi = time(max_ms, 0.0, &f("processing.max_ms"))?;
            if lo > hi {
                return Err(ScenarioError::invalid(
                    f("processing"),
                    Problem::MinAboveMax,
                ));
            }
            Dist::Uniform(lo, hi)
        }
        Processing::Exponential { mean_ms } => {
            Dist::Exponential(time(mean_ms, 0.0, &f("processing.mean_ms"))? as f64)
        }
    };
    let p = svc.failure_probability;
    if !(0.0..=1.0).contains(&p) {
        return Err(out_of_range(f("failure_probability"), 0.0, 1.0, p));
    }
    let mut fails_orders = svc.fails_orders.clone();
    fails_orders.sort_unstable();
    fails_orders.dedup();
    let mut publishes = Vec::new();
    let mut routed = Vec::new();
    for (j, p) in svc.publishes.iter().enumerate() {
        let field = f(&format!("publishes[{j}]"));
        let c = ids.channel(&p.channel, field.clone())?;
        envelope::check(p, &field)?;
        envelope::check_effect(p, &channels[c.index()], &field)?;
        publishes.push(c);
        routed.push((c, p));
    }
    let calls = if svc.calls.is_empty() {
        implied_calls(&routed, channels, subscribers)
    } else {
        let mut calls = Vec::new();
        for (j, id) in svc.calls.iter().enumerate() {
            calls.push(RpcTarget {
                callee: ids.service(id, f(&format!("calls[{j}]")))?,
                payload: None,
            });
        }
        calls
    };
    Ok(ServiceTopo {
        processing,
        workers: count(svc.workers, 1, MAX_WORKERS, &f("workers"))?,
        failure_probability: p,
        fails_orders,
        up: svc.up,
        publishes,
        calls,
        consumes,
    })
}

/// The RPC version of a service that publishes: one call per copy its
/// messages would make, where the broker would send them. An exchange's
/// bindings are followed as it would route the first order's message (its
/// routing key, headers or attributes); a queue's copy goes to one consumer
/// (the first: competing consumers take one copy between them); a fan-out
/// channel or a log makes a copy per subscriber, or per group (the
/// instances of a group share one address).
fn implied_calls(
    publishes: &[(ChannelId, &Publish)],
    channels: &[ChannelTopo],
    subscribers: &[Subscribers],
) -> Vec<RpcTarget> {
    let mut calls = Vec::new();
    for &(c, publish) in publishes {
        let env = Envelope::of(publish, 1);
        for end in endpoints(channels, c, Some(&env)) {
            let members = &subscribers[end.index()].members;
            let queue = matches!(channels[end.index()], ChannelTopo::Queue(_));
            let mut seen = Vec::new();
            for m in members.iter().take(if queue { 1 } else { members.len() }) {
                if !seen.contains(&m.group) {
                    seen.push(m.group);
                    calls.push(RpcTarget {
                        callee: m.service,
                        payload: Some(c),
                    });
                }
            }
        }
    }
    calls
}
