//! Checks a scenario and compiles it into a [`Topology`] of indices and
//! microseconds, the form the simulation runs on.

use std::collections::HashMap;

pub(crate) mod channels;
pub(crate) mod cycles;
mod envelope;
pub(crate) mod fields;
pub mod limits;
mod patterns;
mod sizes;

use crate::base::time::Micros;
use crate::scenario::{Action, Processing, Scenario};
use crate::scenario::{Problem, ScenarioError};
use channels::compile_channel;
pub use channels::{ChannelTopo, ExchangeTopo, LogTopo, QueueTopo};
use fields::{check_id, check_name, count, out_of_range, time};
use limits::{MAX_WORKERS, MIN_INPUT_EVERY_MS};

/// Processing-time distribution in microseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// Fixed duration.
    Constant(Micros),
    /// Uniform between two bounds (inclusive).
    Uniform(Micros, Micros),
    /// Exponential with this mean.
    Exponential(f64),
}

/// A compiled service.
#[derive(Clone, Debug)]
pub struct ServiceTopo {
    /// Processing time.
    pub processing: Dist,
    /// Parallel workers.
    pub workers: u32,
    /// Chance of failure per piece of work.
    pub failure_probability: f64,
    /// Up at the start of the run.
    pub up: bool,
    /// Channels published to on success (messaging mode).
    pub publishes: Vec<u32>,
    /// Calls made in turn (RPC mode): callee and the channel whose data it carries.
    pub calls: Vec<RpcTarget>,
    /// Queue-like channels this service consumes (pull on free capacity).
    pub consumes: Vec<u32>,
}

/// One call an RPC caller makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RpcTarget {
    /// Service called.
    pub callee: u32,
    /// Channel whose payload the request carries (None for an explicit call).
    pub payload: Option<u32>,
}

/// A compiled scheduled action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionTopo {
    /// Service goes down.
    Down(u32),
    /// Service comes up.
    Up(u32),
    /// Consumer group `group` of log `channel` rewinds to the oldest record.
    Rewind {
        /// Log channel.
        channel: u32,
        /// Group index on that channel.
        group: u32,
    },
}

/// A compiled input schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct InputTopo {
    /// Receiving service.
    pub service: u32,
    /// Gap between orders.
    pub every: Micros,
    /// Number of orders (None = endless).
    pub count: Option<u64>,
    /// First order.
    pub start: Micros,
}

/// The scenario as indices and microseconds.
#[derive(Clone, Debug)]
pub struct Topology {
    /// Services by index.
    pub services: Vec<ServiceTopo>,
    /// Channels by index.
    pub channels: Vec<ChannelTopo>,
    /// For each channel, its subscribed services in scenario order.
    pub subscribers: Vec<Vec<u32>>,
    /// For each channel, the group of each subscriber (same order): equal
    /// numbers share one copy of a fan-out message.
    pub groups: Vec<Vec<u32>>,
    /// For each channel, each subscriber's delivery terms (same order).
    pub terms: Vec<Vec<Terms>>,
    /// Scheduled inputs.
    pub inputs: Vec<InputTopo>,
    /// Scheduled actions, with their time.
    pub actions: Vec<(Micros, ActionTopo)>,
    /// One-way wire latency.
    pub latency: Micros,
    /// Producer time per publish.
    pub publish_cost: Micros,
    /// RPC reply timeout.
    pub rpc_timeout: Micros,
}

/// How a queue delivers to one subscriber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// Auto-acknowledged on delivery.
    pub auto_ack: bool,
    /// Most unacknowledged messages held (manual ack).
    pub prefetch: u32,
}

