//! Service and channel nodes with their live counters.

use kurir_engine::scenario::ChannelKind;
use kurir_engine::{ChannelId, Node, ServiceId};
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent};

use super::{Compact, DropTarget, Renaming, Source};
use crate::model::geometry::{CHANNEL_H, CHANNEL_W, SERVICE_H, SERVICE_W};
use crate::model::legible::{fit_name, line_baselines, name_lines};
use crate::state::Playground;
use crate::text::i18n::T;

/// The name as drawn, then the full name when the drawn one is cut (the
/// spoken name must start with what is seen).
fn spoken_name(name: String, shown: &[String]) -> String {
    let seen = shown.join(" ");
    if seen == name {
        name
    } else {
        format!("{seen} ({name})")
    }
}

/// A node's name as drawn: one line cut to `max` characters, or, zoomed out
/// past readable details, as many larger lines as a `w` × `h` box holds.
fn shown_name(name: &str, max: usize, compact: Option<f64>, w: f64, h: f64) -> Vec<String> {
    match compact {
        None => vec![fit_name(name.to_string(), max)],
        Some(font) => name_lines(name, font, w, h),
    }
}

/// The lines of a name as `<tspan>`s: the first on `baseline`, or, zoomed
/// out, the block of lines centred on a box `h` tall.
fn name_spans(
    lines: Vec<String>,
    x: f64,
    baseline: f64,
    compact: Option<f64>,
    h: f64,
) -> impl IntoView {
    let (first, step) = match compact {
        None => (baseline, 0.0),
        Some(font) => line_baselines(lines.len(), font, h),
    };
    // A space between the lines keeps the words apart in the text's content
    // (what is read and copied); it draws nothing at a line's end.
    lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| view! { {(k > 0).then_some(" ")}<tspan x=x y=first + step * k as f64>{line}</tspan> })
        .collect_view()
}

/// The letters' size of a compact node's text, in canvas units: a
/// presentation attribute (the stylesheet sizes text only when not compact),
/// since a strict Content-Security-Policy refuses style attributes.
fn font_size(compact: Option<f64>, share: f64) -> Option<String> {
    compact.map(|f| format!("{:.1}", f * share))
}

/// Keyboard on a focused node: Enter/Space selects it, F2 renames it,
/// arrows move it.
fn node_keys(pg: Playground, renaming: Renaming, node: Node, ev: KeyboardEvent) {
    let step = if ev.shift_key() { 50.0 } else { 10.0 };
    let (dx, dy) = match ev.key().as_str() {
        "F2" => {
            ev.prevent_default();
            renaming.0.set(Some(node));
            return;
        }
        "Enter" | " " => {
            ev.prevent_default();
            pg.selection.set(vec![node]);
            return;
        }
        "ArrowLeft" => (-step, 0.0),
        "ArrowRight" => (step, 0.0),
        "ArrowUp" => (0.0, -step),
        "ArrowDown" => (0.0, step),
        _ => return,
    };
    ev.prevent_default();
    let at = pg
        .scenario
        .with_untracked(|s| crate::model::geometry::node_box(s, node).c);
    pg.remember();
    pg.move_node(node, at.x + dx, at.y + dy);
}

