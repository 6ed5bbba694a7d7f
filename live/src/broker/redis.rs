//! Redis Pub/Sub with the `redis` crate: a service's subscriptions are one
//! RESP connection in subscribed state (`SUBSCRIBE`, `PSUBSCRIBE`), its
//! publishes another, and `PUBLISH`'s reply (the number of clients that
//! received the message, <https://redis.io/docs/latest/commands/publish/>)
//! is the trace's `route` copies. Redis keeps nothing: there is no topology
//! to declare or delete, and a message nobody is subscribed to is gone.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::StreamExt;
use kurir_engine::ServiceId;
use redis::aio::MultiplexedConnection;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::broker::{Delivery, Listens, Message, Published, Site};
use crate::error::LiveError;
use crate::plan::object_name;

/// The run's client (Redis needs no admin connection; this checks the
/// server answers before the run starts).
pub struct Admin {
    site: Site,
    client: redis::Client,
}

impl Admin {
    /// Opens a client and checks the server answers `PING`.
    pub async fn start(site: Site) -> Result<Admin, LiveError> {
        let client =
            redis::Client::open(site.url.as_str()).map_err(|e| site.error("reading the URL", e))?;
        let mut conn = client
            .get_multiplexed_async_connection()
            .await
            .map_err(|e| site.error("connecting", e))?;
        redis::cmd("PING")
            .query_async::<String>(&mut conn)
            .await
            .map_err(|e| site.error("PING", e))?;
        Ok(Admin { site, client })
    }

    /// Opens a service's connections and subscribes it.
    pub async fn open(
        &self,
        service: ServiceId,
        listens: &Listens,
    ) -> Result<(Conn, mpsc::UnboundedReceiver<Result<Delivery, LiveError>>), LiveError> {
        let site = &self.site;
        let id = &site.services[service.index()];
        let publish = self
            .client
            .get_multiplexed_async_connection()
            .await
            .map_err(|e| site.error(format!("connecting {id}"), e))?;
        let (tx, rx) = mpsc::unbounded_channel();
        let closed = Rc::new(Cell::new(false));
        let mut listener = None;
        if !listens.channels.is_empty() || !listens.patterns.is_empty() {
            let what = format!("subscribing {id}");
            let mut pubsub = self
                .client
                .get_async_pubsub()
                .await
                .map_err(|e| site.error(&what, e))?;
            for l in &listens.channels {
                pubsub
                    .subscribe(site.name(l.channel))
                    .await
                    .map_err(|e| site.error(&what, e))?;
            }
            for p in &listens.patterns {
                let pattern = object_name(&site.run, p);
                pubsub
                    .psubscribe(pattern)
                    .await
                    .map_err(|e| site.error(&what, e))?;
            }
            let (site, closed) = (site.clone(), closed.clone());
            listener = Some(tokio::task::spawn_local(async move {
                let mut stream = pubsub.into_on_message();
                while let Some(m) = stream.next().await {
                    let (Some(channel), Some(message)) = (
                        site.channel_of(m.get_channel_name()),
                        Message::decode(m.get_payload_bytes()),
                    ) else {
                        continue; // not this run's
                    };
                    let d = Delivery {
                        channel,
                        message,
                        attempt: 1,
                        dead_from: None,
                        acker: None,
                    };
                    if tx.send(Ok(d)).is_err() {
                        return;
                    }
                }
                if !closed.get() {
                    let _ = tx.send(Err(site.error(what, "the connection closed")));
                }
            }));
        }
        let conn = Conn {
            site: site.clone(),
            publish,
            listener,
            closed,
        };
        Ok((conn, rx))
    }
}

/// One service's connections.
pub struct Conn {
    site: Site,
    publish: MultiplexedConnection,
    listener: Option<JoinHandle<()>>,
    closed: Rc<Cell<bool>>,
}

impl Conn {
    /// `PUBLISH`es the message; its reply is the copies made.
    pub async fn publish(
        &self,
        channel: kurir_engine::ChannelId,
        message: Message,
    ) -> Result<Published, LiveError> {
        let name = self.site.name(channel);
        let mut conn = self.publish.clone();
        let copies = redis::cmd("PUBLISH")
            .arg(&name)
            .arg(message.encode())
            .query_async::<i64>(&mut conn)
            .await
            .map_err(|e| self.site.error(format!("PUBLISH {name}"), e))?;
        Ok(Published {
            copies: Some(copies.max(0) as u32),
            returned: false,
        })
    }

    /// Drops the subscribed connection: Redis forgets its subscriptions.
    pub fn close(&self) {
        self.closed.set(true);
        if let Some(l) = &self.listener {
            l.abort();
        }
    }
}
