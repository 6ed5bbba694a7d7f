//! Conformance: each scenario runs on the real broker, then on the
//! simulator up to the same scenario time, and the two outcomes (see
//! [`outcome`]) are compared. One table per broker: a scenario matched, or
//! how it differed. A difference fails the run unless `docs/brokers.md`
//! lists it with its reason ([`known`]).
//!
//! `kurir-live conform --broker URL [--time-scale X] [--known FILE] SCENARIO.json...`

pub mod compare;
pub mod known;
pub mod outcome;

use std::process::ExitCode;

use kurir_engine::base::time::Micros;
use kurir_engine::sim::trace::TraceEvent;
use kurir_engine::{Scenario, Sim, SimOptions};

use crate::args::{number, say, scale};
use crate::error::LiveError;
use crate::plan::BrokerKind;
use crate::run::{self, block_on, run_id, Options};
use compare::{compare, Difference};
use known::Known;
use outcome::Outcome;

/// The simulator's events for `s`, up to scenario time `end`.
pub fn simulate(
    s: &Scenario,
    seed: Option<u64>,
    end: Micros,
) -> Result<Vec<TraceEvent>, LiveError> {
    let options = SimOptions {
        seed,
        ..SimOptions::default()
    };
    let mut sim = Sim::new(s.clone(), options).map_err(|e| LiveError::Input(e.to_string()))?;
    let mut events = Vec::new();
    let mut seen = 0;
    while sim.next_event_time().is_some_and(|t| t <= end) {
        sim.step();
        events.extend(sim.trace().since(seen).copied());
        seen = sim.trace().total();
    }
    Ok(events)
}

/// One scenario's result.
pub struct Verdict {
    /// File name without `.json`.
    pub scenario: String,
    /// What differed, each with its listed reason (if listed).
    pub differences: Vec<(Difference, Option<String>)>,
}

impl Verdict {
    /// True when every difference is a listed one.
    pub fn passed(&self) -> bool {
        self.differences.iter().all(|(_, why)| why.is_some())
    }
}

/// Runs `s` (from file `name`) on the broker and the simulator and compares.
pub async fn check(
    name: &str,
    s: Scenario,
    options: &Options,
    known: &[Known],
) -> Result<Verdict, LiveError> {
    let kind = BrokerKind::of_url(&options.url)?;
    let report = run::run(s.clone(), options, Box::new(|_| {})).await?;
    let live = Outcome::of(&s, &report.events, Some(&report.leftovers));
    let sim = Outcome::of(&s, &simulate(&s, options.seed, report.ended)?, None);
    let differences = compare(&sim, &live, kind.name())
        .into_iter()
        .map(|d| {
            let why = known::reason(known, kind.name(), name, d.aspect).map(str::to_string);
            (d, why)
        })
        .collect();
    Ok(Verdict {
        scenario: name.to_string(),
        differences,
    })
}

/// The table of one broker's verdicts, in Markdown.
pub fn table(broker: &str, url: &str, verdicts: &[Verdict]) -> String {
    let mut out = format!("\n{broker} ({url})\n\n| scenario | result |\n|---|---|\n");
    for v in verdicts {
        let result = if v.differences.is_empty() {
            "matched".to_string()
        } else {
            v.differences
                .iter()
                .map(|(d, why)| match why {
                    Some(why) => format!("differs in {} (listed: {why}): {}", d.aspect, d.detail),
                    None => format!("**differs in {}, not listed**: {}", d.aspect, d.detail),
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        out.push_str(&format!(
            "| {} | {} |\n",
            v.scenario,
            result.replace('|', "\\|")
        ));
    }
    out
}

/// `kurir-live conform …`: exit 0 when every scenario matched or differed
/// only as listed, 1 when one did not, 2 on bad input, 3 on a broker failure.
pub fn main(argv: &[String]) -> ExitCode {
    match block_on(conform(argv)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            say(&format!("kurir-live conform: {e}"));
            ExitCode::from(e.exit_code())
        }
    }
}

async fn conform(argv: &[String]) -> Result<bool, LiveError> {
    let input = LiveError::Input;
    let mut options = Options {
        url: String::new(),
        run_for: 300_000_000,
        orders: 0,
        every: 1_000_000,
        scale: 0.2,
        seed: None,
        run_id: String::new(),
        idle_end: Some(3_000_000),
    };
    let mut known_file = "docs/brokers.md".to_string();
    let mut files = Vec::new();
    let mut args = argv.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or(input(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--broker" => options.url = value("--broker")?,
            "--time-scale" => options.scale = scale(&value("--time-scale")?).map_err(input)?,
            "--seed" => options.seed = Some(number("--seed", &value("--seed")?).map_err(input)?),
            "--known" => known_file = value("--known")?,
            f if !f.starts_with("--") => files.push(f.to_string()),
            other => return Err(input(format!("unexpected argument: {other}"))),
        }
    }
    if options.url.is_empty() || files.is_empty() {
        return Err(input("usage: kurir-live conform --broker URL [--time-scale X] [--known docs/brokers.md] SCENARIO.json...".into()));
    }
    let kind = BrokerKind::of_url(&options.url)?;
    let known = known::parse(
        &std::fs::read_to_string(&known_file)
            .map_err(|e| input(format!("cannot read {known_file}: {e}")))?,
    );
    let mut verdicts = Vec::new();
    for f in &files {
        let text = kurir_engine::input::read_scenario_file(f).map_err(input)?;
        let s = Scenario::from_json(&text).map_err(|e| input(format!("{f}: {e}")))?;
        let name = std::path::Path::new(f)
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        options.run_id = run_id();
        let v = check(&name, s, &options, &known).await?;
        say(&format!(
            "{}: {}",
            name,
            if v.passed() { "ok" } else { "FAILED" }
        ));
        verdicts.push(v);
    }
    println!("{}", table(kind.name(), &options.url, &verdicts));
    let failed = verdicts.iter().filter(|v| !v.passed()).count();
    println!(
        "conformance {}: {} passed, {failed} failed",
        kind.name(),
        verdicts.len() - failed
    );
    Ok(failed == 0)
}
