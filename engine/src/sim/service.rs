//! What services do: take work from their inbox (or pull from queues), spend
//! processing time, then publish or call onward, and report the outcome.

use crate::base::sched::Ev;
use crate::base::slab::Key;
use crate::base::time::Micros;
use crate::compile::ServiceId;
use crate::scenario::Mode;
use crate::sim::metrics::RECENT_ORDERS;
use crate::sim::trace::{DropReason, EventKind};
use crate::sim::{Cargo, Job, Node, Phase, Sim, Work};

impl Sim {
    /// Work reaches a service: queued in its inbox, or lost if it is down.
    pub(crate) fn deliver_work(&mut self, service: ServiceId, work: Work) {
        if !self.world.is_up(service) {
            self.refuse(work);
            return;
        }
        if let Work::Request { call, .. } = work {
            self.note_request_delivered(call);
        }
        let now = self.world.now;
        self.world.service(service).inbox.push_back((work, now));
        self.try_start(service);
    }

    /// Starts work while workers are free, then pulls from queues to fill the
    /// remaining prefetch window.
    pub(crate) fn try_start(&mut self, service: ServiceId) {
        let s = service.index();
        let workers = self.plan.services[s].workers;
        while self.world.services[s].up && self.world.services[s].busy < workers {
            let Some((work, arrived)) = self.world.services[s].inbox.pop_front() else {
                break;
            };
            self.start_job(service, work, arrived);
        }
        // Queues deliver while this service has room under each one's prefetch.
        let consumes = self.plan.services[s].consumes.len();
        if consumes == 0 || !self.world.services[s].up {
            return;
        }
        let first = self.world.services[s].next_queue % consumes;
        self.world.services[s].next_queue = (first + 1) % consumes;
        for k in 0..consumes {
            let channel = self.plan.services[s].consumes[(first + k) % consumes];
            self.channels.dispatch(channel, &mut self.world);
        }
    }

    fn start_job(&mut self, service: ServiceId, work: Work, arrived: Micros) {
        self.world.service(service).busy += 1;
        let duration = self.sample_processing(service);
        let job = self.jobs.insert(Job {
            service,
            work,
            arrived,
            started: self.world.now,
            phase: Phase::Processing,
        });
        self.world.record(EventKind::WorkStarted {
            service,
            order: work.order(),
        });
        self.world
            .schedule
            .push(self.world.now + duration, Ev::ProcessingDone(job));
    }

    fn sample_processing(&mut self, service: ServiceId) -> Micros {
        self.plan.services[service.index()]
            .processing
            .sample(&mut self.rng)
    }

    pub(crate) fn processing_done(&mut self, key: Key) {
        let Some(job) = self.jobs.get(key).copied() else {
            return; // aborted when its service went down
        };
        let spec = &self.plan.services[job.service.index()];
        // A poison order fails without a draw: the random stream of the
        // other work stays as it was.
        let poisoned = spec.fails_orders.binary_search(&job.work.order()).is_ok();
        if poisoned || self.rng.chance(spec.failure_probability) {
            self.finish_job(key, false);
            return;
        }
        match self.mode {
            Mode::Messaging => self.publish_outputs(key, job),
            Mode::Rpc => {
                if self.plan.services[job.service.index()].calls.is_empty() {
                    self.finish_job(key, true);
                } else {
                    self.start_call(key, 0);
                }
            }
        }
    }

    /// Hands one message per output channel to the broker, one after another,
    /// and does not wait for anyone to receive them.
    fn publish_outputs(&mut self, key: Key, job: Job) {
        let n = self.plan.services[job.service.index()].publishes.len();
        if n == 0 {
            self.finish_job(key, true);
            return;
        }
        let order = job.work.order();
        let cost = self.plan.publish_cost;
        for i in 0..n {
            let channel = self.plan.services[job.service.index()].publishes[i];
            // Fits: the compiler allows at most MAX_WIRES_PER_NODE (100) publishes.
            let msg = self.new_msg(order, job.service, i as u16);
            self.world.orders.add(order, 1);
            self.world.metrics.payload_sent[job.service.index()][channel.index()] += 1;
            self.world.record(EventKind::Publish {
                service: job.service,
                channel,
                msg: msg.id,
                order,
            });
            let depart = self.world.now + (i as Micros + 1) * cost;
            self.world.send(
                Node::Service(job.service),
                Node::Channel(channel),
                depart,
                Cargo::Publish { channel, msg },
            );
        }
        if let Some(j) = self.jobs.get_mut(key) {
            j.phase = Phase::Publishing;
        }
        self.world
            .schedule
            .push(self.world.now + n as Micros * cost, Ev::PublishingDone(key));
    }

