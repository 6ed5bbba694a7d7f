//! Kurir's web app (Leptos, client-side rendered). The simulation itself is
//! the `kurir-engine` crate; this crate only drives it and draws it.

mod app;
pub mod bench_hook;
mod browser;
pub mod canvas;
mod clock;
pub mod edits;
pub mod errors;
pub mod files;
pub mod gallery;
pub mod geometry;
pub mod i18n;
pub mod inspector;
pub mod lesson;
pub mod narrate;
pub mod panels;
pub mod persist;
mod saving;
mod startup;
pub mod state;
mod status;
pub mod toolbar;
pub mod vocab;

pub use app::App;
