//! An item raised from the floor on the day: after the agenda is locked (or while the
//! session is held) the secretariat writes down what a resident raised, as a new public
//! issue posted for that resident, and puts it last on the agenda, marked "dari forum".
//! Its outcome is recorded like any other item's and the minutes keep it apart.

use super::build::{append_item, schedule};
use crate::{
    domain::{
        AppState, commands,
        commands::issue::{NewIssueInput, Posting, validate, write},
        entities::{region, user_account},
        error::{OrInternal, write_txn},
        queries::sessions::find,
        rules::access::check_secretariat,
    },
    model::{AppError, ErrorCode, account::parse_name, admin::RegionKind, error::Problems, session::SessionStatus},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// What the floor form posts.
pub struct FloorInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub desa: &'a str,
    /// Who raised it (optional): seen by staff only, like an assisted resident's name.
    pub speaker: &'a str,
}

/// Adds an item raised from the floor to a locked or held session. Secretariat only.
pub async fn add_from_floor(
    state: &AppState,
    user: &user_account::Model,
    session_id: i32,
    input: FloorInput<'_>,
) -> Result<i32, AppError> {
    check_secretariat(user)?;
    let session = find(&state.db, session_id).await?;
    if !matches!(session.status, SessionStatus::AgendaLocked | SessionStatus::Held) {
        return Err(AppError::field("", ErrorCode::NotNow));
    }
    // The village says the kecamatan: the form asks only for the village.
    let kecamatan = match input.desa.trim().parse::<i32>() {
        Ok(id) => kecamatan_of(state, id).await?,
        Err(_) => None,
    };
    let kecamatan = kecamatan.map(|id| id.to_string()).unwrap_or_default();
    let speaker = input.speaker.trim();
    let mut problems = Problems::default();
    let speaker = if speaker.is_empty() {
        None
    } else {
        problems.check("speaker", parse_name(speaker))
    };
    let issue_input = NewIssueInput {
        title: input.title,
        body: input.body,
        category: input.category,
        kecamatan: &kecamatan,
        desa: input.desa,
        ..Default::default()
    };
    let valid = validate(&state.db, &issue_input).await;
    if let Err(AppError::Invalid(fields)) = &valid {
        // The kecamatan comes from the village: a bad village is reported on the village.
        for f in fields.iter().filter(|f| f.field != "kecamatan") {
            problems.add(&f.field, f.code);
        }
    }
    problems.into_result()?;
    let valid = valid?;
    let now = state.clock.now();
    let txn = write_txn(&state.db).await?;
    let posting = Posting {
        assisted: speaker.map(|name| (name, None)),
        confirm: false,
        media_url: None,
    };
    let created = write(&txn, state, user, valid, &[], posting).await?;
    let item = append_item(&txn, session.id, created.id, true, now).await?;
    schedule(&txn, &created, user.id, now).await?;
    commands::session::live_changed(&txn, session.id, now).await?;
    txn.commit().await.or_internal("committing an item from the floor")?;
    commands::session::ring_live(state, session.id);
    Ok(item.id)
}

/// The kecamatan a village lies in, if the id names a village.
async fn kecamatan_of(state: &AppState, desa_id: i32) -> Result<Option<i32>, AppError> {
    let Some(desa) = region::Entity::find_by_id(desa_id)
        .one(&state.db)
        .await
        .or_internal("reading a region")?
        .filter(|r| r.kind != RegionKind::Kecamatan)
    else {
        return Ok(None);
    };
    let Some(parent) = desa.parent_code else {
        return Ok(None);
    };
    Ok(region::Entity::find()
        .filter(region::Column::Code.eq(parent))
        .filter(region::Column::Kind.eq(RegionKind::Kecamatan))
        .one(&state.db)
        .await
        .or_internal("reading a kecamatan")?
        .map(|k| k.id))
}
