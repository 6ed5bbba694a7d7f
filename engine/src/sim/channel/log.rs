//! Log (a Kafka topic): records are appended to partitions (key hash picks
//! the partition; no key: round-robin) and kept until retention deletes them.
//! Each consumer group reads every record; inside a group each partition has
//! one owner, which reads it in offset order, one record at a time. Reading
//! does not remove anything. Group membership, commits and rewinds are in
//! `group.rs`.
//!
//! Bookkeeping of copies: every group that has started (it has had a live
//! member) when a record is appended owes it one piece of work. Records
//! appended before a group started were never owed to it: `latest` skips
//! them without loss, and when the group reads them after all (an `earliest`
//! start, a rewind) it owes them from then on, each read a first delivery
//! (see `group.rs`). `done_through` marks, per group and partition, the
//! offsets already claimed; re-reading older offsets (after a rebalance or a
//! rewind) is duplicate work and creates no new copy.

use std::collections::VecDeque;
use std::ops::Range;

use crate::base::sched::Ev;
use crate::base::time::Micros;
use crate::compile::limits::MAX_LOG_RECORDS;
use crate::compile::{ChannelId, GroupKey, LogTopo, ServiceId, Subscribers};
use crate::sim::trace::{DropReason, EventKind, RedeliverCause};
use crate::sim::world::World;
use crate::sim::{Msg, Work};

/// One partition: records from `base` on.
#[derive(Clone, Debug, Default)]
pub(crate) struct Partition {
    pub base: u64,
    pub records: VecDeque<(Msg, Micros)>,
}

impl Partition {
    pub fn end(&self) -> u64 {
        self.base + self.records.len() as u64
    }
}

/// The record a group's partition owner is working on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct InFlight {
    pub offset: u64,
    pub msg: Msg,
    /// First time this group reads it (it carries the group's copy).
    pub counted: bool,
    /// It is one of the records the group came to owe late (`Cursor::late`).
    pub late: bool,
}

/// A group's place in one partition.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cursor {
    pub position: u64,
    pub committed: Option<u64>,
    pub done_through: u64,
    pub in_flight: Option<InFlight>,
    pub owner: Option<ServiceId>,
    /// Failed attempts at the record at `position`.
    pub failures: u32,
    /// Records from this offset on were owed when appended (the group had
    /// started); older ones were not.
    pub owed_from: u64,
    /// Records appended before the group started that it owes since it
    /// went back to read them, not claimed yet (all below `done_through`).
    pub late: Range<u64>,
}

/// A consumer group.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// Who it is (its name, or its one service).
    pub key: GroupKey,
    /// It has had a live member (a Kafka group exists from its first join).
    pub started: bool,
    pub generation: u32,
    /// Member services in subscription order.
    pub members: Vec<ServiceId>,
    pub cursors: Vec<Cursor>,
}

impl Group {
    pub(super) fn new(key: GroupKey, partitions: u32) -> Self {
        Group {
            key,
            started: false,
            generation: 0,
            members: Vec::new(),
            cursors: vec![Cursor::default(); partitions as usize],
        }
    }
}

/// A log: its spec, its consumer groups, and its partitions.
#[derive(Clone, Debug)]
pub(crate) struct Log {
    pub id: ChannelId,
    pub spec: LogTopo,
    pub partitions: Vec<Partition>,
    pub groups: Vec<Group>,
    next_partition: u32,
    retention_timer: Option<Micros>,
    pub commit_timer: Option<Micros>,
}

impl Log {
    pub(super) fn new(id: ChannelId, spec: LogTopo, subscribers: Subscribers) -> Self {
        let mut log = Log {
            id,
            partitions: vec![Partition::default(); spec.partitions as usize],
            groups: Vec::new(),
            spec,
            next_partition: 0,
            retention_timer: None,
            commit_timer: None,
        };
        for (key, members) in log.memberships(&subscribers) {
            let g = log.group_of(key);
            log.groups[g].members = members;
        }
        log
    }

    /// True when an edit keeps this log's shape: its partitions. Members
    /// may join and leave, groups appear (see `retune` in `group.rs`).
    pub(super) fn same_shape(&self, spec: &LogTopo) -> bool {
        spec.partitions == self.spec.partitions
    }

