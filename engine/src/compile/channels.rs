//! Compiled channels: each channel kind's parameters checked and turned into
//! indices and microseconds.

use std::collections::BTreeMap;

use crate::base::time::Micros;
use crate::compile::fields::{count, time, time_up_to};
use crate::compile::ids::ChannelId;
use crate::compile::limits::MAX_RETENTION_MS;
use crate::scenario::envelope::Envelope;
use crate::scenario::preset::Preset;
use crate::scenario::routing::{filter_matches, headers_match, topic_matches};
use crate::scenario::{
    ChannelKind, ChannelSpec, MatchMode, OffsetReset, OnFailure, Overflow, RetryPolicy, Routing,
    Unroutable,
};
use crate::scenario::{Problem, ScenarioError};

/// A compiled channel.
#[derive(Clone, Debug)]
pub enum ChannelTopo {
    /// Fan-out to current subscribers, nothing stored.
    PubSub,
    /// Stored, competing consumers, acknowledgements.
    Queue(QueueTopo),
    /// Routes to other channels by bindings.
    Exchange(ExchangeTopo),
    /// Partitioned log read by consumer groups.
    Log(LogTopo),
}

/// A compiled queue.
#[derive(Clone, Debug)]
pub struct QueueTopo {
    /// Redelivery delay for unacknowledged messages.
    pub visibility_timeout: Micros,
    /// Deliveries before dead-lettering (None: no limit).
    pub max_deliveries: Option<u32>,
    /// Dead-letter channel.
    pub dead_letter: Option<ChannelId>,
    /// Time to live while waiting.
    pub ttl: Option<Micros>,
    /// Capacity.
    pub max_length: Option<u32>,
    /// What a full queue does.
    pub overflow: Overflow,
    /// What a failure does to the message.
    pub on_failure: OnFailure,
    /// Delay before a message that came back is offered again.
    pub retry: Retry,
    /// One message in flight per key.
    pub ordered_by_key: bool,
    /// Deduplication window.
    pub dedup_window: Option<Micros>,
    /// Leases of live consumers do not time out.
    pub touch: bool,
    /// Expired and overflowing messages are dead-lettered.
    pub dead_letter_expired: bool,
    /// A consumer going down gives its leases back at once.
    pub requeue_on_down: bool,
}

/// Compiled retry policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// At once.
    Immediate,
    /// After a fixed delay.
    Delay(Micros),
    /// `min` doubled per earlier attempt, at most `max`.
    Backoff(Micros, Micros),
    /// `step` times the deliveries so far, at most `max`.
    Linear(Micros, Micros),
}

impl Retry {
    /// True when the delay also follows a lease that ran out. A delay the
    /// consumer asks for (NSQ's `REQ`) needs the consumer to report the
    /// failure: a timed-out message goes straight back (nsqd's in-flight
    /// timeout puts it back in the channel). A broker's backoff (Google
    /// Pub/Sub's retry policy) covers nacks and expired deadlines alike.
    pub fn after_timeouts(self) -> bool {
        matches!(self, Retry::Backoff(..))
    }

    /// The delay before attempt number `next_attempt` (2 for the first retry).
    pub fn delay(self, next_attempt: u32) -> Micros {
        match self {
            Retry::Immediate => 0,
            Retry::Delay(d) => d,
            Retry::Backoff(min, max) => {
                let doublings = next_attempt.saturating_sub(2).min(40);
                min.saturating_mul(1u64 << doublings).min(max)
            }
            Retry::Linear(step, max) => {
                let so_far = next_attempt.saturating_sub(1) as u64;
                step.saturating_mul(so_far).min(max)
            }
        }
    }
}

/// A compiled exchange.
#[derive(Clone, Debug)]
pub struct ExchangeTopo {
    /// Matching rule.
    pub routing: Routing,
    /// Bindings in scenario order.
    pub bindings: Vec<BindingTopo>,
    /// What happens to unmatched messages.
    pub unroutable: Unroutable,
}

impl ExchangeTopo {
    /// The destinations of a message with this envelope, in binding order
    /// (one copy per destination, however many of its bindings match).
    pub fn destinations(&self, env: &Envelope) -> Vec<ChannelId> {
        let mut out: Vec<ChannelId> = Vec::new();
        for b in &self.bindings {
            let hit = match self.routing {
                Routing::Fanout => true,
                Routing::Direct => b.key.as_deref().unwrap_or("") == env.routing_key,
                Routing::Topic => topic_matches(b.key.as_deref().unwrap_or(""), &env.routing_key),
                Routing::Headers => headers_match(&b.headers, b.match_mode, &env.attributes),
                Routing::Filter => filter_matches(&b.filter, &env.attributes),
            };
            if hit && !out.contains(&b.to) {
                out.push(b.to);
            }
        }
        out
    }
}

/// A compiled binding.
#[derive(Clone, Debug)]
pub struct BindingTopo {
    /// Destination channel.
    pub to: ChannelId,
    /// Binding key.
    pub key: Option<String>,
    /// Bound headers.
    pub headers: BTreeMap<String, String>,
    /// x-match.
    pub match_mode: MatchMode,
    /// Filter policy.
    pub filter: BTreeMap<String, Vec<String>>,
}

/// A compiled log.
#[derive(Clone, Debug)]
pub struct LogTopo {
    /// Partition count.
    pub partitions: u32,
    /// Records older than this are deleted.
    pub retention: Micros,
    /// Most records per partition.
    pub retention_records: Option<u32>,
    /// Auto-commit interval (None: commit after each record).
    pub auto_commit: Option<Micros>,
    /// Time before a silent consumer's partitions move.
    pub session_timeout: Micros,
    /// Start of a group without a valid offset.
    pub reset: OffsetReset,
}

