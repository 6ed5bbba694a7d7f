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
