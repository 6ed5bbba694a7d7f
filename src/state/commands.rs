//! Commands on the selection that more than one control sends (the
//! inspector's buttons and the keyboard shortcuts): one place each.

use kurir_engine::Node;
use leptos::prelude::*;

use super::Playground;
use crate::model::edits;

impl Playground {
    /// Copies `node` beside itself and selects the copy (when the edit is
    /// accepted).
    pub fn duplicate(&self, node: Node) {
        if let Some(Some(copy)) = self.edit(|s| edits::duplicate(s, node)) {
            self.selection.set(vec![copy]);
        }
    }

    /// Removes the selected wire, if one is selected.
    pub fn delete_wire(&self) {
        if let Some((a, b)) = self.wire.get_untracked() {
            self.edit(|s| edits::disconnect(s, a, b));
            self.wire.set(None);
        }
    }

    /// Selects wire `a` → `b` (and no node).
    pub fn select_wire(&self, a: Node, b: Node) {
        self.selection.set(Vec::new());
        self.wire.set(Some((a, b)));
    }

    /// Deletes `nodes` with every wire and reference to them, and clears
    /// the selection.
    pub fn delete(&self, nodes: &[Node]) {
        self.edit(|s| edits::delete(s, nodes));
        self.selection.set(Vec::new());
    }
}
