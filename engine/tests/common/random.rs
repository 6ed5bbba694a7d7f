//! Random acyclic scenarios for the property tests (conservation,
//! determinism, live re-tuning).

use kurir_engine::scenario::builder::ScenarioBuilder;
use kurir_engine::scenario::*;
use proptest::prelude::*;

/// A random acyclic topology. Channel `c` sits at level `c % services`: a
/// service may publish to it only from a level at or below, and consume it
/// only from above, so every path climbs and no publish cycle can form.
/// Dead letters go to a final `dead` queue that nobody consumes.
/// Some have topology changes during the run (see `with_changes`).
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (2usize..6, 1usize..5, any::<u64>(), any::<bool>()).prop_flat_map(|(ns, nc, seed, rpc)| {
        (services(ns), channels(nc), wires(ns, nc), changes(ns, nc)).prop_map(
            move |(services, channels, wires, changes)| {
                with_changes(build(seed, rpc, services, channels, wires), changes)
            },
        )
    })
}

/// Topology changes: (time, service, channel, what): subscribe or
/// unsubscribe the service, or bind or unbind the channel (an exchange) to
/// a later one.
type ChangeGen = (f64, usize, usize, bool);

fn changes(ns: usize, nc: usize) -> impl Strategy<Value = Vec<ChangeGen>> {
    proptest::collection::vec((0.0f64..6_000.0, 0..ns, 0..nc, any::<bool>()), 0..6)
}

/// Adds the changes that keep the scenario valid, in time order: each one
/// toggles a wire as it stands at its time (a subscription the level scheme
/// allows, a binding to a later channel), and one that the compiler refuses
/// (a pattern already covering the channel, a loop) is left out.
pub fn with_changes(mut s: Scenario, mut changes: Vec<ChangeGen>) -> Scenario {
    changes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let ns = s.services.len();
    let nc = s.channels.len() - 1; // without "dead"
    let mut now = s.clone();
    for (at_ms, service, channel, bind) in changes {
        let c = format!("c{channel}");
        let exchange = matches!(now.channels[channel].kind, ChannelKind::Exchange(_));
        let action = if bind {
            if !exchange || channel + 1 >= nc {
                continue;
            }
            let to = format!("c{}", channel + 1 + service % (nc - channel - 1));
            let ChannelKind::Exchange(x) = &now.channels[channel].kind else {
                continue;
            };
            if x.bindings.iter().any(|b| b.to == to) {
                Action::Unbind {
                    at_ms,
                    channel: c,
                    to,
                }
            } else {
                let binding = Binding {
                    key: Some("k1".into()),
                    ..Binding::to(&to, None)
                };
                Action::Bind {
                    at_ms,
                    channel: c,
                    binding,
                }
            }
        } else {
            if exchange || service <= channel % ns {
                continue;
            }
            let v = format!("s{service}");
            if now
                .subscriptions
                .iter()
                .any(|w| w.channel == c && w.service == v)
            {
                Action::Unsubscribe {
                    at_ms,
                    channel: c,
                    service: v,
                }
            } else {
                let mut subscription = Subscription::new(&c, &v);
                if service % 2 == 0 {
                    subscription.group = Some(format!("g{}", channel % 2));
                }
                Action::Subscribe {
                    at_ms,
                    subscription,
                }
            }
        };
        let mut tried = s.clone();
        tried.actions.push(action.clone());
        if kurir_engine::compile::compile(&tried).is_ok() {
            action.change(&mut now);
            s = tried;
        }
    }
    s
}

/// Two random scenarios of the same shape (service count and channel kinds),
/// with different timings, wires, inputs and scheduled actions: what a live
/// re-tune may be asked to switch between (undo across imports, say).
pub fn same_shape_pair() -> impl Strategy<Value = (Scenario, Scenario)> {
    (2usize..6, 1usize..5, any::<u64>(), any::<bool>()).prop_flat_map(|(ns, nc, seed, rpc)| {
        let one = move || (services(ns), wires(ns, nc), schedule(ns));
        (channels(nc), one(), one()).prop_map(move |(channels, a, b)| {
            let make = |(services, wires, (inputs, actions))| {
                let mut s = build(seed, rpc, services, channels.clone(), wires);
                add_schedule(&mut s, inputs, actions);
                s
            };
            (make(a), make(b))
        })
    })
}

