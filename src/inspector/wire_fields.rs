//! Fields on a wire, in the wire list: what a published message carries
//! (routing key, key, headers) and what a binding lets through.

use std::collections::BTreeMap;

use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, MatchMode, Routing, Scenario};
use kurir_engine::{ChannelId, ServiceId};
use leptos::prelude::*;

use crate::state::Playground;
use crate::text::i18n::T;

/// `a=1, b=2` → {a: 1, b: 2}; pairs without `=` are ignored.
pub fn parse_pairs(text: &str) -> BTreeMap<String, String> {
    text.split(',')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            let k = k.trim();
            (!k.is_empty()).then(|| (k.to_string(), v.trim().to_string()))
        })
        .collect()
}

/// {a: 1, b: 2} → `a=1, b=2`.
pub fn show_pairs<'a>(pairs: impl IntoIterator<Item = (&'a String, String)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the message to a channel needs: routing key, headers, key or nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    RoutingKey,
    Attributes,
    Key,
    Nothing,
}

fn needs(s: &Scenario, channel: &str) -> Needs {
    match s.channels.iter().find(|c| c.id == channel).map(|c| &c.kind) {
        Some(ChannelKind::Exchange(x)) => match x.routing {
            Routing::Direct | Routing::Topic => Needs::RoutingKey,
            Routing::Headers | Routing::Filter => Needs::Attributes,
            Routing::Fanout => Needs::Nothing,
        },
        Some(ChannelKind::Log(_)) => Needs::Key,
        Some(ChannelKind::Queue(q)) if q.ordered_by_key => Needs::Key,
        _ => Needs::Nothing,
    }
}

/// A text field on a wire: shows `value`, hands the trimmed text to `apply`
/// when changed; its accessible name is `label` and the wire's `name`.
#[component]
fn WireText(
    class: &'static str,
    label: T,
    name: StoredValue<String>,
    value: impl Fn() -> String + Send + Sync + 'static,
    placeholder: impl Fn() -> &'static str + Send + Sync + 'static,
    apply: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let pg = expect_context::<Playground>();
    view! {
        <input class=class type="text" prop:value=value placeholder=placeholder
            title=move || pg.t(label)
            aria-label=move || format!("{} ({})", pg.t(label), name.get_value())
            on:change=move |ev| apply(event_target_value(&ev).trim().to_string()) />
    }
}

