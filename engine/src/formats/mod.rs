//! Other tools' formats in and out of a scenario: RabbitMQ's definitions
//! file ([`rabbitmq`]), an AsyncAPI 3.0 document ([`asyncapi`]), and a
//! script that runs a scenario on a real broker ([`run_for_real`]). Pure: text in, a scenario and a list of what could
//! not be carried out, never a panic.
//!
//! Nothing is dropped without a word: every object or field a format
//! cannot carry is an [`Unmapped`] with its [`Reason`], which the app says
//! in the user's language and `kurir-live` in English.

pub mod asyncapi;
pub mod rabbitmq;
pub mod run_for_real;

use crate::scenario::ScenarioError;

/// Why something was left out of an import or an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A partitioned log (Kafka) on a broker without one.
    Log,
    /// Filter-policy routing (SNS, Google Pub/Sub) on RabbitMQ.
    FilterRouting,
    /// An exchange that keeps what it cannot route (NSQ).
    KeepUnroutable,
    /// One message in flight per key (SQS FIFO groups).
    OrderedByKey,
    /// A deduplication window (SQS FIFO).
    DedupWindow,
    /// A retry delay, which RabbitMQ does not have.
    RetryDelay,
    /// A failure left to the visibility timeout (SQS), which RabbitMQ does
    /// not have.
    WaitOnFailure,
    /// Something the consumer does, not the broker: not in a broker's file
    /// (the field's name).
    ClientSide(String),
    /// An exchange type of a plugin (its type).
    ExchangeType(String),
    /// An argument Kurir does not model (its name).
    Argument(String),
    /// A binding or dead-letter target the file does not declare (its name).
    UnknownObject(String),
    /// Objects of a second virtual host (its name).
    OtherVhost(String),
    /// Users, permissions, policies or parameters.
    NotTopology,
    /// A name that is not a Kurir id: the channel got another id and keeps
    /// the name for display (the new id).
    Renamed(String),
    /// No binding or server says what a channel is: read as a fan-out.
    GuessedPubSub,
    /// A reference outside the document (the reference).
    ExternalRef(String),
    /// Another tool's document describes one application: its operations
    /// became one service (its id).
    OneApplication(String),
}

impl Reason {
    /// The reason in English (for `kurir-live` and the tests; the app
    /// translates each variant).
    pub fn english(&self) -> String {
        match self {
            Reason::Log => "a partitioned log is Kafka's; RabbitMQ has queues and exchanges".into(),
            Reason::FilterRouting => "filter policies are SNS's and Google Pub/Sub's; a RabbitMQ headers exchange matches headers".into(),
            Reason::KeepUnroutable => "an exchange keeps nothing it cannot route (that is an NSQ topic)".into(),
            Reason::OrderedByKey => "one message in flight per key is SQS FIFO's message groups".into(),
            Reason::DedupWindow => "a deduplication window is SQS FIFO's".into(),
            Reason::RetryDelay => "RabbitMQ requeues a rejected message at once; a retry delay is not one of its queue arguments".into(),
            Reason::WaitOnFailure => "a RabbitMQ consumer rejects a message it failed on (it has no visibility timeout to wait for)".into(),
            Reason::ClientSide(field) => format!("{field} is what the consumer or the broker's own settings do; a definitions file does not carry it"),
            Reason::ExchangeType(t) => format!("exchange type {t} comes from a plugin; Kurir models direct, fanout, topic and headers exchanges (left out with its bindings)"),
            Reason::Argument(a) => format!("{a} is not modelled; left out"),
            Reason::UnknownObject(n) => format!("names {n}, which the file does not declare; left out"),
            Reason::OtherVhost(v) => format!("only the first virtual host is read; the objects of {v} were left out"),
            Reason::NotTopology => "users, permissions, policies and parameters are not part of a scenario; left out".into(),
            Reason::GuessedPubSub => "no binding or server says what this channel is; read as a fan-out (pub/sub) channel".into(),
            Reason::ExternalRef(r) => format!("refers to {r}, outside this document; left out"),
            Reason::OneApplication(id) => format!("a document describes one application: its send and receive operations are service {id}"),
            Reason::Renamed(id) => format!("gets the id {id} (a Kurir id is unique, 1-64 letters, digits, '-', '_' or '.'); its name stays as it was"),
        }
    }
}

