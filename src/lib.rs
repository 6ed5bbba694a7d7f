//! Kurir's web app (Leptos, client-side rendered). The simulation itself is
//! the `kurir-engine` crate; this crate only drives it and draws it.

mod app;

pub use app::App;
