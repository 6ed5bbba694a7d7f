//! RPC mode: after its own processing a service calls each downstream service
//! in turn and waits for the reply before the next call. Its worker stays
//! busy the whole time; a failed or timed-out call fails the whole job.

use crate::base::sched::Ev;
use crate::base::slab::Key;
use crate::sim::trace::EventKind;
use crate::sim::{Call, Cargo, Node, Phase, Sim, Work};

impl Sim {
    /// Sends call number `index` of the job's service and waits for it.
    pub(crate) fn start_call(&mut self, job_key: Key, index: usize) {
        let Some(job) = self.jobs.get(job_key).copied() else {
            return;
        };
        let caller = job.service;
        let target = self.plan.services[caller.index()].calls[index];
        let order = job.work.order();
        let id = self.new_call_id();
        let slot = target.payload.map_or(self.channels.len(), |c| c.index());
        let call = self.calls.insert(Call {
            caller_job: job_key,
            caller,
            callee: target.callee,
            id,
            slot,
        });
        if let Some(j) = self.jobs.get_mut(job_key) {
            j.phase = Phase::Calling { index, call };
        }
        self.world.metrics.payload_sent[caller.index()][slot] += 1;
        self.world.record(EventKind::RpcCall {
            call: id,
            from: caller,
            to: target.callee,
            order,
        });
        self.world.service(target.callee).incoming += 1;
        self.world.send(
            Node::Service(caller),
            Node::Service(target.callee),
            self.world.now,
            Cargo::Deliver(Work::Request { call, order }),
        );
        self.world
            .schedule
            .push(self.world.now + self.plan.rpc_timeout, Ev::RpcTimeout(call));
    }

    /// A request reached a callee that is up: count the payload as delivered.
    pub(crate) fn note_request_delivered(&mut self, call: Key) {
        if let Some(c) = self.calls.get(call).copied() {
            self.world.metrics.payload_delivered[c.caller.index()][c.slot] += 1;
        }
    }

    /// The reply of a call arrives back at the caller.
    pub(crate) fn rpc_reply(&mut self, call: Key, ok: bool) {
        let Some(c) = self.calls.remove(call) else {
            return; // the caller stopped waiting (timeout) or went down
        };
        self.world.record(EventKind::RpcReturn {
            call: c.id,
            from: c.caller,
            to: c.callee,
            ok,
        });
        self.continue_after_call(c, ok);
    }

    /// The caller's patience ran out.
    pub(crate) fn rpc_timeout(&mut self, call: Key) {
        let Some(c) = self.calls.remove(call) else {
            return;
        };
        self.world.record(EventKind::RpcTimeout {
            call: c.id,
            from: c.caller,
            to: c.callee,
        });
        self.continue_after_call(c, false);
    }

    fn continue_after_call(&mut self, c: Call, ok: bool) {
        let Some(job) = self.jobs.get(c.caller_job).copied() else {
            return;
        };
        let Phase::Calling { index, .. } = job.phase else {
            return;
        };
        let calls = self.plan.services[c.caller.index()].calls.len();
        if !ok {
            self.finish_job(c.caller_job, false);
        } else if index + 1 < calls {
            self.start_call(c.caller_job, index + 1);
        } else {
            self.finish_job(c.caller_job, true);
        }
    }
}