/// A retry policy's first delay (`retry.<name>`) and its longest one
/// (`retry.max_ms`), the first no larger than the longest.
fn up_to(
    (first_ms, name): (f64, &str),
    max_ms: f64,
    f: &dyn Fn(&str) -> String,
) -> Result<(Micros, Micros), ScenarioError> {
    let first = time(first_ms, 0.0, &f(&format!("retry.{name}")))?;
    let max = time(max_ms, 0.0, &f("retry.max_ms"))?;
    if first > max {
        return Err(ScenarioError::invalid(f("retry"), Problem::MinAboveMax));
    }
    Ok((first, max))
}

/// Google Pub/Sub's maximum delivery attempts when a dead-letter topic is set
/// and the field is not (its documented default).
pub const GOOGLE_DEFAULT_DELIVERY_ATTEMPTS: u32 = 5;

/// Compiles channel `i`; `channel` resolves ids of other channels.
pub(crate) fn compile_channel(
    i: usize,
    ch: &ChannelSpec,
    channel: &dyn Fn(&str, String) -> Result<ChannelId, ScenarioError>,
) -> Result<ChannelTopo, ScenarioError> {
    let f = |name: &str| format!("channels[{i}].kind.{name}");
    if let Some(preset) = ch.broker {
        if !preset.fits(&ch.kind) {
            return Err(ScenarioError::invalid(
                format!("channels[{i}].kind.type"),
                Problem::PresetKind {
                    preset: preset.label(),
                    needs: preset.kind().type_name(),
                },
            ));
        }
    }
    Ok(match &ch.kind {
        ChannelKind::PubSub => ChannelTopo::PubSub,
        ChannelKind::Queue(q) => {
            let dead_letter = match &q.dead_letter {
                Some(id) => Some(channel(id, f("dead_letter"))?),
                None => None,
            };
            let retry = match q.retry {
                RetryPolicy::Immediate => Retry::Immediate,
                RetryPolicy::Delay { ms } => Retry::Delay(time(ms, 0.0, &f("retry.ms"))?),
                RetryPolicy::Backoff { min_ms, max_ms } => {
                    let (lo, hi) = up_to((min_ms, "min_ms"), max_ms, &f)?;
                    Retry::Backoff(lo, hi)
                }
                RetryPolicy::Linear { ms, max_ms } => {
                    let (step, max) = up_to((ms, "ms"), max_ms, &f)?;
                    Retry::Linear(step, max)
                }
            };
            ChannelTopo::Queue(QueueTopo {
                visibility_timeout: time(
                    q.visibility_timeout_ms,
                    0.001,
                    &f("visibility_timeout_ms"),
                )?,
                max_deliveries: match count(q.max_deliveries, 0, 1_000, &f("max_deliveries"))? {
                    // Google Pub/Sub: a subscription with a dead-letter topic
                    // and no maximum delivery attempts set uses 5.
                    0 if ch.broker == Some(Preset::GooglePubsubSubscription)
                        && dead_letter.is_some() =>
                    {
                        Some(GOOGLE_DEFAULT_DELIVERY_ATTEMPTS)
                    }
                    0 => None,
                    n => Some(n),
                },
                dead_letter,
                ttl: match q.ttl_ms {
                    Some(ms) => Some(time_up_to(ms, 0.001, MAX_RETENTION_MS, &f("ttl_ms"))?),
                    None => None,
                },
                max_length: match q.max_length {
                    Some(n) => Some(count(n, 1, 1_000_000_000, &f("max_length"))?),
                    None => None,
                },
                overflow: q.overflow,
                on_failure: q.on_failure,
                retry,
                ordered_by_key: q.ordered_by_key,
                dedup_window: match q.dedup_window_ms {
                    Some(ms) => Some(time(ms, 0.001, &f("dedup_window_ms"))?),
                    None => None,
                },
                touch: q.touch,
                dead_letter_expired: q.dead_letter_expired,
                requeue_on_down: q.requeue_on_consumer_down,
            })
        }
        ChannelKind::Exchange(x) => {
            let mut bindings = Vec::with_capacity(x.bindings.len());
            for (j, b) in x.bindings.iter().enumerate() {
                let field = f(&format!("bindings[{j}].to"));
                let to = channel(&b.to, field.clone())?;
                if to.index() == i {
                    return Err(ScenarioError::invalid(field, Problem::SelfBinding));
                }
                bindings.push(BindingTopo {
                    to,
                    key: b.key.clone(),
                    headers: b.headers.clone(),
                    match_mode: b.match_mode,
                    filter: b.filter.clone(),
                });
            }
            ChannelTopo::Exchange(ExchangeTopo {
                routing: x.routing,
                bindings,
                unroutable: x.unroutable,
            })
        }
        ChannelKind::Log(l) => ChannelTopo::Log(LogTopo {
            partitions: count(l.partitions, 1, 1_000, &f("partitions"))?,
            retention: time_up_to(l.retention_ms, 0.001, MAX_RETENTION_MS, &f("retention_ms"))?,
            retention_records: match l.retention_records {
                Some(n) => Some(count(n, 1, 1_000_000_000, &f("retention_records"))?),
                None => None,
            },
            auto_commit: match l.auto_commit_interval_ms {
                Some(ms) => Some(time(ms, 0.001, &f("auto_commit_interval_ms"))?),
                None => None,
            },
            session_timeout: time(l.session_timeout_ms, 0.001, &f("session_timeout_ms"))?,
            reset: l.auto_offset_reset,
        }),
    })
}
