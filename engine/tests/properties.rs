//! Properties over random topologies and inputs: copies are conserved, runs
//! are deterministic, nothing panics.

mod common;

use common::assert_conserved;
use kurir_engine::scenario::*;
use kurir_engine::time::MS;
use kurir_engine::trace_json::event_json;
use kurir_engine::{Sim, SimOptions};
use proptest::prelude::*;

/// A random acyclic topology. Channel `c` sits at level `c % services`: a
/// service may publish to it only from a level at or below, and consume it
/// only from above, so every path climbs and no publish cycle can form.
/// Dead letters go to a final `dead` queue that nobody consumes.
fn scenario() -> impl Strategy<Value = Scenario> {
    (2usize..6, 1usize..5, any::<u64>(), any::<bool>()).prop_flat_map(|(ns, nc, seed, rpc)| {
        let services = proptest::collection::vec(
            (
                0u8..3,
                1.0f64..300.0,
                1u32..4,
                prop_oneof![Just(0.0), 0.0f64..0.6],
                any::<bool>(),
            ),
            ns,
        );
        let channels = proptest::collection::vec(
            (
                any::<bool>(),
                20.0f64..2_000.0,
                1u32..5,
                any::<bool>(),
                proptest::option::of(1u32..8),
            ),
            nc,
        );
        let wires = proptest::collection::vec((0..ns, 0..nc, any::<bool>()), 0..14);
        (services, channels, wires).prop_map(move |(services, channels, wires)| {
            build(seed, rpc, services, channels, wires)
        })
    })
}

type ServiceGen = (u8, f64, u32, f64, bool);
type ChannelGen = (bool, f64, u32, bool, Option<u32>);

fn build(
    seed: u64,
    rpc: bool,
    services: Vec<ServiceGen>,
    channels: Vec<ChannelGen>,
    wires: Vec<(usize, usize, bool)>,
) -> Scenario {
    let ns = services.len();
    let mut s = Scenario {
        version: CURRENT_VERSION,
        name: "random".into(),
        mode: if rpc { Mode::Rpc } else { Mode::Messaging },
        seed,
        network: Network::default(),
        services: Vec::new(),
        channels: Vec::new(),
        subscriptions: Vec::new(),
        inputs: Vec::new(),
    };
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
            up: up || i == 0,
            database: None,
            publishes: Vec::new(),
            calls: Vec::new(),
            x: 0.0,
            y: 0.0,
        });
    }
    for (i, &(queue, vt, max, dlq, len)) in channels.iter().enumerate() {
        let kind = if queue {
            ChannelKind::Queue(QueueSpec {
                visibility_timeout_ms: vt,
                max_deliveries: max,
                dead_letter: dlq.then(|| "dead".to_string()),
                ttl_ms: len.map(|l| l as f64 * 300.0),
                max_length: len,
                overflow: if vt > 1_000.0 {
                    Overflow::Reject
                } else {
                    Overflow::DropOldest
                },
            })
        } else {
            ChannelKind::PubSub
        };
        s.channels.push(ChannelSpec {
            id: format!("c{i}"),
            name: String::new(),
            kind,
            x: 0.0,
            y: 0.0,
        });
    }
    s.channels.push(ChannelSpec {
        id: "dead".into(),
        name: String::new(),
        kind: ChannelKind::Queue(QueueSpec::default()),
        x: 0.0,
        y: 0.0,
    });
    for (service, channel, publish) in wires {
        let level = channel % ns;
        let c = format!("c{channel}");
        if publish && service <= level {
            if !s.services[service].publishes.contains(&c) {
                s.services[service].publishes.push(c);
            }
        } else if !publish && service > level {
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

fn run(s: Scenario, orders: &[(u64, bool)]) -> (Sim, Vec<String>) {
    let mut sim = Sim::new(
        s,
        SimOptions {
            trace_capacity: 1_000_000,
            ..SimOptions::default()
        },
    )
    .expect("generated scenarios are valid");
    for &(gap, toggle) in orders {
        sim.run_for(gap * MS);
        if toggle && sim.scenario().services.len() > 1 {
            let last = sim.scenario().services.len() as u32 - 1;
            let up = sim.snapshot(0).services[last as usize].up;
            sim.set_service_up(last, !up);
        }
        sim.place_order(0);
        assert_conserved(&sim);
    }
    sim.run_for(120_000 * MS);
    let trace = sim
        .trace()
        .iter()
        .map(|e| event_json(e, sim.scenario()))
        .collect();
    (sim, trace)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_copy_ends_in_exactly_one_state(s in scenario(), orders in proptest::collection::vec((0u64..400, proptest::bool::weighted(0.1)), 1..25)) {
        let (sim, _) = run(s, &orders);
        assert_conserved(&sim);
        let o = &sim.metrics().orders;
        prop_assert_eq!(o.placed, orders.len() as u64);
        prop_assert!(o.completed <= o.placed);
    }

    #[test]
    fn the_same_seed_gives_the_same_trace(s in scenario(), orders in proptest::collection::vec((0u64..400, proptest::bool::weighted(0.1)), 1..15)) {
        let (_, a) = run(s.clone(), &orders);
        let (_, b) = run(s, &orders);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,400}") {
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn mangled_scenarios_are_refused_or_run_without_panicking(cut in 0usize..2_000, junk in "[{}\\[\\]\",:0-9a-z.-]{0,8}") {
        let text = kurir_engine::examples::lesson().to_json();
        let cut = cut.min(text.len());
        let mut mangled = text[..cut].to_string();
        mangled.push_str(&junk);
        mangled.push_str(&text[cut..]);
        if let Ok(s) = Scenario::from_json(&mangled) {
            let mut sim = Sim::new(s, SimOptions::default()).unwrap();
            if !sim.scenario().services.is_empty() {
                sim.place_order(0);
            }
            sim.run_for(10_000 * MS);
        }
    }
}
