//! A run folded from its trace read back as JSON lines draws the same
//! counts as the simulator's own snapshot: what `kurir-live serve` streams
//! to the page is enough to draw the canvas.

mod common;

use common::every_example;
use kurir_engine::examples;
use kurir_engine::observe::observed::Observed;
use kurir_engine::observe::snapshot::snapshot;
use kurir_engine::observe::trace_json::event_json;
use kurir_engine::observe::trace_read::{read_event, ReadError};
use kurir_engine::sim::trace::{EventKind, TraceEvent};
use kurir_engine::{ChannelId, Scenario, ServiceId, Sim, SimOptions};

const S: u64 = 1_000_000;

/// Runs `s` with a few orders; the whole trace is kept.
fn run(s: &Scenario) -> Sim {
    let options = SimOptions {
        trace_capacity: 1 << 20,
        ..SimOptions::default()
    };
    let mut sim = Sim::new(s.clone(), options).expect("examples are valid");
    for _ in 0..5 {
        sim.place_order(ServiceId(0));
        sim.run_for(S / 2);
    }
    sim.run_for(20 * S);
    sim
}

#[test]
fn every_event_reads_back_as_written() {
    let mut read = 0;
    for (id, s) in every_example() {
        let sim = run(&s);
        for e in sim.trace().iter() {
            let line = event_json(e, &sim);
            match read_event(&line, &s) {
                Ok(back) => {
                    assert_eq!(&back, e, "{id}: {line}");
                    read += 1;
                }
                // Only logs' events name consumer groups; the reader
                // refuses them by type, and nothing else.
                Err(ReadError::Type(t)) => assert!(
                    matches!(
                        e.kind,
                        EventKind::Append { .. }
                            | EventKind::Commit { .. }
                            | EventKind::Rebalance { .. }
                            | EventKind::Seek { .. }
                    ),
                    "{id}: {t} refused: {line}"
                ),
                Err(other) => panic!("{id}: {other}: {line}"),
            }
        }
    }
    assert!(read > 5_000, "only {read} events read");
}

#[test]
fn the_fold_of_a_trace_counts_what_the_simulator_counted() {
    for (id, s) in every_example() {
        let sim = run(&s);
        let events: Vec<TraceEvent> = sim.trace().iter().copied().collect();
        if events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Append { .. }))
        {
            continue; // a log: its partitions are the simulator's alone
        }
        let mut seen = Observed::new(&s).unwrap();
        for e in &events {
            let back = read_event(&event_json(e, &sim), &s).unwrap();
            seen.apply(&back);
        }
        let (want, got) = (snapshot(&sim, 0), seen.snapshot(0));
        assert_eq!(got.orders.placed, want.orders.placed, "{id}: placed");
        assert_eq!(got.orders.responded, want.orders.responded, "{id}");
        assert_eq!(got.orders.completed, want.orders.completed, "{id}");
        assert_eq!(got.drops, want.drops, "{id}: drops");
        for (i, (g, w)) in got.services.iter().zip(&want.services).enumerate() {
            let what = format!("{id}: service {i}");
            assert_eq!(
                (g.up, g.processed, g.failed),
                (w.up, w.processed, w.failed),
                "{what}"
            );
            assert_eq!(g.workers, w.workers, "{what}");
        }
        for (i, (g, w)) in got.channels.iter().zip(&want.channels).enumerate() {
            let what = format!("{id}: channel {i}");
            assert_eq!(g.delivered, w.delivered, "{what}: delivered");
            assert_eq!(g.dropped, w.dropped, "{what}: dropped");
            assert_eq!(g.dead_lettered, w.dead_lettered, "{what}: dead-lettered");
            assert_eq!(g.missed, w.missed, "{what}: missed");
            assert_eq!(g.last_copies, w.last_copies, "{what}: copies");
            // Held by a consumer: only a queue's deliveries wait for an
            // ack (a pub/sub copy is gone once sent, as on Redis).
            assert_eq!(g.unacked, w.unacked, "{what}: unacked");
        }
    }
}

#[test]
fn held_messages_go_back_when_their_consumer_goes_down() {
    let s = examples::gallery()
        .into_iter()
        .find(|(id, _)| *id == "competing-consumers")
        .unwrap()
        .1;
    let mut seen = Observed::new(&s).unwrap();
    let (jobs, worker) = (ChannelId(0), ServiceId(1));
    let ev = |seq, kind| TraceEvent {
        seq,
        t: seq * 1000,
        kind,
    };
    for m in 0..3 {
        seen.apply(&ev(
            m,
            EventKind::Deliver {
                channel: jobs,
                msg: m,
                service: worker,
                attempt: 1,
            },
        ));
    }
    seen.apply(&ev(
        3,
        EventKind::Ack {
            channel: jobs,
            msg: 0,
            service: worker,
        },
    ));
    assert_eq!(seen.snapshot(0).channels[0].unacked, 2);
    assert_eq!(seen.snapshot(0).channels[0].delivered, 3);
    seen.apply(&ev(4, EventKind::ServiceDown { service: worker }));
    let after = seen.snapshot(0);
    assert_eq!(after.channels[0].unacked, 0, "the broker took them back");
    assert!(!after.services[1].up);
    seen.set_depth(jobs, 2);
    assert_eq!(
        seen.snapshot(0).channels[0].depth,
        2,
        "as the broker reports"
    );
}

#[test]
fn dots_travel_and_leave() {
    let s = examples::lesson();
    let mut seen = Observed::new(&s).unwrap();
    let publish = EventKind::Publish {
        service: ServiceId(0),
        channel: ChannelId(0),
        msg: 1,
        order: 1,
    };
    seen.apply(&TraceEvent {
        seq: 0,
        t: S,
        kind: publish,
    });
    let dot = seen.snapshot(10).dots[0];
    assert_eq!(dot.progress, 0.0);
    seen.advance_to(S + 125_000);
    assert_eq!(seen.snapshot(10).dots[0].progress, 0.5);
    seen.advance_to(2 * S);
    assert!(seen.snapshot(10).dots.is_empty(), "arrived and gone");
    seen.advance_to(S);
    assert_eq!(seen.now(), 2 * S, "the clock never goes back");
}

#[test]
fn a_line_that_is_not_an_event_of_this_scenario_is_refused_by_name() {
    let s = examples::lesson();
    assert!(matches!(read_event("{", &s), Err(ReadError::NotJson(_))));
    let unknown = r#"{"seq":0,"t":0,"type":"work_started","service":"nobody","order":1}"#;
    assert_eq!(
        read_event(unknown, &s),
        Err(ReadError::Unknown("nobody".into()))
    );
    let missing = r#"{"seq":0,"t":0,"type":"order_placed","service":"order"}"#;
    assert_eq!(read_event(missing, &s), Err(ReadError::Field("order")));
    let typed = r#"{"seq":0,"t":0,"type":"teleport"}"#;
    assert_eq!(
        read_event(typed, &s),
        Err(ReadError::Type("teleport".into()))
    );
}
