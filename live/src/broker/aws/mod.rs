//! Amazon SQS and SNS on one endpoint (`sqs://HOST:PORT[/REGION]`, as
//! moto's server gives them): queues made with `CreateQueue` and their
//! redrive policies set once every queue exists, topics and raw-delivery
//! subscriptions with filter policies; receiving with `ReceiveMessage` (one
//! loop per queue a service reads, taking as many messages as it has free
//! workers), done = `DeleteMessage`, a failure either left to its
//! visibility timeout or given back at once with `ChangeMessageVisibility`
//! to 0 (SQS has no nack).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use kurir_engine::compile::Topology;
use kurir_engine::scenario::envelope::Envelope;
use kurir_engine::{ChannelId, Scenario, ServiceId};
use serde_json::{json, Value};
use tokio::sync::{mpsc, OwnedSemaphorePermit};
use tokio::task::JoinHandle;

mod api;

use api::{xml_values, Api};

use crate::broker::poll::{self, Poll};
use crate::broker::{Delivery, Listens, Message, Published, Settle, Site};
use crate::error::LiveError;
use crate::plan::aws::{declarations, Declarations};

/// SQS returns at most 10 messages per receive.
const MAX_BATCH: u32 = 10;
/// The pause after an empty receive.
const PAUSE: Duration = Duration::from_millis(25);

/// How to settle one delivery: its queue, receipt handle, and the worker
/// slot it holds until then.
pub(crate) struct Acker {
    api: Api,
    queue_url: String,
    receipt: String,
    _slot: OwnedSemaphorePermit,
}

