//! Panels under the canvas: the comparison, the live chart, the event log.

pub mod chart;
pub mod compare;
pub mod log;
