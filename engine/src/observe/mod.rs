//! Reading a run: the snapshot the UI draws, the text summary, the trace as
//! JSON lines, the RPC-versus-messaging comparison and the determinism
//! digest. Nothing in the engine depends on these.

pub mod compare;
pub mod digest;
pub mod log_view;
pub mod queue_view;
pub mod snapshot;
pub mod summary;
pub mod trace_json;
