//! The main canvas's pan and zoom as the page's controls change it: fit the
//! scenario, zoom around the middle, find the middle for a new node.

use leptos::prelude::*;

use crate::model::view::{fit, View, PALETTE_H};
use crate::state::Playground;

/// The main canvas's view and element (the twin canvas shares the view).
#[derive(Clone, Copy)]
pub(super) struct Viewport {
    pub pg: Playground,
    pub view: RwSignal<View>,
    pub svg: NodeRef<leptos::svg::Svg>,
    /// The full app keeps room for the palette over the canvas; embeds do not.
    pub palette: bool,
}

impl Viewport {
    /// The canvas's size on screen (a guess before it is laid out).
    fn size(self) -> (f64, f64) {
        self.svg.get_untracked().map_or((800.0, 500.0), |el| {
            let r = el.get_bounding_client_rect();
            (r.width(), r.height())
        })
    }

    /// Shows the whole scenario, below the palette (which wraps to two rows
    /// in a narrower canvas or a longer language).
    pub fn fit(self) {
        if let Some(el) = self.svg.get_untracked() {
            let r = el.get_bounding_client_rect();
            let (w, h) = (r.width(), r.height());
            let top = if self.palette {
                document()
                    .query_selector(".canvas-area .palette")
                    .ok()
                    .flatten()
                    .map(|p| p.get_bounding_client_rect().bottom() - r.top() + 4.0)
                    .filter(|t| *t > 0.0 && *t < h / 2.0)
                    .unwrap_or(PALETTE_H)
            } else {
                0.0
            };
            let fitted = self.pg.scenario.with_untracked(|s| fit(s, w, h, top));
            self.view.set(fitted);
        }
    }

    /// Zooms by `factor` around the middle of the canvas.
    pub fn zoom_by(self, factor: f64) {
        let (w, h) = self.size();
        self.view
            .update(|v| *v = v.zoomed_at(w / 2.0, h / 2.0, factor));
    }

    /// The canvas point at the middle of the screen area.
    pub fn centre(self) -> (f64, f64) {
        let (w, h) = self.size();
        let v = self.view.get_untracked();
        ((w / 2.0 - v.x) / v.zoom, (h / 2.0 - v.y) / v.zoom)
    }
}
