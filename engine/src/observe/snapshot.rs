//! What the UI draws: a cheap, self-contained picture of the run at `now`,
//! including where each travelling message is along its wire.

use crate::base::time::Micros;
use crate::observe::log_view::{log_view, LogView};
use crate::observe::queue_view::{queue_view, QueueView};
use crate::sim::channel::Channel;
use crate::sim::trace::DropReason;
use crate::sim::{Cargo, Node, Sim, Work};

/// State of one service.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceView {
    /// Taking work.
    pub up: bool,
    /// Workers busy now.
    pub busy: u32,
    /// Workers in total.
    pub workers: u32,
    /// Work waiting in its inbox or on the way to it.
    pub waiting: u32,
    /// Finished work.
    pub processed: u64,
    /// Failed work.
    pub failed: u64,
}

/// State of one channel.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelView {
    /// Messages waiting.
    pub depth: u32,
    /// Delivered, not yet acknowledged.
    pub unacked: u32,
    /// Deliveries so far.
    pub delivered: u64,
    /// Copies lost.
    pub dropped: u64,
    /// Copies dead-lettered.
    pub dead_lettered: u64,
    /// Messages subscribers missed while down (fan-out: no copy was made).
    pub missed: u64,
    /// A log's partitions and consumer groups.
    pub log: Option<LogView>,
    /// A queue's messages: out with consumers, retrying, next in line.
    pub queue: Option<QueueView>,
    /// Copies the latest message made (fan-out, exchanges), once one came.
    pub last_copies: Option<u32>,
}

/// What a moving dot carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotKind {
    /// Producer → channel.
    Publish,
    /// Channel → consumer.
    Deliver,
    /// RPC caller → callee.
    Request,
    /// RPC callee → caller.
    Reply,
}

/// A message on a wire.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Where it left.
    pub from: Node,
    /// Where it goes.
    pub to: Node,
    /// 0 at departure, 1 at arrival.
    pub progress: f32,
    /// Order it belongs to.
    pub order: u64,
    /// What it is.
    pub kind: DotKind,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Virtual time.
    pub now: Micros,
    /// By service index.
    pub services: Vec<ServiceView>,
    /// By channel index.
    pub channels: Vec<ChannelView>,
    /// Messages in flight (at most the `max_dots` asked for; the rest counted).
    pub dots: Vec<Dot>,
    /// Dots left out of `dots`.
    pub dots_hidden: usize,
    /// How the orders fare.
    pub orders: OrdersView,
    /// Copies lost so far, by reason, in [`DropReason::ALL`] order.
    pub drops: [u64; DropReason::ALL.len()],
    /// Scheduled topology changes made so far (see [`Sim::changes_made`]):
    /// with the scenario they give the wiring of now.
    pub changed: Vec<u32>,
}

/// The orders of a run at a glance.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OrdersView {
    /// Orders placed.
    pub placed: u64,
    /// Orders answered.
    pub responded: u64,
    /// Orders whose work has all ended.
    pub completed: u64,
    /// Median response time, once an order was answered.
    pub response_p50: Option<Micros>,
}

/// A picture of the run now, with at most `max_dots` moving messages.
pub fn snapshot(sim: &Sim, max_dots: usize) -> Snapshot {
    let o = &sim.world.metrics.orders;
    let services = (sim.world.services)
        .iter()
        .enumerate()
        .map(|(i, s)| ServiceView {
            up: s.up,
            busy: s.busy,
            workers: sim.plan.services[i].workers,
            waiting: s.inbox.len() as u32 + s.incoming,
            processed: sim.world.metrics.services[i].processed,
            failed: sim.world.metrics.services[i].failed,
        })
        .collect();
    let channels = (sim.channels.by_id())
        .enumerate()
        .map(|(i, c)| ChannelView {
            depth: c.depth() as u32,
            unacked: c.unacked() as u32,
            delivered: sim.world.metrics.channels[i].delivered,
            dropped: sim.world.metrics.channels[i].dropped,
            dead_lettered: sim.world.metrics.channels[i].dead_lettered,
            missed: sim.world.metrics.channels[i].missed,
            log: match c {
                Channel::Log(l) => Some(log_view(l)),
                _ => None,
            },
            queue: match c {
                Channel::Queue(q) => Some(queue_view(q)),
                _ => None,
            },
            last_copies: sim.world.metrics.channels[i].last_copies,
        })
        .collect();
    let mut dots = Vec::new();
    let mut hidden = 0;
    for (_, t) in sim.world.travels.iter() {
        if t.depart > sim.world.now {
            continue; // queued behind earlier publishes of the same job
        }
        if dots.len() == max_dots {
            hidden += 1;
            continue;
        }
        let span = t.arrive.saturating_sub(t.depart);
        let progress = if span == 0 {
            1.0
        } else {
            ((sim.world.now - t.depart) as f64 / span as f64).min(1.0) as f32
        };
        let (order, kind) = match t.cargo {
            Cargo::Publish { msg, .. } => (msg.order, DotKind::Publish),
            Cargo::Deliver(Work::Request { order, .. }) => (order, DotKind::Request),
            Cargo::Deliver(w) => (w.order(), DotKind::Deliver),
            Cargo::Reply { call, .. } => (
                sim.calls
                    .get(call)
                    .and_then(|c| sim.jobs.get(c.caller_job))
                    .map_or(0, |j| j.work.order()),
                DotKind::Reply,
            ),
        };
        dots.push(Dot {
            from: t.from,
            to: t.to,
            progress,
            order,
            kind,
        });
    }
    Snapshot {
        now: sim.world.now,
        services,
        channels,
        dots,
        dots_hidden: hidden,
        orders: OrdersView {
            placed: o.placed,
            responded: o.responded,
            completed: o.completed,
            response_p50: (o.responded > 0).then(|| o.response.quantile(0.5)),
        },
        drops: sim.world.metrics.drops,
        changed: sim.changes_made().to_vec(),
    }
}

/// Independent count of live message copies, straight from the data
/// structures (not from counters): `(queued, in_flight)`. Used to check
/// conservation: created = acked + dropped + dead-lettered + queued + in flight.
pub fn copy_census(sim: &Sim) -> (u64, u64) {
    let queued: u64 = sim.channels.by_id().map(|c| c.depth() as u64).sum();
    let leased: u64 = sim.channels.by_id().map(|c| c.unacked() as u64).sum();
    let pushed_travelling = (sim.world.travels)
        .iter()
        .filter(|(_, t)| matches!(t.cargo, Cargo::Deliver(Work::Pushed { .. })))
        .count() as u64;
    let pushed_waiting: u64 = (sim.world.services)
        .iter()
        .map(|s| {
            s.inbox
                .iter()
                .filter(|(w, _)| matches!(w, Work::Pushed { .. }))
                .count() as u64
        })
        .sum();
    let pushed_working = sim
        .jobs
        .iter()
        .filter(|(_, j)| matches!(j.work, Work::Pushed { .. }))
        .count() as u64;
    (
        queued,
        leased + pushed_travelling + pushed_waiting + pushed_working,
    )
}
