//! What the pointer does on the canvas: select and move nodes, draw a wire
//! from a port, pan the background, zoom with the wheel. One value holding
//! the few signals a gesture needs; the canvas forwards its events to it.

use kurir_engine::Node;
use leptos::prelude::*;
use web_sys::PointerEvent;

use crate::model::edits::{self, WireRefused};
use crate::model::geometry::{node_box, Pt};
use crate::model::view::{hit, View};
use crate::state::Playground;
use crate::text::i18n::T;

/// What the pointer is doing.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Gesture {
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

/// The pointer's handlers of one canvas.
#[derive(Clone, Copy)]
pub(super) struct Pointer {
    pub pg: Playground,
    pub gesture: RwSignal<Option<Gesture>>,
    pub view: RwSignal<View>,
    pub svg: NodeRef<leptos::svg::Svg>,
    /// Embedded read-only player, or the twin canvas: pan and zoom only.
    pub readonly: bool,
}

impl Pointer {
    /// Screen → canvas coordinates.
    pub fn to_canvas(self, ev: &web_sys::MouseEvent) -> Pt {
        let (left, top) = self
            .svg
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                (r.left(), r.top())
            })
            .unwrap_or((0.0, 0.0));
        let v = self.view.get_untracked();
        Pt {
            x: (ev.client_x() as f64 - left - v.x) / v.zoom,
            y: (ev.client_y() as f64 - top - v.y) / v.zoom,
        }
    }

    /// Keeps the pointer's events on the canvas while it drags.
    fn capture(self, ev: &PointerEvent) {
        if let Some(el) = self.svg.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    }

    /// A press on a node: select it (Shift/Ctrl add or remove) and start moving the selection.
    pub fn node_down(self, node: Node, ev: PointerEvent) {
        if self.readonly {
            return; // the background handler pans
        }
        ev.stop_propagation();
        self.pg.wire.set(None);
        let additive = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
        self.pg.selection.update(|sel| {
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
        let moving = self.pg.selection.get_untracked();
        let nodes = self
            .pg
            .scenario
            .with_untracked(|s| moving.iter().map(|&n| (n, node_box(s, n).c)).collect());
        self.capture(&ev);
        self.gesture.set(Some(Gesture::Move {
            start: self.to_canvas(&ev),
            nodes,
            moved: false,
        }));
    }

    /// A press on a node's port: start drawing a wire.
    pub fn port_down(self, node: Node, ev: PointerEvent) {
        if self.readonly {
            return;
        }
        ev.stop_propagation();
        self.capture(&ev);
        self.gesture.set(Some(Gesture::Wire {
            from: node,
            to: self.to_canvas(&ev),
        }));
    }

    /// A press on the background: clear the selection and start panning.
    pub fn background_down(self, ev: PointerEvent) {
        self.pg.selection.set(Vec::new());
        self.pg.wire.set(None);
        self.capture(&ev);
        self.gesture.set(Some(Gesture::Pan {
            start: Pt {
                x: ev.client_x() as f64,
                y: ev.client_y() as f64,
            },
            view: self.view.get_untracked(),
        }));
    }

    /// The pointer moved: carry on the gesture.
    pub fn moved(self, ev: PointerEvent) {
        let Some(g) = self.gesture.get_untracked() else {
            return;
        };
        match g {
            Gesture::Move {
                start,
                nodes,
                moved,
            } => {
                let p = self.to_canvas(&ev);
                let (dx, dy) = (p.x - start.x, p.y - start.y);
                if !moved {
                    if dx.abs() + dy.abs() < 3.0 {
                        return;
                    }
                    self.pg.remember();
                    self.gesture.set(Some(Gesture::Move {
                        start,
                        nodes: nodes.clone(),
                        moved: true,
                    }));
                }
                for (n, at) in nodes {
                    self.pg.move_node(n, at.x + dx, at.y + dy);
                }
            }
            Gesture::Wire { from, .. } => {
                self.gesture.set(Some(Gesture::Wire {
                    from,
                    to: self.to_canvas(&ev),
                }));
            }
            Gesture::Pan { start, view: v0 } => self.view.set(View {
                x: v0.x + ev.client_x() as f64 - start.x,
                y: v0.y + ev.client_y() as f64 - start.y,
                zoom: v0.zoom,
            }),
        }
    }

    /// The pointer is released: a wire drawn onto a node connects them.
    pub fn up(self, ev: PointerEvent) {
        if let Some(Gesture::Wire { from, .. }) = self.gesture.get_untracked() {
            let p = self.to_canvas(&ev);
            let target = self.pg.scenario.with_untracked(|s| hit(s, p));
            if let Some(to) = target.filter(|&to| to != from) {
                let wired = self.pg.edit(|s| edits::connect(s, from, to));
                if wired == Some(Err(WireRefused)) {
                    self.pg
                        .notice
                        .set(Some(self.pg.t(T::WireRefused).to_string()));
                }
            }
        }
        self.gesture.set(None);
    }

    /// While a wire is drawn: the node under its end that it could join.
    pub fn drop_target(self) -> Option<Node> {
        match self.gesture.get() {
            Some(Gesture::Wire { from, to }) => self
                .pg
                .scenario
                .with(|s| hit(s, to).filter(|&n| n != from && edits::can_wire(s, from, n))),
            _ => None,
        }
    }

    /// The wheel zooms around the cursor.
    pub fn wheel(self, ev: web_sys::WheelEvent) {
        ev.prevent_default();
        let Some(el) = self.svg.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let (mx, my) = (
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        // Keep the point under the cursor where it is.
        let factor = (-ev.delta_y() * 0.0015).exp();
        self.view.update(|v| *v = v.zoomed_at(mx, my, factor));
    }
}
