//! The lesson's order example on each real broker: the same five services,
//! the channels spelled in that broker's terms, and one event that shows what
//! the broker is known for (a crash, a failure, a slow consumer).

use std::collections::BTreeMap;

use crate::examples::lesson;
use crate::scenario::preset::Preset;
use crate::scenario::*;

/// The lesson's services, no channels, with orders every second.
fn base(name: &str, seed: u64) -> Scenario {
    let mut s = lesson();
    s.name = name.into();
    s.seed = seed;
    s.channels.clear();
    s.subscriptions.clear();
    s.services[0].publishes.clear();
    s.inputs = vec![Input {
        service: "order".into(),
        every_ms: 1_000.0,
        count: Some(30),
        start_ms: 0.0,
    }];
    s
}

fn add(s: &mut Scenario, id: &str, preset: Preset, x: f64, y: f64) -> usize {
    let mut c = ChannelSpec::new(id, id, preset.kind(), x, y);
    c.broker = Some(preset);
    s.channels.push(c);
    s.channels.len() - 1
}

fn bind(s: &mut Scenario, exchange: usize, binding: Binding) {
    if let ChannelKind::Exchange(x) = &mut s.channels[exchange].kind {
        x.bindings.push(binding);
    }
}

fn queue(s: &mut Scenario, channel: usize) -> &mut QueueSpec {
    match &mut s.channels[channel].kind {
        ChannelKind::Queue(q) => q,
        _ => unreachable!("the examples only tune queues here"),
    }
}

fn subscribe(s: &mut Scenario, channel: &str, service: &str) {
    s.subscriptions.push(Subscription::new(channel, service));
}

fn publish(s: &mut Scenario, p: Publish) {
    s.services[0].publishes.push(p);
}

fn service_y(s: &Scenario, id: &str) -> f64 {
    s.services.iter().find(|v| v.id == id).map_or(0.0, |v| v.y)
}

/// Moves SMS to the bottom row, so its dead-letter path can go straight down
/// without crossing the other wires.
fn sms_last(s: &mut Scenario) {
    for (id, y) in [
        ("email", 80.0),
        ("finance", 213.0),
        ("report", 347.0),
        ("sms", 480.0),
    ] {
        service_mut(s, id).y = y;
    }
}

fn service_mut<'a>(s: &'a mut Scenario, id: &str) -> &'a mut ServiceSpec {
    s.services
        .iter_mut()
        .find(|v| v.id == id)
        .expect("lesson service")
}

/// The lesson's three channels as `preset`, wired as in the lesson.
fn lesson_channels(s: &mut Scenario, preset: Preset) {
    for (id, y) in [("email", 80.0), ("sms", 213.0), ("order", 413.0)] {
        add(s, id, preset, 440.0, y);
        publish(s, Publish::to(id));
    }
    let wires = [
        ("email", "email"),
        ("sms", "sms"),
        ("order", "finance"),
        ("order", "report"),
    ];
    for (c, v) in wires {
        subscribe(s, c, v);
    }
}

/// Redis Pub/Sub: three channels, and SMS away from 5 s to 15 s — the
/// messages published meanwhile are gone for it.
pub fn redis() -> Scenario {
    let mut s = base("Redis Pub/Sub: fan-out, nothing kept", 21);
    lesson_channels(&mut s, Preset::RedisPubsub);
    s.actions = vec![
        Action::Down {
            at_ms: 5_000.0,
            service: "sms".into(),
        },
        Action::Up {
            at_ms: 15_000.0,
            service: "sms".into(),
        },
    ];
    s
}

