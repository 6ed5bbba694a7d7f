//! The SVG canvas: nodes, wires, moving messages; drag to move, drag from a
//! port to wire, drag the background to pan, wheel to zoom.

mod channel_notes;
mod dots;
mod lanes;
mod nodes;
mod pointer;
mod rename;
mod wires;

use kurir_engine::Node;
use leptos::prelude::*;

use crate::model::geometry::node_box;
use crate::model::legible::compact_font;
use crate::model::view::{hit, View};
use crate::state::Playground;
use crate::text::i18n::T;
use pointer::{Gesture, Pointer};

/// What a canvas draws: the main run, or its twin in the other mode (side by
/// side). Provided as context to the canvas's children.
#[derive(Clone, Copy)]
pub struct Source {
    /// The snapshot to draw.
    pub snap: RwSignal<kurir_engine::observe::snapshot::Snapshot>,
    /// The mode of that run (decides which wires are drawn).
    pub mode: Signal<kurir_engine::Mode>,
    /// Wires and nodes can be selected and changed (not the twin, not a
    /// read-only embed).
    pub editable: bool,
}

/// While a wire is being drawn, the node under its end that it could join
/// (highlighted as the drop target).
#[derive(Clone, Copy)]
pub struct DropTarget(pub Memo<Option<Node>>);

/// The names' size in canvas units while the canvas is zoomed out past
/// readable details, else `None` (context of the canvas; see `model::legible`).
#[derive(Clone, Copy)]
pub struct Compact(pub Memo<Option<f64>>);

/// The node whose name is being edited in place, if any (context of the canvas).
#[derive(Clone, Copy)]
pub struct Renaming(pub RwSignal<Option<Node>>);

/// The canvas.
#[component]
pub fn Canvas(
    view: RwSignal<View>,
    svg: NodeRef<leptos::svg::Svg>,
    /// Embedded read-only player, or the twin canvas: pan and zoom only.
    readonly: bool,
    /// Draw the twin run (the other mode; live, the simulator) instead of
    /// the main one.
    #[prop(default = false)]
    twin: bool,
) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let source = if twin {
        Source {
            snap: pg.twin_snap,
            mode: Signal::derive(move || pg.twin_mode()),
            editable: false,
        }
    } else {
        Source {
            snap: pg.snap,
            mode: Signal::derive(move || pg.scenario.with(|s| s.mode)),
            editable: !readonly,
        }
    };
    provide_context(source);
    // In RPC mode there is no broker: services call each other directly, so
    // the channels are not drawn (and "now there is a broker in the middle"
    // is news when messaging comes).
    let rpc = move || source.mode.get() == kurir_engine::Mode::Rpc;
    let compact = Memo::new(move |_| compact_font(view.get().zoom));
    provide_context(Compact(compact));
    let renaming = RwSignal::new(None::<Node>);
    provide_context(Renaming(renaming));
    let pointer = Pointer {
        pg,
        gesture: RwSignal::new(None),
        view,
        svg,
        readonly,
    };
    let gesture = pointer.gesture;
    provide_context(DropTarget(Memo::new(move |_| pointer.drop_target())));

    let draft = move || match gesture.get() {
        Some(Gesture::Wire { from, to }) => {
            let a = pg.scenario.with(|s| node_box(s, from).c);
            Some(format!("M{:.1} {:.1}L{:.1} {:.1}", a.x, a.y, to.x, to.y))
        }
        _ => None,
    };

    let pan_zoom = move || {
        let v = view.get();
        format!("translate({:.1} {:.1}) scale({:.3})", v.x, v.y, v.zoom)
    };

    view! {
        <svg class="canvas" class:rpc=rpc class:compact=move || compact.get().is_some() node_ref=svg role="application" tabindex="-1"
            aria-label=move || pg.t(T::Canvas)
            on:pointerdown=move |ev| pointer.background_down(ev)
            on:pointermove=move |ev| pointer.moved(ev)
            on:pointerup=move |ev| pointer.up(ev)
            on:pointercancel=move |_| gesture.set(None)
            // Pointer capture sends the second click to the svg, not the node:
            // find the node under the pointer here.
            on:dblclick=move |ev| {
                if readonly {
                    return;
                }
                let p = pointer.to_canvas(&ev);
                if let Some(node) = pg.scenario.with_untracked(|s| hit(s, p)) {
                    renaming.set(Some(node));
                }
            }
            on:wheel=move |ev| pointer.wheel(ev)>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0L10 5L0 10z" class="arrowhead" />
                </marker>
            </defs>
            <g transform=pan_zoom>
                <wires::Wires />
                <lanes::Lanes />
                <channel_notes::ChannelNotes />
                <nodes::Nodes on_node_down=move |n, ev| pointer.node_down(n, ev) on_port_down=move |n, ev| pointer.port_down(n, ev) />
                {move || draft().map(|d| view! { <path class="wire draft" d=d /> })}
            </g>
        </svg>
        // The moving messages change every frame. In a layer of their own
        // (an SVG over the canvas, its own compositing layer) only they are
        // painted again; in the canvas's SVG each frame re-rasterised the
        // whole diagram under them (half of a frame's cost at 1,000
        // deliveries/s).
        <svg class="dots-layer" aria-hidden="true">
            <g transform=pan_zoom>
                <dots::Dots />
            </g>
        </svg>
        {move || renaming.get().map(|node| view! { <rename::RenameBox node=node view=view renaming=renaming /> })}
    }
}
