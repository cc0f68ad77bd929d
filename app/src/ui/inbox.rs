//! The secretariat's inbox (`/staff/inbox`): what waits for a decision, overdue first, in
//! tabs; from each row the secretariat assigns to an OPD, puts on a session's agenda,
//! rejects with a reason or merges. Operators read it.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::{
    form::{ErrorBox, ErrorSummary, FormState, PostForm},
    moderation::ModerateForm,
    use_locale,
};
use crate::{
    api::{agenda::AddAgendaItem, follow_up::AssignIssue, staff::get_inbox},
    model::{
        follow_up::{NOTE_MAX, SLA_MAX_DAYS},
        issue::Privacy,
        moderation::TargetKind,
        staff::{Inbox, InboxRow, InboxTab},
    },
};

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_locale().texts();
    let (tab, q) = use_query_map().with_untracked(|q| (q.get("tab"), q.get("q")));
    let data = Resource::new(move || (tab.clone(), q.clone()), |(tab, q)| get_inbox(tab, q));
    view! {
        <Title text=t.inbox_title/>
        <section class="page">
            <h1>{t.inbox_title}</h1>
            <ErrorSummary state=FormState::for_action(AssignIssue::PATH)/>
            <ErrorSummary state=FormState::for_action(AddAgendaItem::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(inbox) => view! { <Tabs inbox/> }.into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Tabs(inbox: Inbox) -> impl IntoView {
    let t = use_locale().texts();
    let Inbox {
        tab,
        counts,
        rows,
        opds,
        sessions,
        default_days,
        disposition_days,
        may_act,
        query,
        found,
    } = inbox;
    let list = if rows.is_empty() {
        view! { <p class="empty">{t.inbox_empty}</p> }.into_any()
    } else {
        view! {
            <ul class="cards inbox">
                {rows.into_iter().map(|row| {
                    let (opds, sessions) = (opds.clone(), sessions.clone());
                    view! { <Row row opds sessions default_days may_act/> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p>{(t.inbox_intro)(disposition_days)}</p>
        // Staff search: every issue, confidential ones included, by its words.
        <form method="get" action="/staff/inbox" class="search-form" role="search">
            <label for="staff-q">{t.staff_search_label}</label>
            <input id="staff-q" name="q" type="search" value=query.clone() maxlength="200"/>
            <button type="submit" class="button button-small">{t.search_button}</button>
        </form>
        {found.map(|found| view! {
            <section aria-labelledby="staff-found">
                <h2 id="staff-found">{(t.staff_search_found)(&query, found.len())}</h2>
                <ul class="cards">
                    {found.into_iter().map(|(issue, privacy)| view! {
                        <li class="card">
                            <h3><A href=format!("/issues/{}", issue.id)>{issue.title}</A></h3>
                            <p class="meta">
                                <span class=format!("badge status-{}", issue.status.as_str())>{(t.status_name)(issue.status)}</span>
                                {(privacy != Privacy::Publik).then(|| view! {
                                    " " <span class="badge badge-private">{(t.privacy_label)(privacy)}</span>
                                })}
                                " " <span>{issue.category}</span> " · " <span>{issue.place}</span>
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <nav class="tabs" aria-label=t.inbox_title>
            <ul>
                {counts.into_iter().map(|(each, n)| {
                    let href = if each == InboxTab::Waiting {
                        "/staff/inbox".to_owned()
                    } else {
                        format!("/staff/inbox?tab={}", each.as_str())
                    };
                    // A plain link: the router's would mark every tab current (same path).
                    let current = (each == tab).then_some("page");
                    let label = format!("{} ({n})", (t.inbox_tab)(each));
                    view! {
                        <li><a href=href aria-current=current>{label}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <h2 class="visually-hidden">{(t.inbox_tab)(tab)}</h2>
        {list}
    }
}

#[component]
fn Row(
    row: InboxRow,
    opds: Vec<crate::model::admin::OpdChoice>,
    sessions: Vec<(i32, String)>,
    default_days: i32,
    may_act: bool,
) -> impl IntoView {
    let t = use_locale().texts();
    let id = row.issue.id;
    let field = |name: &str| format!("inbox-{id}-{name}");
    let (lead_id, action_id, days_id, session_id) = (field("lead"), field("action"), field("days"), field("session"));
    let issue = row.issue;
    view! {
        <li class=if row.overdue { "card overdue" } else { "card" }>
            <h3><A href=format!("/issues/{id}")>{issue.title}</A></h3>
            <p class="meta">
                <span class=format!("badge status-{}", issue.status.as_str())>{(t.status_name)(issue.status)}</span>
                {(row.privacy != Privacy::Publik).then(|| view! {
                    " " <span class="badge badge-private">{(t.privacy_label)(row.privacy)}</span>
                })}
                " " <span>{issue.category}</span>
                " · " <span>{issue.place}</span>
                " · " <span>{(t.inbox_waiting)(row.waiting_days)}</span>
                " · " <span>{(t.inbox_due)(&row.due)}</span>
                {row.overdue.then(|| view! { " " <strong class="badge badge-overdue">{t.inbox_overdue}</strong> })}
            </p>
            {row.note.map(|note| view! { <p class="hint">{t.inbox_declined_note} ": " {note}</p> })}
            {may_act.then(|| view! {
                <div class="inbox-actions">
                    <details>
                        <summary>{t.inbox_assign}</summary>
                        <PostForm action=AssignIssue::PATH class="stack">
                            <input type="hidden" name="issue" value=id.to_string()/>
                            <label for=lead_id.clone()>{t.assign_lead}</label>
                            <select id=lead_id name="lead" required>
                                <option value="">"—"</option>
                                {opds.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.short_name}</option> }).collect_view()}
                            </select>
                            <label for=action_id.clone()>{t.fu_action}</label>
                            <textarea id=action_id name="action" rows="2" required maxlength=NOTE_MAX.to_string()></textarea>
                            <label for=days_id.clone()>{t.assign_days}</label>
                            <input id=days_id name="days" type="number" min="1"
                                max=SLA_MAX_DAYS.to_string() value=default_days.to_string()/>
                            <button type="submit" class="button">{t.assign_submit}</button>
                        </PostForm>
                    </details>
                    {(row.can_schedule && !sessions.is_empty()).then(|| view! {
                        <details>
                            <summary>{t.inbox_schedule}</summary>
                            <PostForm action=AddAgendaItem::PATH class="stack">
                                <input type="hidden" name="issue" value=id.to_string()/>
                                <label for=session_id.clone()>{t.inbox_session}</label>
                                <select id=session_id name="session">
                                    {sessions.into_iter().map(|(sid, when)| view! { <option value=sid.to_string()>{when}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="button">{t.inbox_schedule}</button>
                            </PostForm>
                        </details>
                    })}
                    <ModerateForm kind=TargetKind::Issue id/>
                </div>
            })}
        </li>
    }
}
