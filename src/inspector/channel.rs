//! Settings of a channel: its kind or broker preset, then the fields of
//! that kind (`channel_queue.rs`, `channel_router.rs`).

use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, ExchangeSpec, LogSpec, QueueSpec};
use kurir_engine::{ChannelId, Node};
use leptos::prelude::*;

use super::channel_queue::QueueFields;
use super::channel_router::{ExchangeFields, LogFields};
use super::field::Field;
use super::{NodeActions, WireList};
use crate::state::Playground;
use crate::text::i18n::T;
use crate::text::vocab::preset_label;

/// The generic kinds, by select value.
const GENERIC: [(&str, T); 4] = [
    ("pubsub", T::PubSub),
    ("queue", T::Queue),
    ("exchange", T::ExchangeKind),
    ("log", T::LogKind),
];

fn generic_kind(value: &str) -> Option<ChannelKind> {
    Some(match value {
        "pubsub" => ChannelKind::PubSub,
        "queue" => ChannelKind::Queue(QueueSpec::default()),
        "exchange" => ChannelKind::Exchange(ExchangeSpec::default()),
        "log" => ChannelKind::Log(LogSpec::default()),
        _ => return None,
    })
}

fn kind_value(kind: &ChannelKind) -> &'static str {
    match kind {
        ChannelKind::PubSub => "pubsub",
        ChannelKind::Queue(_) => "queue",
        ChannelKind::Exchange(_) => "exchange",
        ChannelKind::Log(_) => "log",
    }
}

/// Inspector for channel `index`.
#[component]
pub fn ChannelInspector(index: ChannelId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    // The select's value: a preset id, or a generic kind.
    let chosen = move || {
        pg.scenario.with(|s| {
            s.channels.get(i).map_or("", |c| match c.broker {
                Some(p) => p.id(),
                None => kind_value(&c.kind),
            })
        })
    };
    let kind_is = move |value: &'static str| {
        move || {
            pg.scenario.with(|s| {
                s.channels
                    .get(i)
                    .is_some_and(|c| kind_value(&c.kind) == value)
            })
        }
    };
    let choose = move |value: String| {
        // A preset brings its broker's documented defaults; a generic kind
        // the generic ones. Either way one undoable edit.
        let (kind, broker) = match Preset::from_id(&value) {
            Some(p) => (p.kind(), Some(p)),
            None => match generic_kind(&value) {
                Some(k) => (k, None),
                None => return,
            },
        };
        pg.edit(|s| crate::model::edits::set_kind(s, i, kind, broker));
    };
    view! {
        <h2>{move || pg.t(T::Channel)}": " {move || pg.scenario.with(|s| if i < s.channels.len() { s.channel_name(i).to_string() } else { String::new() })}</h2>
        <Field label=T::Name id="ch-name" kind="text"
            value=move || pg.scenario.with(|s| s.channels.get(i).map(|c| c.name.clone()).unwrap_or_default())
            check=|text| if text.chars().count() <= kurir_engine::compile::limits::MAX_NAME { Ok(()) } else { Err(T::TooLong) }
            apply=move |text| { pg.edit(|s| s.channels[i].name = text.trim().to_string()); } />
        <label class="field" for="ch-kind">
            <span>{move || pg.t(T::Kind)}</span>
            <select id="ch-kind" on:change=move |ev| choose(event_target_value(&ev))>
                <optgroup label=move || pg.t(T::Generic)>
                    {GENERIC.into_iter().map(|(value, text)| view! {
                        <option value=value selected=move || chosen() == value>{move || pg.t(text)}</option>
                    }).collect_view()}
                </optgroup>
                <optgroup label=move || pg.t(T::Brokers)>
                    {Preset::ALL.into_iter().map(|p| view! {
                        <option value=p.id() selected=move || chosen() == p.id()>{move || preset_label(p, pg.lang.get())}</option>
                    }).collect_view()}
                </optgroup>
            </select>
        </label>
        <Show when=kind_is("queue")>
            <super::queue_messages::QueueMessages index=index />
            <QueueFields index=index />
        </Show>
        <Show when=kind_is("exchange")>
            <ExchangeFields index=index />
        </Show>
        <Show when=kind_is("log")>
            <LogFields index=index />
        </Show>
        <WireList node=Node::Channel(index) />
        <NodeActions node=Node::Channel(index) />
    }
}
