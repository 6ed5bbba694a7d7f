//! Built-in scenarios. `lesson()` is the example of the source lesson: an Order
//! service that must tell Email, SMS, Finance and Report about every order.

pub mod bench;
pub mod brokers;

use crate::scenario::*;

fn service(id: &str, name: &str, ms: Processing, x: f64, y: f64) -> ServiceSpec {
    ServiceSpec::new(id, name, ms, x, y)
}

fn channel(id: &str, kind: ChannelKind, x: f64, y: f64) -> ChannelSpec {
    ChannelSpec::new(id, id, kind, x, y)
}

fn sub(channel: &str, service: &str) -> Subscription {
    Subscription::new(channel, service)
}

fn constant(ms: f64) -> Processing {
    Processing::Constant { ms }
}

/// The lesson's example: Order (writing to Postgres) publishes to `email`,
/// `sms` and `order`; Email and SMS are slow; `order` feeds Finance and Report.
pub fn lesson() -> Scenario {
    let mut order = service("order", "Order service", constant(50.0), 120.0, 280.0);
    order.database = Some("PostgreSQL".into());
    order.publishes = vec!["email".into(), "sms".into(), "order".into()];
    Scenario {
        version: CURRENT_VERSION,
        name: "Order fan-out (the lesson's example)".into(),
        mode: Mode::Messaging,
        seed: 7,
        // A slow-ish network (150 ms each way) so every message can be seen
        // travelling at 1× speed; it affects both styles alike.
        network: Network {
            latency_ms: 150.0,
            ..Network::default()
        },
        services: vec![
            order,
            service("email", "Email service", constant(800.0), 760.0, 80.0),
            service("sms", "SMS service", constant(600.0), 760.0, 213.0),
            service("finance", "Finance service", constant(200.0), 760.0, 347.0),
            service("report", "Report service", constant(300.0), 760.0, 480.0),
        ],
        channels: vec![
            channel(
                "email",
                ChannelKind::Queue(QueueSpec::default()),
                440.0,
                80.0,
            ),
            channel(
                "sms",
                ChannelKind::Queue(QueueSpec::default()),
                440.0,
                213.0,
            ),
            channel("order", ChannelKind::PubSub, 440.0, 413.0),
        ],
        subscriptions: vec![
            sub("email", "email"),
            sub("sms", "sms"),
            sub("order", "finance"),
            sub("order", "report"),
        ],
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// A chain: Order → Payment → Shipping, each step publishing to the next.
pub fn pipeline() -> Scenario {
    let mut order = service("order", "Order service", constant(40.0), 100.0, 260.0);
    order.publishes = vec!["orders".into()];
    order.database = Some("PostgreSQL".into());
    let mut payment = service("payment", "Payment service", constant(150.0), 480.0, 260.0);
    payment.publishes = vec!["payments".into()];
    let shipping = service(
        "shipping",
        "Shipping service",
        constant(250.0),
        860.0,
        260.0,
    );
    Scenario {
        version: CURRENT_VERSION,
        name: "Pipeline: Order → Payment → Shipping".into(),
        mode: Mode::Messaging,
        seed: 1,
        network: Network {
            latency_ms: 100.0,
            ..Network::default()
        },
        services: vec![order, payment, shipping],
        channels: vec![
            channel(
                "orders",
                ChannelKind::Queue(QueueSpec::default()),
                290.0,
                260.0,
            ),
            channel(
                "payments",
                ChannelKind::Queue(QueueSpec::default()),
                670.0,
                260.0,
            ),
        ],
        subscriptions: vec![sub("orders", "payment"), sub("payments", "shipping")],
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// The lesson's example in RPC mode: Order calls the four services in turn.
pub fn lesson_rpc() -> Scenario {
    let mut s = lesson();
    s.name = "Order over RPC (the lesson's problem)".into();
    s.mode = Mode::Rpc;
    s
}

/// Competing consumers on one queue: three workers share the jobs; one is
/// flaky, and messages that keep failing end in a dead-letter queue.
pub fn competing_consumers() -> Scenario {
    let mut order = service("order", "Order service", constant(20.0), 120.0, 260.0);
    order.publishes = vec!["jobs".into()];
    let mut flaky = service(
        "worker-c",
        "Worker C (flaky)",
        constant(300.0),
        780.0,
        400.0,
    );
    flaky.failure_probability = 0.7;
    let mut a = service("worker-a", "Worker A", constant(300.0), 780.0, 120.0);
    a.failure_probability = 0.2;
    let mut b = service("worker-b", "Worker B", constant(300.0), 780.0, 260.0);
    b.failure_probability = 0.2;
    Scenario {
        version: CURRENT_VERSION,
        name: "Competing consumers and a dead-letter queue".into(),
        mode: Mode::Messaging,
        seed: 3,
        network: Network {
            latency_ms: 100.0,
            ..Network::default()
        },
        services: vec![order, a, b, flaky],
        channels: vec![
            channel(
                "jobs",
                ChannelKind::Queue(QueueSpec {
                    max_deliveries: 2,
                    dead_letter: Some("dead".into()),
                    ..QueueSpec::default()
                }),
                440.0,
                260.0,
            ),
            channel(
                "dead",
                ChannelKind::Queue(QueueSpec::default()),
                440.0,
                460.0,
            ),
        ],
        subscriptions: vec![
            sub("jobs", "worker-a"),
            sub("jobs", "worker-b"),
            sub("jobs", "worker-c"),
        ],
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// Plain pub/sub loses messages for a subscriber that is down; a queue keeps
/// them until the consumer is back.
pub fn loss_vs_queue() -> Scenario {
    let mut order = service("order", "Order service", constant(20.0), 120.0, 240.0);
    order.publishes = vec!["live".into(), "durable".into()];
    let mut push = service(
        "push",
        "Push notifier (down)",
        constant(100.0),
        780.0,
        120.0,
    );
    push.up = false;
    let mut mail = service("mail", "Mailer (down)", constant(100.0), 780.0, 360.0);
    mail.up = false;
    Scenario {
        version: CURRENT_VERSION,
        name: "Pub/sub loses, a queue keeps".into(),
        mode: Mode::Messaging,
        seed: 5,
        network: Network {
            latency_ms: 100.0,
            ..Network::default()
        },
        services: vec![order, push, mail],
        channels: vec![
            channel("live", ChannelKind::PubSub, 440.0, 120.0),
            channel(
                "durable",
                ChannelKind::Queue(QueueSpec::default()),
                440.0,
                360.0,
            ),
        ],
        subscriptions: vec![sub("live", "push"), sub("durable", "mail")],
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// A load test for the canvas: one producer fanning out to 48 subscribers
/// through one topic (50 nodes); about 1,000 messages are on
/// the wires at any moment (at 60 orders/s).
pub fn stress() -> Scenario {
    let mut producer = service("producer", "Producer", constant(1.0), 80.0, 700.0);
    producer.workers = 8;
    producer.publishes = vec!["fanout".into()];
    let mut services = vec![producer];
    let mut subscriptions = Vec::new();
    for i in 0..48 {
        let (col, row) = ((i / 12) as f64, (i % 12) as f64);
        let mut s = service(
            &format!("s{i}"),
            &format!("Subscriber {i}"),
            constant(5.0),
            600.0 + 220.0 * col,
            80.0 + 110.0 * row,
        );
        s.workers = 4;
        services.push(s);
        subscriptions.push(sub("fanout", &format!("s{i}")));
    }
    Scenario {
        version: CURRENT_VERSION,
        name: "Stress: 1 → 48 fan-out".into(),
        mode: Mode::Messaging,
        seed: 11,
        network: Network {
            latency_ms: 340.0,
            ..Network::default()
        },
        services,
        channels: vec![channel("fanout", ChannelKind::PubSub, 340.0, 700.0)],
        subscriptions,
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// The built-in gallery: (id, scenario).
pub fn gallery() -> Vec<(&'static str, Scenario)> {
    vec![
        ("lesson", lesson()),
        ("lesson-rpc", lesson_rpc()),
        ("pipeline", pipeline()),
        ("competing-consumers", competing_consumers()),
        ("loss-vs-queue", loss_vs_queue()),
        ("stress", stress()),
    ]
    .into_iter()
    .chain(crate::examples::brokers::all())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_scenarios_are_valid_and_round_trip_through_json() {
        for (_, s) in gallery() {
            let text = s.to_json();
            assert_eq!(Scenario::from_json(&text).unwrap(), s);
        }
    }
}
