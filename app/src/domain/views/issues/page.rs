//! One issue's page: what the reader may see of it (privacy), its photos, comments,
//! revisions, follow-ups and timeline, and the forms the reader may use.

use super::list::summary;
use crate::{
    domain::{
        AppState, commands,
        entities::{category, comment, issue_follow, issue_revision, issue_support, user_account},
        error::OrInternal,
        queries::{
            self,
            settings::thresholds,
            time::{format_wib, machine},
        },
        rules::{self, access::role_of},
        sanitize::markdown_to_html,
    },
    i18n::Locale,
    model::{
        AppError,
        account::Role,
        follow_up::{AssignForm, FollowUpStatus},
        issue::{CommentView, IssueView, Privacy, Reader, RevisionView},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// One issue as `viewer` may see it: a `rahasia` issue does not exist for anyone but its
/// author and staff, and an `anonim` author's name only shows to the author and the
/// secretariat.
pub async fn get(
    state: &AppState,
    viewer: Option<&user_account::Model>,
    locale: Locale,
    id: i32,
    now: DateTime<Utc>,
) -> Result<IssueView, AppError> {
    let db = &state.db;
    let issue = rules::access::visible_issue(db, viewer, id).await?;
    let privacy = issue.privacy;
    let is_author = viewer.is_some_and(|v| v.id == issue.author_id);
    // Who may know the author of an anonymous or confidential issue.
    let knows_author = privacy == Privacy::Publik
        || is_author
        || viewer.is_some_and(|v| matches!(role_of(v), Role::Secretariat | Role::Admin));

    let comments = comment::Entity::find()
        .filter(comment::Column::IssueId.eq(issue.id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .or_internal("reading comments")?;
    let mut people: Vec<i32> = comments.iter().map(|c| c.author_id).collect();
    people.push(issue.author_id);
    people.sort_unstable();
    people.dedup();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .select_only()
        .columns([user_account::Column::Id, user_account::Column::Name])
        .filter(user_account::Column::Id.is_in(people))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await
        .or_internal("reading authors")?
        .into_iter()
        .collect();
    let staff = viewer.is_some_and(|v| role_of(v).is_staff());
    let comment_view = |c: &comment::Model| {
        let by_issue_author = c.author_id == issue.author_id;
        let deleted = c.deleted_at.is_some();
        let own = viewer.is_some_and(|v| v.id == c.author_id) && !deleted;
        // A hidden comment is a tombstone for everyone but its author and staff.
        let hidden = c.hidden_at.is_some();
        let withheld = hidden && !own && !staff;
        CommentView {
            id: c.id,
            author_name: if deleted || withheld || (by_issue_author && !knows_author) {
                None
            } else {
                names.get(&c.author_id).cloned()
            },
            by_issue_author,
            hidden,
            body_html: if withheld { String::new() } else { c.body_html.clone() },
            body_md: if own { c.body_md.clone() } else { String::new() },
            created_at: machine(c.created_at),
            created_at_wib: format_wib(c.created_at, locale),
            edited: c.edited_at.is_some(),
            deleted,
            can_edit: own && commands::forum::within_edit_window(c.created_at, now),
            can_delete: own,
            replies: Vec::new(),
        }
    };
    let mut threads: Vec<CommentView> = Vec::new();
    for c in comments.iter().filter(|c| c.parent_id.is_none()) {
        let mut view = comment_view(c);
        view.replies = comments
            .iter()
            .filter(|r| r.parent_id == Some(c.id))
            .map(&comment_view)
            .collect();
        threads.push(view);
    }

    let reader = match viewer {
        None => Reader::default(),
        Some(v) => Reader {
            signed_in: true,
            may_take_part: v.email_verified_at.is_some(),
            is_author,
            can_edit: is_author && issue.status.editable(),
            moderates: role_of(v).moderates(),
            supported: issue_support::Entity::find()
                .filter(issue_support::Column::IssueId.eq(issue.id))
                .filter(issue_support::Column::UserId.eq(v.id))
                .one(db)
                .await
                .or_internal("reading a support")?
                .is_some(),
            following: issue_follow::Entity::find()
                .filter(issue_follow::Column::IssueId.eq(issue.id))
                .filter(issue_follow::Column::UserId.eq(v.id))
                .one(db)
                .await
                .or_internal("reading a follow")?
                .is_some(),
        },
    };
    let revisions = issue_revision::Entity::find()
        .filter(issue_revision::Column::IssueId.eq(issue.id))
        .order_by_desc(issue_revision::Column::Id)
        .all(db)
        .await
        .or_internal("reading revisions")?
        .into_iter()
        .map(|r| RevisionView {
            body_html: markdown_to_html(&r.body_md),
            title: r.title,
            replaced_at_wib: format_wib(r.created_at, locale),
        })
        .collect();
    let assisted = issue.on_behalf_name.is_some();
    let photos = queries::photos::of_issue(db, issue.id).await?;
    let moderator = viewer.is_some_and(|v| role_of(v).moderates());
    let decision_reason = issue.decision_reason.clone().filter(|_| is_author || moderator);
    let on_behalf = match (&issue.on_behalf_name, staff) {
        (Some(name), true) => Some((name.clone(), issue.on_behalf_phone.clone().unwrap_or_default())),
        _ => None,
    };
    let whatsapp = queries::phones::reporter_number(db, viewer, issue.author_id).await?;
    let author_name = if knows_author {
        names.get(&issue.author_id).cloned()
    } else {
        None
    };
    let reference = state.reference.get(db).await?;
    let thresholds = thresholds(db, &state.config).await?;
    let follow_ups = crate::domain::views::follow_ups::views(db, &issue, viewer, (locale, now), &thresholds).await?;
    let timeline = crate::domain::views::timeline::timeline(db, &issue, viewer, locale).await?;
    let assignable = issue.status.awaits_decision()
        && !follow_ups
            .iter()
            .any(|f| f.lead && (f.status.is_open() || f.status == FollowUpStatus::Resolved));
    let assign = if moderator && assignable {
        Some(AssignForm {
            opds: crate::domain::queries::opds::opd_choices(db).await?,
            default_days: thresholds.follow_up_days,
            suggested: category::Entity::find_by_id(issue.category_id)
                .one(db)
                .await
                .or_internal("reading a category")?
                .and_then(|c| c.opd_id),
        })
    } else {
        None
    };
    Ok(IssueView {
        summary: summary(&reference, &(&issue).into(), locale),
        privacy,
        author_name,
        body_html: issue.body_html,
        reader,
        assisted,
        on_behalf,
        whatsapp,
        revisions,
        comments: threads,
        address: issue.address,
        point: issue.latitude.zip(issue.longitude),
        photos,
        hidden: issue.hidden_at.is_some(),
        decision_reason,
        merged_into: issue.merged_into_id,
        media_url: issue.media_url,
        follow_ups,
        assign,
        timeline,
    })
}
