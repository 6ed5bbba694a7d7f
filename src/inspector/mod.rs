//! The inspector: settings of the selected node, applied live; and the
//! keyboard path for wiring ("Connect to…").

mod channel;
mod channel_queue;
mod channel_router;
pub mod checks;
mod field;
mod kind_part;
mod queue_messages;
mod service;
mod wire_fields;

use kurir_engine::{ChannelId, Node, ServiceId};
use leptos::prelude::*;

use crate::model::edits;
use crate::state::Playground;
use crate::text::i18n::T;

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let single = move || {
        pg.selection
            .with(|s| if s.len() == 1 { Some(s[0]) } else { None })
    };
    view! {
        <section class="inspector" aria-label=move || pg.t(T::Inspector)>
            // (a wire selected before an undo or another scenario may be gone)
            {move || match (single(), pg.wire.get().filter(|w| pg.scenario.with(|s| edits::wires(s).contains(w)))) {
                (Some(Node::Service(i)), _) => view! { <service::ServiceInspector index=i /> }.into_any(),
                (Some(Node::Channel(i)), _) => view! { <channel::ChannelInspector index=i /> }.into_any(),
                (None, Some((a, b))) => view! { <SelectedWire from=a to=b /> }.into_any(),
                (None, None) => view! { <Overview /> }.into_any(),
            }}
        </section>
    }
}

/// A wire selected on the canvas: what it is, and a button to remove it
/// (Delete does the same).
#[component]
fn SelectedWire(from: Node, to: Node) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let names = move || pg.scenario.with(|s| (node_name(s, from), node_name(s, to)));
    let what = move || match (from, to) {
        (Node::Service(_), _) => T::WirePublish,
        (Node::Channel(_), Node::Service(_)) => T::WireSubscribe,
        _ => T::WireBinding,
    };
    view! {
        <h2>{move || pg.t(T::Wire)}": " {move || { let (a, b) = names(); format!("{a} → {b}") }}</h2>
        <p class="hint">{move || pg.t(what())}</p>
        <div class="actions">
            <button id="remove-wire" class="danger" on:click=move |_| pg.delete_wire()>{move || pg.t(T::RemoveWire)}</button>
        </div>
    }
}

/// Shown when nothing is selected: what the colours mean and the shortcuts.
#[component]
fn Overview() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let swatch = |var: &'static str, key: T| {
        view! {
            // A class per colour, not a style attribute: a strict
            // Content-Security-Policy (style-src 'self') refuses those.
            <li><span class=format!("swatch {}", var.trim_start_matches("--"))></span>{move || pg.t(key)}</li>
        }
    };
    let example = crate::panels::example_note::current_example(pg);
    view! {
        <p class="hint">{move || pg.t(T::NothingSelected)}</p>
        {move || example.get().map(|id| view! {
            <h3>{move || pg.t(T::AboutExample)}</h3>
            <div class="example-about"><crate::panels::example_note::ExampleNote id=id /></div>
        })}
        <h3>{move || pg.t(T::Legend)}</h3>
        <ul class="legend">
            {swatch("--dot-publish", T::LegendPublish)}
            {swatch("--dot-deliver", T::LegendDeliver)}
            {swatch("--dot-request", T::LegendRequest)}
            {swatch("--dot-reply", T::LegendReply)}
        </ul>
        <NetworkFields />
        <h3>{move || pg.t(T::Shortcuts)}</h3>
        <p class="keys">
            <kbd>"O"</kbd>" " {move || pg.t(T::PlaceOrder)}" · "<kbd>"L"</kbd>" " {move || pg.t(T::Lesson)}<br/>
            <kbd>"Ctrl+Z"</kbd>" " {move || pg.t(T::Undo)}" · "<kbd>"Ctrl+Shift+Z"</kbd>" " {move || pg.t(T::Redo)}<br/>
            <kbd>"Del"</kbd>" " {move || pg.t(T::Delete)}" · "<kbd>"Ctrl+D"</kbd>" " {move || pg.t(T::Duplicate)}<br/>
            <kbd>"Tab"</kbd>" + "<kbd>"Enter"</kbd>" " {move || pg.t(T::KeysSelect)}<br/>
            <kbd>"I"</kbd>" " {move || pg.t(T::KeysInspector)}" · "<kbd>"Esc"</kbd>" " {move || pg.t(T::KeysCanvas)}<br/>
            <kbd>"←↑→↓"</kbd>" " {move || pg.t(T::KeysMove)}" · "<kbd>"F"</kbd>" " {move || pg.t(T::FitView)}
        </p>
    }
}

