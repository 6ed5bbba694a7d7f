//! Reading scenario text: version check, migration of older versions, shape,
//! then validation. The one entry point for untrusted input.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::scenario::tagged::unexpected;
use crate::scenario::ScenarioError;
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
    crate::compile::compile(&scenario)?;
    Ok(scenario)
}

/// The JSON value of `text`, in the current version, with each broker's
/// defaults filled in.
fn read_value(text: &str) -> Result<Value, ScenarioError> {
    let mut value: Value = crate::input::strict_json::from_str(text).map_err(syntax)?;
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
    crate::scenario::preset::fill_defaults(&mut value);
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
            let network = value.get("network")?;
            Network::deserialize(network.clone()).err().map(|e| {
                let mut path = Vec::new();
                narrow::<Network>(network, &mut path);
                (format!("network{}", path.concat()), e)
            })
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
        T::deserialize(item.clone()).err().map(|e| {
            let mut path = Vec::new();
            narrow::<T>(item, &mut path);
            (format!("{list}[{i}]{}", path.concat()), e)
        })
    })
}

/// Finds the field inside `item` that its error is about: the deepest one
/// (a few levels down) whose value, left out or replaced by a plain value of
/// some type, lets the whole item read. Only on the error
/// path, over a few dozen fields. Fills `path` with `.name` and `[i]` steps;
/// an item with more than one mistake keeps its own name.
fn narrow<T: DeserializeOwned>(item: &Value, path: &mut Vec<String>) {
    const DEPTH: usize = 4;
    let stand_ins = [
        Value::Null,
        Value::from(0),
        Value::from(1),
        Value::from(""),
        Value::from(false),
        Value::Array(Vec::new()),
        Value::Object(serde_json::Map::new()),
    ];
    let fixes = |at: &[Step]| {
        let mut without = item.clone();
        remove(&mut without, at);
        std::iter::once(without)
            .chain(stand_ins.iter().map(|v| {
                let mut probe = item.clone();
                if let Some(slot) = walk_mut(&mut probe, at) {
                    *slot = v.clone();
                }
                probe
            }))
            .any(|probe| T::deserialize(probe).is_ok())
    };
    let mut found: Option<Vec<Step>> = None;
    let mut level: Vec<Vec<Step>> = vec![Vec::new()];
    for _ in 0..DEPTH {
        let mut next = Vec::new();
        for at in &level {
            let steps: Vec<Step> = match walk(item, at) {
                Some(Value::Object(map)) => map.keys().cloned().map(Step::Key).collect(),
                Some(Value::Array(list)) => (0..list.len()).map(Step::Index).collect(),
                _ => continue,
            };
            for step in steps {
                let mut inner = at.clone();
                inner.push(step);
                if fixes(&inner) && found.as_ref().is_none_or(|f| f.len() < inner.len()) {
                    found = Some(inner.clone());
                }
                next.push(inner);
            }
        }
        level = next;
    }
    path.extend(found.iter().flatten().map(|step| match step {
        Step::Key(k) => format!(".{k}"),
        Step::Index(i) => format!("[{i}]"),
    }));
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn walk<'a>(mut v: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    for step in steps {
        v = match step {
            Step::Key(k) => v.get(k)?,
            Step::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

fn walk_mut<'a>(mut v: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    for step in steps {
        v = match step {
            Step::Key(k) => v.get_mut(k)?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

fn remove(v: &mut Value, steps: &[Step]) {
    let Some((last, parents)) = steps.split_last() else {
        return;
    };
    let mut here = v;
    for step in parents {
        here = match (step, here) {
            (Step::Key(k), Value::Object(map)) => match map.get_mut(k) {
                Some(next) => next,
                None => return,
            },
            (Step::Index(i), Value::Array(list)) => match list.get_mut(*i) {
                Some(next) => next,
                None => return,
            },
            _ => return,
        };
    }
    match (last, here) {
        (Step::Key(k), Value::Object(map)) => {
            map.remove(k);
        }
        (Step::Index(i), Value::Array(list)) if *i < list.len() => {
            list.remove(*i);
        }
        _ => {}
    }
}
