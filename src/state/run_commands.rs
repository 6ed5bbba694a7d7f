//! Commands to the run itself, like placing an order: not edits of the
//! scenario, so not undoable; the twin run (side by side) gets them too.

use kurir_engine::ChannelId;
use leptos::prelude::*;

use super::Playground;

impl Playground {
    /// The consumer group called `group` of log `channel` replays from the
    /// oldest kept record (a command to the run, like placing an order).
    pub fn rewind(&self, channel: ChannelId, group: &str) {
        self.sim
            .update_value(|sim| _ = sim.rewind_group(channel, group));
        self.twin_do(|twin| _ = twin.rewind_group(channel, group));
        self.refresh();
    }

    /// Every message waiting in queue `from` (a dead-letter queue) moves on
    /// to channel `to` (the queue it came from), to be delivered again.
    pub fn redrive(&self, from: ChannelId, to: ChannelId) {
        self.sim.update_value(|sim| _ = sim.redrive(from, to));
        self.twin_do(|twin| _ = twin.redrive(from, to));
        self.refresh();
    }
}
