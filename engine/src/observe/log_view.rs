//! A log (Kafka topic) as a learner should see it: each partition as a lane
//! of offsets, and for each consumer group its committed offsets, its lag
//! and which member owns each partition.

use crate::compile::ServiceId;
use crate::sim::channel::Log;

/// One partition: the offsets it still keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LaneView {
    /// Oldest offset kept (retention deleted the ones before).
    pub base: u64,
    /// Next offset to be written.
    pub end: u64,
}

/// One consumer group's place in each partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupView {
    /// Its name (or its one service's id).
    pub name: String,
    /// Records it still has to read, all partitions together.
    pub lag: u64,
    /// Per partition: committed offset, if any, and the owning member.
    pub lanes: Vec<(Option<u64>, Option<ServiceId>)>,
}

/// The partitions and the groups that have started reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogView {
    /// By partition.
    pub partitions: Vec<LaneView>,
    /// Groups that have had a live member, in their order.
    pub groups: Vec<GroupView>,
}

pub(crate) fn log_view(log: &Log) -> LogView {
    let partitions = (log.partitions.iter())
        .map(|p| LaneView {
            base: p.base,
            end: p.end(),
        })
        .collect();
    let groups = (log.groups.iter().enumerate())
        .filter(|(_, g)| g.started)
        .map(|(g, group)| GroupView {
            name: group.key.label(),
            lag: log.group_lag(g),
            lanes: (group.cursors.iter())
                .map(|c| (c.committed, c.owner))
                .collect(),
        })
        .collect();
    LogView { partitions, groups }
}
