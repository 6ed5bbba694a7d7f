//! Pure functions on a scenario: the edits the canvas makes and where nodes
//! and wires are drawn. No signals, no DOM: unit-tested natively.

pub mod edits;
pub mod geometry;
