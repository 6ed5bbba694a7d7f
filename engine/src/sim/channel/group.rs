//! Consumer groups of a log: who owns which partition, committed offsets,
//! rebalancing when a member joins or stops heartbeating, offset resets and
//! rewinds. As in Kafka's eager rebalance, every partition is revoked and
//! reassigned; live owners commit what they finished first, and every new
//! owner resumes from the committed offset — so work finished but not
//! committed by a crashed member is done again (at-least-once).

use crate::base::sched::Ev;
use crate::scenario::OffsetReset;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::Sim;

use super::ChannelState;

impl Sim {
    /// Commits `offset` (the next record to read) for one partition.
    pub(crate) fn log_commit(&mut self, channel: u32, g: u32, partition: u32, offset: u64) {
        let cursor = &mut self.log(channel).groups[g as usize].cursors[partition as usize];
        if cursor.committed == Some(offset) {
            return;
        }
        cursor.committed = Some(offset);
        self.record(EventKind::Commit {
            channel,
            group: g,
            partition,
            offset,
        });
    }

    /// The auto-commit timer fired: every live owner commits its position.
    pub(crate) fn auto_commit_due(&mut self, channel: u32) {
        self.log(channel).commit_timer = None;
        let groups = self.log(channel).groups.len() as u32;
        for g in 0..groups {
            self.commit_live(channel, g);
        }
    }

    fn commit_live(&mut self, channel: u32, g: u32) {
        let cursors = self.log(channel).groups[g as usize].cursors.clone();
        for (p, c) in cursors.iter().enumerate() {
            let live = c.owner.is_some_and(|o| self.services[o as usize].up);
            if live {
                self.log_commit(channel, g, p as u32, c.position);
            }
        }
    }

    /// Moves a cursor to the start `auto.offset.reset` names; records it
    /// jumps over are lost to this group.
    pub(crate) fn log_reset(&mut self, channel: u32, g: u32, partition: u32) {
        let reset = self.log_spec(channel).reset;
        let log = self.log(channel);
        let p = &log.partitions[partition as usize];
        let (base, end) = (p.base, p.end());
        let cursor = &mut log.groups[g as usize].cursors[partition as usize];
        let to = match reset {
            OffsetReset::Earliest => base,
            OffsetReset::Latest => end,
        };
        let skipped: Vec<_> = (cursor.done_through.max(base)..to)
            .map(|o| p.records[(o - base) as usize].0)
            .collect();
        cursor.position = to;
        cursor.done_through = cursor.done_through.max(to);
        for msg in skipped {
            self.drop_copy(channel, msg, DropReason::Skipped);
        }
        self.record(EventKind::Seek {
            channel,
            group: g,
            partition,
            offset: to,
        });
    }

    /// Live members in subscription order: up, or down for less than the
    /// session timeout (the group has not noticed yet).
    fn alive_members(&self, channel: u32, g: u32) -> Vec<u32> {
        let timeout = self.log_spec(channel).session_timeout;
        let ChannelState::Log(log) = &self.channels[channel as usize] else {
            return Vec::new();
        };
        log.groups[g as usize]
            .members
            .iter()
            .copied()
            .filter(|&m| {
                let s = &self.services[m as usize];
                s.up || s.down_since.is_some_and(|t| t + timeout > self.now)
            })
            .collect()
    }

    /// Revokes and reassigns every partition of group `g` (round-robin over
    /// live members) and resumes each from its committed offset.
    pub(crate) fn rebalance(&mut self, channel: u32, g: u32) {
        if self.log_spec(channel).auto_commit.is_some() {
            self.commit_live(channel, g);
        }
        let alive = self.alive_members(channel, g);
        let partitions = self.log(channel).partitions.len();
        let group = &mut self.log(channel).groups[g as usize];
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
            self.unclaim(channel, g, p, f);
        }
        self.record(EventKind::Rebalance {
            channel,
            group: g,
            members: alive.len() as u32,
        });
        for p in fresh {
            self.log_reset(channel, g, p);
        }
        for p in 0..partitions as u32 {
            // Behind the oldest kept record: dispatch resets it.
            self.log_dispatch(channel, g, p);
        }
    }

    /// A service went down or came up: groups it belongs to notice (a join
    /// at once, a silent member after the session timeout).
    pub(crate) fn log_member_changed(&mut self, service: u32, up: bool) {
        for channel in 0..self.channels.len() as u32 {
            let ChannelState::Log(log) = &self.channels[channel as usize] else {
                continue;
            };
            let mine: Vec<u32> = (0..log.groups.len() as u32)
                .filter(|&g| log.groups[g as usize].members.contains(&service))
                .collect();
            if mine.is_empty() {
                continue;
            }
            if up {
                for g in mine {
                    self.log(channel).groups[g as usize].started = true;
                    self.rebalance(channel, g);
                }
            } else {
                let due = self.now + self.log_spec(channel).session_timeout;
                self.schedule.push(due, Ev::SessionTimeout { channel });
            }
        }
    }

    /// A session timer fired: groups with a member silent for the whole
    /// timeout rebalance without it.
    pub(crate) fn session_due(&mut self, channel: u32) {
        let timeout = self.log_spec(channel).session_timeout;
        let groups = self.log(channel).groups.len() as u32;
        for g in 0..groups {
            let group = &self.log(channel).groups[g as usize];
            let owners: Vec<u32> = group.cursors.iter().filter_map(|c| c.owner).collect();
            let expired = owners.iter().any(|&m| {
                let s = &self.services[m as usize];
                !s.up && s.down_since.is_some_and(|t| t + timeout <= self.now)
            });
            if expired {
                self.rebalance(channel, g);
            }
        }
    }

    /// Starts every group that has a live member (at the start of a run).
    pub(crate) fn start_groups(&mut self) {
        for channel in 0..self.channels.len() as u32 {
            let ChannelState::Log(log) = &self.channels[channel as usize] else {
                continue;
            };
            let groups = log.groups.clone();
            for (g, group) in groups.iter().enumerate() {
                if group.members.iter().any(|&m| self.services[m as usize].up) {
                    self.log(channel).groups[g].started = true;
                    self.rebalance(channel, g as u32);
                }
            }
        }
    }

    /// Group `g` goes back to the oldest kept record of every partition and
    /// reads it all again (a replay: duplicates, no new copies).
    pub(crate) fn rewind(&mut self, channel: u32, g: u32) {
        let partitions = self.log(channel).partitions.len() as u32;
        for p in 0..partitions {
            let log = self.log(channel);
            let base = log.partitions[p as usize].base;
            let cursor = &mut log.groups[g as usize].cursors[p as usize];
            let abandoned = cursor.in_flight.take();
            cursor.position = base;
            cursor.failures = 0;
            if let Some(f) = abandoned {
                self.unclaim(channel, g, p, f);
            }
            self.log_commit(channel, g, p, base);
            self.record(EventKind::Seek {
                channel,
                group: g,
                partition: p,
                offset: base,
            });
        }
        self.log(channel).groups[g as usize].generation += 1;
        for p in 0..partitions {
            self.log_dispatch(channel, g, p);
        }
    }
}
