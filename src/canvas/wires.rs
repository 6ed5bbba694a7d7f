//! Wires: publish (service → channel) and subscribe (channel → service); in
//! RPC mode, the direct calls (service → service) instead.

use kurir_engine::{Mode, Node};
use leptos::prelude::*;

use super::Source;
use crate::model::edits::{dead_letters, wires};
use crate::model::geometry::{curve, node_box};
use crate::state::Playground;

/// RPC calls as drawn: the engine's list of who calls whom.
fn calls(s: &kurir_engine::Scenario) -> Vec<(Node, Node)> {
    kurir_engine::observe::compare::rpc_calls(s)
        .into_iter()
        .map(|(a, b)| (Node::Service(a), Node::Service(b)))
        .collect()
}

/// All wires of the scenario.
#[component]
pub fn Wires() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let src = expect_context::<Source>();
    // The wiring of now: the scenario and the scheduled changes the run
    // has made (a late subscriber's wire appears when it subscribes).
    let changed = Memo::new(move |_| src.snap.with(|s| s.changed.clone()));
    let paths = move || {
        let rpc = src.mode.get() == Mode::Rpc;
        let changed = changed.get();
        pg.scenario.with(|s| {
            let now = (!changed.is_empty()).then(|| s.with_changes(&changed));
            let wired = now.as_ref().unwrap_or(s);
            // RPC draws only the calls: no channel is in between.
            let mut out: Vec<(String, &'static str)> = Vec::new();
            if !rpc {
                out.extend(
                    wires(wired)
                        .into_iter()
                        .map(|(a, b)| (curve(node_box(s, a), node_box(s, b)).d(), "wire")),
                );
                out.extend(dead_letters(s).into_iter().map(|(a, b)| {
                    (
                        curve(node_box(s, a), node_box(s, b)).d(),
                        "wire dead-letter",
                    )
                }));
            }
            if rpc {
                out.extend(
                    calls(s)
                        .into_iter()
                        .map(|(a, b)| (curve(node_box(s, a), node_box(s, b)).d(), "wire call")),
                );
            }
            out
        })
    };
    view! {
        <g class="wires">
            {move || paths().into_iter().map(|(d, class)| view! {
                <path class=class d=d marker-end="url(#arrow)" />
            }).collect_view()}
        </g>
    }
}
