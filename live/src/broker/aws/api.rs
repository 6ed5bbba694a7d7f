//! SQS's JSON protocol and SNS's query protocol on one endpoint, with the
//! services' own error messages.
//!
//! The endpoint is a local one (moto, LocalStack): requests carry an
//! `Authorization` header only so the endpoint can tell SQS from SNS by its
//! credential scope; they are not signed, and real AWS would refuse them.

use serde_json::{json, Value};

use crate::broker::{Message, Site};
use crate::error::LiveError;

/// The account a local endpoint serves (moto's and LocalStack's default).
const ACCOUNT: &str = "123456789012";

/// One endpoint's SQS and SNS.
#[derive(Clone)]
pub(super) struct Api {
    pub(super) site: Site,
    http: reqwest::Client,
    /// `http://HOST:PORT/`
    endpoint: String,
    region: String,
}

/// One message a receive returned.
pub(super) struct Received {
    pub(super) receipt: String,
    pub(super) message: Option<Message>,
    /// SQS's `ApproximateReceiveCount`.
    pub(super) attempt: u32,
}

impl Api {
    /// The API at `sqs://HOST:PORT[/REGION]`.
    pub(super) fn new(site: Site) -> Result<Api, LiveError> {
        let rest = site.url.strip_prefix("sqs://").unwrap_or(&site.url);
        let (host, region) = match rest.split_once('/') {
            Some((h, r)) if !r.is_empty() => (h.to_string(), r.trim_end_matches('/').to_string()),
            _ => (
                rest.trim_end_matches('/').to_string(),
                "us-east-1".to_string(),
            ),
        };
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(|e| site.error("starting the HTTP client", e))?;
        Ok(Api {
            endpoint: format!("http://{host}/"),
            region,
            site,
            http,
        })
    }