/// Kafka: `order` has 3 partitions keyed by customer; Finance runs two
/// instances in one consumer group; one crashes at 8 s, and after the 45 s
/// session timeout its partitions move — records since its last commit are
/// read twice.
pub fn kafka() -> Scenario {
    let mut s = base("Kafka: partitions and consumer groups", 22);
    s.inputs[0].count = Some(80);
    add(&mut s, "email", Preset::KafkaTopic, 440.0, 80.0);
    add(&mut s, "sms", Preset::KafkaTopic, 440.0, 213.0);
    let order = add(&mut s, "order", Preset::KafkaTopic, 440.0, 413.0);
    if let ChannelKind::Log(l) = &mut s.channels[order].kind {
        l.partitions = 3;
    }
    publish(&mut s, Publish::to("email"));
    publish(&mut s, Publish::to("sms"));
    publish(
        &mut s,
        Publish {
            key: Some("customer-{order%5}".into()),
            ..Publish::to("order")
        },
    );
    let mut second = service_mut(&mut s, "finance").clone();
    second.id = "finance-2".into();
    second.name = "Finance service #2".into();
    second.y = 413.0;
    service_mut(&mut s, "finance").y = 320.0;
    service_mut(&mut s, "report").y = 506.0;
    s.services.push(second);
    subscribe(&mut s, "email", "email");
    subscribe(&mut s, "sms", "sms");
    for (service, group) in [
        ("finance", "finance"),
        ("finance-2", "finance"),
        ("report", "report"),
    ] {
        s.subscriptions.push(Subscription {
            group: Some(group.into()),
            ..Subscription::new("order", service)
        });
    }
    s.actions = vec![Action::Down {
        at_ms: 8_000.0,
        service: "finance".into(),
    }];
    s
}

/// RabbitMQ: one topic exchange, four queues bound by routing-key patterns,
/// and a dead-letter exchange for SMS messages the SMS service rejects.
pub fn rabbitmq() -> Scenario {
    let mut s = base("RabbitMQ: topic exchange and a dead-letter exchange", 23);
    sms_last(&mut s);
    let shop = add(&mut s, "shop", Preset::RabbitmqExchange, 300.0, 280.0);
    if let ChannelKind::Exchange(x) = &mut s.channels[shop].kind {
        x.routing = Routing::Topic;
    }
    for key in ["email.send", "sms.send", "order.created"] {
        publish(
            &mut s,
            Publish {
                routing_key: Some(key.into()),
                ..Publish::to("shop")
            },
        );
    }
    let rows = [
        ("email", "email.*"),
        ("sms", "sms.*"),
        ("finance", "order.*"),
        ("report", "order.#"),
    ];
    for (id, key) in rows {
        let y = service_y(&s, id);
        add(&mut s, id, Preset::RabbitmqQueue, 540.0, y);
        bind(&mut s, shop, Binding::to(id, Some(key)));
        subscribe(&mut s, id, id);
    }
    let sms = channel_index(&s, "sms");
    let q = queue(&mut s, sms);
    q.dead_letter = Some("dlx".into());
    q.on_failure = OnFailure::Reject;
    let dlx = add(&mut s, "dlx", Preset::RabbitmqExchange, 540.0, 600.0);
    if let ChannelKind::Exchange(x) = &mut s.channels[dlx].kind {
        x.routing = Routing::Fanout;
    }
    bind(&mut s, dlx, Binding::to("sms-dead", None));
    add(&mut s, "sms-dead", Preset::RabbitmqQueue, 760.0, 600.0);
    service_mut(&mut s, "sms").failure_probability = 0.2;
    s
}

/// The lesson's three topics, each bound to one child channel per consumer
/// (two for `order`: Finance and Report), named by `child`.
fn topics_with_children(
    s: &mut Scenario,
    topic: Preset,
    child: Preset,
    child_id: fn(&str, &str) -> String,
) {
    let rows = [
        ("email", &["email"][..]),
        ("sms", &["sms"][..]),
        ("order", &["finance", "report"][..]),
    ];
    for (name, consumers) in rows {
        // Each child sits level with its consumer, the topic between them.
        let ys: Vec<f64> = consumers.iter().map(|c| service_y(s, c)).collect();
        let t = add(
            s,
            name,
            topic,
            330.0,
            ys.iter().sum::<f64>() / ys.len() as f64,
        );
        publish(s, Publish::to(name));
        for (consumer, y) in consumers.iter().zip(ys) {
            let id = child_id(name, consumer);
            bind(s, t, Binding::to(&id, None));
            add(s, &id, child, 560.0, y);
            subscribe(s, &id, consumer);
        }
    }
}

fn channel_index(s: &Scenario, id: &str) -> usize {
    s.channels
        .iter()
        .position(|c| c.id == id)
        .expect("the example made this channel")
}

/// NSQ: topics with channels; `order` has two channels, so Finance and
/// Report each get every order; a failed SMS is requeued after 1 s.
pub fn nsq() -> Scenario {
    let mut s = base("NSQ: a topic with two channels", 24);
    topics_with_children(&mut s, Preset::NsqTopic, Preset::NsqChannel, |t, c| {
        format!("{t}.{c}")
    });
    let sms = channel_index(&s, "sms.sms");
    queue(&mut s, sms).retry = RetryPolicy::Delay { ms: 1_000.0 };
    service_mut(&mut s, "sms").failure_probability = 0.3;
    s
}

