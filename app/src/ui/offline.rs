//! The page the service worker (`public/sw.js`) answers with when there is no signal and
//! the page asked for was never opened on this phone. It keeps a copy from the day it was
//! installed, in the reader's language of that day.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::use_locale;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <Title text=t.offline_title/>
        <section class="page narrow">
            <h1>{t.offline_title}</h1>
            <p>{t.offline_intro}</p>
            <p>{t.offline_drafts}</p>
            <p><A href="/">{t.offline_home}</A></p>
        </section>
    }
}
