//! Pattern subscriptions (Redis PSUBSCRIBE): a service listening to every
//! fan-out channel whose id matches a glob gets its own copy per matching
//! pattern, on top of any plain subscription, as Redis delivers one message
//! per match.

use crate::compile::{ChannelTopo, Terms};
use crate::scenario::routing::glob_matches;
use crate::scenario::Scenario;
use crate::scenario::{Problem, ScenarioError};

/// Appends pattern subscribers to fan-out channels (each in a group of its
/// own, named after the service and the pattern).
pub(crate) fn add_pattern_subscribers(
    s: &Scenario,
    channels: &[ChannelTopo],
    subscribers: &mut [Vec<u32>],
    groups: &mut [Vec<u32>],
    group_names: &mut [Vec<String>],
    terms: &mut [Vec<Terms>],
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
                subscribers[c].push(v as u32);
                group_names[c].push(format!("pattern:{}:{pattern}", svc.id));
                groups[c].push(group_names[c].len() as u32 - 1);
                terms[c].push(Terms {
                    auto_ack: true,
                    prefetch: 1,
                });
            }
        }
    }
    Ok(())
}
