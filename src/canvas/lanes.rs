//! A Kafka topic's partitions, drawn under its node: one lane per partition
//! (the offsets it keeps, how far it is written), each consumer group's
//! committed offset as a tick in the group's colour, and a line per group
//! with its lag. Hovering a lane names the member that owns it per group.

use kurir_engine::observe::log_view::LogView;
use kurir_engine::ChannelId;
use leptos::prelude::*;

use super::Source;
use crate::model::geometry::{CHANNEL_H, CHANNEL_W};
use crate::model::legible::fit_name;
use crate::state::Playground;
use crate::text::i18n::T;

/// Lanes drawn at most (a topic may have up to 1,000 partitions).
const MAX_LANES: usize = 6;
/// Groups listed at most.
const MAX_GROUPS: usize = 4;
const ROW: f64 = 10.0;
const BAR_X: f64 = 16.0;
const BAR_W: f64 = CHANNEL_W - 38.0;

/// The lanes of every log channel, in a layer of their own under the nodes
/// (inside a node they would become part of its accessible name).
#[component]
pub fn Lanes() -> impl IntoView {
    let src = expect_context::<Source>();
    let pg = expect_context::<Playground>();
    // One keyed child per log, each redrawn only when its own view changed
    // (a record written to one topic leaves the others' lanes alone).
    let logs = Memo::new(move |_| {
        src.snap.with(|s| {
            (s.channels.iter().enumerate())
                .filter(|(_, c)| c.log.is_some())
                .map(|(i, _)| ChannelId(i as u32))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <g class="lanes-layer" aria-hidden="true">
            <For each=move || logs.get() key=|id| *id let(index)>
                {
                    let log = Memo::new(move |_| src.snap.with(|s| s.channels.get(index.index()).and_then(|c| c.log.clone())));
                    let at = move || pg.scenario.with(|s| s.channels.get(index.index()).map_or((0.0, 0.0), |c| (c.x, c.y)));
                    let id = move || pg.scenario.with(|s| s.channels.get(index.index()).map(|c| c.id.clone()).unwrap_or_default());
                    view! {
                        <g data-lanes=id transform=move || { let (x, y) = at(); format!("translate({:.1} {:.1})", x - CHANNEL_W / 2.0, y - CHANNEL_H / 2.0) }>
                            {move || log.get().map(|l| lanes(pg, &l))}
                        </g>
                    }
                }
            </For>
        </g>
    }
}

fn lanes(pg: Playground, log: &LogView) -> impl IntoView {
    let top = CHANNEL_H + 24.0;
    let longest = log
        .partitions
        .iter()
        .map(|p| p.end)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x_of = move |offset: u64| BAR_X + BAR_W * (offset as f64 / longest);
    let owner_name = move |owner: Option<kurir_engine::ServiceId>| {
        pg.scenario
            .with(|s| {
                owner
                    .filter(|o| o.index() < s.services.len())
                    .map(|o| s.service_name(o.index()).to_string())
            })
            .unwrap_or_else(|| "—".into())
    };
    let rows = log.partitions.iter().enumerate().take(MAX_LANES).map(|(p, lane)| {
        let y = top + ROW * p as f64;
        let ticks = log.groups.iter().take(MAX_GROUPS).enumerate().filter_map(|(k, g)| {
            let committed = g.lanes.get(p)?.0?;
            let x = x_of(committed);
            Some(view! { <line class=format!("tick g{}", k % 6) x1=x x2=x y1=y - 1.0 y2=y + 7.0 /> })
        }).collect_view();
        let hover = std::iter::once(format!("{} {p}: {}–{}", pg.t(T::Partition), lane.base, lane.end))
            .chain(log.groups.iter().map(|g| {
                let (committed, owner) = g.lanes.get(p).copied().unwrap_or((None, None));
                let committed = committed.map_or("—".into(), |c| c.to_string());
                format!("{}: {} {committed}, {} {}", g.name, pg.t(T::Committed), pg.t(T::OwnedBy), owner_name(owner))
            }))
            .collect::<Vec<_>>()
            .join("\n");
        view! {
            <g class="lane-row">
                <title>{hover}</title>
                <text class="lane-label" x="0" y=y + 6.0>{format!("P{p}")}</text>
                <rect class="lane" x=BAR_X y=y width=BAR_W height="6" rx="2" />
                <rect class="lane-fill" x=x_of(lane.base) y=y width=(x_of(lane.end) - x_of(lane.base)).max(0.0) height="6" rx="2" />
                {ticks}
                <text class="lane-label" x=CHANNEL_W - 3.0 y=y + 6.0 text-anchor="end">{lane.end}</text>
            </g>
        }
    }).collect_view();
    let shown = log.partitions.len().min(MAX_LANES);
    let more = log.partitions.len() - shown;
    let groups_top = top + ROW * shown as f64 + if more > 0 { ROW } else { 0.0 } + 4.0;
    let groups = log.groups.iter().take(MAX_GROUPS).enumerate().map(|(k, g)| {
        let text = format!("{} · {} {}", fit_name(g.name.clone(), 12), pg.t(T::Lag), g.lag);
        view! { <text class=format!("lag g{}", k % 6) x="0" y=groups_top + 9.0 * k as f64 + 6.0>{text}</text> }
    }).collect_view();
    view! {
        <g class="lanes">
            {rows}
            {(more > 0).then(|| view! { <text class="lane-label" x="0" y=top + ROW * shown as f64 + 6.0>{format!("+{more}")}</text> })}
            {groups}
        </g>
    }
}
