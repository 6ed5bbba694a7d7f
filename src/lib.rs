//! Kurir's web app (Leptos, client-side rendered).
