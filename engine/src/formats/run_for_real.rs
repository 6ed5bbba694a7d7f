//! "Run it for real": one shell script that carries the scenario (and, for
//! RabbitMQ, its definitions file) and the commands to start the matching
//! broker on this machine and run the scenario there with `kurir-live`.
//!
//! The scenario and the definitions go in quoted here-documents, so nothing
//! in them is ever read by the shell; the scenario's name, which the user
//! typed, appears only in a comment, with everything but printable
//! characters taken out.

use crate::compile::{compile, ChannelTopo};
use crate::scenario::preset::Preset;
use crate::scenario::Scenario;

/// The broker a script runs a scenario on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// RabbitMQ (`amqp://`).
    Rabbitmq,
    /// Redis Pub/Sub (`redis://`).
    Redis,
    /// The Google Pub/Sub emulator (`pubsub://`).
    GooglePubsub,
    /// SQS and SNS on a local endpoint (`sqs://`).
    Sqs,
}

impl Target {
    fn url(self) -> &'static str {
        match self {
            Target::Rabbitmq => "amqp://127.0.0.1:5672",
            Target::Redis => "redis://127.0.0.1:6379",
            Target::GooglePubsub => "pubsub://127.0.0.1:8085",
            Target::Sqs => "sqs://127.0.0.1:5000",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Target::Rabbitmq => "RabbitMQ",
            Target::Redis => "Redis",
            Target::GooglePubsub => "the Google Pub/Sub emulator",
            Target::Sqs => "SQS and SNS (moto's server)",
        }
    }

    fn start(self) -> &'static str {
        match self {
            Target::Rabbitmq => "#   sudo apt-get install rabbitmq-server      # Debian, Ubuntu: starts it on port 5672",
            Target::Redis => "#   sudo apt-get install redis-server         # Debian, Ubuntu: listens on 127.0.0.1:6379",
            Target::GooglePubsub => "#   gcloud beta emulators pubsub start --host-port=127.0.0.1:8085   # needs Java",
            Target::Sqs => "#   python3 -m venv moto && moto/bin/pip install 'moto[server]' && moto/bin/moto_server -H 127.0.0.1 -p 5000",
        }
    }
}

/// The broker `s` is drawn for: the family of its channels' presets (the
/// first one that has a runner), or for channels without presets, RabbitMQ
/// when it can carry them all. `None`: no broker `kurir-live` runs (Kafka,
/// NSQ), or a mix.
pub fn target(s: &Scenario) -> Option<Target> {
    let family = |p: Preset| match p {
        Preset::RabbitmqExchange | Preset::RabbitmqQueue => Some(Target::Rabbitmq),
        Preset::RedisPubsub => Some(Target::Redis),
        Preset::GooglePubsubTopic | Preset::GooglePubsubSubscription => Some(Target::GooglePubsub),
        Preset::SqsQueue | Preset::SqsFifoQueue | Preset::SnsTopic => Some(Target::Sqs),
        Preset::KafkaTopic | Preset::NsqTopic | Preset::NsqChannel => None,
    };
    let mut found: Option<Target> = None;
    for c in &s.channels {
        let Some(p) = c.broker else { continue };
        let t = family(p)?;
        if found.is_some_and(|f| f != t) {
            return None;
        }
        found = Some(t);
    }
    if found.is_some() {
        return found;
    }
    let topo = compile(s).ok()?;
    if topo
        .channels
        .iter()
        .all(|c| matches!(c, ChannelTopo::PubSub))
    {
        Some(Target::Redis)
    } else if topo
        .channels
        .iter()
        .all(|c| super::rabbitmq::unsupported(c).is_none())
    {
        Some(Target::Rabbitmq)
    } else {
        None
    }
}

/// A here-document delimiter that no line of `text` is.
fn delimiter(base: &str, text: &str) -> String {
    let mut d = base.to_string();
    while text.lines().any(|l| l == d) {
        d.push('_');
    }
    d
}

/// The script for `s`, or `None` when no broker `kurir-live` runs fits it.
pub fn script(s: &Scenario) -> Option<String> {
    let t = target(s)?;
    let scenario = s.to_json();
    let title: String = s
        .name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(120)
        .collect();
    let d = delimiter("KURIR_SCENARIO", &scenario);
    let mut out = format!(
        r#"#!/usr/bin/env bash
# Runs the Kurir scenario "{title}" on a real broker: {broker}.
#
# 1. Start the broker on this machine, listening on 127.0.0.1:
{start}
# 2. From a checkout of Kurir (which has kurir-live; Rust needed), run:
#   bash this-file.sh [--orders N] [--time-scale X] [--quiet]
#   BROKER=URL bash this-file.sh      # a broker elsewhere (default {url})
#   KURIR_LIVE=path/to/kurir-live bash this-file.sh   # a kurir-live already built
set -euo pipefail
here="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
cat > "$here/scenario.kurir.json" <<'{d}'
{scenario}
{d}
"#,
        broker = t.name(),
        start = t.start(),
        url = t.url(),
    );
    if t == Target::Rabbitmq {
        if let Ok((defs, _)) = super::rabbitmq::definitions::export(s) {
            let dd = delimiter("KURIR_DEFINITIONS", &defs);
            out.push_str(&format!(
                "# The same exchanges, queues and bindings for a broker of your own:\n\
                 #   rabbitmqctl import_definitions \"$here/rabbitmq-definitions.json\"\n\
                 # (kurir-live declares them itself, under a name of its run, and deletes them after.)\n\
                 cat > \"$here/rabbitmq-definitions.json\" <<'{dd}'\n{defs}\n{dd}\n"
            ));
        }
    }
    out.push_str(&format!(
        "if [ -n \"${{KURIR_LIVE:-}}\" ]; then live=(\"$KURIR_LIVE\"); else live=(cargo run --release -q -p kurir-live --); fi\n\
         exec \"${{live[@]}}\" \"$here/scenario.kurir.json\" --broker \"${{BROKER:-{}}}\" \"$@\"\n",
        t.url()
    ));
    Some(out)
}
