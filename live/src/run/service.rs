//! One service as a real client: its connection and consumers, its workers,
//! the work it does (processing time and failures drawn as the simulator
//! draws them) and what it does after: publish, acknowledge or reject, call.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use kurir_engine::compile::ChannelTopo;
use kurir_engine::scenario::envelope::Envelope;
use kurir_engine::scenario::{Mode, OnFailure};
use kurir_engine::sim::trace::{DropReason, EventKind};
use kurir_engine::ServiceId;

use crate::broker::{Delivery, Message, Settle};
use crate::error::LiveError;
use crate::run::World;

/// Connects `svc` and starts taking its deliveries.
pub(super) async fn start(world: &Rc<World>, svc: ServiceId) -> Result<(), LiveError> {
    let (conn, mut rx) = world.broker.open(svc, &world.listens[svc.index()]).await?;
    let me = &world.services[svc.index()];
    *me.conn.borrow_mut() = Some(Rc::new(conn));
    me.up.set(true);
    let w = world.clone();
    let dispatcher = tokio::task::spawn_local(async move {
        while let Some(next) = rx.recv().await {
            match next {
                Ok(d) => {
                    let w2 = w.clone();
                    let job = tokio::task::spawn_local(async move { take(&w2, svc, d).await });
                    let tasks = &mut w.services[svc.index()].tasks.borrow_mut();
                    tasks.retain(|t| !t.is_finished());
                    tasks.push(job);
                }
                Err(e) => w.fail(e),
            }
        }
    });
    me.tasks.borrow_mut().push(dispatcher);
    Ok(())
}

/// Takes `svc` down: the work in its hands is dropped and its connection
/// closed, so the broker takes back what it had not acknowledged.
pub(super) async fn stop(world: &Rc<World>, svc: ServiceId) {
    let me = &world.services[svc.index()];
    me.up.set(false);
    // What it held comes back after its deadline, unless its queue requeues
    // at once (then nothing is lost by waiting).
    for l in &world.listens[svc.index()].channels {
        if matches!(&world.topo.channels[l.channel.index()], ChannelTopo::Queue(q) if !q.requeue_on_down)
        {
            world.returns_from(l.channel);
        }
    }
    for t in me.tasks.borrow_mut().drain(..) {
        t.abort();
    }
    let conn = me.conn.borrow_mut().take();
    if let Some(c) = conn {
        c.close().await;
    }
}

/// A client places an order at `svc`.
pub(super) fn place_order(world: &Rc<World>, svc: ServiceId) {
    let order = world.next_order.get() + 1;
    world.next_order.set(order);
    world.record(EventKind::OrderPlaced {
        order,
        service: svc,
    });
    let placed = world.clock().now();
    if !world.services[svc.index()].up.get() {
        // Nobody answers: the client's request fails at once.
        world.record(EventKind::OrderResponded {
            order,
            ok: false,
            response: 0,
        });
        return;
    }
    let w = world.clone();
    let job = tokio::task::spawn_local(async move {
        let _busy = Busy::new(&w);
        let ok = work(&w, svc, order).await;
        let response = w.clock().now().saturating_sub(placed);
        w.record(EventKind::OrderResponded {
            order,
            ok,
            response,
        });
    });
    world.services[svc.index()].tasks.borrow_mut().push(job);
}

/// `svc` takes one delivery: works on it, then settles it as its queue
/// says.
async fn take(world: &Rc<World>, svc: ServiceId, d: Delivery) {
    let Message { msg, order } = d.message;
    if let Some(from) = d.dead_from {
        if world.dead_seen.borrow_mut().insert((msg, d.channel)) {
            world.record(EventKind::DeadLetter {
                channel: from,
                msg,
                to: d.channel,
            });
        }
    }
    world.record(EventKind::Deliver {
        channel: d.channel,
        msg,
        service: svc,
        attempt: d.attempt,
    });
    let _busy = Busy::new(world);
    let ok = work(world, svc, order).await;
    if d.needs_settling() {
        let how = match (&world.topo.channels[d.channel.index()], ok) {
            (_, true) => Settle::Ack,
            (ChannelTopo::Queue(q), false) if q.on_failure == OnFailure::Reject => Settle::Reject,
            (ChannelTopo::Queue(q), false) if q.on_failure == OnFailure::Wait => Settle::Leave,
            (_, false) => Settle::Requeue,
        };
        match d.settle(how).await {
            Ok(()) => {
                let (channel, service) = (d.channel, svc);
                match how {
                    Settle::Ack => world.record(EventKind::Ack {
                        channel,
                        msg,
                        service,
                    }),
                    Settle::Requeue | Settle::Reject => world.record(EventKind::Nack {
                        channel,
                        msg,
                        service,
                    }),
                    // Nothing is sent: the deadline will pass.
                    Settle::Leave => world.returns_from(channel),
                }
            }
            Err(e) => {
                let what = format!("{} settling a delivery", world.s.services[svc.index()].id);
                world.fail(LiveError::broker(&world.broker_url(), what, e));
            }
        }
    } else if !ok {
        world.record(EventKind::Drop {
            channel: d.channel,
            msg,
            reason: DropReason::ProcessingFailed,
        });
    }
}