    /// Ends a job: frees the worker, records it, and settles its work item.
    pub(crate) fn finish_job(&mut self, key: Key, ok: bool) {
        let Some(job) = self.jobs.remove(key) else {
            return;
        };
        let s = job.service.index();
        self.world.services[s].busy -= 1;
        let stats = &mut self.world.metrics.services[s];
        if ok {
            stats.processed += 1;
        } else {
            stats.failed += 1;
        }
        stats.busy += self.world.now - job.started;
        stats.latency.record(self.world.now - job.arrived);
        self.world.record(EventKind::WorkDone {
            service: job.service,
            order: job.work.order(),
            ok,
        });
        match job.work {
            Work::Order { order } => self.respond(order, ok),
            Work::Pushed { channel, msg } => {
                if ok {
                    self.world.metrics.channels[channel.index()].acked += 1;
                    self.world.release_order(msg.order);
                } else {
                    (self.world).drop_copy(channel, msg, DropReason::ProcessingFailed);
                }
            }
            Work::Leased {
                channel,
                lease,
                msg,
            } => {
                let service = job.service;
                (self.channels).queue(channel, &mut self.world, |q, w, down| {
                    if ok {
                        q.ack(lease, service, msg, w, down);
                    } else {
                        q.nack(lease, service, msg, w, down);
                    }
                });
            }
            Work::AutoAcked { msg, .. } => {
                if !ok {
                    self.lose_work(msg.order);
                }
                self.world.release_order(msg.order);
            }
            Work::Record { channel, .. } => {
                (self.channels).log(channel, &mut self.world, |l, w| {
                    l.done(job.work, job.service, ok, w)
                })
            }
            Work::Request { call, .. } => {
                if let Some(c) = self.calls.get(call).copied() {
                    self.world.send(
                        Node::Service(job.service),
                        Node::Service(c.caller),
                        self.world.now,
                        Cargo::Reply { call, ok },
                    );
                }
            }
        }
        self.try_start(job.service);
    }

    /// The client that placed the order gets its answer.
    fn respond(&mut self, order: u64, ok: bool) {
        if let Some(o) = self.world.orders.get_mut(order) {
            let response = self.world.now - o.placed;
            o.response = Some((response, ok));
            let stats = &mut self.world.metrics.orders;
            stats.responded += 1;
            stats.response.record(response);
            if stats.recent_responses.len() == RECENT_ORDERS {
                stats.recent_responses.pop_front();
            }
            stats.recent_responses.push_back(response);
            if !ok {
                stats.failed += 1;
            }
            self.world.record(EventKind::OrderResponded {
                order,
                ok,
                response,
            });
        }
        self.world.release_order(order);
    }

    /// Work that reaches (or was held by) a service that is down.
    fn refuse(&mut self, work: Work) {
        match work {
            Work::Order { order } => self.respond(order, false),
            Work::Pushed { channel, msg } => {
                (self.world).drop_copy(channel, msg, DropReason::SubscriberDown)
            }
            // The queue still holds the lease: its visibility timeout brings it back.
            Work::Leased { .. } => {}
            // The queue forgot it at delivery: this work is lost for good.
            Work::AutoAcked { msg, .. } => {
                self.lose_work(msg.order);
                self.world.release_order(msg.order);
            }
            // The caller notices only when its timeout fires, as in real RPC.
            Work::Request { .. } => {}
            // The log keeps the record; the group rebalances when it notices.
            Work::Record { .. } => {}
        }
    }

    /// A service goes down: everything in its hands is lost.
    pub(crate) fn crash(&mut self, service: ServiceId) {
        let held: Vec<Key> = self
            .jobs
            .iter()
            .filter(|(_, j)| j.service == service)
            .map(|(k, _)| k)
            .collect();
        for key in held {
            if let Some(job) = self.jobs.remove(key) {
                if let Phase::Calling { call, .. } = job.phase {
                    self.calls.remove(call);
                }
                self.lose(job.work);
            }
        }
        let s = self.world.service(service);
        s.busy = 0;
        let inbox = std::mem::take(&mut s.inbox);
        for (work, _) in inbox {
            self.lose(work);
        }
    }

    /// Counts work on an auto-acknowledged message that will never be done.
    fn lose_work(&mut self, order: u64) {
        self.world.note_lost(order);
    }

    fn lose(&mut self, work: Work) {
        match work {
            Work::Pushed { channel, msg } => {
                (self.world).drop_copy(channel, msg, DropReason::ConsumerCrashed)
            }
            other => self.refuse(other),
        }
    }
}
