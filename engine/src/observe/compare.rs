//! RPC versus messaging on identical orders: the lesson's comparison, measured.

use crate::base::time::Micros;
use crate::compile::ServiceId;
use crate::scenario::ScenarioError;
use crate::scenario::{Mode, Scenario};
use crate::sim::{Sim, SimOptions};

/// What one mode did with the same orders.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeReport {
    /// Messaging or RPC.
    pub mode: Mode,
    /// Orders placed.
    pub orders: u64,
    /// Orders whose work all ended within the run.
    pub completed: u64,
    /// Orders whose receiving service failed.
    pub failed: u64,
    /// Median order response time.
    pub response_p50: Micros,
    /// 95th percentile of order response time.
    pub response_p95: Micros,
    /// Median end-to-end latency.
    pub latency_p50: Micros,
    /// 95th percentile of end-to-end latency.
    pub latency_p95: Micros,
    /// Completed orders per second of virtual time, from the first order to
    /// the last completion.
    pub throughput: f64,
    /// Copies of data the receiving service sent, per order.
    pub sent_per_order: f64,
    /// The most copies of one piece of data (one channel's payload) it sent per order:
    /// 2 when the same order data goes separately to Finance and to Report.
    pub same_data_per_order: f64,
    /// False when the run was cut short at [`COMPARE_EVENTS`]: the figures
    /// cover only what happened until then.
    pub complete: bool,
}

/// Most events one mode of a comparison may take: the comparison runs
/// synchronously after every edit, so a huge scenario must not freeze the
/// page (the lesson needs about 400).
pub const COMPARE_EVENTS: u64 = 300_000;

/// Runs `orders` orders, one every `every`, at service `entry`, once in each
/// mode, for at most `limit` of virtual time after the last order. Only
/// these orders: the scenario's own inputs are left out, its scheduled
/// actions kept.
pub fn compare(
    scenario: &Scenario,
    entry: ServiceId,
    orders: u64,
    every: Micros,
    limit: Micros,
) -> Result<[ModeReport; 2], ScenarioError> {
    Ok([
        run(scenario, Mode::Rpc, entry, orders, every, limit)?,
        run(scenario, Mode::Messaging, entry, orders, every, limit)?,
    ])
}

fn run(
    scenario: &Scenario,
    mode: Mode,
    entry: ServiceId,
    orders: u64,
    every: Micros,
    limit: Micros,
) -> Result<ModeReport, ScenarioError> {
    let options = SimOptions {
        trace_capacity: 0,
        mode: Some(mode),
        ..SimOptions::default()
    };
    let mut alone = scenario.clone();
    alone.inputs.clear();
    let mut sim = Sim::new(alone, options)?;
    let mut budget = COMPARE_EVENTS;
    let mut complete = true;
    for i in 0..orders {
        complete = run_within(&mut sim, i.saturating_mul(every), &mut budget);
        if !complete {
            break;
        }
        sim.place_order(entry);
    }
    let deadline = sim.now().saturating_add(limit);
    while complete && sim.open_orders() > 0 && sim.now() < deadline {
        match sim.next_event_time() {
            Some(t) if t <= deadline => {
                if budget == 0 {
                    complete = false;
                    break;
                }
                budget -= 1;
                sim.step();
            }
            _ => break,
        }
    }
    let m = sim.metrics();
    let o = &m.orders;
    let last_completion = o
        .recent
        .iter()
        .map(|r| r.placed + r.latency)
        .max()
        .unwrap_or(0);
    let per_order = |n: u64| {
        if orders == 0 {
            0.0
        } else {
            n as f64 / orders as f64
        }
    };
    let sent = &m.payload_sent[entry.index()];
    Ok(ModeReport {
        mode,
        orders,
        completed: o.completed,
        failed: o.failed,
        response_p50: o.response.quantile(0.5),
        response_p95: o.response.quantile(0.95),
        latency_p50: o.latency.quantile(0.5),
        latency_p95: o.latency.quantile(0.95),
        throughput: if last_completion == 0 {
            0.0
        } else {
            o.completed as f64 / (last_completion as f64 / 1e6)
        },
        sent_per_order: per_order(sent.iter().sum()),
        same_data_per_order: per_order(sent.iter().copied().max().unwrap_or(0)),
        complete,
    })
}

/// Runs to `t` on what is left of `budget`; false when it ran out.
fn run_within(sim: &mut Sim, t: Micros, budget: &mut u64) -> bool {
    let before = sim.events_processed();
    let done = sim.run_until_within(t, *budget);
    *budget = budget.saturating_sub(sim.events_processed() - before);
    done
}

/// The calls each service makes in RPC mode, as (caller, callee) service
/// indices in call order: the engine's own list, so a drawing of the RPC
/// design shows exactly what a run does. Empty for an invalid scenario.
pub fn rpc_calls(s: &Scenario) -> Vec<(ServiceId, ServiceId)> {
    let Ok(topo) = crate::compile::compile(s) else {
        return Vec::new();
    };
    topo.services
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.calls.iter().map(move |c| (ServiceId(i as u32), c.callee)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::time::{MS, SEC};
    use crate::examples::lesson;

    #[test]
    fn the_lesson_measures_the_three_rpc_problems() {
        let [rpc, msg] = compare(&lesson(), ServiceId(0), 10, 100 * MS, 600 * SEC).unwrap();
        // Slow: every order waits for all four calls.
        assert!(rpc.response_p50 > 30 * msg.response_p50, "{rpc:?} {msg:?}");
        // The same order data sent twice vs once.
        assert_eq!(rpc.same_data_per_order, 2.0);
        assert_eq!(msg.same_data_per_order, 1.0);
        assert_eq!(rpc.sent_per_order, 4.0);
        assert_eq!(msg.sent_per_order, 3.0);
        assert_eq!(rpc.completed, 10);
        assert_eq!(msg.completed, 10);
        // Messaging lets the downstream services work in parallel.
        assert!(msg.throughput > rpc.throughput);
    }
}
