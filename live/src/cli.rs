//! The command line: `kurir-live SCENARIO --broker URL …` runs a scenario
//! on a real broker; `kurir-live conform …` compares brokers with the
//! simulator (see [`crate::conform`]).

use std::io::Write;
use std::process::ExitCode;

use kurir_engine::base::time::parse_duration;
use kurir_engine::observe::trace_json::event_json_in;
use kurir_engine::{examples, Scenario};

use crate::args::{number, say, scale};
use crate::error::LiveError;
use crate::run::{self, block_on, run_id, summary, Options};

const USAGE: &str = "usage: kurir-live <scenario.json | --example NAME> --broker URL \
[--orders N [--every DURATION]] [--for DURATION] [--time-scale X] [--seed N] [--run-name NAME] [--quiet]
       kurir-live conform --broker URL [--time-scale X] SCENARIO.json...
       kurir-live serve --broker URL [--broker URL...] [--dist DIR] [--port N]

  --broker      amqp://HOST:PORT (RabbitMQ) or redis://HOST:PORT (Redis)
  --orders N    also place N orders at the first service, one every --every (default 1s)
  --for         scenario time to run at most (default 60s); the run ends sooner once every
                order and action is done and nothing has happened for 3 s of scenario time
  --time-scale  real seconds per scenario second (default 1; 0.1 runs ten times faster)
  --quiet       print only the summary, not the trace
  --run-name    the run's objects are named kurir.<run-name>.<id> (default: new for each run,
                so runs never meet; they are deleted at the end)

The trace (JSON lines, docs/trace-format.md) goes to standard output, the summary to standard
error. Exit codes: 0 done, 2 bad input or a scenario this broker cannot run, 3 the broker
could not be reached, refused a declaration or went away.";

/// Runs the command line and gives the exit code.
pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("conform") {
        return crate::conform::main(&argv[1..]);
    }
    if argv.first().map(String::as_str) == Some("serve") {
        return crate::serve::main(&argv[1..]);
    }
    match parse(&argv) {
        Ok(None) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some((scenario, options, quiet))) => match block_on(live(scenario, &options, quiet)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say(&format!("kurir-live: {e}"));
                ExitCode::from(e.exit_code())
            }
        },
        Err(e) => {
            say(&format!("kurir-live: {e}\n{USAGE}"));
            ExitCode::from(2)
        }
    }
}

async fn live(s: Scenario, options: &Options, quiet: bool) -> Result<(), LiveError> {
    let names = s.clone();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let sink = Box::new(move |e: &kurir_engine::sim::trace::TraceEvent| {
        if !quiet {
            // Group names matter only for logs, which no broker here runs.
            let line = event_json_in(e, &names, &|_, g| g.to_string());
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    });
    let report = run::run(s.clone(), options, sink).await?;
    say(summary::summary(&s, &options.url, &report).trim_end());
    Ok(())
}

type Parsed = Option<(Scenario, Options, bool)>;

fn parse(argv: &[String]) -> Result<Parsed, String> {
    let mut scenario = None;
    let mut broker = None;
    let mut quiet = false;
    let mut options = Options {
        url: String::new(),
        run_for: 60_000_000,
        orders: 0,
        every: 1_000_000,
        scale: 1.0,
        seed: None,
        run_id: run_id(),
        idle_end: Some(3_000_000),
    };
    let mut args = argv.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--broker" => broker = Some(value("--broker")?),
            "--orders" => options.orders = number("--orders", &value("--orders")?)?,
            "--seed" => options.seed = Some(number("--seed", &value("--seed")?)?),
            "--time-scale" => options.scale = scale(&value("--time-scale")?)?,
            "--quiet" => quiet = true,
            "--run-name" => {
                let v = value("--run-name")?;
                let ok = !v.is_empty()
                    && v.len() <= 40
                    && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if !ok {
                    return Err(format!("--run-name: {v}: use 1-40 of A-Z a-z 0-9 -"));
                }
                options.run_id = v;
            }
            "--every" | "--for" => {
                let v = value(arg)?;
                let d = parse_duration(&v).filter(|&d| d > 0).ok_or(format!(
                    "{arg}: not a positive duration: {v} (write a number and a unit: 250ms, 60s)"
                ))?;
                if arg == "--every" {
                    options.every = d;
                } else {
                    options.run_for = d;
                }
            }
            "--example" => {
                let v = value("--example")?;
                let found = examples::gallery().into_iter().find(|(id, _)| *id == v);
                scenario = Some(
                    found
                        .map(|(_, s)| s)
                        .ok_or(format!("--example: unknown example {v}"))?,
                );
            }
            path if !path.starts_with("--") && scenario.is_none() => {
                let text = kurir_engine::input::read_scenario_file(path)?;
                scenario = Some(Scenario::from_json(&text).map_err(|e| format!("{path}: {e}"))?);
            }
            other => return Err(format!("unexpected argument: {other}")),
        }
    }
    options.url =
        broker.ok_or("--broker is required (amqp://127.0.0.1:5672 or redis://127.0.0.1:6379)")?;
    let scenario = scenario.ok_or("no scenario given")?;
    Ok(Some((scenario, options, quiet)))
}
