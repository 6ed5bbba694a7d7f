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

/// A dot (a small circle) of one radius as SVG path data, appended again and
/// again: many dots become one `<path>`, one DOM update per frame however
/// many messages move. The arcs are written once; each dot adds only a move
/// to its left edge, written without float formatting, which was half of a
/// frame's script with a thousand dots in flight.
pub struct DotShape {
    r: f64,
    arcs: String,
}

impl DotShape {
    /// Dots of radius `r`.
    pub fn new(r: f64) -> Self {
        let d = 2.0 * r;
        DotShape {
            r,
            arcs: format!("a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0"),
        }
    }

    /// Appends a dot centred at `p` to the path data `d`.
    pub fn push(&self, d: &mut String, p: Pt) {
        d.push('M');
        push_tenths(d, p.x - self.r);
        d.push(' ');
        push_tenths(d, p.y);
        d.push_str(&self.arcs);
    }
}

/// Appends `v` rounded to tenths (`12.3`, `-4.0`), as `{:.1}` would but
/// with integer arithmetic only (a non-finite `v` is written as 0.0).
fn push_tenths(d: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    let t = if tenths.is_finite() { tenths as i64 } else { 0 };
    if t < 0 {
        d.push('-');
    }
    let mut a = t.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (a % 10) as u8;
        n += 1;
        a /= 10;
        if a == 0 {
            break;
        }
    }
    if n == 1 {
        d.push('0');
    }
    for (k, &c) in digits[..n].iter().enumerate().rev() {
        if k == 0 {
            d.push('.');
        }
        d.push(c as char);
    }
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
    }

    #[test]
    fn a_dot_is_a_circle_around_its_centre() {
        let mut d = String::new();
        DotShape::new(4.0).push(&mut d, Pt { x: 10.0, y: 10.0 });
        DotShape::new(6.25).push(&mut d, Pt { x: -3.0, y: 0.04 });
        assert_eq!(
            d,
            "M6.0 10.0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0\
             M-9.3 0.0a6.25 6.25 0 1 0 12.5 0a6.25 6.25 0 1 0 -12.5 0"
        );
    }

    #[test]
    fn tenths_are_written_as_format_writes_them() {
        // The same text as `{:.1}`, so a dot lands where it did.
        for i in -20_000..20_000 {
            let v = i as f64 * 0.0137 + 0.003;
            let mut mine = String::new();
            super::push_tenths(&mut mine, v);
            // A value halfway between two tenths may round either way.
            let tie = ((v * 10.0).abs().fract() - 0.5).abs() < 1e-6;
            if tie {
                assert!(
                    (mine.parse::<f64>().unwrap() - v).abs() < 0.05 + 1e-6,
                    "{v}"
                );
            } else {
                // (`{:.1}` keeps the sign of a value that rounds to zero.)
                let expected = format!("{v:.1}").replace("-0.0", "0.0");
                assert_eq!(mine, expected, "{v}");
            }
        }
        let mut d = String::new();
        super::push_tenths(&mut d, f64::NAN);
        assert_eq!(d, "0.0");
    }
}
