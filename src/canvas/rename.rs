//! Renaming a node in place: an input over the node, Enter or leaving
//! applies, Escape cancels.

use kurir_engine::Node;
use leptos::prelude::*;

use crate::model::geometry::node_box;
use crate::model::view::View;
use crate::state::Playground;
use crate::text::i18n::T;

/// An input over a node to rename it in place: Enter or leaving applies,
/// Escape cancels.
#[component]
pub(super) fn RenameBox(
    node: Node,
    view: RwSignal<View>,
    renaming: RwSignal<Option<Node>>,
) -> impl IntoView {
    let pg = expect_context::<Playground>();
    let input = NodeRef::<leptos::html::Input>::new();
    let (name, at) = pg.scenario.with_untracked(|s| {
        let name = match node {
            Node::Service(i) => s.services.get(i.index()).map(|v| v.name.clone()),
            Node::Channel(i) => s.channels.get(i.index()).map(|c| c.name.clone()),
        };
        (name.unwrap_or_default(), node_box(s, node).c)
    });
    let apply = move || {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let text = el.value().trim().to_string();
        renaming.set(None);
        if text.chars().count() > kurir_engine::compile::limits::MAX_NAME {
            pg.notice
                .set(Some(format!("{} {}", pg.t(T::Name), pg.t(T::TooLong))));
            return;
        }
        pg.edit(|s| match node {
            Node::Service(i) => s.services[i.index()].name = text,
            Node::Channel(i) => s.channels[i.index()].name = text,
        });
    };
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    // Set through CSSOM (`style:`), which a strict Content-Security-Policy
    // allows, unlike a `style` attribute.
    let left = move || view.with(|v| format!("{:.0}px", v.x + at.x * v.zoom - 80.0));
    let top = move || view.with(|v| format!("{:.0}px", v.y + at.y * v.zoom - 16.0));
    view! {
        <input class="rename" id="rename" node_ref=input type="text" value=name style:left=left style:top=top
            aria-label=move || pg.t(T::Rename)
            on:keydown=move |ev| match ev.key().as_str() {
                "Enter" => apply(),
                "Escape" => renaming.set(None),
                _ => {}
            }
            on:blur=move |_| if renaming.get_untracked().is_some() { apply() } />
    }
}
