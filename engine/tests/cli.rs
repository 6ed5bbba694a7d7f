//! The headless runner, as a course author uses it.

use std::process::Command;

fn kurir_sim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kurir-sim"))
        .args(args)
        .output()
        .expect("kurir-sim runs")
}

#[test]
fn it_prints_the_trace_as_json_lines_and_a_summary() {
    let out = kurir_sim(&[
        "--example",
        "lesson",
        "--orders",
        "2",
        "--for",
        "10s",
        "--seed",
        "7",
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines[0]["type"], "order_placed");
    assert_eq!(lines[0]["service"], "order");
    let seqs: Vec<u64> = lines.iter().map(|l| l["seq"].as_u64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[1] == w[0] + 1),
        "no event missing"
    );
    let completed = lines
        .iter()
        .filter(|l| l["type"] == "order_completed")
        .count();
    assert_eq!(completed, 2);
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("orders: 2 placed"), "{summary}");
}

#[test]
fn the_same_seed_prints_the_same_trace() {
    let run = || {
        kurir_sim(&[
            "--example",
            "lesson",
            "--orders",
            "5",
            "--every",
            "100ms",
            "--rpc",
        ])
        .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn an_invalid_scenario_file_exits_non_zero_and_names_the_field() {
    let dir = std::env::temp_dir().join(format!("kurir-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    let mut s = kurir_engine::examples::lesson();
    s.subscriptions[0].channel = "nope".into();
    let text = serde_json::to_string(&serde_json::json!({"version": 1})).unwrap();
    std::fs::write(&file, s.to_json()).unwrap();
    let out = kurir_sim(&[file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("subscriptions[0].channel"), "{err}");
    std::fs::write(&file, text).unwrap();
    assert!(
        kurir_sim(&[file.to_str().unwrap(), "--for", "1s"])
            .status
            .success(),
        "an empty scenario is fine"
    );
    assert_eq!(kurir_sim(&["--for", "forever"]).status.code(), Some(2));
}

#[test]
fn huge_orders_and_gaps_end_instead_of_wrapping_around() {
    // `placed * every` overflowed and wrapped to an early time: endless.
    let out = Command::new(env!("CARGO_BIN_EXE_kurir-sim"))
        .args([
            "--example",
            "lesson",
            "--orders",
            "18446744073709551615",
            "--every",
            "9223372036854775807us",
            "--for",
            "9223372036854775807us",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("orders: 2 placed"), "{summary}");
}

#[test]
fn an_endless_file_is_refused_after_the_limit_not_read_whole() {
    let out = kurir_sim(&["/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("larger than 2097152 bytes"), "{err}");
}

#[test]
fn a_duration_it_cannot_read_says_which_forms_it_takes() {
    let out = kurir_sim(&["--example", "lesson", "--for", "1e6s"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a number and a unit"), "{err}");
}

/// A scenario file with `text` in it, in a directory of its own.
fn scenario_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kurir-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn help_is_a_success_on_standard_output_and_lists_the_units() {
    let out = kurir_sim(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.starts_with("usage: kurir-sim"), "{help}");
    assert!(help.contains("(us, ms, s, m, h, d)"), "{help}");
    assert!(out.stderr.is_empty());
}

#[test]
fn durations_in_days_are_accepted() {
    let out = kurir_sim(&["--example", "lesson", "--for", "7d", "--quiet"]);
    assert!(out.status.success());
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("604800.00 s of virtual time"), "{summary}");
}

#[test]
fn a_refused_scenario_is_said_once_without_the_usage() {
    // A Kafka preset on a queue channel, and a file that is not JSON.
    let preset = scenario_file(
        "preset",
        r#"{"version":1,"channels":[{"id":"c","name":"c","kind":{"type":"queue"},"broker":"kafka_topic","x":0,"y":0}]}"#,
    );
    let broken = scenario_file("broken", r#"{ "version": 1, "#);
    for (file, says) in [
        (
            &preset,
            "channels[0].kind.type: an Apache Kafka topic needs a `log` channel",
        ),
        (&broken, "not a valid scenario (line 1, column 16)"),
    ] {
        let out = kurir_sim(&[file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("invalid scenario: not a valid"), "{err}");
        assert!(!err.contains("usage:"), "{err}");
    }
    // A wrong argument still shows how to call it.
    let err = String::from_utf8(kurir_sim(&["--bogus"]).stderr).unwrap();
    assert!(err.contains("unexpected argument: --bogus") && err.contains("usage:"));
}

#[test]
fn articles_follow_the_sound_of_the_broker_name() {
    use kurir_engine::scenario::preset::Preset;
    use kurir_engine::scenario::{ChannelKind, ChannelSpec};
    for (preset, kind, says) in [
        (
            Preset::KafkaTopic,
            ChannelKind::PubSub,
            "an Apache Kafka topic needs a `log` channel",
        ),
        (
            Preset::NsqChannel,
            ChannelKind::PubSub,
            "an NSQ channel needs a `queue` channel",
        ),
        (
            Preset::RabbitmqExchange,
            ChannelKind::PubSub,
            "a RabbitMQ exchange needs an `exchange` channel",
        ),
        (
            Preset::SqsQueue,
            ChannelKind::PubSub,
            "an Amazon SQS queue needs a `queue` channel",
        ),
        (
            Preset::RedisPubsub,
            ChannelKind::Log(Default::default()),
            "a Redis Pub/Sub channel needs a `pubsub` channel",
        ),
    ] {
        let mut s = kurir_engine::scenario::builder::ScenarioBuilder::new().build();
        let mut c = ChannelSpec::new("c", "c", kind, 0.0, 0.0);
        c.broker = Some(preset);
        s.channels.push(c);
        let err = kurir_engine::compile::compile(&s).unwrap_err().to_string();
        assert!(err.ends_with(says), "{err}");
    }
}

#[test]
fn a_closed_output_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // `kurir-sim … | head -1`: the reader goes away after one line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kurir-sim"))
        .args([
            "--example",
            "lesson",
            "--orders",
            "100000",
            "--every",
            "1ms",
            "--for",
            "1h",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"seq\":"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    // The scenario printer too.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kurir-sim"))
        .args(["--example", "stress", "--print-scenario"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_run_without_a_completed_order_has_no_latency_to_show() {
    let out = kurir_sim(&["--example", "lesson", "--for", "1s", "--quiet"]);
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(
        summary.contains("order response time: p50 n/a p95 n/a max n/a"),
        "{summary}"
    );
    assert!(!summary.contains("p50 0 µs"), "{summary}");
}
