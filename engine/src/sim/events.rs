//! The event loop's inside: handling one scheduled event, moving the clock
//! and sampling, and the few helpers every part of a run uses (record a
//! trace event, make a message, send something along a wire, release an
//! order's token). The public commands that drive it are in `mod.rs`.

use crate::base::sched::Ev;
use crate::base::time::Micros;
use crate::compile::ActionTopo;
use crate::sim::metrics::{OrderRecord, DEPTH_SAMPLES, RECENT_ORDERS};
use crate::sim::trace::EventKind;
use crate::sim::{Cargo, Msg, Node, Sim, Travel};

impl Sim {
    pub(crate) fn record(&mut self, kind: EventKind) {
        self.trace.push(self.now, kind);
    }

    pub(crate) fn new_msg(&mut self, order: u64, producer: u32, publish: u16) -> Msg {
        self.next_msg += 1;
        Msg {
            id: self.next_msg,
            order,
            producer,
            publish,
        }
    }

    pub(crate) fn new_call_id(&mut self) -> u64 {
        self.next_call += 1;
        self.next_call
    }

    /// Starts a travel along a wire; it arrives after the network latency.
    pub(crate) fn send(&mut self, from: Node, to: Node, depart: Micros, cargo: Cargo) {
        let arrive = depart + self.topo.latency;
        let key = self.travels.insert(Travel {
            from,
            to,
            depart,
            arrive,
            cargo,
        });
        self.schedule.push(arrive, Ev::Arrive(key));
    }

    /// Releases one of an order's tokens and reports completion.
    pub(crate) fn release_order(&mut self, order: u64) {
        if let Some(done) = self.orders.release(order) {
            let latency = self.now - done.placed;
            let (response, ok) = done.response.unwrap_or((latency, false));
            let stats = &mut self.metrics.orders;
            stats.completed += 1;
            stats.latency.record(latency);
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
            });
            self.record(EventKind::OrderCompleted { order, latency });
        }
    }

    pub(super) fn advance_clock(&mut self, t: Micros) {
        debug_assert!(t >= self.now, "time never goes back");
        if t >= self.next_sample {
            self.sample_depths(t);
        }
        self.now = t;
    }

    fn sample_depths(&mut self, t: Micros) {
        // After a long idle stretch only the last window of samples matters.
        // (`t` is at most END_OF_TIME and the interval at most a day, so
        // none of these sums can overflow.)
        let window = self.sample_every * DEPTH_SAMPLES as Micros;
        if t - self.next_sample > window {
            self.next_sample = t - (t - self.next_sample) % self.sample_every - window;
        }
        while self.next_sample <= t {
            for (i, ch) in self.channels.iter().enumerate() {
                let series = &mut self.metrics.channels[i].depth;
                if series.len() == DEPTH_SAMPLES {
                    series.pop_front();
                }
                series.push_back((self.next_sample, ch.depth() as u32));
            }
            let orders = &mut self.metrics.orders;
            if orders.throughput.len() == DEPTH_SAMPLES {
                orders.throughput.pop_front();
            }
            let done = orders.completed - self.completed_at_sample;
            orders.throughput.push_back((self.next_sample, done as u32));
            self.completed_at_sample = orders.completed;
            self.next_sample += self.sample_every;
        }
    }

    pub(super) fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Arrive(key) => {
                if let Some(travel) = self.travels.remove(key) {
                    self.arrive(travel);
                }
            }
            Ev::ProcessingDone(job) => self.processing_done(job),
            Ev::PublishingDone(job) => self.finish_job(job, true),
            Ev::VisibilityTimeout { channel } => self.visibility_due(channel),
            Ev::Expire { channel } => self.expiry_due(channel),
            Ev::Input { input } => {
                let spec = &self.topo.inputs[input as usize];
                let (service, every) = (spec.service, spec.every);
                let left = &mut self.input_left[input as usize];
                if let Some(n) = left {
                    *n -= 1;
                }
                if *left != Some(0) {
                    self.schedule.push(self.now + every, Ev::Input { input });
                }
                self.place_order(service.0);
            }
            Ev::Rate { generation } => {
                if let (true, Some((service, every))) =
                    (generation == self.rate_generation, self.rate)
                {
                    self.schedule
                        .push(self.now + every, Ev::Rate { generation });
                    self.place_order(service);
                }
            }
            Ev::RpcTimeout(call) => self.rpc_timeout(call),
            Ev::RetryDue { channel } => self.retry_due(channel),
            Ev::SessionTimeout { channel } => self.session_due(channel),
            Ev::AutoCommit { channel } => self.auto_commit_due(channel),
            Ev::Retention { channel } => self.retention_due(channel),
            Ev::Action { index } => self.act(index),
        }
    }

    fn arrive(&mut self, travel: Travel) {
        match travel.cargo {
            Cargo::Publish { channel, msg } => self.channel_arrive(channel, msg),
            Cargo::Deliver(work) => {
                if let Node::Service(s) = travel.to {
                    self.services[s as usize].incoming -= 1;
                    self.deliver_work(s, work);
                }
            }
            Cargo::Reply { call, ok } => self.rpc_reply(call, ok),
        }
    }

    fn act(&mut self, index: u32) {
        match self.topo.actions[index as usize].1 {
            ActionTopo::Down(service) => self.set_service_up(service.0, false),
            ActionTopo::Up(service) => self.set_service_up(service.0, true),
            ActionTopo::Rewind { channel, group } => self.rewind(channel.0, group),
        }
    }
}
