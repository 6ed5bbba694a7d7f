//! A run seen from outside: the [`Snapshot`] the canvas draws, folded from
//! trace events that something else produced — a real broker's clients
//! under `kurir-live serve` — instead of read off a [`crate::Sim`]. The
//! views draw it exactly as they draw a simulation.
//!
//! Clients see less than the simulator: a broker does not announce that it
//! stored a copy, so a queue's depth is what the broker last reported
//! ([`Observed::set_depth`]), and messages a client holds are counted from
//! deliveries and their settlements.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::base::time::Micros;
use crate::compile::{compile, ChannelId, ChannelTopo, ServiceId};
use crate::observe::snapshot::{ChannelView, Dot, DotKind, OrdersView, ServiceView, Snapshot};
use crate::scenario::{Scenario, ScenarioError};
use crate::sim::metrics::Histogram;
use crate::sim::trace::{DropReason, EventKind, TraceEvent};
use crate::sim::Node;

/// How long a dot takes along its wire. A real broker's hops take
/// microseconds; a dot is there to be seen, so it travels for a quarter of
/// a second of the run's time.
pub const DOT_SPAN: Micros = 250_000;

/// Dots kept in flight at most (the oldest go first).
const MAX_TRAVELS: usize = 4_096;

#[derive(Clone, Copy, Debug)]
struct Travel {
    from: Node,
    to: Node,
    depart: Micros,
    order: u64,
    kind: DotKind,
}

/// The picture of a run, kept up to date event by event.
#[derive(Clone, Debug)]
pub struct Observed {
    now: Micros,
    services: Vec<ServiceView>,
    channels: Vec<ChannelView>,
    /// Deliveries not yet settled: channel, message, consumer.
    held: BTreeSet<(ChannelId, u64, ServiceId)>,
    /// The order each message belongs to (for the dots of its deliveries).
    order_of: HashMap<u64, u64>,
    travels: VecDeque<Travel>,
    orders: OrdersView,
    response: Histogram,
    drops: [u64; DropReason::ALL.len()],
    events: u64,
    /// Channels that hand every message on (exchanges): their deliveries
    /// are the copies they route, as the simulator counts them.
    hands_on: Vec<bool>,
    /// Channels whose deliveries are held until acknowledged (queues); a
    /// pub/sub copy is gone once sent, and a log's reader commits instead.
    acked: Vec<bool>,
}

impl Observed {
    /// The picture before anything happened on a run of `s`.
    pub fn new(s: &Scenario) -> Result<Observed, ScenarioError> {
        let topo = compile(s)?;
        Ok(Observed {
            now: 0,
            services: (topo.services.iter())
                .map(|t| ServiceView {
                    up: t.up,
                    busy: 0,
                    workers: t.workers,
                    waiting: 0,
                    processed: 0,
                    failed: 0,
                })
                .collect(),
            channels: (topo.channels.iter())
                .map(|_| ChannelView {
                    depth: 0,
                    unacked: 0,
                    delivered: 0,
                    dropped: 0,
                    dead_lettered: 0,
                    missed: 0,
                    log: None,
                    queue: None,
                    last_copies: None,
                })
                .collect(),
            held: BTreeSet::new(),
            order_of: HashMap::new(),
            travels: VecDeque::new(),
            orders: OrdersView::default(),
            response: Histogram::default(),
            drops: [0; DropReason::ALL.len()],
            events: 0,
            hands_on: (topo.channels.iter())
                .map(|c| matches!(c, ChannelTopo::Exchange(_)))
                .collect(),
            acked: (topo.channels.iter())
                .map(|c| matches!(c, ChannelTopo::Queue(_)))
                .collect(),
        })
    }

    /// Events folded in so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// The run's time now.
    pub fn now(&self) -> Micros {
        self.now
    }

    /// Moves the picture's clock on (dots travel); never backwards.
    pub fn advance_to(&mut self, t: Micros) {
        self.now = self.now.max(t);
        let now = self.now;
        while self
            .travels
            .front()
            .is_some_and(|d| d.depart + DOT_SPAN < now)
        {
            self.travels.pop_front();
        }
    }

    /// What the broker reports waiting in queue `c` (ready, not held by a
    /// consumer).
    pub fn set_depth(&mut self, c: ChannelId, ready: u32) {
        if let Some(view) = self.channels.get_mut(c.index()) {
            view.depth = ready;
        }
    }

