//! The SVG canvas: nodes, wires, moving messages; drag to move, drag from a
//! port to wire, drag the background to pan, wheel to zoom.

mod dots;
mod nodes;
mod wires;

use kurir_engine::{Node, Scenario};
use leptos::prelude::*;
use web_sys::PointerEvent;

use crate::model::edits::{self, WireRefused};
use crate::model::geometry::{bounds, node_box, Pt};
use crate::state::Playground;
use crate::text::i18n::T;

/// Pan and zoom of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Translation in screen pixels.
    pub x: f64,
    /// Translation in screen pixels.
    pub y: f64,
    /// Scale.
    pub zoom: f64,
}

/// What the pointer is doing.
#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    /// Moving nodes: the pointer's start and each node's start position.
    Move {
        start: Pt,
        nodes: Vec<(Node, Pt)>,
        moved: bool,
    },
    /// Drawing a wire from a node's port.
    Wire { from: Node, to: Pt },
    /// Panning: pointer and view at the start.
    Pan { start: Pt, view: View },
}

/// What a canvas draws: the main run, or its twin in the other mode (side by
/// side). Provided as context to the canvas's children.
#[derive(Clone, Copy)]
pub struct Source {
    /// The snapshot to draw.
    pub snap: RwSignal<kurir_engine::observe::snapshot::Snapshot>,
    /// The mode of that run (decides which wires are drawn).
    pub mode: Signal<kurir_engine::Mode>,
}

/// The node whose name is being edited in place, if any (context of the canvas).
#[derive(Clone, Copy)]
pub struct Renaming(pub RwSignal<Option<Node>>);

/// The node under canvas point `p`, topmost first.
pub fn hit(s: &Scenario, p: Pt) -> Option<Node> {
    let inside = |n: Node| {
        let b = node_box(s, n);
        (p.x - b.c.x).abs() <= b.hw && (p.y - b.c.y).abs() <= b.hh
    };
    (0..s.channels.len())
        .rev()
        .map(|i| Node::Channel(i as u32))
        .chain((0..s.services.len()).rev().map(|i| Node::Service(i as u32)))
        .find(|&n| inside(n))
}

/// Height kept free at the top of the canvas for the palette.
pub const PALETTE_H: f64 = 56.0;

/// Scale and translation that show all of `s` in a `w` × `h` area (below
/// the palette, when there is one).
pub fn fit(s: &Scenario, w: f64, h: f64, palette: bool) -> View {
    let top = if palette { PALETTE_H } else { 0.0 };
    let h = h - top;
    match bounds(s, 30.0) {
        Some((x, y, bw, bh)) if w > 0.0 && h > 0.0 => {
            let zoom = (w / bw).min(h / bh).clamp(0.2, 1.5);
            View {
                x: (w - bw * zoom) / 2.0 - x * zoom,
                y: top + (h - bh * zoom) / 2.0 - y * zoom,
                zoom,
            }
        }
        _ => View {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        },
    }
}

