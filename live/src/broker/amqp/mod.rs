//! RabbitMQ over AMQP 0-9-1 with `lapin`: the declarations of
//! `plan::rabbitmq` sent in order, one connection per service with a
//! channel per consumer (its prefetch is that channel's `basic.qos`), and
//! publishes with publisher confirms, so a publish has reached its queues
//! (or come back as unroutable) when it returns.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::StreamExt;
use kurir_engine::compile::{ChannelTopo, Topology};
use kurir_engine::scenario::Unroutable;
use kurir_engine::{ChannelId, Scenario, ServiceId};
use lapin::options::{
    BasicConsumeOptions, BasicGetOptions, BasicQosOptions, ConfirmSelectOptions,
    ExchangeBindOptions, ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions,
    QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable};
use lapin::{Channel, Connection, ConnectionProperties, ExchangeKind};
use tokio::sync::mpsc;

use crate::broker::{Delivery, Listens, Message, Site};
use crate::error::LiveError;
use crate::plan::rabbitmq::{declarations, Arg, Declarations};

mod conn;
mod delivery;

pub use conn::Conn;
pub(crate) use delivery::settle;
pub(crate) use lapin::Acker;

use delivery::{dead_from, delivery};

/// How each channel is reached, shared by every connection of the run.
#[derive(Clone, Debug)]
struct Routes {
    site: Site,
    /// Per channel: a queue (published through the default exchange).
    queue: Vec<bool>,
    /// Per channel: an exchange whose unroutable messages come back.
    returns: Vec<bool>,
}

/// The run's admin connection.
pub struct Admin {
    routes: Routes,
    conn: Connection,
    decls: Declarations,
}

async fn connect(site: &Site, name: &str) -> Result<Connection, LiveError> {
    let props = ConnectionProperties::default().with_connection_name(name.into());
    Connection::connect(&site.url, props)
        .await
        .map_err(|e| site.error("connecting", e))
}

fn table(args: &[(String, Arg)]) -> FieldTable {
    let mut t = FieldTable::default();
    for (k, v) in args {
        let v = match v {
            Arg::Int(n) => AMQPValue::LongLongInt(*n),
            Arg::Str(s) => AMQPValue::LongString(s.clone().into()),
        };
        t.insert(k.clone().into(), v);
    }
    t
}

impl Admin {
    /// Connects and declares the topology (deleting it again on a refusal).
    pub async fn start(
        site: Site,
        topo: &Topology,
        s: &Scenario,
        scale: f64,
    ) -> Result<Admin, LiveError> {
        let conn = connect(&site, &format!("kurir-live {} admin", site.run)).await?;
        let routes = Routes {
            queue: topo
                .channels
                .iter()
                .map(|c| matches!(c, ChannelTopo::Queue(_)))
                .collect(),
            returns: topo
                .channels
                .iter()
                .map(
                    |c| matches!(c, ChannelTopo::Exchange(x) if x.unroutable == Unroutable::Return),
                )
                .collect(),
            site,
        };
        let admin = Admin {
            decls: declarations(&routes.site.run, s, topo, scale),
            routes,
            conn,
        };
        if let Err(e) = admin.declare().await {
            let _ = admin.clean_up().await;
            return Err(e);
        }
        Ok(admin)
    }

    async fn channel(&self) -> Result<Channel, LiveError> {
        self.conn
            .create_channel()
            .await
            .map_err(|e| self.routes.site.error("opening a channel", e))
    }

    async fn declare(&self) -> Result<(), LiveError> {
        let site = &self.routes.site;
        // A refused declaration closes the channel: one channel per object
        // would hide nothing, so one for all and stop at the first refusal.
        let ch = self.channel().await?;
        for x in &self.decls.exchanges {
            let kind = match x.kind {
                "direct" => ExchangeKind::Direct,
                "fanout" => ExchangeKind::Fanout,
                "topic" => ExchangeKind::Topic,
                _ => ExchangeKind::Headers,
            };
            ch.exchange_declare(
                x.name.as_str().into(),
                kind,
                ExchangeDeclareOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| site.error(format!("declaring exchange {}", x.name), e))?;
        }
        for q in &self.decls.queues {
            // Quorum queues are always durable; classic ones need not be.
            let quorum = q
                .args
                .iter()
                .any(|(k, v)| k == "x-queue-type" && *v == Arg::Str("quorum".into()));
            let options = QueueDeclareOptions {
                durable: quorum,
                ..QueueDeclareOptions::default()
            };
            ch.queue_declare(q.name.as_str().into(), options, table(&q.args))
                .await
                .map_err(|e| site.error(format!("declaring queue {}", q.name), e))?;
        }
        for b in &self.decls.bindings {
            let what = format!("binding {} to {}", b.source, b.destination);
            let args = table(&b.args);
            let done = if b.to_exchange {
                ch.exchange_bind(
                    b.destination.as_str().into(),
                    b.source.as_str().into(),
                    b.key.as_str().into(),
                    ExchangeBindOptions::default(),
                    args,
                )
                .await
            } else {
                ch.queue_bind(
                    b.destination.as_str().into(),
                    b.source.as_str().into(),
                    b.key.as_str().into(),
                    QueueBindOptions::default(),
                    args,
                )
                .await
            };
            done.map_err(|e| site.error(what, e))?;
        }
        let _ = ch.close(200, "declared".into()).await;
        Ok(())
    }

