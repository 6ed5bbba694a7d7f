//! Reading a run: the snapshot the UI draws, the text summary, the trace as
//! JSON lines, the RPC-versus-messaging comparison and the determinism
//! digest; and the other way, a run's picture folded from trace events read
//! back (`trace_read`, `observed`) for runs the engine did not simulate.
//! Nothing in the engine depends on these.

pub mod compare;
pub mod digest;
pub mod log_view;
pub mod observed;
pub mod queue_view;
pub mod snapshot;
pub mod summary;
pub mod trace_json;
pub mod trace_read;
