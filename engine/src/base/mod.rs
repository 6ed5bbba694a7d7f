//! Building blocks with no knowledge of messaging: integer microseconds, a
//! seeded random number generator, a slab with stable keys and the event
//! schedule. Nothing here imports another part of the crate.

pub mod rng;
pub(crate) mod sched;
pub(crate) mod slab;
pub mod time;
