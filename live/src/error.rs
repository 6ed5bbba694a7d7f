//! What stops a live run, and the exit code each gives: 2 for input the
//! runner refuses before touching a broker (as `kurir-sim`), 3 for a broker
//! that cannot be reached, refuses a declaration or goes away mid-run.

use std::fmt;

/// Why a live run stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveError {
    /// The command line, the file or the scenario is wrong, or asks for
    /// something this broker does not have (the message says which part).
    Input(String),
    /// The broker at `url` failed while the run worked on `object`.
    Broker {
        /// The broker's URL as given.
        url: String,
        /// What the runner was doing: "connecting", "declaring queue email"…
        object: String,
        /// The client's or the broker's own words.
        reason: String,
    },
}

impl LiveError {
    /// A broker failure.
    pub fn broker(url: &str, object: impl Into<String>, reason: impl fmt::Display) -> LiveError {
        LiveError::Broker {
            url: url.to_string(),
            object: object.into(),
            reason: reason.to_string(),
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            LiveError::Input(_) => 2,
            LiveError::Broker { .. } => 3,
        }
    }
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::Input(m) => f.write_str(m),
            LiveError::Broker {
                url,
                object,
                reason,
            } => write!(f, "broker {url}: {object}: {reason}"),
        }
    }
}

impl std::error::Error for LiveError {}
