//! Typed errors for scenarios that cannot run, naming the field and the problem.

use std::fmt;

/// Why a scenario was refused. Never a panic: every bad input ends here.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioError {
    /// The text is not JSON, or not JSON of the scenario's shape.
    Syntax {
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The `version` field is missing or not one this build can read.
    Version {
        /// The version found, if any.
        found: Option<u64>,
    },
    /// The `version` field is there but not a whole number (`"1"`, `1.5`).
    BadVersion {
        /// The value as written.
        found: String,
    },
    /// A field has a value the simulation cannot accept.
    Invalid {
        /// Path of the field, e.g. `services[2].processing.ms`.
        field: String,
        /// What is wrong with it.
        problem: Problem,
    },
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Refers to a channel that does not exist.
    UnknownChannel(String),
    /// Refers to a service that does not exist.
    UnknownService(String),
    /// Two nodes share this id.
    DuplicateId(String),
    /// An id must be 1–64 letters, digits, `-`, `_` or `.`.
    BadId(String),
    /// A name is longer than the limit.
    TooLong {
        /// Longest allowed, in characters.
        max: usize,
    },
    /// A number is outside its allowed range (or not a finite number).
    OutOfRange {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
        /// The value given.
        found: f64,
    },
    /// The minimum is larger than the maximum.
    MinAboveMax,
    /// Publishing or calling along these services would loop forever.
    Cycle(Vec<String>),
    /// The same subscription is listed twice.
    DuplicateSubscription,
    /// The channel's kind is not the one its broker preset stands for.
    PresetKind {
        /// The preset's name ("Apache Kafka topic").
        preset: String,
        /// The channel type it needs (`log`).
        needs: &'static str,
    },
    /// An exchange is bound to itself.
    SelfBinding,
    /// The channel is not a log (only logs have consumer offsets).
    NotALog(String),
    /// No consumer group of that name reads the channel.
    UnknownGroup(String),
    /// A message template is malformed (e.g. `{order%0}`).
    BadTemplate(String),
    /// A subscription pattern is empty or too long.
    BadPattern(String),
    /// Services cannot consume an exchange directly.
    NotConsumable(String),
    /// A list is longer than the format allows.
    TooMany {
        /// Most entries allowed.
        max: usize,
    },
    /// A routing key, binding key or header is longer than the format allows.
    KeyTooLong {
        /// Longest allowed, in bytes (UTF-8).
        max: usize,
    },
    /// A publish option that the channel it goes to does not use: a routing
    /// key or `mandatory` where no exchange routes, a key, headers or
    /// deduplication id on a pub/sub channel (it carries only the message).
    NoEffect {
        /// The option, as written (`routing_key`).
        option: &'static str,
        /// The channel's type (`queue`).
        kind: &'static str,
    },
    /// A scheduled topology change would change nothing at its time: the
    /// service already subscribes (or does not), there is no such binding,
    /// or the channel is not an exchange.
    ChangesNothing,
    /// After this scheduled topology change the scenario would be refused
    /// for the reason inside.
    BreaksScenario(Box<ScenarioError>),
}

impl ScenarioError {
    pub(crate) fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        ScenarioError::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// The field at fault, when the error is about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            ScenarioError::Invalid { field, .. } => Some(field),
            ScenarioError::Version { .. } | ScenarioError::BadVersion { .. } => Some("version"),
            ScenarioError::Syntax { .. } => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownChannel(id) => write!(f, "there is no channel with id \"{id}\""),
            Problem::UnknownService(id) => write!(f, "there is no service with id \"{id}\""),
            Problem::DuplicateId(id) => write!(f, "the id \"{id}\" is used twice"),
            Problem::BadId(id) => write!(
                f,
                "\"{id}\" is not a valid id (1-64 letters, digits, '-', '_' or '.')"
            ),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::OutOfRange { min, max, found } => {
                write!(f, "must be between {min} and {max}, found {found}")
            }
            Problem::MinAboveMax => write!(f, "the minimum is larger than the maximum"),
            Problem::Cycle(path) => write!(
                f,
                "messages would loop forever: {}",
                path.join(" \u{2192} ")
            ),
            Problem::DuplicateSubscription => write!(f, "this subscription is listed twice"),
            Problem::PresetKind { preset, needs } => write!(
                f,
                "{} {preset} needs {} `{needs}` channel",
                article(preset),
                article(needs)
            ),
            Problem::SelfBinding => write!(f, "an exchange cannot be bound to itself"),
            Problem::NotALog(id) => write!(f, "channel \"{id}\" is not a log"),
            Problem::UnknownGroup(g) => write!(f, "no consumer group \"{g}\" reads this channel"),
            Problem::BadTemplate(t) => write!(
                f,
                "\"{t}\" is not a valid template (use {{order}} or {{order%N}} with N at least 1)"
            ),
            Problem::NotConsumable(id) => write!(
                f,
                "\"{id}\" is an exchange: it routes to channels, so subscribe to a channel bound to it"
            ),
            Problem::BadPattern(p) => {
                write!(f, "\"{p}\" is not a valid pattern (1-64 characters)")
            }
            Problem::TooMany { max } => write!(f, "has more than {max} entries"),
            Problem::KeyTooLong { max } => write!(f, "is longer than {max} bytes"),
            Problem::NoEffect { option, kind } => write!(
                f,
                "`{option}` has no effect on {} `{kind}` channel; remove it or publish to a channel that uses it",
                article(kind)
            ),
            Problem::ChangesNothing => write!(
                f,
                "changes nothing at that time (already subscribed, not subscribed, no such binding, or not an exchange)"
            ),
            Problem::BreaksScenario(e) => write!(f, "after this change, {e}"),
        }
    }
}

/// "a" or "an" before `word`, by its sound: "an Apache", "an NSQ", "an
/// `exchange`", "a RabbitMQ", "a `log`".
fn article(word: &str) -> &'static str {
    let word = word.trim_start_matches('`');
    let spelled = ["NSQ", "SQS", "SNS"].iter().any(|a| word.starts_with(a));
    let vowel = word.starts_with(|c: char| "AEIOUaeiou".contains(c));
    if vowel || spelled {
        "an"
    } else {
        "a"
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Syntax {
                line: 0, message, ..
            } => {
                write!(f, "not a valid scenario: {message}")
            }
            ScenarioError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not a valid scenario (line {line}, column {column}): {message}"
            ),
            ScenarioError::Version { found: None } => {
                write!(
                    f,
                    "version: missing; a Kurir scenario needs a \"version\" number"
                )
            }
            ScenarioError::Version { found: Some(v) } => write!(
                f,
                "version: {v} is not supported (this Kurir reads versions 1 to {}); \
                 it may come from a newer Kurir",
                crate::scenario::CURRENT_VERSION
            ),
            ScenarioError::BadVersion { found } => write!(
                f,
                "version: {found} is not a version number; write a whole number without quotes (this Kurir reads versions 1 to {})",
                crate::scenario::CURRENT_VERSION
            ),
            ScenarioError::Invalid { field, problem } => write!(f, "{field}: {problem}"),
        }
    }
}

impl std::error::Error for ScenarioError {}
