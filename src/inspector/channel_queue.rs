//! Settings of a queue: timeouts, limits, dead letters, and how failed or
//! timed-out messages come back.

use kurir_engine::compile::limits::MAX_RETENTION_MS;
use kurir_engine::scenario::{ChannelKind, OnFailure, QueueSpec, RetryPolicy};
use kurir_engine::ChannelId;
use leptos::prelude::*;

use super::checks;
use super::field::{Choice, Field, Toggle};
use super::kind_part::{read, write};
use crate::state::Playground;
use crate::text::i18n::T;

/// The queue fields of channel `index`.
#[component]
pub fn QueueFields(index: ChannelId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    let queue = move || read::<QueueSpec>(pg, i);
    let edit = move |f: &dyn Fn(&mut QueueSpec)| write(pg, i, f);
    let get = move |f: fn(&QueueSpec) -> String| move || queue().map(|q| f(&q)).unwrap_or_default();
    let others = move || {
        pg.scenario.with(|s| {
            s.channels
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(j, c)| (c.id.clone(), s.channel_name(j).to_string()))
                .collect::<Vec<_>>()
        })
    };
    let retry = move || match queue().map(|q| q.retry) {
        Some(RetryPolicy::Delay { .. }) => "delay",
        Some(RetryPolicy::Backoff { .. }) => "backoff",
        Some(RetryPolicy::Linear { .. }) => "linear",
        _ => "immediate",
    };
    let retry_ms = move |q: &QueueSpec| match q.retry {
        RetryPolicy::Delay { ms } => checks::show_ms(ms),
        RetryPolicy::Backoff { min_ms, .. } => checks::show_ms(min_ms),
        RetryPolicy::Linear { ms, .. } => checks::show_ms(ms),
        RetryPolicy::Immediate => "0".into(),
    };
    view! {
        <Field label=T::VisibilityMs id="ch-visibility"
            kind="text" value=get(|q| checks::show_ms(q.visibility_timeout_ms))
            check=|text| checks::positive_millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::positive_millis(text) { edit(&|q| q.visibility_timeout_ms = ms) } />
        <Field label=T::MaxDeliveries id="ch-max"
            value=get(|q| q.max_deliveries.to_string())
            check=|text| checks::deliveries(text).map(|_| ())
            apply=move |text| if let Ok(n) = checks::deliveries(text) { edit(&|q| q.max_deliveries = n) } />
        <label class="field" for="ch-dlq">
            <span>{move || pg.t(T::DeadLetter)}</span>
            <select id="ch-dlq" on:change=move |ev| {
                let id = event_target_value(&ev);
                if pg.edit(|s| if let ChannelKind::Queue(q) = &mut s.channels[i].kind {
                    q.dead_letter = Some(id.clone()).filter(|d| !d.is_empty());
                    // A dead letter needs a limit to be reached: Google Pub/Sub's
                    // dead-letter policy starts at 5 attempts.
                    if q.dead_letter.is_some() && q.max_deliveries == 0 {
                        q.max_deliveries = 5;
                    }
                }).is_none() {
                    pg.notice.set(Some(pg.t(T::CycleRefused).to_string()));
                }
            }>
                <option value="" selected=move || queue().is_some_and(|q| q.dead_letter.is_none())>{move || pg.t(T::NoneOption)}</option>
                // Listed by name (it follows renames), chosen by id.
                {move || others().into_iter().map(|(id, name)| {
                    let chosen = id.clone();
                    view! { <option value=id selected=move || queue().is_some_and(|q| q.dead_letter.as_deref() == Some(chosen.as_str()))>{name}</option> }
                }).collect_view()}
            </select>
        </label>
        <Choice label=T::OnFailure id="ch-on-failure"
            options=vec![("requeue", T::FailRequeue), ("reject", T::FailReject), ("wait", T::FailWait)]
            value=move || match queue().map(|q| q.on_failure) { Some(OnFailure::Reject) => "reject", Some(OnFailure::Wait) => "wait", _ => "requeue" }
            apply=move |v| {
                let choice = match v { "reject" => OnFailure::Reject, "wait" => OnFailure::Wait, _ => OnFailure::Requeue };
                edit(&|q| q.on_failure = choice)
            } />
        <Choice label=T::RetryPolicy id="ch-retry"
            options=vec![("immediate", T::RetryImmediate), ("delay", T::RetryDelay), ("linear", T::RetryLinear), ("backoff", T::RetryBackoff)]
            value=retry
            apply=move |v| {
                let policy = match v {
                    "delay" => RetryPolicy::Delay { ms: 1_000.0 },
                    "backoff" => RetryPolicy::Backoff { min_ms: 10_000.0, max_ms: 600_000.0 },
                    "linear" => RetryPolicy::Linear { ms: 90_000.0, max_ms: 900_000.0 },
                    _ => RetryPolicy::Immediate,
                };
                edit(&|q| q.retry = policy)
            } />
        <Show when=move || retry() != "immediate">
            <Field label=T::RetryMs id="ch-retry-ms" kind="text" value=get(retry_ms)
                check=|text| checks::positive_millis(text).map(|_| ())
                apply=move |text| if let Ok(ms) = checks::positive_millis(text) {
                    edit(&|q| q.retry = match q.retry {
                        RetryPolicy::Backoff { max_ms, .. } => RetryPolicy::Backoff { min_ms: ms, max_ms: max_ms.max(ms) },
                        RetryPolicy::Linear { max_ms, .. } => RetryPolicy::Linear { ms, max_ms: max_ms.max(ms) },
                        _ => RetryPolicy::Delay { ms },
                    })
                } />
        </Show>
        <Show when=move || matches!(retry(), "backoff" | "linear")>
            <Field label=T::BackoffMaxMs id="ch-backoff-max"
                value=get(|q| match q.retry {
                    RetryPolicy::Backoff { max_ms, .. } | RetryPolicy::Linear { max_ms, .. } => checks::show_ms(max_ms),
                    _ => String::new(),
                })
                check=|text| checks::positive_millis(text).map(|_| ())
                apply=move |text| if let Ok(ms) = checks::positive_millis(text) {
                    edit(&|q| match q.retry {
                        RetryPolicy::Backoff { min_ms, .. } => q.retry = RetryPolicy::Backoff { min_ms: min_ms.min(ms), max_ms: ms },
                        RetryPolicy::Linear { ms: step, .. } => q.retry = RetryPolicy::Linear { ms: step.min(ms), max_ms: ms },
                        _ => {}
                    })
                } />
        </Show>
        <Field label=T::TtlMs id="ch-ttl" kind="text" value=get(|q| optional(q.ttl_ms))
            check=|text| checks::optional_millis(text, MAX_RETENTION_MS).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::optional_millis(text, MAX_RETENTION_MS) { edit(&|q| q.ttl_ms = ms) } />
        <Field label=T::DedupMs id="ch-dedup" kind="text" value=get(|q| optional(q.dedup_window_ms))
            check=|text| checks::optional_millis(text, kurir_engine::compile::limits::MAX_MS).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::optional_millis(text, kurir_engine::compile::limits::MAX_MS) { edit(&|q| q.dedup_window_ms = ms) } />
        <Toggle label=T::OrderedByKey id="ch-ordered"
            checked=move || queue().is_some_and(|q| q.ordered_by_key)
            apply=move |on| edit(&|q| q.ordered_by_key = on) />
        <Toggle label=T::Touch id="ch-touch"
            checked=move || queue().is_some_and(|q| q.touch)
            apply=move |on| edit(&|q| q.touch = on) />
        <Toggle label=T::DeadLetterExpired id="ch-dlx-expired"
            checked=move || queue().is_some_and(|q| q.dead_letter_expired)
            apply=move |on| edit(&|q| q.dead_letter_expired = on) />
        <Toggle label=T::RequeueOnDown id="ch-requeue-down"
            checked=move || queue().is_some_and(|q| q.requeue_on_consumer_down)
            apply=move |on| edit(&|q| q.requeue_on_consumer_down = on) />
    }
}

/// An optional duration as field text (empty for none).
fn optional(v: Option<f64>) -> String {
    v.map(checks::show_ms).unwrap_or_default()
}