/// The scenario's network: how long a hop takes, handing a message to the
/// broker, and how long an RPC caller waits (applied live like any edit).
#[component]
fn NetworkFields() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let get = move |f: fn(&kurir_engine::scenario::Network) -> f64| {
        move || pg.scenario.with(|s| checks::show_ms(f(&s.network)))
    };
    view! {
        <h3>{move || pg.t(T::Network)}</h3>
        <p class="hint">{move || pg.t(T::NetworkHint)}</p>
        <field::Field label=T::LatencyMs id="net-latency" kind="text" value=get(|n| n.latency_ms)
            check=|text| checks::millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::millis(text) { pg.edit(|s| s.network.latency_ms = ms); } />
        <field::Field label=T::PublishMs id="net-publish" kind="text" value=get(|n| n.publish_ms)
            check=|text| checks::millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::millis(text) { pg.edit(|s| s.network.publish_ms = ms); } />
        <field::Field label=T::RpcTimeoutMs id="net-rpc-timeout" kind="text" value=get(|n| n.rpc_timeout_ms)
            check=|text| checks::positive_millis(text).map(|_| ())
            apply=move |text| if let Ok(ms) = checks::positive_millis(text) { pg.edit(|s| s.network.rpc_timeout_ms = ms); } />
    }
}

/// Delete and duplicate buttons for the selection.
#[component]
fn NodeActions(node: Node) -> impl IntoView {
    let pg = expect_context::<Playground>();
    view! {
        <div class="actions">
            <button id="duplicate" on:click=move |_| pg.duplicate(node)>{move || pg.t(T::Duplicate)}</button>
            <button id="delete" class="danger" on:click=move |_| pg.delete(&[node])>{move || pg.t(T::Delete)}</button>
        </div>
    }
}

