//! Envelope templates: a publish's routing key, key and headers may hold
//! `{order}` / `{order%N}` placeholders; a malformed one is refused here, so
//! the run can fill them in without checking.

use crate::scenario::envelope::template_ok;
use crate::scenario::{Problem, Publish, ScenarioError};

/// Refuses templates with a `{order…}` placeholder that does not parse.
pub(crate) fn check(publish: &Publish, field: &str) -> Result<(), ScenarioError> {
    let texts = publish
        .routing_key
        .iter()
        .chain(&publish.key)
        .chain(&publish.dedup_id)
        .chain(publish.attributes.values());
    for text in texts {
        if !template_ok(text) {
            return Err(ScenarioError::invalid(
                field,
                Problem::BadTemplate(text.clone()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_modulus_is_refused() {
        let mut p = Publish::to("x");
        p.key = Some("k{order%0}".into());
        assert!(check(&p, "f").is_err());
        p.key = Some("k{order%4}".into());
        assert!(check(&p, "f").is_ok());
    }
}
