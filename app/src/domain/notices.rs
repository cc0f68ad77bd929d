//! Who hears about what. The forum's, the sessions' and the follow-up's events become
//! notices for the people they concern; each person's preferences (`mail::notify`) decide
//! how, or whether, they arrive. An `anonim` author's name is never in mail to others, and
//! nobody but its author and staff hears of a `rahasia` issue.

use crate::{
    domain::{
        Config,
        entities::{comment, follow_up, issue, issue_follow, issue_support, opd, user_account},
        error::OrInternal,
        mail::{
            Email, enqueue,
            notify::{Notice, notify},
            templates::{self, Rendered},
        },
        queries::{self, time::format_day},
        rules::access::role_of,
    },
    model::{
        AppError,
        account::Role,
        follow_up::UpdateKind,
        issue::{IssueStatus, Privacy},
        mail::Topic,
    },
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The people an issue's news goes to, each with the topic it arrives under: the author
/// (`MyIssues`) and the followers (`Followed`), except `except` (who made the news).
pub async fn issue_audience(
    conn: &impl ConnectionTrait,
    found: &issue::Model,
    except: Option<i32>,
) -> Result<Vec<(user_account::Model, Topic)>, AppError> {
    let mut ids: Vec<i32> = issue_follow::Entity::find()
        .select_only()
        .column(issue_follow::Column::UserId)
        .filter(issue_follow::Column::IssueId.eq(found.id))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading followers")?;
    ids.push(found.author_id);
    let secret = !matches!(found.privacy, Privacy::Publik | Privacy::Anonim);
    let people = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .filter(user_account::Column::DisabledAt.is_null())
        .order_by_asc(user_account::Column::Id)
        .all(conn)
        .await
        .or_internal("reading accounts")?;
    Ok(people
        .into_iter()
        .filter(|p| Some(p.id) != except)
        .filter(|p| !secret || p.id == found.author_id || role_of(p).is_staff())
        .map(|p| {
            let topic = if p.id == found.author_id {
                Topic::MyIssues
            } else {
                Topic::Followed
            };
            (p, topic)
        })
        .collect())
}

fn texts_of(person: &user_account::Model) -> &'static crate::i18n::Texts {
    person.locale.texts()
}

pub(crate) fn issue_link(config: &Config, id: i32) -> String {
    format!("{}/issues/{id}", config.base_url)
}

/// An issue moved to `status` (rejected, merged, discussed, assigned, back to published):
/// its author and followers are told, with `note` (the reason, the decision).
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]
pub async fn status_changed(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
    status: IssueStatus,
    note: Option<&str>,
    except: Option<i32>,
) -> Result<(), AppError> {
    let people = issue_audience(conn, found, except).await?;
    tell_status(conn, config, now, found, status, note, people).await
}

/// An author withdrew their issue: its followers and its supporters are told (they backed
/// it, even those who stopped following it), never the author.
pub async fn withdrawn(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
) -> Result<(), AppError> {
    let mut people = issue_audience(conn, found, Some(found.author_id)).await?;
    let supporters: Vec<i32> = issue_support::Entity::find()
        .select_only()
        .column(issue_support::Column::UserId)
        .filter(issue_support::Column::IssueId.eq(found.id))
        .filter(issue_support::Column::UserId.ne(found.author_id))
        .into_tuple()
        .all(conn)
        .await
        .or_internal("reading supporters")?;
    let told: Vec<i32> = people.iter().map(|(p, _)| p.id).collect();
    let more = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(supporters.into_iter().filter(|id| !told.contains(id))))
        .filter(user_account::Column::DisabledAt.is_null())
        .order_by_asc(user_account::Column::Id)
        .all(conn)
        .await
        .or_internal("reading accounts")?;
    let secret = !matches!(found.privacy, Privacy::Publik | Privacy::Anonim);
    people.extend(
        more.into_iter()
            .filter(|p| !secret || role_of(p).is_staff())
            .map(|p| (p, Topic::Followed)),
    );
    tell_status(conn, config, now, found, IssueStatus::Withdrawn, None, people).await
}

