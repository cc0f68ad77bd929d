//! One issue's own page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_params_map};

use super::{form::ErrorBox, use_locale};
use crate::{api::issue::get_issue, model::AppError};

#[component]
pub fn IssuePage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let issue = Resource::new(id, get_issue);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match issue.await {
                    Ok(issue) => {
                        let s = issue.summary;
                        view! {
                            <Title text=s.title.clone()/>
                            <Meta name="description" content=s.title.clone()/>
                            <article class="page issue">
                                <h1>{s.title}</h1>
                                <dl class="facts">
                                    <dt>{t.issue_status}</dt>
                                    <dd><span class=format!("badge status-{}", s.status.as_str())>{(t.status_name)(s.status)}</span></dd>
                                    <dt>{t.issue_category}</dt>
                                    <dd>{s.category}</dd>
                                    <dt>{t.issue_place}</dt>
                                    <dd>{s.place}</dd>
                                    <dt>{t.issue_author}</dt>
                                    <dd>{issue.author_name.unwrap_or_else(|| t.issue_author_hidden.to_owned())}</dd>
                                    <dt>{t.issue_posted}</dt>
                                    <dd><time datetime=s.created_at>{s.created_at_wib}</time></dd>
                                </dl>
                                <div class="prose" inner_html=issue.body_html></div>
                                <p><A href="/issues">{t.back_to_list}</A></p>
                            </article>
                        }
                        .into_any()
                    }
                    Err(AppError::NotFound) => view! {
                        <Title text=t.not_found_title/>
                        <section class="page">
                            <h1>{t.not_found_title}</h1>
                            <p>{t.not_found_body}</p>
                            <p><A href="/issues">{t.back_to_list}</A></p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <section class="page"><ErrorBox error/></section> }.into_any(),
                }
            })}
        </Suspense>
    }
}
