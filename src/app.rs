//! The application shell: header, canvas area and side panel.

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="app">
            <header class="topbar">
                <span class="brand">"Kurir"</span>
                <span class="tagline">"messaging playground"</span>
            </header>
            <main class="workspace">
                <section class="canvas-area" aria-label="Canvas"></section>
                <aside class="side-panel" aria-label="Inspector"></aside>
            </main>
        </div>
    }
}
