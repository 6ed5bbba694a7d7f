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
//! a latency nothing measured (examples with an idle service or mode); an
//! order with a copy lost or dead-lettered ends `order_incomplete`, not
//! `order_completed`, and the summary counts such orders apart (every
//! example: the summary's orders line has two more counts); an SQS queue
//! leaves a failed message to its visibility timeout instead of requeueing
//! it at once (`sns-sqs`, messaging). Issue 16 — the RPC version of a
//! topology calls only the services its messages would reach: an exchange's
//! bindings are followed as it routes (not every binding), and a queue's
//! copy goes to one of its competing consumers, not to each (`rabbitmq`,
//! `sns-sqs`, `sqs`, `competing-consumers`, RPC).

mod common;

use common::every_example;
use kurir_engine::base::time::MS;
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

/// (example, mode, seed) → (trace events, digest).
const RECORDED: &[(&str, &str, u64, u64, u64)] = &[
    ("lesson", "Messaging", 1, 2929, 0xfcdc53e1208f5002),
    ("lesson", "Messaging", 42, 2929, 0xfcdc53e1208f5002),
    ("lesson", "Messaging", 2026, 2929, 0xfcdc53e1208f5002),
    ("lesson", "Rpc", 1, 364, 0x78f02139c2bddba8),
    ("lesson", "Rpc", 42, 364, 0x78f02139c2bddba8),
    ("lesson", "Rpc", 2026, 364, 0x78f02139c2bddba8),
    ("lesson-rpc", "Messaging", 1, 2929, 0x5605187f40f8651c),
    ("lesson-rpc", "Messaging", 42, 2929, 0x5605187f40f8651c),
    ("lesson-rpc", "Messaging", 2026, 2929, 0x5605187f40f8651c),
    ("lesson-rpc", "Rpc", 1, 364, 0x9e21aabd4f86fc86),
    ("lesson-rpc", "Rpc", 42, 364, 0x9e21aabd4f86fc86),
    ("lesson-rpc", "Rpc", 2026, 364, 0x9e21aabd4f86fc86),
    ("pipeline", "Messaging", 1, 1298, 0xe4293315b1878100),
    ("pipeline", "Messaging", 42, 1298, 0xe4293315b1878100),
    ("pipeline", "Messaging", 2026, 1298, 0xe4293315b1878100),
    ("pipeline", "Rpc", 1, 575, 0x8096401449259bae),
    ("pipeline", "Rpc", 42, 575, 0x8096401449259bae),
    ("pipeline", "Rpc", 2026, 575, 0x8096401449259bae),
    (
        "competing-consumers",
        "Messaging",
        1,
        1885,
        0xe2a172af001a4bb7,
    ),
    (
        "competing-consumers",
        "Messaging",
        42,
        1898,
        0x10fec0b824923975,
    ),
    (
        "competing-consumers",
        "Messaging",
        2026,
        1889,
        0x0b41940b146808f5,
    ),
    ("competing-consumers", "Rpc", 1, 603, 0x28f9c77113c931d5),
    ("competing-consumers", "Rpc", 42, 603, 0x758a36bdc70e29c3),
    ("competing-consumers", "Rpc", 2026, 603, 0x88321e084d7d63bc),
    ("loss-vs-queue", "Messaging", 1, 1867, 0x8aa18fdc74a7bbaa),
    ("loss-vs-queue", "Messaging", 42, 1867, 0x8aa18fdc74a7bbaa),
    ("loss-vs-queue", "Messaging", 2026, 1867, 0x8aa18fdc74a7bbaa),
    ("loss-vs-queue", "Rpc", 1, 275, 0x2e5aa5396c7d1f76),
    ("loss-vs-queue", "Rpc", 42, 275, 0x2e5aa5396c7d1f76),
    ("loss-vs-queue", "Rpc", 2026, 275, 0x2e5aa5396c7d1f76),
    ("stress", "Messaging", 1, 28574, 0xc8fb88e7c5d5abef),
    ("stress", "Messaging", 42, 28574, 0xc8fb88e7c5d5abef),
    ("stress", "Messaging", 2026, 28574, 0xc8fb88e7c5d5abef),
    ("stress", "Rpc", 1, 1504, 0x96b94fd69c9cfad9),
    ("stress", "Rpc", 42, 1504, 0x96b94fd69c9cfad9),
    ("stress", "Rpc", 2026, 1504, 0x96b94fd69c9cfad9),
    ("redis", "Messaging", 1, 3876, 0x2f8e07a259389485),
    ("redis", "Messaging", 42, 3876, 0x2f8e07a259389485),
    ("redis", "Messaging", 2026, 3876, 0x2f8e07a259389485),
    ("redis", "Rpc", 1, 363, 0x0c53cc62dd6ee6f8),
    ("redis", "Rpc", 42, 363, 0x0c53cc62dd6ee6f8),
    ("redis", "Rpc", 2026, 363, 0x0c53cc62dd6ee6f8),
    ("kafka", "Messaging", 1, 3375, 0x11a4caf5f56ed47f),
    ("kafka", "Messaging", 42, 3375, 0x11a4caf5f56ed47f),
    ("kafka", "Messaging", 2026, 3375, 0x11a4caf5f56ed47f),
    ("kafka", "Rpc", 1, 335, 0x68c20f263d3c44ce),
    ("kafka", "Rpc", 42, 335, 0x68c20f263d3c44ce),
    ("kafka", "Rpc", 2026, 335, 0x68c20f263d3c44ce),
    ("rabbitmq", "Messaging", 1, 3991, 0xf76d568832f64d5b),
    ("rabbitmq", "Messaging", 42, 3993, 0xf9899c7c8486f6c0),
    ("rabbitmq", "Messaging", 2026, 3985, 0xb6a54b302993e89d),
    ("rabbitmq", "Rpc", 1, 394, 0xb5cfc27a86621eb9),
    ("rabbitmq", "Rpc", 42, 395, 0x85f82e1a5eb820d4),
    ("rabbitmq", "Rpc", 2026, 394, 0xb5cfc27a86621eb9),
    ("nsq", "Messaging", 1, 3869, 0x910044f75e84097b),
    ("nsq", "Messaging", 42, 3873, 0xe8ea5bde188aed5a),
    ("nsq", "Messaging", 2026, 3866, 0x7b341ac9a6e436d6),
    ("nsq", "Rpc", 1, 394, 0xc7b2eceacf951a2d),
    ("nsq", "Rpc", 42, 388, 0x7a54e3d08a7cc41b),
    ("nsq", "Rpc", 2026, 394, 0xc7b2eceacf951a2d),
    ("google-pubsub", "Messaging", 1, 3961, 0xb960eb88a4612887),
    ("google-pubsub", "Messaging", 42, 3957, 0x2ef79e3a3419fb4b),
    ("google-pubsub", "Messaging", 2026, 3957, 0x8f6f8f7e8b028a2c),
    ("google-pubsub", "Rpc", 1, 391, 0xc25b23270d234510),
    ("google-pubsub", "Rpc", 42, 387, 0x3e07552452d84c9b),
    ("google-pubsub", "Rpc", 2026, 391, 0x1f455fdb98a3e78d),
    ("sqs", "Messaging", 1, 2766, 0x6a470ad6135c18f9),
    ("sqs", "Messaging", 42, 2755, 0xfc738e7244b38f45),
    ("sqs", "Messaging", 2026, 2743, 0x6f840aeb4caafb8a),
    ("sqs", "Rpc", 1, 391, 0x651726c7905be1b6),
    ("sqs", "Rpc", 42, 391, 0x651726c7905be1b6),
    ("sqs", "Rpc", 2026, 391, 0x651726c7905be1b6),
    ("sns-sqs", "Messaging", 1, 3860, 0x620d56f2626ebea4),
    ("sns-sqs", "Messaging", 42, 3860, 0x5713f0b9022e5fa1),
    ("sns-sqs", "Messaging", 2026, 3862, 0x37604286a21d7bc6),
    ("sns-sqs", "Rpc", 1, 394, 0x66262bb7120a69ef),
    ("sns-sqs", "Rpc", 42, 387, 0xb289d9f803f8461e),
    ("sns-sqs", "Rpc", 2026, 395, 0xa877b3a2ffdd08cb),
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
