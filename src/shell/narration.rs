//! The run told to screen readers.

use leptos::prelude::*;

use crate::state::Playground;

/// Reads the newest event to screen readers, at most every two seconds so
/// that a busy run stays listenable.
#[component]
pub(super) fn LiveNarration() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let spoken = RwSignal::new(String::new());
    let last = StoredValue::new(0u64);
    let handle = set_interval_with_handle(
        move || {
            let newest = pg
                .log
                .with_untracked(|l| l.back().map(|line| (line.seq, line.text.clone())));
            if let Some((seq, text)) = newest {
                if seq != last.get_value() {
                    last.set_value(seq);
                    spoken.set(text);
                }
            }
        },
        std::time::Duration::from_secs(2),
    );
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    view! { <div class="visually-hidden" aria-live="polite" id="live">{move || spoken.get()}</div> }
}
