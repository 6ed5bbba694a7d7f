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

    /// Deletes `nodes` with every wire and reference to them, and clears
    /// the selection.
    pub fn delete(&self, nodes: &[Node]) {
        self.edit(|s| edits::delete(s, nodes));
        self.selection.set(Vec::new());
    }
}