/// Validates `s` and compiles it.
pub fn compile(s: &Scenario) -> Result<Topology, ScenarioError> {
    sizes::check(s)?;
    // Services and channels have separate id spaces: wires always say which
    // one they mean (a channel `email` feeding an `email` service is normal).
    let mut service_ix = HashMap::new();
    let mut channel_ix = HashMap::new();
    for (i, svc) in s.services.iter().enumerate() {
        check_id(&svc.id, &format!("services[{i}].id"))?;
        check_name(&svc.name, &format!("services[{i}].name"))?;
        if service_ix.contains_key(svc.id.as_str()) {
            return Err(ScenarioError::invalid(
                format!("services[{i}].id"),
                Problem::DuplicateId(svc.id.clone()),
            ));
        }
        service_ix.insert(svc.id.as_str(), i as u32);
    }
    for (i, ch) in s.channels.iter().enumerate() {
        check_id(&ch.id, &format!("channels[{i}].id"))?;
        check_name(&ch.name, &format!("channels[{i}].name"))?;
        if channel_ix.contains_key(ch.id.as_str()) {
            return Err(ScenarioError::invalid(
                format!("channels[{i}].id"),
                Problem::DuplicateId(ch.id.clone()),
            ));
        }
        channel_ix.insert(ch.id.as_str(), i as u32);
    }
    let channel = |id: &str, field: String| {
        channel_ix
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::invalid(field, Problem::UnknownChannel(id.into())))
    };
    let service = |id: &str, field: String| {
        service_ix
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::invalid(field, Problem::UnknownService(id.into())))
    };

    let mut subscribers = vec![Vec::new(); s.channels.len()];
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); s.channels.len()];
    let mut group_names: Vec<Vec<String>> = vec![Vec::new(); s.channels.len()];
    let mut terms: Vec<Vec<Terms>> = vec![Vec::new(); s.channels.len()];
    let mut consumes = vec![Vec::new(); s.services.len()];
    for (i, sub) in s.subscriptions.iter().enumerate() {
        let c = channel(&sub.channel, format!("subscriptions[{i}].channel"))?;
        let v = service(&sub.service, format!("subscriptions[{i}].service"))?;
        if subscribers[c as usize].contains(&v) {
            return Err(ScenarioError::invalid(
                format!("subscriptions[{i}]"),
                Problem::DuplicateSubscription,
            ));
        }
        subscribers[c as usize].push(v);
        // A subscriber without a group is a group of its own.
        let name = match &sub.group {
            Some(g) => {
                check_id(g, &format!("subscriptions[{i}].group"))?;
                format!("group:{g}")
            }
            None => format!("service:{}", sub.service),
        };
        let names = &mut group_names[c as usize];
        let index = names.iter().position(|n| *n == name).unwrap_or_else(|| {
            names.push(name);
            names.len() - 1
        });
        groups[c as usize].push(index as u32);
        let prefetch = match sub.prefetch {
            Some(n) => count(n, 1, MAX_WORKERS, &format!("subscriptions[{i}].prefetch"))?,
            None => s.services[v as usize].workers.max(1),
        };
        terms[c as usize].push(Terms {
            auto_ack: sub.ack == crate::scenario::AckMode::Auto,
            prefetch,
        });
        consumes[v as usize].push(c);
    }

    let mut channels = Vec::with_capacity(s.channels.len());
    for (i, ch) in s.channels.iter().enumerate() {
        channels.push(compile_channel(i, ch, &channel)?);
    }
    for (i, sub) in s.subscriptions.iter().enumerate() {
        let c = channel(&sub.channel, format!("subscriptions[{i}].channel"))?;
        if matches!(channels[c as usize], ChannelTopo::Exchange(_)) {
            return Err(ScenarioError::invalid(
                format!("subscriptions[{i}].channel"),
                Problem::NotConsumable(sub.channel.clone()),
            ));
        }
    }
    patterns::add_pattern_subscribers(
        s,
        &channels,
        &mut subscribers,
        &mut groups,
        &mut group_names,
        &mut terms,
    )?;
    // Channels that are not queues deliver by push; only queues are pulled.
    for list in &mut consumes {
        list.retain(|&c| matches!(channels[c as usize], ChannelTopo::Queue(_)));
    }

    let mut services = Vec::with_capacity(s.services.len());
    for (i, svc) in s.services.iter().enumerate() {
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
        let mut publishes = Vec::new();
        for (j, p) in svc.publishes.iter().enumerate() {
            publishes.push(channel(&p.channel, f(&format!("publishes[{j}]")))?);
            envelope::check(p, &f(&format!("publishes[{j}]")))?;
        }
        let calls = if svc.calls.is_empty() {
            // One call per copy the channel would make: per subscriber, or for
            // a group, to its first member (the instances share one address).
            let mut calls = Vec::new();
            for &c in &publishes {
                for end in cycles::endpoints(&channels, c) {
                    let mut seen = Vec::new();
                    for (&callee, &group) in
                        subscribers[end as usize].iter().zip(&groups[end as usize])
                    {
                        if !seen.contains(&group) {
                            seen.push(group);
                            calls.push(RpcTarget {
                                callee,
                                payload: Some(c),
                            });
                        }
                    }
                }
            }
            calls
        } else {
            let mut calls = Vec::new();
            for (j, id) in svc.calls.iter().enumerate() {
                let callee = service(id, f(&format!("calls[{j}]")))?;
                calls.push(RpcTarget {
                    callee,
                    payload: None,
                });
            }
            calls
        };
        services.push(ServiceTopo {
            processing,
            workers: count(svc.workers, 1, MAX_WORKERS, &f("workers"))?,
            failure_probability: p,
            up: svc.up,
            publishes,
            calls,
            consumes: std::mem::take(&mut consumes[i]),
        });
    }

    let mut inputs = Vec::new();
    for (i, input) in s.inputs.iter().enumerate() {
        let f = |name: &str| format!("inputs[{i}].{name}");
        inputs.push(InputTopo {
            service: service(&input.service, f("service"))?,
            every: time(input.every_ms, MIN_INPUT_EVERY_MS, &f("every_ms"))?,
            count: input.count,
            start: time(input.start_ms, 0.0, &f("start_ms"))?,
        });
    }

    let mut actions = Vec::new();
    for (i, a) in s.actions.iter().enumerate() {
        let f = |name: &str| format!("actions[{i}].{name}");
        let at = time(a.at_ms(), 0.0, &f("at_ms"))?;
        actions.push(match a {
            Action::Down { service: id, .. } => (at, ActionTopo::Down(service(id, f("service"))?)),
            Action::Up { service: id, .. } => (at, ActionTopo::Up(service(id, f("service"))?)),
            Action::Rewind {
                channel: id, group, ..
            } => {
                let c = channel(id, f("channel"))?;
                if !matches!(channels[c as usize], ChannelTopo::Log(_)) {
                    return Err(ScenarioError::invalid(
                        f("channel"),
                        Problem::NotALog(id.clone()),
                    ));
                }
                let names = &group_names[c as usize];
                let g = names
                    .iter()
                    .position(|n| {
                        *n == format!("group:{group}") || *n == format!("service:{group}")
                    })
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

    let topo = Topology {
        latency: time(s.network.latency_ms, 0.0, "network.latency_ms")?,
        publish_cost: time(s.network.publish_ms, 0.0, "network.publish_ms")?,
        rpc_timeout: time(s.network.rpc_timeout_ms, 0.001, "network.rpc_timeout_ms")?,
        services,
        channels,
        subscribers,
        groups,
        terms,
        inputs,
        actions,
    };
    cycles::check(s, &topo)?;
    Ok(topo)
}
