//! What a wire says about the messages on it, drawn beside the wire: a
//! publish's routing key, message key or attributes; a binding's key,
//! header rule or filter policy (RabbitMQ exchanges, SNS subscriptions).
//! Without them every exchange looks like a fan-out.

use kurir_engine::scenario::{Binding, ChannelKind, MatchMode, Publish};
use kurir_engine::{ChannelId, Node, Scenario, ServiceId};

/// A label: the wire it belongs to and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct WireLabel {
    /// Where the wire starts.
    pub from: Node,
    /// Where it ends.
    pub to: Node,
    /// What it says (several publishes on one wire are joined).
    pub text: String,
    /// A binding's rule (exchange → queue), not what a publisher sets.
    pub binding: bool,
}

/// `name=value` pairs, comma-separated.
fn pairs<'a>(items: impl Iterator<Item = (&'a String, String)>) -> String {
    items
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a publish puts on its message, if anything.
fn publish_text(p: &Publish) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(k) = &p.routing_key {
        parts.push(k.clone());
    }
    if let Some(k) = &p.key {
        parts.push(format!("key {k}"));
    }
    if !p.attributes.is_empty() {
        parts.push(pairs(p.attributes.iter().map(|(k, v)| (k, v.clone()))));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What a binding matches, if it matches on anything.
fn binding_text(b: &Binding) -> Option<String> {
    if let Some(k) = &b.key {
        return Some(k.clone());
    }
    if !b.headers.is_empty() {
        let rule = pairs(b.headers.iter().map(|(k, v)| (k, v.clone())));
        let any = matches!(b.match_mode, MatchMode::Any);
        return Some(if any { format!("{rule} (any)") } else { rule });
    }
    if !b.filter.is_empty() {
        // A policy reads "attribute: accepted values", unlike a message's
        // own "name=value" attributes.
        let policy: Vec<String> = (b.filter.iter())
            .map(|(k, v)| format!("{k}: {}", v.join("|")))
            .collect();
        return Some(policy.join(", "));
    }
    None
}

/// Every labelled wire of `s`, one label per pair of nodes.
pub fn wire_labels(s: &Scenario) -> Vec<WireLabel> {
    let channel = |id: &str| {
        (s.channels.iter().position(|c| c.id == id)).map(|i| Node::Channel(ChannelId(i as u32)))
    };
    let mut out: Vec<WireLabel> = Vec::new();
    let mut add = |from: Node, to: Node, text: String, binding: bool| match out
        .iter_mut()
        .find(|l| l.from == from && l.to == to)
    {
        Some(l) => {
            l.text.push_str(" · ");
            l.text.push_str(&text);
        }
        None => out.push(WireLabel {
            from,
            to,
            text,
            binding,
        }),
    };
    for (i, v) in s.services.iter().enumerate() {
        for p in &v.publishes {
            if let (Some(to), Some(text)) = (channel(&p.channel), publish_text(p)) {
                add(Node::Service(ServiceId(i as u32)), to, text, false);
            }
        }
    }
    for (i, c) in s.channels.iter().enumerate() {
        if let ChannelKind::Exchange(x) = &c.kind {
            for b in &x.bindings {
                if let (Some(to), Some(text)) = (channel(&b.to), binding_text(b)) {
                    add(Node::Channel(ChannelId(i as u32)), to, text, true);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::gallery;

    fn example(id: &str) -> Scenario {
        gallery().into_iter().find(|(i, _)| *i == id).unwrap().1
    }

    fn texts(s: &Scenario) -> Vec<String> {
        wire_labels(s).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn rabbitmq_wires_show_routing_keys_and_binding_patterns() {
        let t = texts(&example("rabbitmq"));
        assert!(
            t.iter()
                .any(|l| l.contains("email.send") && l.contains(" · ")),
            "{t:?}"
        );
        assert!(t.contains(&"order.#".to_string()), "{t:?}");
        assert!(t.contains(&"sms.*".to_string()), "{t:?}");
    }

    #[test]
    fn sns_wires_show_attributes_and_filter_policies() {
        let t = texts(&example("sns-sqs"));
        assert!(t.contains(&"kind: email".to_string()), "{t:?}");
        assert!(
            t.iter().any(|l| l.starts_with("kind=email · kind=sms")),
            "{t:?}"
        );
    }

    #[test]
    fn plain_wires_say_nothing() {
        assert!(texts(&example("lesson")).is_empty());
        let kafka = texts(&example("kafka"));
        assert_eq!(kafka, ["key customer-{order%5}"]);
    }
}