/// Google Cloud Pub/Sub: topics with subscriptions; SMS fails often, and
/// after 5 attempts its messages go to a dead-letter topic.
pub fn google_pubsub() -> Scenario {
    let mut s = base("Google Pub/Sub: subscriptions and a dead-letter topic", 25);
    sms_last(&mut s);
    topics_with_children(
        &mut s,
        Preset::GooglePubsubTopic,
        Preset::GooglePubsubSubscription,
        |_, c| format!("{c}-sub"),
    );
    let sms = channel_index(&s, "sms-sub");
    let q = queue(&mut s, sms);
    q.dead_letter = Some("sms-dead".into());
    q.max_deliveries = 5;
    let dead = add(&mut s, "sms-dead", Preset::GooglePubsubTopic, 560.0, 600.0);
    bind(&mut s, dead, Binding::to("sms-dead-sub", None));
    let dead_sub = Preset::GooglePubsubSubscription;
    add(&mut s, "sms-dead-sub", dead_sub, 760.0, 600.0);
    service_mut(&mut s, "sms").failure_probability = 0.6;
    s
}

/// SNS → SQS: one SNS topic fans out to four SQS queues, each with a filter
/// policy on the message attribute `kind`; SMS messages that fail 3 times are
/// redriven to a dead-letter queue.
pub fn sns_sqs() -> Scenario {
    let mut s = base("SNS → SQS: fan-out with filter policies", 26);
    sms_last(&mut s);
    let topic = add(&mut s, "notifications", Preset::SnsTopic, 300.0, 280.0);

    for kind in ["email", "sms", "order"] {
        publish(
            &mut s,
            Publish {
                attributes: BTreeMap::from([("kind".to_string(), kind.to_string())]),
                ..Publish::to("notifications")
            },
        );
    }
    let rows = [
        ("email-q", "email", "email"),
        ("sms-q", "sms", "sms"),
        ("finance-q", "order", "finance"),
        ("report-q", "order", "report"),
    ];
    for (id, kind, consumer) in rows {
        let y = service_y(&s, consumer);
        add(&mut s, id, Preset::SqsQueue, 540.0, y);
        bind(
            &mut s,
            topic,
            Binding {
                filter: BTreeMap::from([("kind".to_string(), vec![kind.to_string()])]),
                ..Binding::to(id, None)
            },
        );
        subscribe(&mut s, id, consumer);
    }
    let sms = channel_index(&s, "sms-q");
    let q = queue(&mut s, sms);
    q.dead_letter = Some("sms-dlq".into());
    q.max_deliveries = 3;
    q.visibility_timeout_ms = 2_000.0;
    add(&mut s, "sms-dlq", Preset::SqsQueue, 540.0, 600.0);
    service_mut(&mut s, "sms").failure_probability = 0.4;
    s
}

/// SQS alone: a queue is not a fan-out — Finance and Report compete for
/// `order`, so each order reaches only one of them (SNS in front fixes
/// that). Report sometimes takes longer than the 30 s visibility timeout, so
/// a second copy goes out while the first is still being worked on, and
/// after 2 receives a message is redriven to the dead-letter queue.
pub fn sqs() -> Scenario {
    let mut s = base("SQS: visibility timeout and a dead-letter queue", 27);
    lesson_channels(&mut s, Preset::SqsQueue);
    let report = service_mut(&mut s, "report");
    report.processing = Processing::Uniform {
        min_ms: 5_000.0,
        max_ms: 45_000.0,
    };
    report.workers = 8;
    let order = channel_index(&s, "order");
    let q = queue(&mut s, order);
    q.dead_letter = Some("order-dlq".into());
    q.max_deliveries = 2;
    add(&mut s, "order-dlq", Preset::SqsQueue, 440.0, 560.0);
    s
}

/// The broker gallery: (id, scenario).
pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("redis", redis()),
        ("kafka", kafka()),
        ("rabbitmq", rabbitmq()),
        ("nsq", nsq()),
        ("google-pubsub", google_pubsub()),
        ("sqs", sqs()),
        ("sns-sqs", sns_sqs()),
    ]
}
