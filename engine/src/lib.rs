//! Kurir's engine: a deterministic discrete-event simulation of services,
//! message channels and RPC calls. No DOM, no clock, no OS randomness: the
//! same scenario, seed and commands give the same trace natively and in wasm.
//!
//! ```
//! use kurir_engine::{examples, ServiceId, Sim, SimOptions, base::time::SEC};
//! let mut sim = Sim::new(examples::lesson(), SimOptions::default()).unwrap();
//! sim.place_order(ServiceId(0));
//! sim.run_for(5 * SEC);
//! assert_eq!(sim.metrics().orders.completed, 1);
//! ```
//!
//! # Map
//!
//! The folders are the layers. Each uses only the layers above it in this
//! list (and its own children); `tests/layers.rs` checks it.
//!
//! - [`base`]: integer microseconds, the seeded RNG, a slab with stable keys,
//!   typed service and channel indices ([`ServiceId`], [`ChannelId`]), the
//!   event schedule. Imports nothing else of the crate.
//! - [`scenario`]: the format people write, save and share — plain data with
//!   serde, the broker [`scenario::preset`]s, routing rules as pure functions
//!   ([`scenario::routing`]), envelope templates, the builder, and
//!   `refs` (every field that names another node, and removing nodes).
//! - [`compile`]: checks a scenario and turns it into a [`compile::Topology`]
//!   of indices and microseconds: limits, fields, channels, subscribers,
//!   patterns, cycles. Anything that drives brokers (the simulator, a live
//!   runtime) starts from here.
//! - [`input`]: untrusted text — reading and migrating JSON files, share
//!   links, pretty printing.
//! - [`formats`]: other tools' files in and out of a scenario (RabbitMQ's
//!   definitions and AsyncAPI 3.0 documents, in and out), with what each
//!   could not carry listed.
//! - [`sim`]: the run. [`Sim`]'s public methods are all in `sim/mod.rs`;
//!   services, RPC, orders, retuning, the trace, metrics; the world a
//!   channel acts on (`world.rs`), and each channel kind in `sim/channel/`,
//!   owning its spec and state.
//! - [`observe`]: reading a run — snapshot, summary, trace JSON, the
//!   RPC-versus-messaging comparison, the determinism digest.
//! - [`examples`]: the built-in scenarios (lesson, gallery, one per broker,
//!   benchmark shapes).
//!
//! House rules: time is integer microseconds; hashers and the RNG are fixed
//! (no OS randomness, no `HashMap` iteration order in behaviour); bad input
//! is a typed [`ScenarioError`], never a panic; `unreachable!` only marks an
//! invariant the compiler has established.

#![warn(missing_docs)]

pub mod base;
pub mod compile;
pub mod examples;
pub mod formats;
pub mod input;
pub mod observe;
pub mod scenario;
pub mod sim;

pub use compile::{ChannelId, ServiceId};
pub use scenario::{Mode, Problem, Scenario, ScenarioError};
pub use sim::{Node, Sim, SimOptions};
