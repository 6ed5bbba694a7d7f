//! A message's envelope: its routing key, key and headers, written in the
//! scenario as templates and filled in per order (`{order}`, `{order%N}`).

use std::collections::BTreeMap;

use crate::scenario::Publish;
/// What routing sees of one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Envelope {
    /// Routing key (empty when none).
    pub routing_key: String,
    /// Message key, if any.
    pub key: Option<String>,
    /// Headers / attributes.
    pub attributes: BTreeMap<String, String>,
    /// Deduplication id, if any.
    pub dedup_id: Option<String>,
    /// Returned to the publisher when unroutable (RabbitMQ `mandatory`).
    pub mandatory: bool,
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
            dedup_id: publish.dedup_id.as_deref().map(|t| expand(t, order)),
            mandatory: publish.mandatory,
        }
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

/// True when every `{order…}` placeholder of `text` parses.
pub fn template_ok(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find("{order") {
        let after = &rest[open + 1..];
        let ok = after
            .find('}')
            .is_some_and(|close| placeholder(&after[..close], 0).is_some());
        if !ok {
            return false;
        }
        rest = after;
    }
    true
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
}
