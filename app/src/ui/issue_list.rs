//! The public list of issues, newest first, a page at a time (`?before=<id>`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::{form::ErrorBox, issue_card::IssueCards, use_locale};
use crate::api::issue::list_issues;

#[component]
pub fn IssueListPage() -> impl IntoView {
    let t = use_locale().texts();
    let query = use_query_map();
    let before = move || query.read().get("before").and_then(|b| b.parse::<i32>().ok());
    let page = Resource::new(before, |before| list_issues(before, None));
    view! {
        <Title text=t.list_title/>
        <section class="page">
            <div class="page-head">
                <h1>{t.list_title}</h1>
                <A href="/issues/new" attr:class="button">{t.nav_new_issue}</A>
            </div>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            <IssueCards issues=page.items/>
                            <nav class="pager" aria-label=t.list_title>
                                {before().map(|_| view! { <A href="/issues">{t.list_first}</A> })}
                                {page.next.map(|next| view! { <A href=format!("/issues?before={next}") attr:rel="next">{t.list_next}</A> })}
                            </nav>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
