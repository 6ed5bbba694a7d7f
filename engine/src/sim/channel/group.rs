//! Consumer groups of a log: who owns which partition, committed offsets,
//! rebalancing when a member joins or stops heartbeating, offset resets and
//! rewinds. As in Kafka's eager rebalance, every partition is revoked and
//! reassigned; live owners commit what they finished first, and every new
//! owner resumes from the committed offset — so work finished but not
//! committed by a crashed member is done again (at-least-once).

use crate::base::sched::Ev;
use crate::compile::ServiceId;
use crate::scenario::OffsetReset;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::world::World;

use super::log::Log;

impl Log {
    /// Commits `offset` (the next record to read) for one partition.
    pub(super) fn commit(&mut self, g: u32, partition: u32, offset: u64, w: &mut World) {
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        if cursor.committed == Some(offset) {
            return;
        }
        cursor.committed = Some(offset);
        w.record(EventKind::Commit {
            channel: self.id,
            group: g,
            partition,
            offset,
        });
    }

    /// The auto-commit timer fired: every live owner commits its position.
    pub(crate) fn auto_commit_due(&mut self, w: &mut World) {
        self.commit_timer = None;
        for g in 0..self.groups.len() as u32 {
            self.commit_live(g, w);
        }
    }

    fn commit_live(&mut self, g: u32, w: &mut World) {
        for p in 0..self.partitions.len() {
            let c = &self.groups[g as usize].cursors[p];
            if c.owner.is_some_and(|o| w.is_up(o)) {
                let position = c.position;
                self.commit(g, p as u32, position, w);
            }
        }
    }

    /// Moves a cursor to the start `auto.offset.reset` names; records it
    /// jumps over are lost to this group.
    pub(super) fn reset(&mut self, g: u32, partition: u32, w: &mut World) {
        let p = &self.partitions[partition as usize];
        let (base, end) = (p.base, p.end());
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        let to = match self.spec.reset {
            OffsetReset::Earliest => base,
            OffsetReset::Latest => end,
        };
        let skipped = cursor.done_through.max(base)..to;
        cursor.position = to;
        cursor.done_through = cursor.done_through.max(to);
        for o in skipped {
            let msg = p.records[(o - base) as usize].0;
            w.drop_copy(self.id, msg, DropReason::Skipped);
        }
        w.record(EventKind::Seek {
            channel: self.id,
            group: g,
            partition,
            offset: to,
        });
    }

    /// Live members in subscription order: up, or down for less than the
    /// session timeout (the group has not noticed yet).
    fn alive_members(&self, g: u32, w: &World) -> Vec<ServiceId> {
        let timeout = self.spec.session_timeout;
        (self.groups[g as usize].members.iter().copied())
            .filter(|&m| {
                let s = &w.services[m.index()];
                s.up || s.down_since.is_some_and(|t| t + timeout > w.now)
            })
            .collect()
    }

    /// Revokes and reassigns every partition of group `g` (round-robin over
    /// live members) and resumes each from its committed offset.
    fn rebalance(&mut self, g: u32, w: &mut World) {
        if self.spec.auto_commit.is_some() {
            self.commit_live(g, w);
        }
        let alive = self.alive_members(g, w);
        let group = &mut self.groups[g as usize];
        group.generation += 1;
        let mut fresh = Vec::new();
        let mut abandoned = Vec::new();
        for (p, cursor) in group.cursors.iter_mut().enumerate() {
            if let Some(f) = cursor.in_flight.take() {
                abandoned.push((p as u32, f));
            }
            cursor.failures = 0;
            cursor.owner = (!alive.is_empty()).then(|| alive[p % alive.len()]);
            match cursor.committed {
                Some(offset) => cursor.position = offset,
                None => fresh.push(p as u32),
            }
        }
        for (p, f) in abandoned {
            self.unclaim(g, p, f, w);
        }
        w.record(EventKind::Rebalance {
            channel: self.id,
            group: g,
            members: alive.len() as u32,
        });
        for p in fresh {
            self.reset(g, p, w);
        }
        for p in 0..self.partitions.len() as u32 {
            // Behind the oldest kept record: dispatch resets it.
            self.dispatch(g, p, w);
        }
    }

    /// A service went down or came up: groups it belongs to notice (a join
    /// at once, a silent member after the session timeout).
    pub(super) fn member_changed(&mut self, service: ServiceId, up: bool, w: &mut World) {
        let mine: Vec<u32> = (0..self.groups.len() as u32)
            .filter(|&g| self.groups[g as usize].members.contains(&service))
            .collect();
        if mine.is_empty() {
            return;
        }
        if up {
            for g in mine {
                self.groups[g as usize].started = true;
                self.rebalance(g, w);
            }
        } else {
            let due = w.now + self.spec.session_timeout;
            w.schedule
                .push(due, Ev::SessionTimeout { channel: self.id });
        }
    }

    /// A session timer fired: groups with a member silent for the whole
    /// timeout rebalance without it.
    pub(crate) fn session_due(&mut self, w: &mut World) {
        let timeout = self.spec.session_timeout;
        for g in 0..self.groups.len() as u32 {
            let mut owners = self.groups[g as usize]
                .cursors
                .iter()
                .filter_map(|c| c.owner);
            let expired = owners.any(|m| {
                let s = &w.services[m.index()];
                !s.up && s.down_since.is_some_and(|t| t + timeout <= w.now)
            });
            if expired {
                self.rebalance(g, w);
            }
        }
    }

    /// Starts every group that has a live member (at the start of a run).
    pub(super) fn start_groups(&mut self, w: &mut World) {
        for g in 0..self.groups.len() {
            if self.groups[g].members.iter().any(|&m| w.is_up(m)) {
                self.groups[g].started = true;
                self.rebalance(g as u32, w);
            }
        }
    }

    /// Group `g` goes back to the oldest kept record of every partition and
    /// reads it all again (a replay: duplicates, no new copies).
    pub(crate) fn rewind(&mut self, g: u32, w: &mut World) {
        let partitions = self.partitions.len() as u32;
        for p in 0..partitions {
            let base = self.partitions[p as usize].base;
            let cursor = &mut self.groups[g as usize].cursors[p as usize];
            let abandoned = cursor.in_flight.take();
            cursor.position = base;
            cursor.failures = 0;
            if let Some(f) = abandoned {
                self.unclaim(g, p, f, w);
            }
            self.commit(g, p, base, w);
            w.record(EventKind::Seek {
                channel: self.id,
                group: g,
                partition: p,
                offset: base,
            });
        }
        self.groups[g as usize].generation += 1;
        for p in 0..partitions {
            self.dispatch(g, p, w);
        }
    }
}
