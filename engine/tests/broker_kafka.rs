//! Apache Kafka: a partitioned log; consumer groups read it at their own
//! offsets; one owner per partition inside a group; commits, rebalances,
//! offset reset, rewind and retention.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{Action, ChannelKind, OffsetReset, Publish};
use kurir_engine::sim::trace::{DropReason, EventKind};

/// Order writes to topic `orders` (`partitions`), keyed by customer (three
/// customers, in turn).
fn topic(partitions: u32) -> ScenarioBuilder {
    ScenarioBuilder::new()
        .service("order", 1.0)
        .publishes_with(Publish {
            key: Some("customer-{order%3}".into()),
            ..Publish::to("orders")
        })
        .preset("orders", Preset::KafkaTopic)
        .tune(|k| {
            if let ChannelKind::Log(l) = k {
                l.partitions = partitions;
            }
        })
}

fn set_log(
    b: ScenarioBuilder,
    f: impl FnOnce(&mut kurir_engine::scenario::LogSpec),
) -> ScenarioBuilder {
    let mut s = b.build();
    let c = s.channels.iter_mut().find(|c| c.id == "orders").unwrap();
    if let ChannelKind::Log(l) = &mut c.kind {
        f(l);
    }
    ScenarioBuilder::from(s)
}

/// (partition, offset, msg) of every append.
fn appends(sim: &kurir_engine::Sim) -> Vec<(u32, u64, u64)> {
    sim.trace()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Append {
                partition,
                offset,
                msg,
                ..
            } => Some((partition, offset, msg)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_same_key_always_lands_in_the_same_partition_and_is_read_in_order() {
    // Given a topic with 3 partitions and one consumer
    let mut sim = sim(topic(3).service("finance", 5.0).consumes("orders").build());
    // When 12 orders from 3 customers are written
    place_orders(&mut sim, 12);
    sim.run_for(10 * SEC);
    // Then each customer's records share one partition…
    let appended = appends(&sim);
    for customer in 0..3u64 {
        let parts: Vec<u32> = appended
            .iter()
            .filter(|&&(_, _, msg)| (msg - 1) % 3 == (customer + 2) % 3)
            .map(|&(p, _, _)| p)
            .collect();
        assert!(parts.windows(2).all(|w| w[0] == w[1]), "{parts:?}");
    }
    // …and within a partition records are delivered in offset order
    let delivered = delivered_msgs(&sim);
    for p in 0..3 {
        let order: Vec<u64> = appended.iter().filter(|a| a.0 == p).map(|a| a.2).collect();
        let seen: Vec<u64> = delivered
            .iter()
            .copied()
            .filter(|m| order.contains(m))
            .collect();
        assert_eq!(seen, order, "partition {p}");
    }
    assert_eq!(sim.metrics().services[1].processed, 12);
    assert_conserved(&sim);
}

#[test]
fn every_group_reads_every_record_and_members_of_a_group_split_partitions() {
    // Given group `finance` with two members and group `report` with one
    let s = topic(2)
        .service("finance-a", 5.0)
        .consumes_in("orders", "finance")
        .service("finance-b", 5.0)
        .consumes_in("orders", "finance")
        .service("report", 5.0)
        .consumes_in("orders", "report")
        .build();
    let mut sim = sim(s);
    // When 10 records are written
    place_orders(&mut sim, 10);
    sim.run_for(10 * SEC);
    // Then finance read all 10 between its members, report read all 10 alone
    assert_shared_and_copied(&sim, &["finance-a", "finance-b"], "report", 10);
    // and each partition went to exactly one finance member
    for p in 0..2 {
        let ids: Vec<u64> = appends(&sim)
            .iter()
            .filter(|a| a.0 == p)
            .map(|a| a.2)
            .collect();
        let readers: std::collections::BTreeSet<ServiceId> = sim
            .trace()
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Deliver { msg, service, .. }
                    if ids.contains(&msg) && service != ServiceId(3) =>
                {
                    Some(service)
                }
                _ => None,
            })
            .collect();
        assert_eq!(readers.len(), 1, "partition {p}: {readers:?}");
    }
    assert_conserved(&sim);
}

