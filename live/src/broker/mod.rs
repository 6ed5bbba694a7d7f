//! The broker clients behind one interface. [`Broker`] is the run's admin
//! connection: it declares the topology, reads what is left at the end and
//! deletes the run's objects. [`Conn`] is one service's own connection, so
//! a service going down closes exactly its connections, as a real process
//! that stops would.

pub mod amqp;
pub mod aws;
pub mod google;
mod poll;
pub mod redis;

use kurir_engine::compile::Topology;
use kurir_engine::scenario::envelope::Envelope;
use kurir_engine::{ChannelId, Scenario, ServiceId};
use tokio::sync::mpsc;

use crate::error::LiveError;
use crate::plan::BrokerKind;

/// What a message carries: the run's message number and its order. The
/// body is this as JSON; routing data (key, headers) travel as the broker's
/// own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// Message number, as `msg` in the trace.
    pub msg: u64,
    /// The order it belongs to.
    pub order: u64,
}

impl Message {
    /// What a delivery whose body this runner did not send counts as:
    /// message 0 of no order (the trace shows it; nothing matches it).
    pub const FOREIGN: Message = Message { msg: 0, order: 0 };

    /// The body sent on the wire.
    pub fn encode(self) -> Vec<u8> {
        format!("{{\"msg\":{},\"order\":{}}}", self.msg, self.order).into_bytes()
    }

    /// Reads a body this runner sent; `None` for anything else.
    pub fn decode(body: &[u8]) -> Option<Message> {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        Some(Message {
            msg: v.get("msg")?.as_u64()?,
            order: v.get("order")?.as_u64()?,
        })
    }
}

/// How a consumer ends a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// Done: the broker forgets it.
    Ack,
    /// Failed, give it back (`basic.nack` with requeue).
    Requeue,
    /// Failed, do not give it back (dead-lettered if the queue has a
    /// dead-letter exchange).
    Reject,
    /// Failed, and say nothing: it comes back when its deadline passes.
    Leave,
}

/// A broker's handle for settling one delivery.
pub(crate) enum Acker {
    /// RabbitMQ's delivery tag on its channel.
    Amqp(amqp::Acker),
    /// A Pub/Sub ack id on its subscription.
    Google(google::Acker),
    /// An SQS receipt handle on its queue.
    Aws(aws::Acker),
}

/// One message handed to a service.
pub struct Delivery {
    /// The channel it came from.
    pub channel: ChannelId,
    /// What it carries.
    pub message: Message,
    /// Delivery number as the broker reports it (1 when it cannot tell).
    pub attempt: u32,
    /// The channel it was dead-lettered from, when the broker says so.
    pub dead_from: Option<ChannelId>,
    /// How to settle it; `None` when the broker has no acknowledgements.
    pub(crate) acker: Option<Acker>,
}

impl Delivery {
    /// True when the consumer must acknowledge it.
    pub fn needs_settling(&self) -> bool {
        self.acker.is_some()
    }

    /// Acknowledges or rejects it (nothing for a fan-out copy).
    pub async fn settle(&self, how: Settle) -> Result<(), String> {
        match &self.acker {
            Some(Acker::Amqp(a)) => amqp::settle(a, how).await,
            Some(Acker::Google(a)) => google::settle(a, how).await,
            Some(Acker::Aws(a)) => aws::settle(a, how).await,
            None => Ok(()),
        }
    }
}

/// What the broker said of one publish.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Published {
    /// Copies made, where the broker reports it (Redis `PUBLISH`).
    pub copies: Option<u32>,
    /// Returned to the publisher as unroutable (RabbitMQ `mandatory`).
    pub returned: bool,
}

/// One channel a service listens on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// The channel.
    pub channel: ChannelId,
    /// Unacknowledged deliveries it holds at once (a queue's prefetch).
    pub prefetch: u32,
    /// A fan-out group it shares its copies with (one queue per group).
    pub group: Option<String>,
}

/// What one service listens on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listens {
    /// Channels.
    pub channels: Vec<Listen>,
    /// Redis `PSUBSCRIBE` globs over channel ids.
    pub patterns: Vec<String>,
}

/// The run's admin connection.
pub enum Broker {
    /// RabbitMQ.
    Amqp(amqp::Admin),
    /// Redis.
    Redis(redis::Admin),
    /// Google Cloud Pub/Sub.
    Google(google::Admin),
    /// Amazon SQS and SNS.
    Aws(aws::Admin),
}

/// A service's connection and the deliveries it receives.
pub enum Conn {
    /// RabbitMQ (boxed: its client state is the larger).
    Amqp(Box<amqp::Conn>),
    /// Redis.
    Redis(redis::Conn),
    /// Google Cloud Pub/Sub.
    Google(google::Conn),
    /// Amazon SQS and SNS.
    Aws(aws::Conn),
}

/// The names of a run's objects and where the broker is.
#[derive(Clone, Debug)]
pub struct Site {
    /// The broker's URL as given.
    pub url: String,
    /// Which broker it is (its names follow its rules).
    pub kind: BrokerKind,
    /// The run's name prefix part (`kurir.<run>.`).
    pub run: String,
    /// Channel ids, by index.
    pub channels: Vec<String>,
    /// Service ids, by index.
    pub services: Vec<String>,
}

