//! The admin's work on reference data and accounts: categories (names in both languages
//! and the OPD that usually acts), kecamatan and desa (one at a time or a whole CSV), and
//! accounts (role, OPD, disabled). Admin only; every change is one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;

use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, Func, OnConflict},
};

use super::super::{
    AppState,
    authz::{check_admin, role_of},
    entities::{api_key, auth_session, category, holiday, issue, mail_suppression, opd, outbox, region, user_account},
    error::{OrInternal, write_txn},
    secrets::{new_token, token_hash},
    time::format_wib,
};
use crate::i18n::Locale;
use crate::model::{
    AppError, ErrorCode,
    account::{Role, parse_email, parse_name},
    admin::{
        AdminAccount, AdminAccounts, AdminApiKey, AdminApiKeys, AdminCategories, AdminCategory, AdminHoliday,
        AdminKecamatan, AdminOpd, AdminOutbox, AdminRegion, HolidayKind, OutboxRow, RegionKind, SuppressedAddress,
        parse_label, parse_opd_code, parse_slug, region_parent,
    },
    error::Problems,
    session::parse_date,
};

/// An OPD chosen in a form (`""` for none), checked to exist.
async fn parse_opd(db: &impl ConnectionTrait, raw: &str) -> Result<Option<i32>, ErrorCode> {
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

pub async fn categories(db: &DatabaseConnection, user: &user_account::Model) -> Result<AdminCategories, AppError> {
    check_admin(user)?;
    let counts: HashMap<i32, i64> = issue::Entity::find()
        .select_only()
        .column(issue::Column::CategoryId)
        .column_as(issue::Column::Id.count(), "n")
        .group_by(issue::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting issues per category")?
        .into_iter()
        .collect();
    let categories = category::Entity::find()
        .order_by_asc(category::Column::NameId)
        .all(db)
        .await
        .or_internal("reading categories")?
        .into_iter()
        .map(|c| AdminCategory {
            issues: counts.get(&c.id).copied().unwrap_or_default() as u64,
            id: c.id,
            slug: c.slug,
            name_id: c.name_id,
            name_en: c.name_en,
            opd_id: c.opd_id,
        })
        .collect();
    Ok(AdminCategories {
        categories,
        opds: super::opds::opd_choices(db).await?,
    })
}

/// Every OPD with its officers counted.
pub async fn opds(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<AdminOpd>, AppError> {
    check_admin(user)?;
    let officers: HashMap<i32, i64> = user_account::Entity::find()
        .select_only()
        .column(user_account::Column::OpdId)
        .column_as(user_account::Column::Id.count(), "n")
        .filter(user_account::Column::OpdId.is_not_null())
        .group_by(user_account::Column::OpdId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting officers")?
        .into_iter()
        .collect();
    Ok(opd::Entity::find()
        .order_by_asc(opd::Column::ShortName)
        .all(db)
        .await
        .or_internal("reading OPDs")?
        .into_iter()
        .map(|o| AdminOpd {
            officers: officers.get(&o.id).copied().unwrap_or_default() as u64,
            code: o.code,
            name: o.name,
            short_name: o.short_name,
            email: o.email,
            head_name: o.head_name,
        })
        .collect())
}

/// The Open311 clients' keys, newest first; `issued` is a key just made (see
/// `issue_api_key`), to show once.
pub async fn api_keys(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: Locale,
    issued: Option<String>,
) -> Result<AdminApiKeys, AppError> {
    check_admin(user)?;
    let keys = api_key::Entity::find()
        .order_by_desc(api_key::Column::Id)
        .all(db)
        .await
        .or_internal("reading API keys")?;
    let accounts: Vec<i32> = keys.iter().map(|k| k.user_id).collect();
    let posted: HashMap<i32, i64> = issue::Entity::find()
        .select_only()
        .column(issue::Column::AuthorId)
        .column_as(issue::Column::Id.count(), "n")
        .filter(issue::Column::AuthorId.is_in(accounts))
        .group_by(issue::Column::AuthorId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .or_internal("counting a client's issues")?
        .into_iter()
        .collect();
    let wib = |at| format_wib(at, locale);
    Ok(AdminApiKeys {
        keys: keys
            .into_iter()
            .map(|k| AdminApiKey {
                id: k.id,
                issues: posted.get(&k.user_id).copied().unwrap_or_default() as u64,
                name: k.name,
                prefix: k.prefix,
                created_wib: wib(k.created_at),
                last_used_wib: k.last_used_at.map(wib),
                revoked_wib: k.revoked_at.map(wib),
            })
            .collect(),
        issued,
    })
}

/// The prefix every key starts with, so that a leaked one is easy to recognise.
pub const API_KEY_PREFIX: &str = "mj_";

/// Issues a key to the client `name` and returns it; only its hash is kept. The client
/// gets an account of its own to post as, which has no mailbox (its address is
/// suppressed), so no mail is ever sent to it.
pub async fn issue_api_key(state: &AppState, user: &user_account::Model, name: &str) -> Result<String, AppError> {
    check_admin(user)?;
    let name = parse_label(name).map_err(|code| AppError::field("name", code))?;
    let key = format!("{API_KEY_PREFIX}{}", new_token()?);
    let hash = token_hash(&key);
    let now = state.clock.now();
    let mailbox = format!("open311-{}@clients.invalid", &hash[..16]);
    let txn = write_txn(&state.db).await?;
    let account = user_account::ActiveModel {
        email: Set(mailbox.clone()),
        password_hash: Set("!".into()),
        name: Set(name.clone()),
        role: Set(Role::Resident),
        opd_id: Set(None),
        locale: Set(crate::i18n::Locale::Id),
        email_verified_at: Set(Some(now)),
        disabled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("making a client account")?;
    mail_suppression::ActiveModel {
        email: Set(mailbox),
        permanent_failures: Set(0),
        last_error: Set("Open311 client: no mailbox".into()),
        updated_at: Set(now),
        suppressed_at: Set(Some(now)),
    }
    .insert(&txn)
    .await
    .or_internal("suppressing a client's mail")?;
    api_key::ActiveModel {
        name: Set(name),
        prefix: Set(key.chars().take(API_KEY_PREFIX.len() + 6).collect()),
        key_hash: Set(hash),
        user_id: Set(account.id),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .or_internal("saving an API key")?;
    txn.commit().await.or_internal("committing an API key")?;
    Ok(key)
}

/// Revokes a key at once: the next request with it is refused.
pub async fn revoke_api_key(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let found = api_key::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal("reading an API key")?
        .ok_or(AppError::NotFound)?;
    if found.revoked_at.is_some() {
        return Ok(());
    }
    let mut revoked: api_key::ActiveModel = found.into();
    revoked.revoked_at = Set(Some(state.clock.now()));
    revoked.update(&state.db).await.or_internal("revoking an API key")?;
    Ok(())
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
            row.update(&txn).await.or_internal("updating a category")?;
        }
        None => {
            category::ActiveModel {
                slug: Set(slug),
                name_id: Set(name_id),
                name_en: Set(name_en),
                opd_id: Set(opd_id),
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

pub async fn regions(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<AdminKecamatan>, AppError> {
    check_admin(user)?;
    let all = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(db)
        .await
        .or_internal("reading regions")?;
    let mut villages: HashMap<String, Vec<AdminRegion>> = HashMap::new();
    for r in all.iter().filter(|r| r.kind != RegionKind::Kecamatan) {
        villages
            .entry(r.parent_code.clone().unwrap_or_default())
            .or_default()
            .push(AdminRegion {
                code: r.code.clone(),
                kind: r.kind.as_str().to_owned(),
                name: r.name.clone(),
            });
    }
    Ok(all
        .into_iter()
        .filter(|r| r.kind == RegionKind::Kecamatan)
        .map(|k| AdminKecamatan {
            villages: villages.remove(&k.code).unwrap_or_default(),
            code: k.code,
            name: k.name,
        })
        .collect())
}

/// One region as typed or read from a CSV row.
struct RegionRow {
    code: String,
    kind: RegionKind,
    name: String,
    parent: String,
}

fn parse_region(code: &str, kind: &str, name: &str) -> Result<RegionRow, Vec<(&'static str, ErrorCode)>> {
    let kind = kind.trim().to_lowercase();
    let mut problems = Vec::new();
    let parent = region_parent(code, &kind).map_err(|e| problems.push(("code", e))).ok();
    let name = parse_label(name).map_err(|e| problems.push(("name", e))).ok();
    // `region_parent` refused any kind that does not parse.
    match (parent, name, RegionKind::parse(&kind)) {
        (Some(parent), Some(name), Some(kind)) if problems.is_empty() => Ok(RegionRow {
            code: code.trim().to_owned(),
            kind,
            name,
            parent,
        }),
        _ => Err(problems),
    }
}

/// Adds a region or renames it (by its code); a village needs its kecamatan first.
async fn upsert_region(conn: &impl ConnectionTrait, row: RegionRow) -> Result<bool, AppError> {
    if row.kind != RegionKind::Kecamatan {
        let parent = region::Entity::find()
            .filter(region::Column::Code.eq(row.parent.as_str()))
            .filter(region::Column::Kind.eq(RegionKind::Kecamatan))
            .one(conn)
            .await
            .or_internal("reading a kecamatan")?;
        if parent.is_none() {
            return Ok(false);
        }
    }
    let found = region::Entity::find()
        .filter(region::Column::Code.eq(row.code.as_str()))
        .one(conn)
        .await
        .or_internal("reading a region")?;
    match found {
        Some(found) => {
            let mut active: region::ActiveModel = found.into();
            active.name = Set(row.name);
            active.kind = Set(row.kind);
            active.parent_code = Set(Some(row.parent));
            active.update(conn).await.or_internal("renaming a region")?;
        }
        None => {
            region::ActiveModel {
                code: Set(row.code),
                kind: Set(row.kind),
                name: Set(row.name),
                parent_code: Set(Some(row.parent)),
                ..Default::default()
            }
            .insert(conn)
            .await
            .or_internal("adding a region")?;
        }
    }
    Ok(true)
}

pub async fn save_region(
    state: &AppState,
    user: &user_account::Model,
    code: &str,
    kind: &str,
    name: &str,
) -> Result<(), AppError> {
    check_admin(user)?;
    let row = parse_region(code, kind, name).map_err(|problems| {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|(field, code)| crate::model::FieldError::new(field, code))
                .collect(),
        )
    })?;
    let txn = write_txn(&state.db).await?;
    if !upsert_region(&txn, row).await? {
        return Err(AppError::field("code", ErrorCode::UnknownParentRegion));
    }
    txn.commit().await.or_internal("committing a region")?;
    state.reference.clear();
    Ok(())
}

/// A CSV import stopped at `line` (1 is the header).
fn csv_refused(line: usize) -> AppError {
    AppError::field("csv", ErrorCode::CsvLine { line })
}

/// The rows of an imported CSV whose first three columns are `header`, each with its line
/// number; a missing header, a malformed row or a row with fewer than three columns
/// refuses the whole file.
fn csv_rows(csv_text: &str, header: [&str; 3]) -> Result<Vec<(usize, [String; 3], csv::StringRecord)>, AppError> {
    if csv_text.trim().is_empty() {
        return Err(AppError::field("csv", ErrorCode::Required));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let header_ok = reader.headers().map(|h| h.iter().take(3).eq(header)).unwrap_or(false);
    if !header_ok {
        return Err(csv_refused(1));
    }
    reader
        .records()
        .enumerate()
        .map(|(n, record)| {
            let line = n + 2;
            let record = record.map_err(|_| csv_refused(line))?;
            match (record.get(0), record.get(1), record.get(2)) {
                (Some(a), Some(b), Some(c)) => Ok((line, [a.to_owned(), b.to_owned(), c.to_owned()], record)),
                _ => Err(csv_refused(line)),
            }
        })
        .collect()
}

/// Imports regions from CSV text (`kode,jenis,nama,induk`, as Kemendagri publishes them):
/// all rows or none. Returns how many rows were added or renamed.
pub async fn import_regions(state: &AppState, user: &user_account::Model, csv_text: &str) -> Result<usize, AppError> {
    check_admin(user)?;

    let mut rows = Vec::new();
    for (line, [code, kind, name], record) in csv_rows(csv_text, ["kode", "jenis", "nama"])? {
        let row = parse_region(&code, &kind, &name).map_err(|_| csv_refused(line))?;
        if record.get(3).is_some_and(|p| !p.is_empty() && p != row.parent) {
            return Err(csv_refused(line));
        }
        rows.push((line, row));
    }
    // Kecamatan first, so that their villages find them.
    rows.sort_by_key(|(_, r)| r.kind != RegionKind::Kecamatan);
    let count = rows.len();
    let txn = write_txn(&state.db).await?;
    for (line, row) in rows {
        if !upsert_region(&txn, row).await? {
            return Err(csv_refused(line));
        }
    }
    txn.commit().await.or_internal("committing an import")?;
    state.reference.clear();
    Ok(count)
}

pub async fn holidays(db: &DatabaseConnection, user: &user_account::Model) -> Result<Vec<AdminHoliday>, AppError> {
    check_admin(user)?;
    Ok(holiday::Entity::find()
        .order_by_asc(holiday::Column::Day)
        .all(db)
        .await
        .or_internal("reading holidays")?
        .into_iter()
        .map(|h| AdminHoliday {
            id: h.id,
            day: h.day.format("%Y-%m-%d").to_string(),
            kind: h.kind.as_str().to_owned(),
            description: h.description,
        })
        .collect())
}

/// A holiday as typed or read from CSV.
fn parse_holiday(
    day: &str,
    kind: &str,
    description: &str,
) -> Result<(NaiveDate, HolidayKind, String), (&'static str, ErrorCode)> {
    let day = parse_date(day).map_err(|e| ("day", e))?;
    let kind = HolidayKind::parse(&kind.trim().to_lowercase()).ok_or(("kind", ErrorCode::UnknownHolidayKind))?;
    let description = parse_label(description).map_err(|e| ("description", e))?;
    Ok((day, kind, description))
}

/// Adds a holiday, or changes the one on that day.
async fn upsert_holiday(
    conn: &impl ConnectionTrait,
    (day, kind, description): (NaiveDate, HolidayKind, String),
) -> Result<(), AppError> {
    match holiday::Entity::find()
        .filter(holiday::Column::Day.eq(day))
        .one(conn)
        .await
        .or_internal("reading a holiday")?
    {
        Some(found) => {
            let mut row: holiday::ActiveModel = found.into();
            row.kind = Set(kind);
            row.description = Set(description);
            row.update(conn).await.or_internal("changing a holiday")?;
        }
        None => {
            holiday::ActiveModel {
                day: Set(day),
                kind: Set(kind),
                description: Set(description),
                ..Default::default()
            }
            .insert(conn)
            .await
            .or_internal("adding a holiday")?;
        }
    }
    Ok(())
}

pub async fn save_holiday(
    state: &AppState,
    user: &user_account::Model,
    day: &str,
    kind: &str,
    description: &str,
) -> Result<(), AppError> {
    check_admin(user)?;
    let valid = parse_holiday(day, kind, description).map_err(|(field, code)| AppError::field(field, code))?;
    let txn = write_txn(&state.db).await?;
    upsert_holiday(&txn, valid).await?;
    super::followups::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a holiday")
}

pub async fn delete_holiday(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let txn = write_txn(&state.db).await?;
    let deleted = holiday::Entity::delete_by_id(id)
        .exec(&txn)
        .await
        .or_internal("deleting a holiday")?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    super::followups::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a deleted holiday")
}

/// Imports holidays from CSV text (`tanggal,jenis,keterangan`, as published with the
/// government's joint decree): all rows or none. Returns how many were added or changed.
pub async fn import_holidays(state: &AppState, user: &user_account::Model, csv_text: &str) -> Result<usize, AppError> {
    check_admin(user)?;
    let mut rows = Vec::new();
    for (line, [day, kind, description], _) in csv_rows(csv_text, ["tanggal", "jenis", "keterangan"])? {
        rows.push(parse_holiday(&day, &kind, &description).map_err(|_| csv_refused(line))?);
    }
    let count = rows.len();
    let txn = write_txn(&state.db).await?;
    for row in rows {
        upsert_holiday(&txn, row).await?;
    }
    super::followups::recompute_deadlines(&txn).await?;
    txn.commit().await.or_internal("committing a holiday import")?;
    Ok(count)
}

/// The outbox by status, failed messages first, then the latest 50.
pub async fn outbox(
    db: &DatabaseConnection,
    user: &user_account::Model,
    locale: crate::i18n::Locale,
) -> Result<AdminOutbox, AppError> {
    check_admin(user)?;
    let count = |status: outbox::OutboxStatus| {
        outbox::Entity::find()
            .filter(outbox::Column::Status.eq(status))
            .count(db)
    };
    let (pending, sent, failed) = (
        count(outbox::PENDING).await.or_internal("counting mail")?
            + count(outbox::SENDING).await.or_internal("counting mail")?,
        count(outbox::SENT).await.or_internal("counting mail")?,
        count(outbox::FAILED).await.or_internal("counting mail")?,
    );
    let failed_rows = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(outbox::FAILED))
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(db)
        .await
        .or_internal("reading failed mail")?;
    let latest = outbox::Entity::find()
        .filter(outbox::Column::Status.ne(outbox::FAILED))
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(db)
        .await
        .or_internal("reading mail")?;
    Ok(AdminOutbox {
        pending,
        sent,
        failed,
        rows: failed_rows
            .into_iter()
            .chain(latest)
            .map(|r| OutboxRow {
                id: r.id,
                to: r.to_email,
                subject: r.subject,
                status: r.status.as_str().to_owned(),
                attempts: r.attempts,
                last_error: r.last_error,
                created_wib: super::super::time::format_wib(r.created_at, locale),
            })
            .collect(),
        suppressed: mail_suppression::Entity::find()
            // Open311 clients' own accounts have no mailbox by design (see `issue_api_key`).
            .filter(mail_suppression::Column::Email.not_like("%@clients.invalid"))
            .filter(mail_suppression::Column::SuppressedAt.is_not_null())
            .order_by_desc(mail_suppression::Column::UpdatedAt)
            .all(db)
            .await
            .or_internal("reading suppressed addresses")?
            .into_iter()
            .map(|s| SuppressedAddress {
                since_wib: super::super::time::format_wib(s.suppressed_at.unwrap_or(s.updated_at), locale),
                email: s.email,
                refusals: s.permanent_failures,
                last_error: s.last_error,
            })
            .collect(),
    })
}

/// Mails an address that was suppressed again (its owner fixed it, say).
pub async fn allow_address(state: &AppState, user: &user_account::Model, email: &str) -> Result<(), AppError> {
    check_admin(user)?;
    let removed = mail_suppression::Entity::delete_by_id(email.trim().to_lowercase())
        .exec(&state.db)
        .await
        .or_internal("allowing an address")?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Sends a failed message again, from the first attempt.
pub async fn retry_mail(state: &AppState, user: &user_account::Model, id: i32) -> Result<(), AppError> {
    check_admin(user)?;
    let retried = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::PENDING))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(state.clock.now()))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(outbox::FAILED))
        .exec(&state.db)
        .await
        .or_internal("retrying mail")?;
    if retried.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    state.mail_bell.notify_one();
    Ok(())
}

/// Accounts, 50 at a time after `after`, optionally matching a name or email.
pub async fn accounts(
    db: &DatabaseConnection,
    user: &user_account::Model,
    q: &str,
    after: Option<i32>,
) -> Result<AdminAccounts, AppError> {
    check_admin(user)?;
    const PAGE: u64 = 50;
    let mut select = user_account::Entity::find().order_by_asc(user_account::Column::Id);
    let q = q.trim().to_lowercase();
    if !q.is_empty() {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        select = select.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user_account::Column::Name))).like(pattern.clone()))
                .add(user_account::Column::Email.like(pattern)),
        );
    }
    if let Some(after) = after {
        select = select.filter(user_account::Column::Id.gt(after));
    }
    let mut rows = select.limit(PAGE + 1).all(db).await.or_internal("reading accounts")?;
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    Ok(AdminAccounts {
        next: rows.last().filter(|_| more).map(|u| u.id),
        accounts: rows
            .into_iter()
            .map(|u| AdminAccount {
                role: role_of(&u),
                verified: u.email_verified_at.is_some(),
                disabled: u.disabled_at.is_some(),
                id: u.id,
                name: u.name,
                email: u.email,
                opd_id: u.opd_id,
            })
            .collect(),
        opds: super::opds::opd_choices(db).await?,
    })
}

