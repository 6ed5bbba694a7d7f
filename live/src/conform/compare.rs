//! The differences between two outcomes, aspect by aspect, each said in a
//! line a reader can check against the two traces.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;

use crate::conform::outcome::{Key, Outcome};

/// One way the real broker's run differed from Kurir's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// `deliveries` (per channel), `consumers` (who took which), `order`,
    /// `copies`, `dead letters`, `returned`, `left` or `answers`: the name
    /// `docs/brokers.md` lists known ones by.
    pub aspect: &'static str,
    /// What differed, first cases first.
    pub detail: String,
}

/// At most this many cases per aspect are spelled out.
const CASES: usize = 3;

fn said<T: Display>(items: impl Iterator<Item = T>) -> String {
    let all: Vec<String> = items.map(|t| t.to_string()).collect();
    let mut text = all
        .iter()
        .take(CASES)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if all.len() > CASES {
        text.push_str(&format!("; and {} more", all.len() - CASES));
    }
    text
}

fn sets<T: Ord + Clone + Display>(
    aspect: &'static str,
    sim: &BTreeSet<T>,
    live: &BTreeSet<T>,
    broker: &str,
    out: &mut Vec<Difference>,
) {
    if sim == live {
        return;
    }
    let only_sim = said(sim.difference(live));
    let only_live = said(live.difference(sim));
    let mut parts = Vec::new();
    if !only_sim.is_empty() {
        parts.push(format!("only in Kurir: {only_sim}"));
    }
    if !only_live.is_empty() {
        parts.push(format!("only on {broker}: {only_live}"));
    }
    out.push(Difference {
        aspect,
        detail: parts.join("; "),
    });
}

/// Deliveries per channel, whoever took them.
fn per_channel(o: &Outcome) -> BTreeMap<String, BTreeMap<Key, u32>> {
    let mut out: BTreeMap<String, BTreeMap<Key, u32>> = BTreeMap::new();
    for (who, list) in &o.received {
        let channel = who.split(" → ").next().unwrap_or(who).to_string();
        for (k, n) in list {
            *out.entry(channel.clone())
                .or_default()
                .entry(k.clone())
                .or_insert(0) += n;
        }
    }
    out
}

/// The messages `label` received a different number of times, said.
fn counted(
    label: &str,
    a: Option<&BTreeMap<Key, u32>>,
    b: Option<&BTreeMap<Key, u32>>,
    broker: &str,
    out: &mut Vec<String>,
) {
    let empty = BTreeMap::new();
    let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
    for k in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
        let (x, y) = (
            a.get(k).copied().unwrap_or(0),
            b.get(k).copied().unwrap_or(0),
        );
        if x != y {
            out.push(format!("{label}: {k} {x}× in Kurir, {y}× on {broker}"));
        }
    }
}