/// Deletes a message (done) or makes it visible again at once (failed).
pub(crate) async fn settle(a: &Acker, how: Settle) -> Result<(), String> {
    let (action, mut body) = match how {
        Settle::Ack => ("DeleteMessage", json!({})),
        Settle::Requeue | Settle::Reject => {
            ("ChangeMessageVisibility", json!({ "VisibilityTimeout": 0 }))
        }
        Settle::Leave => return Ok(()),
    };
    body["QueueUrl"] = json!(a.queue_url);
    body["ReceiptHandle"] = json!(a.receipt);
    a.api
        .sqs(action, action, body)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The run's queues and topics.
pub struct Admin {
    api: Api,
    decls: Declarations,
    /// Per channel: the queue's URL, or the topic's ARN.
    urls: Vec<Option<String>>,
    arns: Vec<Option<String>>,
}

impl Admin {
    /// Creates the queues, topics and subscriptions (deleting them again on
    /// a refusal).
    pub async fn start(
        site: Site,
        topo: &Topology,
        s: &Scenario,
        scale: f64,
    ) -> Result<Admin, LiveError> {
        let decls = declarations(&site.run, s, topo, scale).map_err(LiveError::Input)?;
        let n = topo.channels.len();
        let mut admin = Admin {
            api: Api::new(site)?,
            decls,
            urls: vec![None; n],
            arns: vec![None; n],
        };
        if let Err(e) = admin.declare().await {
            let _ = admin.clean_up().await;
            return Err(e);
        }
        Ok(admin)
    }

    async fn declare(&mut self) -> Result<(), LiveError> {
        let api = self.api.clone();
        for q in &self.decls.queues {
            let what = format!("creating queue {}", q.name);
            let v = api
                .sqs(
                    &what,
                    "CreateQueue",
                    json!({ "QueueName": q.name, "Attributes": q.attributes }),
                )
                .await?;
            self.urls[q.channel.index()] = v["QueueUrl"].as_str().map(str::to_string);
        }
        for q in &self.decls.queues {
            let Some((dl, max)) = q.redrive else { continue };
            let target = self.decls.queues.iter().find(|d| d.channel == dl);
            let policy = json!({
                "deadLetterTargetArn": api.queue_arn(&target.map(|d| d.name.clone()).unwrap_or_default()),
                "maxReceiveCount": max,
            });
            let what = format!("setting the redrive policy of {}", q.name);
            let body = json!({
                "QueueUrl": self.urls[q.channel.index()],
                "Attributes": { "RedrivePolicy": policy.to_string() },
            });
            api.sqs(&what, "SetQueueAttributes", body).await?;
        }
        for (c, name) in &self.decls.topics {
            let what = format!("creating topic {name}");
            let text = api
                .sns(&what, "CreateTopic", &[("Name".into(), name.clone())])
                .await?;
            self.arns[c.index()] = xml_values(&text, "TopicArn").into_iter().next();
        }
        for sub in &self.decls.subscriptions {
            let queue = self.api.site.name(sub.queue);
            let mut params = vec![
                (
                    "TopicArn".to_string(),
                    self.arns[sub.topic.index()].clone().unwrap_or_default(),
                ),
                ("Protocol".to_string(), "sqs".to_string()),
                ("Endpoint".to_string(), api.queue_arn(&queue)),
                (
                    "Attributes.entry.1.key".to_string(),
                    "RawMessageDelivery".to_string(),
                ),
                ("Attributes.entry.1.value".to_string(), "true".to_string()),
            ];
            if let Some(f) = &sub.filter_policy {
                params.push(("Attributes.entry.2.key".into(), "FilterPolicy".into()));
                params.push(("Attributes.entry.2.value".into(), f.clone()));
            }
            let what = format!("subscribing {queue} to {}", self.api.site.name(sub.topic));
            api.sns(&what, "Subscribe", &params).await?;
        }
        Ok(())
    }

    /// Opens a service's consumers: one receive loop per queue it reads.
    pub async fn open(
        &self,
        _service: ServiceId,
        listens: &Listens,
    ) -> Result<(Conn, mpsc::UnboundedReceiver<Result<Delivery, LiveError>>), LiveError> {
        let (tx, rx) = mpsc::unbounded_channel();
        let closed = Rc::new(Cell::new(false));
        let mut loops = Vec::new();
        for l in &listens.channels {
            let Some(url) = self.urls[l.channel.index()].clone() else {
                continue; // only queues are read (the plan refused the rest)
            };
            let fifo = self.decls.fifo[l.channel.index()];
            let dead_from = self.decls.dead_source[l.channel.index()];
            // A FIFO queue's next message of a group waits for the one
            // before it: asking for one at a time keeps that visible.
            let batch = if fifo { 1 } else { MAX_BATCH };
            // Short polls: moto's long poll wakes for a new message only,
            // not for one whose visibility timeout ran out (nor for a FIFO
            // group that came free).
            let poll = Poll {
                prefetch: l.prefetch,
                batch,
                pause: Some(PAUSE),
            };
            let (api, channel) = (self.api.clone(), l.channel);
            let (fetch_api, fetch_url) = (api.clone(), url.clone());
            let fetch = move |n| {
                let (api, url) = (fetch_api.clone(), fetch_url.clone());
                async move { api.receive(&url, n, 0, None).await }
            };
            let wrap = move |r: api::Received, slot| Delivery {
                channel,
                message: r.message.unwrap_or(Message::FOREIGN),
                attempt: r.attempt,
                dead_from,
                acker: Some(super::Acker::Aws(Acker {
                    api: api.clone(),
                    queue_url: url.clone(),
                    receipt: r.receipt,
                    _slot: slot,
                })),
            };
            loops.push(poll::spawn(poll, closed.clone(), tx.clone(), fetch, wrap));
        }
        let conn = Conn {
            api: self.api.clone(),
            urls: self.urls.clone(),
            arns: self.arns.clone(),
            fifo: self.decls.fifo.clone(),
            loops,
            closed,
        };
        Ok((conn, rx))
    }

    /// Reads what is still waiting in the queues. A message past its
    /// `maxReceiveCount` moves to the dead-letter queue only when its queue
    /// is read, so the queues are read until a pass finds nothing.
    pub async fn leftovers(
        &self,
    ) -> Result<Vec<(ChannelId, Message, Option<ChannelId>)>, LiveError> {
        let mut out = Vec::new();
        loop {
            let before = out.len();
            for q in &self.decls.queues {
                let Some(url) = &self.urls[q.channel.index()] else {
                    continue;
                };
                loop {
                    // Hidden for a while so that each is read once.
                    let got = self.api.receive(url, MAX_BATCH, 0, Some(600)).await?;
                    if got.is_empty() {
                        break;
                    }
                    let from = self.decls.dead_source[q.channel.index()];
                    out.extend(
                        got.into_iter()
                            .filter_map(|r| r.message)
                            .map(|m| (q.channel, m, from)),
                    );
                }
            }
            if out.len() == before {
                return Ok(out);
            }
        }
    }

    /// Each queue's messages ready to be received, as SQS approximates
    /// them (`ApproximateNumberOfMessages`, which leaves out the in-flight
    /// ones a consumer holds: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html).
    pub async fn depths(&self) -> Result<Vec<(ChannelId, u32)>, LiveError> {
        let mut out = Vec::new();
        for q in &self.decls.queues {
            let Some(url) = &self.urls[q.channel.index()] else {
                continue;
            };
            let body =
                json!({ "QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"] });
            let v = (self.api)
                .sqs(
                    &format!("counting queue {}", q.name),
                    "GetQueueAttributes",
                    body,
                )
                .await?;
            let n = v["Attributes"]["ApproximateNumberOfMessages"].as_str();
            out.push((q.channel, n.and_then(|n| n.parse().ok()).unwrap_or(0)));
        }
        Ok(out)
    }

    /// Deletes every queue, subscription and topic of the run (found by
    /// their names' prefix).
    pub async fn clean_up(&self) -> Result<(), LiveError> {
        let api = &self.api;
        let (topics, subs) = api.my_topics().await?;
        for s in subs {
            let p = [("SubscriptionArn".to_string(), s.clone())];
            api.sns(&format!("deleting subscription {s}"), "Unsubscribe", &p)
                .await?;
        }
        for t in topics {
            let p = [("TopicArn".to_string(), t.clone())];
            api.sns(&format!("deleting topic {t}"), "DeleteTopic", &p)
                .await?;
        }
        for url in api.my_queues().await? {
            let what = format!("deleting queue {}", url.rsplit('/').next().unwrap_or(""));
            api.sqs(&what, "DeleteQueue", json!({ "QueueUrl": url }))
                .await?;
        }
        Ok(())
    }
}

