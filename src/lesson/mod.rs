//! The guided lesson: steps that set up the canvas, ask for an action, check
//! it in the running engine and explain what happened; then challenges.
//! Progress is saved (not in embeds) and survives a language switch.

pub mod check;
mod panel;
pub mod steps;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use panel::LessonPanel;
use steps::{Setup, STEPS};

use crate::io::browser;
use crate::io::gallery;
use crate::state::Playground;

/// Where saved progress lives.
pub const KEY: &str = "kurir.lesson.v1";
/// Where unreadable saved progress is moved, so nothing is lost.
pub const BROKEN_KEY: &str = "kurir.lesson.unreadable";

/// Saved progress: the step shown and the steps done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Index into [`STEPS`].
    pub current: usize,
    /// Ids of the steps whose check passed.
    pub done: Vec<String>,
}

impl Progress {
    /// Reads saved progress; `Err` keeps the reason (the text is not touched).
    pub fn decode(text: &str) -> Result<Progress, String> {
        let p: Progress = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if p.current >= STEPS.len() {
            return Err(format!("step {} does not exist", p.current));
        }
        Ok(p)
    }
}

/// The lesson's state, shared through context.
#[derive(Clone, Copy)]
pub struct Lesson {
    /// The panel is shown.
    pub open: RwSignal<bool>,
    /// Step shown and steps done.
    pub progress: RwSignal<Progress>,
    /// Progress is saved (not in an embed).
    saving: bool,
    /// Saved progress could not be read (shown once in the panel).
    pub unreadable: RwSignal<bool>,
}

impl Lesson {
    /// Loads saved progress (when `saving`) and keeps it saved.
    pub fn new(saving: bool) -> Lesson {
        let mut unreadable = false;
        let mut kept = true;
        let progress = match saving.then(|| browser::load(KEY)).flatten() {
            None => Progress::default(),
            Some(text) => Progress::decode(&text).unwrap_or_else(|_| {
                // Kept aside, or else not saved over this session.
                kept = crate::io::saving::keep_aside(BROKEN_KEY, &text).is_some();
                unreadable = true;
                Progress::default()
            }),
        };
        let lesson = Lesson {
            open: RwSignal::new(false),
            progress: RwSignal::new(progress),
            saving,
            unreadable: RwSignal::new(unreadable),
        };
        if saving && kept {
            Effect::new(move |_| {
                let text = lesson
                    .progress
                    .with(|p| serde_json::to_string(p).unwrap_or_default());
                browser::store(KEY, &text);
            });
        }
        lesson
    }

    /// Shows step `index` and sets up its canvas.
    pub fn go(&self, pg: Playground, index: usize) {
        let index = index.min(STEPS.len() - 1);
        self.progress.update(|p| p.current = index);
        let scenario = match STEPS[index].setup {
            Setup::Lesson => gallery::get("lesson"),
            Setup::LessonRpc => gallery::get("lesson-rpc"),
            Setup::Example(id) => gallery::get(id),
            Setup::Keep => None,
        };
        if let Some(s) = scenario {
            pg.set_rate(0.0);
            pg.replace(s);
            pg.playing.set(true);
        }
    }

    /// Opens or closes the panel; the first opening starts step 1.
    pub fn toggle(&self, pg: Playground) {
        let opening = !self.open.get_untracked();
        self.open.set(opening);
        let fresh = self
            .progress
            .with_untracked(|p| p.done.is_empty() && p.current == 0);
        if opening && fresh {
            self.go(pg, 0);
        }
    }

    /// Records that step `index` passed its check.
    pub fn mark_done(&self, index: usize) {
        let id = STEPS[index].id;
        if !self
            .progress
            .with_untracked(|p| p.done.iter().any(|d| d == id))
        {
            self.progress.update(|p| p.done.push(id.to_string()));
        }
    }

    /// Whether progress is saved (false in embeds).
    pub fn saving(&self) -> bool {
        self.saving
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_progress_round_trips_and_bad_progress_is_refused() {
        let p = Progress {
            current: 3,
            done: vec!["meet".into(), "rpc-wait".into()],
        };
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(Progress::decode(&text), Ok(p));
        assert!(Progress::decode("{\"current\":999,\"done\":[]}").is_err());
        assert!(Progress::decode("not json").is_err());
    }

    #[test]
    fn every_step_has_an_id_of_its_own_and_both_languages() {
        let mut ids: Vec<&str> = STEPS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), STEPS.len());
        for s in STEPS {
            for text in [s.title, s.intro, s.task, s.explain] {
                assert!(!text.en.is_empty() && !text.id.is_empty(), "{}", s.id);
                assert_ne!(text.en, text.id, "{} is not translated", s.id);
            }
            if let Setup::Example(id) = s.setup {
                assert!(gallery::get(id).is_some(), "{id}");
            }
        }
    }
}