/// The envelope of the `nth` message service `service` publishes to `channel`.
#[component]
pub fn EnvelopeField(
    service: ServiceId,
    channel: String,
    nth: usize,
    name: String,
) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let v = service.index();
    // Stored so the closures below are `Copy` (the field is re-rendered).
    let channel = StoredValue::new(channel);
    let name = StoredValue::new(name);
    let position = move |s: &Scenario| {
        channel.with_value(|wanted| {
            s.services.get(v).and_then(|svc| {
                svc.publishes
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.channel == *wanted)
                    .nth(nth)
                    .map(|(k, _)| k)
            })
        })
    };
    let need = move || pg.scenario.with(|s| channel.with_value(|c| needs(s, c)));
    let value = move || {
        pg.scenario.with(|s| {
            let Some(k) = position(s) else {
                return String::new();
            };
            let p = &s.services[v].publishes[k];
            match needs(s, &p.channel) {
                Needs::RoutingKey => p.routing_key.clone().unwrap_or_default(),
                Needs::Attributes => show_pairs(p.attributes.iter().map(|(k, v)| (k, v.clone()))),
                Needs::Key => p.key.clone().unwrap_or_default(),
                Needs::Nothing => String::new(),
            }
        })
    };
    // RabbitMQ's `mandatory` is the publisher's flag, on each publish to an exchange.
    let exchange = move || {
        pg.scenario.with(|s| {
            channel.with_value(|c| {
                s.channels.iter().find(|x| x.id == *c).is_some_and(|x| {
                    matches!(x.kind, ChannelKind::Exchange(_))
                        && matches!(x.broker, None | Some(Preset::RabbitmqExchange))
                })
            })
        })
    };
    let mandatory = move || {
        pg.scenario
            .with(|s| position(s).is_some_and(|k| s.services[v].publishes[k].mandatory))
    };
    // A queue with a deduplication window (SQS FIFO) reads the message's
    // deduplication id; without one it goes by content.
    let dedup = move || {
        pg.scenario.with(|s| {
            channel.with_value(|c| {
                s.channels.iter().find(|x| x.id == *c).is_some_and(
                    |x| matches!(&x.kind, ChannelKind::Queue(q) if q.dedup_window_ms.is_some()),
                )
            })
        })
    };
    let dedup_id = move || {
        pg.scenario.with(|s| {
            position(s)
                .and_then(|k| s.services[v].publishes[k].dedup_id.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <span class="wire-fields">
        <Show when=dedup>
            <WireText class="dedup-field" label=T::DedupId name=name value=dedup_id
                placeholder=move || "order-{order}"
                apply=move |text: String| {
                    pg.edit(|s| if let Some(k) = position(s) {
                        s.services[v].publishes[k].dedup_id = Some(text.clone()).filter(|t| !t.is_empty());
                    });
                } />
        </Show>
        <Show when=exchange>
            <label class="mandatory-field" title=move || pg.t(T::Mandatory)>
                <input type="checkbox" prop:checked=mandatory
                    aria-label=move || format!("{} ({})", pg.t(T::Mandatory), name.get_value())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        pg.edit(|s| if let Some(k) = position(s) { s.services[v].publishes[k].mandatory = on; });
                    } />
                "mandatory"
            </label>
        </Show>
        <Show when=move || need() != Needs::Nothing>
            <WireText class="envelope-field" label=T::Envelope name=name value=value
                placeholder=move || match need() { Needs::Attributes => "name=value", Needs::Key => "key", _ => "routing.key" }
                apply=move |text: String| {
                    let need = need();
                    pg.edit(|s| if let Some(k) = position(s) {
                        let p = &mut s.services[v].publishes[k];
                        let some = Some(text.clone()).filter(|t| !t.is_empty());
                        match need {
                            Needs::RoutingKey => p.routing_key = some,
                            Needs::Attributes => p.attributes = parse_pairs(&text),
                            Needs::Key => p.key = some,
                            Needs::Nothing => {}
                        }
                    });
                } />
        </Show>
        </span>
    }
}

/// What the binding from exchange `exchange` to channel `to` lets through.
#[component]
pub fn BindingField(exchange: ChannelId, to: String, name: String) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let c = exchange.index();
    let to = StoredValue::new(to);
    let name = StoredValue::new(name);
    let routing = move || {
        pg.scenario
            .with(|s| match s.channels.get(c).map(|c| &c.kind) {
                Some(ChannelKind::Exchange(x)) => x.routing,
                _ => Routing::Fanout,
            })
    };
    let value = move || {
        pg.scenario.with(|s| {
            let Some(ChannelKind::Exchange(x)) = s.channels.get(c).map(|c| &c.kind) else {
                return String::new();
            };
            let Some(b) = x.bindings.iter().find(|b| to.with_value(|t| b.to == *t)) else {
                return String::new();
            };
            match x.routing {
                Routing::Direct | Routing::Topic => b.key.clone().unwrap_or_default(),
                Routing::Headers => show_pairs(b.headers.iter().map(|(k, v)| (k, v.clone()))),
                Routing::Filter => show_pairs(b.filter.iter().map(|(k, v)| (k, v.join("|")))),
                Routing::Fanout => String::new(),
            }
        })
    };
    let any = move || {
        pg.scenario
            .with(|s| match s.channels.get(c).map(|c| &c.kind) {
                Some(ChannelKind::Exchange(x)) => x
                    .bindings
                    .iter()
                    .any(|b| to.with_value(|t| b.to == *t) && b.match_mode == MatchMode::Any),
                _ => false,
            })
    };
    view! {
        <Show when=move || routing() != Routing::Fanout>
            <WireText class="binding-field" label=T::BindingKey name=name value=value
                placeholder=move || match routing() { Routing::Headers => "name=value", Routing::Filter => "name=a|b", _ => "order.*" }
                apply=move |text: String| {
                    let to = to.get_value();
                    pg.edit(|s| if let ChannelKind::Exchange(x) = &mut s.channels[c].kind {
                        let routing = x.routing;
                        if let Some(b) = x.bindings.iter_mut().find(|b| b.to == to) {
                            match routing {
                                Routing::Headers => b.headers = parse_pairs(&text),
                                Routing::Filter => b.filter = parse_pairs(&text)
                                    .into_iter()
                                    .map(|(k, v)| (k, v.split('|').map(|x| x.trim().to_string()).collect()))
                                    .collect(),
                                _ => b.key = Some(text.clone()).filter(|t| !t.is_empty()),
                            }
                        }
                    });
                } />
        </Show>
        <Show when=move || routing() == Routing::Headers>
            <select class="match-field" aria-label=move || format!("x-match ({})", name.get_value())
                on:change=move |ev| {
                    let to = to.get_value();
                    let mode = if event_target_value(&ev) == "any" { MatchMode::Any } else { MatchMode::All };
                    pg.edit(|s| if let ChannelKind::Exchange(x) = &mut s.channels[c].kind {
                        if let Some(b) = x.bindings.iter_mut().find(|b| b.to == to) { b.match_mode = mode; }
                    });
                }>
                <option value="all" selected=move || !any()>"all"</option>
                <option value="any" selected=any>"any"</option>
            </select>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_read_and_write_the_same_way() {
        let pairs = parse_pairs("kind = email, format=pdf, junk");
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs["kind"], "email");
        assert_eq!(
            show_pairs(pairs.iter().map(|(k, v)| (k, v.clone()))),
            "format=pdf, kind=email"
        );
    }
}
