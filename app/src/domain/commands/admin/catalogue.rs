//! The admin's catalogue: OPDs and categories (names in both languages and the OPD that
//! usually acts).

use crate::{
    domain::{
        AppState,
        entities::{category, opd, user_account},
        error::{OrInternal, write_txn},
        rules::access::check_admin,
    },
    model::{
        AppError, ErrorCode,
        account::{parse_email, parse_name},
        admin::{parse_label, parse_opd_code, parse_slug},
        error::Problems,
    },
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::OnConflict,
};

/// An OPD chosen in a form (`""` for none), checked to exist.
pub(crate) async fn parse_opd(db: &impl ConnectionTrait, raw: &str) -> Result<Option<i32>, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id = raw.parse::<i32>().map_err(|_| ErrorCode::UnknownOpd)?;
    match opd::Entity::find_by_id(id).one(db).await {
        Ok(Some(_)) => Ok(Some(id)),
        _ => Err(ErrorCode::UnknownOpd),
    }
}

/// What the OPD form posts.
pub struct OpdInput<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub email: &'a str,
    pub head_name: &'a str,
}

/// Adds an OPD, or changes the one with that code.
pub async fn save_opd(state: &AppState, user: &user_account::Model, input: OpdInput<'_>) -> Result<(), AppError> {
    check_admin(user)?;
    let mut problems = Problems::default();
    let code = problems.check("code", parse_opd_code(input.code));
    let name = problems.check("name", parse_label(input.name));
    let short_name = problems.check("short_name", parse_label(input.short_name));
    let email = match input.email.trim() {
        "" => Some(None),
        raw => problems.check("email", parse_email(raw)).map(Some),
    };
    let head_name = match input.head_name.trim() {
        "" => Some(None),
        raw => problems.check("head_name", parse_name(raw)).map(Some),
    };
    problems.into_result()?;
    let (Some(code), Some(name), Some(short_name), Some(email), Some(head_name)) =
        (code, name, short_name, email, head_name)
    else {
        return Err(AppError::Internal);
    };
    let txn = write_txn(&state.db).await?;
    opd::Entity::insert(opd::ActiveModel {
        code: Set(code),
        name: Set(name),
        short_name: Set(short_name),
        email: Set(email),
        head_name: Set(head_name),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(opd::Column::Code)
            .update_columns([
                opd::Column::Name,
                opd::Column::ShortName,
                opd::Column::Email,
                opd::Column::HeadName,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .or_internal("saving an OPD")?;
    txn.commit().await.or_internal("committing an OPD")
}

/// What the category form posts.
pub struct CategoryInput<'a> {
    /// Empty for a new category.
    pub id: &'a str,
    pub slug: &'a str,
    pub name_id: &'a str,
    pub name_en: &'a str,
    pub opd: &'a str,
    /// Its issues go straight to that OPD on publication (needs an OPD).
    pub direct: bool,
}

/// Adds a category, or changes one (its slug stays once issues use it).
pub async fn save_category(
    state: &AppState,
    user: &user_account::Model,
    input: CategoryInput<'_>,
) -> Result<(), AppError> {
    check_admin(user)?;
    let txn = write_txn(&state.db).await?;
    let existing = match input.id.trim() {
        "" => None,
        id => Some(
            category::Entity::find_by_id(id.parse::<i32>().map_err(|_| AppError::NotFound)?)
                .one(&txn)
                .await
                .or_internal("reading a category")?
                .ok_or(AppError::NotFound)?,
        ),
    };
    let mut problems = Problems::default();
    let slug = problems.check("slug", parse_slug(input.slug));
    let name_id = problems.check("name_id", parse_label(input.name_id));
    let name_en = problems.check("name_en", parse_label(input.name_en));
    let opd_id = problems.check("opd", parse_opd(&txn, input.opd).await);
    if input.direct && matches!(opd_id, Some(None)) {
        problems.add("opd", ErrorCode::Required);
    }
    if let Some(slug) = &slug {
        let taken = category::Entity::find()
            .filter(category::Column::Slug.eq(slug.as_str()))
            .one(&txn)
            .await
            .or_internal("reading a category")?
            .is_some_and(|c| existing.as_ref().is_none_or(|e| e.id != c.id));
        if taken {
            problems.add("slug", ErrorCode::SlugTaken);
        }
    }
    problems.into_result()?;
    let (Some(slug), Some(name_id), Some(name_en), Some(opd_id)) = (slug, name_id, name_en, opd_id) else {
        return Err(AppError::Internal);
    };
    match existing {
        Some(found) => {
            let mut row: category::ActiveModel = found.into();
            row.slug = Set(slug);
            row.name_id = Set(name_id);
            row.name_en = Set(name_en);
            row.opd_id = Set(opd_id);
            row.direct_to_opd = Set(input.direct);
            row.update(&txn).await.or_internal("updating a category")?;
        }
        None => {
            category::ActiveModel {
                slug: Set(slug),
                name_id: Set(name_id),
                name_en: Set(name_en),
                opd_id: Set(opd_id),
                direct_to_opd: Set(input.direct),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .or_internal("adding a category")?;
        }
    }
    txn.commit().await.or_internal("committing a category")?;
    state.reference.clear();
    Ok(())
}
