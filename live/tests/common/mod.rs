//! Helpers for the tests against real brokers. The servers come from
//! `scripts/brokers.sh` (run by `scripts/test.sh conformance`, which
//! exports their URLs); a test never uses a server started by hand.

#![allow(dead_code)] // each test file uses some of these

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A broker URL the test script exported.
pub fn url(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: run these tests with `scripts/test.sh conformance`, which starts the brokers")
    })
}

/// Runs `kurir-live` with `args` from the repository's root.
pub fn live(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kurir-live"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("kurir-live runs")
}

/// The trace lines of a run as JSON values.
pub fn trace(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each trace line is JSON"))
        .collect()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A TCP port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// True when something answers on 127.0.0.1:`port`.
pub fn answers(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}
