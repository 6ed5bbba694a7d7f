//! Kurir's engine: a deterministic discrete-event simulation of services,
//! message channels and RPC calls. No DOM, no clock, no OS randomness: the
//! same scenario, seed and commands give the same trace natively and in wasm.
//!
//! ```
//! use kurir_engine::{examples, Sim, SimOptions, time::SEC};
//! let mut sim = Sim::new(examples::lesson(), SimOptions::default()).unwrap();
//! sim.place_order(0);
//! sim.run_for(5 * SEC);
//! assert_eq!(sim.metrics().orders.completed, 1);
//! ```

pub mod bench_scenarios;
pub mod broker;
pub mod broker_examples;
pub mod builder;
mod channel;
mod channel_topo;
pub mod compare;
mod cycles;
pub mod envelope;
mod error;
pub mod examples;
mod fields;
pub mod limits;
pub mod link;
pub mod metrics;
mod migrate;
mod orders;
mod parts;
mod patterns;
mod pretty;
mod retune;
mod rng;
pub mod routing;
mod rpc;
pub mod scenario;
mod sched;
pub mod selfcheck;
mod sim;
mod sizes;
mod slab;
pub mod snapshot;
mod strict_json;
pub mod summary;
pub mod time;
pub mod trace;
pub mod trace_json;
mod validate;
mod work;

pub use channel_topo::MAX_RETENTION_MS;
pub use error::{Problem, ScenarioError};
pub use limits::{MAX_MS, MAX_NAME, MAX_WORKERS};
pub use migrate::MAX_SCENARIO_BYTES;
pub use rng::Rng;
pub use scenario::{Mode, Scenario};
pub use sim::{Msg, Node, Sim, SimOptions};
