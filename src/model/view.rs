//! Pan and zoom of a canvas, what lies under a point, and the view that
//! shows a whole scenario.

use kurir_engine::{ChannelId, Node, Scenario, ServiceId};

use crate::model::geometry::{bounds, node_box, Pt};

/// Zoom range of the canvas.
pub const MIN_ZOOM: f64 = 0.2;
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 3.0;

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

impl View {
    /// The view zoomed by `factor` (within the zoom limits) around screen
    /// point (`cx`, `cy`), which stays where it is.
    pub fn zoomed_at(self, cx: f64, cy: f64, factor: f64) -> View {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        View {
            x: cx - (cx - self.x) * zoom / self.zoom,
            y: cy - (cy - self.y) * zoom / self.zoom,
            zoom,
        }
    }
}

/// The node under canvas point `p`, topmost first.
pub fn hit(s: &Scenario, p: Pt) -> Option<Node> {
    let inside = |n: Node| {
        let b = node_box(s, n);
        (p.x - b.c.x).abs() <= b.hw && (p.y - b.c.y).abs() <= b.hh
    };
    (0..s.channels.len())
        .rev()
        .map(|i| Node::Channel(ChannelId(i as u32)))
        .chain(
            (0..s.services.len())
                .rev()
                .map(|i| Node::Service(ServiceId(i as u32))),
        )
        .find(|&n| inside(n))
}

/// Height kept free at the top of the canvas for the palette when its
/// real height is not known yet (one row, and a margin).
pub const PALETTE_H: f64 = 56.0;

/// Scale and translation that show all of `s` in a `w` × `h` area, below
/// the `top` pixels the palette covers.
pub fn fit(s: &Scenario, w: f64, h: f64, top: f64) -> View {
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

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    #[test]
    fn zooming_keeps_the_point_it_zooms_around_and_stays_in_limits() {
        let v = View {
            x: 30.0,
            y: -20.0,
            zoom: 1.0,
        };
        let z = v.zoomed_at(200.0, 100.0, 1.25);
        // The canvas point under (200, 100) before and after is the same.
        let under = |v: View| ((200.0 - v.x) / v.zoom, (100.0 - v.y) / v.zoom);
        let (a, b) = (under(v), under(z));
        assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
        assert_eq!(z.zoom, 1.25);
        assert_eq!(v.zoomed_at(0.0, 0.0, 1e9).zoom, MAX_ZOOM);
        assert_eq!(v.zoomed_at(0.0, 0.0, 1e-9).zoom, MIN_ZOOM);
    }

    #[test]
    fn hit_finds_the_node_under_the_pointer() {
        let s = lesson();
        assert_eq!(
            hit(&s, Pt { x: 120.0, y: 280.0 }),
            Some(Node::Service(ServiceId(0)))
        );
        assert_eq!(
            hit(&s, Pt { x: 440.0, y: 413.0 }),
            Some(Node::Channel(ChannelId(2)))
        );
        assert_eq!(hit(&s, Pt { x: 600.0, y: 600.0 }), None);
    }

    #[test]
    fn fit_shows_everything_inside_the_area() {
        let s = lesson();
        let v = fit(&s, 1000.0, 600.0, PALETTE_H);
        let (x, y, w, h) = bounds(&s, 30.0).unwrap();
        assert!(x * v.zoom + v.x >= -0.01 && y * v.zoom + v.y >= PALETTE_H - 0.01);
        assert!((x + w) * v.zoom + v.x <= 1000.01 && (y + h) * v.zoom + v.y <= 600.01);
    }
}
