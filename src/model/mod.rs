//! Pure functions on a scenario: the edits the canvas makes and where nodes
//! and wires are drawn, the page painted before the app arrives, and the pan and zoom of a canvas. No signals, no DOM: unit-tested natively.

pub mod dead_letters;
pub mod edits;
pub mod geometry;
pub mod legible;
pub mod prepaint;
pub mod real_vs_simulated;
pub mod tidy;
pub mod view;
pub mod wire_labels;
pub mod wire_route;
