//! Checks of single fields (ids, names, times, counts): each refusal names
//! the field and the allowed range.

use crate::base::time::{ms_to_micros, Micros};
use crate::compile::limits::{MAX_MS, MAX_NAME};
use crate::scenario::{Problem, ScenarioError};

pub(crate) fn check_id(id: &str, field: &str) -> Result<(), ScenarioError> {
    let ok = !id.is_empty()
        && id.chars().count() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(ScenarioError::invalid(field, Problem::BadId(id.into())))
    }
}

pub(crate) fn check_name(name: &str, field: &str) -> Result<(), ScenarioError> {
    if name.chars().count() > MAX_NAME {
        Err(ScenarioError::invalid(
            field,
            Problem::TooLong { max: MAX_NAME },
        ))
    } else {
        Ok(())
    }
}

pub(crate) fn time(ms: f64, min: f64, field: &str) -> Result<Micros, ScenarioError> {
    time_up_to(ms, min, MAX_MS, field)
}

pub(crate) fn time_up_to(
    ms: f64,
    min: f64,
    max: f64,
    field: &str,
) -> Result<Micros, ScenarioError> {
    if ms.is_finite() && ms >= min && ms <= max {
        Ok(ms_to_micros(ms))
    } else {
        Err(out_of_range(field.into(), min, max, ms))
    }
}

pub(crate) fn count(n: u32, min: u32, max: u32, field: &str) -> Result<u32, ScenarioError> {
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(out_of_range(field.into(), min as f64, max as f64, n as f64))
    }
}

pub(crate) fn out_of_range(field: String, min: f64, max: f64, found: f64) -> ScenarioError {
    ScenarioError::invalid(field, Problem::OutOfRange { min, max, found })
}