/// The canvas.
#[component]
pub fn Canvas(
    view: RwSignal<View>,
    svg: NodeRef<leptos::svg::Svg>,
    /// Embedded read-only player, or the twin canvas: pan and zoom only.
    readonly: bool,
    /// Draw the twin run (the other mode) instead of the main one.
    #[prop(default = false)]
    twin: bool,
) -> impl IntoView {
    let pg = expect_context::<Playground>();
    provide_context(if twin {
        Source {
            snap: pg.twin_snap,
            mode: Signal::derive(move || pg.scenario.with(|s| s.mode).other()),
        }
    } else {
        Source {
            snap: pg.snap,
            mode: Signal::derive(move || pg.scenario.with(|s| s.mode)),
        }
    });
    let gesture = RwSignal::new(None::<Gesture>);
    let renaming = RwSignal::new(None::<Node>);
    provide_context(Renaming(renaming));

    // Screen → canvas coordinates.
    let to_canvas = move |ev: &web_sys::MouseEvent| -> Pt {
        let (left, top) = svg
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                (r.left(), r.top())
            })
            .unwrap_or((0.0, 0.0));
        let v = view.get_untracked();
        Pt {
            x: (ev.client_x() as f64 - left - v.x) / v.zoom,
            y: (ev.client_y() as f64 - top - v.y) / v.zoom,
        }
    };
    let capture = move |ev: &PointerEvent| {
        if let Some(el) = svg.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };

    let on_node_down = move |node: Node, ev: PointerEvent| {
        if readonly {
            return; // the background handler pans
        }
        ev.stop_propagation();
        let additive = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
        pg.selection.update(|sel| {
            if additive {
                if let Some(i) = sel.iter().position(|&n| n == node) {
                    sel.remove(i);
                } else {
                    sel.push(node);
                }
            } else if !sel.contains(&node) {
                *sel = vec![node];
            }
        });
        let moving = pg.selection.get_untracked();
        let nodes = pg
            .scenario
            .with_untracked(|s| moving.iter().map(|&n| (n, node_box(s, n).c)).collect());
        capture(&ev);
        gesture.set(Some(Gesture::Move {
            start: to_canvas(&ev),
            nodes,
            moved: false,
        }));
    };
    let on_port_down = move |node: Node, ev: PointerEvent| {
        if readonly {
            return;
        }
        ev.stop_propagation();
        capture(&ev);
        gesture.set(Some(Gesture::Wire {
            from: node,
            to: to_canvas(&ev),
        }));
    };
    let on_background_down = move |ev: PointerEvent| {
        pg.selection.set(Vec::new());
        capture(&ev);
        gesture.set(Some(Gesture::Pan {
            start: Pt {
                x: ev.client_x() as f64,
                y: ev.client_y() as f64,
            },
            view: view.get_untracked(),
        }));
    };
    let on_move = move |ev: PointerEvent| {
        let Some(g) = gesture.get_untracked() else {
            return;
        };
        match g {
            Gesture::Move {
                start,
                nodes,
                moved,
            } => {
                let p = to_canvas(&ev);
                let (dx, dy) = (p.x - start.x, p.y - start.y);
                if !moved {
                    if dx.abs() + dy.abs() < 3.0 {
                        return;
                    }
                    pg.remember();
                    gesture.set(Some(Gesture::Move {
                        start,
                        nodes: nodes.clone(),
                        moved: true,
                    }));
                }
                for (n, at) in nodes {
                    pg.move_node(n, at.x + dx, at.y + dy);
                }
            }
            Gesture::Wire { from, .. } => {
                gesture.set(Some(Gesture::Wire {
                    from,
                    to: to_canvas(&ev),
                }));
            }
            Gesture::Pan { start, view: v0 } => view.set(View {
                x: v0.x + ev.client_x() as f64 - start.x,
                y: v0.y + ev.client_y() as f64 - start.y,
                zoom: v0.zoom,
            }),
        }
    };
    let on_up = move |ev: PointerEvent| {
        if let Some(Gesture::Wire { from, .. }) = gesture.get_untracked() {
            let p = to_canvas(&ev);
            let target = pg.scenario.with_untracked(|s| hit(s, p));
            if let Some(to) = target.filter(|&to| to != from) {
                let wired = pg.edit(|s| edits::connect(s, from, to));
                if wired == Some(Err(WireRefused)) {
                    pg.notice.set(Some(pg.t(T::WireRefused).to_string()));
                }
            }
        }
        gesture.set(None);
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(el) = svg.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let (mx, my) = (
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        let v = view.get_untracked();
        let zoom = (v.zoom * (-ev.delta_y() * 0.0015).exp())
            .clamp(crate::io::persist::MIN_ZOOM, crate::io::persist::MAX_ZOOM);
        // Keep the point under the cursor where it is.
        view.set(View {
            x: mx - (mx - v.x) * zoom / v.zoom,
            y: my - (my - v.y) * zoom / v.zoom,
            zoom,
        });
    };

    let draft = move || match gesture.get() {
        Some(Gesture::Wire { from, to }) => {
            let a = pg.scenario.with(|s| node_box(s, from).c);
            Some(format!("M{:.1} {:.1}L{:.1} {:.1}", a.x, a.y, to.x, to.y))
        }
        _ => None,
    };

    view! {
        <svg class="canvas" node_ref=svg role="application"
            aria-label=move || pg.t(T::Canvas)
            on:pointerdown=on_background_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=move |_| gesture.set(None)
            // Pointer capture sends the second click to the svg, not the node:
            // find the node under the pointer here.
            on:dblclick=move |ev| {
                if readonly {
                    return;
                }
                let p = to_canvas(&ev);
                if let Some(node) = pg.scenario.with_untracked(|s| hit(s, p)) {
                    renaming.set(Some(node));
                }
            }
            on:wheel=on_wheel>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0L10 5L0 10z" class="arrowhead" />
                </marker>
            </defs>
            <g transform=move || { let v = view.get(); format!("translate({:.1} {:.1}) scale({:.3})", v.x, v.y, v.zoom) }>
                <wires::Wires />
                <nodes::Nodes on_node_down=on_node_down on_port_down=on_port_down />
                <dots::Dots />
                {move || draft().map(|d| view! { <path class="wire draft" d=d /> })}
            </g>
        </svg>
        {move || renaming.get().map(|node| view! { <RenameBox node=node view=view renaming=renaming /> })}
    }
}

