//! Keeping the user's work in this browser: the autosave, copies kept aside
//! when saved data cannot be read, the backup of the previous work when a
//! share link opens another scenario. Every storage write is checked; when
//! one fails the user is told, and nothing readable is written over.

use kurir_engine::Scenario;
use leptos::prelude::*;

use crate::io::browser;
use crate::io::persist::{self, SavedView};
use crate::model::view::View;
use crate::state::Playground;

/// Where the work before the latest share link is kept.
pub const BACKUP_KEY: &str = "kurir.autosave.before-link";
/// The payload of the latest share link opened (to tell an unedited link
/// scenario from the user's own work).
pub const LAST_LINK_KEY: &str = "kurir.link.last";
/// How many unreadable copies are kept aside at most (each under its own key).
const ASIDE_SLOTS: u32 = 9;

/// What became of saving, for the banners.
#[derive(Clone, Copy)]
pub struct Saving {
    /// The last autosave was refused by the browser (storage full or blocked).
    pub failed: RwSignal<bool>,
    /// Unreadable saved text that could not be kept aside: the autosave does
    /// not write over it until the user has downloaded it or let it go.
    pub held: RwSignal<Option<String>>,
    /// The work open before a share link replaced it, restorable.
    pub previous: RwSignal<Option<Scenario>>,
}

impl Saving {
    /// Saving state as the start-up left it.
    pub fn new(held: Option<String>, previous: Option<Scenario>) -> Saving {
        Saving {
            failed: RwSignal::new(false),
            held: RwSignal::new(held),
            previous: RwSignal::new(previous),
        }
    }
}

/// Stores `text` under `base`, or `base.2`, `base.3`… (the first key not in
/// use), so a second unreadable copy never replaces the first. Returns the
/// key used, or `None` when storage refused (full, blocked, every slot used).
pub fn keep_aside(base: &str, text: &str) -> Option<String> {
    (1..=ASIDE_SLOTS)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}.{n}")
            }
        })
        .find(|key| browser::load(key).is_none())
        .filter(|key| browser::store(key, text))
}

/// Saves the scenario and view a moment after the last change.
pub fn autosave(pg: Playground, view: RwSignal<View>, saving: Saving) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let text = pg.scenario.with(|s| {
            let v = view.get();
            persist::encode(
                s,
                &SavedView {
                    lang: pg.lang.get(),
                    speed: pg.speed.get(),
                    pan: (v.x, v.y, v.zoom),
                },
            )
        });
        let hold = saving.held.with(Option::is_some);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        if hold {
            return;
        }
        let handle = set_timeout_with_handle(
            move || saving.failed.set(!browser::store(persist::KEY, &text)),
            std::time::Duration::from_millis(400),
        );
        pending.set_value(handle.ok());
    });
}
