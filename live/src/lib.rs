//! `kurir-live`: the second runtime of a Kurir scenario. The simulator runs
//! a scenario in virtual time; this crate runs the *same file*, compiled by
//! the *same* engine, on a real broker, and prints the *same* trace.
//!
//! # Map
//!
//! Each module uses only the ones above it in this list.
//!
//! - [`error`]: what can go wrong, each naming the broker URL and the object,
//!   and the exit code it gives; [`args`]: numbers and messages of the
//!   command lines.
//! - [`plan`]: which broker a URL names, what of a scenario that broker can
//!   run (and why not the rest), and the names the run's objects get there:
//!   pure, no I/O.
//! - [`broker`]: the clients. [`broker::Broker`] declares the topology and
//!   cleans it up; [`broker::Conn`] is one service's connection (publish,
//!   consume, settle); `amqp/` (RabbitMQ, with `lapin`), `redis.rs`
//!   (Redis Pub/Sub, with `redis`), `google/` (the Pub/Sub emulator's REST
//!   API) and `aws/` (SQS's JSON and SNS's query protocol), the last two
//!   with `reqwest` and the polling loop of `poll.rs`.
//! - [`run`]: the scenario as real clients: the clock and its time scale,
//!   services with their workers, orders and scheduled actions, the trace;
//!   the one-thread runtime they run on.
//! - [`conform`]: runs scenarios on both runtimes, compares what each
//!   consumer received, and prints one table per broker.
//! - [`serve`]: `kurir-live serve`, the bridge: the app's files and the
//!   page's WebSocket, through which the canvas drives a run on a real
//!   broker (origin- and token-checked, loopback by default).
//! - [`cli`]: the command line.

#![deny(missing_docs)]

pub mod args;
pub mod broker;
pub mod cli;
pub mod conform;
pub mod error;
pub mod plan;
pub mod run;
pub mod serve;
