//! Consumer groups of a log: who owns which partition, committed offsets,
//! rebalancing when a member joins, leaves or stops heartbeating, offset
//! resets and rewinds. As in Kafka's eager rebalance, every partition is revoked and
//! reassigned; live owners commit what they finished first, and every new
//! owner resumes from the committed offset — so work finished but not
//! committed by a crashed member is done again (at-least-once).

use crate::base::sched::Ev;
use crate::compile::{GroupKey, LogTopo, ServiceId, Subscribers};
use crate::scenario::OffsetReset;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::world::World;

use super::log::{Group, Log};

impl Log {
    /// The index of the group `key`, a new one (numbered after the others)
    /// when no group has that key yet: a group keeps its number, offsets
    /// and place for the whole run, as a Kafka group keeps its committed
    /// offsets when its last member leaves.
    pub(super) fn group_of(&mut self, key: GroupKey) -> usize {
        match self.groups.iter().position(|g| g.key == key) {
            Some(g) => g,
            None => {
                self.groups.push(Group::new(key, self.spec.partitions));
                self.groups.len() - 1
            }
        }
    }

    /// Each compiled group's key with its member services, in order.
    pub(super) fn memberships(&self, subscribers: &Subscribers) -> Vec<(GroupKey, Vec<ServiceId>)> {
        (subscribers.groups.iter().enumerate())
            .map(|(g, key)| (key.clone(), subscribers.group_members(g as u32).collect()))
            .collect()
    }

    /// The group people call `name` (its name, or the service id of a
    /// subscriber on its own).
    pub(crate) fn group_called(&self, name: &str) -> Option<u32> {
        let g = self.groups.iter().position(|g| g.key.is_called(name))?;
        Some(g as u32)
    }

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

    /// Moves a cursor to the start `auto.offset.reset` names. Owed records
    /// it jumps over are lost to this group; records appended before the
    /// group started were never owed, so `latest` skipping them loses
    /// nothing, and `earliest` makes them owed (the group reads them now).
    pub(super) fn reset(&mut self, g: u32, partition: u32, w: &mut World) {
        if self.spec.reset == OffsetReset::Earliest {
            let base = self.partitions[partition as usize].base;
            self.owe_late(g, partition, base, w);
        }
        let p = &self.partitions[partition as usize];
        let (base, end) = (p.base, p.end());
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        let to = match self.spec.reset {
            OffsetReset::Earliest => base,
            OffsetReset::Latest => end,
        };
        let skipped_late = cursor.late.start.max(base)..cursor.late.end.min(to);
        cursor.late.start = cursor.late.start.max(skipped_late.end);
        let skipped = cursor.done_through.max(base)..to;
        cursor.position = to;
        cursor.done_through = cursor.done_through.max(to);
        for o in skipped_late.chain(skipped) {
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

    /// The group goes back to `from`, over records appended before it
    /// started: from now on it owes each one still kept a copy, and each
    /// first read of them is a first delivery (attempt 1). At most once per
    /// partition: afterwards the group owes everything from `from` on.
    fn owe_late(&mut self, g: u32, partition: u32, from: u64, w: &mut World) {
        let p = &self.partitions[partition as usize];
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        let from = from.max(p.base);
        if cursor.owed_from <= from {
            return;
        }
        let late = from..cursor.owed_from;
        for o in late.clone() {
            let msg = p.records[(o - p.base) as usize].0;
            w.orders.add(msg.order, 1);
        }
        w.metrics.channels[self.id.index()].created += late.end - late.start;
        cursor.owed_from = from;
        cursor.late = late;
    }

    /// A group's first live member: from now on it owes every record
    /// appended; where it starts reading is `auto.offset.reset`'s business
    /// (its partitions have no committed offset yet).
    pub(super) fn start_group(&mut self, g: u32, w: &mut World) {
        let group = &mut self.groups[g as usize];
        if !group.started {
            group.started = true;
            for (cursor, p) in group.cursors.iter_mut().zip(&self.partitions) {
                cursor.owed_from = p.end();
                cursor.done_through = p.end();
            }
            // Offsets committed before the first member came (a rewind of
            // an empty group, as `kafka-consumer-groups --reset-offsets`
            // does): it reads from there, and owes what it reads.
            for p in 0..self.partitions.len() as u32 {
                let committed = self.groups[g as usize].cursors[p as usize].committed;
                if let Some(from) = committed {
                    self.owe_late(g, p, from, w);
                }
            }
        }
        self.rebalance(g, w);
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
                self.start_group(g, w);
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
                self.start_group(g as u32, w);
            }
        }
    }

    /// An edit or a scheduled change of who reads the log: services join
    /// and leave groups, new groups appear. A group whose members changed
    /// rebalances (a new group starts, per `auto.offset.reset`); a group
    /// left without members keeps its committed offsets.
    pub(super) fn retune(&mut self, spec: LogTopo, subscribers: Subscribers, w: &mut World) {
        self.spec = spec;
        let mut members: Vec<Vec<ServiceId>> = vec![Vec::new(); self.groups.len()];
        for (key, list) in self.memberships(&subscribers) {
            let g = self.group_of(key);
            members.resize(self.groups.len(), Vec::new());
            members[g] = list;
        }
        for (g, list) in members.into_iter().enumerate() {
            if self.groups[g].members == list {
                continue;
            }
            self.groups[g].members = list;
            let g = g as u32;
            if self.groups[g as usize].started {
                self.rebalance(g, w);
            } else if self.groups[g as usize].members.iter().any(|&m| w.is_up(m)) {
                self.start_group(g, w);
            }
        }
    }

    /// Group `g` goes back to the oldest kept record of every partition and
    /// reads it all again: records it read before are duplicates (no new
    /// copy), records appended before it started are first deliveries.
    pub(crate) fn rewind(&mut self, g: u32, w: &mut World) {
        let partitions = self.partitions.len() as u32;
        for p in 0..partitions {
            let base = self.partitions[p as usize].base;
            if self.groups[g as usize].started {
                self.owe_late(g, p, base, w);
            }
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
