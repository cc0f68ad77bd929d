//! One issue's own page: the issue, its supporters, following, the OPDs' follow-up, and
//! the discussion.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{Meta, Title};
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    comments::Comments,
    follow_up::{FollowUps, Timeline},
    form::{ErrorBox, PostForm},
    moderation::{FlagForm, ModerateForm},
    use_locale,
};
use crate::{
    api::{
        issue::{FollowIssue, SupportIssue, get_issue},
        moderation::BlockNumber,
    },
    model::{
        AppError,
        issue::{IssueStatus, IssueView, Privacy},
        moderation::TargetKind,
    },
};

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
                    Ok(issue) => view! { <IssueArticle issue/> }.into_any(),
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

#[component]
fn IssueArticle(issue: IssueView) -> impl IntoView {
    let t = use_locale().texts();
    let s = issue.summary;
    let id = s.id;
    let reader = issue.reader;
    let reported = use_query_map().with_untracked(|q| q.get("reported").is_some());
    let author = match (issue.assisted, issue.author_name) {
        (true, _) => t.assisted_mark.to_owned(),
        (false, Some(name)) => name,
        (false, None) => t.issue_author_hidden.to_owned(),
    };
    view! {
        <Title text=s.title.clone()/>
        <Meta name="description" content=s.title.clone()/>
        <article class="page issue">
            {reported.then(|| view! { <p class="alert alert-ok" role="status">{t.reported_thanks}</p> })}
            {issue.hidden.then(|| view! { <p class="alert" role="status">{t.hidden_notice}</p> })}
            {issue.decision_reason.clone().filter(|_| s.status == IssueStatus::Rejected).map(|reason| view! {
                <div class="alert" role="status"><p>{t.rejected_notice}</p><p>{reason}</p></div>
            })}
            {issue.merged_into.map(|original| view! {
                <p class="alert" role="status">{t.merged_notice} " "
                    <A href=format!("/issues/{original}")>{format!("#{original}")}</A>
                </p>
            })}
            <h1>{s.title}</h1>
            <dl class="facts">
                <dt>{t.issue_status}</dt>
                <dd>
                    <span class=format!("badge status-{}", s.status.as_str())>{(t.status_name)(s.status)}</span>
                    {(issue.privacy != Privacy::Publik).then(|| view! {
                        " " <span class="badge badge-private">{(t.privacy_label)(issue.privacy)}</span>
                    })}
                </dd>
                <dt>{t.issue_category}</dt>
                <dd>{s.category}</dd>
                <dt>{t.issue_place}</dt>
                <dd>{s.place}</dd>
                {issue.address.map(|address| view! {
                    <dt>{t.issue_address}</dt>
                    <dd>{address}</dd>
                })}
                {issue.point.map(|(lat, lon)| view! {
                    <dt>{t.issue_point}</dt>
                    <dd>
                        {format!("{lat:.5}, {lon:.5}")} " "
                        <a href=format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
                            rel="noopener noreferrer" target="_blank">{t.open_map}</a>
                    </dd>
                })}
                <dt>{t.issue_author}</dt>
                <dd>{author}</dd>
                {issue.on_behalf.map(|(name, phone)| view! {
                    <dt>{t.assisted_contact}</dt>
                    <dd>{name} " " {phone}</dd>
                })}
                {issue.whatsapp.map(|(number, blocked)| view! {
                    <dt>{t.wa_reporter}</dt>
                    <dd>
                        {number} {blocked.then_some(t.wa_blocked)}
                        <PostForm action=BlockNumber::PATH class="inline">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="block" value=if blocked { "0" } else { "1" }/>
                            <button type="submit" class="button button-quiet">
                                {if blocked { t.wa_unblock } else { t.wa_block }}
                            </button>
                        </PostForm>
                    </dd>
                })}
                <dt>{t.issue_posted}</dt>
                <dd><time datetime=s.created_at>{s.created_at_wib}</time></dd>
            </dl>
            <div class="prose" inner_html=issue.body_html></div>
            {(!issue.photos.is_empty()).then(|| view! {
                <section class="photos" aria-label=t.issue_photos>
                    {issue.photos.into_iter().enumerate().map(|(n, photo)| {
                        let (width, height) = (photo.width.min(480), photo.height * photo.width.min(480) / photo.width.max(1));
                        view! {
                            <a href=photo.src()>
                                <img src=photo.small_src() alt=(t.photo_alt)(n + 1) width=width.to_string()
                                    height=height.to_string() loading="lazy" decoding="async"/>
                            </a>
                        }
                    }).collect_view()}
                </section>
            })}
            {issue.media_url.map(|url| view! {
                <p><a href=url rel="nofollow noopener noreferrer ugc" class="media-link">{t.issue_media_link}</a></p>
            })}
            {reader.can_edit.then(|| view! { <p><A href=format!("/issues/{id}/edit")>{t.edit_issue_link}</A></p> })}
            {(!issue.revisions.is_empty()).then(|| {
                let count = issue.revisions.len();
                view! {
                    <details class="revisions">
                        <summary>{(t.revisions_title)(count)}</summary>
                        {issue.revisions.into_iter().map(|r| view! {
                            <div class="revision">
                                <p class="meta">{t.replaced_at} ": " {r.replaced_at_wib}</p>
                                <h3>{r.title}</h3>
                                <div class="prose" inner_html=r.body_html></div>
                            </div>
                        }).collect_view()}
                    </details>
                }
            })}
            <div class="take-part">
                <p class="count" id="support-count"><strong>{(t.supporters)(s.support_count)}</strong></p>
                {reader.may_take_part.then(|| view! {
                    <PostForm action=SupportIssue::PATH class="inline">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="support" value=(!reader.supported).to_string()/>
                        <button type="submit" class=if reader.supported { "button button-quiet" } else { "button" }
                            aria-describedby="support-count">
                            {if reader.supported { t.unsupport_button } else { t.support_button }}
                        </button>
                    </PostForm>
                })}
                {reader.signed_in.then(|| view! {
                    <PostForm action=FollowIssue::PATH class="inline">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="follow" value=(!reader.following).to_string()/>
                        <button type="submit" class="button button-quiet">
                            {if reader.following { t.unfollow_button } else { t.follow_button }}
                        </button>
                    </PostForm>
                })}
                {(!reader.signed_in).then(|| view! {
                    <p><A href=format!("/account/login?next=/issues/{id}")>{t.sign_in_to_take_part}</A></p>
                })}
            </div>
            <div class="moderation-tools">
                {(reader.may_take_part && !reader.is_author).then(|| view! { <FlagForm kind=TargetKind::Issue id/> })}
                {reader.moderates.then(|| view! { <ModerateForm kind=TargetKind::Issue id/> })}
            </div>
            <FollowUps issue=id follow_ups=issue.follow_ups assign=issue.assign/>
            <Timeline entries=issue.timeline/>
            {view! { <Comments issue=id count=s.comment_count reader comments=issue.comments/> }.into_any()}
            <p><A href="/issues">{t.back_to_list}</A></p>
        </article>
    }
}
