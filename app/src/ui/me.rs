//! The signed-in person's own page (`/account`, and every issue at `/account/issues`):
//! what they posted (every privacy kind, with its status and next step), what they support
//! and follow, the sessions they registered for, a copy of their data, and deleting the
//! account.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use super::{
    form::{ErrorBox, ErrorSummary, Field, FormState, PostForm},
    issue_card::IssueCard,
    use_locale,
};
use crate::{
    api::{
        account::{DeleteAccount, get_my_account},
        issue::{FollowIssue, WithdrawIssue},
    },
    model::{
        account::PASSWORD_MAX,
        issue::{IssueSummary, Privacy},
        me::{MyAccount, MyIssue, MySession},
    },
};

#[component]
pub fn MyAccountPage() -> impl IntoView {
    view! { <MyPage all=false/> }
}

#[component]
pub fn MyIssuesPage() -> impl IntoView {
    view! { <MyPage all=true/> }
}

#[component]
fn MyPage(all: bool) -> impl IntoView {
    let t = use_locale().texts();
    let withdrawn = use_query_map().with_untracked(|q| q.get("withdrawn").is_some());
    let data = Resource::new(move || all, get_my_account);
    let title = if all { t.me_issues_title } else { t.me_title };
    view! {
        <Title text=title/>
        <section class="page narrow">
            <h1>{title}</h1>
            {withdrawn.then(|| view! { <p class="alert alert-ok" role="status">{t.me_withdrawn_notice}</p> })}
            <ErrorSummary state=FormState::for_action(WithdrawIssue::PATH)/>
            <ErrorSummary state=FormState::for_action(DeleteAccount::PATH)/>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(me) if all => view! { <MyIssues me all/> }.into_any(),
                        Ok(me) => view! { <Overview me/> }.into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Overview(me: MyAccount) -> impl IntoView {
    let t = use_locale().texts();
    let MyAccount {
        name,
        email,
        can_delete,
        supported,
        followed,
        sessions,
        ..
    } = me.clone();
    view! {
        <p>{t.me_intro}</p>
        <p class="meta"><strong>{name}</strong> " · " {email} " · " <A href="/account/notifications">{t.nav_notifications}</A></p>
        <MyIssues me all=false/>
        <section aria-labelledby="me-supported">
            <h2 id="me-supported">{t.me_supported_title}</h2>
            <Issues issues=supported unfollow=false/>
        </section>
        <section aria-labelledby="me-followed">
            <h2 id="me-followed">{t.me_followed_title}</h2>
            <Issues issues=followed unfollow=true/>
        </section>
        <section aria-labelledby="me-sessions">
            <h2 id="me-sessions">{t.me_sessions_title}</h2>
            <Sessions sessions/>
        </section>
        <section aria-labelledby="me-data">
            <h2 id="me-data">{t.me_data_title}</h2>
            <p>{t.me_data_hint}</p>
            <p><a href="/account/data.json" download="data-saya-jatinan.json" class="button button-quiet">{t.me_data_button}</a></p>
        </section>
        <section aria-labelledby="me-delete">
            <h2 id="me-delete">{t.me_delete_title}</h2>
            {if can_delete { view! { <DeleteForm/> }.into_any() } else { view! { <p>{t.me_delete_staff}</p> }.into_any() }}
        </section>
    }
}

/// My issues: on `/account` the newest few with a link to all, on `/account/issues` all.
#[component]
fn MyIssues(me: MyAccount, all: bool) -> impl IntoView {
    let t = use_locale().texts();
    let more = (!all && me.issue_count > me.issues.len() as u64).then(|| {
        view! { <p><A href="/account/issues">{(t.me_issues_all)(me.issue_count)}</A></p> }
    });
    let list = if me.issues.is_empty() {
        view! {
            <p class="empty">{t.me_issues_empty} " " <A href="/issues/new">{t.nav_new_issue}</A></p>
        }
        .into_any()
    } else {
        view! {
            <ul class="cards">
                {me.issues.into_iter().map(|mine| view! { <MyIssueRow mine/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby=(!all).then_some("me-issues")>
            {if all {
                view! { <h2 class="visually-hidden">{t.list_results}</h2> }.into_any()
            } else {
                view! { <h2 id="me-issues">{t.me_issues_title}</h2> }.into_any()
            }}
            {list}
            {more}
        </section>
    }
}

#[component]
fn MyIssueRow(mine: MyIssue) -> impl IntoView {
    let t = use_locale().texts();
    let step = (t.me_next_step)(mine.next_step());
    let MyIssue {
        issue,
        privacy,
        can_withdraw,
    } = mine;
    let id = issue.id;
    let badge = if privacy == Privacy::Publik {
        "badge"
    } else {
        "badge badge-private"
    };
    view! {
        <li class="card">
            <h3><A href=format!("/issues/{id}")>{issue.title}</A></h3>
            <p class="meta">
                <span class=format!("badge status-{}", issue.status.as_str())>{(t.status_name)(issue.status)}</span>
                " " <span class=badge>{(t.privacy_label)(privacy)}</span>
                " " <span>{issue.category}</span>
                " · " <time datetime=issue.created_at>{issue.created_at_wib}</time>
                " · " <span>{(t.supporters)(issue.support_count)}</span>
            </p>
            <p class="hint">{step}</p>
            {can_withdraw.then(|| view! {
                <details>
                    <summary>{t.me_withdraw_summary}</summary>
                    <PostForm action=WithdrawIssue::PATH class="stack">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <p class="hint">{t.me_withdraw_hint}</p>
                        <button type="submit" class="button button-danger">{t.me_withdraw_button}</button>
                    </PostForm>
                </details>
            })}
        </li>
    }
}

/// Issues I support or follow; those I follow can be unfollowed from here.
#[component]
fn Issues(issues: Vec<IssueSummary>, unfollow: bool) -> impl IntoView {
    let t = use_locale().texts();
    if issues.is_empty() {
        return view! { <p class="empty">{t.me_nothing}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {issues.into_iter().map(|issue| {
                let id = issue.id;
                if !unfollow {
                    return view! { <IssueCard issue/> }.into_any();
                }
                view! {
                    <IssueCard issue>
                        <PostForm action=FollowIssue::PATH class="inline">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="follow" value="false"/>
                            <input type="hidden" name="from" value="account"/>
                            <button type="submit" class="button button-quiet button-small">{t.unfollow_button}</button>
                        </PostForm>
                    </IssueCard>
                }
                .into_any()
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Sessions(sessions: Vec<MySession>) -> impl IntoView {
    let t = use_locale().texts();
    if sessions.is_empty() {
        return view! { <p class="empty">{t.me_nothing}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {sessions.into_iter().map(|mine| {
                let s = mine.session;
                view! {
                    <li class="card">
                        <h3><A href=format!("/sessions/{}", s.id)><time datetime=s.starts_at>{s.when_wib}</time></A></h3>
                        <p class="meta">
                            <span class="badge">{(t.me_registration)(mine.registration)}</span>
                            {(!mine.upcoming).then(|| view! { " " <span>{t.me_session_past}</span> })}
                            " " <span>{s.venue}</span>
                            {(!s.place.is_empty()).then(|| view! { " · " <span>{s.place}</span> })}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn DeleteForm() -> impl IntoView {
    let t = use_locale().texts();
    let state = FormState::for_action(DeleteAccount::PATH);
    view! {
        <p>{t.me_delete_hint}</p>
        <PostForm action=DeleteAccount::PATH class="stack">
            <Field state name="password" label=t.me_delete_password kind="password" autocomplete="current-password"
                maxlength=PASSWORD_MAX/>
            <button type="submit" class="button button-danger">{t.me_delete_button}</button>
        </PostForm>
    }
}