    /// Records some group still has to read (those in flight are claimed
    /// already and not counted).
    pub(crate) fn lag(&self) -> usize {
        (0..self.groups.len())
            .filter(|&g| self.groups[g].started)
            .map(|g| self.group_lag(g) as usize)
            .sum()
    }

    /// Records group `g` still has to read (owed and not claimed yet).
    pub(crate) fn group_lag(&self, g: usize) -> u64 {
        let cursors = self.groups[g].cursors.iter().zip(&self.partitions);
        cursors
            .map(|(c, p)| {
                p.end().saturating_sub(c.done_through) + c.late.end.saturating_sub(c.late.start)
            })
            .sum()
    }

    /// Records being worked on for the first time by their group.
    pub(crate) fn in_flight(&self) -> usize {
        let cursors = self.groups.iter().flat_map(|g| &g.cursors);
        cursors
            .filter(|c| c.in_flight.is_some_and(|f| f.counted))
            .count()
    }
}

impl Log {
    /// A record reaches the topic: appended to its partition, owed to every group.
    pub(super) fn append(&mut self, msg: Msg, w: &mut World) {
        let n = self.spec.partitions;
        let now = w.now;
        let partition = match w.envelope(msg).key {
            Some(k) => (crate::scenario::routing::fnv1a(k.as_bytes()) % n as u64) as u32,
            None => {
                self.next_partition = (self.next_partition + 1) % n;
                self.next_partition
            }
        };
        let p = &mut self.partitions[partition as usize];
        p.records.push_back((msg, now));
        let offset = p.end() - 1;
        let owing = self.groups.iter().filter(|g| g.started).count() as u32;
        w.record(EventKind::Append {
            channel: self.id,
            msg: msg.id,
            partition,
            offset,
        });
        w.metrics.channels[self.id.index()].created += owing as u64;
        if owing == 0 {
            // Nobody reads this topic yet: the record is kept, no work is owed.
            w.release_order(msg.order);
        } else {
            w.orders.add(msg.order, owing - 1);
        }
        let groups = self.groups.len() as u32;
        // Kurir's own limit applies when the log's is larger or unset.
        let max = (self.spec.retention_records).map_or(MAX_LOG_RECORDS, |n| n.min(MAX_LOG_RECORDS));
        while self.partitions[partition as usize].records.len() > max as usize {
            self.delete_oldest(partition, w);
        }
        if self.retention_timer.is_none() {
            let due = now + self.spec.retention;
            self.retention_timer = Some(due);
            w.schedule.push(due, Ev::Retention { channel: self.id });
        }
        for g in 0..groups {
            self.dispatch(g, partition, w);
        }
    }

    /// Gives the owner of `partition` in group `g` its next record, if it is
    /// free and up.
    pub(super) fn dispatch(&mut self, g: u32, partition: u32, w: &mut World) {
        let group = &self.groups[g as usize];
        let cursor = &group.cursors[partition as usize];
        if !group.started || cursor.in_flight.is_some() {
            return;
        }
        let Some(owner) = cursor.owner else { return };
        if !w.is_up(owner) {
            return;
        }
        if cursor.position < self.partitions[partition as usize].base {
            // Retention deleted what this group was about to read.
            self.reset(g, partition, w);
        }
        let generation = self.groups[g as usize].generation;
        let p = &self.partitions[partition as usize];
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        if cursor.position >= p.end() {
            return;
        }
        let offset = cursor.position;
        let msg = p.records[(offset - p.base) as usize].0;
        let late = cursor.late.contains(&offset);
        let counted = late || offset >= cursor.done_through;
        if late {
            cursor.late.start = offset + 1;
        } else if counted {
            cursor.done_through = offset + 1;
        }
        cursor.in_flight = Some(InFlight {
            offset,
            msg,
            counted,
            late,
        });
        let attempt = cursor.failures + 1 + u32::from(!counted);
        let c = self.id.index();
        w.metrics.channels[c].delivered += 1;
        w.metrics.payload_delivered[msg.producer.index()][c] += 1;
        w.record(EventKind::Deliver {
            channel: self.id,
            msg: msg.id,
            service: owner,
            attempt,
        });
        let work = Work::Record {
            channel: self.id,
            group: g,
            partition,
            offset,
            generation,
            msg,
        };
        w.deliver(self.id, owner, work);
    }

