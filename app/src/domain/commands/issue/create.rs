//! Posting an issue: the web form and Open311 share `insert`, so the checks and the writes
//! cannot differ; a staff member may post on behalf of a resident who came by phone or in person.

use crate::domain::views::issues::similar;
use crate::{
    domain::{
        AppState, commands,
        entities::{category, issue, issue_history, issue_photo, region, user_account},
        error::{OrInternal, write_txn},
        mail::{
            notify::{Notice, notify},
            templates,
        },
        photos::{parse_photo_list, photo_size},
        rules::access::{check_can_post, role_of},
        sanitize::markdown_to_html,
    },
    model::{
        AppError, ErrorCode,
        account::{Role, parse_name},
        error::Problems,
        form::ClientKey,
        issue::{
            IssueStatus, Privacy, parse_address, parse_body, parse_choice, parse_phone, parse_point, parse_privacy,
            parse_title,
        },
        mail::Topic,
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};

/// What a resident typed into the form, as posted.
#[derive(Default)]
pub struct NewIssueInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub kecamatan: &'a str,
    pub desa: &'a str,
    /// `publik` (the default), `anonim` or `rahasia`.
    pub privacy: Option<&'a str>,
    /// Assisted intake (operators only): the resident's name and phone.
    pub on_behalf_name: Option<&'a str>,
    pub on_behalf_phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub latitude: Option<&'a str>,
    pub longitude: Option<&'a str>,
    /// Stored photos (see `photos::store`), their hashes separated by spaces.
    pub photos: Option<&'a str>,
    /// The resident saw the similar issues and posts anyway.
    pub confirm_new: bool,
}

/// The assisted resident of a new issue: only operators post for someone else.
fn on_behalf(author: &user_account::Model, input: &NewIssueInput<'_>) -> Result<Option<(String, String)>, AppError> {
    let name = input.on_behalf_name.map(str::trim).unwrap_or_default();
    let phone = input.on_behalf_phone.map(str::trim).unwrap_or_default();
    if name.is_empty() && phone.is_empty() {
        return Ok(None);
    }
    if role_of(author) != Role::Operator {
        return Err(AppError::Forbidden);
    }
    let mut problems = Problems::default();
    let name = problems.check("on_behalf_name", parse_name(name));
    let phone = problems.check("on_behalf_phone", parse_phone(phone));
    problems.into_result()?;
    Ok(name.zip(phone))
}

/// Statuses that never show on public lists.
/// A posted form that passed every check.
pub(crate) struct ValidIssue {
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) category_id: i32,
    pub(crate) kecamatan_id: i32,
    pub(crate) desa_id: i32,
    pub(crate) privacy: Privacy,
    pub(crate) address: Option<String>,
    pub(crate) point: Option<(f64, f64)>,
}

/// Checks every field of the form at once, including that the village lies in the chosen
/// kecamatan.
pub(crate) async fn validate(db: &DatabaseConnection, input: &NewIssueInput<'_>) -> Result<ValidIssue, AppError> {
    let mut problems = Problems::default();
    let title = problems.check("title", parse_title(input.title));
    let body = problems.check("body", parse_body(input.body));
    let category_id = problems.check("category", parse_choice(input.category));
    let kecamatan_id = problems.check(
        "kecamatan",
        parse_choice(input.kecamatan).map_err(|_| ErrorCode::UnknownRegion),
    );
    let desa_id = problems.check("desa", parse_choice(input.desa).map_err(|_| ErrorCode::UnknownRegion));
    let privacy = problems.check("privacy", parse_privacy(input.privacy));
    let address = problems.check("address", parse_address(input.address.unwrap_or_default()));
    let point = problems.check(
        "latitude",
        parse_point(input.latitude.unwrap_or_default(), input.longitude.unwrap_or_default()),
    );
    if let Some(id) = category_id
        && category::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a category")?
            .is_none()
    {
        problems.add("category", ErrorCode::UnknownCategory);
    }
    let kecamatan = match kecamatan_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a region")?
            .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan),
        None => None,
    };
    if kecamatan_id.is_some() && kecamatan.is_none() {
        problems.add("kecamatan", ErrorCode::UnknownRegion);
    }
    if let Some(id) = desa_id {
        match region::Entity::find_by_id(id)
            .one(db)
            .await
            .or_internal("reading a region")?
            .filter(|r| r.kind != crate::model::admin::RegionKind::Kecamatan)
        {
            None => problems.add("desa", ErrorCode::UnknownRegion),
            Some(desa)
                if kecamatan
                    .as_ref()
                    .is_some_and(|k| desa.parent_code.as_deref() != Some(k.code.as_str())) =>
            {
                problems.add("desa", ErrorCode::DesaNotInKecamatan)
            }
            Some(_) => {}
        }
    }
    problems.into_result()?;
    let (
        Some(title),
        Some(body),
        Some(category_id),
        Some(kecamatan_id),
        Some(desa_id),
        Some(privacy),
        Some(address),
        Some(point),
    ) = (title, body, category_id, kecamatan_id, desa_id, privacy, address, point)
    else {
        return Err(AppError::Internal);
    };
    Ok(ValidIssue {
        title,
        body,
        category_id,
        kecamatan_id,
        desa_id,
        privacy,
        address,
        point,
    })
}

