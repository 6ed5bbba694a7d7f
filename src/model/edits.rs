//! Edits of a scenario made on the canvas: add, delete, duplicate, wire.
//! Pure functions on the scenario; validation happens when it is applied.

use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{
    Binding, ChannelKind, ChannelSpec, Processing, Publish, QueueSpec, Scenario, ServiceSpec,
    Subscription,
};
use kurir_engine::{ChannelId, Node, ServiceId};

use crate::model::geometry::{free_spot, Pt, CHANNEL_H, CHANNEL_W, SERVICE_H, SERVICE_W};

/// An id like `base-3` that no node of that kind uses yet.
fn unique_id(taken: &[&str], base: &str) -> String {
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .expect("some number is free")
}

/// "Name 2" (or 3, 4, …: the first no service is called yet), cut to the
/// name length limit (in characters, as validation counts them).
fn copy_name(original: &str, taken: &[&str]) -> String {
    (2..)
        .map(|n| {
            let suffix = format!(" {n}");
            let keep = kurir_engine::compile::limits::MAX_NAME.saturating_sub(suffix.len());
            format!(
                "{}{suffix}",
                original.chars().take(keep).collect::<String>()
            )
        })
        .find(|name| !taken.contains(&name.as_str()))
        .expect("some number is free")
}

/// Adds a service at (x, y), or the nearest place around it where it covers
/// no other node.
pub fn add_service(s: &mut Scenario, x: f64, y: f64) -> Node {
    let Pt { x, y } = free_spot(s, SERVICE_W / 2.0, SERVICE_H / 2.0, x, y);
    let taken: Vec<&str> = s.services.iter().map(|v| v.id.as_str()).collect();
    let id = unique_id(&taken, "service");
    s.services.push(ServiceSpec::new(
        &id,
        &id,
        Processing::Constant { ms: 100.0 },
        x,
        y,
    ));
    Node::Service(ServiceId(s.services.len() as u32 - 1))
}

/// Adds a queue (or a pub/sub topic) at (x, y), or the nearest free place.
pub fn add_channel(s: &mut Scenario, queue: bool, x: f64, y: f64) -> Node {
    let Pt { x, y } = free_spot(s, CHANNEL_W / 2.0, CHANNEL_H / 2.0, x, y);
    let taken: Vec<&str> = s.channels.iter().map(|c| c.id.as_str()).collect();
    let id = unique_id(&taken, if queue { "queue" } else { "topic" });
    let kind = if queue {
        ChannelKind::Queue(QueueSpec::default())
    } else {
        ChannelKind::PubSub
    };
    s.channels.push(ChannelSpec::new(&id, &id, kind, x, y));
    Node::Channel(ChannelId(s.channels.len() as u32 - 1))
}

/// Gives channel `c` a new kind (and broker preset). A channel that becomes
/// an exchange cannot keep consumers — an exchange routes to channels — so
/// each subscriber gets a channel of its own, bound to the exchange and of
/// the kind the broker pairs with it (a RabbitMQ queue, an NSQ channel, a
/// Google subscription, an SQS queue): the usual way to move a fan-out
/// channel onto that broker.
pub fn set_kind(s: &mut Scenario, c: usize, kind: ChannelKind, broker: Option<Preset>) {
    let becomes_exchange = matches!(kind, ChannelKind::Exchange(_));
    // What publishers put on their messages that the new kind does not use
    // goes (the engine refuses options without effect; undo brings them back).
    let pubsub = matches!(kind, ChannelKind::PubSub);
    let id = s.channels[c].id.clone();
    for p in s.services.iter_mut().flat_map(|v| &mut v.publishes) {
        if p.channel != id || becomes_exchange {
            continue;
        }
        p.routing_key = None;
        p.mandatory = false;
        if pubsub {
            p.key = None;
            p.attributes.clear();
            p.dedup_id = None;
        }
    }
    s.channels[c].kind = kind;
    s.channels[c].broker = broker;
    if !becomes_exchange {
        return;
    }
    let child = broker.and_then(Preset::child);
    let id = s.channels[c].id.clone();
    let (cx, cy) = (s.channels[c].x, s.channels[c].y);
    let moved: Vec<usize> = (0..s.subscriptions.len())
        .filter(|&k| s.subscriptions[k].channel == id)
        .collect();
    for k in moved {
        let service = s.subscriptions[k].service.clone();
        let taken: Vec<&str> = s.channels.iter().map(|c| c.id.as_str()).collect();
        let queue = unique_id(&taken, &format!("{id}-{service}"));
        let (sx, sy) = s
            .services
            .iter()
            .find(|v| v.id == service)
            .map_or((cx + 200.0, cy), |v| (v.x, v.y));
        let mut spec = ChannelSpec::new(
            &queue,
            &queue,
            child.map_or(ChannelKind::Queue(QueueSpec::default()), Preset::kind),
            (cx + sx) / 2.0,
            sy,
        );
        spec.broker = child;
        s.channels.push(spec);
        s.subscriptions[k] = Subscription::new(&queue, &service);
        if let ChannelKind::Exchange(x) = &mut s.channels[c].kind {
            x.bindings.push(Binding::to(&queue, None));
        }
    }
}

