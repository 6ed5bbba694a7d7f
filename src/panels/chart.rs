//! Live queue depth over time, one line per queue, and the order figures.

use kurir_engine::time::format_micros;
use leptos::prelude::*;

use crate::i18n::T;
use crate::state::Playground;

const W: f64 = 300.0;
const H: f64 = 90.0;

/// The depth chart and order counters.
#[component]
pub fn ChartPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let lines = move || {
        let names: Vec<String> = pg.scenario.with(|s| {
            (0..s.channels.len())
                .map(|i| s.channel_name(i).to_string())
                .collect()
        });
        pg.figures.with(|f| {
            let max = f
                .depth
                .iter()
                .flatten()
                .map(|&(_, d)| d)
                .max()
                .unwrap_or(0)
                .max(4) as f64;
            let t0 = f
                .depth
                .iter()
                .filter_map(|s| s.first())
                .map(|&(t, _)| t)
                .min()
                .unwrap_or(0);
            let t1 = f
                .depth
                .iter()
                .filter_map(|s| s.last())
                .map(|&(t, _)| t)
                .max()
                .unwrap_or(0);
            let span = (t1 - t0).max(1) as f64;
            let paths: Vec<(usize, String, String)> = f
                .depth
                .iter()
                .enumerate()
                .filter(|(_, s)| s.iter().any(|&(_, d)| d > 0))
                .map(|(i, series)| {
                    let d = series
                        .iter()
                        .enumerate()
                        .map(|(k, &(t, depth))| {
                            let x = W * (t - t0) as f64 / span;
                            let y = H - H * depth as f64 / max;
                            format!("{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" })
                        })
                        .collect::<String>();
                    (i, d, names.get(i).cloned().unwrap_or_default())
                })
                .collect();
            (paths, max)
        })
    };
    let figures = move || {
        let lang = pg.lang.get();
        pg.figures.with(|f| {
            format!(
                "{}: {} {} · {} {} · {} {}",
                T::Orders.get(lang),
                f.placed,
                T::Placed.get(lang),
                f.completed,
                T::Completed.get(lang),
                f.failed,
                T::Failed.get(lang)
            )
        })
    };
    let latency = move || {
        let lang = pg.lang.get();
        pg.figures.with(|f| {
            format!(
                "{} p50 {} · {} p50 {}",
                T::ResponseTime.get(lang).split(" (").next().unwrap_or(""),
                format_micros(f.response_p50),
                T::Latency.get(lang),
                format_micros(f.latency_p50)
            )
        })
    };
    view! {
        <section class="card chart-card" aria-labelledby="chart-title">
            <h2 id="chart-title">{move || pg.t(T::Chart)}</h2>
            <p class="figures" id="figures">{figures}</p>
            <p class="figures">{latency}</p>
            {move || {
                let (paths, max) = lines();
                view! {
                    <svg class="chart" viewBox=format!("0 0 {W} {}", H + 4.0) role="img" aria-label=move || pg.t(T::Chart)>
                        <line class="axis" x1="0" y1=H x2=W y2=H />
                        <text class="axis-label" x="2" y="10">{format!("{max:.0}")}</text>
                        {paths.is_empty().then(|| view! { <text class="axis-label" x=W / 2.0 y=H / 2.0 text-anchor="middle">{move || pg.t(T::NoQueueYet)}</text> })}
                        {paths.into_iter().map(|(i, d, name)| view! {
                            <path class=format!("series s{}", i % 6) d=d><title>{name}</title></path>
                        }).collect_view()}
                    </svg>
                }
            }}
        </section>
    }
}