/// Posts an issue for `author`: published at once, with its history row, the author's
/// confirmation email and the sending's client key written in the same transaction.
pub async fn create(
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
    key: Option<&ClientKey>,
) -> Result<issue::Model, AppError> {
    check_can_post(author)?;
    let assisted = on_behalf(author, &input)?.map(|(name, phone)| (name, Some(phone).filter(|p| !p.is_empty())));
    let posting = Posting {
        assisted: assisted.clone(),
        confirm: true,
        media_url: None,
    };
    let txn = write_txn(&state.db).await?;
    let created = insert_in(&txn, state, author, input, posting).await?;
    // A resident whose phone is a WhatsApp number hears of it there.
    if let Some((name, Some(phone))) = &assisted {
        commands::phone::follow_by_phone(&txn, state, &created, name, phone).await?;
    }
    commands::submission::record(&txn, state, author, key, &format!("/issues/{}", created.id)).await?;
    txn.commit().await.or_internal("committing an issue")?;
    state.mail_bell.notify_one();
    state.whatsapp_out_bell.notify_one();
    Ok(created)
}

/// How an issue arrived, beyond what the form holds: for someone else (assisted intake or
/// an Open311 client), with or without the confirmation mail, with a client's media link.
pub struct Posting {
    /// The resident's name and phone, seen by staff only.
    pub assisted: Option<(String, Option<String>)>,
    /// Mail the author that the issue arrived.
    pub confirm: bool,
    pub media_url: Option<String>,
}

/// Checks and writes a new issue exactly as the web form does; `create` and the Open311
/// endpoint decide who the author is and call this.
pub async fn insert(
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
    posting: Posting,
) -> Result<issue::Model, AppError> {
    let txn = write_txn(&state.db).await?;
    let created = insert_in(&txn, state, author, input, posting).await?;
    txn.commit().await.or_internal("committing an issue")?;
    state.mail_bell.notify_one();
    Ok(created)
}

/// `insert` inside the caller's transaction (the WhatsApp conversation posts an issue and
/// answers in one): every check, then the writes. Ring the mail bell after the commit.
pub async fn insert_in(
    txn: &impl ConnectionTrait,
    state: &AppState,
    author: &user_account::Model,
    input: NewIssueInput<'_>,
    posting: Posting,
) -> Result<issue::Model, AppError> {
    let db = &state.db;
    let photos = parse_photo_list(&state.config.photo_dir, input.photos.unwrap_or_default());
    let valid = validate(db, &input).await;
    // Every problem at once: the fields, the photos, and similar issues not yet seen.
    let mut problems = Problems::default();
    if let Err(AppError::Invalid(fields)) = &valid {
        for f in fields {
            problems.add(&f.field, f.code);
        }
    }
    let photos = problems.check("photo", photos);
    if !input.confirm_new && !similar(db, input.title, 1).await?.is_empty() {
        problems.add("title", ErrorCode::PossibleDuplicate);
    }
    problems.into_result()?;
    let valid = valid?;
    let photos = photos.unwrap_or_default();
    let created = write(txn, state, author, valid, &photos, posting).await?;
    commands::follow_up::route_on_publication(txn, &state.config, &created, state.clock.now()).await?;
    Ok(created)
}

/// Writes a checked issue, published, in `txn`: its photos, its first history row, the
/// author following it and (if asked) the author's confirmation mail.
pub(crate) async fn write(
    txn: &impl ConnectionTrait,
    state: &AppState,
    author: &user_account::Model,
    valid: ValidIssue,
    photos: &[String],
    posting: Posting,
) -> Result<issue::Model, AppError> {
    let ValidIssue {
        title,
        body,
        category_id,
        kecamatan_id,
        desa_id,
        privacy,
        address,
        point,
    } = valid;
    let (on_behalf_name, on_behalf_phone) = match posting.assisted {
        Some((name, phone)) => (Some(name), phone),
        None => (None, None),
    };
    let now = state.clock.now();
    let body_html = markdown_to_html(&body);
    let created = issue::ActiveModel {
        title: Set(title),
        body_md: Set(body),
        body_html: Set(body_html),
        category_id: Set(category_id),
        kecamatan_id: Set(kecamatan_id),
        desa_id: Set(desa_id),
        author_id: Set(author.id),
        status: Set(IssueStatus::Published),
        privacy: Set(privacy),
        on_behalf_name: Set(on_behalf_name),
        on_behalf_phone: Set(on_behalf_phone),
        address: Set(address),
        latitude: Set(point.map(|p| p.0)),
        longitude: Set(point.map(|p| p.1)),
        created_at: Set(now),
        updated_at: Set(now),
        hidden_at: Set(None),
        flag_count: Set(0),
        merged_into_id: Set(None),
        decision_reason: Set(None),
        media_url: Set(posting.media_url),
        ..Default::default()
    }
    .insert(txn)
    .await
    .or_internal("inserting an issue")?;
    for (position, hash) in photos.iter().enumerate() {
        let (width, height) = photo_size(&state.config.photo_dir, hash)?;
        issue_photo::ActiveModel {
            issue_id: Set(created.id),
            position: Set(position as i16),
            hash: Set(hash.clone()),
            width: Set(width),
            height: Set(height),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await
        .or_internal("attaching a photo")?;
    }
    issue_history::ActiveModel {
        issue_id: Set(created.id),
        from_status: Set(None),
        to_status: Set(created.status),
        actor_id: Set(Some(author.id)),
        note: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .or_internal("recording issue history")?;
    commands::forum::follow_in(txn, author.id, created.id, now).await?;
    if posting.confirm {
        let texts = author.locale.texts();
        let link = format!("{}/issues/{}", state.config.base_url, created.id);
        let rendered = templates::issue_received(texts, &author.name, created.id, &created.title, &link);
        let notice = Notice::plain(
            format!("issue-received:{}", created.id),
            Topic::MyIssues,
            rendered,
            link,
        );
        notify(txn, &state.config, now, author, notice).await?;
    }
    Ok(created)
}
