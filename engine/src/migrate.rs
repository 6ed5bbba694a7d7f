//! Reading scenario text: version check, migration of older versions, shape,
//! then validation. The one entry point for untrusted input.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::ScenarioError;
use crate::scenario::tagged::unexpected;
use crate::scenario::{
    Action, ChannelSpec, Input, Network, Scenario, ServiceSpec, Subscription, CURRENT_VERSION,
};

/// Largest scenario text accepted, so a hostile file cannot exhaust memory.
pub const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Parses, migrates and validates scenario JSON.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(ScenarioError::Syntax {
            line: 0,
            column: 0,
            message: format!(
                "the text is {} bytes; a scenario may be at most {} bytes",
                text.len(),
                MAX_SCENARIO_BYTES
            ),
        });
    }
    let scenario: Scenario = match serde_json::from_value(read_value(text)?) {
        Ok(scenario) => scenario,
        // Read the text again only on this rare path, to say where the
        // mistake is (the value was consumed; cloning it for every good
        // file would be work for nothing).
        Err(e) => return Err(shape(&read_value(text)?, e)),
    };
    crate::validate::compile(&scenario)?;
    Ok(scenario)
}

/// The JSON value of `text`, in the current version, with each broker's
/// defaults filled in.
fn read_value(text: &str) -> Result<Value, ScenarioError> {
    let mut value: Value = crate::strict_json::from_str(text).map_err(syntax)?;
    let version = match value.get("version") {
        None => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| ScenarioError::BadVersion {
            found: v.to_string(),
        })?),
    };
    match version {
        None => return Err(ScenarioError::Version { found: None }),
        Some(v) if v == 0 || v > CURRENT_VERSION as u64 => {
            return Err(ScenarioError::Version { found: Some(v) })
        }
        // Version 1 is current: nothing to migrate yet. A future version 2
        // transforms `value` here, one step per version.
        Some(_) => {}
    }
    crate::broker::fill_defaults(&mut value);
    Ok(value)
}

fn syntax(e: serde_json::Error) -> ScenarioError {
    ScenarioError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

/// The text is JSON but not a scenario. The parsed value has no line numbers
/// any more, so the message names the entry at fault instead (`services[2]:
/// …`): the first entry of a list that does not read on its own. (A crate that
/// tracks the whole path cost 8 KB of download; this costs next to nothing, as
/// each entry is read by the code that reads the lists anyway.)
fn shape(value: &Value, whole: serde_json::Error) -> ScenarioError {
    let at_fault = first_bad::<ServiceSpec>(value, "services")
        .or_else(|| first_bad::<ChannelSpec>(value, "channels"))
        .or_else(|| first_bad::<Subscription>(value, "subscriptions"))
        .or_else(|| first_bad::<Input>(value, "inputs"))
        .or_else(|| first_bad::<Action>(value, "actions"))
        .or_else(|| {
            let network = value.get("network")?.clone();
            Network::deserialize(network)
                .err()
                .map(|e| ("network".to_string(), e))
        });
    ScenarioError::Syntax {
        line: 0,
        column: 0,
        message: match at_fault {
            Some((place, e)) => format!("{place}: {e}"),
            None => whole.to_string(),
        },
    }
}

/// `list[i]` and its error, for the first entry of `list` that is not a `T`
/// (or `list` itself when it is not a list).
fn first_bad<T: DeserializeOwned>(
    value: &Value,
    list: &str,
) -> Option<(String, serde_json::Error)> {
    let items = match value.get(list)? {
        Value::Array(items) => items,
        other => {
            let e = serde::de::Error::invalid_type(unexpected(other), &"a list");
            return Some((list.to_string(), e));
        }
    };
    items.iter().enumerate().find_map(|(i, item)| {
        T::deserialize(item.clone())
            .err()
            .map(|e| (format!("{list}[{i}]"), e))
    })
}