    /// Opens a service's connection and its consumers.
    pub async fn open(
        &self,
        service: ServiceId,
        listens: &Listens,
    ) -> Result<(Conn, mpsc::UnboundedReceiver<Result<Delivery, LiveError>>), LiveError> {
        let site = &self.routes.site;
        let id = &site.services[service.index()];
        let conn = connect(site, &format!("kurir-live {} {id}", site.run)).await?;
        let publish = conn
            .create_channel()
            .await
            .map_err(|e| site.error(format!("opening {id}'s channel"), e))?;
        publish
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .map_err(|e| site.error(format!("turning on publisher confirms for {id}"), e))?;
        let (tx, rx) = mpsc::unbounded_channel();
        let closed = Rc::new(Cell::new(false));
        for l in &listens.channels {
            let (channel, prefetch) = (l.channel, l.prefetch);
            let name = site.name(channel);
            let what = format!("{id} consuming {name}");
            let ch = conn
                .create_channel()
                .await
                .map_err(|e| site.error(&what, e))?;
            let queue = self.routes.queue[channel.index()];
            let (queue_name, no_ack) = if queue {
                let prefetch = prefetch.min(u16::MAX as u32) as u16;
                ch.basic_qos(prefetch, BasicQosOptions::default())
                    .await
                    .map_err(|e| site.error(&what, e))?;
                (name.clone(), false)
            } else {
                // A fan-out copy per connected subscriber (or group): a queue
                // of its own, gone with its last consumer.
                let options = QueueDeclareOptions {
                    exclusive: l.group.is_none(),
                    auto_delete: true,
                    ..QueueDeclareOptions::default()
                };
                let shared = match &l.group {
                    Some(g) => format!("{name}.{g}"),
                    None => String::new(), // the broker names it
                };
                let q = ch
                    .queue_declare(shared.as_str().into(), options, FieldTable::default())
                    .await
                    .map_err(|e| site.error(&what, e))?;
                let q = q.name().as_str().to_string();
                ch.queue_bind(
                    q.as_str().into(),
                    name.as_str().into(),
                    "".into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
                .map_err(|e| site.error(&what, e))?;
                (q, true)
            };
            let options = BasicConsumeOptions {
                no_ack,
                ..BasicConsumeOptions::default()
            };
            let mut consumer = ch
                .basic_consume(
                    queue_name.as_str().into(),
                    "".into(),
                    options,
                    FieldTable::default(),
                )
                .await
                .map_err(|e| site.error(&what, e))?;
            let (tx, closed, site) = (tx.clone(), closed.clone(), site.clone());
            tokio::task::spawn_local(async move {
                while let Some(next) = consumer.next().await {
                    let sent = match next {
                        Ok(d) => tx.send(Ok(delivery(&site, channel, d, no_ack))),
                        Err(e) if !closed.get() => tx.send(Err(site.error(&what, e))),
                        Err(_) => break,
                    };
                    if sent.is_err() {
                        break;
                    }
                }
            });
        }
        let conn = Conn {
            routes: self.routes.clone(),
            conn,
            publish,
            closed,
        };
        Ok((conn, rx))
    }

    /// Reads every message still waiting in the run's queues.
    pub async fn leftovers(
        &self,
    ) -> Result<Vec<(ChannelId, Message, Option<ChannelId>)>, LiveError> {
        let site = &self.routes.site;
        let ch = self.channel().await?;
        let mut out = Vec::new();
        for q in &self.decls.queues {
            loop {
                let got = ch
                    .basic_get(q.name.as_str().into(), BasicGetOptions { no_ack: true })
                    .await
                    .map_err(|e| site.error(format!("reading what is left in {}", q.name), e))?;
                let Some(got) = got else { break };
                if let Some(m) = Message::decode(&got.delivery.data) {
                    out.push((
                        q.channel,
                        m,
                        dead_from(site, &got.delivery.properties, q.channel),
                    ));
                }
            }
        }
        let _ = ch.close(200, "read".into()).await;
        Ok(out)
    }

    /// Each queue's ready messages, by a passive `queue.declare` (its
    /// `declare-ok` carries the count).
    pub async fn depths(&self) -> Result<Vec<(ChannelId, u32)>, LiveError> {
        let site = &self.routes.site;
        let ch = self.channel().await?;
        let mut out = Vec::new();
        let passive = QueueDeclareOptions {
            passive: true,
            ..QueueDeclareOptions::default()
        };
        for q in &self.decls.queues {
            let got = ch
                .queue_declare(q.name.as_str().into(), passive, FieldTable::default())
                .await
                .map_err(|e| site.error(format!("counting queue {}", q.name), e))?;
            out.push((q.channel, got.message_count()));
        }
        let _ = ch.close(200, "counted".into()).await;
        Ok(out)
    }

    /// Deletes every exchange and queue of the run, on a fresh channel (a
    /// refusal may have closed the last one), then closes the connection.
    pub async fn clean_up(&self) -> Result<(), LiveError> {
        let site = &self.routes.site;
        let ch = self.channel().await?;
        for q in &self.decls.queues {
            ch.queue_delete(q.name.as_str().into(), QueueDeleteOptions::default())
                .await
                .map_err(|e| site.error(format!("deleting queue {}", q.name), e))?;
        }
        for x in &self.decls.exchanges {
            ch.exchange_delete(x.name.as_str().into(), ExchangeDeleteOptions::default())
                .await
                .map_err(|e| site.error(format!("deleting exchange {}", x.name), e))?;
        }
        let _ = self.conn.close(200, "run over".into()).await;
        Ok(())
    }
}
