//! Reading scenario text: version check, migration of older versions, shape,
//! then validation. The one entry point for untrusted input.

use crate::error::ScenarioError;
use crate::scenario::{Scenario, CURRENT_VERSION};

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
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(syntax)?;
    let version = value.get("version").and_then(|v| v.as_u64());
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
    let scenario: Scenario = serde_json::from_value(value).map_err(syntax)?;
    crate::validate::compile(&scenario)?;
    Ok(scenario)
}

fn syntax(e: serde_json::Error) -> ScenarioError {
    ScenarioError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}