    /// A consumer finished a record. Work from before a rebalance or rewind
    /// is stale: its result no longer moves the group (the record is read
    /// again by whoever owns the partition now).
    pub(crate) fn done(&mut self, work: Work, service: ServiceId, ok: bool, w: &mut World) {
        let Work::Record {
            group: g,
            partition,
            offset,
            generation,
            msg,
            ..
        } = work
        else {
            return;
        };
        let group = &mut self.groups[g as usize];
        let current = group.generation == generation;
        let cursor = &mut group.cursors[partition as usize];
        let in_flight = cursor.in_flight.filter(|f| current && f.offset == offset);
        let Some(f) = in_flight else {
            w.record(EventKind::AckLate {
                channel: self.id,
                msg: msg.id,
                service,
            });
            return;
        };
        cursor.in_flight = None;
        if !ok {
            // Kafka has no nack: the consumer retries the same record, and
            // the partition waits behind it.
            cursor.failures += 1;
            let attempt = cursor.failures + 1;
            self.unclaim(g, partition, f, w);
            w.metrics.channels[self.id.index()].redelivered += 1;
            w.record(EventKind::Redeliver {
                channel: self.id,
                msg: msg.id,
                attempt,
                cause: RedeliverCause::Nack,
                available_at: w.now,
            });
            self.dispatch(g, partition, w);
            return;
        }
        cursor.failures = 0;
        cursor.position = offset + 1;
        let position = cursor.position;
        if f.counted {
            w.count_ack(self.id, msg, service);
        }
        match self.spec.auto_commit {
            None => self.commit(g, partition, position, w),
            Some(every) => {
                if self.commit_timer.is_none() {
                    let due = w.now + every;
                    self.commit_timer = Some(due);
                    w.schedule.push(due, Ev::AutoCommit { channel: self.id });
                }
            }
        }
        self.dispatch(g, partition, w);
    }

    /// Work on a claimed record will not count (failure, rebalance, rewind):
    /// the record is owed again — or, if retention deleted it meanwhile, it
    /// is lost to this group.
    pub(super) fn unclaim(&mut self, g: u32, partition: u32, f: InFlight, w: &mut World) {
        if !f.counted {
            return;
        }
        let base = self.partitions[partition as usize].base;
        let cursor = &mut self.groups[g as usize].cursors[partition as usize];
        if f.offset >= base && f.late {
            cursor.late.start = cursor.late.start.min(f.offset);
        } else if f.offset >= base {
            cursor.done_through = cursor.done_through.min(f.offset);
        } else {
            w.drop_copy(self.id, f.msg, DropReason::Skipped);
        }
    }

    /// The retention timer fired: delete expired records, re-arm for the
    /// oldest one left.
    pub(crate) fn retention_due(&mut self, w: &mut World) {
        let retention = self.spec.retention;
        for p in 0..self.partitions.len() as u32 {
            while let Some(&(_, t)) = self.partitions[p as usize].records.front() {
                if t + retention > w.now {
                    break;
                }
                self.delete_oldest(p, w);
            }
        }
        let oldest = (self.partitions.iter())
            .filter_map(|p| p.records.front().map(|&(_, t)| t))
            .min();
        self.retention_timer = oldest.map(|t| t + retention);
        if let Some(due) = self.retention_timer {
            w.schedule.push(due, Ev::Retention { channel: self.id });
        }
    }

    /// Deletes a partition's oldest record; groups that had not read it yet
    /// never will.
    fn delete_oldest(&mut self, partition: u32, w: &mut World) {
        let p = &mut self.partitions[partition as usize];
        let Some((msg, _)) = p.records.pop_front() else {
            return;
        };
        let offset = p.base;
        p.base += 1;
        let mut missed = 0;
        // Groups that had not started never owed it.
        for group in self.groups.iter_mut().filter(|g| g.started) {
            let cursor = &mut group.cursors[partition as usize];
            if cursor.late.contains(&offset) {
                cursor.late.start = offset + 1;
                missed += 1;
            }
            if cursor.done_through <= offset {
                cursor.done_through = offset + 1;
                missed += 1;
            }
        }
        for _ in 0..missed {
            w.drop_copy(self.id, msg, DropReason::Skipped);
        }
    }
}
