//! Canvas geometry: node boxes, wire curves and points along them. Pure
//! functions, so dots land exactly on the wires they travel.

use kurir_engine::{ChannelId, Node, Scenario, ServiceId};

/// Size of a service box.
pub const SERVICE_W: f64 = 168.0;
/// Height of a service box.
pub const SERVICE_H: f64 = 74.0;
/// Size of a channel pill.
pub const CHANNEL_W: f64 = 124.0;
/// Height of a channel pill.
pub const CHANNEL_H: f64 = 44.0;

/// A point on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    /// Horizontal, canvas units.
    pub x: f64,
    /// Vertical, canvas units.
    pub y: f64,
}

/// Centre and size of a node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeBox {
    /// Centre.
    pub c: Pt,
    /// Half width.
    pub hw: f64,
    /// Half height.
    pub hh: f64,
}

/// Where a node is drawn.
pub fn node_box(s: &Scenario, node: Node) -> NodeBox {
    match node {
        Node::Service(i) => {
            let v = &s.services[i.index()];
            NodeBox {
                c: Pt { x: v.x, y: v.y },
                hw: SERVICE_W / 2.0,
                hh: SERVICE_H / 2.0,
            }
        }
        Node::Channel(i) => {
            let c = &s.channels[i.index()];
            NodeBox {
                c: Pt { x: c.x, y: c.y },
                hw: CHANNEL_W / 2.0,
                hh: CHANNEL_H / 2.0,
            }
        }
    }
}

/// A wire as a cubic Bézier curve between two nodes' facing sides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    /// Start.
    pub p0: Pt,
    /// First control point.
    pub p1: Pt,
    /// Second control point.
    pub p2: Pt,
    /// End.
    pub p3: Pt,
}

/// The curve from `a` to `b`: side to side when they are apart horizontally,
/// else top/bottom.
pub fn curve(a: NodeBox, b: NodeBox) -> Curve {
    let dx = b.c.x - a.c.x;
    let dy = b.c.y - a.c.y;
    if dx.abs() >= a.hw + b.hw || dx.abs() > dy.abs() {
        let s = dx.signum();
        let p0 = Pt {
            x: a.c.x + s * a.hw,
            y: a.c.y,
        };
        let p3 = Pt {
            x: b.c.x - s * b.hw,
            y: b.c.y,
        };
        let k = ((p3.x - p0.x).abs() / 2.0).max(30.0) * s;
        Curve {
            p0,
            p1: Pt {
                x: p0.x + k,
                y: p0.y,
            },
            p2: Pt {
                x: p3.x - k,
                y: p3.y,
            },
            p3,
        }
    } else {
        let s = if dy == 0.0 { 1.0 } else { dy.signum() };
        let p0 = Pt {
            x: a.c.x,
            y: a.c.y + s * a.hh,
        };
        let p3 = Pt {
            x: b.c.x,
            y: b.c.y - s * b.hh,
        };
        let k = ((p3.y - p0.y).abs() / 2.0).max(20.0) * s;
        Curve {
            p0,
            p1: Pt {
                x: p0.x,
                y: p0.y + k,
            },
            p2: Pt {
                x: p3.x,
                y: p3.y - k,
            },
            p3,
        }
    }
}

impl Curve {
    /// The SVG path data.
    pub fn d(&self) -> String {
        format!(
            "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
            self.p0.x, self.p0.y, self.p1.x, self.p1.y, self.p2.x, self.p2.y, self.p3.x, self.p3.y
        )
    }

    /// The point at `t` in 0..=1.
    pub fn at(&self, t: f64) -> Pt {
        let t = t.clamp(0.0, 1.0);
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Pt {
            x: a * self.p0.x + b * self.p1.x + c * self.p2.x + d * self.p3.x,
            y: a * self.p0.y + b * self.p1.y + c * self.p2.y + d * self.p3.y,
        }
    }
}

/// Appends a dot (a small circle) at `p` to SVG path data: many dots become
/// one `<path>`, one DOM update per frame however many messages move.
pub fn push_dot(d: &mut String, p: Pt, r: f64) {
    use std::fmt::Write;
    let _ = write!(
        d,
        "M{:.1} {:.1}a{r} {r} 0 1 0 {:.1} 0a{r} {r} 0 1 0 {:.1} 0",
        p.x - r,
        p.y,
        2.0 * r,
        -2.0 * r
    );
}

/// Every node's box: services, then channels.
pub fn boxes(s: &Scenario) -> impl Iterator<Item = NodeBox> + '_ {
    (0..s.services.len())
        .map(|i| node_box(s, Node::Service(ServiceId(i as u32))))
        .chain((0..s.channels.len()).map(|i| node_box(s, Node::Channel(ChannelId(i as u32)))))
}

