//! The broker examples of the gallery show what each broker is known for,
//! in the trace a learner (or the headless runner) sees.

mod common;

use common::*;
use kurir_engine::base::time::SEC;
use kurir_engine::examples::brokers as ex;
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::sim::trace::{DropReason, EventKind};

fn run(s: kurir_engine::Scenario, secs: u64) -> kurir_engine::Sim {
    let mut sim = sim(s);
    sim.run_for(secs * SEC);
    assert_conserved(&sim);
    sim
}

#[test]
fn redis_loses_what_sms_missed_while_away() {
    let sim = run(ex::redis(), 40);
    assert!(sim.metrics().channels[ch(&sim, "sms").index()].missed >= 9);
    assert_eq!(
        sim.metrics().services[svc(&sim, "finance").index()].processed,
        30
    );
}

#[test]
fn kafka_rebalances_after_the_crash_and_reads_some_records_twice() {
    let sim = run(ex::kafka(), 100);
    assert!(
        count(&sim, |k| matches!(
            k,
            EventKind::Rebalance { members: 1, .. }
        )) >= 1
    );
    assert!(
        count(&sim, |k| matches!(
            k,
            EventKind::Deliver { attempt: 2.., .. }
        )) > 0
    );
    assert!(count(&sim, |k| matches!(k, EventKind::Commit { .. })) > 0);
    assert_eq!(
        sim.metrics().services[svc(&sim, "report").index()].processed,
        80
    );
}

#[test]
fn rabbitmq_routes_by_pattern_and_dead_letters_rejected_sms() {
    let sim = run(ex::rabbitmq(), 40);
    let m = &sim.metrics().services;
    for id in ["email", "finance", "report"] {
        assert_eq!(m[svc(&sim, id).index()].processed, 30, "{id}");
    }
    assert!(snapshot(&sim, 0).channels[ch(&sim, "sms-dead").index()].depth > 0);
}

#[test]
fn nsq_gives_each_channel_every_order_and_requeues_failed_sms() {
    let sim = run(ex::nsq(), 40);
    assert_eq!(
        sim.metrics().services[svc(&sim, "finance").index()].processed,
        30
    );
    assert_eq!(
        sim.metrics().services[svc(&sim, "report").index()].processed,
        30
    );
    assert!(count(&sim, |k| matches!(k, EventKind::Redeliver { .. })) > 0);
}

#[test]
fn google_pubsub_dead_letters_after_five_attempts() {
    let sim = run(ex::google_pubsub(), 40);
    assert!(count(&sim, |k| matches!(k, EventKind::DeadLetter { .. })) > 0);
    assert_eq!(
        sim.metrics().services[svc(&sim, "report").index()].processed,
        30
    );
}

#[test]
fn sqs_consumers_compete_and_slow_work_comes_back() {
    let sim = run(ex::sqs(), 120);
    let m = &sim.metrics().services;
    let finance = m[svc(&sim, "finance").index()].processed;
    let report = m[svc(&sim, "report").index()].processed;
    assert!(
        finance > 0 && report > 0 && finance + report <= 40,
        "{finance} + {report}"
    );
    assert!(count(&sim, |k| matches!(k, EventKind::Redeliver { .. })) > 0);
}

#[test]
fn sns_filters_send_each_kind_only_to_its_queue() {
    let sim = run(ex::sns_sqs(), 40);
    let m = &sim.metrics().services;
    for id in ["email", "finance", "report"] {
        assert_eq!(m[svc(&sim, id).index()].processed, 30, "{id}");
    }
    assert_eq!(sim.metrics().dropped(DropReason::Unroutable), 0);
}
