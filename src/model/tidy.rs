//! Tidy: lays a scenario out left to right as its messages flow. Each node
//! goes in the column after the furthest node that sends to it (longest
//! path from the sources), and within a column nodes sit in the order of
//! what feeds them, so wires cross as little as a single pass can make them.

use std::collections::HashMap;

use kurir_engine::{ChannelId, Node, Scenario, ServiceId};

use crate::model::dead_letters::dead_letters;
use crate::model::edits::wires;

/// Column spacing (a service is 168 wide, a channel 124).
pub const COLUMN: f64 = 240.0;
/// Row spacing (a service is 74 high).
pub const ROW: f64 = 100.0;

fn all_nodes(s: &Scenario) -> Vec<Node> {
    (0..s.services.len() as u32)
        .map(|i| Node::Service(ServiceId(i)))
        .chain((0..s.channels.len() as u32).map(|i| Node::Channel(ChannelId(i))))
        .collect()
}

fn position(s: &Scenario, n: Node) -> (f64, f64) {
    match n {
        Node::Service(i) => (s.services[i.index()].x, s.services[i.index()].y),
        Node::Channel(i) => (s.channels[i.index()].x, s.channels[i.index()].y),
    }
}

fn place(s: &mut Scenario, n: Node, x: f64, y: f64) {
    match n {
        Node::Service(i) => (s.services[i.index()].x, s.services[i.index()].y) = (x, y),
        Node::Channel(i) => (s.channels[i.index()].x, s.channels[i.index()].y) = (x, y),
    }
}

/// Lays `s` out left to right by its wiring (dead-letter links included),
/// keeping the diagram's top left corner where it was.
pub fn tidy(s: &mut Scenario) {
    let nodes = all_nodes(s);
    if nodes.is_empty() {
        return;
    }
    let edges: Vec<(Node, Node)> = wires(s).into_iter().chain(dead_letters(s)).collect();
    // Longest path from a source; bounded, should a wiring ever loop.
    let mut column: HashMap<Node, usize> = nodes.iter().map(|&n| (n, 0)).collect();
    for _ in 0..nodes.len() {
        let mut moved = false;
        for &(a, b) in &edges {
            let next = column[&a] + 1;
            if next > column[&b] && next < nodes.len() {
                column.insert(b, next);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let columns = column.values().copied().max().unwrap_or(0) + 1;
    let (left, top) = nodes
        .iter()
        .map(|&n| position(s, n))
        .fold((f64::MAX, f64::MAX), |(x, y), p| (x.min(p.0), y.min(p.1)));
    // Rows: the first column keeps its vertical order; each next column is
    // ordered by the mean row of what feeds each node.
    let mut row: HashMap<Node, f64> = HashMap::new();
    let mut tallest = 0;
    let mut by_column: Vec<Vec<Node>> = vec![Vec::new(); columns];
    for &n in &nodes {
        by_column[column[&n]].push(n);
    }
    for list in by_column.iter_mut() {
        let feeds = |n: Node| -> Option<f64> {
            let rows: Vec<f64> = (edges.iter())
                .filter(|e| e.1 == n)
                .filter_map(|e| row.get(&e.0).copied())
                .collect();
            (!rows.is_empty()).then(|| rows.iter().sum::<f64>() / rows.len() as f64)
        };
        let mut keyed: Vec<(f64, f64, Node)> = list
            .iter()
            .map(|&n| (feeds(n).unwrap_or(f64::MAX), position(s, n).1, n))
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (k, (_, _, n)) in keyed.iter().enumerate() {
            row.insert(*n, k as f64);
        }
        *list = keyed.into_iter().map(|(_, _, n)| n).collect();
        tallest = tallest.max(list.len());
    }
    // Each column centred on the tallest one.
    for (c, list) in by_column.iter().enumerate() {
        let offset = (tallest - list.len()) as f64 * ROW / 2.0;
        for (k, &n) in list.iter().enumerate() {
            place(
                s,
                n,
                left + c as f64 * COLUMN,
                top + offset + k as f64 * ROW,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::geometry::boxes;
    use kurir_engine::examples::gallery;

    fn example(id: &str) -> Scenario {
        gallery().into_iter().find(|(i, _)| *i == id).unwrap().1
    }

    #[test]
    fn the_flow_reads_left_to_right_and_nothing_overlaps() {
        for (id, mut s) in gallery() {
            tidy(&mut s);
            for (a, b) in wires(&s) {
                assert!(
                    position(&s, a).0 < position(&s, b).0,
                    "{id}: {a:?} → {b:?} goes left"
                );
            }
            let all: Vec<_> = boxes(&s).collect();
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    let apart = (a.c.x - b.c.x).abs() >= a.hw + b.hw
                        || (a.c.y - b.c.y).abs() >= a.hh + b.hh;
                    assert!(apart, "{id}: two nodes overlap at {:?} and {:?}", a.c, b.c);
                }
            }
        }
    }

    #[test]
    fn the_lesson_gets_its_three_columns() {
        let mut s = example("lesson");
        // Scrambled first: every node piled in one column.
        for (k, v) in s.services.iter_mut().enumerate() {
            (v.x, v.y) = (100.0, 100.0 * k as f64);
        }
        for (k, c) in s.channels.iter_mut().enumerate() {
            (c.x, c.y) = (100.0, 600.0 + 100.0 * k as f64);
        }
        tidy(&mut s);
        let x = |id: &str| {
            s.services
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.x)
                .or_else(|| s.channels.iter().find(|c| c.id == id).map(|c| c.x))
                .unwrap()
        };
        assert_eq!(
            [x("order"), x("email"), x("finance")],
            [100.0, 100.0 + 2.0 * COLUMN, 100.0 + 2.0 * COLUMN]
        );
        assert_eq!(
            s.channels.iter().map(|c| c.x).collect::<Vec<_>>(),
            [100.0 + COLUMN; 3]
        );
        // Finance and Report (both fed by the order channel, the last) come last.
        let y = |id: &str| s.services.iter().find(|v| v.id == id).unwrap().y;
        assert!(y("email") < y("sms") && y("sms") < y("finance") && y("finance") < y("report"));
    }
}