/// Tells `people` that the issue moved to `status`, with `note`.
async fn tell_status(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
    status: IssueStatus,
    note: Option<&str>,
    people: Vec<(user_account::Model, Topic)>,
) -> Result<(), AppError> {
    let link = issue_link(config, found.id);
    for (person, topic) in people {
        let t = texts_of(&person);
        let label = (t.status_name)(status);
        let note = match (status, note) {
            (IssueStatus::Merged, _) => found.merged_into_id.map(t.mail_merged_note),
            (_, Some(note)) if !note.trim().is_empty() => Some(format!("{}: {}", t.col_reason, note.trim())),
            _ => None,
        };
        let rendered =
            templates::status_changed(t, &person.name, found.id, &found.title, label, note.as_deref(), &link);
        let summary = note.unwrap_or_else(|| (t.mail_status_body)(&found.title, label));
        let notice = Notice {
            key: format!(
                "status:{}:{}:{}:{}",
                found.id,
                status.as_str(),
                now.timestamp(),
                person.id
            ),
            topic,
            rendered,
            link: link.clone(),
            summary,
            ics: None,
            coalesce: None,
            asks_resolution: None,
        };
        notify(conn, config, now, &person, notice).await?;
    }
    Ok(())
}

/// A comment was posted: the issue's author and followers hear of it (not the commenter),
/// coalesced per issue.
pub async fn comment_posted(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
    posted: &comment::Model,
    commenter: &user_account::Model,
) -> Result<(), AppError> {
    let link = format!("{}#komentar-{}", issue_link(config, found.id), posted.id);
    let named = found.privacy == Privacy::Publik || commenter.id != found.author_id;
    let excerpt: String = posted.body_md.chars().take(300).collect();
    for (person, _) in issue_audience(conn, found, Some(commenter.id)).await? {
        let t = texts_of(&person);
        let who = if named {
            commenter.name.as_str()
        } else {
            t.issue_author_badge
        };
        let rendered = templates::comment_posted(t, &person.name, found.id, &found.title, who, &excerpt, &link);
        let notice = Notice {
            key: format!("comment:{}:{}", posted.id, person.id),
            topic: Topic::Comments,
            rendered,
            link: link.clone(),
            summary: format!("{who}: {excerpt}"),
            ics: None,
            coalesce: Some(format!("issue:{}", found.id)),
            asks_resolution: None,
        };
        notify(conn, config, now, &person, notice).await?;
    }
    Ok(())
}

/// A follow-up took a step (accepted, declined, progress, resolved, confirmed, reopened):
/// the issue's author and followers are told, the OPD's officers when the resident
/// answered, and the secretariat (and the admin) when the OPD declined: the issue is back
/// in their inbox. A resolution asks the author to confirm or reopen.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]
pub async fn follow_up_changed(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
    step: &follow_up::Model,
    opd_name: &str,
    kind: UpdateKind,
    note: Option<&str>,
    except: Option<i32>,
) -> Result<(), AppError> {
    let link = format!("{}#tindak-lanjut", issue_link(config, found.id));
    let mut audience = issue_audience(conn, found, except).await?;
    if matches!(kind, UpdateKind::Confirmed | UpdateKind::Reopened) {
        let officers = officers_of(conn, step.opd_id).await?;
        // A reopening is work for the OPD again: its official address hears of it too.
        if kind == UpdateKind::Reopened
            && let Some(office) = opd::Entity::find_by_id(step.opd_id)
                .one(conn)
                .await
                .or_internal("reading an OPD")?
        {
            let t = crate::i18n::Locale::Id.texts();
            let label = (t.fu_update_name)(kind);
            let mut paragraphs = vec![(t.mail_fu_status_body)(&found.title, opd_name, label)];
            paragraphs.extend(note.map(str::to_owned));
            let rendered = templates::paragraphs(
                t,
                (t.mail_fu_status_subject)(found.id, label),
                &office.name,
                &paragraphs,
                (t.mail_issue_action, &link),
            );
            let key = format!("follow-up:{}:{}:{}", step.id, kind.as_str(), now.timestamp());
            tell_opd_office(conn, now, &office, &officers, &key, rendered).await?;
        }
        audience.extend(officers.into_iter().map(|o| (o, Topic::Opd)));
    }
    if kind == UpdateKind::Declined {
        let deciders = queries::accounts::deciders(conn).await?;
        let told: Vec<i32> = audience.iter().map(|(p, _)| p.id).collect();
        audience.extend(
            deciders
                .into_iter()
                .filter(|p| !told.contains(&p.id) && Some(p.id) != except)
                .map(|p| (p, Topic::Opd)),
        );
    }
    for (person, topic) in audience {
        let t = texts_of(&person);
        let label = (t.fu_update_name)(kind);
        let mut paragraphs = vec![(t.mail_fu_status_body)(&found.title, opd_name, label)];
        if let Some(note) = note {
            paragraphs.push(note.to_owned());
        }
        if kind == UpdateKind::Resolved && person.id == found.author_id {
            let days = crate::domain::queries::settings::thresholds(conn, config)
                .await?
                .confirm_days;
            paragraphs.push((t.fu_confirm_prompt)(i64::from(days)));
        }
        let rendered = templates::paragraphs(
            t,
            (t.mail_fu_status_subject)(found.id, label),
            &person.name,
            &paragraphs,
            (t.mail_issue_action, &link),
        );
        let notice = Notice {
            key: format!(
                "follow-up:{}:{}:{}:{}",
                step.id,
                kind.as_str(),
                now.timestamp(),
                person.id
            ),
            topic,
            summary: paragraphs.join(" "),
            rendered,
            link: link.clone(),
            ics: None,
            coalesce: None,
            asks_resolution: (kind == UpdateKind::Resolved && person.id == found.author_id)
                .then_some((found.id, step.id)),
        };
        notify(conn, config, now, &person, notice).await?;
    }
    Ok(())
}

