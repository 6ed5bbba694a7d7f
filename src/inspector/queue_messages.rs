//! The messages in a queue, read from the run's snapshot: which are out with
//! a consumer and when they come back if not acknowledged, which wait out a
//! retry delay, which are next in line, each with its delivery attempt; and,
//! for a dead-letter queue, a redrive back to the queue they came from.

use kurir_engine::base::time::{format_micros, SEC};
use kurir_engine::observe::queue_view::QueueView;
use kurir_engine::ChannelId;
use leptos::prelude::*;

use crate::model::dead_letters::redrive_sources;
use crate::state::Playground;
use crate::text::i18n::T;
use crate::text::vocab::time_left as until;

/// The messages section of queue `index`'s inspector.
#[component]
pub fn QueueMessages(index: ChannelId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    // The queue as of the latest frame, and the time rounded to a tenth of
    // a second: the list is rebuilt ten times a second, not every frame.
    let view = Memo::new(move |_| {
        pg.snap.with(|s| {
            let q = s.channels.get(i).and_then(|c| c.queue.clone());
            (
                q,
                s.now / (SEC / 10) * (SEC / 10),
                s.channels.get(i).map_or(0, |c| c.depth),
            )
        })
    });
    // A holder that went down still "holds" until the deadline: say so.
    let service = move |id: Option<kurir_engine::ServiceId>| {
        let name = pg.scenario.with(|s| {
            id.filter(|v| v.index() < s.services.len())
                .map(|v| s.service_name(v.index()).to_string())
        })?;
        let down = pg.snap.with_untracked(|s| {
            id.and_then(|v| s.services.get(v.index()))
                .is_some_and(|v| !v.up)
        });
        Some(if down {
            format!("{name} ({})", pg.t(T::Down).to_ascii_lowercase())
        } else {
            name
        })
    };
    let channel_name =
        move |c: ChannelId| pg.scenario.with(|s| s.channel_name(c.index()).to_string());
    let sources = Memo::new(move |_| pg.scenario.with(|s| redrive_sources(s, index)));
    let lists = move || {
        let (q, now, depth) = view.get();
        let q: QueueView = q.unwrap_or_default();
        let held = q.held.iter().map(|h| {
            let who = service(h.holder).unwrap_or_else(|| pg.t(T::NobodyHolds).to_string());
            let back = h.back_at.map_or_else(|| pg.t(T::UntilAcked).to_string(), |at| format!("{} {}", pg.t(T::BackIn), until(at, now)));
            view! { <li>{format!("#{} · {who} · {} {} · {back}", h.order, pg.t(T::Attempt), h.attempt)}</li> }
        }).collect_view();
        let retrying = q.retrying.iter().map(|w| {
            view! { <li>{format!("#{} · {} {} · {} {}", w.order, pg.t(T::Attempt), w.attempts + 1, pg.t(T::In), until(w.at, now))}</li> }
        }).collect_view();
        let ready = q.ready.iter().map(|w| {
            let before = if w.attempts == 0 { pg.t(T::NotDeliveredYet).to_string() } else { format!("{} {}×", pg.t(T::DeliveredBefore), w.attempts) };
            view! { <li>{format!("#{} · {before} · {} {}", w.order, pg.t(T::WaitingFor), format_micros(now.saturating_sub(w.at)))}</li> }
        }).collect_view();
        let more = |total: u32, shown: usize| {
            (total as usize > shown)
                .then(|| view! { <li class="more">{format!("+{}", total as usize - shown)}</li> })
        };
        view! {
            {(q.held_total > 0).then(|| view! {
                <p class="list-title">{move || pg.t(T::OutWithConsumers)}" (" {q.held_total} ")"</p>
                <ul class="messages held">{held}{more(q.held_total, q.held.len())}</ul>
            })}
            {(q.retrying_total > 0).then(|| view! {
                <p class="list-title">{move || pg.t(T::WaitingToRetry)}" (" {q.retrying_total} ")"</p>
                <ul class="messages retrying">{retrying}{more(q.retrying_total, q.retrying.len())}</ul>
            })}
            {(depth > 0).then(|| view! {
                <p class="list-title">{move || pg.t(T::NextInLine)}" (" {depth} ")"</p>
                <ul class="messages ready">{ready}{more(depth, q.ready.len())}</ul>
            })}
            {(q.held_total == 0 && q.retrying_total == 0 && depth == 0).then(|| view! {
                <p class="hint">{move || pg.t(T::QueueEmpty)}</p>
            })}
        }
    };
    let redrive =
        move || {
            let depth = view.with(|v| v.2);
            (depth > 0).then(|| {
                sources.get().into_iter().map(|to| view! {
                <button class="redrive" on:click=move |_| pg.redrive(index, to)>
                    {move || format!("{} {depth} → {}", pg.t(T::Redrive), channel_name(to))}
                </button>
            }).collect_view()
            })
        };
    view! {
        <h3>{move || pg.t(T::Messages)}</h3>
        <div class="queue-messages" aria-live="off">{lists}</div>
        {redrive}
        {move || (!sources.get().is_empty()).then(|| view! { <p class="hint">{move || pg.t(T::RedriveHint)}</p> })}
    }
}
