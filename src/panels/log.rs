//! The event log: what happened, in words, newest first; filterable and
//! freezable. A polite live region reads a few of the lines to screen readers.

use kurir_engine::base::time::format_micros;
use leptos::prelude::*;

use crate::state::{LogLine, Playground};
use crate::text::i18n::T;

/// Lines shown while the log runs: a handful are in view and a flood replaces
/// all of them each sample, so more would only cost frames.
const SHOWN_LIVE: usize = 30;
/// Lines shown when frozen (the whole kept log): nothing changes then.
const SHOWN_FROZEN: usize = crate::state::LOG_LINES;

/// The log panel.
#[component]
pub fn LogPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let filter = RwSignal::new(String::new());
    let frozen = RwSignal::new(None::<Vec<LogLine>>);
    let lines = move || {
        let needle = filter.get();
        let pick = |l: &LogLine| contains_folded(&l.text, &needle);
        match frozen.get() {
            Some(lines) => lines
                .into_iter()
                .rev()
                .filter(|l| pick(l))
                .take(SHOWN_FROZEN)
                .collect::<Vec<_>>(),
            None => pg.log.with(|log| {
                log.iter()
                    .rev()
                    .filter(|l| pick(l))
                    .take(SHOWN_LIVE)
                    .cloned()
                    .collect()
            }),
        }
    };
    view! {
        <section class="card log-card" aria-labelledby="log-title" tabindex="0">
            <div class="card-head">
                <h2 id="log-title">{move || pg.t(T::Log)}</h2>
                <input id="log-filter" type="search" placeholder=move || pg.t(T::Filter) aria-label=move || pg.t(T::Filter)
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) />
                <button id="log-freeze" class="small" aria-pressed=move || frozen.with(|f| f.is_some()).to_string()
                    on:click=move |_| frozen.update(|f| *f = match f {
                        Some(_) => None,
                        None => Some(pg.log.with_untracked(|l| l.iter().cloned().collect())),
                    })>{move || pg.t(T::PauseLog)}</button>
            </div>
            // Rows by position, not a keyed `For`: with `For` each row that
            // scrolled out kept ~1.3 KB of wasm memory (10 MB per 10,000
            // orders, measured); here the same 30 rows are updated in place.
            <ol class="log">
                {move || lines().into_iter().map(|line| view! {
                    <li><time>{format_micros(line.t)}</time>" "<span>{line.text}</span></li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Whether `text` contains `needle`, ignoring the case of ASCII letters.
/// Other letters match as typed: Unicode's case tables would add ~14 KB
/// (gzip) to the download for names like "Café", and the interface's own
/// words (English, Indonesian) are ASCII.
fn contains_folded(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || text
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::contains_folded;

    #[test]
    fn the_filter_ignores_case_and_finds_any_part() {
        assert!(contains_folded("Email service processed order #3", "EMAIL"));
        assert!(contains_folded("Layanan SMS mati", "sms MATI"));
        assert!(contains_folded("Café got order #1", "café"));
        assert!(contains_folded("anything", ""));
        assert!(!contains_folded("Email", "sms"));
        assert!(!contains_folded("ab", "abc"));
    }
}