/// The OPD's active officer accounts.
pub(crate) async fn officers_of(
    conn: &impl ConnectionTrait,
    opd_id: i32,
) -> Result<Vec<user_account::Model>, AppError> {
    user_account::Entity::find()
        .filter(user_account::Column::OpdId.eq(opd_id))
        .filter(user_account::Column::Role.eq(Role::OpdOfficer))
        .filter(user_account::Column::DisabledAt.is_null())
        .all(conn)
        .await
        .or_internal("reading officers")
}

/// The OPD's official address (kept by the admin) gets what its officers get, once, in
/// Bahasa Indonesia, so that an OPD without accounts still hears of its work. Skipped when
/// one of `officers` signs in with that very address: they have the message already. The
/// outbox key (`key` and `:office`) keeps a retry from sending it twice.
pub(crate) async fn tell_opd_office(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    to: &opd::Model,
    officers: &[user_account::Model],
    key: &str,
    rendered: Rendered,
) -> Result<(), AppError> {
    let Some(address) = to.email.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(());
    };
    if officers.iter().any(|o| o.email.eq_ignore_ascii_case(address)) {
        return Ok(());
    }
    let email = Email {
        key: format!("{key}:office"),
        to: address.to_owned(),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ics: None,
        // An institution's address has no account whose mail could be turned off; a bounce
        // puts it on the suppression list like any other address.
        unsubscribe: None,
    };
    enqueue(conn, now, email).await
}

/// An issue was assigned to `to`: its officers and its official address are told, with the
/// deadline.
pub async fn assigned_to_opd(
    conn: &impl ConnectionTrait,
    config: &Config,
    now: DateTime<Utc>,
    found: &issue::Model,
    to: &opd::Model,
    due: NaiveDate,
) -> Result<(), AppError> {
    let link = issue_link(config, found.id);
    let officers = officers_of(conn, to.id).await?;
    let key = format!("assigned:{}:{}:{}", found.id, to.id, now.timestamp());
    let t = crate::i18n::Locale::Id.texts();
    let rendered = templates::assigned(
        t,
        &to.name,
        found.id,
        &found.title,
        &to.name,
        &format_day(due, crate::i18n::Locale::Id),
        &link,
    );
    tell_opd_office(conn, now, to, &officers, &key, rendered).await?;
    for person in officers {
        let locale = person.locale;
        let t = locale.texts();
        let due = format_day(due, locale);
        let rendered = templates::assigned(t, &person.name, found.id, &found.title, &to.name, &due, &link);
        let notice = Notice {
            key: format!("assigned:{}:{}:{}:{}", found.id, to.id, now.timestamp(), person.id),
            topic: Topic::Opd,
            summary: (t.mail_assigned_body)(&found.title, &to.name, &due),
            rendered,
            link: link.clone(),
            ics: None,
            coalesce: None,
            asks_resolution: None,
        };
        notify(conn, config, now, &person, notice).await?;
    }
    Ok(())
}