/// Changes an account's role, OPD and whether it is disabled. Disabling it or changing
/// its role or OPD signs it out everywhere. The admin cannot change their own account (no locking oneself out).
pub async fn update_account(
    state: &AppState,
    user: &user_account::Model,
    id: i32,
    role: &str,
    opd: &str,
    disabled: bool,
) -> Result<(), AppError> {
    check_admin(user)?;
    if id == user.id {
        return Err(AppError::field("role", ErrorCode::CannotChangeOwnAccount));
    }
    let txn = write_txn(&state.db).await?;
    let found = user_account::Entity::find_by_id(id)
        .one(&txn)
        .await
        .or_internal("reading an account")?
        .ok_or(AppError::NotFound)?;
    let role = Role::parse(role).ok_or_else(|| AppError::field("role", ErrorCode::Required))?;
    let opd_id = parse_opd(&txn, opd)
        .await
        .map_err(|code| AppError::field("opd", code))?;
    let opd_id = match (role, opd_id) {
        (Role::OpdOfficer, None) => return Err(AppError::field("opd", ErrorCode::OpdRequired)),
        (Role::OpdOfficer, some) => some,
        _ => None,
    };
    let now = state.clock.now();
    let was_disabled = found.disabled_at.is_some();
    // A new role or OPD takes effect at the next sign-in, with a new session id.
    let privileges_changed = found.role != role || found.opd_id != opd_id;
    let mut row: user_account::ActiveModel = found.into();
    row.role = Set(role);
    row.opd_id = Set(opd_id);
    if disabled != was_disabled {
        row.disabled_at = Set(disabled.then_some(now));
    }
    row.update(&txn).await.or_internal("updating an account")?;
    if disabled || privileges_changed {
        auth_session::Entity::delete_many()
            .filter(auth_session::Column::UserId.eq(id))
            .exec(&txn)
            .await
            .or_internal("signing a changed account out")?;
    }
    txn.commit().await.or_internal("committing an account change")
}
