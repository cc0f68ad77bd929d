//! One issue in a list: title, status, category, place and when it was posted (WIB).

use leptos::prelude::*;
use leptos_router::components::A;

use super::use_locale;
use crate::model::issue::IssueSummary;

/// `children` (an action on the issue, say) go under its line of facts.
#[component]
pub fn IssueCard(issue: IssueSummary, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <li class="card">
            <h3><A href=format!("/issues/{}", issue.id)>{issue.title}</A></h3>
            <p class="meta">
                <span class=format!("badge status-{}", issue.status.as_str())>{(t.status_name)(issue.status)}</span>
                " " <span>{issue.category}</span>
                " · " <span>{issue.place}</span>
                " · " <time datetime=issue.created_at>{issue.created_at_wib}</time>
                " · " <span>{(t.supporters)(issue.support_count)}</span>
                " · " <span>{(t.comments_count)(issue.comment_count)}</span>
            </p>
            {children.map(|c| c())}
        </li>
    }
}

/// A list of cards, or the empty message.
#[component]
pub fn IssueCards(issues: Vec<IssueSummary>) -> impl IntoView {
    let t = use_locale().texts();
    if issues.is_empty() {
        view! { <p class="empty">{t.list_empty}</p> }.into_any()
    } else {
        view! {
            <ul class="cards">
                {issues.into_iter().map(|issue| view! { <IssueCard issue/> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
