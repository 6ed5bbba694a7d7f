//! What of a scenario a broker can run, and the names its objects get
//! there. Pure: the refusals are decided here, before any connection, so a
//! scenario the broker cannot run is refused with its reason and nothing is
//! declared.

pub mod aws;
pub mod google;
pub mod rabbitmq;

use kurir_engine::base::time::Micros;
use kurir_engine::compile::{ActionTopo, ChannelTopo, Topology};
use kurir_engine::scenario::preset::Preset;
use kurir_engine::Scenario;

use crate::error::LiveError;

/// The brokers `kurir-live` talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerKind {
    /// RabbitMQ over AMQP 0-9-1 (`amqp://`).
    Rabbitmq,
    /// Redis Pub/Sub (`redis://`).
    Redis,
    /// Google Cloud Pub/Sub's emulator (`pubsub://HOST:PORT[/PROJECT]`).
    GooglePubsub,
    /// Amazon SQS and SNS on one endpoint (`sqs://HOST:PORT`), such as moto's.
    Sqs,
}

impl BrokerKind {
    /// The broker a URL names, by its scheme.
    pub fn of_url(url: &str) -> Result<BrokerKind, LiveError> {
        let scheme = url.split("://").next().unwrap_or("");
        match scheme {
            "amqp" => Ok(BrokerKind::Rabbitmq),
            "redis" => Ok(BrokerKind::Redis),
            "pubsub" => Ok(BrokerKind::GooglePubsub),
            "sqs" => Ok(BrokerKind::Sqs),
            "amqps" | "rediss" => Err(LiveError::Input(format!(
                "--broker {url}: TLS is not supported; kurir-live talks to a broker on this machine \
                 (amqp://127.0.0.1:5672, redis://127.0.0.1:6379)"
            ))),
            _ => Err(LiveError::Input(format!(
                "--broker {url}: unknown broker; give amqp://HOST:PORT (RabbitMQ), \
                 redis://HOST:PORT (Redis), pubsub://HOST:PORT (the Google Pub/Sub emulator) \
                 or sqs://HOST:PORT (an SQS/SNS endpoint such as moto)"
            ))),
        }
    }

    /// The broker's name.
    pub fn name(self) -> &'static str {
        match self {
            BrokerKind::Rabbitmq => "RabbitMQ",
            BrokerKind::Redis => "Redis",
            BrokerKind::GooglePubsub => "Google Pub/Sub",
            BrokerKind::Sqs => "Amazon SQS/SNS",
        }
    }
}

/// The name channel `id` gets on the broker in run `run`: every object of a
/// run shares the prefix, so a run never meets another run's objects (or
/// the leftovers of one that was killed) and its clean-up finds them all.
pub fn object_name(run: &str, id: &str) -> String {
    format!("kurir.{run}.{id}")
}

/// The whole seconds of real time a queue's visibility timeout `vt`
/// (scenario time, at time scale `scale`) is declared as on `kind`, where
/// the broker takes seconds: SQS's `VisibilityTimeout` (never 0, which
/// would hand a message straight back), Pub/Sub's `ackDeadlineSeconds`
/// (10 to 600).
pub fn deadline_secs(kind: BrokerKind, vt: Micros, scale: f64) -> Option<u64> {
    let secs = (vt as f64 * scale / 1e6).round() as u64;
    match kind {
        BrokerKind::Sqs => Some(secs.max(u64::from(vt > 0))),
        BrokerKind::GooglePubsub => Some(secs.clamp(10, 600)),
        BrokerKind::Rabbitmq | BrokerKind::Redis => None,
    }
}

/// When a message of a queue with visibility timeout `vt` that a consumer
/// holds comes back, in scenario time from now: the deadline as `kind`
/// declares it.
pub fn comes_back_after(kind: BrokerKind, vt: Micros, scale: f64) -> Micros {
    match deadline_secs(kind, vt, scale) {
        Some(secs) if scale > 0.0 => (secs as f64 * 1e6 / scale) as Micros,
        _ => vt,
    }
}

/// Refuses what `kind` cannot run of `s` (compiled as `topo`), naming the
/// channel or action and saying why.
pub fn check(kind: BrokerKind, s: &Scenario, topo: &Topology) -> Result<(), LiveError> {
    for (i, ch) in s.channels.iter().enumerate() {
        let refuse = |why: String| {
            Err(LiveError::Input(format!(
                "channel {} ({}): {why}",
                ch.id,
                kind.name()
            )))
        };
        if let Some(p) = ch
            .broker
            .filter(|p| matches!(p, Preset::NsqTopic | Preset::NsqChannel))
        {
            return refuse(format!(
                "{} needs nsqd, which is not in the package registries this project installs \
                 from (Debian, PyPI, npm, crates.io); run NSQ scenarios in the simulator",
                p.label()
            ));
        }
        let why = match kind {
            BrokerKind::GooglePubsub => {
                google::unsupported(topo, kurir_engine::ChannelId(i as u32))
            }
            BrokerKind::Sqs => aws::unsupported(topo, kurir_engine::ChannelId(i as u32)),
            _ => unsupported(kind, &topo.channels[i]),
        };
        if let Some(why) = why {
            return refuse(why);
        }
    }
    for (i, (_, action)) in topo.actions.iter().enumerate() {
        match action {
            ActionTopo::Down(_) | ActionTopo::Up(_) => {}
            ActionTopo::Rewind { .. } => {
                return Err(LiveError::Input(format!(
                    "actions[{i}]: rewind is for a Kafka log, which {} does not have",
                    kind.name()
                )))
            }
            ActionTopo::Change(_) => {
                return Err(LiveError::Input(format!(
                    "actions[{i}]: topology changes during a run are simulated only for now; \
                     kurir-live runs the wiring the scenario starts with"
                )))
            }
        }
    }
    Ok(())
}

/// Why `kind` cannot carry a channel like `ch`, if it cannot.
fn unsupported(kind: BrokerKind, ch: &ChannelTopo) -> Option<String> {
    match (kind, ch) {
        (BrokerKind::GooglePubsub | BrokerKind::Sqs, _) => None, // their own modules
        (BrokerKind::Redis, ChannelTopo::PubSub) => None,
        (BrokerKind::Redis, _) => Some(
            "Redis Pub/Sub has channels only (fan-out, nothing kept); this channel is not a \
             pubsub channel"
                .into(),
        ),
        (BrokerKind::Rabbitmq, ch) => {
            kurir_engine::formats::rabbitmq::unsupported(ch).map(|r| r.english())
        }
    }
}

/// The broker a scenario's channels were drawn for (their presets), if
/// they name one: Kafka and NSQ name none that `kurir-live` drives.
pub fn drawn_for(s: &Scenario) -> Option<BrokerKind> {
    s.channels.iter().find_map(|c| match c.broker? {
        Preset::RedisPubsub => Some(BrokerKind::Redis),
        Preset::RabbitmqExchange | Preset::RabbitmqQueue => Some(BrokerKind::Rabbitmq),
        Preset::GooglePubsubTopic | Preset::GooglePubsubSubscription => {
            Some(BrokerKind::GooglePubsub)
        }
        Preset::SqsQueue | Preset::SqsFifoQueue | Preset::SnsTopic => Some(BrokerKind::Sqs),
        Preset::KafkaTopic | Preset::NsqTopic | Preset::NsqChannel => None,
    })
}
