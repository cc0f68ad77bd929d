//! Reminders of a session to the registered, a day before.

use crate::domain::queries::agenda::items_of;
use crate::{
    domain::{
        AppState,
        entities::{dialogue_session, issue, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        queries::time::when_wib,
    },
    model::{AppError, mail::Topic, session::SessionStatus},
};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

/// Queues the reminder for every session that starts within a day: to those registered
/// and to the authors of its agenda items. Each reminder has its own idempotency key, so
/// running this any number of times sends each once.
pub async fn queue_reminders(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let soon = dialogue_session::Entity::find()
        .filter(dialogue_session::Column::StartsAt.gt(now))
        .filter(dialogue_session::Column::StartsAt.lte(now + Duration::hours(24)))
        .filter(dialogue_session::Column::Status.is_in([
            SessionStatus::Planned.as_str(),
            SessionStatus::AgendaOpen.as_str(),
            SessionStatus::AgendaLocked.as_str(),
        ]))
        .all(&state.db)
        .await
        .or_internal("reading sessions")?;
    let mut queued = 0;
    for session in soon {
        let txn = write_txn(&state.db).await?;
        let mut people: Vec<i32> = crate::domain::entities::session_registration::Entity::find()
            .select_only()
            .column(crate::domain::entities::session_registration::Column::UserId)
            .filter(crate::domain::entities::session_registration::Column::SessionId.eq(session.id))
            .filter(
                crate::domain::entities::session_registration::Column::Status
                    .eq(crate::model::session::RegistrationStatus::Confirmed),
            )
            .into_tuple()
            .all(&txn)
            .await
            .or_internal("reading registrations")?;
        let issue_ids: Vec<i32> = items_of(&txn, session.id).await?.iter().map(|i| i.issue_id).collect();
        let authors: Vec<i32> = issue::Entity::find()
            .select_only()
            .column(issue::Column::AuthorId)
            .filter(issue::Column::Id.is_in(issue_ids))
            .into_tuple()
            .all(&txn)
            .await
            .or_internal("reading authors")?;
        people.extend(authors);
        let link = format!("{}/sessions/{}", state.config.base_url, session.id);
        for person in user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(people))
            .filter(user_account::Column::DisabledAt.is_null())
            .all(&txn)
            .await
            .or_internal("reading accounts")?
        {
            let locale = person.locale;
            let when = when_wib(session.starts_at, session.duration_minutes, locale);
            let rendered = templates::session_reminder(locale.texts(), &person.name, &when, &session.venue, &link);
            let key = format!(
                "reminder:{}:{}:{}",
                session.id,
                session.starts_at.timestamp(),
                person.id
            );
            let notice = Notice::plain(key, Topic::Sessions, rendered, link.clone());
            notify(&txn, &state.config, now, &person, notice).await?;
            queued += 1;
        }
        txn.commit().await.or_internal("committing reminders")?;
    }
    if queued > 0 {
        state.mail_bell.notify_one();
    }
    Ok(queued)
}
