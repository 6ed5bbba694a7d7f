//! Entry point of the wasm app: mount and go. Everything else is in the library.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kurir::App);
}
