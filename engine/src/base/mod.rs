//! Building blocks: integer microseconds, a seeded random number generator,
//! a slab with stable keys, typed node indices and the event schedule.
//! Nothing here imports another part of the crate.

pub mod id;
pub mod rng;
pub(crate) mod sched;
pub(crate) mod slab;
pub mod time;
