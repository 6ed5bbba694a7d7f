//! Pub/Sub's REST API (`v1`) for one project: requests with the broker's
//! own error messages, pulls, and listing the run's objects.

use base64::Engine as _;
use kurir_engine::ChannelId;
use serde_json::{json, Value};

use crate::broker::{Message, Site};
use crate::error::LiveError;

/// The REST API of one project.
#[derive(Clone)]
pub(super) struct Api {
    pub(super) site: Site,
    http: reqwest::Client,
    /// `http://HOST:PORT/v1/projects/PROJECT`
    base: String,
    project: String,
}

/// One message a pull returned.
pub(super) struct Received {
    pub(super) ack_id: String,
    pub(super) message: Option<Message>,
    pub(super) attempt: u32,
    /// The subscription it was dead-lettered from: Pub/Sub's
    /// `CloudPubSubDeadLetterSourceSubscription` attribute.
    pub(super) dead_from: Option<ChannelId>,
}

impl Api {
    pub(super) fn new(site: Site) -> Result<Api, LiveError> {
        let rest = site.url.strip_prefix("pubsub://").unwrap_or(&site.url);
        let (host, project) = match rest.split_once('/') {
            Some((h, p)) if !p.is_empty() => (h.to_string(), p.trim_end_matches('/').to_string()),
            _ => (rest.trim_end_matches('/').to_string(), "kurir".to_string()),
        };
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(|e| site.error("starting the HTTP client", e))?;
        Ok(Api {
            base: format!("http://{host}/v1/projects/{project}"),
            project,
            site,
            http,
        })
    }

    pub(super) fn topic_path(&self, topic: &str) -> String {
        format!("projects/{}/topics/{topic}", self.project)
    }

    /// Sends a request; an error status is the broker's own message.
    pub(super) async fn call(
        &self,
        what: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, LiveError> {
        let mut req = self.http.request(method, format!("{}/{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.map_err(|e| self.site.error(what, e))?;
        let status = resp.status();
        let value: Value = resp.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            Ok(value)
        } else {
            let reason = value["error"]["message"]
                .as_str()
                .unwrap_or("no reason given")
                .to_string();
            Err(self.site.error(what, format!("{status}: {reason}")))
        }
    }

    pub(super) async fn pull(
        &self,
        sub: &str,
        max: u32,
        wait: bool,
    ) -> Result<Vec<Received>, LiveError> {
        let body = json!({ "maxMessages": max, "returnImmediately": !wait });
        let v = self
            .call(
                &format!("pulling from {sub}"),
                reqwest::Method::POST,
                &format!("subscriptions/{sub}:pull"),
                Some(body),
            )
            .await?;
        let list = v["receivedMessages"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        Ok(list
            .into_iter()
            .map(|r| {
                let data = r["message"]["data"].as_str().unwrap_or("");
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .unwrap_or_default();
                Received {
                    ack_id: r["ackId"].as_str().unwrap_or("").to_string(),
                    message: Message::decode(&bytes),
                    attempt: r["deliveryAttempt"].as_u64().unwrap_or(1) as u32,
                    dead_from: r["message"]["attributes"]
                        ["CloudPubSubDeadLetterSourceSubscription"]
                        .as_str()
                        .and_then(|sub| {
                            self.site.channel_of(sub.rsplit('/').next().unwrap_or(sub))
                        }),
                }
            })
            .collect())
    }

    /// The run's objects of one kind (`topics`, `subscriptions`), by name.
    pub(super) async fn mine(&self, kind: &str) -> Result<Vec<String>, LiveError> {
        let v = self
            .call(
                &format!("listing {kind}"),
                reqwest::Method::GET,
                &format!("{kind}?pageSize=1000"),
                None,
            )
            .await?;
        let prefix = crate::plan::object_name(&self.site.run, "");
        Ok(v[kind]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|t| {
                t["name"]
                    .as_str()
                    .and_then(|n| n.rsplit('/').next())
                    .map(str::to_string)
            })
            .filter(|n| n.starts_with(&prefix))
            .collect())
    }
}
