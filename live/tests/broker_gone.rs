//! A broker that goes away in the middle of a run: `kurir-live` stops with
//! a message naming the broker and what it was doing, and exit code 3.
//! Each test starts a server of its own (the packages come from
//! `scripts/brokers.sh install`) and kills it.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{answers, free_port, root, stderr};

fn wait_until(limit: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < limit, "not ready within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs `kurir-live` with `args` against `url`, calls `kill` once the run
/// is under way, and checks the run stops naming the broker, exit code 3.
fn killed_mid_run(args: &[&str], url: &str, after: Duration, kill: impl FnOnce()) {
    let run = Command::new(env!("CARGO_BIN_EXE_kurir-live"))
        .args(args)
        .args(["--broker", url, "--time-scale", "0.2", "--quiet"])
        .current_dir(root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    kill();
    let out = run.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.starts_with(&format!("kurir-live: broker {url}: ")),
        "{message}"
    );
}

#[test]
fn redis_killed_mid_run_stops_the_run_with_its_url_and_exit_code_3() {
    let port = free_port();
    let mut redis = Command::new("redis-server")
        .args([
            "--bind",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server is installed (scripts/brokers.sh install redis)");
    wait_until(Duration::from_secs(10), || answers(port));
    let url = format!("redis://127.0.0.1:{port}");
    killed_mid_run(
        &["docs/examples/broker-redis.json"],
        &url,
        Duration::from_millis(1500),
        || {
            redis.kill().unwrap();
            let _ = redis.wait();
        },
    );
}

#[test]
fn rabbitmq_killed_mid_run_stops_the_run_with_its_url_and_exit_code_3() {
    // A node of its own, on ports of its own, so the shared test broker
    // stays up for the other tests.
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("kurir-broker-gone-{}", std::process::id()));
    let brokers = |what: &str| {
        Command::new("scripts/brokers.sh")
            .args([what, "rabbitmq"])
            .current_dir(root())
            .env("KURIR_AMQP_PORT", port.to_string())
            .env("KURIR_EPMD_PORT", free_port().to_string())
            .env("KURIR_BROKERS_DIR", &dir)
            .status()
            .unwrap()
    };
    assert!(brokers("start").success());
    let url = format!("amqp://127.0.0.1:{port}");
    let lesson = ["docs/examples/lesson.json", "--orders", "50"];
    killed_mid_run(&lesson, &url, Duration::from_millis(2000), || {
        // Killed, not stopped: no goodbye to the clients.
        let pid = std::fs::read_to_string(dir.join("rabbitmq/pid")).unwrap();
        let group = format!("-{}", pid.trim());
        Command::new("kill")
            .args(["-9", "--", &group])
            .status()
            .unwrap();
    });
    brokers("stop");
    let _ = std::fs::remove_dir_all(&dir);
}
