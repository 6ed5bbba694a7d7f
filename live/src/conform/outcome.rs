//! What a run did, with time taken out: which consumer received which
//! message how many times and in what order, copies per publish, what was
//! dead-lettered, returned or left waiting, and how the orders were
//! answered. Read off a trace, so the simulator's run and the live run are
//! normalised by one function.
//!
//! Message numbers differ between runs (a real run numbers its publishes
//! as they happen); a message is named instead by what made it: the order,
//! the publishing service, the channel, and its place among that service's
//! messages to that channel for that order (`order 3 order→shop #2`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use kurir_engine::sim::trace::{EventKind, TraceEvent};
use kurir_engine::{ChannelId, Scenario};

use crate::broker::Message;

/// A message, named by what made it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The order.
    pub order: u64,
    /// Publishing service id.
    pub from: String,
    /// Channel id it was published to.
    pub channel: String,
    /// Its place among the same order's messages from `from` to `channel`, from 1.
    pub nth: u32,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "order {} {}→{}", self.order, self.from, self.channel)?;
        if self.nth > 1 {
            write!(f, " #{}", self.nth)?;
        }
        Ok(())
    }
}

/// A run's outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Per "channel → service": each message received and how many times,
    /// in the order of first delivery.
    pub received: BTreeMap<String, Vec<(Key, u32)>>,
    /// Copies per publish, where the run reports them.
    pub copies: BTreeMap<Key, u32>,
    /// Messages dead-lettered, with the channel they left.
    pub dead: BTreeSet<(Key, String)>,
    /// Messages returned to their publisher (RabbitMQ `mandatory`).
    pub returned: BTreeSet<Key>,
    /// Per queue: the messages still waiting at the end.
    pub left: BTreeMap<String, BTreeSet<Key>>,
    /// Orders answered ok, and answered failed.
    pub answered: (u64, u64),
}

/// Names messages by what made them, as the trace's publishes say.
struct Names<'a> {
    s: &'a Scenario,
    keys: BTreeMap<u64, Key>,
    seen: BTreeMap<(u64, String, String), u32>,
}

impl Names<'_> {
    fn publish(&mut self, msg: u64, order: u64, from: &str, channel: &str) {
        let n = self
            .seen
            .entry((order, from.into(), channel.into()))
            .or_insert(0);
        *n += 1;
        let key = Key {
            order,
            from: from.into(),
            channel: channel.into(),
            nth: *n,
        };
        self.keys.insert(msg, key);
    }

    fn key(&self, msg: u64) -> Key {
        self.keys.get(&msg).cloned().unwrap_or(Key {
            order: 0,
            from: "?".into(),
            channel: format!("message {msg}"),
            nth: 1,
        })
    }

    fn ch(&self, c: ChannelId) -> String {
        self.s.channels[c.index()].id.clone()
    }
}

impl Outcome {
    /// The outcome of a run of `s` with trace `events`. `leftovers`: what a
    /// live run read from its queues at the end; `None` for the simulator,
    /// whose trace says what is still waiting.
    pub fn of(
        s: &Scenario,
        events: &[TraceEvent],
        leftovers: Option<&[(ChannelId, Message, Option<ChannelId>)]>,
    ) -> Outcome {
        let mut names = Names {
            s,
            keys: BTreeMap::new(),
            seen: BTreeMap::new(),
        };
        let mut out = Outcome::default();
        let mut waiting: BTreeSet<(ChannelId, u64)> = BTreeSet::new();
        for e in events {
            match e.kind {
                EventKind::Publish {
                    service,
                    channel,
                    msg,
                    order,
                } => {
                    let from = s.services[service.index()].id.clone();
                    names.publish(msg, order, &from, &names.ch(channel));
                }
                EventKind::Deliver {
                    channel,
                    msg,
                    service,
                    ..
                } => {
                    let who = format!("{} → {}", names.ch(channel), s.services[service.index()].id);
                    let list = out.received.entry(who).or_default();
                    let key = names.key(msg);
                    match list.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, n)) => *n += 1,
                        None => list.push((key, 1)),
                    }
                }
                EventKind::Route { msg, copies, .. } => {
                    let key = names.key(msg);
                    // The publish's own copies: an exchange forwarding to
                    // another routes the message again; the first counts.
                    out.copies.entry(key).or_insert(copies);
                }
                EventKind::DeadLetter { channel, msg, .. } => {
                    out.dead.insert((names.key(msg), names.ch(channel)));
                    waiting.remove(&(channel, msg));
                }
                EventKind::Returned { msg, .. } => {
                    out.returned.insert(names.key(msg));
                }
                EventKind::OrderResponded { ok, .. } => {
                    if ok {
                        out.answered.0 += 1
                    } else {
                        out.answered.1 += 1
                    }
                }
                EventKind::Enqueue { channel, msg, .. } => {
                    waiting.insert((channel, msg));
                }
                EventKind::Ack { channel, msg, .. }
                | EventKind::Drop { channel, msg, .. }
                | EventKind::Redriven { channel, msg, .. } => {
                    waiting.remove(&(channel, msg));
                }
                _ => {}
            }
        }
        match leftovers {
            None => {
                for (c, msg) in waiting {
                    let queue = names.ch(c);
                    out.left.entry(queue).or_default().insert(names.key(msg));
                }
            }
            Some(list) => {
                for (c, m, dead_from) in list {
                    let key = names.key(m.msg);
                    if let Some(from) = dead_from {
                        out.dead.insert((key.clone(), names.ch(*from)));
                    }
                    out.left.entry(names.ch(*c)).or_default().insert(key);
                }
            }
        }
        out
    }
}