/// An input over a node to rename it in place: Enter or leaving applies,
/// Escape cancels.
#[component]
fn RenameBox(node: Node, view: RwSignal<View>, renaming: RwSignal<Option<Node>>) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let input = NodeRef::<leptos::html::Input>::new();
    let (name, at) = pg.scenario.with_untracked(|s| {
        let name = match node {
            Node::Service(i) => s.services.get(i as usize).map(|v| v.name.clone()),
            Node::Channel(i) => s.channels.get(i as usize).map(|c| c.name.clone()),
        };
        (name.unwrap_or_default(), node_box(s, node).c)
    });
    let apply = move || {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let text = el.value().trim().to_string();
        renaming.set(None);
        if text.chars().count() > kurir_engine::compile::limits::MAX_NAME {
            pg.notice
                .set(Some(format!("{} {}", pg.t(T::Name), pg.t(T::TooLong))));
            return;
        }
        pg.edit(|s| match node {
            Node::Service(i) => s.services[i as usize].name = text,
            Node::Channel(i) => s.channels[i as usize].name = text,
        });
    };
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    // Set through CSSOM (`style:`), which a strict Content-Security-Policy
    // allows, unlike a `style` attribute.
    let left = move || view.with(|v| format!("{:.0}px", v.x + at.x * v.zoom - 80.0));
    let top = move || view.with(|v| format!("{:.0}px", v.y + at.y * v.zoom - 16.0));
    view! {
        <input class="rename" id="rename" node_ref=input type="text" value=name style:left=left style:top=top
            aria-label=move || pg.t(T::Rename)
            on:keydown=move |ev| match ev.key().as_str() {
                "Enter" => apply(),
                "Escape" => renaming.set(None),
                _ => {}
            }
            on:blur=move |_| if renaming.get_untracked().is_some() { apply() } />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    #[test]
    fn hit_finds_the_node_under_the_pointer() {
        let s = lesson();
        assert_eq!(hit(&s, Pt { x: 120.0, y: 280.0 }), Some(Node::Service(0)));
        assert_eq!(hit(&s, Pt { x: 440.0, y: 413.0 }), Some(Node::Channel(2)));
        assert_eq!(hit(&s, Pt { x: 600.0, y: 600.0 }), None);
    }

    #[test]
    fn fit_shows_everything_inside_the_area() {
        let s = lesson();
        let v = fit(&s, 1000.0, 600.0, true);
        let (x, y, w, h) = bounds(&s, 30.0).unwrap();
        assert!(x * v.zoom + v.x >= -0.01 && y * v.zoom + v.y >= PALETTE_H - 0.01);
        assert!((x + w) * v.zoom + v.x <= 1000.01 && (y + h) * v.zoom + v.y <= 600.01);
    }
}
