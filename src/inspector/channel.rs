//! Settings of a channel.

use kurir_engine::scenario::{ChannelKind, QueueSpec};
use kurir_engine::Node;
use leptos::prelude::*;

use super::checks;
use super::field::Field;
use super::{NodeActions, WireList};
use crate::i18n::T;
use crate::state::Playground;

/// Inspector for channel `index`.
#[component]
pub fn ChannelInspector(index: u32) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index as usize;
    let queue = move || {
        pg.scenario
            .with(|s| match s.channels.get(i).map(|c| &c.kind) {
                Some(ChannelKind::Queue(q)) => Some(q.clone()),
                _ => None,
            })
    };
    let edit_queue = move |f: &dyn Fn(&mut QueueSpec)| {
        pg.edit(|s| {
            if let ChannelKind::Queue(q) = &mut s.channels[i].kind {
                f(q);
            }
        });
    };
    let others = move || {
        pg.scenario.with(|s| {
            s.channels
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h2>{move || pg.t(T::Channel)}": " {move || pg.scenario.with(|s| if i < s.channels.len() { s.channel_name(i).to_string() } else { String::new() })}</h2>
        <Field label=T::Name id="ch-name" kind="text"
            value=move || pg.scenario.with(|s| s.channels.get(i).map(|c| c.name.clone()).unwrap_or_default())
            check=|text| if text.chars().count() <= kurir_engine::MAX_NAME { Ok(()) } else { Err(T::TooLong) }
            apply=move |text| { pg.edit(|s| s.channels[i].name = text.trim().to_string()); } />
        <label class="field" for="ch-kind">
            <span>{move || pg.t(T::Kind)}</span>
            <select id="ch-kind" on:change=move |ev| {
                let to_queue = event_target_value(&ev) == "queue";
                pg.edit(|s| s.channels[i].kind = if to_queue { ChannelKind::Queue(QueueSpec::default()) } else { ChannelKind::PubSub });
            }>
                <option value="pubsub" selected=move || queue().is_none()>{move || pg.t(T::PubSub)}</option>
                <option value="queue" selected=move || queue().is_some()>{move || pg.t(T::Queue)}</option>
            </select>
        </label>
        <Show when=move || queue().is_some()>
            <Field label=T::VisibilityMs id="ch-visibility"
                value=move || queue().map(|q| q.visibility_timeout_ms.to_string()).unwrap_or_default()
                check=|text| checks::positive_millis(text).map(|_| ())
                apply=move |text| if let Ok(ms) = checks::positive_millis(text) { edit_queue(&|q| q.visibility_timeout_ms = ms) } />
            <Field label=T::MaxDeliveries id="ch-max"
                value=move || queue().map(|q| q.max_deliveries.to_string()).unwrap_or_default()
                check=|text| checks::deliveries(text).map(|_| ())
                apply=move |text| if let Ok(n) = checks::deliveries(text) { edit_queue(&|q| q.max_deliveries = n) } />
            <label class="field" for="ch-dlq">
                <span>{move || pg.t(T::DeadLetter)}</span>
                <select id="ch-dlq" on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !pg.edit(|s| if let ChannelKind::Queue(q) = &mut s.channels[i].kind {
                        q.dead_letter = Some(id.clone()).filter(|d| !d.is_empty());
                    }) {
                        pg.notice.set(Some(pg.t(T::CycleRefused).to_string()));
                    }
                }>
                    <option value="" selected=move || queue().is_some_and(|q| q.dead_letter.is_none())>{move || pg.t(T::NoneOption)}</option>
                    {move || others().into_iter().map(|id| {
                        let chosen = id.clone();
                        let value = id.clone();
                        view! { <option value=value selected=move || queue().is_some_and(|q| q.dead_letter.as_deref() == Some(chosen.as_str()))>{id}</option> }
                    }).collect_view()}
                </select>
            </label>
        </Show>
        <WireList node=Node::Channel(index) />
        <NodeActions node=Node::Channel(index) />
    }
}