/// Every node of the scenario.
#[component]
pub fn Nodes<D, P>(on_node_down: D, on_port_down: P) -> impl IntoView
where
    D: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
    P: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    // In reading order (column by column, left to right, then top to
    // bottom), so Tab walks the diagram as it is read, whatever kind a node
    // is. Keyed by index and id: moving a node moves its element, nothing
    // redrawn; a deletion that shifts indices draws the shifted ones anew.
    let in_order = move || {
        pg.scenario.with(|s| {
            let mut nodes: Vec<(Node, String, (f64, f64))> = (s.services.iter().enumerate())
                .map(|(i, v)| {
                    (
                        Node::Service(ServiceId(i as u32)),
                        format!("s:{}", v.id),
                        (v.x, v.y),
                    )
                })
                .chain((s.channels.iter().enumerate()).map(|(i, c)| {
                    (
                        Node::Channel(ChannelId(i as u32)),
                        format!("c:{}", c.id),
                        (c.x, c.y),
                    )
                }))
                .collect();
            nodes.sort_by(|a, b| reading_order(a.2, b.2));
            nodes
                .into_iter()
                .map(|(n, key, _)| (n, key))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <g class="nodes">
            <For each=in_order key=|k| k.clone() let((node, _))>
                {match node {
                    Node::Service(i) => view! { <ServiceNode index=i on_down=on_node_down on_port=on_port_down /> }.into_any(),
                    Node::Channel(i) => view! { <ChannelNode index=i on_down=on_node_down on_port=on_port_down /> }.into_any(),
                }}
            </For>
        </g>
    }
}

/// Reading order of two node centres: by column (centres within a column's
/// width of each other share one), then top to bottom.
fn reading_order(a: (f64, f64), b: (f64, f64)) -> std::cmp::Ordering {
    const COLUMN: f64 = 120.0;
    let column = |x: f64| (x / COLUMN).round() as i64;
    column(a.0)
        .cmp(&column(b.0))
        .then(a.1.total_cmp(&b.1))
        .then(a.0.total_cmp(&b.0))
}

#[cfg(test)]
mod tests {
    use crate::text::i18n::{Lang, T};

    #[test]
    fn nodes_are_read_column_by_column_then_top_to_bottom() {
        let mut centres = vec![
            (700.0, 100.0),
            (120.0, 280.0),
            (440.0, 413.0),
            (440.0, 140.0),
            (705.0, 40.0),
        ];
        centres.sort_by(|a, b| super::reading_order(*a, *b));
        assert_eq!(
            centres,
            [
                (120.0, 280.0),
                (440.0, 140.0),
                (440.0, 413.0),
                (705.0, 40.0),
                (700.0, 100.0)
            ]
        );
    }

    #[test]
    fn words_whose_case_is_changed_are_ascii() {
        // Their case is changed ASCII-only (no Unicode case tables in the build).
        for word in [T::Down, T::Service, T::Channel] {
            for lang in [Lang::En, Lang::Id] {
                assert!(word.get(lang).is_ascii(), "{word:?} in {lang:?}");
            }
        }
    }
}

#[component]
fn ServiceNode<D, P>(index: ServiceId, on_down: D, on_port: P) -> impl IntoView
where
    D: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
    P: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    let renaming = expect_context::<Renaming>();
    let node = Node::Service(index);
    let i = index.index();
    let pos = move || {
        pg.scenario
            .with(|s| s.services.get(i).map_or((0.0, 0.0), |v| (v.x, v.y)))
    };
    let name = move || {
        pg.scenario.with(|s| {
            if i < s.services.len() {
                s.service_name(i).to_string()
            } else {
                String::new()
            }
        })
    };
    let database = move || {
        pg.scenario
            .with(|s| s.services.get(i).and_then(|v| v.database.clone()))
    };
    let compact = expect_context::<Compact>().0;
    let drop_target = expect_context::<DropTarget>().0;
    let shown = Memo::new(move |_| {
        shown_name(
            &name(),
            16,
            compact.get(),
            SERVICE_W - 22.0,
            SERVICE_H - 8.0,
        )
    });
    let src = expect_context::<Source>();
    // A memo: the node's views re-run only when its own state changed, not
    // on every frame's snapshot (most nodes are unchanged in most frames).
    let view_of = Memo::new(move |_| src.snap.with(|s| s.services.get(i).cloned()));
    let up = move || view_of.get().is_none_or(|v| v.up);
    let busy = move || view_of.get().map_or(0, |v| v.busy);
    let selected = move || pg.selection.with(|sel| sel.contains(&node));
    let status = move || {
        let lang = pg.lang.get();
        let Some(v) = view_of.get() else {
            return String::new();
        };
        if !v.up {
            return T::Down.get(lang).to_ascii_uppercase();
        }
        let state = if v.busy > 0 {
            format!("{} {}/{}", T::Busy.get(lang), v.busy, v.workers)
        } else {
            T::Idle.get(lang).to_string()
        };
        if v.waiting > 0 {
            format!("{state} · {} {}", v.waiting, T::Waiting.get(lang))
        } else {
            state
        }
    };
    let counts = move || {
        let lang = pg.lang.get();
        view_of.get().map_or(String::new(), |v| {
            if v.failed > 0 {
                format!(
                    "{} {} · {} {}",
                    T::Processed.get(lang),
                    v.processed,
                    T::Failed.get(lang),
                    v.failed
                )
            } else {
                format!("{} {}", T::Processed.get(lang), v.processed)
            }
        })
    };
    let label = move || {
        // What is seen, in the order it is drawn, then what kind of node it
        // is (WCAG 2.5.3: the spoken name contains the visible text).
        let db = database().map(|d| format!(" {d}")).unwrap_or_default();
        format!(
            "{} {} {}{db}, {}",
            spoken_name(name(), &shown.get()),
            status(),
            counts(),
            pg.t(T::Service).to_ascii_lowercase()
        )
    };
    view! {
        <g class="node service" class:selected=selected class:drop-target=move || drop_target.get() == Some(node) class:down=move || !up() class:busy=move || { busy() > 0 }
            transform=move || { let (x, y) = pos(); format!("translate({:.1} {:.1})", x - SERVICE_W / 2.0, y - SERVICE_H / 2.0) }
            tabindex="0" role="button" aria-label=label aria-pressed=move || selected().to_string()
            data-node=move || format!("service:{}", pg.scenario.with(|s| s.services.get(i).map(|v| v.id.clone()).unwrap_or_default()))
            on:pointerdown=move |ev| on_down(node, ev)
            on:keydown=move |ev| node_keys(pg, renaming, node, ev)>
            <rect class="box" width=SERVICE_W height=SERVICE_H rx="12" />
            <rect class="stripe" width="6" height=SERVICE_H rx="3" />
            // A small server glyph: two stacked units with status lights.
            <g class="icon" aria-hidden="true" transform=format!("translate({} 10)", SERVICE_W - 26.0)>
                <rect width="16" height="7" rx="2" />
                <rect y="9" width="16" height="7" rx="2" />
                <circle cx="12.5" cy="3.5" r="1.3" />
                <circle cx="12.5" cy="12.5" r="1.3" />
            </g>
            <text class="title" font-size=move || font_size(compact.get(), 1.0)>
                {move || name_spans(shown.get(), 14.0, 24.0, compact.get(), SERVICE_H)}
            </text>" "
            <text class="status" aria-hidden="true" x="16" y="44">{status}</text>" "
            <text class="counts" aria-hidden="true" x="16" y="62">{counts}</text>" "
            {move || database().map(|db| view! {
                <g class="database" aria-hidden="true" transform=format!("translate(16 {})", SERVICE_H + 8.0)>
                    <path d="M0 4a9 4 0 0 0 18 0a9 4 0 0 0 -18 0v12a9 4 0 0 0 18 0v-12" />
                    <text x="24" y="15">{db}</text>
                </g>
            })}
            <circle class="port" cx=SERVICE_W cy=SERVICE_H / 2.0 r="7"
                on:pointerdown=move |ev| on_port(node, ev) />
        </g>
    }
}

