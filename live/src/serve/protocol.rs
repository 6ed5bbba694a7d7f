//! The bridge's messages, one JSON object per WebSocket text frame
//! (documented in docs/real-brokers.md, "Live mode"). The page sends
//! commands; the bridge sends its brokers, the run's status, the trace
//! events in docs/trace-format.md's schema, and the broker's queue depths.

use kurir_engine::Scenario;
use serde_json::{json, Value};

/// Largest message the page may send (a scenario is a few KB to ~200 KB).
pub const MAX_MESSAGE: usize = 1 << 20;

/// What the page asks.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Run this scenario on its broker (stopping the run before).
    Start(Box<Scenario>),
    /// An order at the service with this id.
    Order(String),
    /// Take the service down (its connections close).
    Down(String),
    /// Bring the service back.
    Up(String),
    /// End the run.
    Stop,
}

/// Reads one message of the page; the error says what is wrong with it.
pub fn read(text: &str) -> Result<Ask, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let service = || {
        v["service"]
            .as_str()
            .map(str::to_string)
            .ok_or("needs \"service\": a service id".to_string())
    };
    match v["type"].as_str() {
        Some("start") => {
            let s = serde_json::to_string(&v["scenario"]).unwrap_or_default();
            let s = Scenario::from_json(&s).map_err(|e| format!("scenario: {e}"))?;
            Ok(Ask::Start(Box::new(s)))
        }
        Some("order") => Ok(Ask::Order(service()?)),
        Some("down") => Ok(Ask::Down(service()?)),
        Some("up") => Ok(Ask::Up(service()?)),
        Some("stop") => Ok(Ask::Stop),
        Some(other) => Err(format!("unknown message type {other:?}")),
        None => Err("needs \"type\"".into()),
    }
}

/// A broker the bridge was started with, as the page is told of it: its
/// kind and where it is, never the credentials of its URL.
pub fn broker(kind: &str, name: &str, url: &str) -> Value {
    json!({ "kind": kind, "name": name, "at": without_credentials(url) })
}

/// `url` without a `user:password@` part.
pub fn without_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{rest}")
        }
        None => url.to_string(),
    }
}

/// The first message: which brokers this bridge drives.
pub fn hello(brokers: Vec<Value>) -> String {
    json!({ "type": "hello", "brokers": brokers }).to_string()
}

/// The run's state: `starting`, `running`, `refused` (the scenario, by the
/// runner or the broker), `unreachable` / `failed` (the broker), `stopped`.
pub fn status(state: &str, broker: Option<&str>, message: Option<&str>) -> String {
    json!({ "type": "status", "state": state, "broker": broker, "message": message }).to_string()
}

/// One trace event (its JSON line, as `kurir-live` prints it).
pub fn trace(event_line: &str) -> String {
    format!("{{\"type\":\"trace\",\"event\":{event_line}}}")
}

/// The broker's count of ready messages per queue (channel ids).
pub fn depths(queues: &[(String, u32)]) -> String {
    let queues: Vec<Value> = (queues.iter())
        .map(|(c, n)| json!({ "channel": c, "ready": n }))
        .collect();
    json!({ "type": "depths", "queues": queues }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_and_bad_ones_say_why() {
        assert_eq!(
            read(r#"{"type":"order","service":"order"}"#),
            Ok(Ask::Order("order".into()))
        );
        assert_eq!(read(r#"{"type":"stop"}"#), Ok(Ask::Stop));
        assert!(read("{").unwrap_err().starts_with("not JSON"));
        assert!(read(r#"{"type":"down"}"#).unwrap_err().contains("service"));
        assert!(read(r#"{"type":"fly"}"#).unwrap_err().contains("fly"));
        assert!(read(r#"{"type":"start","scenario":{"x":1}}"#)
            .unwrap_err()
            .starts_with("scenario"));
        let lesson = kurir_engine::examples::lesson().to_json();
        let start = format!(r#"{{"type":"start","scenario":{lesson}}}"#);
        assert!(matches!(read(&start), Ok(Ask::Start(_))));
    }

    #[test]
    fn credentials_never_reach_the_page() {
        assert_eq!(
            without_credentials("amqp://guest:secret@127.0.0.1:5672"),
            "amqp://127.0.0.1:5672"
        );
        assert_eq!(
            without_credentials("redis://127.0.0.1:6379"),
            "redis://127.0.0.1:6379"
        );
        assert!(!broker("rabbitmq", "RabbitMQ", "amqp://u:p@h:1")
            .to_string()
            .contains("p@"));
    }
}
