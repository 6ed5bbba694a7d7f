//! The world a channel acts on: the clock, the event schedule, the trace,
//! the wires, the services' state, the order book and the metrics. A channel
//! at work borrows this and nothing else of the run (see `channel/mod.rs`),
//! so a broker's rules cannot reach into jobs, calls or the random stream.

use crate::base::sched::{Ev, Schedule};
use crate::base::slab::Slab;
use crate::base::time::Micros;
use crate::compile::{ChannelId, ServiceId};
use crate::scenario::envelope::Envelope;
use crate::scenario::routing::fnv1a;
use crate::scenario::Scenario;
use crate::sim::metrics::{Metrics, OrderRecord, RECENT_ORDERS};
use crate::sim::orders::OrderBook;
use crate::sim::trace::{DropReason, EventKind, Trace};
use crate::sim::{Cargo, Msg, Node, ServiceState, Travel};

/// Everything of a run but its channels, jobs, calls and random stream.
pub(crate) struct World {
    /// The scenario being run (messages' envelopes are read from it).
    pub scenario: Scenario,
    pub now: Micros,
    pub schedule: Schedule,
    pub trace: Trace,
    pub services: Vec<ServiceState>,
    pub travels: Slab<Travel>,
    pub orders: OrderBook,
    pub metrics: Metrics,
    /// One-way wire latency.
    pub latency: Micros,
}

impl World {
    pub(crate) fn record(&mut self, kind: EventKind) {
        self.trace.push(self.now, kind);
    }

    /// The state of one service.
    pub(crate) fn service(&mut self, service: ServiceId) -> &mut ServiceState {
        &mut self.services[service.index()]
    }

    /// True when `service` is up.
    pub(crate) fn is_up(&self, service: ServiceId) -> bool {
        self.services[service.index()].up
    }

    /// Starts a travel along a wire; it arrives after the network latency.
    pub(crate) fn send(&mut self, from: Node, to: Node, depart: Micros, cargo: Cargo) {
        let arrive = depart + self.latency;
        let key = self.travels.insert(Travel {
            from,
            to,
            depart,
            arrive,
            cargo,
        });
        self.schedule.push(arrive, Ev::Arrive(key));
    }

    /// Releases one of an order's tokens; when it was the last, the order
    /// has ended: completed if every copy of its messages was done, else
    /// incomplete (some lost or dead-lettered — a dead letter is kept for
    /// someone to look at, but the work it stood for was not done).
    pub(crate) fn release_order(&mut self, order: u64) {
        if let Some(done) = self.orders.release(order) {
            let latency = self.now - done.placed;
            let (response, ok) = done.response.unwrap_or((latency, false));
            let stats = &mut self.metrics.orders;
            let whole = done.lost == 0 && done.dead_lettered == 0;
            if whole {
                stats.completed += 1;
                stats.latency.record(latency);
            } else if done.lost > 0 {
                stats.lost += 1;
            } else {
                stats.dead_lettered += 1;
            }
            if stats.recent.len() == RECENT_ORDERS {
                stats.recent.pop_front();
            }
            stats.recent.push_back(OrderRecord {
                order,
                placed: done.placed,
                response,
                latency,
                ok,
                lost: done.lost,
                dead_lettered: done.dead_lettered,
            });
            self.record(if whole {
                EventKind::OrderCompleted { order, latency }
            } else {
                EventKind::OrderIncomplete {
                    order,
                    latency,
                    lost: done.lost,
                    dead_lettered: done.dead_lettered,
                }
            });
        }
    }

    /// A consumer finished its copy: counted, traced, and the order's token
    /// released.
    pub(crate) fn count_ack(&mut self, channel: ChannelId, msg: Msg, service: ServiceId) {
        self.metrics.channels[channel.index()].acked += 1;
        self.record(EventKind::Ack {
            channel,
            msg: msg.id,
            service,
        });
        self.release_order(msg.order);
    }

    /// A duplicate is discarded (deduplication): counted as dropped, but the
    /// order lost nothing.
    pub(crate) fn discard_duplicate(&mut self, channel: ChannelId, msg: Msg) {
        self.metrics.channels[channel.index()].dropped += 1;
        self.metrics.drops[DropReason::Duplicate.index()] += 1;
        self.record(EventKind::Drop {
            channel,
            msg: msg.id,
            reason: DropReason::Duplicate,
        });
        self.release_order(msg.order);
    }

    /// A copy is lost for `reason`; its order token is released.
    pub(crate) fn drop_copy(&mut self, channel: ChannelId, msg: Msg, reason: DropReason) {
        self.metrics.channels[channel.index()].dropped += 1;
        self.metrics.drops[reason.index()] += 1;
        self.note_lost(msg.order);
        self.record(EventKind::Drop {
            channel,
            msg: msg.id,
            reason,
        });
        self.release_order(msg.order);
    }

    /// Marks one piece of an order's work as never to be done.
    pub(crate) fn note_lost(&mut self, order: u64) {
        if let Some(o) = self.orders.get_mut(order) {
            o.lost += 1;
        }
    }

    /// Marks one piece of an order's work as moved to a dead-letter channel.
    pub(crate) fn note_dead_lettered(&mut self, order: u64) {
        if let Some(o) = self.orders.get_mut(order) {
            o.dead_lettered += 1;
        }
    }

    /// Counts a copy handed to `service` and sends it on its way.
    pub(crate) fn deliver(
        &mut self,
        channel: ChannelId,
        service: ServiceId,
        work: crate::sim::Work,
    ) {
        self.services[service.index()].incoming += 1;
        self.send(
            Node::Channel(channel),
            Node::Service(service),
            self.now,
            Cargo::Deliver(work),
        );
    }

    /// The routing key, key and headers of `msg`.
    pub(crate) fn envelope(&self, msg: Msg) -> Envelope {
        self.scenario
            .services
            .get(msg.producer.index())
            .and_then(|s| s.publishes.get(msg.publish as usize))
            .map(|p| Envelope::of(p, msg.order))
            .unwrap_or_default()
    }

    /// A stable hash of `msg`'s key (FNV-1a; no key hashes like an empty one).
    pub(crate) fn key_hash(&self, msg: Msg) -> u64 {
        let key = self.envelope(msg).key.unwrap_or_default();
        fnv1a(key.as_bytes())
    }
}