/// Lists the wires of a node with a remove button each, and a select that
/// draws a new wire to any valid target (the keyboard way to wire).
#[component]
fn WireList(node: Node) -> impl IntoView {
    let pg = expect_context::<Playground>();
    // (other node, its name, true when the wire goes out of this node)
    let linked = move || {
        pg.scenario.with(|s| {
            edits::wires(s)
                .into_iter()
                .filter_map(|(a, b)| {
                    if a == node {
                        Some((b, true))
                    } else if b == node {
                        Some((a, false))
                    } else {
                        None
                    }
                })
                .map(|(other, out)| (other, node_name(s, other), out))
                .collect::<Vec<_>>()
        })
    };
    // What a new wire from or to this node may join, for one direction:
    // `out` = from this node (it publishes, is subscribed by, binds to).
    let targets = move |out: bool| {
        pg.scenario.with(|s| {
            let linked: Vec<Node> = linked()
                .into_iter()
                .filter(|l| l.2 == out)
                .map(|(n, _, _)| n)
                .collect();
            let channels = (0..s.channels.len() as u32).map(|i| Node::Channel(ChannelId(i)));
            let services = (0..s.services.len() as u32).map(|i| Node::Service(ServiceId(i)));
            let candidates: Vec<Node> = match (node, out) {
                (Node::Service(_), true) => channels.collect(),
                // Nobody consumes an exchange: it routes to channels.
                (Node::Service(_), false) => channels
                    .filter(|n| !matches!(n, Node::Channel(c) if edits::is_exchange(s, *c)))
                    .collect(),
                (Node::Channel(c), true) if edits::is_exchange(s, c) => {
                    channels.filter(|n| *n != node).collect()
                }
                (Node::Channel(_), _) => services.collect(),
            };
            candidates
                .into_iter()
                .filter(|n| !linked.contains(n))
                .map(|n| (n, node_name(s, n)))
                .collect::<Vec<_>>()
        })
    };
    let (out_heading, in_heading) = match node {
        Node::Service(_) => (T::PublishesTo, T::SubscribesTo),
        Node::Channel(c) if pg.scenario.with_untracked(|s| edits::is_exchange(s, c)) => {
            (T::BoundTo, T::PublishedBy)
        }
        Node::Channel(_) => (T::SubscribedBy, T::PublishedBy),
    };
    // The action under each list says what it makes.
    let (out_action, in_action) = match node {
        Node::Service(_) => (T::PublishToAction, T::SubscribeToAction),
        Node::Channel(c) if pg.scenario.with_untracked(|s| edits::is_exchange(s, c)) => {
            (T::BindToAction, T::AddPublisherAction)
        }
        Node::Channel(_) => (T::AddSubscriberAction, T::AddPublisherAction),
    };
    // Subscribers of fan-out channels and logs join groups.
    let pubsub = move |c: ChannelId| {
        pg.scenario.with_untracked(|s| {
            matches!(
                s.channels.get(c.index()).map(|c| &c.kind),
                Some(
                    kurir_engine::scenario::ChannelKind::PubSub
                        | kurir_engine::scenario::ChannelKind::Log(_)
                )
            )
        })
    };
    let list = move |out: bool| {
        move || {
            let mut seen: Vec<Node> = Vec::new();
            linked()
                .into_iter()
                .filter(|l| l.2 == out)
                .map(|(other, name, _)| {
                    // Which publish to this channel it is (a service may send
                    // several messages to one exchange).
                    let nth = seen.iter().filter(|&&n| n == other).count();
                    seen.push(other);
                    // A fan-out or log subscriber can join a group; a queue
                    // subscriber chooses its ack mode and prefetch; a message
                    // and a binding carry what routing needs.
                    let group_field = match (node, other, out) {
                        (Node::Channel(c), Node::Service(v), true) if pubsub(c) => {
                            Some(view! { <GroupField channel=c service=v name=name.clone() /> }.into_any())
                        }
                        (Node::Channel(c), Node::Service(v), true) => {
                            Some(view! { <QueueTerms channel=c service=v name=name.clone() /> }.into_any())
                        }
                        (Node::Service(v), Node::Channel(c), true) => {
                            let channel = pg.scenario.with_untracked(|s| s.channels[c.index()].id.clone());
                            Some(view! { <wire_fields::EnvelopeField service=v channel=channel nth=nth name=name.clone() /> }.into_any())
                        }
                        (Node::Channel(c), Node::Channel(to), true) => {
                            let to = pg.scenario.with_untracked(|s| s.channels[to.index()].id.clone());
                            Some(view! { <wire_fields::BindingField exchange=c to=to name=name.clone() /> }.into_any())
                        }
                        _ => None,
                    };
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            {group_field}
                            <button class="small" aria-label=move || format!("{} {}", pg.t(T::Disconnect), name)
                                on:click=move |_| { pg.edit(|s| edits::disconnect(s, node, other)); }>"✕"</button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <div class="wires-list">
            <h3>{move || pg.t(out_heading)}</h3>
            <ul class="out">{list(true)}</ul>
            <AddWire node=node out=true action=out_action targets=move || targets(true) />
            <h3>{move || pg.t(in_heading)}</h3>
            <ul class="in">{list(false)}</ul>
            <AddWire node=node out=false action=in_action targets=move || targets(false) />
        </div>
    }
}

/// A new wire, chosen then added: choosing alone changes nothing (arrow
/// keys on a select change its value at once), the button makes it.
#[component]
fn AddWire<F>(node: Node, out: bool, action: T, targets: F) -> impl IntoView
where
    F: Fn() -> Vec<(Node, String)> + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    let chosen = RwSignal::new(String::new());
    let id = if out { "connect-out" } else { "connect-in" };
    let add = move || {
        let value = chosen.get_untracked();
        let Some(other) = targets()
            .into_iter()
            .map(|(n, _)| n)
            .find(|n| node_key(*n) == value)
        else {
            return;
        };
        let (from, to) = if out { (node, other) } else { (other, node) };
        // Targets are of the kinds this direction joins, so the wire is
        // valid; the engine may still refuse it (a loop).
        if pg
            .edit(|s| {
                let _ = edits::connect(s, from, to);
            })
            .is_none()
        {
            pg.notice.set(Some(pg.t(T::CycleRefused).to_string()));
        }
        chosen.set(String::new());
    };
    view! {
        <Show when=move || !targets().is_empty()>
            <div class="add-wire">
                <select id=id aria-label=move || pg.t(action)
                    prop:value=move || chosen.get()
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add() }>
                    <option value="">{move || pg.t(action)}</option>
                    {move || targets().into_iter().map(|(n, name)| view! {
                        <option value=node_key(n)>{name}</option>
                    }).collect_view()}
                </select>
                <button class="small" id=format!("{id}-add") prop:disabled=move || chosen.get().is_empty()
                    on:click=move |_| add()>{move || pg.t(T::Add)}</button>
            </div>
        </Show>
    }
}

/// Ack mode and prefetch of one queue subscription.
#[component]
fn QueueTerms(channel: ChannelId, service: ServiceId, name: String) -> impl IntoView {
    use kurir_engine::scenario::AckMode;
    let pg = expect_context::<Playground>();
    let find = move |s: &kurir_engine::Scenario| edits::subscription(s, channel, service);
    let auto = move || {
        pg.scenario
            .with(|s| find(s).is_some_and(|k| s.subscriptions[k].ack == AckMode::Auto))
    };
    let prefetch = move || {
        pg.scenario.with(|s| {
            find(s).map_or(String::new(), |k| {
                let w = &s.subscriptions[k];
                w.prefetch
                    .unwrap_or(s.services[service.index()].workers)
                    .to_string()
            })
        })
    };
    let error = RwSignal::new(None::<T>);
    let label = name.clone();
    view! {
        <select class="ack-field" aria-label=move || format!("{} ({name})", pg.t(T::AckMode))
            on:change=move |ev| {
                let is_auto = event_target_value(&ev) == "auto";
                pg.edit(|s| if let Some(k) = find(s) {
                    s.subscriptions[k].ack = if is_auto { AckMode::Auto } else { AckMode::Manual };
                });
            }>
            <option value="manual" selected=move || !auto()>{move || pg.t(T::AckManual)}</option>
            <option value="auto" selected=auto>{move || pg.t(T::AckAuto)}</option>
        </select>
        <input class="prefetch-field" type="number" min="1" step="1" prop:value=prefetch
            prop:disabled=auto title=move || pg.t(T::Prefetch)
            aria-label=move || format!("{} ({label})", pg.t(T::Prefetch))
            aria-invalid=move || error.get().is_some().to_string()
            on:change=move |ev| match checks::workers(&event_target_value(&ev)) {
                Ok(n) => {
                    error.set(None);
                    pg.edit(|s| if let Some(k) = find(s) { s.subscriptions[k].prefetch = Some(n) });
                }
                Err(e) => {
                    error.set(Some(e));
                    pg.notice.set(Some(format!("{}: {}", pg.t(T::Prefetch), pg.t(e))));
                }
            } />
    }
}

/// The group of one subscription of a fan-out channel (empty: its own copy).
#[component]
fn GroupField(channel: ChannelId, service: ServiceId, name: String) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let find = move |s: &kurir_engine::Scenario| edits::subscription(s, channel, service);
    let value = move || {
        pg.scenario.with(|s| {
            find(s)
                .and_then(|k| s.subscriptions[k].group.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <input class="group-field" type="text" placeholder=move || pg.t(T::Group) prop:value=value
            aria-label=move || format!("{} ({name})", pg.t(T::Group))
            on:change=move |ev| {
                let text = event_target_value(&ev).trim().to_string();
                pg.edit(|s| if let Some(k) = find(s) {
                    s.subscriptions[k].group = Some(text).filter(|g| !g.is_empty());
                });
            } />
    }
}

fn node_key(n: Node) -> String {
    match n {
        Node::Service(i) => format!("s{}", i.0),
        Node::Channel(i) => format!("c{}", i.0),
    }
}

fn node_name(s: &kurir_engine::Scenario, n: Node) -> String {
    match n {
        Node::Service(i) => s.service_name(i.index()).to_string(),
        Node::Channel(i) => s.channel_name(i.index()).to_string(),
    }
}
