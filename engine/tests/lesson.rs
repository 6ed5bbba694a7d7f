//! The lesson's story: an Order service that must tell four services about
//! every order, first over RPC, then through a broker with three channels.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::examples::lesson;
use kurir_engine::sim::trace::EventKind;
use kurir_engine::{Mode, Sim, SimOptions};

fn run_one_order(mode: Mode) -> Sim {
    let mut s = lesson();
    s.mode = mode;
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(10 * SEC);
    sim
}

#[test]
fn over_rpc_the_order_waits_for_all_four_calls_one_after_another() {
    let sim = run_one_order(Mode::Rpc);
    let net = 150 * MS; // one way
    let calls = [800, 600, 200, 300].map(|ms| ms * MS + 2 * net);
    let expected = 50 * MS + calls.iter().sum::<u64>();
    let order = sim.metrics().orders.recent[0];
    assert_eq!(
        order.response, expected,
        "response = own work + every call in turn"
    );
    assert_eq!(order.response, 3_150 * MS);
    // The calls never overlap: each starts only after the previous reply.
    let mut busy_until = 0;
    for e in sim.trace().iter() {
        match e.kind {
            EventKind::RpcCall { .. } => assert!(e.t >= busy_until),
            EventKind::RpcReturn { .. } => busy_until = e.t,
            _ => {}
        }
    }
}

#[test]
fn over_rpc_the_same_order_data_is_sent_twice() {
    let sim = run_one_order(Mode::Rpc);
    let m = sim.metrics();
    let order_channel = ch(&sim, "order").index();
    assert_eq!(
        m.payload_sent[0][order_channel], 2,
        "once to Finance, once to Report"
    );
    assert_eq!(m.sent_by(0), 4, "four separate requests");
}

#[test]
fn with_messaging_the_order_is_answered_after_publishing_three_messages() {
    let sim = run_one_order(Mode::Messaging);
    let order = sim.metrics().orders.recent[0];
    // Own work (50 ms, including the Postgres write) + three 1 ms publishes.
    assert_eq!(order.response, 53 * MS);
    let m = sim.metrics();
    assert_eq!(
        m.sent_by(0),
        3,
        "one message per channel: email, sms, order"
    );
    let order_channel = ch(&sim, "order").index();
    assert_eq!(
        m.payload_sent[0][order_channel], 1,
        "the order data is sent once"
    );
    assert_eq!(
        m.payload_delivered[0][order_channel], 2,
        "and the broker hands it to both Finance and Report"
    );
}

#[test]
fn with_messaging_the_four_services_work_at_the_same_time() {
    let sim = run_one_order(Mode::Messaging);
    let starts: Vec<u64> = sim
        .trace()
        .iter()
        .filter(
            |e| matches!(e.kind, EventKind::WorkStarted { service, .. } if service != ServiceId(0)),
        )
        .map(|e| e.t)
        .collect();
    assert_eq!(starts.len(), 4);
    let first_done = sim
        .trace()
        .iter()
        .find(|e| matches!(e.kind, EventKind::WorkDone { service, .. } if service != ServiceId(0)))
        .unwrap()
        .t;
    assert!(
        starts.iter().all(|&t| t < first_done),
        "all four started before any finished: they overlap"
    );
    // End to end: the slowest branch (Email: 1 ms publish + 2 × 150 ms on
    // the wires + 800 ms work, after Order's 50 ms), not the sum of all four.
    let order = sim.metrics().orders.recent[0];
    assert_eq!(order.latency, (50 + 1 + 300 + 800) * MS);
}

#[test]
fn with_messaging_a_slow_downstream_never_slows_the_order_service() {
    let mut s = lesson();
    s.services[1].processing = kurir_engine::scenario::Processing::Constant { ms: 5_000.0 };
    let mut sim = sim(s);
    place_orders(&mut sim, 5);
    sim.run_for(60 * SEC);
    let o = &sim.metrics().orders;
    assert_eq!(o.completed, 5);
    // Orders queue only behind each other at the Order service (53 ms each).
    assert_eq!(o.response.max(), 5 * 53 * MS);
}

#[test]
fn the_same_seed_gives_the_same_trace_and_rpc_differs_from_messaging() {
    let a = run_one_order(Mode::Messaging);
    let b = run_one_order(Mode::Messaging);
    let c = run_one_order(Mode::Rpc);
    assert_eq!(kinds(&a), kinds(&b));
    assert_ne!(kinds(&a), kinds(&c));
    let _ = Sim::new(lesson(), SimOptions::default()).unwrap();
}

#[test]
fn a_live_edit_changes_timings_without_losing_the_run() {
    let mut sim = sim(lesson());
    sim.place_order(ServiceId(0));
    sim.run_for(100 * MS);
    let mut faster = lesson();
    faster.services[1].processing = kurir_engine::scenario::Processing::Constant { ms: 10.0 };
    assert!(sim.retune(faster).unwrap(), "same shape: applied live");
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    let o = &sim.metrics().orders;
    assert_eq!(o.completed, 2, "the order in flight survived the edit");
    let mut bigger = lesson();
    bigger.channels.pop();
    bigger.subscriptions.retain(|s| s.channel != "order");
    bigger.services[0].publishes.pop();
    assert!(
        !sim.retune(bigger).unwrap(),
        "a removed channel needs a fresh run"
    );
    let mut broken = lesson();
    broken.services[0].workers = 0;
    assert!(sim.retune(broken).is_err());
    assert_eq!(sim.metrics().orders.completed, 2);
}

#[test]
fn throughput_samples_count_every_completed_order_once() {
    let mut s = lesson();
    s.inputs.push(kurir_engine::scenario::Input {
        service: "order".into(),
        every_ms: 250.0,
        count: Some(20),
        start_ms: 0.0,
    });
    let mut sim = sim(s);
    sim.run_for(30 * SEC);
    let o = &sim.metrics().orders;
    assert_eq!(o.completed, 20);
    let sampled: u32 = o.throughput.iter().map(|&(_, n)| n).sum();
    assert_eq!(sampled, 20);
    assert!(o
        .throughput
        .iter()
        .all(|&(t, _)| t % sim.sample_every() == 0));
}
