//! Trace events read back from their JSON lines (the writer is
//! `trace_json.rs`): how a page shows a run it did not simulate, such as a
//! real broker's traffic streamed by `kurir-live serve`. Names are resolved
//! against the scenario the run was started with.

use serde_json::Value;

use crate::compile::{ChannelId, ServiceId};
use crate::scenario::Scenario;
use crate::sim::trace::{DropReason, EventKind, RedeliverCause, TraceEvent};

/// Why a line is not an event of this scenario's run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not a JSON object.
    NotJson(String),
    /// A field is missing or of the wrong type.
    Field(&'static str),
    /// A service or channel id the scenario does not have.
    Unknown(String),
    /// An event type this reader does not know.
    Type(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotJson(e) => write!(f, "not a trace event: {e}"),
            ReadError::Field(name) => write!(f, "trace event without a valid \"{name}\""),
            ReadError::Unknown(id) => write!(f, "trace event names {id:?}, not in the scenario"),
            ReadError::Type(t) => write!(f, "unknown trace event type {t:?}"),
        }
    }
}

/// Reads one event of a run of `s` from its JSON text.
pub fn read_event(line: &str, s: &Scenario) -> Result<TraceEvent, ReadError> {
    let v: Value = serde_json::from_str(line).map_err(|e| ReadError::NotJson(e.to_string()))?;
    event_from(&v, s)
}

/// Reads one event of a run of `s` from its parsed JSON.
pub fn event_from(v: &Value, s: &Scenario) -> Result<TraceEvent, ReadError> {
    let r = Fields { v, s };
    let kind = match r.str("type")? {
        "order_placed" => EventKind::OrderPlaced {
            order: r.u64("order")?,
            service: r.svc("service")?,
        },
        "order_refused" => EventKind::OrderRefused {
            service: r.svc("service")?,
        },
        "order_responded" => EventKind::OrderResponded {
            order: r.u64("order")?,
            ok: r.bool("ok")?,
            response: r.u64("response_us")?,
        },
        "order_completed" => EventKind::OrderCompleted {
            order: r.u64("order")?,
            latency: r.u64("latency_us")?,
        },
        "order_incomplete" => EventKind::OrderIncomplete {
            order: r.u64("order")?,
            latency: r.u64("latency_us")?,
            lost: r.u32("lost")?,
            dead_lettered: r.u32("dead_lettered")?,
        },
        "work_started" => EventKind::WorkStarted {
            service: r.svc("service")?,
            order: r.u64("order")?,
        },
        "work_done" => EventKind::WorkDone {
            service: r.svc("service")?,
            order: r.u64("order")?,
            ok: r.bool("ok")?,
        },
        "publish" => EventKind::Publish {
            service: r.svc("service")?,
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            order: r.u64("order")?,
        },
        "route" => EventKind::Route {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            copies: r.u32("copies")?,
        },
        "enqueue" => EventKind::Enqueue {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            depth: r.u32("depth")?,
        },
        "deliver" => EventKind::Deliver {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            service: r.svc("service")?,
            attempt: r.u32("attempt")?,
        },
        "ack" => {
            let (channel, msg, service) = r.consumer()?;
            EventKind::Ack {
                channel,
                msg,
                service,
            }
        }
        "ack_late" => {
            let (channel, msg, service) = r.consumer()?;
            EventKind::AckLate {
                channel,
                msg,
                service,
            }
        }
        "nack" => {
            let (channel, msg, service) = r.consumer()?;
            EventKind::Nack {
                channel,
                msg,
                service,
            }
        }
        "missed" => {
            let (channel, msg, service) = r.consumer()?;
            EventKind::Missed {
                channel,
                msg,
                service,
            }
        }
        "returned" => {
            let (channel, msg, service) = r.consumer()?;
            EventKind::Returned {
                channel,
                msg,
                service,
            }
        }
        "redeliver" => EventKind::Redeliver {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            attempt: r.u32("attempt")?,
            cause: match r.str("cause")? {
                "nack" => RedeliverCause::Nack,
                "consumer_down" => RedeliverCause::ConsumerDown,
                "timeout" => RedeliverCause::Timeout,
                _ => return Err(ReadError::Field("cause")),
            },
            available_at: r.u64("available_at")?,
        },
        "drop" => EventKind::Drop {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            reason: {
                let name = r.str("reason")?;
                *DropReason::ALL
                    .iter()
                    .find(|d| d.as_str() == name)
                    .ok_or(ReadError::Field("reason"))?
            },
        },
        "dead_letter" => EventKind::DeadLetter {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            to: r.ch("to")?,
        },
        "redriven" => EventKind::Redriven {
            channel: r.ch("channel")?,
            msg: r.u64("msg")?,
            to: r.ch("to")?,
        },
        "rpc_call" => EventKind::RpcCall {
            call: r.u64("call")?,
            from: r.svc("from")?,
            to: r.svc("to")?,
            order: r.u64("order")?,
        },
        "rpc_return" => EventKind::RpcReturn {
            call: r.u64("call")?,
            from: r.svc("from")?,
            to: r.svc("to")?,
            ok: r.bool("ok")?,
        },
        "rpc_timeout" => EventKind::RpcTimeout {
            call: r.u64("call")?,
            from: r.svc("from")?,
            to: r.svc("to")?,
        },
        "service_down" => EventKind::ServiceDown {
            service: r.svc("service")?,
        },
        "service_up" => EventKind::ServiceUp {
            service: r.svc("service")?,
        },
        "changed" => EventKind::Changed {
            action: r.u32("action")?,
        },
        // Log events name consumer groups, which only a simulated log has:
        // no broker the live runner drives produces them.
        other => return Err(ReadError::Type(other.to_string())),
    };
    Ok(TraceEvent {
        seq: r.u64("seq")?,
        t: r.u64("t")?,
        kind,
    })
}

struct Fields<'a> {
    v: &'a Value,
    s: &'a Scenario,
}

impl Fields<'_> {
    fn str(&self, name: &'static str) -> Result<&str, ReadError> {
        self.v[name].as_str().ok_or(ReadError::Field(name))
    }

    fn u64(&self, name: &'static str) -> Result<u64, ReadError> {
        self.v[name].as_u64().ok_or(ReadError::Field(name))
    }

    fn u32(&self, name: &'static str) -> Result<u32, ReadError> {
        u32::try_from(self.u64(name)?).map_err(|_| ReadError::Field(name))
    }

    fn bool(&self, name: &'static str) -> Result<bool, ReadError> {
        self.v[name].as_bool().ok_or(ReadError::Field(name))
    }

    fn svc(&self, name: &'static str) -> Result<ServiceId, ReadError> {
        let id = self.str(name)?;
        let i = self.s.services.iter().position(|v| v.id == id);
        i.map(|i| ServiceId(i as u32))
            .ok_or_else(|| ReadError::Unknown(id.to_string()))
    }

    fn ch(&self, name: &'static str) -> Result<ChannelId, ReadError> {
        let id = self.str(name)?;
        let i = self.s.channels.iter().position(|c| c.id == id);
        i.map(|i| ChannelId(i as u32))
            .ok_or_else(|| ReadError::Unknown(id.to_string()))
    }

    fn consumer(&self) -> Result<(ChannelId, u64, ServiceId), ReadError> {
        Ok((self.ch("channel")?, self.u64("msg")?, self.svc("service")?))
    }
}
