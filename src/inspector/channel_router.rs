//! Settings of an exchange (how it routes; its bindings are wires, edited in
//! the wire list) and of a log (partitions, retention, commits, offsets).

use kurir_engine::compile::limits::MAX_MS;
use kurir_engine::compile::{plain_groups, GroupKey};
use kurir_engine::scenario::{ExchangeSpec, LogSpec, OffsetReset, Routing, Unroutable};
use kurir_engine::ChannelId;
use leptos::prelude::*;

use super::checks;
use super::field::{Choice, Field};
use super::kind_part::{read, write};
use crate::state::Playground;
use crate::text::i18n::T;

const ROUTINGS: [(&str, Routing, T); 5] = [
    ("fanout", Routing::Fanout, T::RoutingFanout),
    ("direct", Routing::Direct, T::RoutingDirect),
    ("topic", Routing::Topic, T::RoutingTopic),
    ("headers", Routing::Headers, T::RoutingHeaders),
    ("filter", Routing::Filter, T::RoutingFilter),
];

const UNROUTABLE: [(&str, Unroutable, T); 3] = [
    ("drop", Unroutable::Drop, T::UnroutableDrop),
    ("return", Unroutable::Return, T::UnroutableReturn),
    ("keep", Unroutable::Keep, T::UnroutableKeep),
];

/// The exchange fields of channel `index`.
#[component]
pub fn ExchangeFields(index: ChannelId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    let exchange = move || read::<ExchangeSpec>(pg, i);
    let edit = move |f: &dyn Fn(&mut ExchangeSpec)| write(pg, i, f);
    view! {
        <Choice label=T::Routing id="ch-routing"
            options=ROUTINGS.iter().map(|&(v, _, t)| (v, t)).collect()
            value=move || {
                let r = exchange().map(|x| x.routing).unwrap_or_default();
                ROUTINGS.iter().find(|e| e.1 == r).map_or("fanout", |e| e.0)
            }
            apply=move |v| if let Some(&(_, r, _)) = ROUTINGS.iter().find(|e| e.0 == v) { edit(&|x| x.routing = r) } />
        <Choice label=T::Unroutable id="ch-unroutable"
            options=UNROUTABLE.iter().map(|&(v, _, t)| (v, t)).collect()
            value=move || {
                let u = exchange().map(|x| x.unroutable).unwrap_or_default();
                UNROUTABLE.iter().find(|e| e.1 == u).map_or("drop", |e| e.0)
            }
            apply=move |v| if let Some(&(_, u, _)) = UNROUTABLE.iter().find(|e| e.0 == v) { edit(&|x| x.unroutable = u) } />
    }
}

/// The log fields of channel `index`.
#[component]
pub fn LogFields(index: ChannelId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    let log = move || read::<LogSpec>(pg, i);
    let edit = move |f: &dyn Fn(&mut LogSpec)| write(pg, i, f);
    let get = move |f: fn(&LogSpec) -> String| move || log().map(|l| f(&l)).unwrap_or_default();
    view! {
        <Field label=T::Partitions id="ch-partitions" value=get(|l| l.partitions.to_string())
            check=|text| checks::whole(text, 1, 1_000).map(|_| ())
            apply=move |text| if let Ok(n) = checks::whole(text, 1, 1_000) { edit(&|l| l.partitions = n) } />
        <Field label=T::RetentionMs id="ch-retention" kind="text" value=get(|l| checks::show_ms(l.retention_ms))
            check=|text| checks::retention(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::retention(text) { edit(&|l| l.retention_ms = ms) } />
        <Field label=T::AutoCommitMs id="ch-autocommit"
            kind="text" value=get(|l| l.auto_commit_interval_ms.map(checks::show_ms).unwrap_or_default())
            check=|text| checks::optional_millis(text, MAX_MS).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::optional_millis(text, MAX_MS) { edit(&|l| l.auto_commit_interval_ms = ms) } />
        <Field label=T::SessionMs id="ch-session" kind="text" value=get(|l| checks::show_ms(l.session_timeout_ms))
            check=|text| checks::positive_millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::positive_millis(text) { edit(&|l| l.session_timeout_ms = ms) } />
        <h3>{move || pg.t(T::ConsumerGroups)}</h3>
        <ul class="groups">
            {move || {
                // The groups reading the log, by name (the run knows them so).
                let groups = pg.scenario.with(|s| plain_groups(s, &s.channels[index.index()].id));
                groups.into_iter().map(|key| {
                    // A subscriber on its own is shown by its service's name
                    // (which follows renames); the run knows it by its id.
                    let group = key.label();
                    let name = match &key {
                        GroupKey::Alone(id) => pg.scenario.with(|s| {
                            (s.services.iter().position(|v| v.id == *id)).map_or(id.clone(), |i| s.service_name(i).to_string())
                        }),
                        _ => group.clone(),
                    };
                    let label = name.clone();
                    view! {
                        <li>
                            <span>{name}</span>
                            <button class="small rewind" aria-label=move || format!("{} ({label})", pg.t(T::Rewind))
                                title=move || pg.t(T::Rewind) on:click=move |_| pg.rewind(index, &group)>"⟲"</button>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
        <Choice label=T::OffsetReset id="ch-offset-reset"
            options=vec![("latest", T::OffsetLatest), ("earliest", T::OffsetEarliest)]
            value=move || if log().is_some_and(|l| l.auto_offset_reset == OffsetReset::Earliest) { "earliest" } else { "latest" }
            apply=move |v| { let earliest = v == "earliest"; edit(&|l| l.auto_offset_reset = if earliest { OffsetReset::Earliest } else { OffsetReset::Latest }) } />
    }
}
