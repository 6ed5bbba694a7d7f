//! Log (a Kafka topic): records are appended to partitions (key hash picks
//! the partition; no key: round-robin) and kept until retention deletes them.
//! Each consumer group reads every record; inside a group each partition has
//! one owner, which reads it in offset order, one record at a time. Reading
//! does not remove anything. Group membership, commits and rewinds are in
//! `group.rs`.
//!
//! Bookkeeping of copies: every group present when a record is appended owes
//! it one piece of work. `done_through` marks, per group and partition, the
//! offsets already claimed; re-reading older offsets (after a rebalance or a
//! rewind) is duplicate work and creates no new copy.

use std::collections::VecDeque;

use crate::base::sched::Ev;
use crate::base::time::Micros;
use crate::compile::limits::MAX_LOG_RECORDS;
use crate::compile::{ChannelTopo, LogTopo, Subscribers};
use crate::sim::trace::{DropReason, EventKind, RedeliverCause};
use crate::sim::{Cargo, Msg, Node, Sim, Work};

use super::ChannelState;

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
}

/// A group's place in one partition.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cursor {
    pub position: u64,
    pub committed: Option<u64>,
    pub done_through: u64,
    pub in_flight: Option<InFlight>,
    pub owner: Option<u32>,
    /// Failed attempts at the record at `position`.
    pub failures: u32,
}

/// A consumer group.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    pub started: bool,
    pub generation: u32,
    /// Member services in subscription order.
    pub members: Vec<u32>,
    pub cursors: Vec<Cursor>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct LogState {
    pub partitions: Vec<Partition>,
    pub groups: Vec<Group>,
    next_partition: u32,
    retention_timer: Option<Micros>,
    pub commit_timer: Option<Micros>,
}

impl LogState {
    pub(crate) fn new(topo: &LogTopo, subscribers: &Subscribers) -> Self {
        let mut all = vec![Group::default(); subscribers.groups.len()];
        for m in &subscribers.members {
            all[m.group as usize].members.push(m.service.0);
        }
        for g in &mut all {
            g.cursors = vec![Cursor::default(); topo.partitions as usize];
        }
        LogState {
            partitions: vec![Partition::default(); topo.partitions as usize],
            groups: all,
            ..LogState::default()
        }
    }

    /// Records some group still has to read (those in flight are claimed
    /// already and not counted).
    pub(crate) fn lag(&self) -> usize {
        let mut lag = 0;
        for g in &self.groups {
            for (c, p) in g.cursors.iter().zip(&self.partitions) {
                lag += p.end().saturating_sub(c.done_through) as usize;
            }
        }
        lag
    }

    /// Records being worked on for the first time by their group.
    pub(crate) fn in_flight(&self) -> usize {
        let cursors = self.groups.iter().flat_map(|g| &g.cursors);
        cursors
            .filter(|c| c.in_flight.is_some_and(|f| f.counted))
            .count()
    }
}

impl Sim {
    pub(super) fn log(&mut self, channel: u32) -> &mut LogState {
        match &mut self.channels[channel as usize] {
            ChannelState::Log(l) => l,
            _ => unreachable!("log handler on another kind of channel"),
        }
    }

    pub(super) fn log_spec(&self, channel: u32) -> &LogTopo {
        match &self.topo.channels[channel as usize] {
            ChannelTopo::Log(l) => l,
            _ => unreachable!("log spec of another kind of channel"),
        }
    }

    /// A record reaches the topic: appended to its partition, owed to every group.
    pub(crate) fn log_append(&mut self, channel: u32, msg: Msg) {
        let spec = self.log_spec(channel).clone();
        let n = spec.partitions;
        let key = self.envelope(msg).key;
        let now = self.now;
        let log = self.log(channel);
        let partition = match key {
            Some(k) => (crate::scenario::routing::fnv1a(k.as_bytes()) % n as u64) as u32,
            None => {
                log.next_partition = (log.next_partition + 1) % n;
                log.next_partition
            }
        };
        let p = &mut log.partitions[partition as usize];
        p.records.push_back((msg, now));
        let offset = p.end() - 1;
        let groups = log.groups.len() as u32;
        self.record(EventKind::Append {
            channel,
            msg: msg.id,
            partition,
            offset,
        });
        self.metrics.channels[channel as usize].created += groups as u64;
        if groups == 0 {
            // Nobody reads this topic: the record is kept, no work is owed.
            self.release_order(msg.order);
        } else {
            self.orders.add(msg.order, groups - 1);
        }
        // Kurir's own limit applies when the log's is larger or unset.
        let max = spec
            .retention_records
            .map_or(MAX_LOG_RECORDS, |n| n.min(MAX_LOG_RECORDS));
        while self.log(channel).partitions[partition as usize]
            .records
            .len()
            > max as usize
        {
            self.delete_oldest(channel, partition);
        }
        let log = self.log(channel);
        if log.retention_timer.is_none() {
            let due = now + spec.retention;
            log.retention_timer = Some(due);
            self.schedule.push(due, Ev::Retention { channel });
        }
        for g in 0..groups {
            self.log_dispatch(channel, g, partition);
        }
    }

