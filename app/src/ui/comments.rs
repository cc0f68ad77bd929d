//! The discussion under an issue: comments with one level of replies, each with the forms
//! its reader may use (reply, edit within 15 minutes, delete). Every form works without
//! JavaScript; `<details>` keeps the reply and edit forms folded until wanted.

use leptos::{prelude::*, server_fn::ServerFn};

use super::{
    form::textarea_text,
    form::{Draft, FormState, PostForm},
    moderation::{FlagForm, ModerateForm},
    use_locale,
};
use crate::{
    api::comment::{CreateComment, DeleteComment, UpdateComment},
    model::{
        issue::{COMMENT_MAX, CommentView, Reader},
        moderation::TargetKind,
    },
};

#[component]
pub fn Comments(issue: i32, count: i32, reader: Reader, comments: Vec<CommentView>) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{format!("{} ({count})", t.comments_title)}</h2>
            {comments.is_empty().then(|| view! { <p class="empty">{t.comments_empty}</p> })}
            {comments.into_iter().map(|comment| view! { <CommentItem issue reader comment top_level=true/> }).collect_view()}
            {reader.may_take_part.then(|| view! {
                <CommentForm issue parent=None label=t.comment_field submit=t.submit_comment/>
            })}
        </section>
    }
}

#[component]
fn CommentItem(issue: i32, reader: Reader, comment: CommentView, top_level: bool) -> impl IntoView {
    let t = use_locale().texts();
    let id = comment.id;
    let author = match (&comment.author_name, comment.deleted) {
        (_, true) => String::new(),
        (Some(name), false) => name.clone(),
        (None, false) => t.issue_author_hidden.to_owned(),
    };
    let edit = FormState::for_action(UpdateComment::PATH);
    let editing = edit.value("id") == id.to_string();
    let edit_error = if editing { edit.field_error("body") } else { None };
    let edit_text = if editing {
        edit.value("body")
    } else {
        comment.body_md.clone()
    };
    let replies: Vec<AnyView> = comment
        .replies
        .into_iter()
        .map(|reply| view! { <CommentItem issue reader comment=reply top_level=false/> }.into_any())
        .collect();
    view! {
        <article class="comment" class:reply=!top_level id=format!("comment-{id}")>
            <p class="meta">
                {(!comment.deleted).then(|| view! { <strong>{author}</strong> " " })}
                {(comment.by_issue_author && !comment.deleted).then(|| view! { <span class="badge">{t.issue_author_badge}</span> " " })}
                <time datetime=comment.created_at>{comment.created_at_wib}</time>
                {comment.edited.then(|| view! { " · " <em>{t.edited_mark}</em> })}
            </p>
            {match (comment.deleted, comment.hidden, comment.body_html.is_empty()) {
                (true, _, _) => view! { <p class="tombstone">{t.comment_deleted}</p> }.into_any(),
                (false, true, true) => view! { <p class="tombstone">{t.comment_hidden}</p> }.into_any(),
                (false, hidden, false) => view! {
                    {hidden.then(|| view! { <p class="meta"><span class="badge badge-private">{t.hidden_badge}</span></p> })}
                    <div class="prose" inner_html=comment.body_html></div>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            <div class="comment-actions">
                // A refused edit comes back here even when the window has just closed.
                {(comment.can_edit || editing).then(|| view! {
                    <details open=editing>
                        <summary>{t.edit_button}</summary>
                        <PostForm action=UpdateComment::PATH class="stack">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <label for=format!("c-edit-{id}")>{t.comment_field}</label>
                            {edit_error.clone().map(|e| view! { <p class="error" id=format!("c-edit-{id}-error")>{e}</p> })}
                            <textarea id=format!("c-edit-{id}") name="body" rows="3" required maxlength=COMMENT_MAX.to_string()
                                aria-invalid=if edit_error.is_some() { "true" } else { "false" } inner_html=textarea_text(&edit_text)></textarea>
                            <button type="submit" class="button">{t.save_button}</button>
                        </PostForm>
                    </details>
                })}
                {comment.can_delete.then(|| view! {
                    <PostForm action=DeleteComment::PATH class="inline">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <button type="submit" class="link">{t.delete_button}</button>
                    </PostForm>
                })}
                {(reader.may_take_part && !comment.deleted && !comment.can_delete).then(|| view! {
                    <FlagForm kind=TargetKind::Comment id/>
                })}
                {(reader.moderates && !comment.deleted).then(|| view! { <ModerateForm kind=TargetKind::Comment id/> })}
                {(top_level && reader.may_take_part).then(|| view! {
                    <CommentForm issue parent=Some(id) label=t.reply_button submit=t.submit_reply/>
                })}
            </div>
            {replies}
        </article>
    }
}

/// The form for a new comment (`parent: None`) or a reply, folded for replies. A refused
/// submission comes back into the form it was typed in.
#[component]
fn CommentForm(issue: i32, parent: Option<i32>, label: &'static str, submit: &'static str) -> impl IntoView {
    let state = FormState::for_action(CreateComment::PATH);
    let mine = state.error().is_some() && state.value("parent") == parent.map(|p| p.to_string()).unwrap_or_default();
    let error = if mine { state.field_error("body") } else { None };
    let text = if mine { state.value("body") } else { String::new() };
    let field_id = match parent {
        Some(p) => format!("c-reply-{p}"),
        None => "c-new".to_owned(),
    };
    let form = view! {
        <PostForm action=CreateComment::PATH class="stack" draft=Some(Draft::new(format!("comment-{issue}-{}", parent.unwrap_or_default()), use_locale().texts()))>
            <input type="hidden" name="issue" value=issue.to_string()/>
            {parent.map(|p| view! { <input type="hidden" name="parent" value=p.to_string()/> })}
            <label for=field_id.clone()>{label}</label>
            {error.clone().map(|e| view! { <p class="error" id=format!("{field_id}-error")>{e}</p> })}
            <textarea id=field_id.clone() name="body" rows="3" required maxlength=COMMENT_MAX.to_string()
                aria-invalid=if error.is_some() { "true" } else { "false" } inner_html=textarea_text(&text)></textarea>
            <button type="submit" class="button">{submit}</button>
        </PostForm>
    };
    match parent {
        None => form.into_any(),
        Some(_) => view! {
            <details open=mine>
                <summary>{label}</summary>
                {form}
            </details>
        }
        .into_any(),
    }
}
