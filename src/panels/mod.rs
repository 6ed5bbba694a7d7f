//! Panels under the canvas: the comparison, the live chart, the event log;
//! and the open example's note.

pub mod chart;
pub mod compare;
pub mod example_note;
pub mod log;
