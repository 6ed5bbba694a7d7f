//! A line or two under each channel about what it does right now. Under a
//! queue: how many of its messages are out with consumers and when the
//! first comes back if not acknowledged (the visibility timeout or ack
//! deadline counting down), and how many wait out a retry delay — a
//! consumer idle in front of a full queue is then not a mystery. Under a
//! fan-out channel or an exchange: how many copies the latest message made
//! (what Redis's `PUBLISH` answers: the clients connected at that moment).

use kurir_engine::base::time::SEC;
use kurir_engine::scenario::preset::Preset;
use kurir_engine::ChannelId;
use leptos::prelude::*;

use super::Source;
use crate::model::geometry::CHANNEL_H;
use crate::state::Playground;
use crate::text::i18n::T;
use crate::text::vocab::time_left;

/// One queue's lines: (channel, lines of text, a fates line is drawn above).
type Timers = (ChannelId, Vec<String>, bool);

/// The lines under every channel, in a layer of their own (inside a node
/// they would become part of its accessible name, and change it).
#[component]
pub fn ChannelNotes() -> impl IntoView {
    let src = expect_context::<Source>();
    let pg = expect_context::<Playground>();
    // Recomputed each frame, but equal (so nothing redrawn) until a
    // shown second or tenth changes.
    let timers = Memo::new(move |_| {
        let lang = pg.lang.get();
        src.snap.with(|s| {
            let now = s.now / (SEC / 10) * (SEC / 10);
            (s.channels.iter().enumerate())
                .filter_map(|(i, c)| {
                    let fates = c.dropped + c.missed + c.dead_lettered > 0;
                    if let Some(n) = c.last_copies {
                        let redis = pg.scenario.with(|s| {
                            s.channels
                                .get(i)
                                .is_some_and(|c| c.broker == Some(Preset::RedisPubsub))
                        });
                        let words = if redis {
                            T::PublishReached
                        } else {
                            T::LatestMadeCopies
                        };
                        return Some((
                            ChannelId(i as u32),
                            vec![format!("{} {n}", words.get(lang))],
                            fates,
                        ));
                    }
                    let q = c.queue.as_ref()?;
                    let mut lines = Vec::new();
                    if q.held_total > 0 {
                        let next = q.held.iter().filter_map(|h| h.back_at).min();
                        lines.push(match next {
                            Some(at) => format!(
                                "{} {} {}",
                                q.held_total,
                                T::OutBackIn.get(lang),
                                time_left(at, now)
                            ),
                            None => format!("{} {}", q.held_total, T::UnackedOut.get(lang)),
                        });
                    }
                    if let Some(first) = q.retrying.first() {
                        lines.push(format!(
                            "{} {} {}",
                            q.retrying_total,
                            T::RetryIn.get(lang),
                            time_left(first.at, now)
                        ));
                    }
                    (!lines.is_empty()).then_some((ChannelId(i as u32), lines, fates))
                })
                .collect::<Vec<Timers>>()
        })
    });
    view! {
        <g class="channel-notes" aria-hidden="true">
            {move || timers.get().into_iter().map(|(index, lines, fates)| {
                let (x, y, id) = pg.scenario.with(|s| s.channels.get(index.index()).map_or((0.0, 0.0, String::new()), |c| (c.x, c.y, c.id.clone())));
                let top = y + CHANNEL_H / 2.0 + if fates { 30.0 } else { 16.0 };
                view! {
                    <g data-notes=id>
                        {lines.into_iter().enumerate().map(|(k, line)| view! {
                            <text class="channel-note" x=x y=top + 12.0 * k as f64 text-anchor="middle">{line}</text>
                        }).collect_view()}
                    </g>
                }
            }).collect_view()}
        </g>
    }
}