#[component]
fn ChannelNode<D, P>(index: ChannelId, on_down: D, on_port: P) -> impl IntoView
where
    D: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
    P: Fn(Node, PointerEvent) + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    let renaming = expect_context::<Renaming>();
    let node = Node::Channel(index);
    let i = index.index();
    let pos = move || {
        pg.scenario
            .with(|s| s.channels.get(i).map_or((0.0, 0.0), |c| (c.x, c.y)))
    };
    let name = move || {
        pg.scenario.with(|s| {
            if i < s.channels.len() {
                s.channel_name(i).to_string()
            } else {
                String::new()
            }
        })
    };
    let is_queue = move || {
        pg.scenario.with(|s| {
            matches!(
                s.channels.get(i).map(|c| &c.kind),
                Some(ChannelKind::Queue(_))
            )
        })
    };
    let compact = expect_context::<Compact>().0;
    let drop_target = expect_context::<DropTarget>().0;
    let shown = Memo::new(move |_| {
        shown_name(
            &name(),
            14,
            compact.get(),
            CHANNEL_W - 16.0,
            CHANNEL_H - 4.0,
        )
    });
    let src = expect_context::<Source>();
    let view_of = Memo::new(move |_| src.snap.with(|s| s.channels.get(i).cloned()));
    let depth = move || view_of.get().map_or(0, |v| v.depth);
    // Lost, missed (a fan-out subscriber was down) and dead-lettered are
    // three different fates: a dead letter still waits somewhere.
    let fates = move || {
        view_of
            .get()
            .map_or((0, 0, 0), |v| (v.dropped, v.missed, v.dead_lettered))
    };
    let fates_text = move || {
        let (lost, missed, dead) = fates();
        let parts = [
            (lost, "✕ ", T::Dropped),
            (missed, "", T::Missed),
            (dead, "→ ", T::DeadLettered),
        ];
        let shown: Vec<String> = (parts.iter())
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, mark, key)| format!("{mark}{n} {}", pg.t(*key)))
            .collect();
        shown.join(" · ")
    };
    let selected = move || pg.selection.with(|sel| sel.contains(&node));
    let badge = move || {
        let lang = pg.lang.get();
        pg.scenario.with(|s| {
            s.channels
                .get(i)
                .map(|c| crate::text::vocab::badge(c, lang))
                .unwrap_or_default()
        })
    };
    let is_router = move || {
        pg.scenario.with(|s| {
            matches!(
                s.channels.get(i).map(|c| &c.kind),
                Some(ChannelKind::Exchange(_) | ChannelKind::Log(_))
            )
        })
    };
    let label = move || {
        let lang = pg.lang.get();
        // What is seen, in the order it is drawn, then the counts in words.
        let depth_seen = if depth() > 0 {
            format!(" {}", depth())
        } else {
            String::new()
        };
        let fates_seen = fates_text();
        let lost_seen = if fates_seen.is_empty() {
            fates_seen
        } else {
            format!(" {fates_seen}")
        };
        format!(
            "{} {}{depth_seen}{lost_seen}, {}, {} {}",
            spoken_name(name(), &shown.get()),
            badge(),
            pg.t(T::Channel).to_ascii_lowercase(),
            depth(),
            T::Depth.get(lang)
        )
    };
    // Waiting messages drawn as a stack above the pill (at most 12 bars).
    let stack = move || {
        (0..depth().min(12))
            .map(|k| view! { <rect class="waiting" aria-hidden="true" x=CHANNEL_W / 2.0 - 14.0 y=-10.0 - 6.0 * k as f64 width="28" height="4" rx="2" /> })
            .collect_view()
    };
    view! {
        <g class="node channel" class:selected=selected class:drop-target=move || drop_target.get() == Some(node) class:queue=is_queue class:router=is_router
            transform=move || { let (x, y) = pos(); format!("translate({:.1} {:.1})", x - CHANNEL_W / 2.0, y - CHANNEL_H / 2.0) }
            tabindex="0" role="button" aria-label=label aria-pressed=move || selected().to_string()
            data-node=move || format!("channel:{}", pg.scenario.with(|s| s.channels.get(i).map(|c| c.id.clone()).unwrap_or_default()))
            on:pointerdown=move |ev| on_down(node, ev)
            on:keydown=move |ev| node_keys(pg, renaming, node, ev)>
            {stack}
            <rect class="box" width=CHANNEL_W height=CHANNEL_H rx=CHANNEL_H / 2.0 />
            <text class="title" text-anchor="middle" font-size=move || font_size(compact.get(), 1.0)>
                {move || name_spans(shown.get(), CHANNEL_W / 2.0, 20.0, compact.get(), CHANNEL_H)}
            </text>" "
            <text class="badge" aria-hidden="true" x=CHANNEL_W / 2.0 y="35" text-anchor="middle">{badge}</text>" "
            <Show when=move || { depth() > 0 }>
                <text class="depth" aria-hidden="true" x=CHANNEL_W / 2.0 + 20.0 y="-12"
                    font-size=move || font_size(compact.get(), 1.0)>{depth}</text>
            </Show>
            <Show when=move || { fates() != (0, 0, 0) }>
                <text class="lost" class:only-dead=move || { let (l, m, _) = fates(); l + m == 0 }
                    aria-hidden="true" x=CHANNEL_W / 2.0 y=move || CHANNEL_H + compact.get().unwrap_or(12.0) * 1.3
                    text-anchor="middle" font-size=move || font_size(compact.get(), 0.9)>{fates_text}</text>
            </Show>
            <circle class="port" cx=CHANNEL_W cy=CHANNEL_H / 2.0 r="7"
                on:pointerdown=move |ev| on_port(node, ev) />
        </g>
    }
}
