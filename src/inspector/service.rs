//! Settings of a service.

use kurir_engine::scenario::Processing;
use kurir_engine::{Node, ServiceId};
use leptos::prelude::*;

use super::checks;
use super::field::Field;
use super::{NodeActions, WireList};
use crate::state::Playground;
use crate::text::i18n::T;

/// The mean processing time shown in the single "processing" field.
fn processing_ms(p: &Processing) -> f64 {
    match *p {
        Processing::Constant { ms } => ms,
        Processing::Uniform { min_ms, max_ms } => (min_ms + max_ms) / 2.0,
        Processing::Exponential { mean_ms } => mean_ms,
    }
}

/// Inspector for service `index`.
#[component]
pub fn ServiceInspector(index: ServiceId) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let i = index.index();
    let get = move |f: fn(&kurir_engine::scenario::ServiceSpec) -> String| {
        move || {
            pg.scenario
                .with(|s| s.services.get(i).map(f).unwrap_or_default())
        }
    };
    let up = move || {
        pg.scenario
            .with(|s| s.services.get(i).is_some_and(|v| v.up))
    };
    view! {
        <h2>{move || pg.t(T::Service)}": " {move || pg.scenario.with(|s| if i < s.services.len() { s.service_name(i).to_string() } else { String::new() })}</h2>
        <div class="row">
            <button id="toggle-up" class=move || if up() { "danger" } else { "accent" }
                on:click=move |_| pg.set_up(index, !up())>
                {move || if up() { pg.t(T::TakeDown) } else { pg.t(T::BringUp) }}
            </button>
        </div>
        <Field label=T::Name id="svc-name" kind="text" value=get(|v| v.name.clone())
            check=|text| if text.chars().count() <= kurir_engine::compile::limits::MAX_NAME { Ok(()) } else { Err(T::TooLong) }
            apply=move |text| { pg.edit(|s| s.services[i].name = text.trim().to_string()); } />
        <Field label=T::ProcessingMs id="svc-ms" kind="text" value=get(|v| checks::show_ms(processing_ms(&v.processing)))
            check=|text| checks::millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::millis(text) {
                pg.edit(|s| s.services[i].processing = match s.services[i].processing {
                    // Keep the distribution's shape, move its centre.
                    Processing::Uniform { min_ms, max_ms } => {
                        let half = ((max_ms - min_ms) / 2.0).min(ms);
                        Processing::Uniform { min_ms: ms - half, max_ms: ms + half }
                    }
                    Processing::Exponential { .. } => Processing::Exponential { mean_ms: ms },
                    Processing::Constant { .. } => Processing::Constant { ms },
                });
            } />
        <label class="field" for="svc-dist">
            <span>{move || pg.t(T::Spread)}</span>
            <select id="svc-dist" on:change=move |ev| {
                let kind = event_target_value(&ev);
                pg.edit(|s| {
                    let ms = processing_ms(&s.services[i].processing);
                    s.services[i].processing = match kind.as_str() {
                        "uniform" => Processing::Uniform { min_ms: ms * 0.5, max_ms: ms * 1.5 },
                        "exponential" => Processing::Exponential { mean_ms: ms },
                        _ => Processing::Constant { ms },
                    };
                });
            }>
                {[("constant", T::DistConstant), ("uniform", T::DistUniform), ("exponential", T::DistExponential)].into_iter().map(|(k, words)| view! {
                    <option value=k selected=move || pg.scenario.with(|s| s.services.get(i).is_some_and(|v| matches!(
                        (&v.processing, k),
                        (Processing::Constant { .. }, "constant") | (Processing::Uniform { .. }, "uniform") | (Processing::Exponential { .. }, "exponential")
                    )))>{move || pg.t(words)}</option>
                }).collect_view()}
            </select>
        </label>
        <Field label=T::Workers id="svc-workers" value=get(|v| v.workers.to_string())
            check=|text| checks::workers(text).map(|_| ())
            apply=move |text| if let Ok(n) = checks::workers(text) { pg.edit(|s| s.services[i].workers = n); } />
        <Field label=T::FailureChance id="svc-fail" value=get(|v| (v.failure_probability * 100.0).to_string())
            check=|text| checks::percent(text).map(|_| ())
            apply=move |text| if let Ok(p) = checks::percent(text) { pg.edit(|s| s.services[i].failure_probability = p); } />
        <Field label=T::FailsOrders id="svc-poison" kind="text"
            value=get(|v| v.fails_orders.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))
            check=|text| checks::order_numbers(text).map(|_| ())
            apply=move |text| if let Ok(list) = checks::order_numbers(text) { pg.edit(|s| s.services[i].fails_orders = list); } />
        <Field label=T::Database id="svc-db" kind="text" value=get(|v| v.database.clone().unwrap_or_default())
            check=|text| if text.chars().count() <= kurir_engine::compile::limits::MAX_NAME { Ok(()) } else { Err(T::TooLong) }
            apply=move |text| { pg.edit(|s| s.services[i].database = Some(text.trim().to_string()).filter(|d| !d.is_empty())); } />
        <Field label=T::Patterns id="svc-patterns" kind="text" value=get(|v| v.patterns.join(", "))
            check=|text| checks::patterns(text).map(|_| ())
            apply=move |text| if let Ok(p) = checks::patterns(text) { pg.edit(|s| s.services[i].patterns = p); } />
        <WireList node=Node::Service(index) />
        <NodeActions node=Node::Service(index) />
    }
}
