//! The home page: what this is, a way to post, the next Friday dialogue and until when an
//! issue can reach it, and the latest issues.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{form::ErrorBox, issue_card::IssueCards, use_locale, whats_next::NextSessionBox};
use crate::{api::issue::list_issues, model::issue::IssueQuery};

const LATEST: u64 = 5;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_locale().texts();
    let latest = Resource::new(|| (), |()| list_issues(IssueQuery::default(), Some(LATEST)));
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p>{t.home_intro}</p>
            <p><A href="/issues/new" attr:class="button">{t.home_cta}</A></p>
        </section>
        <NextSessionBox/>
        <section class="page">
            <h2>{t.home_latest}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match latest.await {
                        Ok(page) => view! { <IssueCards issues=page.items/> }.into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
            <p><A href="/issues">{t.home_see_all}</A></p>
        </section>
    }
}
