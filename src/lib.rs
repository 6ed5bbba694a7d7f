//! Kurir's web app (Leptos, client-side rendered). The simulation itself is
//! the `kurir-engine` crate; this crate only drives it and draws it.
//!
//! # Map
//!
//! Layers, lowest first (`engine/tests/layers.rs` checks that each uses only
//! the ones before it, and that no modules import each other in a circle):
//!
//! - [`text`]: every word on screen, in English and Bahasa Indonesia: the
//!   string table, broker vocabulary, the event log's sentences, errors.
//! - [`model`]: pure functions on a scenario — the canvas's edits, the
//!   geometry of nodes and wires, pan and zoom.
//! - [`state`]: the [`state::Playground`]: the engine run, the signals the
//!   views draw (snapshot, figures, log) and the commands they send.
//! - [`io`]: the browser around the app — storage, files, share links,
//!   autosave and what is kept aside, the built-in examples.
//! - [`canvas`], [`inspector`], [`panels`], [`lesson`]: the views; each
//!   reads signals and sends commands, none reads the simulation.
//! - [`shell`]: the page — toolbar, banners, shortcuts, start-up, the frame
//!   clock — putting the views together.

pub mod canvas;
pub mod inspector;
pub mod io;
pub mod lesson;
pub mod model;
pub mod panels;
pub mod shell;
pub mod state;
pub mod text;

pub use shell::App;
