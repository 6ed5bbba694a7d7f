//! Panels under the canvas: the comparison (live and side by side, the real
//! broker against the simulator), the live chart, the event log; and the
//! open example's note.

pub mod chart;
pub mod compare;
pub mod example_note;
pub mod log;
pub mod real_vs_simulated;
