//! The page for paths that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::use_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <Title text=t.not_found_title/>
        <section class="page">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p><A href="/">{t.nav_home}</A></p>
        </section>
    }
}
