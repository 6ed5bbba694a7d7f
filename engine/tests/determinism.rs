//! Behaviour unchanged: the trace (as the JSON lines of `docs/trace-format.md`)
//! and the text summary of every built-in example, in both modes and for a
//! few seeds, reduce to the digests recorded below. They were recorded on the
//! main branch before the engine was re-laid out (issue 14, commit 4c999a9);
//! a refactoring must leave every one of them as it is. Change one only for an
//! intended change of behaviour, and say so in the commit. Changed since:
//! issue 15 — `redeliver` lines carry `available_at` (every example with
//! redeliveries), and RabbitMQ queues requeue a crashed consumer's messages
//! and allow 21 deliveries (the `rabbitmq` example); a fan-out subscriber
//! that is down gets no copy but a `missed` line (every example with
//! pub/sub channels and a service taken down); the summary says `n/a` for
//! a latency nothing measured (examples with an idle service or mode).

use kurir_engine::base::time::MS;
use kurir_engine::examples::{self, brokers};
use kurir_engine::observe::summary;
use kurir_engine::observe::trace_json::event_json;
use kurir_engine::scenario::{Mode, Scenario};
use kurir_engine::{ServiceId, Sim, SimOptions};

const SEEDS: [u64; 3] = [1, 42, 2026];

