//! Untrusted text in and out: reading a scenario file (older versions
//! migrated, every mistake a typed error), share links, and the pretty JSON
//! that saved files use.

mod file;
pub mod link;
pub(crate) mod migrate;
mod pretty;
mod strict_json;

pub use file::read_scenario_file;
pub use migrate::MAX_SCENARIO_BYTES;

use crate::scenario::{Scenario, ScenarioError};

impl Scenario {
    /// Parses JSON text and validates it; the error names the field at fault.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        migrate::parse(text)
    }

    /// Pretty JSON in the current format version.
    pub fn to_json(&self) -> String {
        pretty::pretty(&self.to_compact_json())
    }
}
