//! Moving messages. All dots of one kind are one `<path>`, so a frame costs
//! one attribute update per kind however many messages are in flight.

use std::collections::HashMap;

use kurir_engine::observe::snapshot::DotKind;
use kurir_engine::Node;
use leptos::prelude::*;

use super::Source;
use crate::model::geometry::{push_dot, Curve};
use crate::model::wire_route::wire_curve;
use crate::state::Playground;

/// Path data for the dots of each kind: publish, deliver, request, reply.
fn dot_paths(pg: &Playground, src: &Source) -> [String; 4] {
    let mut out: [String; 4] = Default::default();
    pg.scenario.with(|s| {
        src.snap.with(|snap| {
            let mut curves: HashMap<(Node, Node), Curve> = HashMap::new();
            for dot in &snap.dots {
                let c = *curves
                    .entry((dot.from, dot.to))
                    .or_insert_with(|| wire_curve(s, dot.from, dot.to));
                let slot = match dot.kind {
                    DotKind::Publish => 0,
                    DotKind::Deliver => 1,
                    DotKind::Request => 2,
                    DotKind::Reply => 3,
                };
                push_dot(&mut out[slot], c.at(dot.progress as f64), 7.0);
            }
        })
    });
    out
}

/// The dots layer.
#[component]
pub fn Dots() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let src = expect_context::<Source>();
    let paths = Memo::new(move |_| dot_paths(&pg, &src));
    view! {
        <g class="dots" aria-hidden="true">
            <path class="dot publish" d=move || paths.with(|p| p[0].clone()) />
            <path class="dot deliver" d=move || paths.with(|p| p[1].clone()) />
            <path class="dot request" d=move || paths.with(|p| p[2].clone()) />
            <path class="dot reply" d=move || paths.with(|p| p[3].clone()) />
        </g>
    }
}