/// One service's receive loops and publisher.
pub struct Conn {
    api: Api,
    urls: Vec<Option<String>>,
    arns: Vec<Option<String>>,
    fifo: Vec<bool>,
    loops: Vec<JoinHandle<()>>,
    closed: Rc<Cell<bool>>,
}

impl Conn {
    /// Publishes to a topic (`Publish`, attributes as message attributes)
    /// or straight to a queue (`SendMessage`; on a FIFO queue the key is
    /// the message group and the envelope's id the deduplication id).
    pub async fn publish(
        &self,
        channel: ChannelId,
        envelope: &Envelope,
        message: Message,
    ) -> Result<Published, LiveError> {
        let body = String::from_utf8_lossy(&message.encode()).into_owned();
        let name = self.api.site.name(channel);
        let what = format!("publishing to {name}");
        if let Some(arn) = &self.arns[channel.index()] {
            let mut params = vec![
                ("TopicArn".to_string(), arn.clone()),
                ("Message".to_string(), body),
            ];
            for (i, (k, v)) in envelope.attributes.iter().enumerate() {
                let p = format!("MessageAttributes.entry.{}", i + 1);
                params.push((format!("{p}.Name"), k.clone()));
                params.push((format!("{p}.Value.DataType"), "String".into()));
                params.push((format!("{p}.Value.StringValue"), v.clone()));
            }
            self.api.sns(&what, "Publish", &params).await?;
            return Ok(Published::default());
        }
        let url = self.urls[channel.index()].clone().unwrap_or_default();
        let mut req = json!({ "QueueUrl": url, "MessageBody": body });
        if !envelope.attributes.is_empty() {
            let attrs: serde_json::Map<String, Value> = envelope
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), json!({ "DataType": "String", "StringValue": v })))
                .collect();
            req["MessageAttributes"] = Value::Object(attrs);
        }
        if self.fifo[channel.index()] {
            // No key: one group, as the simulator hashes an empty key.
            req["MessageGroupId"] = json!(envelope.key.clone().unwrap_or_else(|| "kurir".into()));
            req["MessageDeduplicationId"] = json!(envelope.dedup_id.clone().unwrap_or_default());
        }
        self.api.sqs(&what, "SendMessage", req).await?;
        Ok(Published::default())
    }

    /// Stops receiving: what it held comes back when its visibility
    /// timeout ends, as after a consumer that crashed.
    pub fn close(&self) {
        self.closed.set(true);
        for l in &self.loops {
            l.abort();
        }
    }
}
