//! Envelope templates: a publish's routing key, key and headers may hold
//! `{order}` / `{order%N}` placeholders; a malformed one is refused here, so
//! the run can fill them in without checking.

use crate::compile::channels::ChannelTopo;
use crate::scenario::envelope::template_ok;
use crate::scenario::{Problem, Publish, ScenarioError};

/// Refuses publish options the target channel does not use, so nothing a
/// user wrote is silently ignored: only an exchange routes by a routing key
/// or returns an unroutable message (`mandatory`); a pub/sub channel carries
/// the message alone (Redis `PUBLISH channel message`). A key, headers and a
/// deduplication id pass through an exchange to what it is bound to, and a
/// queue or log may use them, so those are left to the channel.
pub(crate) fn check_effect(
    publish: &Publish,
    channel: &ChannelTopo,
    field: &str,
) -> Result<(), ScenarioError> {
    let kind = match channel {
        ChannelTopo::Exchange(_) => return Ok(()),
        ChannelTopo::PubSub => "pubsub",
        ChannelTopo::Queue(_) => "queue",
        ChannelTopo::Log(_) => "log",
    };
    let pubsub = matches!(channel, ChannelTopo::PubSub);
    let unused = [
        ("routing_key", publish.routing_key.is_some()),
        ("mandatory", publish.mandatory),
        ("key", pubsub && publish.key.is_some()),
        ("attributes", pubsub && !publish.attributes.is_empty()),
        ("dedup_id", pubsub && publish.dedup_id.is_some()),
    ];
    match unused.iter().find(|(_, set)| *set) {
        Some(&(option, _)) => Err(ScenarioError::invalid(
            field,
            Problem::NoEffect { option, kind },
        )),
        None => Ok(()),
    }
}

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
