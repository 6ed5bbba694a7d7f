//! Trace events as JSON lines, with services and channels named by their ids.
//! The schema is documented in `docs/trace-format.md`; keep them in step.

use std::fmt::Write;

use crate::compile::{ChannelId, ServiceId};
use crate::scenario::Scenario;
use crate::sim::trace::{EventKind, RedeliverCause, TraceEvent};
use crate::sim::Sim;

/// One event of `sim`'s run as a single JSON object (no trailing newline).
/// Ids and consumer group names are the run's.
pub fn event_json(e: &TraceEvent, sim: &Sim) -> String {
    event_json_in(e, sim.scenario(), &|channel, group| {
        sim.group_name(channel, group)
    })
}

/// One event as a JSON object, for a run of scenario `s` that is not a
/// [`Sim`] (the live runner on a real broker): `group_name` names consumer
/// group `group` of log `channel`. One writer, so both runs print one schema.
pub fn event_json_in(
    e: &TraceEvent,
    s: &Scenario,
    group_name: &dyn Fn(ChannelId, u32) -> String,
) -> String {
    let group_name = |_: &Scenario, channel, group| group_name(channel, group);
    let svc = |i: ServiceId| quote(&s.services[i.index()].id);
    let ch = |i: ChannelId| quote(&s.channels[i.index()].id);
    let mut out = format!("{{\"seq\":{},\"t\":{},", e.seq, e.t);
    let w = &mut out;
    // Writing to a String cannot fail.
    let _ = match e.kind {
        EventKind::OrderPlaced { order, service } => write!(
            w,
            "\"type\":\"order_placed\",\"order\":{order},\"service\":{}",
            svc(service)
        ),
        EventKind::OrderRefused { service } => write!(
            w,
            "\"type\":\"order_refused\",\"service\":{}",
            svc(service)
        ),
        EventKind::OrderResponded {
            order,
            ok,
            response,
        } => write!(
            w,
            "\"type\":\"order_responded\",\"order\":{order},\"ok\":{ok},\"response_us\":{response}"
        ),
        EventKind::OrderCompleted { order, latency } => write!(
            w,
            "\"type\":\"order_completed\",\"order\":{order},\"latency_us\":{latency}"
        ),
        EventKind::OrderIncomplete {
            order,
            latency,
            lost,
            dead_lettered,
        } => write!(
            w,
            "\"type\":\"order_incomplete\",\"order\":{order},\"latency_us\":{latency},\"lost\":{lost},\"dead_lettered\":{dead_lettered}"
        ),
        EventKind::WorkStarted { service, order } => write!(
            w,
            "\"type\":\"work_started\",\"service\":{},\"order\":{order}",
            svc(service)
        ),
        EventKind::WorkDone { service, order, ok } => write!(
            w,
            "\"type\":\"work_done\",\"service\":{},\"order\":{order},\"ok\":{ok}",
            svc(service)
        ),
        EventKind::Publish {
            service,
            channel,
            msg,
            order,
        } => write!(
            w,
            "\"type\":\"publish\",\"service\":{},\"channel\":{},\"msg\":{msg},\"order\":{order}",
            svc(service),
            ch(channel)
        ),
        EventKind::Route {
            channel,
            msg,
            copies,
        } => write!(
            w,
            "\"type\":\"route\",\"channel\":{},\"msg\":{msg},\"copies\":{copies}",
            ch(channel)
        ),
        EventKind::Enqueue {
            channel,
            msg,
            depth,
        } => write!(
            w,
            "\"type\":\"enqueue\",\"channel\":{},\"msg\":{msg},\"depth\":{depth}",
            ch(channel)
        ),
        EventKind::Deliver {
            channel,
            msg,
            service,
            attempt,
        } => write!(
            w,
            "\"type\":\"deliver\",\"channel\":{},\"msg\":{msg},\"service\":{},\"attempt\":{attempt}",
            ch(channel),
            svc(service)
        ),
        EventKind::Ack {
            channel,
            msg,
            service,
        } => consumer(w, "ack", ch(channel), msg, svc(service)),
        EventKind::AckLate {
            channel,
            msg,
            service,
        } => consumer(w, "ack_late", ch(channel), msg, svc(service)),
        EventKind::Nack {
            channel,
            msg,
            service,
        } => consumer(w, "nack", ch(channel), msg, svc(service)),
        EventKind::Missed {
            channel,
            msg,
            service,
        } => consumer(w, "missed", ch(channel), msg, svc(service)),
        EventKind::Redeliver {
            channel,
            msg,
            attempt,
            cause,
            available_at,
        } => write!(
            w,
            "\"type\":\"redeliver\",\"channel\":{},\"msg\":{msg},\"attempt\":{attempt},\"cause\":\"{}\",\"available_at\":{available_at}",
            ch(channel),
            match cause {
                RedeliverCause::Nack => "nack",
                RedeliverCause::ConsumerDown => "consumer_down",
                RedeliverCause::Timeout => "timeout",
            }
        ),
        EventKind::Drop {
            channel,
            msg,
            reason,
        } => write!(
            w,
            "\"type\":\"drop\",\"channel\":{},\"msg\":{msg},\"reason\":\"{}\"",
            ch(channel),
            reason.as_str()
        ),
        EventKind::DeadLetter { channel, msg, to } => write!(
            w,
            "\"type\":\"dead_letter\",\"channel\":{},\"msg\":{msg},\"to\":{}",
            ch(channel),
            ch(to)
        ),
        EventKind::Redriven { channel, msg, to } => write!(
            w,
            "\"type\":\"redriven\",\"channel\":{},\"msg\":{msg},\"to\":{}",
            ch(channel),
            ch(to)
        ),
        EventKind::RpcCall {
            call,
            from,
            to,
            order,
        } => write!(
            w,
            "\"type\":\"rpc_call\",\"call\":{call},\"from\":{},\"to\":{},\"order\":{order}",
            svc(from),
            svc(to)
        ),
        EventKind::RpcReturn { call, from, to, ok } => write!(
            w,
            "\"type\":\"rpc_return\",\"call\":{call},\"from\":{},\"to\":{},\"ok\":{ok}",
            svc(from),
            svc(to)
        ),
        EventKind::RpcTimeout { call, from, to } => write!(
            w,
            "\"type\":\"rpc_timeout\",\"call\":{call},\"from\":{},\"to\":{}",
            svc(from),
            svc(to)
        ),
        EventKind::Append {
            channel,
            msg,
            partition,
            offset,
        } => write!(
            w,
            "\"type\":\"append\",\"channel\":{},\"msg\":{msg},\"partition\":{partition},\"offset\":{offset}",
            ch(channel)
        ),
        EventKind::Commit {
            channel,
            group,
            partition,
            offset,
        } => write!(
            w,
            "\"type\":\"commit\",\"channel\":{},\"group\":{},\"partition\":{partition},\"offset\":{offset}",
            ch(channel),
            quote(&group_name(s, channel, group))
        ),
        EventKind::Rebalance {
            channel,
            group,
            members,
        } => write!(
            w,
            "\"type\":\"rebalance\",\"channel\":{},\"group\":{},\"members\":{members}",
            ch(channel),
            quote(&group_name(s, channel, group))
        ),
        EventKind::Seek {
            channel,
            group,
            partition,
            offset,
        } => write!(
            w,
            "\"type\":\"seek\",\"channel\":{},\"group\":{},\"partition\":{partition},\"offset\":{offset}",
            ch(channel),
            quote(&group_name(s, channel, group))
        ),
        EventKind::ServiceDown { service } => {
            write!(w, "\"type\":\"service_down\",\"service\":{}", svc(service))
        }
        EventKind::ServiceUp { service } => {
            write!(w, "\"type\":\"service_up\",\"service\":{}", svc(service))
        }
        EventKind::Returned {
            channel,
            msg,
            service,
        } => consumer(w, "returned", ch(channel), msg, svc(service)),
        EventKind::Changed { action } => {
            let what = s.actions.get(action as usize);
            let json = what.and_then(|a| serde_json::to_string(a).ok());
            write!(
                w,
                "\"type\":\"changed\",\"action\":{action},\"change\":{}",
                json.as_deref().unwrap_or("null")
            )
        }
    };
    out.push('}');
    out
}

fn consumer(
    w: &mut String,
    kind: &str,
    channel: String,
    msg: u64,
    service: String,
) -> std::fmt::Result {
    write!(
        w,
        "\"type\":\"{kind}\",\"channel\":{channel},\"msg\":{msg},\"service\":{service}"
    )
}

fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"?\"".into())
}