    fn scope(&self, service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=kurir/20260101/{}/{service}/aws4_request, \
             SignedHeaders=host, Signature=0",
            self.region
        )
    }

    /// The ARN of queue `name`.
    pub(super) fn queue_arn(&self, name: &str) -> String {
        format!("arn:aws:sqs:{}:{ACCOUNT}:{name}", self.region)
    }

    /// An SQS action (`CreateQueue`, `SendMessage`, …) with a JSON body.
    pub(super) async fn sqs(
        &self,
        what: &str,
        action: &str,
        body: Value,
    ) -> Result<Value, LiveError> {
        let resp = self
            .http
            .post(&self.endpoint)
            .header("Authorization", self.scope("sqs"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", format!("AmazonSQS.{action}"))
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| self.site.error(what, e))?;
        let status = resp.status();
        let value: Value = resp.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        let code = value["__type"].as_str().unwrap_or("");
        let code = code.rsplit('#').next().unwrap_or(code);
        let reason = value["message"]
            .as_str()
            .or(value["Message"].as_str())
            .unwrap_or("no reason given");
        Err(self.site.error(what, format!("{status} {code}: {reason}")))
    }

    /// An SNS action with its parameters; the XML response as text.
    pub(super) async fn sns(
        &self,
        what: &str,
        action: &str,
        params: &[(String, String)],
    ) -> Result<String, LiveError> {
        let mut form: Vec<(String, String)> = vec![
            ("Action".into(), action.into()),
            ("Version".into(), "2010-03-31".into()),
        ];
        form.extend(params.iter().cloned());
        let resp = self
            .http
            .post(&self.endpoint)
            .header("Authorization", self.scope("sns"))
            .form(&form)
            .send()
            .await
            .map_err(|e| self.site.error(what, e))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if status.is_success() {
            return Ok(text);
        }
        let code = xml_values(&text, "Code")
            .into_iter()
            .next()
            .unwrap_or_default();
        let reason = xml_values(&text, "Message")
            .into_iter()
            .next()
            .unwrap_or_else(|| "no reason given".into());
        Err(self.site.error(what, format!("{status} {code}: {reason}")))
    }

    /// Receives up to `max` messages from `queue_url`, waiting at most
    /// `wait` seconds for one; `hide` overrides the visibility timeout.
    pub(super) async fn receive(
        &self,
        queue_url: &str,
        max: u32,
        wait: u32,
        hide: Option<u32>,
    ) -> Result<Vec<Received>, LiveError> {
        let mut body = json!({
            "QueueUrl": queue_url,
            "MaxNumberOfMessages": max,
            "WaitTimeSeconds": wait,
            "MessageSystemAttributeNames": ["ApproximateReceiveCount"],
        });
        if let Some(h) = hide {
            body["VisibilityTimeout"] = json!(h);
        }
        let what = format!(
            "receiving from {}",
            queue_url.rsplit('/').next().unwrap_or("")
        );
        let v = self.sqs(&what, "ReceiveMessage", body).await?;
        let list = v["Messages"].as_array().cloned().unwrap_or_default();
        Ok(list
            .iter()
            .map(|m| Received {
                receipt: m["ReceiptHandle"].as_str().unwrap_or("").to_string(),
                message: Message::decode(m["Body"].as_str().unwrap_or("").as_bytes()),
                attempt: m["Attributes"]["ApproximateReceiveCount"]
                    .as_str()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1),
            })
            .collect())
    }

    /// The URLs of the run's queues.
    pub(super) async fn my_queues(&self) -> Result<Vec<String>, LiveError> {
        let prefix = crate::plan::aws::object_name(&self.site.run, "");
        let v = self
            .sqs(
                "listing queues",
                "ListQueues",
                json!({ "QueueNamePrefix": prefix, "MaxResults": 1000 }),
            )
            .await?;
        Ok(v["QueueUrls"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u.as_str().map(str::to_string))
            .collect())
    }

    /// The ARNs of the run's topics and of every subscription to them.
    pub(super) async fn my_topics(&self) -> Result<(Vec<String>, Vec<String>), LiveError> {
        let prefix = format!(":{}", crate::plan::aws::object_name(&self.site.run, ""));
        let mine = |arn: &String| {
            arn.rsplit_once(':')
                .is_some_and(|(_, n)| format!(":{n}").starts_with(&prefix))
        };
        let mut topics = Vec::new();
        let mut subs = Vec::new();
        for (action, tag, list) in [
            ("ListTopics", "TopicArn", &mut topics),
            ("ListSubscriptions", "SubscriptionArn", &mut subs),
        ] {
            let mut token: Option<String> = None;
            loop {
                let params: Vec<(String, String)> = token
                    .iter()
                    .map(|t| ("NextToken".to_string(), t.clone()))
                    .collect();
                let text = self
                    .sns(&format!("listing ({action})"), action, &params)
                    .await?;
                if action == "ListTopics" {
                    list.extend(xml_values(&text, tag).into_iter().filter(|a| mine(a)));
                } else {
                    // A subscription's ARN is its topic's ARN and an id.
                    list.extend(
                        xml_values(&text, "TopicArn")
                            .into_iter()
                            .zip(xml_values(&text, tag))
                            .filter(|(t, _)| mine(t))
                            .map(|(_, s)| s),
                    );
                }
                token = xml_values(&text, "NextToken").into_iter().next();
                if token.is_none() {
                    break;
                }
            }
        }
        Ok((topics, subs))
    }
}

/// The texts of every `<tag>…</tag>` in `xml`, unescaped.
pub(super) fn xml_values(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(
            after[..j]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &after[j + close.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_values_are_found_in_order_and_unescaped() {
        let xml = "<R><TopicArn>arn:a</TopicArn><x/><TopicArn>b&amp;c</TopicArn></R>";
        assert_eq!(xml_values(xml, "TopicArn"), ["arn:a", "b&c"]);
        assert!(xml_values(xml, "Code").is_empty());
    }
}
