//! Export: the scenario as a Kurir file, as an AsyncAPI 3.0 document, as a
//! script that runs it on a real broker, or
//! its RabbitMQ part as a definitions file (`rabbitmqctl
//! import_definitions`), chosen in a dialog that also says what a format
//! left out.

use kurir_engine::formats::rabbitmq::definitions;
use kurir_engine::scenario::Scenario;
use leptos::prelude::*;

use crate::io::browser;
use crate::io::modal::Modal;
use crate::state::Playground;
use crate::text::i18n::T;

/// Offers the current scenario as a JSON file.
pub fn export(pg: Playground) {
    let s = pg.scenario.get_untracked();
    if let Err(e) = browser::download(&file_name(&s, "kurir"), &s.to_json()) {
        pg.notice.set(Some(e));
    }
}

/// Offers the scenario as an AsyncAPI 3.0 document.
fn export_asyncapi(pg: Playground) {
    let s = pg.scenario.get_untracked();
    let text = kurir_engine::formats::asyncapi::export(&s);
    if let Err(e) = browser::download(&file_name(&s, "asyncapi"), &text) {
        pg.notice.set(Some(e));
    }
}

/// Offers the "run it for real" script; false when no runner fits.
fn export_script(pg: Playground) -> bool {
    let s = pg.scenario.get_untracked();
    let Some(text) = kurir_engine::formats::run_for_real::script(&s) else {
        return false;
    };
    if let Err(e) = browser::download(&file_name_ext(&s, "run-for-real", "sh"), &text) {
        pg.notice.set(Some(e));
    }
    true
}

/// Offers the scenario's RabbitMQ part as a definitions file. Returns what
/// to say, in the user's language: what the file left out, or why there
/// is no file; `None` when everything went in.
fn export_rabbitmq(pg: Playground) -> Option<String> {
    let s = pg.scenario.get_untracked();
    let lang = pg.lang.get_untracked();
    match definitions::export(&s) {
        Ok((text, left)) => {
            if let Err(e) = browser::download(&file_name(&s, "rabbitmq-definitions"), &text) {
                return Some(e);
            }
            (!left.is_empty()).then(|| {
                let list = crate::text::formats::unmapped(&left, lang);
                format!("{}\n{list}", pg.t(T::ExportedLeftOut))
            })
        }
        Err(e) => Some(crate::text::errors::describe(&e, lang)),
    }
}

/// `<scenario name>.<kind>.json`, safe on every file system.
fn file_name(s: &Scenario, kind: &str) -> String {
    file_name_ext(s, kind, "json")
}

/// `<scenario name>.<kind>.<ext>`.
fn file_name_ext(s: &Scenario, kind: &str, ext: &str) -> String {
    let base: String = s
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let base = base.trim_matches('-');
    format!(
        "{}.{kind}.{ext}",
        if base.is_empty() { "scenario" } else { base }
    )
}

/// The export dialog: one button per format, each with a line on where the
/// file goes next.
#[component]
pub fn ExportDialog<C>(close: C) -> impl IntoView
where
    C: Fn() + Copy + Send + Sync + 'static,
{
    let pg = expect_context::<Playground>();
    let said = RwSignal::new(None::<String>);
    let first = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });
    view! {
        <Modal title_id="export-title" close=close>
                <h2 id="export-title">{move || pg.t(T::Export)}</h2>
                <div class="export-choice">
                    <button class="accent" id="export-kurir" node_ref=first on:click=move |_| {
                        export(pg);
                        close();
                    }>{move || pg.t(T::KurirScenario)}</button>
                    <p class="hint">{move || pg.t(T::KurirScenarioHint)}</p>
                </div>
                <div class="export-choice">
                    <button id="export-asyncapi" on:click=move |_| {
                        export_asyncapi(pg);
                        close();
                    }>{move || pg.t(T::AsyncApi)}</button>
                    <p class="hint">{move || pg.t(T::AsyncApiHint)}</p>
                </div>
                <div class="export-choice">
                    <button id="export-rabbitmq" on:click=move |_| said.set(Some(export_rabbitmq(pg).unwrap_or_else(|| pg.t(T::NothingLeftOut).to_string())))>
                        {move || pg.t(T::RabbitmqDefinitions)}
                    </button>
                    <p class="hint">{move || pg.t(T::RabbitmqDefinitionsHint)}</p>
                </div>
                <div class="export-choice">
                    <button id="export-script" on:click=move |_| {
                        if export_script(pg) {
                            close();
                        } else {
                            said.set(Some(pg.t(T::RunForRealNone).to_string()));
                        }
                    }>{move || pg.t(T::RunForReal)}</button>
                    <p class="hint">{move || pg.t(T::RunForRealHint)}</p>
                </div>
                <p class="export-said" role="status">{move || said.get()}</p>
                <button id="close-export" on:click=move |_| close()>{move || pg.t(T::Close)}</button>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::gallery;

    #[test]
    fn export_names_are_safe_file_names() {
        let mut s = kurir_engine::examples::lesson();
        assert_eq!(
            file_name(&s, "kurir"),
            "order-fan-out--the-lesson-s-example.kurir.json"
        );
        s.name = "../../etc/<x>".into();
        assert!(!file_name(&s, "kurir").contains('/'));
        s.name.clear();
        assert_eq!(
            file_name(&s, "rabbitmq-definitions"),
            "scenario.rabbitmq-definitions.json"
        );
        assert!(kurir_engine::Sim::new(gallery::blank(), Default::default()).is_ok());
    }
}
