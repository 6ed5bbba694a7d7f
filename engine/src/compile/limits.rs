//! Every limit in one place: what a scenario may ask for (the format's
//! limits, checked by validation with the field named) and what a run keeps
//! at most (so a browser tab never runs out of memory or time). Where a real
//! system has a limit, Kurir takes it; elsewhere the number is what a
//! browser tab can draw and run, and the docs say so.

use crate::base::time::{Micros, SEC};

/// Longest time accepted anywhere (one day): longer is surely a typo.
pub const MAX_MS: f64 = 86_400_000.0;
/// Most workers a service may have.
pub const MAX_WORKERS: u32 = 10_000;
/// Longest display name (also a service's database label), in characters.
pub const MAX_NAME: usize = 80;
/// Most services in a scenario: more cannot be drawn or followed on one
/// canvas (the stress example has 30).
pub const MAX_SERVICES: usize = 200;
/// Most channels in a scenario.
pub const MAX_CHANNELS: usize = 200;
/// Most subscriptions (wires from channels to services).
pub const MAX_SUBSCRIPTIONS: usize = 1_000;
/// Most publishes or explicit calls of one service, and bindings of one exchange.
pub const MAX_WIRES_PER_NODE: usize = 100;
/// Most scheduled inputs, and most scheduled actions.
pub const MAX_SCHEDULED: usize = 100;
/// Most order numbers a service may always fail (`fails_orders`).
pub const MAX_POISON_ORDERS: usize = 100;
/// Shortest gap between two orders of one input: 1 ms, the playground's
/// highest order rate (1,000 per second).
pub const MIN_INPUT_EVERY_MS: f64 = 1.0;
/// Longest routing key, binding key or subscription pattern, in bytes:
/// AMQP 0-9-1 carries routing keys as a `shortstr` (at most 255 bytes).
pub const MAX_KEY_BYTES: usize = 255;
/// Most headers or attributes on one publish or binding rule (Amazon SNS and
/// SQS allow 10 message attributes; Kurir is a little more generous).
pub const MAX_ATTRIBUTES: usize = 32;
/// Largest canvas coordinate, either way: far beyond any drawing, well below
/// what SVG can still transform.
pub const MAX_COORDINATE: f64 = 1e6;

/// Most pieces of work a run holds at once (jobs, messages on a wire, copies
/// in queues and inboxes). At this many, new orders are refused, each with
/// an `order_refused` event, until some work ends: a backlog cannot grow
/// without bound in a browser tab (about 100 MB at the limit).
pub const MAX_HELD: u64 = 250_000;
/// Most records one log partition keeps, whatever its retention: the oldest
/// is deleted first, as by Kafka's `retention.bytes`.
pub const MAX_LOG_RECORDS: u32 = 100_000;
/// Most message ids a deduplicating queue remembers; the oldest is forgotten
/// first (then a late duplicate would get through, as after the window).
pub const MAX_DEDUP_IDS: usize = 100_000;
/// Virtual time stops here (100 years): every duration is at most a day, so
/// no time sum can overflow.
pub const END_OF_TIME: Micros = 100 * 365 * 86_400 * SEC;

/// Longest retention or time to live accepted (31 days, Google Pub/Sub's
/// longest topic retention; SQS allows 14, Kafka's default is 7).
pub const MAX_RETENTION_MS: f64 = 31.0 * 86_400_000.0;
