//! The wasm entry point: hydrates the interactive islands of the page the server rendered.
//! Nothing else lives here.

// The islands are defined (and exported to JavaScript) in `app`; naming the crate links it.
use app as _;

/// Called by the island script that the server's HTML shell loads, before it hydrates each
/// `<leptos-island>` on the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