/// One thing left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    /// The channel, object or section it concerns, as named in its source.
    pub what: String,
    /// Why.
    pub reason: Reason,
}

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.what, self.reason.english())
    }
}

/// Another tool's file read as a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// What the file describes, laid out on the canvas.
    pub scenario: crate::scenario::Scenario,
    /// What was left out or guessed, and why.
    pub unmapped: Vec<Unmapped>,
}

/// Why a file could not be read as a format.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatError {
    /// Not JSON (the parser's message).
    NotJson(String),
    /// JSON, but not this format.
    NotThisFormat,
    /// An AsyncAPI document of a version other than 3 (the version).
    AsyncapiVersion(String),
    /// An AsyncAPI document in YAML.
    AsyncapiYaml,
    /// Read, but the scenario it gives is not valid.
    Invalid(ScenarioError),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::NotJson(e) => write!(f, "not JSON: {e}"),
            FormatError::NotThisFormat => f.write_str("not a file of this format"),
            FormatError::AsyncapiVersion(v) => write!(f, "AsyncAPI {v}: Kurir reads AsyncAPI 3 documents (`asyncapi convert` turns an older one into 3.0)"),
            FormatError::AsyncapiYaml => f.write_str("an AsyncAPI document in YAML: Kurir reads its JSON form (AsyncAPI Studio and `asyncapi convert` write it)"),
            FormatError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

/// What a file's text is, judged by its top-level keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Kurir scenario (or anything else: the scenario reader says why not).
    Scenario,
    /// A RabbitMQ definitions file.
    RabbitmqDefinitions,
    /// An AsyncAPI document (JSON, or YAML — which is refused by name).
    Asyncapi,
}

/// Tells the formats apart: an AsyncAPI document has `asyncapi` at its
/// top; a definitions file has `rabbit_version`, or
/// `queues`/`exchanges`/`bindings` and no `services` or `channels`.
pub fn kind_of(text: &str) -> Kind {
    // YAML is AsyncAPI's other form: recognised, so its refusal says so.
    let start = text.trim_start();
    if start.starts_with("asyncapi:") || start.starts_with("asyncapi :") {
        return Kind::Asyncapi;
    }
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Kind::Scenario;
    };
    let has = |k: &str| top.contains_key(k);
    if has("asyncapi") {
        return Kind::Asyncapi;
    }
    let rabbit = has("rabbit_version")
        || ((has("queues") || has("exchanges") || has("bindings"))
            && !has("services")
            && !has("channels"));
    if rabbit {
        Kind::RabbitmqDefinitions
    } else {
        Kind::Scenario
    }
}

/// A valid Kurir id made from a name: characters outside letters, digits,
/// `-`, `_` and `.` become `-`, at most 64, never empty, and not one of
/// `taken`.
pub(crate) fn id_from(name: &str, taken: &std::collections::BTreeSet<String>) -> String {
    let mut base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if base.is_empty() {
        base.push('x');
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definitions_file_is_told_from_a_scenario() {
        assert_eq!(
            kind_of(r#"{"rabbit_version":"3.10.8"}"#),
            Kind::RabbitmqDefinitions
        );
        assert_eq!(kind_of(r#"{"queues":[]}"#), Kind::RabbitmqDefinitions);
        assert_eq!(kind_of(r#"{"version":1,"channels":[]}"#), Kind::Scenario);
        assert_eq!(kind_of("not json"), Kind::Scenario);
        assert_eq!(kind_of(r#"{"asyncapi":"3.0.0"}"#), Kind::Asyncapi);
        assert_eq!(kind_of("asyncapi: 3.0.0\ninfo:\n"), Kind::Asyncapi);
    }

    #[test]
    fn ids_made_from_names_are_valid_and_unique() {
        let mut taken = std::collections::BTreeSet::new();
        assert_eq!(id_from("orders", &taken), "orders");
        taken.insert("orders".to_string());
        assert_eq!(id_from("orders", &taken), "orders-2");
        assert_eq!(id_from("pesanan baru/€", &taken), "pesanan-baru--");
        assert_eq!(id_from("", &taken), "x");
        assert_eq!(id_from(&"a".repeat(300), &taken).len(), 60);
    }
}