    /// Folds one event in. Events naming an index the scenario lacks are
    /// ignored (they cannot come from a run of it).
    pub fn apply(&mut self, e: &TraceEvent) {
        self.advance_to(e.t);
        self.events += 1;
        let ns = self.services.len();
        let nc = self.channels.len();
        let svc_ok = |s: ServiceId| s.index() < ns;
        let ch_ok = |c: ChannelId| c.index() < nc;
        match e.kind {
            EventKind::OrderPlaced { .. } => self.orders.placed += 1,
            EventKind::OrderResponded { response, .. } => {
                self.orders.responded += 1;
                self.response.record(response);
                self.orders.response_p50 = Some(self.response.quantile(0.5));
            }
            EventKind::OrderCompleted { .. } => self.orders.completed += 1,
            EventKind::WorkStarted { service, .. } if svc_ok(service) => {
                self.services[service.index()].busy += 1
            }
            EventKind::WorkDone { service, ok, .. } if svc_ok(service) => {
                let v = &mut self.services[service.index()];
                v.busy = v.busy.saturating_sub(1);
                if ok {
                    v.processed += 1;
                } else {
                    v.failed += 1;
                }
            }
            EventKind::Publish {
                service,
                channel,
                msg,
                order,
            } if svc_ok(service) && ch_ok(channel) => {
                self.order_of.insert(msg, order);
                self.travel(
                    Node::Service(service),
                    Node::Channel(channel),
                    order,
                    DotKind::Publish,
                );
            }
            EventKind::Route {
                channel, copies, ..
            } if ch_ok(channel) => {
                let v = &mut self.channels[channel.index()];
                v.last_copies = Some(copies);
                if self.hands_on[channel.index()] {
                    v.delivered += u64::from(copies);
                }
            }
            EventKind::Enqueue { channel, depth, .. } if ch_ok(channel) => {
                self.channels[channel.index()].depth = depth
            }
            EventKind::Deliver {
                channel,
                msg,
                service,
                ..
            } if svc_ok(service) && ch_ok(channel) => {
                self.channels[channel.index()].delivered += 1;
                let acked = self.acked[channel.index()];
                if acked && self.held.insert((channel, msg, service)) {
                    self.channels[channel.index()].unacked += 1;
                }
                let order = self.order_of.get(&msg).copied().unwrap_or(0);
                self.travel(
                    Node::Channel(channel),
                    Node::Service(service),
                    order,
                    DotKind::Deliver,
                );
            }
            EventKind::Ack {
                channel,
                msg,
                service,
            }
            | EventKind::AckLate {
                channel,
                msg,
                service,
            }
            | EventKind::Nack {
                channel,
                msg,
                service,
            } => self.settle(channel, msg, service),
            EventKind::Missed { channel, .. } if ch_ok(channel) => {
                self.channels[channel.index()].missed += 1
            }
            EventKind::Drop {
                channel,
                msg,
                reason,
            } if ch_ok(channel) => {
                self.channels[channel.index()].dropped += 1;
                let i = DropReason::ALL.iter().position(|r| *r == reason);
                if let Some(i) = i {
                    self.drops[i] += 1;
                }
                // A copy lost at its consumer (a crash) is no longer held.
                self.settle_message(channel, msg);
            }
            // Back in the queue (its lease ran out) or moved on: no
            // consumer holds it now.
            EventKind::Redeliver { channel, msg, .. } if ch_ok(channel) => {
                self.settle_message(channel, msg)
            }
            EventKind::DeadLetter { channel, msg, .. } if ch_ok(channel) => {
                self.channels[channel.index()].dead_lettered += 1;
                self.settle_message(channel, msg);
            }
            EventKind::ServiceDown { service } if svc_ok(service) => {
                let v = &mut self.services[service.index()];
                v.up = false;
                v.busy = 0;
                // Its connections closed: the broker takes back what it held.
                let held: Vec<_> = (self.held.iter())
                    .filter(|(_, _, s)| *s == service)
                    .copied()
                    .collect();
                for (c, m, s) in held {
                    self.settle(c, m, s);
                }
            }
            EventKind::ServiceUp { service } if svc_ok(service) => {
                self.services[service.index()].up = true
            }
            EventKind::RpcCall {
                from, to, order, ..
            } if svc_ok(from) && svc_ok(to) => self.travel(
                Node::Service(from),
                Node::Service(to),
                order,
                DotKind::Request,
            ),
            EventKind::RpcReturn { from, to, .. } if svc_ok(from) && svc_ok(to) => {
                self.travel(Node::Service(to), Node::Service(from), 0, DotKind::Reply)
            }
            _ => {}
        }
    }

    fn settle(&mut self, channel: ChannelId, msg: u64, service: ServiceId) {
        if self.held.remove(&(channel, msg, service)) {
            let v = &mut self.channels[channel.index()];
            v.unacked = v.unacked.saturating_sub(1);
        }
    }

    /// Every consumer's hold of `msg` on `channel` ends.
    fn settle_message(&mut self, channel: ChannelId, msg: u64) {
        let held: Vec<_> = (self.held.range((channel, msg, ServiceId(0))..))
            .take_while(|(c, m, _)| *c == channel && *m == msg)
            .copied()
            .collect();
        for (c, m, s) in held {
            self.settle(c, m, s);
        }
    }

    fn travel(&mut self, from: Node, to: Node, order: u64, kind: DotKind) {
        if self.travels.len() == MAX_TRAVELS {
            self.travels.pop_front();
        }
        self.travels.push_back(Travel {
            from,
            to,
            depart: self.now,
            order,
            kind,
        });
    }

    /// The picture now, with at most `max_dots` moving messages.
    pub fn snapshot(&self, max_dots: usize) -> Snapshot {
        let dots: Vec<Dot> = (self.travels.iter())
            .take(max_dots)
            .map(|t| Dot {
                from: t.from,
                to: t.to,
                progress: (self.now.saturating_sub(t.depart) as f64 / DOT_SPAN as f64).min(1.0)
                    as f32,
                order: t.order,
                kind: t.kind,
            })
            .collect();
        Snapshot {
            now: self.now,
            services: self.services.clone(),
            channels: self.channels.clone(),
            dots_hidden: self.travels.len() - dots.len(),
            dots,
            orders: self.orders,
            drops: self.drops,
            changed: Vec::new(),
        }
    }
}
