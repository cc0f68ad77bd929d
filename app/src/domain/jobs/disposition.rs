//! The disposition deadline: an issue that has waited for the secretariat's decision for
//! more than the `disposition_days` setting's working days is told to the secretariat and
//! the admin, once per wait (a claim per issue and deadline makes repeats, also across instances, harmless).
//! Confidential issues too: the mail goes to staff only.

use crate::{
    domain::{
        AppState,
        error::{OrInternal, write_txn},
        mail::{
            claim_job,
            notify::{Notice, notify},
            templates,
        },
        queries::{
            accounts::deciders,
            holidays::holiday_set,
            time::{format_day, wib_day},
        },
        views::inbox::waiting_issues,
    },
    model::{AppError, follow_up::add_working_days, mail::Topic},
};

/// Tells of every waiting issue whose disposition deadline passed. Returns how many
/// notices it queued.
pub async fn tell_overdue(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let holidays = holiday_set(&txn).await?;
    let days = crate::domain::queries::settings::thresholds(&txn, &state.config)
        .await?
        .disposition_days;
    let today = wib_day(now);
    let mut late = Vec::new();
    for found in waiting_issues(&txn).await? {
        let due = add_working_days(wib_day(found.updated_at.min(now)), days, &holidays);
        if today > due && claim_job(&txn, &format!("disposition:{}:{due}", found.id), now).await? {
            late.push((found, due));
        }
    }
    if late.is_empty() {
        return txn
            .commit()
            .await
            .or_internal("committing disposition claims")
            .map(|()| 0);
    }
    let deciders = deciders(&txn).await?;
    let link = format!("{}/staff/inbox", state.config.base_url);
    let mut queued = 0;
    for (found, due) in &late {
        for person in &deciders {
            let t = person.locale.texts();
            let body = (t.mail_disposition_body)(&found.title, &format_day(*due, person.locale));
            let rendered = templates::paragraphs(
                t,
                (t.mail_disposition_subject)(found.id),
                &person.name,
                std::slice::from_ref(&body),
                (t.inbox_title, &link),
            );
            let key = format!("disposition:{}:{due}:{}", found.id, person.id);
            notify(
                &txn,
                &state.config,
                now,
                person,
                Notice::plain(key, Topic::Opd, rendered, link.clone()),
            )
            .await?;
            queued += 1;
        }
    }
    txn.commit().await.or_internal("committing disposition notices")?;
    state.mail_bell.notify_one();
    Ok(queued)
}