/// A random scenario with inputs and actions, and a second one that differs
/// only in its services' timings, workers and failure chances: a parameter
/// edit, which a re-tune must apply as if the run had started with it.
pub fn parameter_edit() -> impl Strategy<Value = (Scenario, Scenario)> {
    (2usize..6, 1usize..5, any::<u64>(), any::<bool>()).prop_flat_map(|(ns, nc, seed, rpc)| {
        (
            channels(nc),
            services(ns),
            services(ns),
            wires(ns, nc),
            schedule(ns),
        )
            .prop_map(move |(channels, a, mut b, wires, (inputs, actions))| {
                for (new, old) in b.iter_mut().zip(&a) {
                    new.4 = old.4; // the same services up
                }
                let make = |services| {
                    let mut s = build(seed, rpc, services, channels.clone(), wires.clone());
                    add_schedule(&mut s, inputs.clone(), actions.clone());
                    s
                };
                (make(a), make(b))
            })
    })
}

fn services(ns: usize) -> impl Strategy<Value = Vec<ServiceGen>> {
    proptest::collection::vec(
        (
            0u8..3,
            1.0f64..300.0,
            1u32..4,
            prop_oneof![Just(0.0), 0.0f64..0.6],
            any::<bool>(),
        ),
        ns,
    )
}

fn channels(nc: usize) -> impl Strategy<Value = Vec<ChannelGen>> {
    proptest::collection::vec(
        (
            0u8..4,
            20.0f64..2_000.0,
            1u32..5,
            any::<bool>(),
            proptest::option::of(1u32..8),
        ),
        nc,
    )
}

fn wires(ns: usize, nc: usize) -> impl Strategy<Value = Vec<(usize, usize, bool)>> {
    proptest::collection::vec((0..ns, 0..nc, any::<bool>()), 0..14)
}

/// Inputs (service, gap, count, start) and actions (time, service, down).
type ScheduleGen = (Vec<(usize, f64, Option<u64>, f64)>, Vec<(f64, usize, bool)>);

fn schedule(ns: usize) -> impl Strategy<Value = ScheduleGen> {
    (
        proptest::collection::vec(
            (
                0..ns,
                1.0f64..500.0,
                proptest::option::of(0u64..20),
                0.0f64..3_000.0,
            ),
            0..3,
        ),
        proptest::collection::vec((0.0f64..6_000.0, 0..ns, any::<bool>()), 0..4),
    )
}

fn add_schedule(
    s: &mut Scenario,
    inputs: Vec<(usize, f64, Option<u64>, f64)>,
    actions: Vec<(f64, usize, bool)>,
) {
    for (service, every_ms, count, start_ms) in inputs {
        s.inputs.push(Input {
            service: format!("s{service}"),
            every_ms,
            count,
            start_ms,
        });
    }
    for (at_ms, service, down) in actions {
        let service = format!("s{service}");
        s.actions.push(if down {
            Action::Down { at_ms, service }
        } else {
            Action::Up { at_ms, service }
        });
    }
}

pub type ServiceGen = (u8, f64, u32, f64, bool);
pub type ChannelGen = (u8, f64, u32, bool, Option<u32>);

