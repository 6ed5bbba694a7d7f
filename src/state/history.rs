//! Editing the scenario: validated edits applied live (or by restarting the
//! run), refusals that change nothing, undo/redo, and opening another scenario.

use kurir_engine::{Node, Scenario};
use leptos::prelude::*;

use super::{new_sim, Playground};
use crate::text::i18n::T;

/// Undo steps kept.
const UNDO_STEPS: usize = 200;

impl Playground {
    /// Applies an edit: validated by the engine, applied live when it can be,
    /// else the run restarts. Returns what `f` returned, or `None` when the
    /// edit was refused: it then changes nothing and says why.
    pub fn edit<R>(&self, f: impl FnOnce(&mut Scenario) -> R) -> Option<R> {
        let old = self.scenario.get_untracked();
        let mut new = old.clone();
        let made = f(&mut new);
        if new == old || self.apply(new, Some(old)) {
            Some(made)
        } else {
            None
        }
    }

    fn apply(&self, new: Scenario, undo_entry: Option<Scenario>) -> bool {
        let live = self.sim.try_update_value(|sim| sim.retune(new.clone()));
        match live {
            Some(Ok(true)) => self.twin_do(|twin| {
                let _ = twin.retune(new.clone());
            }),
            Some(Ok(false)) => match new_sim(&new) {
                Ok(sim) => self.start_run(sim, &new),
                Err(e) => {
                    return self
                        .refuse(crate::text::errors::describe(&e, self.lang.get_untracked()))
                }
            },
            Some(Err(e)) => {
                return self.refuse(crate::text::errors::describe(&e, self.lang.get_untracked()))
            }
            None => return false,
        }
        if let Some(old) = undo_entry {
            self.push_undo(old);
        }
        let count = (new.services.len(), new.channels.len());
        self.scenario.set(new);
        self.selection.update(|sel| {
            sel.retain(|n| match *n {
                Node::Service(i) => i.index() < count.0,
                Node::Channel(i) => i.index() < count.1,
            })
        });
        self.notice.set(None);
        self.refresh();
        true
    }

    fn refuse(&self, message: String) -> bool {
        self.notice
            .set(Some(format!("{} {message}", self.t(T::InvalidValue))));
        false
    }

    /// Moves a node without touching the run (layout only, no undo entry:
    /// call [`Playground::remember`] once when a drag starts).
    pub fn move_node(&self, node: Node, x: f64, y: f64) {
        self.scenario.update(|s| match node {
            Node::Service(i) => {
                s.services[i.index()].x = x.round();
                s.services[i.index()].y = y.round();
            }
            Node::Channel(i) => {
                s.channels[i.index()].x = x.round();
                s.channels[i.index()].y = y.round();
            }
        });
        // Layout only: the engine's copy of the scenario keeps its old
        // positions until the next real edit, which it never reads anyway.
    }

    /// Saves the current scenario as an undo step (before a gesture).
    pub fn remember(&self) {
        self.push_undo(self.scenario.get_untracked());
    }

    /// A new edit: `old` becomes the undo step, and redo history ends.
    fn push_undo(&self, old: Scenario) {
        self.undo.update_value(|u| {
            // A long session keeps the latest steps, not every one.
            if u.len() == UNDO_STEPS {
                u.remove(0);
            }
            u.push(old)
        });
        self.redo.update_value(|r| r.clear());
        self.sync_history();
    }

    /// Tells the undo and redo buttons whether they have a step to take.
    fn sync_history(&self) {
        let now = (self.can_undo(), self.can_redo());
        if self.history.get_untracked() != now {
            self.history.set(now);
        }
    }

    /// Makes `previous` the undo step of the scenario opened at start (the
    /// user's work that a share link replaced).
    pub fn remember_before(&self, previous: Scenario) {
        self.push_undo(previous);
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        if let Some(prev) = self.undo.try_update_value(|u| u.pop()).flatten() {
            let current = self.scenario.get_untracked();
            if self.apply(prev, None) {
                self.redo.update_value(|r| r.push(current));
            }
            self.sync_history();
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
        if let Some(next) = self.redo.try_update_value(|r| r.pop()).flatten() {
            let current = self.scenario.get_untracked();
            if self.apply(next, None) {
                self.undo.update_value(|u| u.push(current));
            }
            self.sync_history();
        }
    }

    /// Opens a whole other scenario (import, new, example): undoable, and the
    /// run starts from time 0.
    pub fn replace(&self, scenario: Scenario) -> bool {
        let old = self.scenario.get_untracked();
        match new_sim(&scenario) {
            Ok(sim) => {
                self.push_undo(old);
                self.start_run(sim, &scenario);
                self.selection.set(Vec::new());
                self.scenario.set(scenario);
                self.notice.set(None);
                self.refresh();
                self.fit_requests.update(|n| *n += 1);
                true
            }
            Err(e) => self.refuse(crate::text::errors::describe(&e, self.lang.get_untracked())),
        }
    }

    /// Whether undo / redo have something to do (for button states).
    pub fn can_undo(&self) -> bool {
        self.undo.with_value(|u| !u.is_empty())
    }

    /// See [`Playground::can_undo`].
    pub fn can_redo(&self) -> bool {
        self.redo.with_value(|r| !r.is_empty())
    }
}