/// Removes nodes and every wire or reference to them.
pub fn delete(s: &mut Scenario, nodes: &[Node]) {
    let mut services: Vec<usize> = Vec::new();
    let mut channels: Vec<usize> = Vec::new();
    for n in nodes {
        match *n {
            Node::Service(i) => services.push(i.index()),
            Node::Channel(i) => channels.push(i.index()),
        }
    }
    let gone_services: Vec<String> = services
        .iter()
        .filter_map(|&i| s.services.get(i).map(|v| v.id.clone()))
        .collect();
    let gone_channels: Vec<String> = channels
        .iter()
        .filter_map(|&i| s.channels.get(i).map(|c| c.id.clone()))
        .collect();
    s.remove_nodes(&gone_services, &gone_channels);
}

/// Copies a node (with its settings and wires) next to it.
pub fn duplicate(s: &mut Scenario, node: Node) -> Option<Node> {
    match node {
        Node::Service(i) => {
            let mut copy = s.services.get(i.index())?.clone();
            let taken: Vec<&str> = s.services.iter().map(|v| v.id.as_str()).collect();
            let old = copy.id.clone();
            copy.id = unique_id(&taken, &old);
            let names: Vec<&str> = (0..s.services.len()).map(|k| s.service_name(k)).collect();
            copy.name = copy_name(s.service_name(i.index()), &names);
            let Pt { x, y } = free_spot(s, SERVICE_W / 2.0, SERVICE_H / 2.0, copy.x, copy.y);
            (copy.x, copy.y) = (x, y);
            let subs: Vec<Subscription> = s
                .subscriptions
                .iter()
                .filter(|w| w.service == old)
                .map(|w| Subscription {
                    // The copy joins the original's group: another instance sharing its work.
                    group: w.group.clone(),
                    ..Subscription::new(&w.channel, &copy.id)
                })
                .collect();
            s.services.push(copy);
            s.subscriptions.extend(subs);
            Some(Node::Service(ServiceId(s.services.len() as u32 - 1)))
        }
        Node::Channel(i) => {
            let mut copy = s.channels.get(i.index())?.clone();
            let taken: Vec<&str> = s.channels.iter().map(|c| c.id.as_str()).collect();
            copy.id = unique_id(&taken, &copy.id);
            copy.name = copy.id.clone();
            let Pt { x, y } = free_spot(s, CHANNEL_W / 2.0, CHANNEL_H / 2.0, copy.x, copy.y);
            (copy.x, copy.y) = (x, y);
            s.channels.push(copy);
            Some(Node::Channel(ChannelId(s.channels.len() as u32 - 1)))
        }
    }
}

/// Why a wire cannot be drawn between two nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireRefused;

/// True when channel `c` is an exchange (it can be bound to other channels).
pub fn is_exchange(s: &Scenario, c: ChannelId) -> bool {
    matches!(
        s.channels.get(c.index()).map(|c| &c.kind),
        Some(ChannelKind::Exchange(_))
    )
}

