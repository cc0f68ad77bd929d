//! The public list of issues: search, filters and sort in the address (a plain GET form,
//! so it works without JavaScript and every view can be shared as a link), a page at a
//! time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::{form::ErrorBox, issue_card::IssueCards, use_locale};
use crate::{
    api::issue::{get_issue_form_options, list_issues},
    model::issue::{IssueFormOptions, IssueQuery, IssueStatus, Sort},
};

/// The Atom feed of the list as filtered now (`/issues.atom`, same filters, first page).
fn feed_href(query: &IssueQuery) -> String {
    let first = query.href(None);
    match first.split_once('?') {
        Some((_, filters)) => format!("/issues.atom?{filters}"),
        None => "/issues.atom".into(),
    }
}

#[component]
pub fn IssueListPage() -> impl IntoView {
    let t = use_locale().texts();
    let params = use_query_map();
    let query = move || params.with(|p| IssueQuery::from_params(|name| p.get(name)));
    let page = Resource::new(query, |query| list_issues(query, None));
    let options = Resource::new(|| (), |()| get_issue_form_options());
    view! {
        <Title text=t.list_title/>
        <section class="page">
            <div class="page-head">
                <h1>{t.list_title}</h1>
                <A href="/issues/new" attr:class="button">{t.nav_new_issue}</A>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    options.await.ok().map(|options| view! { <Filters query=query() options/> })
                })}
            </Suspense>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let current = query();
                    match page.await {
                        Ok(page) => view! {
                            <h2 class="visually-hidden">{t.list_results}</h2>
                            <IssueCards issues=page.items/>
                            <nav class="pager" aria-label=t.list_pages>
                                {current.cursor.is_some().then(|| view! { <A href=current.href(None)>{t.list_first}</A> })}
                                {page.next.map(|next| view! {
                                    <A href=current.href(Some(&next)) attr:rel="next">{t.list_next}</A>
                                })}
                            </nav>
                            <p class="feed-link">
                                <a href=feed_href(&current) rel="alternate" type="application/atom+xml">{t.feed_link}</a>
                            </p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The search box, filters and sort, as a GET form to this page.
#[component]
fn Filters(query: IssueQuery, options: IssueFormOptions) -> impl IntoView {
    let t = use_locale().texts();
    let selected = |value: Option<i32>, id: i32| value == Some(id);
    view! {
        <form method="get" action="/issues" class="filters" role="search">
            <div class="field">
                <label for="q">{t.search_label}</label>
                <input id="q" name="q" type="search" value=query.q.clone() maxlength="100"/>
            </div>
            <details open=query.is_filtered() || query.sort != Sort::Newest>
                <summary>{t.filters_label}</summary>
                <div class="filter-grid">
                    <div class="field">
                        <label for="filter-status">{t.issue_status}</label>
                        <select id="filter-status" name="status">
                            <option value="">{t.all_option}</option>
                            {IssueStatus::ALL.into_iter().filter(|s| s.is_listed()).map(|s| view! {
                                <option value=s.as_str() selected=query.status == Some(s)>{(t.status_name)(s)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-category">{t.field_category}</label>
                        <select id="filter-category" name="category">
                            <option value="">{t.all_option}</option>
                            {options.categories.into_iter().map(|c| view! {
                                <option value=c.id.to_string() selected=selected(query.category, c.id)>{c.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-kecamatan">{t.field_kecamatan}</label>
                        <select id="filter-kecamatan" name="kecamatan">
                            <option value="">{t.all_option}</option>
                            {options.kecamatan.iter().map(|k| view! {
                                <option value=k.id.to_string() selected=selected(query.kecamatan, k.id)>{k.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-desa">{t.field_desa}</label>
                        <select id="filter-desa" name="desa">
                            <option value="">{t.all_option}</option>
                            {options.kecamatan.into_iter().map(|k| view! {
                                <optgroup label=k.name>
                                    {k.villages.into_iter().map(|v| view! {
                                        <option value=v.id.to_string() selected=selected(query.desa, v.id)>{v.name}</option>
                                    }).collect_view()}
                                </optgroup>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-sort">{t.sort_label}</label>
                        <select id="filter-sort" name="sort">
                            {Sort::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=query.sort == s>{(t.sort_name)(s)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
            </details>
            <button type="submit" class="button">{t.search_button}</button>
        </form>
    }
}
