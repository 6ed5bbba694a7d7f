//! Wires: publish (service → channel) and subscribe (channel → service); in
//! RPC mode, the direct calls (service → service) instead.

use kurir_engine::{Mode, Node};
use leptos::prelude::*;

use super::{Compact, Source};
use crate::model::dead_letters::dead_letters;
use crate::model::edits::wires;
use crate::model::legible::fit_name;
use crate::model::wire_labels::wire_labels;
use crate::model::wire_route::wire_curve;
use crate::state::Playground;

/// RPC calls as drawn: the engine's list of who calls whom.
fn calls(s: &kurir_engine::Scenario) -> Vec<(Node, Node)> {
    kurir_engine::observe::compare::rpc_calls(s)
        .into_iter()
        .map(|(a, b)| (Node::Service(a), Node::Service(b)))
        .collect()
}

/// A node as tests and tools name it: `service:order`, `channel:sms`.
fn node_ref(s: &kurir_engine::Scenario, n: Node) -> String {
    match n {
        Node::Service(i) => format!(
            "service:{}",
            s.services.get(i.index()).map_or("", |v| v.id.as_str())
        ),
        Node::Channel(i) => format!(
            "channel:{}",
            s.channels.get(i.index()).map_or("", |c| c.id.as_str())
        ),
    }
}

/// All wires of the scenario.
#[component]
pub fn Wires() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let src = expect_context::<Source>();
    // The wiring of now: the scenario and the scheduled changes the run
    // has made (a late subscriber's wire appears when it subscribes).
    let changed = Memo::new(move |_| src.snap.with(|s| s.changed.clone()));
    // Played once per change for the wires and their labels both (`None`:
    // no change made, the scenario itself is the wiring of now).
    let now = Memo::new(move |_| {
        changed.with(|c| (!c.is_empty()).then(|| pg.scenario.with(|s| s.with_changes(c))))
    });
    let paths = move || {
        let rpc = src.mode.get() == Mode::Rpc;
        let now = now.get();
        pg.scenario.with(|s| {
            let wired = now.as_ref().unwrap_or(s);
            // RPC draws only the calls: no channel is in between. A wire
            // between two nodes can be selected (to delete it); dead-letter
            // links are a queue's setting, calls the RPC mode's.
            type Drawn = (String, &'static str, Option<(Node, Node)>);
            let mut out: Vec<Drawn> = Vec::new();
            if !rpc {
                out.extend(
                    wires(wired)
                        .into_iter()
                        .map(|(a, b)| (wire_curve(s, a, b).d(), "wire", Some((a, b)))),
                );
                out.extend(
                    dead_letters(s)
                        .into_iter()
                        .map(|(a, b)| (wire_curve(s, a, b).d(), "wire dead-letter", None)),
                );
            }
            if rpc {
                out.extend(
                    calls(s)
                        .into_iter()
                        .map(|(a, b)| (wire_curve(s, a, b).d(), "wire call", None)),
                );
            }
            out
        })
    };
    // What each labelled wire carries (keys, header rules, filter policies),
    // beside the wire's middle; cut to fit, whole in its tooltip. Zoomed out
    // (names only), a binding's rule stays, drawn as large as the names; a
    // publisher's keys, on the short wire into the exchange, would cover
    // the nodes and are left to the inspector.
    let compact = expect_context::<Compact>().0;
    let labels = move || {
        if src.mode.get() == Mode::Rpc {
            return Vec::new();
        }
        let now = now.get();
        let compact = compact.get();
        pg.scenario.with(|s| {
            (wire_labels(now.as_ref().unwrap_or(s)).into_iter())
                .filter(|l| compact.is_none() || l.binding)
                .map(|l| {
                    let at = wire_curve(s, l.from, l.to).at(0.5);
                    let max = if compact.is_some() { 14 } else { 30 };
                    (at, fit_name(l.text.clone(), max), l.text)
                })
                .collect::<Vec<_>>()
        })
    };
    let size = move || compact.get().map(|f| format!("{:.1}", f * 0.9));
    view! {
        <g class="wires">
            {move || paths().into_iter().map(|(d, class, ends)| {
                let selected = move || ends.is_some() && pg.wire.get() == ends;
                let hit = ends.filter(|_| src.editable).map(|(a, b)| view! {
                    // A wide invisible stroke: a 1.6 px line is hard to hit.
                    <path class="wire-hit" d=d.clone() data-wire=pg.scenario.with_untracked(|s| format!("{}>{}", node_ref(s, a), node_ref(s, b)))
                        on:pointerdown=move |ev| {
                        ev.stop_propagation();
                        pg.select_wire(a, b);
                    } />
                });
                view! {
                    <path class=class class:selected=selected d=d marker-end="url(#arrow)" />
                    {hit}
                }
            }).collect_view()}
        </g>
        <g class="wire-labels" aria-hidden="true">
            {move || labels().into_iter().map(|(at, shown, whole)| view! {
                <text class="wire-label" x=format!("{:.1}", at.x) y=format!("{:.1}", at.y - 5.0) text-anchor="middle" font-size=size>
                    <title>{whole}</title>{shown}
                </text>
            }).collect_view()}
        </g>
    }
}
