//! Live charts: queue depth over time, throughput over time, and the
//! end-to-end latency histogram; with the order counters above them.

use kurir_engine::base::time::{format_micros, Micros};
use leptos::prelude::*;

use crate::state::{Figures, Playground};
use crate::text::i18n::T;

const W: f64 = 300.0;
const H: f64 = 90.0;

/// Which chart is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chart {
    Depth,
    Throughput,
    Latency,
}

/// Most points drawn per line: one per 2 px of the chart's width. The
/// series hold up to 600 samples; drawing each one rebuilt four times the
/// path for the same picture, ten times a second.
const MAX_POINTS: usize = (W as usize) / 2;

/// At most `max_points` of `series`, evenly over its length, each the highest
/// sample of its stretch (so a spike is never thinned away).
fn thin(series: &[(Micros, f64)], max_points: usize) -> Vec<(Micros, f64)> {
    if series.len() <= max_points {
        return series.to_vec();
    }
    let per = series.len().div_ceil(max_points);
    series
        .chunks(per)
        .filter_map(|chunk| chunk.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)))
        .collect()
}

/// A polyline through (time, value) samples, scaled to the chart.
fn polyline(series: &[(Micros, f64)], t0: Micros, span: f64, max: f64) -> String {
    thin(series, MAX_POINTS)
        .iter()
        .enumerate()
        .map(|(k, &(t, v))| {
            let x = W * (t - t0) as f64 / span;
            let y = H - H * v / max;
            format!("{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" })
        })
        .collect()
}

/// Lines for the chosen chart: (css class, path, title) and the y maximum.
fn lines(f: &Figures, chart: Chart, names: &[String]) -> (Vec<(String, String, String)>, f64) {
    match chart {
        Chart::Depth => {
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
            let out = f
                .depth
                .iter()
                .enumerate()
                .filter(|(_, s)| s.iter().any(|&(_, d)| d > 0))
                .map(|(i, s)| {
                    let pts: Vec<(Micros, f64)> = s.iter().map(|&(t, d)| (t, d as f64)).collect();
                    (
                        format!("series s{}", i % 6),
                        polyline(&pts, t0, span, max),
                        names.get(i).cloned().unwrap_or_default(),
                    )
                })
                .collect();
            (out, max)
        }
        Chart::Throughput => {
            // Orders per second, smoothed over one second of samples.
            let per_sec = 1e6 / f.sample_every.max(1) as f64;
            let window = per_sec.round().max(1.0) as usize;
            let pts: Vec<(Micros, f64)> = f
                .throughput
                .iter()
                .enumerate()
                .map(|(k, &(t, _))| {
                    let from = k.saturating_sub(window - 1);
                    let sum: u32 = f.throughput[from..=k].iter().map(|&(_, n)| n).sum();
                    (t, sum as f64 * per_sec / (k - from + 1) as f64)
                })
                .collect();
            let max = pts.iter().map(|&(_, v)| v).fold(1.0, f64::max);
            let t0 = pts.first().map_or(0, |&(t, _)| t);
            let span = (pts.last().map_or(0, |&(t, _)| t) - t0).max(1) as f64;
            let any = pts.iter().any(|&(_, v)| v > 0.0);
            let out = if any {
                vec![(
                    "series s1".to_string(),
                    polyline(&pts, t0, span, max),
                    String::new(),
                )]
            } else {
                Vec::new()
            };
            (out, max)
        }
        Chart::Latency => {
            let max = f.latency.iter().map(|&(_, n)| n).max().unwrap_or(0).max(1) as f64;
            let n = f.latency.len().max(1) as f64;
            let bars = f
                .latency
                .iter()
                .enumerate()
                .map(|(k, &(hi, count))| {
                    let w = W / n;
                    let h = H * count as f64 / max;
                    let x = w * k as f64;
                    (
                        "hist".to_string(),
                        format!("M{x:.1} {H}v{:.1}h{:.1}v{h:.1}z", -h, (w - 2.0).max(1.0)),
                        format!("≤ {}: {count}", format_micros(hi)),
                    )
                })
                .collect();
            (bars, max)
        }
    }
}