#[test]
fn more_consumers_than_partitions_leaves_the_extra_ones_idle() {
    // Given one partition and a group of three consumers
    let s = topic(1)
        .service("c1", 5.0)
        .consumes_in("orders", "g")
        .service("c2", 5.0)
        .consumes_in("orders", "g")
        .service("c3", 5.0)
        .consumes_in("orders", "g")
        .build();
    let mut sim = sim(s);
    // When 9 records are written
    place_orders(&mut sim, 9);
    sim.run_for(10 * SEC);
    // Then one consumer did all the work and two sat idle
    let done: Vec<u64> = (1..=3)
        .map(|i| sim.metrics().services[i].processed)
        .collect();
    assert_eq!(done.iter().sum::<u64>(), 9);
    assert_eq!(done.iter().filter(|&&n| n == 0).count(), 2, "{done:?}");
    assert_conserved(&sim);
}

#[test]
fn a_crashed_consumer_s_partitions_move_after_the_session_timeout_and_resume_from_the_last_commit()
{
    // Given two members of group `g` on 2 partitions, auto-commit every 5 s
    let s = topic(2)
        .input("order", 500.0, Some(40))
        .service("a", 10.0)
        .consumes_in("orders", "g")
        .service("b", 10.0)
        .consumes_in("orders", "g")
        .action(Action::Down {
            at_ms: 7_000.0,
            service: "a".into(),
        })
        .build();
    let mut sim = sim(s);
    // When `a` crashes at 7 s (last commit at ~5 s)
    sim.run_for(7 * SEC + 1);
    let rebalances_before = count(&sim, |k| matches!(k, EventKind::Rebalance { .. }));
    sim.run_for(44 * SEC);
    // Then nothing moves until the 45 s session timeout…
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::Rebalance { .. })),
        rebalances_before
    );
    sim.run_for(30 * SEC);
    // …then `b` owns both partitions, and re-reads what `a` did after its commit
    let last = sim
        .trace()
        .iter()
        .rfind(|e| matches!(e.kind, EventKind::Rebalance { members: 1, .. }))
        .expect("a rebalance without a");
    assert!(last.t >= 52 * SEC && last.t < 53 * SEC, "{}", last.t);
    let duplicates = count(&sim, |k| {
        matches!(
            k,
            EventKind::Deliver {
                service: ServiceId(2),
                attempt: 2,
                ..
            }
        )
    });
    assert!(duplicates > 0, "at-least-once: some records read twice");
    // and every record was read by the group in the end (none lost)
    assert_eq!(sim.metrics().channels[0].acked, 40);
    assert_conserved(&sim);
}

#[test]
fn records_with_no_reader_are_kept_and_a_new_group_chooses_where_to_start() {
    for (reset, expected) in [(OffsetReset::Earliest, 5), (OffsetReset::Latest, 0)] {
        // Given a consumer that only joins at 10 s
        let b = topic(1).service("late", 5.0).down().consumes("orders");
        let s = set_log(b, |l| l.auto_offset_reset = reset)
            .action(Action::Up {
                at_ms: 10_000.0,
                service: "late".into(),
            })
            .build();
        let mut sim = sim(s);
        // When 5 records are written before it joins
        place_orders(&mut sim, 5);
        sim.run_for(5 * SEC);
        // Then the topic kept them (nothing dropped while nobody read)…
        assert_eq!(sim.metrics().channels[0].dropped, 0);
        sim.run_for(10 * SEC);
        // …and the group reads them with `earliest`, skips them with
        // `latest`. Skipping is not losing: a group that did not exist when
        // a record was written never owed it, so no copy is dropped and the
        // topic counts only the copies its group took on
        assert_eq!(sim.metrics().services[1].processed, expected, "{reset:?}");
        assert_eq!(sim.metrics().dropped(DropReason::Skipped), 0, "{reset:?}");
        assert_eq!(sim.metrics().channels[0].created, expected);
        assert_conserved(&sim);
    }
}

