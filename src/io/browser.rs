//! Thin wrappers over browser APIs (storage, URL, downloads, clipboard), so
//! the rest of the app reads as intent. Failures are returned, never thrown.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// localStorage value, if storage is available and the key exists.
pub fn load(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes localStorage; false when storage is unavailable or full.
pub fn store(key: &str, value: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The URL fragment without `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Removes the `#…` part from the address bar without reloading or adding
/// a history entry.
pub fn forget_fragment() {
    if let Some(w) = window() {
        let url = base_url();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// A query parameter: `Some("")` for a bare flag like `?embed`.
pub fn query(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Option `name` of the address: in the query (`?embed&readonly`) or, as a
/// teacher may well append it, after the share link in the fragment
/// (`#s=v1.…&readonly`).
pub fn option(name: &str) -> Option<String> {
    query(name).or_else(|| {
        let fragment = fragment();
        crate::io::address::fragment_options(&fragment)
            .into_iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
}

/// The page's address without fragment (for building share links).
pub fn base_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let doc = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard (best effort; the text is also shown).
pub async fn copy(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Keeps Tab inside a modal dialog: from its last focusable element Tab
/// goes to its first, and Shift+Tab from the first to the last (the page
/// behind a modal dialog is not reachable, as WAI-ARIA's dialog pattern asks).
pub fn trap_tab(ev: &web_sys::KeyboardEvent, dialog: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all("button, textarea, input, select, a[href]") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = document_active();
    let at = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Focuses the first element matching `selector` (HTML or SVG); false
/// when there is none.
pub fn focus_first(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return false;
    };
    // `focus()` belongs to HTML and SVG elements alike (HTMLOrSVGElement).
    js_sys::Reflect::get(&el, &"focus".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call0(&el).is_ok())
}

/// True when nothing has the keyboard's focus (it fell back to the page:
/// the focused element was removed, e.g. a deleted node).
pub fn focus_lost() -> bool {
    document_active().is_none_or(|a| a.tag_name() == "BODY" || !a.is_connected())
}

fn document_active() -> Option<web_sys::Element> {
    window()?.document()?.active_element()
}
