//! A wire as drawn: the plain curve between two nodes, bent around any
//! other node lying across it (a wire drawn behind a node looks like it
//! ends there). Dots travel the same curve, so they stay on the wire.

use kurir_engine::{ChannelId, Node, Scenario, ServiceId};

use crate::model::geometry::{curve, node_box, Curve, NodeBox, Pt};

/// Room kept between a bent wire and the node it goes round.
const MARGIN: f64 = 12.0;
/// Nodes it goes round at most (each bend may meet another node).
const BENDS: usize = 4;
/// Points checked along a wire.
const SAMPLES: usize = 20;
/// Farthest the control points move.
const MAX_BEND: f64 = 240.0;

fn covers(b: &NodeBox, p: Pt) -> bool {
    (p.x - b.c.x).abs() < b.hw + MARGIN && (p.y - b.c.y).abs() < b.hh + MARGIN
}

/// The curve of the wire from `a` to `b`.
pub fn wire_curve(s: &Scenario, a: Node, b: Node) -> Curve {
    let mut c = curve(node_box(s, a), node_box(s, b));
    // Side to side (control points level with the ends) bends up or down;
    // top to bottom bends left or right.
    let sideways = c.p1.y == c.p0.y;
    let others: Vec<NodeBox> = (0..s.services.len() as u32)
        .map(|i| Node::Service(ServiceId(i)))
        .chain((0..s.channels.len() as u32).map(|i| Node::Channel(ChannelId(i))))
        .filter(|&n| n != a && n != b)
        .map(|n| node_box(s, n))
        .collect();
    for _ in 0..BENDS {
        let blocked = (1..SAMPLES)
            .map(|k| k as f64 / SAMPLES as f64)
            .find_map(|t| {
                let p = c.at(t);
                others.iter().find(|o| covers(o, p)).map(|o| (t, p, *o))
            });
        let Some((t, p, o)) = blocked else { break };
        // Round the nearer side. Moving both control points by d moves the
        // point at t by 3t(1-t)·d.
        let (at, centre, half) = if sideways {
            (p.y, o.c.y, o.hh)
        } else {
            (p.x, o.c.x, o.hw)
        };
        let before = centre - half - MARGIN * 1.5 - at;
        let after = centre + half + MARGIN * 1.5 - at;
        let need = if before.abs() <= after.abs() {
            before
        } else {
            after
        };
        // (bounded: a node right on top of a short wire is not worth a loop)
        let d = (need / (3.0 * t * (1.0 - t))).clamp(-MAX_BEND, MAX_BEND);
        if sideways {
            c.p1.y += d;
            c.p2.y += d;
        } else {
            c.p1.x += d;
            c.p2.x += d;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::{gallery, lesson};

    #[test]
    fn a_wire_goes_round_a_node_in_its_way() {
        let mut s = lesson();
        // The email queue far to the right, Report service moved onto the
        // line from Order service to it.
        let (order, email) = (Node::Service(ServiceId(0)), Node::Channel(ChannelId(0)));
        (s.channels[0].x, s.channels[0].y) = (s.services[0].x + 900.0, s.services[0].y);
        let plain = curve(node_box(&s, order), node_box(&s, email)).at(0.5);
        let report = s.services.iter().position(|v| v.id == "report").unwrap();
        (s.services[report].x, s.services[report].y) = (plain.x, plain.y);
        let bent = wire_curve(&s, order, email);
        let obstacle = node_box(&s, Node::Service(ServiceId(report as u32)));
        for k in 1..20 {
            let p = bent.at(k as f64 / 20.0);
            assert!(
                !covers(
                    &NodeBox {
                        hw: obstacle.hw - MARGIN,
                        hh: obstacle.hh - MARGIN,
                        ..obstacle
                    },
                    p
                ),
                "{p:?} behind Report service"
            );
        }
        // Its ends stay on the nodes' sides.
        assert_eq!(bent.p0, curve(node_box(&s, order), node_box(&s, email)).p0);
    }

    #[test]
    fn a_wire_with_nothing_in_its_way_is_the_plain_curve() {
        for (_, s) in gallery().into_iter().filter(|(id, _)| *id == "lesson") {
            for (a, b) in crate::model::edits::wires(&s) {
                assert_eq!(
                    wire_curve(&s, a, b),
                    curve(node_box(&s, a), node_box(&s, b))
                );
            }
        }
    }
}
