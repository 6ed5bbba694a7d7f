//! A broker that goes away in the middle of a run: `kurir-live` stops with
//! a message naming the broker and what it was doing, and exit code 3.
//! Each test starts a server of its own (the packages come from
//! `scripts/brokers.sh install`) and kills it.

mod common;

use std::path::PathBuf;
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

/// A broker of its own from `scripts/brokers.sh`, on ports and in a folder
/// of its own, so the shared test brokers stay up for the other tests;
/// stopped and removed when dropped.
struct OwnBroker {
    name: &'static str,
    dir: PathBuf,
    env: Vec<(&'static str, String)>,
}

impl OwnBroker {
    fn start(name: &'static str, env: Vec<(&'static str, String)>) -> OwnBroker {
        let dir = std::env::temp_dir().join(format!("kurir-{name}-gone-{}", std::process::id()));
        let b = OwnBroker { name, dir, env };
        assert!(b.script("start").success(), "{name} starts");
        b
    }

    fn script(&self, what: &str) -> std::process::ExitStatus {
        Command::new("scripts/brokers.sh")
            .args([what, self.name])
            .current_dir(root())
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("KURIR_BROKERS_DIR", &self.dir)
            .status()
            .unwrap()
    }

    /// Killed, not stopped: no goodbye to the clients.
    fn kill(&self) {
        let pid = std::fs::read_to_string(self.dir.join(self.name).join("pid")).unwrap();
        let group = format!("-{}", pid.trim());
        Command::new("kill")
            .args(["-9", "--", &group])
            .status()
            .unwrap();
    }
}

impl Drop for OwnBroker {
    fn drop(&mut self) {
        self.script("stop");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn rabbitmq_killed_mid_run_stops_the_run_with_its_url_and_exit_code_3() {
    let port = free_port();
    let env = vec![
        ("KURIR_AMQP_PORT", port.to_string()),
        ("KURIR_EPMD_PORT", free_port().to_string()),
        // A random AMQP port + 20000 can pass 65535: one of its own.
        ("KURIR_AMQP_DIST_PORT", free_port().to_string()),
    ];
    let rabbit = OwnBroker::start("rabbitmq", env);
    let url = format!("amqp://127.0.0.1:{port}");
    let lesson = ["docs/examples/lesson.json", "--orders", "50"];
    killed_mid_run(&lesson, &url, Duration::from_millis(2000), || rabbit.kill());
}

#[test]
fn moto_killed_mid_run_stops_the_run_with_its_url_and_exit_code_3() {
    let port = free_port();
    let moto = OwnBroker::start("sqs", vec![("KURIR_SQS_PORT", port.to_string())]);
    let url = format!("sqs://127.0.0.1:{port}");
    let example = ["docs/examples/broker-sns-sqs.json"];
    killed_mid_run(&example, &url, Duration::from_millis(2000), || moto.kill());
}
