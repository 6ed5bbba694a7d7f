//! Refuses topologies where one order would make messages loop forever:
//! a service whose output reaches itself again, or a dead-letter chain that
//! returns to where it started.

use crate::compile::{ChannelId, ChannelTopo, ServiceId, Topology};
use crate::scenario::envelope::Envelope;
use crate::scenario::Scenario;
use crate::scenario::{Problem, ScenarioError};

pub(crate) fn check(s: &Scenario, topo: &Topology) -> Result<(), ScenarioError> {
    // Channel graph: an exchange to what it is bound to, a queue to its
    // dead-letter channel. Checked first: `endpoints` below relies on it.
    let forward: Vec<Vec<u32>> = topo.channels.iter().map(forwards_to).collect();
    if let Some(path) = find_cycle(&forward) {
        let names = path.iter().map(|&i| s.channels[i].id.clone()).collect();
        let field = match &topo.channels[path[0]] {
            ChannelTopo::Exchange(_) => "bindings",
            _ => "dead_letter",
        };
        return Err(ScenarioError::invalid(
            format!("channels[{}].kind.{field}", path[0]),
            Problem::Cycle(names),
        ));
    }
    // Service graph: s -> t when s publishes to (or calls) something t consumes.
    let n = topo.services.len();
    let mut next: Vec<Vec<u32>> = vec![Vec::new(); n];
    let consumers = |c: ChannelId, into: &mut Vec<u32>| {
        for end in endpoints(&topo.channels, c, None) {
            into.extend(
                topo.subscribers[end.index()]
                    .members
                    .iter()
                    .map(|m| m.service.0),
            );
        }
    };
    for (i, svc) in topo.services.iter().enumerate() {
        for &c in &svc.publishes {
            consumers(c, &mut next[i]);
        }
        next[i].extend(svc.calls.iter().map(|call| call.callee.0));
        // A consumer of q whose failures dead-letter into d feeds d's consumers.
        for (c, subs) in topo.subscribers.iter().enumerate() {
            if let (true, ChannelTopo::Queue(q)) =
                (subs.has(ServiceId(i as u32)), &topo.channels[c])
            {
                if let Some(d) = q.dead_letter {
                    consumers(d, &mut next[i]);
                }
            }
        }
        next[i].sort_unstable();
        next[i].dedup();
    }
    if let Some(path) = find_cycle(&next) {
        let names = path.iter().map(|&i| s.services[i].id.clone()).collect();
        let first = path[0];
        return Err(ScenarioError::invalid(
            format!("services[{first}].publishes"),
            Problem::Cycle(names),
        ));
    }
    Ok(())
}

/// The channels in forwarding order: each before every channel it hands
/// messages to (a dead-letter target, an exchange's bound channels). On a
/// graph without loops — every compiled topology — each forward goes later
/// in this order; ties keep the scenario's order.
pub fn forward_order(channels: &[ChannelTopo]) -> Vec<ChannelId> {
    // Depth-first post-order gives each channel after all it reaches; the
    // reverse of it is the order wanted. Roots go from the last channel to
    // the first so that unrelated channels come out in scenario order.
    let forward: Vec<Vec<u32>> = channels.iter().map(forwards_to).collect();
    let mut seen = vec![false; channels.len()];
    let mut post = Vec::with_capacity(channels.len());
    for root in (0..channels.len()).rev() {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            match forward[node].get(*edge) {
                Some(&to) => {
                    *edge += 1;
                    if !std::mem::replace(&mut seen[to as usize], true) {
                        stack.push((to as usize, 0));
                    }
                }
                None => {
                    post.push(ChannelId(node as u32));
                    stack.pop();
                }
            }
        }
    }
    post.reverse();
    post
}

fn forwards_to(channel: &ChannelTopo) -> Vec<u32> {
    match channel {
        ChannelTopo::Queue(q) => q.dead_letter.iter().map(|d| d.0).collect(),
        ChannelTopo::Exchange(x) => x.bindings.iter().map(|b| b.to.0).collect(),
        ChannelTopo::PubSub | ChannelTopo::Log(_) => Vec::new(),
    }
}

/// The channels that hand a message published to `c` to services: `c`
/// itself, or for an exchange, whatever its bindings lead to — all of them,
/// or with `env`, those its bindings would route that message to. Safe on
/// a graph with loops (each channel is visited once).
pub(crate) fn endpoints(
    channels: &[ChannelTopo],
    c: ChannelId,
    env: Option<&Envelope>,
) -> Vec<ChannelId> {
    let mut seen = vec![false; channels.len()];
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(c) = stack.pop() {
        if std::mem::replace(&mut seen[c.index()], true) {
            continue;
        }
        match &channels[c.index()] {
            ChannelTopo::Exchange(x) => match env {
                None => stack.extend(x.bindings.iter().rev().map(|b| b.to)),
                Some(env) => stack.extend(x.destinations(env).into_iter().rev()),
            },
            _ => out.push(c),
        }
    }
    out
}

/// Iterative three-colour DFS; returns one cycle as a closed path of nodes.
fn find_cycle(next: &[Vec<u32>]) -> Option<Vec<usize>> {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut colour = vec![WHITE; next.len()];
    for root in 0..next.len() {
        if colour[root] != WHITE {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        colour[root] = GREY;
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            if let Some(&to) = next[node].get(*edge) {
                *edge += 1;
                let to = to as usize;
                match colour[to] {
                    WHITE => {
                        colour[to] = GREY;
                        stack.push((to, 0));
                    }
                    GREY => {
                        let start = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut path: Vec<usize> = stack[start..].iter().map(|&(n, _)| n).collect();
                        path.push(to);
                        return Some(path);
                    }
                    _ => {}
                }
            } else {
                colour[node] = BLACK;
                stack.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_cycle;

    #[test]
    fn finds_a_loop_and_ignores_a_diamond() {
        // 0 -> 1 -> 2 -> 0
        assert_eq!(
            find_cycle(&[vec![1], vec![2], vec![0]]),
            Some(vec![0, 1, 2, 0])
        );
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3: no loop
        assert_eq!(find_cycle(&[vec![1, 2], vec![3], vec![3], vec![]]), None);
        // self loop
        assert_eq!(find_cycle(&[vec![0]]), Some(vec![0, 0]));
    }
}
