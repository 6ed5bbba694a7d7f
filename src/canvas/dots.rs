//! Moving messages. All dots of one kind are one `<path>`, so a frame costs
//! one attribute update per kind however many messages are in flight.

use std::collections::HashMap;

use kurir_engine::observe::snapshot::DotKind;
use kurir_engine::Node;
use leptos::prelude::*;

use super::Source;
use crate::model::geometry::{Curve, DotShape};
use crate::model::wire_route::wire_curve;
use crate::state::Playground;

/// A dot's radius, and its ring's: the ring (the page's colour) keeps a dot
/// apart from the wire and the node under it.
const DOT_R: f64 = 6.25;
const RING_R: f64 = 7.75;

/// Path data for the rings under every dot, then for the dots of each kind:
/// publish, deliver, request, reply.
fn dot_paths(pg: &Playground, src: &Source) -> [String; 5] {
    let mut out: [String; 5] = Default::default();
    let (ring, dot_shape) = (DotShape::new(RING_R), DotShape::new(DOT_R));
    pg.scenario.with(|s| {
        src.snap.with(|snap| {
            let mut curves: HashMap<(Node, Node), Curve> = HashMap::new();
            for dot in &snap.dots {
                let c = *curves
                    .entry((dot.from, dot.to))
                    .or_insert_with(|| wire_curve(s, dot.from, dot.to));
                let slot = match dot.kind {
                    DotKind::Publish => 1,
                    DotKind::Deliver => 2,
                    DotKind::Request => 3,
                    DotKind::Reply => 4,
                };
                let at = c.at(dot.progress as f64);
                ring.push(&mut out[0], at);
                dot_shape.push(&mut out[slot], at);
            }
        })
    });
    out
}

/// The dots layer. The ring is a filled path under the dots rather than a
/// stroke on each: software rasterising strokes on hundreds of moving circles
/// took a third of a frame at 1,000 deliveries/s; fills are cheap.
#[component]
pub fn Dots() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let src = expect_context::<Source>();
    let paths = Memo::new(move |_| dot_paths(&pg, &src));
    view! {
        <g class="dots" aria-hidden="true">
            <path class="dot ring" d=move || paths.with(|p| p[0].clone()) />
            <path class="dot publish" d=move || paths.with(|p| p[1].clone()) />
            <path class="dot deliver" d=move || paths.with(|p| p[2].clone()) />
            <path class="dot request" d=move || paths.with(|p| p[3].clone()) />
            <path class="dot reply" d=move || paths.with(|p| p[4].clone()) />
        </g>
    }
}
