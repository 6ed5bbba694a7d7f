//! RPC mode: blocking calls in turn; a down or failing callee fails the order.

mod common;

use common::*;
use kurir_engine::base::time::{MS, SEC};
use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::sim::trace::EventKind;
use kurir_engine::Mode;

fn chain() -> kurir_engine::Scenario {
    ScenarioBuilder::new()
        .service("order", 10.0)
        .publishes("a")
        .publishes("b")
        .pubsub("a")
        .pubsub("b")
        .service("sa", 100.0)
        .consumes("a")
        .service("sb", 100.0)
        .consumes("b")
        .rpc_timeout(1_000.0)
        .mode(Mode::Rpc)
        .build()
}

#[test]
fn a_down_callee_makes_the_caller_wait_for_its_timeout_and_the_order_fails() {
    let mut sim = sim(chain());
    sim.set_service_up(ServiceId(1), false);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    assert_eq!(
        count(&sim, |k| matches!(k, EventKind::RpcTimeout { .. })),
        1
    );
    let order = sim.metrics().orders.recent[0];
    assert!(!order.ok, "the whole order fails");
    assert_eq!(order.response, 10 * MS + SEC, "own work + the full timeout");
    assert_eq!(
        sim.metrics().services[2].processed,
        0,
        "later calls never happen"
    );
}

#[test]
fn a_failing_callee_fails_the_order_at_once() {
    let mut s = chain();
    s.services[2].failure_probability = 1.0;
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    assert_eq!(
        count(&sim, |k| matches!(
            k,
            EventKind::RpcReturn { ok: false, .. }
        )),
        1
    );
    assert!(!sim.metrics().orders.recent[0].ok);
    assert_eq!(sim.metrics().orders.failed, 1);
}

#[test]
fn explicit_calls_override_the_channel_wiring() {
    let s = ScenarioBuilder::new()
        .service("order", 10.0)
        .calls("audit")
        .service("audit", 20.0)
        .mode(Mode::Rpc)
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(SEC);
    assert_eq!(sim.metrics().orders.recent[0].response, 34 * MS);
    assert_eq!(sim.metrics().services[1].processed, 1);
}

#[test]
fn a_busy_callee_makes_callers_queue_up() {
    let mut s = chain();
    s.services[0].workers = 4;
    let mut sim = sim(s);
    place_orders(&mut sim, 4);
    sim.run_for(10 * SEC);
    let o = &sim.metrics().orders;
    assert_eq!(o.completed, 4);
    // The fourth order waits at `sa` behind the three before it:
    // 10 ms own work, 2 ms to sa, 3 × 100 ms waiting + 100 ms served, 2 ms back,
    // then 2 + 100 + 2 ms at sb.
    assert_eq!(o.response.max(), 518 * MS);
    assert_eq!(o.response.min(), 218 * MS);
}

#[test]
fn over_rpc_a_group_is_called_once_not_once_per_instance() {
    let s = ScenarioBuilder::new()
        .service("order", 10.0)
        .publishes("order")
        .pubsub("order")
        .service("finance-1", 100.0)
        .consumes_in("order", "finance")
        .service("finance-2", 100.0)
        .consumes_in("order", "finance")
        .service("report", 100.0)
        .consumes("order")
        .mode(Mode::Rpc)
        .build();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(5 * SEC);
    assert_eq!(count(&sim, |k| matches!(k, EventKind::RpcCall { .. })), 2);
    assert_eq!(sim.metrics().services[2].processed, 0);
}

/// Who the RPC version of a service calls for one order, in call order.
fn callees(s: kurir_engine::Scenario) -> Vec<String> {
    let mut s = s;
    s.mode = Mode::Rpc;
    s.inputs.clear();
    s.actions.clear();
    let mut sim = sim(s);
    sim.place_order(ServiceId(0));
    sim.run_for(60 * SEC);
    let names: Vec<String> = sim
        .scenario()
        .services
        .iter()
        .map(|v| v.id.clone())
        .collect();
    kinds(&sim)
        .into_iter()
        .filter_map(|k| match k {
            EventKind::RpcCall { to, .. } => Some(names[to.index()].clone()),
            _ => None,
        })
        .collect()
}

/// The RPC version of a topology calls the services its messages would
/// reach, no more: the same order over a broker and over direct calls does
/// the same work. RabbitMQ's topic exchange routes `email.send` to the queue
/// bound with `email.*` only (RabbitMQ tutorial 5, "Topics"), and a queue
/// gives each message to one of its consumers (tutorial 2, "Work queues").
#[test]
fn rpc_calls_only_whom_the_broker_would_deliver_to() {
    let example = |id: &str| {
        kurir_engine::examples::gallery()
            .into_iter()
            .find(|(i, _)| *i == id)
            .unwrap()
            .1
    };
    // Three publishes to one exchange: Email, SMS, and Finance + Report
    // (order.* and order.#) — four calls, as in the lesson, not ten.
    assert_eq!(
        callees(example("rabbitmq")),
        ["email", "sms", "finance", "report"]
    );
    // SNS filter policies: each attribute reaches its own queue.
    assert_eq!(
        callees(example("sns-sqs")),
        ["email", "sms", "finance", "report"]
    );
    // Finance and Report compete for the SQS queue `order`: one call.
    assert_eq!(callees(example("sqs")), ["email", "sms", "finance"]);
    // Three workers on one queue: one of them is called.
    assert_eq!(callees(example("competing-consumers")), ["worker-a"]);
}