/// Counts a piece of work in progress for as long as it lives, also when
/// its task is aborted (its service went down).
struct Busy<'a>(&'a World);

impl<'a> Busy<'a> {
    fn new(world: &'a World) -> Busy<'a> {
        world.busy.set(world.busy.get() + 1);
        Busy(world)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.busy.set(self.0.busy.get() - 1);
    }
}

/// One piece of work of `svc` for `order`: waits for a worker, processes,
/// and on success publishes (messaging) or calls (RPC). True when it
/// succeeded.
fn work<'a>(
    world: &'a Rc<World>,
    svc: ServiceId,
    order: u64,
) -> Pin<Box<dyn Future<Output = bool> + 'a>> {
    Box::pin(async move {
        let workers = world.services[svc.index()].workers.clone();
        let Ok(_permit) = workers.acquire().await else {
            return false;
        };
        world.record(EventKind::WorkStarted {
            service: svc,
            order,
        });
        let spec = &world.topo.services[svc.index()];
        let duration = {
            let mut rngs = world.rngs.borrow_mut();
            spec.processing.sample(&mut rngs[svc.index()])
        };
        world.clock().sleep(duration).await;
        // As the simulator: a poison order fails without a draw.
        let poisoned = spec.fails_orders.binary_search(&order).is_ok();
        let mut ok =
            !poisoned && !world.rngs.borrow_mut()[svc.index()].chance(spec.failure_probability);
        if ok {
            ok = match world.s.mode {
                Mode::Messaging => publish_all(world, svc, order).await,
                Mode::Rpc => call_all(world, svc, order).await,
            };
        }
        world.record(EventKind::WorkDone {
            service: svc,
            order,
            ok,
        });
        ok
    })
}

/// Publishes `svc`'s outputs for `order`, in the scenario's order.
async fn publish_all(world: &Rc<World>, svc: ServiceId, order: u64) -> bool {
    let conn = world.services[svc.index()].conn.borrow().clone();
    let Some(conn) = conn else { return false };
    let outputs = world.s.services[svc.index()].publishes.iter();
    let outputs = outputs.zip(&world.topo.services[svc.index()].publishes);
    for (output, (p, &channel)) in outputs.enumerate() {
        let mut envelope = Envelope::of(p, order);
        // Without an id, a deduplicating queue compares content; in the
        // simulator that is this service's output `output` for `order`.
        envelope.dedup_id.get_or_insert_with(|| {
            format!("{}.{order}.{output}", world.s.services[svc.index()].id)
        });
        let msg = world.next_msg.get() + 1;
        world.next_msg.set(msg);
        world.record(EventKind::Publish {
            service: svc,
            channel,
            msg,
            order,
        });
        match conn
            .publish(channel, &envelope, Message { msg, order })
            .await
        {
            Ok(done) => {
                if let Some(copies) = done.copies {
                    world.record(EventKind::Route {
                        channel,
                        msg,
                        copies,
                    });
                    if copies == 0 {
                        let reason = DropReason::NoSubscriber;
                        world.record(EventKind::Drop {
                            channel,
                            msg,
                            reason,
                        });
                    }
                }
                if done.returned {
                    // As in the simulator: the publisher hears of it, and
                    // its work still succeeded (it goes on to the next).
                    world.record(EventKind::Returned {
                        channel,
                        msg,
                        service: svc,
                    });
                    let reason = DropReason::Returned;
                    world.record(EventKind::Drop {
                        channel,
                        msg,
                        reason,
                    });
                }
            }
            Err(e) => {
                world.fail(e);
                return false;
            }
        }
    }
    true
}

/// RPC: calls `svc`'s callees in turn, each a direct call that waits at most
/// the scenario's RPC timeout. False at the first failed or late reply.
async fn call_all(world: &Rc<World>, svc: ServiceId, order: u64) -> bool {
    for target in world.topo.services[svc.index()].calls.clone() {
        let call = world.next_call.get() + 1;
        world.next_call.set(call);
        let (from, to) = (svc, target.callee);
        world.record(EventKind::RpcCall {
            call,
            from,
            to,
            order,
        });
        let latency = world.topo.latency;
        let answer = async {
            world.clock().sleep(latency).await; // the request travels
            if !world.services[to.index()].up.get() {
                return std::future::pending().await; // nobody answers
            }
            let ok = work(world, to, order).await;
            world.clock().sleep(latency).await; // and the reply
            ok
        };
        let timeout = world.clock().real(world.topo.rpc_timeout);
        match tokio::time::timeout(timeout, answer).await {
            Ok(ok) => {
                world.record(EventKind::RpcReturn { call, from, to, ok });
                if !ok {
                    return false;
                }
            }
            Err(_) => {
                world.record(EventKind::RpcTimeout { call, from, to });
                return false;
            }
        }
    }
    true
}
