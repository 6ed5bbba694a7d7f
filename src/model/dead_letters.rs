//! Where dead letters go, and where a dead-letter queue's messages came
//! from (the queues a redrive sends them back to).

use kurir_engine::scenario::ChannelKind;
use kurir_engine::{ChannelId, Node, Scenario};

/// Dead-letter links (queue → where its dead letters go), drawn dashed.
pub fn dead_letters(s: &Scenario) -> Vec<(Node, Node)> {
    let channel = |id: &str| s.channels.iter().position(|c| c.id == id);
    s.channels
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ChannelKind::Queue(q) => q.dead_letter.as_deref().and_then(channel).map(|d| {
                (
                    Node::Channel(ChannelId(i as u32)),
                    Node::Channel(ChannelId(d as u32)),
                )
            }),
            _ => None,
        })
        .collect()
}

/// The queues whose dead letters end up in channel `dlq`: directly, or
/// through a dead-letter exchange bound to it (RabbitMQ's `dlx` → queue).
/// A redrive sends the messages back to one of them.
pub fn redrive_sources(s: &Scenario, dlq: ChannelId) -> Vec<ChannelId> {
    let Some(target) = s.channels.get(dlq.index()).map(|c| c.id.as_str()) else {
        return Vec::new();
    };
    let reaches = |via: &str| {
        via == target
            || s.channels.iter().any(|c| {
                c.id == via
                    && matches!(&c.kind, ChannelKind::Exchange(x) if x.bindings.iter().any(|b| b.to == target))
            })
    };
    (s.channels.iter().enumerate())
        .filter(|(i, c)| {
            *i != dlq.index()
                && matches!(&c.kind, ChannelKind::Queue(q) if q.dead_letter.as_deref().is_some_and(reaches))
        })
        .map(|(i, _)| ChannelId(i as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::gallery;

    fn example(id: &str) -> Scenario {
        gallery().into_iter().find(|(i, _)| *i == id).unwrap().1
    }

    fn named(s: &Scenario, id: &str) -> ChannelId {
        ChannelId(s.channels.iter().position(|c| c.id == id).unwrap() as u32)
    }

    #[test]
    fn a_dead_letter_queue_knows_the_queues_it_takes_from() {
        let sqs = example("sqs");
        assert_eq!(
            redrive_sources(&sqs, named(&sqs, "order-dlq")),
            [named(&sqs, "order")]
        );
        assert!(redrive_sources(&sqs, named(&sqs, "order")).is_empty());
        // Through RabbitMQ's dead-letter exchange
        let rabbit = example("rabbitmq");
        assert_eq!(
            redrive_sources(&rabbit, named(&rabbit, "sms-dead")),
            [named(&rabbit, "sms")]
        );
        assert!(redrive_sources(&rabbit, ChannelId(99)).is_empty());
    }
}
