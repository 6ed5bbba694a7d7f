//! Google Cloud Pub/Sub through its REST API (`v1`), as the emulator
//! (`gcloud beta emulators pubsub`) serves it: topics and subscriptions
//! created with `PUT`, `:publish`, `:pull` (long polling, one message per
//! free worker: the subscriber's flow control), `:acknowledge`, and a nack
//! as `:modifyAckDeadline` to 0 seconds (Pub/Sub's own definition of a
//! nack). The URL is `pubsub://HOST:PORT[/PROJECT]`.

use std::cell::Cell;
use std::rc::Rc;

use base64::Engine as _;
use kurir_engine::compile::{ChannelTopo, Topology};
use kurir_engine::scenario::envelope::Envelope;
use kurir_engine::{ChannelId, Scenario, ServiceId};
use serde_json::json;
use tokio::sync::{mpsc, OwnedSemaphorePermit};
use tokio::task::JoinHandle;

mod api;

use api::Api;

use crate::broker::poll::{self, Poll};
use crate::broker::{Delivery, Listens, Message, Published, Settle, Site};
use crate::error::LiveError;
use crate::plan::google::{declarations, Declarations};

/// How to settle one delivery: its subscription, ack id, and the worker
/// slot it holds until then.
pub(crate) struct Acker {
    api: Api,
    sub: String,
    ack_id: String,
    _slot: OwnedSemaphorePermit,
}