/// The chart panel.
#[component]
pub fn ChartPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let chart = RwSignal::new(Chart::Depth);
    let figures = move || {
        let lang = pg.lang.get();
        pg.figures.with(|f| {
            let mut text = format!(
                "{}: {} {} · {} {} · {} {}",
                T::Orders.get(lang),
                f.placed,
                T::Placed.get(lang),
                f.completed,
                T::Completed.get(lang),
                f.failed,
                T::Failed.get(lang)
            );
            // Orders whose work ended without all of it done, only when there are any.
            for (n, words) in [
                (f.lost, T::OrdersWorkLost),
                (f.dead_lettered, T::OrdersDeadLettered),
            ] {
                if n > 0 {
                    text.push_str(&format!(" · {n} {}", words.get(lang)));
                }
            }
            text
        })
    };
    let latency = move || {
        let lang = pg.lang.get();
        pg.figures.with(|f| {
            // No percentile before there is anything to measure.
            let show = |n: u64, v: Micros| {
                if n == 0 {
                    "—".to_string()
                } else {
                    format_micros(v)
                }
            };
            format!(
                "{} p50 {} · {} p50 {}",
                T::Response.get(lang),
                show(f.responded, f.response_p50),
                T::Latency.get(lang),
                show(f.completed, f.latency_p50)
            )
        })
    };
    // Channel names change with edits only, not with every sample.
    let names = Memo::new(move |_| {
        pg.scenario.with(|s| {
            (0..s.channels.len())
                .map(|i| s.channel_name(i).to_string())
                .collect::<Vec<_>>()
        })
    });
    // What the chart draws, recomputed once per sample.
    let drawn =
        Memo::new(move |_| names.with(|names| pg.figures.with(|f| lines(f, chart.get(), names))));
    let empty = move || match chart.get() {
        Chart::Depth => T::NoQueueYet,
        _ => T::NoOrdersYet,
    };
    let tab = move |c: Chart, key: T| {
        view! {
            <button class="small tab" role="tab" aria-selected=move || (chart.get() == c).to_string()
                on:click=move |_| chart.set(c)>{move || pg.t(key)}</button>
        }
    };
    view! {
        <section class="card chart-card" aria-labelledby="chart-title" tabindex="0">
            <div class="card-head">
                <h2 id="chart-title">{move || pg.t(T::Charts)}</h2>
            </div>
            <p class="figures" id="figures">{figures}</p>
            <p class="figures">{latency}</p>
            <div class="tabs" role="tablist">
                {tab(Chart::Depth, T::Chart)}
                {tab(Chart::Throughput, T::Throughput)}
                {tab(Chart::Latency, T::Latency)}
            </div>
            // The empty chart's sentence is page text over the chart, so it
            // wraps in a narrow card (SVG text is cut at the chart's edge).
            <div class="chart-box">
            {move || drawn.with(|(paths, _)| paths.is_empty()).then(|| view! {
                <p class="chart-empty">{move || pg.t(empty())}</p>
            })}
            <svg class="chart" viewBox=format!("0 0 {W} {}", H + 4.0) role="img" aria-label=move || pg.t(T::Charts)>
                <line class="axis" x1="0" y1=H x2=W y2=H />
                <text class="axis-label" x="2" y="12">{move || drawn.with(|(_, max)| format!("{max:.0}"))}</text>
                // The lines stay in place; only their `d` changes each sample
                // (rebuilding the whole chart ten times a second cost the frame).
                <For each=move || drawn.with(|(paths, _)| (0..paths.len()).map(|k| (k, paths[k].0.clone(), paths[k].2.clone())).collect::<Vec<_>>())
                    key=|line| line.clone() let((k, class, title))>
                    <path class=class d=move || drawn.with(|(paths, _)| paths.get(k).map(|p| p.1.clone()).unwrap_or_default())>
                        <title>{title}</title>
                    </path>
                </For>
            </svg>
            </div>
            // Which line is which: a colour per queue (the same classes as the
            // lines), or what the single line or the bars count.
            <ul class="chart-legend" aria-label=move || pg.t(T::ChartLegend)>
                {move || match chart.get() {
                    Chart::Depth => drawn.with(|(paths, _)| paths.iter().map(|(class, _, name)| {
                        let swatch = class.replace("series", "swatch");
                        view! { <li><span class=swatch aria-hidden="true"></span>{name.clone()}</li> }
                    }).collect_view()).into_any(),
                    Chart::Throughput => view! {
                        <li><span class="swatch s1" aria-hidden="true"></span>{move || pg.t(T::CompletedPerSecond)}</li>
                    }.into_any(),
                    Chart::Latency => view! {
                        <li><span class="swatch hist" aria-hidden="true"></span>{move || pg.t(T::LatencyBars)}</li>
                    }.into_any(),
                }}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::thin;

    #[test]
    fn a_long_series_is_thinned_but_keeps_its_peaks() {
        let mut series: Vec<(u64, f64)> = (0..600).map(|t| (t, 1.0)).collect();
        series[333].1 = 50.0;
        let thinned = thin(&series, 150);
        assert_eq!(thinned.len(), 150);
        assert!(thinned.contains(&(333, 50.0)));
        assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0), "in time order");
        let short: Vec<(u64, f64)> = (0..10).map(|t| (t, t as f64)).collect();
        assert_eq!(thin(&short, 150), short);
    }
}