/// Wires `from` to `to`: service → channel publishes, channel → service
/// subscribes, exchange → channel binds. Drawing an existing wire again
/// changes nothing.
pub fn connect(s: &mut Scenario, from: Node, to: Node) -> Result<(), WireRefused> {
    match (from, to) {
        (Node::Service(v), Node::Channel(c)) => {
            let id = s.channels[c.index()].id.clone();
            let publishes = &mut s.services[v.index()].publishes;
            if !publishes.iter().any(|p| p.channel == id) {
                publishes.push(Publish::to(&id));
            }
            Ok(())
        }
        (Node::Channel(a), Node::Channel(b)) if a != b && is_exchange(s, a) => {
            let to = s.channels[b.index()].id.clone();
            s.forget_wire_actions(&s.channels[a.index()].id.clone(), &to);
            if let ChannelKind::Exchange(x) = &mut s.channels[a.index()].kind {
                if !x.bindings.iter().any(|w| w.to == to) {
                    x.bindings.push(Binding::to(&to, None));
                }
            }
            Ok(())
        }
        (Node::Channel(c), Node::Service(v)) => {
            let w = Subscription::new(&s.channels[c.index()].id, &s.services[v.index()].id);
            // Drawn by hand: a scheduled subscribe of the same wire would no
            // longer change anything.
            s.forget_wire_actions(&w.channel, &w.service);
            if subscription(s, c, v).is_none() {
                s.subscriptions.push(w);
            }
            Ok(())
        }
        _ => Err(WireRefused),
    }
}

/// Whether a wire drawn from `from` to `to` would be one Kurir makes: a
/// service publishes to a channel, a channel (not an exchange: it routes,
/// nobody consumes it) feeds a service, an exchange binds another channel.
pub fn can_wire(s: &Scenario, from: Node, to: Node) -> bool {
    match (from, to) {
        (Node::Service(_), Node::Channel(_)) => true,
        (Node::Channel(c), Node::Service(_)) => !is_exchange(s, c),
        (Node::Channel(a), Node::Channel(b)) => a != b && is_exchange(s, a),
        _ => false,
    }
}

/// Removes the wire between two nodes, in either direction.
pub fn disconnect(s: &mut Scenario, a: Node, b: Node) {
    let (v, c) = match (a, b) {
        (Node::Service(v), Node::Channel(c)) | (Node::Channel(c), Node::Service(v)) => (v, c),
        (Node::Channel(a), Node::Channel(b)) => {
            for (from, to) in [(a, b), (b, a)] {
                let to = s.channels[to.index()].id.clone();
                s.forget_wire_actions(&s.channels[from.index()].id.clone(), &to);
                if let ChannelKind::Exchange(x) = &mut s.channels[from.index()].kind {
                    x.bindings.retain(|w| w.to != to);
                }
            }
            return;
        }
        _ => return,
    };
    let cid = s.channels[c.index()].id.clone();
    let vid = s.services[v.index()].id.clone();
    s.forget_wire_actions(&cid, &vid);
    s.services[v.index()].publishes.retain(|p| p.channel != cid);
    s.subscriptions
        .retain(|w| !(w.channel == cid && w.service == vid));
}

/// Index of the subscription of service `service` to channel `channel`.
pub fn subscription(s: &Scenario, channel: ChannelId, service: ServiceId) -> Option<usize> {
    let (c, v) = (
        &s.channels.get(channel.index())?.id,
        &s.services.get(service.index())?.id,
    );
    s.subscriptions
        .iter()
        .position(|w| &w.channel == c && &w.service == v)
}