/// Acknowledges or nacks one delivery; leaving it lets its deadline pass.
pub(crate) async fn settle(a: &Acker, how: Settle) -> Result<(), String> {
    let (action, body) = match how {
        Settle::Ack => ("acknowledge", json!({ "ackIds": [a.ack_id] })),
        Settle::Requeue | Settle::Reject => (
            "modifyAckDeadline",
            json!({ "ackIds": [a.ack_id], "ackDeadlineSeconds": 0 }),
        ),
        Settle::Leave => return Ok(()),
    };
    let path = format!("subscriptions/{}:{action}", a.sub);
    a.api
        .call(action, reqwest::Method::POST, &path, Some(body))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The run's Pub/Sub project.
pub struct Admin {
    api: Api,
    decls: Declarations,
    queue: Vec<bool>,
}

impl Admin {
    /// Creates the topics and subscriptions (deleting them again on a refusal).
    pub async fn start(
        site: Site,
        topo: &Topology,
        s: &Scenario,
        scale: f64,
    ) -> Result<Admin, LiveError> {
        let api = Api::new(site)?;
        let admin = Admin {
            decls: declarations(&api.site.run, s, topo, scale),
            queue: topo
                .channels
                .iter()
                .map(|c| matches!(c, ChannelTopo::Queue(_)))
                .collect(),
            api,
        };
        if let Err(e) = admin.declare().await {
            let _ = admin.clean_up().await;
            return Err(e);
        }
        Ok(admin)
    }

    async fn declare(&self) -> Result<(), LiveError> {
        let api = &self.api;
        for t in &self.decls.topics {
            api.call(
                &format!("creating topic {t}"),
                reqwest::Method::PUT,
                &format!("topics/{t}"),
                Some(json!({})),
            )
            .await?;
        }
        for sub in &self.decls.subscriptions {
            let mut body = sub.body.clone();
            body["topic"] = json!(api.topic_path(&sub.topic));
            if let Some(dl) = body["deadLetterPolicy"]["deadLetterTopic"]
                .as_str()
                .map(str::to_string)
            {
                body["deadLetterPolicy"]["deadLetterTopic"] = json!(api.topic_path(&dl));
            }
            let what = format!("creating subscription {}", sub.name);
            api.call(
                &what,
                reqwest::Method::PUT,
                &format!("subscriptions/{}", sub.name),
                Some(body),
            )
            .await?;
        }
        Ok(())
    }

    /// Opens a service's consumers: one pull loop per subscription.
    pub async fn open(
        &self,
        service: ServiceId,
        listens: &Listens,
    ) -> Result<(Conn, mpsc::UnboundedReceiver<Result<Delivery, LiveError>>), LiveError> {
        let api = &self.api;
        let id = &api.site.services[service.index()];
        let (tx, rx) = mpsc::unbounded_channel();
        let closed = Rc::new(Cell::new(false));
        let mut pulls = Vec::new();
        let mut own = Vec::new();
        for l in &listens.channels {
            let sub = if self.queue[l.channel.index()] {
                api.site.name(l.channel)
            } else {
                // A fan-out subscriber's own subscription, for while it is up.
                let sub = format!(
                    "{}.{}",
                    api.site.name(l.channel),
                    l.group.as_deref().unwrap_or(id)
                );
                let body = json!({ "topic": api.topic_path(&api.site.name(l.channel)), "ackDeadlineSeconds": 10 });
                api.call(
                    &format!("subscribing {id}"),
                    reqwest::Method::PUT,
                    &format!("subscriptions/{sub}"),
                    Some(body),
                )
                .await?;
                own.push(sub.clone());
                sub
            };
            // One message per request: the pull waits at the emulator.
            let poll = Poll {
                prefetch: l.prefetch,
                batch: 1,
                pause: None,
            };
            let (fetch_api, fetch_sub) = (api.clone(), sub.clone());
            let fetch = move |n| {
                let (api, sub) = (fetch_api.clone(), fetch_sub.clone());
                async move { api.pull(&sub, n, true).await }
            };
            let (api, channel) = (api.clone(), l.channel);
            let wrap = move |r: api::Received, slot| Delivery {
                channel,
                message: r.message.unwrap_or(Message::FOREIGN),
                attempt: r.attempt,
                dead_from: r.dead_from.filter(|&c| c != channel),
                acker: Some(super::Acker::Google(Acker {
                    api: api.clone(),
                    sub: sub.clone(),
                    ack_id: r.ack_id,
                    _slot: slot,
                })),
            };
            pulls.push(poll::spawn(poll, closed.clone(), tx.clone(), fetch, wrap));
        }
        let conn = Conn {
            api: api.clone(),
            publish_topic: self.decls.publish_topic.clone(),
            ordered: self.decls.ordered.clone(),
            pulls,
            own,
            closed,
        };
        Ok((conn, rx))
    }

    /// Pulls what is still waiting in the queues' subscriptions.
    pub async fn leftovers(
        &self,
    ) -> Result<Vec<(ChannelId, Message, Option<ChannelId>)>, LiveError> {
        let mut out = Vec::new();
        for sub in &self.decls.subscriptions {
            loop {
                let got = self.api.pull(&sub.name, 100, false).await?;
                if got.is_empty() {
                    break;
                }
                for r in got {
                    if let Some(m) = r.message {
                        out.push((sub.channel, m, r.dead_from.filter(|&c| c != sub.channel)));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Deletes every subscription and topic of the run (found by prefix, so
    /// a fan-out subscriber's own ones go too).
    pub async fn clean_up(&self) -> Result<(), LiveError> {
        let api = &self.api;
        for sub in api.mine("subscriptions").await? {
            api.call(
                &format!("deleting subscription {sub}"),
                reqwest::Method::DELETE,
                &format!("subscriptions/{sub}"),
                None,
            )
            .await?;
        }
        for t in api.mine("topics").await? {
            api.call(
                &format!("deleting topic {t}"),
                reqwest::Method::DELETE,
                &format!("topics/{t}"),
                None,
            )
            .await?;
        }
        Ok(())
    }
}

/// One service's pull loops and publisher.
pub struct Conn {
    api: Api,
    publish_topic: Vec<Option<String>>,
    ordered: Vec<bool>,
    pulls: Vec<JoinHandle<()>>,
    own: Vec<String>,
    closed: Rc<Cell<bool>>,
}

impl Conn {
    /// Publishes to the channel's topic (attributes; the key as ordering key
    /// where the subscription orders by it).
    pub async fn publish(
        &self,
        channel: ChannelId,
        envelope: &Envelope,
        message: Message,
    ) -> Result<Published, LiveError> {
        let topic = self.publish_topic[channel.index()]
            .clone()
            .unwrap_or_default();
        let data = base64::engine::general_purpose::STANDARD.encode(message.encode());
        let mut m = json!({ "data": data });
        if !envelope.attributes.is_empty() {
            m["attributes"] = json!(envelope.attributes);
        }
        if let (true, Some(k)) = (self.ordered[channel.index()], &envelope.key) {
            m["orderingKey"] = json!(k);
        }
        let what = format!("publishing to {topic}");
        self.api
            .call(
                &what,
                reqwest::Method::POST,
                &format!("topics/{topic}:publish"),
                Some(json!({ "messages": [m] })),
            )
            .await?;
        Ok(Published::default())
    }

    /// Stops pulling (what it held comes back after its ack deadline) and
    /// deletes its own fan-out subscriptions.
    pub async fn close(&self) {
        self.closed.set(true);
        for p in &self.pulls {
            p.abort();
        }
        for sub in &self.own {
            let path = format!("subscriptions/{sub}");
            let _ = self
                .api
                .call("unsubscribing", reqwest::Method::DELETE, &path, None)
                .await;
        }
    }
}