fn fnv(hash: &mut u64, text: &str) {
    for b in text.bytes().chain(std::iter::once(b'\n')) {
        *hash = (*hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
}

/// Runs `s` for 20 s of virtual time with the scenario's own inputs and
/// actions, plus orders placed by hand, an order rate, and the second service
/// taken down and brought back — the commands the app sends.
fn digest(s: Scenario, mode: Mode, seed: u64) -> (u64, u64) {
    let services = s.services.len() as u32;
    let mut sim = Sim::new(
        s,
        SimOptions {
            trace_capacity: 2_000_000,
            seed: Some(seed),
            mode: Some(mode),
            ..SimOptions::default()
        },
    )
    .expect("a built-in example is valid");
    for step in 0..40u64 {
        sim.run_until(step * 500 * MS);
        sim.place_order(ServiceId(0));
        match step {
            5 => sim.set_order_rate(ServiceId(0), 20.0),
            10 if services > 1 => sim.set_service_up(ServiceId(1), false),
            15 if services > 1 => sim.set_service_up(ServiceId(1), true),
            20 => sim.set_order_rate(ServiceId(0), 0.0),
            _ => {}
        }
    }
    sim.run_for(10_000 * MS);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut events = 0;
    for e in sim.trace().iter() {
        events += 1;
        fnv(&mut hash, &event_json(e, &sim));
    }
    fnv(&mut hash, &summary::summary(&sim));
    (events, hash)
}

fn every_example() -> Vec<(&'static str, Scenario)> {
    let mut all = examples::gallery();
    for (name, s) in brokers::all() {
        if all.iter().all(|(n, _)| *n != name) {
            all.push((name, s));
        }
    }
    all
}

/// (example, mode, seed) → (trace events, digest).
const RECORDED: &[(&str, &str, u64, u64, u64)] = &[
    ("lesson", "Messaging", 1, 2929, 0x025d3c6d0f69b383),
    ("lesson", "Messaging", 42, 2929, 0x025d3c6d0f69b383),
    ("lesson", "Messaging", 2026, 2929, 0x025d3c6d0f69b383),
    ("lesson", "Rpc", 1, 364, 0x52bf310091b04eb7),
    ("lesson", "Rpc", 42, 364, 0x52bf310091b04eb7),
    ("lesson", "Rpc", 2026, 364, 0x52bf310091b04eb7),
    ("lesson-rpc", "Messaging", 1, 2929, 0xbc25606cf40f98f1),
    ("lesson-rpc", "Messaging", 42, 2929, 0xbc25606cf40f98f1),
    ("lesson-rpc", "Messaging", 2026, 2929, 0xbc25606cf40f98f1),
    ("lesson-rpc", "Rpc", 1, 364, 0x6984b6cbd46cb139),
    ("lesson-rpc", "Rpc", 42, 364, 0x6984b6cbd46cb139),
    ("lesson-rpc", "Rpc", 2026, 364, 0x6984b6cbd46cb139),
    ("pipeline", "Messaging", 1, 1298, 0xb3f9003f92990f9d),
    ("pipeline", "Messaging", 42, 1298, 0xb3f9003f92990f9d),
    ("pipeline", "Messaging", 2026, 1298, 0xb3f9003f92990f9d),
    ("pipeline", "Rpc", 1, 575, 0xbc9b354e2c961705),
    ("pipeline", "Rpc", 42, 575, 0xbc9b354e2c961705),
    ("pipeline", "Rpc", 2026, 575, 0xbc9b354e2c961705),
    (
        "competing-consumers",
        "Messaging",
        1,
        1885,
        0x3fa2f7bc17a177e6,
    ),
    (
        "competing-consumers",
        "Messaging",
        42,
        1898,
        0x1d20203ae0866f1e,
    ),
    (
        "competing-consumers",
        "Messaging",
        2026,
        1889,
        0x5395ae1740a0a7be,
    ),
    ("competing-consumers", "Rpc", 1, 492, 0x0e5cd8b94c6985fd),
    ("competing-consumers", "Rpc", 42, 488, 0xb13db625e4c1f2ff),
    ("competing-consumers", "Rpc", 2026, 484, 0xa8e011f48062842f),
    ("loss-vs-queue", "Messaging", 1, 1867, 0x072fff6fdbb7122d),
    ("loss-vs-queue", "Messaging", 42, 1867, 0x072fff6fdbb7122d),
    ("loss-vs-queue", "Messaging", 2026, 1867, 0x072fff6fdbb7122d),
    ("loss-vs-queue", "Rpc", 1, 275, 0x2f7733096048b9fd),
    ("loss-vs-queue", "Rpc", 42, 275, 0x2f7733096048b9fd),
    ("loss-vs-queue", "Rpc", 2026, 275, 0x2f7733096048b9fd),
    ("stress", "Messaging", 1, 28574, 0xd68fd1b7c14f10d5),
    ("stress", "Messaging", 42, 28574, 0xd68fd1b7c14f10d5),
    ("stress", "Messaging", 2026, 28574, 0xd68fd1b7c14f10d5),
    ("stress", "Rpc", 1, 1504, 0xf4625ccfd19b89de),
    ("stress", "Rpc", 42, 1504, 0xf4625ccfd19b89de),
    ("stress", "Rpc", 2026, 1504, 0xf4625ccfd19b89de),
    ("redis", "Messaging", 1, 3876, 0xc2fcf65bf6ee3e88),
    ("redis", "Messaging", 42, 3876, 0xc2fcf65bf6ee3e88),
    ("redis", "Messaging", 2026, 3876, 0xc2fcf65bf6ee3e88),
    ("redis", "Rpc", 1, 363, 0xdc537578ebc11927),
    ("redis", "Rpc", 42, 363, 0xdc537578ebc11927),
    ("redis", "Rpc", 2026, 363, 0xdc537578ebc11927),
    ("kafka", "Messaging", 1, 3375, 0xc8bcce91c662418e),
    ("kafka", "Messaging", 42, 3375, 0xc8bcce91c662418e),
    ("kafka", "Messaging", 2026, 3375, 0xc8bcce91c662418e),
    ("kafka", "Rpc", 1, 335, 0x686ea8abc672d6b1),
    ("kafka", "Rpc", 42, 335, 0x686ea8abc672d6b1),
    ("kafka", "Rpc", 2026, 335, 0x686ea8abc672d6b1),
    ("rabbitmq", "Messaging", 1, 3991, 0xc03d383f8e04cdc4),
    ("rabbitmq", "Messaging", 42, 3993, 0xc253ba0a67a30c5d),
    ("rabbitmq", "Messaging", 2026, 3985, 0x46a834a4c7301e22),
    ("rabbitmq", "Rpc", 1, 371, 0xecde97063e4db245),
    ("rabbitmq", "Rpc", 42, 371, 0xcde2a8aed40788e9),
    ("rabbitmq", "Rpc", 2026, 371, 0xecde97063e4db245),
    ("nsq", "Messaging", 1, 3869, 0x721cbbe5006a0b22),
    ("nsq", "Messaging", 42, 3873, 0xad593e60d7a67ff1),
    ("nsq", "Messaging", 2026, 3866, 0xf7fc683f59b6d1d3),
    ("nsq", "Rpc", 1, 394, 0x98460520c8cb8da2),
    ("nsq", "Rpc", 42, 388, 0xd41fb65c95562a38),
    ("nsq", "Rpc", 2026, 394, 0x98460520c8cb8da2),
    ("google-pubsub", "Messaging", 1, 3961, 0xfceb36c9e8f822be),
    ("google-pubsub", "Messaging", 42, 3957, 0xeb0fbe60aca5d40e),
    ("google-pubsub", "Messaging", 2026, 3957, 0x1cb3fd79857a14c7),
    ("google-pubsub", "Rpc", 1, 391, 0x38cbf8e6f776f6af),
    ("google-pubsub", "Rpc", 42, 387, 0x990e97c33779f688),
    ("google-pubsub", "Rpc", 2026, 391, 0x457b60d3366c8940),
    ("sqs", "Messaging", 1, 2766, 0xafa41326ff9bd944),
    ("sqs", "Messaging", 42, 2755, 0x173d56def256e9d6),
    ("sqs", "Messaging", 2026, 2743, 0x2f36c85b470fee91),
    ("sqs", "Rpc", 1, 321, 0xb48fedfb4c2da304),
    ("sqs", "Rpc", 42, 320, 0x983cfb1d8f937b1c),
    ("sqs", "Rpc", 2026, 319, 0x2e58833c1cc9dd6c),
    ("sns-sqs", "Messaging", 1, 3871, 0x4c3c4e137798c7b8),
    ("sns-sqs", "Messaging", 42, 3877, 0xe2e6e4e4d2979fb7),
    ("sns-sqs", "Messaging", 2026, 3873, 0x2d109035e5b3afc9),
    ("sns-sqs", "Rpc", 1, 371, 0x63afcc4fa4de21e1),
    ("sns-sqs", "Rpc", 42, 371, 0x16ecb1292158c368),
    ("sns-sqs", "Rpc", 2026, 371, 0xb542bbfe5eb05993),
];

#[test]
fn every_example_runs_as_recorded() {
    let mut got = Vec::new();
    for (name, s) in every_example() {
        for mode in [Mode::Messaging, Mode::Rpc] {
            for seed in SEEDS {
                let (events, hash) = digest(s.clone(), mode, seed);
                assert!(events > 0, "{name} {mode:?} {seed}: no events");
                got.push((name, format!("{mode:?}"), seed, events, hash));
            }
        }
    }
    let printed: Vec<String> = got
        .iter()
        .map(|(n, m, s, e, h)| format!("    ({n:?}, {m:?}, {s}, {e}, {h:#018x}),"))
        .collect();
    assert_eq!(
        got.len(),
        RECORDED.len(),
        "recorded:\n{}",
        printed.join("\n")
    );
    for (g, r) in got.iter().zip(RECORDED) {
        assert_eq!(
            (g.0, g.1.as_str(), g.2, g.3, g.4),
            *r,
            "behaviour changed; now:\n{}",
            printed.join("\n")
        );
    }
}