/// How `live` (a run on `broker`) differed from `sim`. Copies are compared
/// only where the broker reports them.
pub fn compare(sim: &Outcome, live: &Outcome, broker: &str) -> Vec<Difference> {
    let mut out = Vec::new();
    // First what each channel handed out, whoever took it; then, where
    // that matches, who took what; then in which order.
    let (ta, tb) = (per_channel(sim), per_channel(live));
    let mut totals = Vec::new();
    for ch in ta.keys().chain(tb.keys()).collect::<BTreeSet<_>>() {
        counted(ch, ta.get(ch), tb.get(ch), broker, &mut totals);
    }
    let who: BTreeSet<&String> = sim.received.keys().chain(live.received.keys()).collect();
    let mut counts = Vec::new();
    let mut order = Vec::new();
    for w in who {
        let channel = w.split(" → ").next().unwrap_or(w);
        if ta.get(channel) != tb.get(channel) {
            continue; // said under `deliveries`
        }
        let empty = Vec::new();
        let (a, b) = (
            sim.received.get(w).unwrap_or(&empty),
            live.received.get(w).unwrap_or(&empty),
        );
        let (ma, mb): (BTreeMap<_, _>, BTreeMap<_, _>) =
            (a.iter().cloned().collect(), b.iter().cloned().collect());
        if ma != mb {
            counted(w, Some(&ma), Some(&mb), broker, &mut counts);
        } else {
            let (sa, sb): (Vec<&Key>, Vec<&Key>) = (
                a.iter().map(|p| &p.0).collect(),
                b.iter().map(|p| &p.0).collect(),
            );
            if let Some(i) = (0..sa.len()).find(|&i| sa[i] != sb[i]) {
                order.push(format!(
                    "{w}: delivery {} is {} in Kurir, {} on {broker}",
                    i + 1,
                    sa[i],
                    sb[i]
                ));
            }
        }
    }
    for (aspect, list) in [("deliveries", totals), ("consumers", counts)] {
        if !list.is_empty() {
            out.push(Difference {
                aspect,
                detail: said(list.iter()),
            });
        }
    }
    if !order.is_empty() {
        out.push(Difference {
            aspect: "order",
            detail: said(order.iter()),
        });
    }
    if !live.copies.is_empty() {
        let wrong: Vec<String> = live
            .copies
            .iter()
            .filter(|(k, n)| sim.copies.get(*k) != Some(n))
            .map(|(k, n)| {
                let kurir = sim
                    .copies
                    .get(k)
                    .map_or("none".to_string(), |c| c.to_string());
                format!("{k}: {kurir} in Kurir, {n} on {broker}")
            })
            .collect();
        if !wrong.is_empty() {
            out.push(Difference {
                aspect: "copies",
                detail: said(wrong.iter()),
            });
        }
    }
    let dead = |o: &Outcome| {
        o.dead
            .iter()
            .map(|(k, from)| DeadFrom(k.clone(), from.clone()))
            .collect::<BTreeSet<_>>()
    };
    sets("dead letters", &dead(sim), &dead(live), broker, &mut out);
    sets("returned", &sim.returned, &live.returned, broker, &mut out);
    let left = |o: &Outcome| {
        o.left
            .iter()
            .flat_map(|(q, ks)| ks.iter().map(move |k| In(k.clone(), q.clone())))
            .collect::<BTreeSet<_>>()
    };
    sets("left", &left(sim), &left(live), broker, &mut out);
    if sim.answered != live.answered {
        out.push(Difference {
            aspect: "answers",
            detail: format!(
                "orders answered ok/failed: {}/{} in Kurir, {}/{} on {broker}",
                sim.answered.0, sim.answered.1, live.answered.0, live.answered.1
            ),
        });
    }
    out
}

/// A message dead-lettered from a channel, for printing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct DeadFrom(Key, String);

impl Display for DeadFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} from {}", self.0, self.1)
    }
}

/// A message waiting in a queue, for printing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct In(Key, String);

impl Display for In {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in {}", self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(order: u64) -> Key {
        Key {
            order,
            from: "order".into(),
            channel: "email".into(),
            nth: 1,
        }
    }

    #[test]
    fn the_same_outcome_has_no_difference_and_each_kind_of_change_is_named() {
        let mut a = Outcome::default();
        a.received
            .insert("email → email".into(), vec![(key(1), 1), (key(2), 1)]);
        a.answered = (2, 0);
        assert!(compare(&a, &a.clone(), "RabbitMQ").is_empty());

        let mut twice = a.clone();
        twice.received.get_mut("email → email").unwrap()[1].1 = 2;
        let d = compare(&a, &twice, "RabbitMQ");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].aspect, "deliveries");
        assert_eq!(
            d[0].detail,
            "email: order 2 order→email 1× in Kurir, 2× on RabbitMQ"
        );

        // The same messages, taken by the other consumer.
        let mut other = a.clone();
        let list = other.received.remove("email → email").unwrap();
        other.received.insert("email → sms".into(), list);
        let d = compare(&a, &other, "Google Pub/Sub");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].aspect, "consumers");

        let mut swapped = a.clone();
        swapped.received.get_mut("email → email").unwrap().reverse();
        assert_eq!(compare(&a, &swapped, "Redis")[0].aspect, "order");

        let mut left = a.clone();
        left.left.insert("email".into(), [key(3)].into());
        let d = compare(&a, &left, "RabbitMQ");
        assert_eq!(d[0].aspect, "left");
        assert_eq!(
            d[0].detail,
            "only on RabbitMQ: order 3 order→email in email"
        );
    }
}
