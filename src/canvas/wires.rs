//! Wires: publish (service → channel) and subscribe (channel → service); in
//! RPC mode, the direct calls (service → service) instead.

use kurir_engine::{Mode, Node};
use leptos::prelude::*;

use super::Source;
use crate::edits::wires;
use crate::geometry::{curve, node_box};
use crate::state::Playground;

/// RPC calls as drawn: each service to the subscribers of its channels (one
/// per group, as the engine calls them), or its explicit calls.
fn calls(s: &kurir_engine::Scenario) -> Vec<(Node, Node)> {
    let service = |id: &str| s.services.iter().position(|v| v.id == id);
    let mut out = Vec::new();
    for (i, v) in s.services.iter().enumerate() {
        let from = Node::Service(i as u32);
        if !v.calls.is_empty() {
            out.extend(
                v.calls
                    .iter()
                    .filter_map(|id| service(id))
                    .map(|j| (from, Node::Service(j as u32))),
            );
            continue;
        }
        for channel in &v.publishes {
            let mut groups: Vec<String> = Vec::new();
            for w in s.subscriptions.iter().filter(|w| &w.channel == channel) {
                let group = w
                    .group
                    .clone()
                    .unwrap_or_else(|| format!("service:{}", w.service));
                if groups.contains(&group) {
                    continue;
                }
                groups.push(group);
                if let Some(j) = service(&w.service) {
                    out.push((from, Node::Service(j as u32)));
                }
            }
        }
    }
    out
}

/// All wires of the scenario.
#[component]
pub fn Wires() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let src = expect_context::<Source>();
    let paths = move || {
        let rpc = src.mode.get() == Mode::Rpc;
        pg.scenario.with(|s| {
            let mut out: Vec<(String, &'static str)> = wires(s)
                .into_iter()
                .map(|(a, b)| {
                    let d = curve(node_box(s, a), node_box(s, b)).d();
                    (d, if rpc { "wire faded" } else { "wire" })
                })
                .collect();
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
