//! New, example, import (button or drag-and-drop; a Kurir scenario, a
//! RabbitMQ definitions file or an AsyncAPI 3 document), the export dialog's button, share link and
//! embed snippet. A failed import never touches the current work.

use kurir_engine::formats::{self, rabbitmq::definitions};
use kurir_engine::input::{link, MAX_SCENARIO_BYTES};
use kurir_engine::scenario::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::io::export::{self, ExportDialog};
use crate::io::modal::Modal;
use crate::io::{browser, gallery};
use crate::state::Playground;
use crate::text::i18n::T;

/// Reads a user's file and opens it if it is a valid scenario.
pub fn import_file(pg: Playground, file: web_sys::File) {
    if file.size() > MAX_SCENARIO_BYTES as f64 {
        pg.notice.set(Some(format!(
            "{} {}",
            pg.t(T::ImportFailed),
            pg.t(T::FileTooLarge)
        )));
        return;
    }
    let name = file.name();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let Some(text) = text.ok().and_then(|v| v.as_string()) else {
            pg.notice
                .set(Some(format!("{} {name}", pg.t(T::ImportFailed))));
            return;
        };
        match formats::kind_of(&text) {
            formats::Kind::RabbitmqDefinitions => {
                let got = definitions::import(&text);
                return import_other(pg, &name, got, T::DefinitionsImported);
            }
            formats::Kind::Asyncapi => {
                let got = formats::asyncapi::import(&text);
                return import_other(pg, &name, got, T::AsyncapiImported);
            }
            formats::Kind::Scenario => {}
        }
        match Scenario::from_json(&text) {
            Ok(s) => {
                if pg.replace(s) {
                    pg.info.set(Some(format!("{} {name}", pg.t(T::Imported))));
                    set_timeout(move || pg.info.set(None), std::time::Duration::from_secs(5));
                }
            }
            Err(e) => pg.notice.set(Some(format!(
                "{} {name}: {}",
                pg.t(T::ImportFailed),
                crate::text::errors::describe(&e, pg.lang.get_untracked())
            ))),
        }
    });
}

/// Opens another tool's file (read as `got`), saying what it is (`what`)
/// and what it left out.
fn import_other(
    pg: Playground,
    name: &str,
    got: Result<formats::Imported, formats::FormatError>,
    what: T,
) {
    let lang = pg.lang.get_untracked();
    match got {
        Ok(got) => {
            if pg.replace(got.scenario) {
                let mut said = format!("{} {name}. {}", pg.t(T::Imported), pg.t(what));
                if !got.unmapped.is_empty() {
                    let list = crate::text::formats::unmapped(&got.unmapped, lang);
                    said = format!("{said}\n{}\n{list}", pg.t(T::LeftOut));
                }
                // Stays until closed: there is something to read.
                pg.info.set(Some(said));
            }
        }
        Err(e) => pg.notice.set(Some(format!(
            "{} {name}: {}",
            pg.t(T::ImportFailed),
            crate::text::formats::format_error(&e, lang)
        ))),
    }
}

/// The first file of a drop, if any.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

/// File and sharing buttons, with the share/embed dialog.
#[component]
pub fn FileMenu() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let dialog = RwSignal::new(None::<bool>); // Some(false) share, Some(true) embed
    let exporting = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let export = move || export::export(pg);
    view! {
        <button id="new" on:click=move |_| {
            // Undo brings the work back: say so, since New asks nothing.
            if pg.replace(gallery::blank()) { pg.notice.set(Some(pg.t(T::NewUndo).to_string())) }
        }>{move || pg.t(T::New)}</button>
        <select id="gallery" aria-label=move || pg.t(T::Example) on:change=move |ev| {
            let el: web_sys::HtmlSelectElement = event_target(&ev);
            if let Some(s) = gallery::get(&el.value()) {
                pg.replace(s);
            }
            el.set_value("");
        }>
            <option value="" selected=true>{move || format!("{}…", pg.t(T::Example))}</option>
            {gallery::ids().map(|id| {
                // Built-in examples are named in the interface language.
                let label = gallery::label(id);
                view! { <option value=id>{move || label.map_or(id, |t| pg.t(t))}</option> }
            }).collect_view()}
        </select>
        <button id="export" on:click=move |_| exporting.set(true)>{move || pg.t(T::Export)}</button>
        <button id="import" on:click=move |_| if let Some(el) = input.get_untracked() { el.click() }>{move || pg.t(T::Import)}</button>
        <input type="file" accept=".json,application/json,.yaml,.yml" node_ref=input id="import-file" hidden
            on:change=move |ev| {
                let el: web_sys::HtmlInputElement = event_target(&ev);
                if let Some(file) = el.files().and_then(|f| f.get(0)) {
                    import_file(pg, file);
                }
                el.set_value("");
            } />
        <button id="share" on:click=move |_| dialog.set(Some(false))>{move || pg.t(T::Share)}</button>
        <button id="embed" on:click=move |_| dialog.set(Some(true))>{move || pg.t(T::Embed)}</button>
        {move || exporting.get().then(|| view! { <ExportDialog close=move || {
            exporting.set(false);
            if let Some(el) = document().get_element_by_id("export") {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        } /> })}
        {move || dialog.get().map(|embed| view! { <ShareDialog embed=embed close=move || {
            dialog.set(None);
            // Focus goes back to the button that opened the dialog.
            let opener = if embed { "embed" } else { "share" };
            if let Some(el) = document().get_element_by_id(opener) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        } export=export /> })}
    }
}