    /// Gives the owner of `partition` in group `g` its next record, if it is
    /// free and up.
    pub(crate) fn log_dispatch(&mut self, channel: u32, g: u32, partition: u32) {
        let ChannelState::Log(log) = &self.channels[channel as usize] else {
            return;
        };
        let group = &log.groups[g as usize];
        let cursor = &group.cursors[partition as usize];
        if !group.started || cursor.in_flight.is_some() {
            return;
        }
        let Some(owner) = cursor.owner else { return };
        if !self.services[owner as usize].up {
            return;
        }
        if cursor.position < log.partitions[partition as usize].base {
            // Retention deleted what this group was about to read.
            self.log_reset(channel, g, partition);
        }
        let log = self.log(channel);
        let generation = log.groups[g as usize].generation;
        let p = &log.partitions[partition as usize];
        let cursor = &mut log.groups[g as usize].cursors[partition as usize];
        if cursor.position >= p.end() {
            return;
        }
        let offset = cursor.position;
        let msg = p.records[(offset - p.base) as usize].0;
        let counted = offset >= cursor.done_through;
        if counted {
            cursor.done_through = offset + 1;
        }
        cursor.in_flight = Some(InFlight {
            offset,
            msg,
            counted,
        });
        let attempt = cursor.failures + 1 + u32::from(!counted);
        self.metrics.channels[channel as usize].delivered += 1;
        self.metrics.payload_delivered[msg.producer as usize][channel as usize] += 1;
        self.record(EventKind::Deliver {
            channel,
            msg: msg.id,
            service: owner,
            attempt,
        });
        self.services[owner as usize].incoming += 1;
        let work = Work::Record {
            channel,
            group: g,
            partition,
            offset,
            generation,
            msg,
        };
        self.send(
            Node::Channel(channel),
            Node::Service(owner),
            self.now,
            Cargo::Deliver(work),
        );
    }

    /// A consumer finished a record. Work from before a rebalance or rewind
    /// is stale: its result no longer moves the group (the record is read
    /// again by whoever owns the partition now).
    pub(crate) fn log_done(&mut self, work: Work, service: u32, ok: bool) {
        let Work::Record {
            channel,
            group: g,
            partition,
            offset,
            generation,
            msg,
        } = work
        else {
            return;
        };
        let auto_commit = self.log_spec(channel).auto_commit;
        let log = self.log(channel);
        let group = &mut log.groups[g as usize];
        let current = group.generation == generation;
        let cursor = &mut group.cursors[partition as usize];
        let in_flight = cursor.in_flight.filter(|f| current && f.offset == offset);
        let Some(f) = in_flight else {
            self.record(EventKind::AckLate {
                channel,
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
            self.unclaim(channel, g, partition, f);
            self.metrics.channels[channel as usize].redelivered += 1;
            self.record(EventKind::Redeliver {
                channel,
                msg: msg.id,
                attempt,
                cause: RedeliverCause::Nack,
            });
            self.log_dispatch(channel, g, partition);
            return;
        }
        cursor.failures = 0;
        cursor.position = offset + 1;
        let position = cursor.position;
        if f.counted {
            self.count_ack(channel, msg, service);
        }
        match auto_commit {
            None => self.log_commit(channel, g, partition, position),
            Some(every) => {
                let due = self.now + every;
                let log = self.log(channel);
                if log.commit_timer.is_none() {
                    log.commit_timer = Some(due);
                    self.schedule.push(due, Ev::AutoCommit { channel });
                }
            }
        }
        self.log_dispatch(channel, g, partition);
    }

    /// Work on a claimed record will not count (failure, rebalance, rewind):
    /// the record is owed again — or, if retention deleted it meanwhile, it
    /// is lost to this group.
    pub(crate) fn unclaim(&mut self, channel: u32, g: u32, partition: u32, f: InFlight) {
        if !f.counted {
            return;
        }
        let log = self.log(channel);
        let base = log.partitions[partition as usize].base;
        let cursor = &mut log.groups[g as usize].cursors[partition as usize];
        if f.offset >= base {
            cursor.done_through = cursor.done_through.min(f.offset);
        } else {
            self.drop_copy(channel, f.msg, DropReason::Skipped);
        }
    }

    /// The retention timer fired: delete expired records, re-arm for the
    /// oldest one left.
    pub(crate) fn retention_due(&mut self, channel: u32) {
        let retention = self.log_spec(channel).retention;
        let now = self.now;
        let partitions = self.log(channel).partitions.len() as u32;
        for p in 0..partitions {
            while let Some(&(_, t)) = self.log(channel).partitions[p as usize].records.front() {
                if t + retention > now {
                    break;
                }
                self.delete_oldest(channel, p);
            }
        }
        let log = self.log(channel);
        let oldest = log
            .partitions
            .iter()
            .filter_map(|p| p.records.front().map(|&(_, t)| t))
            .min();
        log.retention_timer = oldest.map(|t| t + retention);
        if let Some(due) = log.retention_timer {
            self.schedule.push(due, Ev::Retention { channel });
        }
    }

    /// Deletes a partition's oldest record; groups that had not read it yet
    /// never will.
    fn delete_oldest(&mut self, channel: u32, partition: u32) {
        let log = self.log(channel);
        let p = &mut log.partitions[partition as usize];
        let Some((msg, _)) = p.records.pop_front() else {
            return;
        };
        let offset = p.base;
        p.base += 1;
        let mut missed = 0;
        for group in &mut log.groups {
            let cursor = &mut group.cursors[partition as usize];
            if cursor.done_through <= offset {
                cursor.done_through = offset + 1;
                missed += 1;
            }
        }
        for _ in 0..missed {
            self.drop_copy(channel, msg, DropReason::Skipped);
        }
    }
}