pub fn build(
    seed: u64,
    rpc: bool,
    services: Vec<ServiceGen>,
    channels: Vec<ChannelGen>,
    wires: Vec<(usize, usize, bool)>,
) -> Scenario {
    let ns = services.len();
    let mut s = ScenarioBuilder::new()
        .seed(seed)
        .mode(if rpc { Mode::Rpc } else { Mode::Messaging })
        .build();
    s.name = "random".into();
    for (i, &(dist, ms, workers, fail, up)) in services.iter().enumerate() {
        s.services.push(ServiceSpec {
            id: format!("s{i}"),
            name: String::new(),
            processing: match dist {
                0 => Processing::Constant { ms },
                1 => Processing::Uniform {
                    min_ms: ms / 2.0,
                    max_ms: ms,
                },
                _ => Processing::Exponential { mean_ms: ms },
            },
            workers,
            failure_probability: fail,
            // Some services poison the second order: it fails there every time.
            fails_orders: if i % 5 == 2 { vec![2] } else { Vec::new() },
            up: up || i == 0,
            database: None,
            publishes: Vec::new(),
            patterns: if i % 4 == 3 {
                vec!["c*".into()]
            } else {
                Vec::new()
            },
            calls: Vec::new(),
            x: 0.0,
            y: 0.0,
        });
    }
    let nc = channels.len();
    for (i, &(kind, vt, max, dlq, len)) in channels.iter().enumerate() {
        let bits = max + len.unwrap_or(0);
        let kind = match kind {
            1 => ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: vt,
                max_deliveries: max % 4,
                dead_letter: dlq.then(|| "dead".to_string()),
                ttl_ms: len.map(|l| l as f64 * 300.0),
                max_length: len,
                overflow: if vt > 1_000.0 {
                    Overflow::Reject
                } else {
                    Overflow::DropOldest
                },
                on_failure: if bits % 3 == 0 {
                    OnFailure::Reject
                } else {
                    OnFailure::Requeue
                },
                retry: match bits % 4 {
                    0 => RetryPolicy::Immediate,
                    1 => RetryPolicy::Delay { ms: vt / 2.0 },
                    2 => RetryPolicy::Linear {
                        ms: 10.0,
                        max_ms: vt,
                    },
                    _ => RetryPolicy::Backoff {
                        min_ms: 10.0,
                        max_ms: vt,
                    },
                },
                ordered_by_key: bits % 2 == 0,
                dedup_window_ms: (bits % 4 == 1).then_some(vt * 3.0),
                touch: vt < 300.0,
                dead_letter_expired: bits % 5 < 2,
                requeue_on_consumer_down: bits % 7 < 4,
            }),
            // An exchange bound to later channels (so no loops) and "dead".
            2 => ChannelKind::Exchange(ExchangeSpec {
                routing: [
                    Routing::Fanout,
                    Routing::Direct,
                    Routing::Topic,
                    Routing::Headers,
                    Routing::Filter,
                ][bits as usize % 5],
                bindings: (i + 1..nc)
                    .filter(|j| (j + bits as usize).is_multiple_of(2))
                    .map(|j| format!("c{j}"))
                    .chain(dlq.then(|| "dead".to_string()))
                    .enumerate()
                    .map(|(k, to)| Binding {
                        to,
                        key: Some(["k1", "k*", "#", "k2.x"][k % 4].into()),
                        headers: [("h".to_string(), format!("k{}", k % 3))].into(),
                        match_mode: if k % 2 == 0 {
                            MatchMode::All
                        } else {
                            MatchMode::Any
                        },
                        filter: [("h".to_string(), vec![format!("k{}", k % 3)])].into(),
                    })
                    .collect(),
                unroutable: [Unroutable::Drop, Unroutable::Return, Unroutable::Keep]
                    [max as usize % 3],
            }),
            3 => ChannelKind::Log(LogSpec {
                partitions: 1 + max % 3,
                retention_ms: vt * 20.0,
                retention_records: len,
                auto_commit_interval_ms: dlq.then_some(vt),
                session_timeout_ms: vt * 2.0,
                auto_offset_reset: if bits % 2 == 0 {
                    OffsetReset::Latest
                } else {
                    OffsetReset::Earliest
                },
            }),
            _ => ChannelKind::PubSub,
        };
        s.channels
            .push(ChannelSpec::new(&format!("c{i}"), "", kind, 0.0, 0.0));
    }
    s.channels.push(ChannelSpec::new(
        "dead",
        "",
        ChannelKind::Queue(QueueSpec::default()),
        0.0,
        0.0,
    ));
    for (service, channel, publish) in wires {
        let level = channel % ns;
        let c = format!("c{channel}");
        if publish && service <= level {
            if !s.services[service].publishes.iter().any(|p| p.channel == c) {
                // Keys, routing keys and headers that vary per order.
                let mut p = Publish::to(&c);
                // What each kind uses (the compiler refuses the rest): an
                // exchange routes by key and headers and passes a key on; a
                // queue or log uses a key; pub/sub carries the message only.
                let kind = &s.channels[channel].kind;
                if channel % 2 == 0 && !matches!(kind, ChannelKind::PubSub) {
                    p.key = Some("k{order%3}".into());
                    if matches!(kind, ChannelKind::Exchange(_)) {
                        p.routing_key = Some("k{order%3}".into());
                        p.attributes = [("h".to_string(), "k{order%2}".to_string())].into();
                        p.mandatory = channel % 4 == 0;
                    }
                }
                s.services[service].publishes.push(p);
            }
        } else if !publish
            && service > level
            // Nobody consumes an exchange directly.
            && !matches!(s.channels[channel].kind, ChannelKind::Exchange(_))
        {
            let mut sub = Subscription::new(&c, &format!("s{service}"));
            // Some subscribers share a group (one copy per group, in turns).
            if (service + channel) % 3 == 0 {
                sub.group = Some(format!("g{}", channel % 2));
            }
            // Some queue subscribers auto-ack, some have their own prefetch.
            if (service * 7 + channel) % 5 == 0 {
                sub.ack = AckMode::Auto;
            } else if (service + 2 * channel) % 4 == 1 {
                sub.prefetch = Some(1 + channel as u32 % 3);
            }
            if !s
                .subscriptions
                .iter()
                .any(|w| w.channel == sub.channel && w.service == sub.service)
            {
                s.subscriptions.push(sub);
            }
        }
    }
    s
}

/// The scenario with pattern subscriptions and exchange bindings removed
/// (and the topology changes, which may bind).
pub fn without_shortcuts(mut s: Scenario) -> Scenario {
    s.actions.retain(|a| !a.changes_topology());
    for svc in &mut s.services {
        svc.patterns.clear();
    }
    for ch in &mut s.channels {
        if let ChannelKind::Exchange(x) = &mut ch.kind {
            x.bindings.clear();
        }
    }
    s
}