impl Site {
    /// The site of scenario `s` on the broker at `url`.
    pub fn new(url: &str, kind: BrokerKind, run: &str, s: &Scenario) -> Site {
        Site {
            url: url.to_string(),
            kind,
            run: run.to_string(),
            channels: s.channels.iter().map(|c| c.id.clone()).collect(),
            services: s.services.iter().map(|c| c.id.clone()).collect(),
        }
    }

    /// Channel `c`'s name on the broker.
    pub fn name(&self, c: ChannelId) -> String {
        let id = &self.channels[c.index()];
        match self.kind {
            BrokerKind::Sqs => crate::plan::aws::object_name(&self.run, id),
            _ => crate::plan::object_name(&self.run, id),
        }
    }

    /// The channel a broker name stands for.
    pub fn channel_of(&self, name: &str) -> Option<ChannelId> {
        let id = name.strip_prefix(&crate::plan::object_name(&self.run, ""))?;
        let i = self.channels.iter().position(|c| c == id)?;
        Some(ChannelId(i as u32))
    }

    /// A broker error at this site.
    pub fn error(&self, object: impl Into<String>, reason: impl std::fmt::Display) -> LiveError {
        LiveError::broker(&self.url, object, reason)
    }
}

impl Broker {
    /// Connects to the broker and declares the scenario's topology. On a
    /// refusal, what was declared is deleted again before the error returns.
    pub async fn start(
        kind: BrokerKind,
        site: Site,
        topo: &Topology,
        s: &Scenario,
        scale: f64,
    ) -> Result<Broker, LiveError> {
        match kind {
            BrokerKind::Rabbitmq => Ok(Broker::Amqp(
                amqp::Admin::start(site, topo, s, scale).await?,
            )),
            BrokerKind::Redis => Ok(Broker::Redis(redis::Admin::start(site).await?)),
            BrokerKind::GooglePubsub => Ok(Broker::Google(
                google::Admin::start(site, topo, s, scale).await?,
            )),
            BrokerKind::Sqs => Ok(Broker::Aws(aws::Admin::start(site, topo, s, scale).await?)),
        }
    }

    /// Opens service `service`'s connection, listening as `listens` says;
    /// its deliveries arrive on the receiver until the connection closes.
    pub async fn open(
        &self,
        service: ServiceId,
        listens: &Listens,
    ) -> Result<(Conn, mpsc::UnboundedReceiver<Result<Delivery, LiveError>>), LiveError> {
        match self {
            Broker::Amqp(a) => {
                let (c, rx) = a.open(service, listens).await?;
                Ok((Conn::Amqp(Box::new(c)), rx))
            }
            Broker::Redis(r) => {
                let (c, rx) = r.open(service, listens).await?;
                Ok((Conn::Redis(c), rx))
            }
            Broker::Google(g) => {
                let (c, rx) = g.open(service, listens).await?;
                Ok((Conn::Google(c), rx))
            }
            Broker::Aws(a) => {
                let (c, rx) = a.open(service, listens).await?;
                Ok((Conn::Aws(c), rx))
            }
        }
    }

    /// The messages still waiting in the run's queues, read (and so taken)
    /// at the end of the run: queue, message, and where it was dead-lettered
    /// from if it was.
    pub async fn leftovers(
        &self,
    ) -> Result<Vec<(ChannelId, Message, Option<ChannelId>)>, LiveError> {
        match self {
            Broker::Amqp(a) => a.leftovers().await,
            Broker::Redis(_) => Ok(Vec::new()), // Redis keeps nothing
            Broker::Google(g) => g.leftovers().await,
            Broker::Aws(a) => a.leftovers().await,
        }
    }

    /// Messages waiting (ready, not out with a consumer) in each of the
    /// run's queues, as the broker itself counts them; none from a broker
    /// that cannot say.
    pub async fn depths(&self) -> Result<Vec<(ChannelId, u32)>, LiveError> {
        match self {
            Broker::Amqp(a) => a.depths().await,
            Broker::Aws(a) => a.depths().await,
            // Redis keeps no queue; the Pub/Sub API has no backlog count
            // (the real service reports it through Cloud Monitoring, which
            // the emulator does not provide).
            Broker::Redis(_) | Broker::Google(_) => Ok(Vec::new()),
        }
    }

    /// Deletes the run's objects and closes the admin connection.
    pub async fn clean_up(&self) -> Result<(), LiveError> {
        match self {
            Broker::Amqp(a) => a.clean_up().await,
            Broker::Redis(_) => Ok(()), // channels exist only while subscribed
            Broker::Google(g) => g.clean_up().await,
            Broker::Aws(a) => a.clean_up().await,
        }
    }
}

impl Conn {
    /// Publishes `message` to `channel` with `envelope`.
    pub async fn publish(
        &self,
        channel: ChannelId,
        envelope: &Envelope,
        message: Message,
    ) -> Result<Published, LiveError> {
        match self {
            Conn::Amqp(c) => c.publish(channel, envelope, message).await,
            Conn::Redis(c) => c.publish(channel, message).await,
            Conn::Google(c) => c.publish(channel, envelope, message).await,
            Conn::Aws(c) => c.publish(channel, envelope, message).await,
        }
    }

    /// Closes the connection: the broker takes back what it had delivered
    /// and not been acknowledged, and the service's subscriptions end.
    pub async fn close(&self) {
        match self {
            Conn::Amqp(c) => c.close().await,
            Conn::Redis(c) => c.close(),
            Conn::Google(c) => c.close().await,
            Conn::Aws(c) => c.close(),
        }
    }
}
