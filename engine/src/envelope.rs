//! A message's envelope: its routing key, key and headers, written in the
//! scenario as templates and filled in per order (`{order}`, `{order%N}`).

use std::collections::BTreeMap;

use crate::error::{Problem, ScenarioError};
use crate::scenario::Publish;
use crate::sim::{Msg, Sim};

/// What routing sees of one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Envelope {
    /// Routing key (empty when none).
    pub routing_key: String,
    /// Message key, if any.
    pub key: Option<String>,
    /// Headers / attributes.
    pub attributes: BTreeMap<String, String>,
}

impl Envelope {
    /// The envelope `publish` gives the message of `order`.
    pub fn of(publish: &Publish, order: u64) -> Envelope {
        Envelope {
            routing_key: publish
                .routing_key
                .as_deref()
                .map(|t| expand(t, order))
                .unwrap_or_default(),
            key: publish.key.as_deref().map(|t| expand(t, order)),
            attributes: publish
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), expand(v, order)))
                .collect(),
        }
    }
}

impl Sim {
    /// The routing key, key and headers of `msg`.
    pub(crate) fn envelope(&self, msg: Msg) -> crate::envelope::Envelope {
        self.scenario
            .services
            .get(msg.producer as usize)
            .and_then(|s| s.publishes.get(msg.publish as usize))
            .map(|p| crate::envelope::Envelope::of(p, msg.order))
            .unwrap_or_default()
    }

    /// A stable hash of `msg`'s key (FNV-1a; no key hashes like an empty one).
    pub(crate) fn key_hash(&self, msg: Msg) -> u64 {
        let key = self.envelope(msg).key.unwrap_or_default();
        crate::routing::fnv1a(key.as_bytes())
    }
}

/// Fills `{order}` and `{order%N}` in `template`. Anything else is kept as
/// written (validation has refused malformed placeholders).
pub fn expand(template: &str, order: u64) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| placeholder(&after[..close], order).map(|value| (close, value)))
        {
            Some((close, value)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholder(inner: &str, order: u64) -> Option<String> {
    if inner == "order" {
        return Some(order.to_string());
    }
    let n: u64 = inner.strip_prefix("order%")?.parse().ok()?;
    (n > 0).then(|| (order % n).to_string())
}

/// Refuses templates with a `{order…}` placeholder that does not parse.
pub(crate) fn check(publish: &Publish, field: &str) -> Result<(), ScenarioError> {
    let texts = publish
        .routing_key
        .iter()
        .chain(&publish.key)
        .chain(publish.attributes.values());
    for text in texts {
        let mut rest = text.as_str();
        while let Some(open) = rest.find("{order") {
            let after = &rest[open + 1..];
            let ok = after
                .find('}')
                .is_some_and(|close| placeholder(&after[..close], 0).is_some());
            if !ok {
                return Err(ScenarioError::invalid(
                    field,
                    Problem::BadTemplate(text.clone()),
                ));
            }
            rest = after;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_per_order() {
        assert_eq!(expand("order.created", 7), "order.created");
        assert_eq!(expand("customer-{order%3}", 7), "customer-1");
        assert_eq!(expand("o{order}/{order%2}", 7), "o7/1");
        assert_eq!(expand("{unknown}", 7), "{unknown}");
    }

    #[test]
    fn a_zero_modulus_is_refused() {
        let mut p = Publish::to("x");
        p.key = Some("k{order%0}".into());
        assert!(check(&p, "f").is_err());
        p.key = Some("k{order%4}".into());
        assert!(check(&p, "f").is_ok());
    }
}