#[component]
fn ShareDialog<C, E>(embed: bool, close: C, export: E) -> impl IntoView
where
    C: Fn() + Copy + Send + Sync + 'static,
    E: Fn() + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    let payload = link::encode(&pg.scenario.get_untracked());
    let too_long = payload.len() > link::SHARE_LIMIT_CHARS;
    let base = browser::base_url();
    let base = base.split('?').next().unwrap_or_default().to_string();
    let link = StoredValue::new((base, payload));
    // Embed options, chosen with checkboxes (`address::EMBED_PARTS`).
    let options = RwSignal::new([false; 5]);
    let copied = RwSignal::new(None::<bool>);
    let text = move || {
        link.with_value(|(base, payload)| {
            if embed {
                let query = crate::io::address::embed_query(options.get());
                format!(
                    "<iframe src=\"{base}{query}#s={payload}\" title=\"Kurir\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
                )
            } else {
                format!("{base}#s={payload}")
            }
        })
    };
    let option_box = move |k: usize, id: &'static str, label: T| {
        view! {
            <label class="field toggle">
                <input type="checkbox" id=id prop:checked=move || options.get()[k]
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        options.update(|o| o[k] = on);
                        copied.set(None);
                    } />
                <span>{move || pg.t(label)}</span>
            </label>
        }
    };
    // Focus moves into the dialog when it opens: onto the link, else onto Close.
    let field = NodeRef::<leptos::html::Textarea>::new();
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(el) = field.get() {
            let _ = el.focus();
        } else if let Some(el) = close_button.get() {
            let _ = el.focus();
        }
    });
    view! {
        <Modal title_id="dialog-title" close=close>
                <h2 id="dialog-title">{move || if embed { pg.t(T::Embed) } else { pg.t(T::Share) }}</h2>
                {if too_long {
                    view! {
                        <p>{move || pg.t(T::ShareTooLong)}</p>
                        <button class="accent" on:click=move |_| export()>{move || pg.t(T::Export)}</button>
                    }.into_any()
                } else {
                    view! {
                        <p class="hint">{move || if embed { pg.t(T::EmbedIntro) } else { pg.t(T::ShareIntro) }}</p>
                        {embed.then(|| view! {
                            <fieldset class="embed-options">
                                <legend>{move || pg.t(T::EmbedOptions)}</legend>
                                {option_box(0, "embed-readonly", T::EmbedReadonly)}
                                {option_box(1, "embed-wait", T::EmbedWait)}
                                {option_box(2, "embed-rpc", T::EmbedRpc)}
                                {option_box(3, "embed-id", T::EmbedIndonesian)}
                                {option_box(4, "embed-panels", T::EmbedPanels)}
                            </fieldset>
                        })}
                        <textarea id="share-text" readonly rows="4" node_ref=field prop:value=text
                            aria-label=move || if embed { pg.t(T::Embed) } else { pg.t(T::Share) }
                            on:focus=move |ev| {
                            let el: web_sys::HtmlTextAreaElement = event_target(&ev);
                            el.select();
                        }></textarea>
                        <button class="accent" id="copy" on:click=move |_| {
                            let now = text();
                            leptos::task::spawn_local(async move { copied.set(Some(browser::copy(&now).await)) });
                        }>{move || pg.t(match copied.get() { Some(true) => T::Copied, Some(false) => T::CopyFailed, None => T::Copy })}</button>
                        <span class="visually-hidden" role="status">{move || copied.get().map(|ok| pg.t(if ok { T::Copied } else { T::CopyFailed }))}</span>
                    }.into_any()
                }}
                <button id="close-dialog" node_ref=close_button on:click=move |_| close()>{move || pg.t(T::Close)}</button>
        </Modal>
    }
}
