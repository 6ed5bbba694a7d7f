//! Headless runner: runs a scenario and prints its trace as JSON lines
//! (stdout) and a metrics summary (stderr). Exit code 2 on bad input; a
//! closed output (piped into `head`) ends the run quietly.

use kurir_engine::observe::summary;
use std::io::Write;
use std::process::ExitCode;

use kurir_engine::base::time::parse_duration;
use kurir_engine::observe::trace_json::event_json;
use kurir_engine::{examples, Mode, Scenario, Sim, SimOptions};

const USAGE: &str = "usage: kurir-sim <scenario.json | --example NAME> \
[--seed N] [--for DURATION] [--rpc | --messaging] [--orders N [--every DURATION]] [--quiet] [--print-scenario]

  --example   lesson, lesson-rpc, pipeline, competing-consumers, loss-vs-queue, stress,
              redis, kafka, rabbitmq, nsq, google-pubsub, sqs, sns-sqs
  --for       virtual time to run: a number and a unit (us, ms, s, m, h, d), e.g. 60s,
              500ms, 1.5m, 7d (default 60s)
  --orders N  also place N orders at the first service, one every --every (default 1s)
  --quiet     print only the summary, not the trace
  --print-scenario  print the scenario as JSON (a starting point for your own) and exit";

/// Why the runner stops before running.
enum Stop {
    /// `--help`: the usage on standard output, success.
    Help,
    /// The command line is wrong: the message, then the usage.
    Usage(String),
    /// The command line is fine but its input is not (a file, a scenario):
    /// the message alone.
    Input(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Usage(message)
    }
}

struct Args {
    scenario: Scenario,
    seed: Option<u64>,
    run_for: u64,
    mode: Option<Mode>,
    orders: u64,
    every: u64,
    quiet: bool,
    print_scenario: bool,
}

fn parse_args() -> Result<Args, Stop> {
    let mut argv = std::env::args().skip(1);
    let mut scenario = None;
    let mut args = Args {
        scenario: examples::lesson(),
        seed: None,
        run_for: 60_000_000,
        mode: None,
        orders: 0,
        every: 1_000_000,
        quiet: false,
        print_scenario: false,
    };
    while let Some(arg) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: not a number: {v}"))?,
                );
            }
            "--for" => {
                let v = value("--for")?;
                args.run_for = parse_duration(&v).ok_or(format!(
                    "--for: not a duration: {v} (write a number and a unit: 250ms, 60s, 1.5m, 2h, 7d)"
                ))?;
            }
            "--every" => {
                let v = value("--every")?;
                args.every = parse_duration(&v).filter(|&d| d > 0).ok_or(format!(
                    "--every: not a positive duration: {v} (write a number and a unit: 250ms, 1s)"
                ))?;
            }
            "--orders" => {
                let v = value("--orders")?;
                args.orders = v
                    .parse()
                    .map_err(|_| format!("--orders: not a number: {v}"))?;
            }
            "--rpc" => args.mode = Some(Mode::Rpc),
            "--messaging" => args.mode = Some(Mode::Messaging),
            "--quiet" => args.quiet = true,
            "--print-scenario" => args.print_scenario = true,
            "--example" => {
                let v = value("--example")?;
                let found = examples::gallery().into_iter().find(|(id, _)| *id == v);
                let names: Vec<&str> = examples::gallery().iter().map(|(id, _)| *id).collect();
                scenario = Some(found.map(|(_, s)| s).ok_or(format!(
                    "--example: unknown example {v} (try {})",
                    names.join(", ")
                ))?);
            }
            "-h" | "--help" => return Err(Stop::Help),
            path if !path.starts_with("--") && scenario.is_none() => {
                let text = kurir_engine::input::read_scenario_file(path).map_err(Stop::Input)?;
                let read = Scenario::from_json(&text).map_err(|e| format!("{path}: {e}"));
                scenario = Some(read.map_err(Stop::Input)?);
            }
            other => return Err(format!("unexpected argument: {other}").into()),
        }
    }
    args.scenario = scenario.ok_or_else(|| "no scenario given".to_string())?;
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(Stop::Help) => {
            // Nothing to report if standard output is closed.
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(Stop::Usage(message)) => {
            say(&format!("kurir-sim: {message}\n{USAGE}"));
            return ExitCode::from(2);
        }
        Err(Stop::Input(message)) => {
            say(&format!("kurir-sim: {message}"));
            return ExitCode::from(2);
        }
    };
    if args.print_scenario {
        let _ = writeln!(std::io::stdout(), "{}", args.scenario.to_json());
        return ExitCode::SUCCESS;
    }
    let options = SimOptions {
        seed: args.seed,
        mode: args.mode,
        ..SimOptions::default()
    };
    let mut sim = match Sim::new(args.scenario, options) {
        Ok(sim) => sim,
        Err(e) => {
            say(&format!("kurir-sim: {e}"));
            return ExitCode::from(2);
        }
    };
    if args.orders > 0 && sim.scenario().services.is_empty() {
        say("kurir-sim: --orders needs a scenario with at least one service");
        return ExitCode::from(2);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut printed = 0;
    let mut placed = 0;
    let end = args.run_for;
    loop {
        // Checked: a time past the end of u64 is no order at all.
        let next_order = (placed < args.orders)
            .then(|| placed.checked_mul(args.every))
            .flatten();
        let next_event = sim.next_event_time();
        let next = match (next_order, next_event) {
            (Some(o), Some(e)) => o.min(e),
            (Some(o), None) => o,
            (None, Some(e)) => e,
            (None, None) => break,
        };
        if next > end {
            break;
        }
        if next_order == Some(next) && next_event.is_none_or(|e| e >= next) {
            sim.run_until(next);
            sim.place_order(kurir_engine::ServiceId(0));
            placed += 1;
        } else {
            sim.step();
        }
        if !args.quiet {
            for e in sim.trace().since(printed) {
                if writeln!(out, "{}", event_json(e, &sim)).is_err() {
                    // Standard output closed (piped into `head`): the reader
                    // has what it wanted, so stop without a word.
                    return ExitCode::SUCCESS;
                }
            }
        }
        printed = sim.trace().total();
    }
    sim.run_until(end);
    if out.flush().is_err() {
        return ExitCode::SUCCESS; // closed at the very end: as above
    }
    drop(out);
    say(summary::summary(&sim).trim_end());
    ExitCode::SUCCESS
}

/// A line on standard error; nothing (not a panic) if it is closed.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