/// Where a new node of half size (`hw`, `hh`) goes near (x, y) without
/// covering another: (x, y) itself if free, else the nearest free place on a
/// grid of its own size around it (below before above, right before left, so
/// a copy lands next to its original and stays in view).
pub fn free_spot(s: &Scenario, hw: f64, hh: f64, x: f64, y: f64) -> Pt {
    const GAP: f64 = 16.0;
    const REACH: i32 = 4;
    let (step_x, step_y) = (2.0 * hw + GAP, 2.0 * hh + GAP);
    let clashes = |p: Pt| {
        boxes(s)
            .any(|b| (b.c.x - p.x).abs() < b.hw + hw + GAP && (b.c.y - p.y).abs() < b.hh + hh + GAP)
    };
    let distance = |col: i32, row: i32| {
        let (dx, dy) = (col as f64 * step_x, row as f64 * step_y);
        dx * dx + dy * dy
    };
    // The nearest free cell; ties: below, then right.
    (-REACH..=REACH)
        .flat_map(|col| (-REACH..=REACH).map(move |row| (col, row)))
        .map(|(col, row)| {
            let p = Pt {
                x: x + col as f64 * step_x,
                y: y + row as f64 * step_y,
            };
            (p, distance(col, row), row <= 0, col <= 0)
        })
        .filter(|&(p, ..)| !clashes(p))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)))
        .map_or(Pt { x, y }, |(p, ..)| p)
}

/// The bounding box of all nodes, padded: (min x, min y, width, height).
pub fn bounds(s: &Scenario, pad: f64) -> Option<(f64, f64, f64, f64)> {
    let mut acc: Option<(f64, f64, f64, f64)> = None;
    for b in boxes(s) {
        let (x0, y0, x1, y1) = (b.c.x - b.hw, b.c.y - b.hh, b.c.x + b.hw, b.c.y + b.hh);
        acc = Some(match acc {
            None => (x0, y0, x1, y1),
            Some((a, b, c, d)) => (a.min(x0), b.min(y0), c.max(x1), d.max(y1)),
        });
    }
    acc.map(|(x0, y0, x1, y1)| (x0 - pad, y0 - pad, x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> NodeBox {
        NodeBox {
            c: Pt { x, y },
            hw: 50.0,
            hh: 20.0,
        }
    }

    #[test]
    fn a_wire_leaves_the_facing_side_and_its_ends_are_the_nodes_edges() {
        let c = curve(at(0.0, 0.0), at(300.0, 100.0));
        assert_eq!(c.p0, Pt { x: 50.0, y: 0.0 });
        assert_eq!(c.p3, Pt { x: 250.0, y: 100.0 });
        assert_eq!(c.at(0.0), c.p0);
        assert_eq!(c.at(1.0), c.p3);
        let back = curve(at(300.0, 0.0), at(0.0, 0.0));
        assert_eq!(
            back.p0.x, 250.0,
            "leaves from the left when the target is left"
        );
        let below = curve(at(0.0, 0.0), at(10.0, 200.0));
        assert_eq!(below.p0, Pt { x: 0.0, y: 20.0 });
    }

    #[test]
    fn a_dot_halfway_is_between_the_ends() {
        let c = curve(at(0.0, 0.0), at(400.0, 0.0));
        let mid = c.at(0.5);
        assert!((mid.x - 200.0).abs() < 1e-9 && mid.y.abs() < 1e-9);
    }

    #[test]
    fn new_nodes_never_cover_each_other() {
        let mut s = kurir_engine::examples::lesson();
        s.services.truncate(1);
        s.channels.clear();
        let first = Pt {
            x: s.services[0].x,
            y: s.services[0].y,
        };
        // Free: the spot asked for.
        let away = free_spot(&s, 84.0, 37.0, first.x + 1000.0, first.y);
        assert_eq!(
            away,
            Pt {
                x: first.x + 1000.0,
                y: first.y
            }
        );
        // Taken: straight below, one node height and a gap further.
        let below = free_spot(&s, 84.0, 37.0, first.x, first.y);
        assert_eq!(
            below,
            Pt {
                x: first.x,
                y: first.y + 74.0 + 16.0
            }
        );
        // Below taken too: above, as near.
        let mut v = s.services[0].clone();
        v.y = below.y;
        s.services.push(v);
        let above = free_spot(&s, 84.0, 37.0, first.x, first.y);
        assert_eq!(
            above,
            Pt {
                x: first.x,
                y: first.y - 74.0 - 16.0
            }
        );
    }

    #[test]
    fn the_bounds_cover_every_node() {
        let s = kurir_engine::examples::lesson();
        let (x, y, w, h) = bounds(&s, 10.0).unwrap();
        for v in &s.services {
            assert!(v.x > x && v.x < x + w && v.y > y && v.y < y + h);
        }
        let mut d = String::new();
        push_dot(&mut d, Pt { x: 10.0, y: 10.0 }, 4.0);
        assert!(d.starts_with("M6.0 10.0a4 4"));
    }
}