/// Every wire as (from, to) node pairs, for drawing.
pub fn wires(s: &Scenario) -> Vec<(Node, Node)> {
    let channel = |id: &str| s.channels.iter().position(|c| c.id == id);
    let service = |id: &str| s.services.iter().position(|v| v.id == id);
    let mut out = Vec::new();
    for (i, v) in s.services.iter().enumerate() {
        for p in &v.publishes {
            if let Some(c) = channel(&p.channel) {
                out.push((
                    Node::Service(ServiceId(i as u32)),
                    Node::Channel(ChannelId(c as u32)),
                ));
            }
        }
    }
    for (i, c) in s.channels.iter().enumerate() {
        if let ChannelKind::Exchange(x) = &c.kind {
            for b in &x.bindings {
                if let Some(to) = channel(&b.to) {
                    out.push((
                        Node::Channel(ChannelId(i as u32)),
                        Node::Channel(ChannelId(to as u32)),
                    ));
                }
            }
        }
    }
    for w in &s.subscriptions {
        if let (Some(c), Some(v)) = (channel(&w.channel), service(&w.service)) {
            out.push((
                Node::Channel(ChannelId(c as u32)),
                Node::Service(ServiceId(v as u32)),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    #[test]
    fn only_wires_kurir_makes_are_offered_as_drop_targets() {
        let s = lesson();
        let (order, email) = (Node::Service(ServiceId(0)), Node::Channel(ChannelId(0)));
        assert!(can_wire(&s, order, email) && can_wire(&s, email, order));
        assert!(
            !can_wire(&s, order, Node::Service(ServiceId(1))),
            "service to service"
        );
        assert!(
            !can_wire(&s, email, Node::Channel(ChannelId(1))),
            "a queue binds nothing"
        );
    }

    #[test]
    fn a_subscribed_channel_turned_into_an_exchange_gets_a_queue_per_subscriber() {
        let mut s = lesson();
        let order = s.channels.iter().position(|c| c.id == "order").unwrap();
        set_kind(
            &mut s,
            order,
            Preset::RabbitmqExchange.kind(),
            Some(Preset::RabbitmqExchange),
        );
        let queues: Vec<&str> = s.channels[3..].iter().map(|c| c.id.as_str()).collect();
        assert_eq!(queues, ["order-finance-1", "order-report-1"]);
        assert!(s.channels[3..]
            .iter()
            .all(|c| c.broker == Some(Preset::RabbitmqQueue)));
        assert!(s.subscriptions.iter().all(|w| w.channel != "order"));
        kurir_engine::Sim::new(s, kurir_engine::SimOptions::default()).expect("still valid");
    }

    #[test]
    fn a_channel_turned_into_a_queue_forgets_the_routing_keys_sent_to_it() {
        let mut s = lesson();
        let order = s.channels.iter().position(|c| c.id == "order").unwrap();
        let become_ = |s: &mut Scenario, p: Preset| set_kind(s, order, p.kind(), Some(p));
        let publish = |s: &mut Scenario| {
            let publishes = &mut s.services[0].publishes;
            publishes
                .iter_mut()
                .position(|p| p.channel == "order")
                .unwrap()
        };
        become_(&mut s, Preset::RabbitmqExchange);
        let k = publish(&mut s);
        s.services[0].publishes[k].routing_key = Some("order.created".into());
        s.services[0].publishes[k].mandatory = true;
        assert!(kurir_engine::Sim::new(s.clone(), Default::default()).is_ok());
        become_(&mut s, Preset::RabbitmqQueue);
        let p = &s.services[0].publishes[k];
        assert_eq!((p.routing_key.as_deref(), p.mandatory), (None, false));
        assert!(kurir_engine::Sim::new(s, Default::default()).is_ok());
    }

    #[test]
    fn a_wire_drawn_or_removed_by_hand_replaces_its_scheduled_changes() {
        // Given SMS scheduled to subscribe to `sms` at 5 s, and to leave at 9 s
        let mut s = lesson();
        let (sms, sms_service) = (ChannelId(1), ServiceId(2));
        disconnect(&mut s, Node::Channel(sms), Node::Service(sms_service));
        s.actions = vec![
            kurir_engine::scenario::Action::Subscribe {
                at_ms: 5_000.0,
                subscription: Subscription::new("sms", "sms"),
            },
            kurir_engine::scenario::Action::Unsubscribe {
                at_ms: 9_000.0,
                channel: "sms".into(),
                service: "sms".into(),
            },
        ];
        assert!(kurir_engine::Sim::new(s.clone(), Default::default()).is_ok());
        // When the learner draws the wire by hand
        connect(&mut s, Node::Channel(sms), Node::Service(sms_service)).unwrap();
        // Then the schedule no longer plays with it, and the scenario runs
        assert!(s.actions.is_empty());
        assert!(kurir_engine::Sim::new(s, Default::default()).is_ok());
    }

    #[test]
    fn deleting_a_channel_removes_its_wires_and_keeps_the_scenario_valid() {
        let mut s = lesson();
        delete(&mut s, &[Node::Channel(ChannelId(2))]); // `order`
        assert_eq!(s.channels.len(), 2);
        assert!(!s.services[0].publishes.iter().any(|p| p.channel == "order"));
        assert!(s.subscriptions.iter().all(|w| w.channel != "order"));
        assert!(kurir_engine::Sim::new(s, Default::default()).is_ok());
    }

    #[test]
    fn a_duplicated_consumer_competes_on_the_same_channels() {
        let mut s = lesson();
        let copy = duplicate(&mut s, Node::Service(ServiceId(2))).unwrap(); // SMS
        assert_eq!(copy, Node::Service(ServiceId(5)));
        assert_eq!(s.services[5].id, "sms-1");
        assert!(s
            .subscriptions
            .iter()
            .any(|w| w.channel == "sms" && w.service == "sms-1"));
    }

    #[test]
    fn each_copy_gets_a_name_of_its_own_within_the_limit() {
        let mut s = lesson();
        duplicate(&mut s, Node::Service(ServiceId(3))).unwrap();
        duplicate(&mut s, Node::Service(ServiceId(3))).unwrap();
        let names: Vec<&str> = s.services[5..].iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Finance service 2", "Finance service 3"]);
        let long = "é".repeat(kurir_engine::compile::limits::MAX_NAME); // 2 bytes a letter
        let name = copy_name(&long, &[]);
        assert_eq!(
            name.chars().count(),
            kurir_engine::compile::limits::MAX_NAME
        );
        assert!(name.ends_with("é 2"), "{name}");
    }

    #[test]
    fn copies_and_new_nodes_land_where_they_cover_nothing() {
        let mut s = lesson();
        duplicate(&mut s, Node::Service(ServiceId(2))).unwrap();
        duplicate(&mut s, Node::Service(ServiceId(2))).unwrap();
        duplicate(&mut s, Node::Channel(ChannelId(0))).unwrap();
        let (x, y) = (s.services[0].x, s.services[0].y);
        add_service(&mut s, x, y);
        add_channel(&mut s, false, x, y);
        let boxes: Vec<_> = crate::model::geometry::boxes(&s).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart =
                    (a.c.x - b.c.x).abs() >= a.hw + b.hw || (a.c.y - b.c.y).abs() >= a.hh + b.hh;
                assert!(apart, "{a:?} covers {b:?}");
            }
        }
    }

    #[test]
    fn wires_go_from_service_to_channel_or_channel_to_service_only() {
        let mut s = lesson();
        let v = add_service(&mut s, 0.0, 0.0);
        let c = add_channel(&mut s, true, 0.0, 0.0);
        assert_eq!(
            connect(
                &mut s,
                Node::Service(ServiceId(0)),
                Node::Service(ServiceId(1))
            ),
            Err(WireRefused)
        );
        connect(&mut s, v, c).unwrap();
        connect(&mut s, c, Node::Service(ServiceId(1))).unwrap();
        connect(&mut s, c, Node::Service(ServiceId(1))).unwrap();
        assert_eq!(
            s.subscriptions
                .iter()
                .filter(|w| w.channel == "queue-1")
                .count(),
            1
        );
        assert_eq!(wires(&s).len(), 3 + 4 + 2);
        disconnect(&mut s, Node::Service(ServiceId(1)), c);
        assert_eq!(wires(&s).len(), 3 + 4 + 1);
    }
}
