//! The wasm entry point: hydrates the page the server rendered. Nothing else lives here.

// The pages' view types nest deeply; the hydration code built from them needs the room.
#![recursion_limit = "256"]

/// Called by the hydration script that the server's HTML shell loads.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::ui::App);
}
