//! Entry point of the wasm app: mount and go. Everything else is in the library.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kurir::App);
    // The first paint (index.html) steps aside in the same task, so no frame
    // shows both.
    let prepaint = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("prepaint"));
    if let Some(p) = prepaint {
        p.remove();
    }
}
