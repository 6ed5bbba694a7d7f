//! Component tests: real Leptos components, mounted in headless Chromium
//! (wasm-bindgen-test), driving the real engine.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use kurir::shell::toolbar::Toolbar;
use kurir::state::Playground;
use kurir::text::i18n::Lang;
use kurir_engine::base::time::SEC;
use kurir_engine::examples::lesson;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_the_lessons_eight_nodes() {
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), kurir::App);
    TimeoutFuture::new(50).await;
    let nodes = el.query_selector_all("[data-node]").unwrap();
    assert_eq!(nodes.length(), 8);
    assert!(el
        .query_selector("[data-node=\"service:order\"]")
        .unwrap()
        .is_some());
    // The frame loop runs: after a click the order is answered in real time.
    let button: web_sys::HtmlElement = el
        .query_selector("#place-order")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    TimeoutFuture::new(400).await;
    let log = el
        .query_selector("ol.log")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(log.contains("Order #1 answered after 53.0 ms"), "{log}");
    drop(handle);
}

#[wasm_bindgen_test]
fn the_playground_state_drives_the_real_engine() {
    let owner = Owner::new();
    owner.with(|| {
        let pg = Playground::new(lesson(), Lang::En);
        pg.place_order();
        pg.advance(5 * SEC);
        let figures = pg.figures.get_untracked();
        assert_eq!(figures.placed, 1);
        assert_eq!(figures.completed, 1);
        assert_eq!(pg.snap.get_untracked().services[4].processed, 1);
        let log = pg.log.get_untracked();
        assert!(log
            .iter()
            .any(|l| l.text == "Order #1 placed at Order service"));
    });
}

#[wasm_bindgen_test]
fn an_invalid_edit_is_refused_and_the_work_stays() {
    let owner = Owner::new();
    owner.with(|| {
        let pg = Playground::new(lesson(), Lang::En);
        pg.place_order();
        pg.advance(SEC / 10);
        let before = pg.scenario.get_untracked();
        assert!(pg.edit(|s| s.services[1].workers = 0).is_none());
        assert_eq!(pg.scenario.get_untracked(), before);
        let notice = pg.notice.get_untracked().unwrap();
        assert!(notice.contains("services[1].workers"), "{notice}");
        // The run was not reset by the refused edit.
        assert!(pg.snap.get_untracked().now >= SEC / 10);
    });
}

#[wasm_bindgen_test]
fn undo_and_redo_walk_the_edit_history() {
    let owner = Owner::new();
    owner.with(|| {
        let pg = Playground::new(lesson(), Lang::En);
        assert!(pg.edit(|s| s.services[2].name = "Texts".into()).is_some());
        assert!(pg.edit(|s| s.services[2].workers = 3).is_some());
        pg.undo();
        assert_eq!(pg.scenario.get_untracked().services[2].workers, 1);
        pg.undo();
        assert_eq!(pg.scenario.get_untracked().services[2].name, "SMS service");
        pg.redo();
        assert_eq!(pg.scenario.get_untracked().services[2].name, "Texts");
        assert!(pg.can_redo());
    });
}

#[wasm_bindgen_test]
async fn the_rate_field_refuses_an_impossible_rate_beside_the_field() {
    let el = container();
    let pg = Playground::new(lesson(), Lang::Id);
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(pg);
        view! { <Toolbar /> }
    });
    let input: web_sys::HtmlInputElement = el
        .query_selector("#rate")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("5000");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    TimeoutFuture::new(10).await;
    let error = el
        .query_selector(".field-error")
        .unwrap()
        .expect("an error beside the field");
    assert_eq!(
        error.text_content().unwrap(),
        "harus dari 0 sampai 1.000 per detik"
    );
    assert_eq!(pg.rate.get_untracked(), 0.0, "not sent to the engine");
    input.set_value("20");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    TimeoutFuture::new(10).await;
    assert!(el.query_selector(".field-error").unwrap().is_none());
    assert_eq!(pg.rate.get_untracked(), 20.0);
    drop(handle);
}

#[wasm_bindgen_test]
fn the_engine_gives_the_same_trace_in_the_browser_as_natively() {
    let (events, digest) = kurir_engine::observe::digest::run();
    assert!(events > 1_000);
    assert_eq!(
        digest,
        kurir_engine::observe::digest::EXPECTED_DIGEST,
        "wasm digest {digest:#x} differs from the native one"
    );
}
