//! A scenario's channels as RabbitMQ objects for one run: the engine's
//! mapping (`kurir_engine::formats::rabbitmq`, which also writes definitions
//! files), with the run's names and time scale. The client
//! (`broker/amqp/`) only sends them.

pub use kurir_engine::formats::rabbitmq::{
    scaled_ms, Arg, BindingDecl, Declarations, ExchangeDecl, QueueDecl,
};

use kurir_engine::compile::Topology;
use kurir_engine::Scenario;

use crate::plan::object_name;

/// The RabbitMQ objects of `s` (compiled as `topo`) for run `run`, with
/// every duration multiplied by `scale` (the run's time scale).
pub fn declarations(run: &str, s: &Scenario, topo: &Topology, scale: f64) -> Declarations {
    kurir_engine::formats::rabbitmq::declarations(s, topo, &|id| object_name(run, id), scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples;

    fn decls(s: &Scenario) -> Declarations {
        let topo = kurir_engine::compile::compile(s).unwrap();
        declarations("t", s, &topo, 1.0)
    }

    #[test]
    fn the_rabbitmq_example_is_a_topic_exchange_four_quorum_queues_and_a_dead_letter_exchange() {
        let s = examples::gallery()
            .into_iter()
            .find(|(id, _)| *id == "rabbitmq")
            .unwrap()
            .1;
        let d = decls(&s);
        let kinds: Vec<(&str, &str)> = d
            .exchanges
            .iter()
            .map(|x| (x.name.as_str(), x.kind))
            .collect();
        assert_eq!(
            kinds,
            [("kurir.t.shop", "topic"), ("kurir.t.dlx", "fanout")]
        );
        let sms = d.queues.iter().find(|q| q.name == "kurir.t.sms").unwrap();
        // 21 deliveries: RabbitMQ's default limit of 20 returns.
        assert!(sms
            .args
            .contains(&("x-delivery-limit".into(), Arg::Int(20))));
        assert!(sms
            .args
            .contains(&("x-queue-type".into(), Arg::Str("quorum".into()))));
        assert!(sms.args.contains(&(
            "x-dead-letter-exchange".into(),
            Arg::Str("kurir.t.dlx".into())
        )));
        let report = d
            .bindings
            .iter()
            .find(|b| b.destination == "kurir.t.report")
            .unwrap();
        assert_eq!(
            (report.key.as_str(), report.to_exchange),
            ("order.#", false)
        );
    }

    #[test]
    fn a_dead_letter_queue_is_reached_through_the_default_exchange() {
        let mut s = examples::lesson();
        s.channels[0].kind =
            kurir_engine::scenario::ChannelKind::Queue(kurir_engine::scenario::QueueSpec {
                dead_letter: Some("sms".into()),
                ttl_ms: Some(2000.0),
                ..Default::default()
            });
        let d = declarations("t", &s, &kurir_engine::compile::compile(&s).unwrap(), 0.5);
        let email = &d.queues[0];
        assert!(email
            .args
            .contains(&("x-dead-letter-exchange".into(), Arg::Str(String::new()))));
        assert!(email.args.contains(&(
            "x-dead-letter-routing-key".into(),
            Arg::Str("kurir.t.sms".into())
        )));
        // Half time: a 2 s TTL is 1 s on the broker.
        assert!(email
            .args
            .contains(&("x-message-ttl".into(), Arg::Int(1000))));
    }
}
