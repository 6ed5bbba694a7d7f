//! The format's size limits ([`crate::compile::limits`]), checked before anything is
//! compiled: a small link must not ask the browser for ten thousand nodes,
//! a 20,000-word routing key or a drawing a trillion pixels wide.

use std::collections::BTreeMap;

use crate::compile::fields::{check_name, out_of_range};
use crate::compile::limits::*;
use crate::scenario::{ChannelKind, Scenario};
use crate::scenario::{Problem, ScenarioError};

/// Refuses the first list, key or coordinate beyond its limit, naming it.
pub(crate) fn check(s: &Scenario) -> Result<(), ScenarioError> {
    at_most(s.services.len(), MAX_SERVICES, "services")?;
    at_most(s.channels.len(), MAX_CHANNELS, "channels")?;
    at_most(s.subscriptions.len(), MAX_SUBSCRIPTIONS, "subscriptions")?;
    at_most(s.inputs.len(), MAX_SCHEDULED, "inputs")?;
    at_most(s.actions.len(), MAX_SCHEDULED, "actions")?;
    for (i, svc) in s.services.iter().enumerate() {
        let f = |name: &str| format!("services[{i}].{name}");
        at_most(svc.publishes.len(), MAX_WIRES_PER_NODE, &f("publishes"))?;
        at_most(svc.calls.len(), MAX_WIRES_PER_NODE, &f("calls"))?;
        at_most(svc.patterns.len(), MAX_WIRES_PER_NODE, &f("patterns"))?;
        at_most(
            svc.fails_orders.len(),
            MAX_POISON_ORDERS,
            &f("fails_orders"),
        )?;
        if let Some(db) = &svc.database {
            check_name(db, &f("database"))?;
        }
        position(svc.x, svc.y, &format!("services[{i}]"))?;
        for (j, p) in svc.publishes.iter().enumerate() {
            let f = |name: &str| format!("services[{i}].publishes[{j}].{name}");
            key(p.routing_key.as_deref(), &f("routing_key"))?;
            key(p.key.as_deref(), &f("key"))?;
            key(p.dedup_id.as_deref(), &f("dedup_id"))?;
            attributes(&p.attributes, &f("attributes"))?;
        }
    }
    for (i, ch) in s.channels.iter().enumerate() {
        position(ch.x, ch.y, &format!("channels[{i}]"))?;
        let ChannelKind::Exchange(x) = &ch.kind else {
            continue;
        };
        let f = |name: &str| format!("channels[{i}].{name}");
        at_most(x.bindings.len(), MAX_WIRES_PER_NODE, &f("bindings"))?;
        for (j, b) in x.bindings.iter().enumerate() {
            let f = |name: &str| format!("channels[{i}].bindings[{j}].{name}");
            key(b.key.as_deref(), &f("key"))?;
            attributes(&b.headers, &f("headers"))?;
            at_most(b.filter.len(), MAX_ATTRIBUTES, &f("filter"))?;
            for (name, values) in &b.filter {
                key(Some(name), &f("filter"))?;
                at_most(values.len(), MAX_ATTRIBUTES, &f(&format!("filter.{name}")))?;
                for v in values {
                    key(Some(v), &f(&format!("filter.{name}")))?;
                }
            }
        }
    }
    Ok(())
}

fn at_most(n: usize, max: usize, field: &str) -> Result<(), ScenarioError> {
    if n > max {
        Err(ScenarioError::invalid(field, Problem::TooMany { max }))
    } else {
        Ok(())
    }
}

fn key(text: Option<&str>, field: &str) -> Result<(), ScenarioError> {
    match text {
        Some(t) if t.len() > MAX_KEY_BYTES => Err(ScenarioError::invalid(
            field,
            Problem::KeyTooLong { max: MAX_KEY_BYTES },
        )),
        _ => Ok(()),
    }
}

fn attributes(map: &BTreeMap<String, String>, field: &str) -> Result<(), ScenarioError> {
    at_most(map.len(), MAX_ATTRIBUTES, field)?;
    for (name, value) in map {
        key(Some(name), field)?;
        key(Some(value), &format!("{field}.{name}"))?;
    }
    Ok(())
}

fn position(x: f64, y: f64, node: &str) -> Result<(), ScenarioError> {
    for (v, axis) in [(x, "x"), (y, "y")] {
        if !(v.is_finite() && v.abs() <= MAX_COORDINATE) {
            return Err(out_of_range(
                format!("{node}.{axis}"),
                -MAX_COORDINATE,
                MAX_COORDINATE,
                v,
            ));
        }
    }
    Ok(())
}
