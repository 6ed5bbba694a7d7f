//! The event loop's inside: handling one scheduled event, moving the clock
//! and sampling, and the few helpers every part of a run uses (record a
//! trace event, make a message, send something along a wire, release an
//! order's token). The public commands that drive it are in `mod.rs`.

use crate::base::sched::Ev;
use crate::base::time::Micros;
use crate::compile::ActionTopo;
use crate::compile::ServiceId;
use crate::sim::metrics::DEPTH_SAMPLES;
use crate::sim::{Cargo, Msg, Node, Sim, Travel};

impl Sim {
    pub(crate) fn new_msg(&mut self, order: u64, producer: ServiceId, publish: u16) -> Msg {
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

    pub(super) fn advance_clock(&mut self, t: Micros) {
        debug_assert!(t >= self.world.now, "time never goes back");
        if t >= self.next_sample {
            self.sample_depths(t);
        }
        self.world.now = t;
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
            for (i, ch) in self.channels.by_id().enumerate() {
                let series = &mut self.world.metrics.channels[i].depth;
                if series.len() == DEPTH_SAMPLES {
                    series.pop_front();
                }
                series.push_back((self.next_sample, ch.depth() as u32));
            }
            let orders = &mut self.world.metrics.orders;
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
                if let Some(travel) = self.world.travels.remove(key) {
                    self.arrive(travel);
                }
            }
            Ev::ProcessingDone(job) => self.processing_done(job),
            Ev::PublishingDone(job) => self.finish_job(job, true),
            Ev::VisibilityTimeout { channel } => {
                (self.channels).queue(channel, &mut self.world, |q, w, down| {
                    q.visibility_due(w, down)
                })
            }
            Ev::Expire { channel } => {
                (self.channels).queue(channel, &mut self.world, |q, w, down| q.expiry_due(w, down))
            }
            Ev::Input { input } => {
                let spec = &self.plan.inputs[input as usize];
                let (service, every) = (spec.service, spec.every);
                let left = &mut self.input_left[input as usize];
                if let Some(n) = left {
                    *n -= 1;
                }
                if *left != Some(0) {
                    self.world
                        .schedule
                        .push(self.world.now + every, Ev::Input { input });
                }
                self.place_order(service);
            }
            Ev::Rate { generation } => {
                if let (true, Some((service, every))) =
                    (generation == self.rate_generation, self.rate)
                {
                    self.world
                        .schedule
                        .push(self.world.now + every, Ev::Rate { generation });
                    self.place_order(service);
                }
            }
            Ev::RpcTimeout(call) => self.rpc_timeout(call),
            Ev::RetryDue { channel } => {
                (self.channels).queue(channel, &mut self.world, |q, w, down| q.retry_due(w, down))
            }
            Ev::SessionTimeout { channel } => {
                (self.channels).log(channel, &mut self.world, |l, w| l.session_due(w))
            }
            Ev::AutoCommit { channel } => {
                (self.channels).log(channel, &mut self.world, |l, w| l.auto_commit_due(w))
            }
            Ev::Retention { channel } => {
                (self.channels).log(channel, &mut self.world, |l, w| l.retention_due(w))
            }
            Ev::Action { index } => self.act(index),
        }
    }

    fn arrive(&mut self, travel: Travel) {
        match travel.cargo {
            Cargo::Publish { channel, msg } => self.channels.arrive(channel, msg, &mut self.world),
            Cargo::Deliver(work) => {
                if let Node::Service(s) = travel.to {
                    self.world.service(s).incoming -= 1;
                    self.deliver_work(s, work);
                }
            }
            Cargo::Reply { call, ok } => self.rpc_reply(call, ok),
        }
    }

    fn act(&mut self, index: u32) {
        match self.plan.actions[index as usize].1.clone() {
            ActionTopo::Down(service) => self.set_service_up(service, false),
            ActionTopo::Up(service) => self.set_service_up(service, true),
            ActionTopo::Rewind { channel, group } => {
                (self.channels).log(channel, &mut self.world, |l, w| {
                    if let Some(g) = l.group_called(&group) {
                        l.rewind(g, w);
                    }
                })
            }
            ActionTopo::Change(action) => self.change_topology(action),
        }
    }
}