/// Kafka's consumer configuration, `auto.offset.reset`: "What to do when
/// there is no initial offset in Kafka … latest: automatically reset the
/// offset to the latest offset"; the records before it stay in the log
/// (retention deletes them, not reading), and `kafka-consumer-groups
/// --reset-offsets --to-earliest` moves a group back to read them.
#[test]
fn records_a_late_group_skipped_are_first_deliveries_when_it_rewinds() {
    // Given a group that joins at 10 s with `latest`, after 5 records
    let b = topic(1).service("late", 5.0).down().consumes("orders");
    let s = b
        .action(Action::Up {
            at_ms: 10_000.0,
            service: "late".into(),
        })
        .action(Action::Rewind {
            at_ms: 20_000.0,
            channel: "orders".into(),
            group: "late".into(),
        })
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 5);
    sim.run_for(12 * SEC);
    // and 2 records written after it joined, which it reads
    place_orders(&mut sim, 2);
    sim.run_for(5 * SEC);
    assert_eq!(sim.metrics().services[1].processed, 2);
    // When it rewinds to the oldest record at 20 s
    sim.run_for(10 * SEC);
    // Then it reads all 7: the 5 it skipped for the first time (attempt 1),
    // the 2 it had read as duplicates (attempt 2)
    let attempts: Vec<u32> = (sim.trace().iter())
        .filter_map(|e| match e.kind {
            EventKind::Deliver { attempt, .. } if e.t >= 20 * SEC => Some(attempt),
            _ => None,
        })
        .collect();
    assert_eq!(attempts, [1, 1, 1, 1, 1, 2, 2]);
    // and the counters add up: 7 copies, each acked once, none lost
    let c = &sim.metrics().channels[0];
    assert_eq!((c.created, c.acked, c.dropped, c.delivered), (7, 7, 0, 9));
    assert_eq!(sim.metrics().dropped(DropReason::Skipped), 0);
    assert_conserved(&sim);
}

#[test]
fn a_group_can_rewind_and_replay_what_retention_still_keeps() {
    // Given a consumer that has read 4 records
    let s = topic(2)
        .service("report", 5.0)
        .consumes("orders")
        .action(Action::Rewind {
            at_ms: 5_000.0,
            channel: "orders".into(),
            group: "report".into(),
        })
        .build();
    let mut sim = sim(s);
    place_orders(&mut sim, 4);
    sim.run_for(4 * SEC);
    assert_eq!(sim.metrics().services[1].processed, 4);
    // When it rewinds to the earliest offset at 5 s
    sim.run_for(5 * SEC);
    // Then it reads all four again: duplicates, no new copies
    assert_eq!(sim.metrics().services[1].processed, 8);
    assert_eq!(sim.metrics().channels[0].acked, 4);
    assert!(count(&sim, |k| matches!(k, EventKind::Seek { offset: 0, .. })) >= 2);
    assert_conserved(&sim);
}

#[test]
fn retention_deletes_old_records_even_if_nobody_read_them() {
    // Given a topic keeping records for 1 s and a consumer that is away
    let b = topic(1).service("late", 5.0).down().consumes("orders");
    let s = set_log(b, |l| {
        l.retention_ms = 1_000.0;
        l.auto_offset_reset = OffsetReset::Earliest;
    })
    .build();
    let mut sim = sim(s);
    // When 3 records are written, time passes, and 2 more are written
    place_orders(&mut sim, 3);
    sim.run_for(2 * SEC);
    place_orders(&mut sim, 2);
    sim.run_for(100 * MS);
    sim.set_service_up(ServiceId(1), true);
    sim.run_for(SEC / 2);
    // Then the returning consumer finds only the 2 recent ones; the 3
    // deleted before its group first joined were never its to lose (a
    // group's history starts at its first join), so none counts as lost
    assert_eq!(sim.metrics().services[1].processed, 2);
    assert_eq!(sim.metrics().dropped(DropReason::Skipped), 0);
    assert_eq!(sim.metrics().channels[0].created, 2);
    assert_conserved(&sim);
}

#[test]
fn the_rewind_command_replays_a_group_and_refuses_what_is_not_a_group() {
    // Given a consumer that has read 3 records
    let mut sim = sim(topic(1).service("report", 5.0).consumes("orders").build());
    place_orders(&mut sim, 3);
    sim.run_for(2 * SEC);
    // When the learner presses "replay" for its group, and for one that does not exist
    assert!(sim.rewind_group(ChannelId(0), "report"));
    assert!(!sim.rewind_group(ChannelId(0), "nobody"));
    sim.run_for(2 * SEC);
    // Then the 3 records are read again
    assert_eq!(sim.metrics().services[1].processed, 6);
    assert_eq!(sim.group_count(ChannelId(0)), 1);
    assert_conserved(&sim);
}
