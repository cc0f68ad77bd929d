//! Open311 `POST requests`: an API client posts a request, which goes through `issue::insert`,
//! the same checks and writes as the web form.

use super::errors::DESCRIPTION_MAX;
use super::errors::Open311Errors;
use crate::{
    domain::{
        AppState,
        commands::{
            self,
            issue::{NewIssueInput, Posting},
        },
        entities::{api_key, category, region, user_account},
        error::OrInternal,
        secrets::token_hash,
    },
    i18n::{Locale, Texts},
    model::{
        AppError, ErrorCode,
        account::{Role, parse_email, parse_name},
        issue::parse_phone,
        session::parse_link,
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

/// A `POST requests` form, as sent (`attribute[kecamatan]` and the like included).
pub struct PostedRequest<'a> {
    pub fields: &'a [(String, String)],
}

impl PostedRequest<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// What `POST requests` answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Created {
    pub service_request_id: String,
    pub service_notice: String,
    pub account_id: Option<String>,
}

/// The key's row when `raw` is a key that is not revoked; its use is recorded.
async fn client_of(state: &AppState, texts: &Texts, raw: Option<&str>) -> Result<api_key::Model, Open311Errors> {
    let raw = raw.ok_or_else(|| Open311Errors::one(403, texts.open311_key_missing))?;
    let found = api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(token_hash(raw)))
        .one(&state.db)
        .await
        .or_internal("reading an API key")
        .map_err(|e| Open311Errors::from((e, texts)))?
        .filter(|k| k.revoked_at.is_none())
        .ok_or_else(|| Open311Errors::one(403, texts.open311_key_invalid))?;
    let mut used: api_key::ActiveModel = found.clone().into();
    used.last_used_at = Set(Some(state.clock.now()));
    used.update(&state.db)
        .await
        .or_internal("recording an API key's use")
        .map_err(|e| Open311Errors::from((e, texts)))?;
    Ok(found)
}

/// The author of a request: the resident with that email (made, unverified, if new), or
/// the client's own account when no email is given. Staff accounts cannot be named.
async fn author_of(
    state: &AppState,
    texts: &Texts,
    client: &api_key::Model,
    email: Option<&str>,
    name: Option<&str>,
) -> Result<(user_account::Model, bool), Open311Errors> {
    let fail = |e| Open311Errors::from((e, texts));
    let Some(email) = email else {
        let account = user_account::Entity::find_by_id(client.user_id)
            .one(&state.db)
            .await
            .or_internal("reading a client account")
            .map_err(fail)?
            .ok_or_else(|| Open311Errors::internal(texts))?;
        return Ok((account, false));
    };
    let email =
        parse_email(email).map_err(|code| Open311Errors::one(400, format!("email: {}", (texts.code_message)(code))))?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .or_internal("reading an account")
        .map_err(fail)?;
    if let Some(account) = existing {
        let resident = account.role == Role::Resident && account.disabled_at.is_none();
        return if resident {
            Ok((account, true))
        } else {
            Err(Open311Errors::one(400, texts.open311_email_not_resident))
        };
    }
    let name = match name {
        Some(name) => parse_name(name)
            .map_err(|code| Open311Errors::one(400, format!("first_name: {}", (texts.code_message)(code))))?,
        None => texts.open311_default_name.to_owned(),
    };
    let account = user_account::ActiveModel {
        email: Set(email),
        // No password: the resident sets one through "forgot password" if they want to
        // sign in; until then nothing can match it.
        password_hash: Set("!".into()),
        name: Set(name),
        role: Set(Role::Resident),
        opd_id: Set(None),
        locale: Set(Locale::Id),
        email_verified_at: Set(None),
        disabled_at: Set(None),
        created_at: Set(state.clock.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .or_internal("making an account for a request")
    .map_err(fail)?;
    Ok((account, true))
}

/// `POST requests`: checks the key, finds the place and the author, and posts the issue
/// through the web form's own path.
pub async fn post_request(state: &AppState, locale: Locale, form: PostedRequest<'_>) -> Result<Created, Open311Errors> {
    let texts = locale.texts();
    let fail = |e| Open311Errors::from((e, texts));
    let client = client_of(state, texts, form.get("api_key")).await?;
    let code = form
        .get("service_code")
        .ok_or_else(|| Open311Errors::one(400, texts.open311_service_missing))?;
    let category = category::Entity::find()
        .filter(category::Column::Slug.eq(code))
        .one(&state.db)
        .await
        .or_internal("reading a category")
        .map_err(fail)?
        .ok_or_else(|| Open311Errors::one(400, (texts.open311_unknown_service)(code)))?;
    let description = form
        .get("description")
        .ok_or_else(|| Open311Errors::one(400, texts.open311_description_missing))?;
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(Open311Errors::one(
            400,
            format!(
                "description: {}",
                (texts.code_message)(ErrorCode::TooLong { max: DESCRIPTION_MAX })
            ),
        ));
    }
    let (lat, long) = (form.get("lat"), form.get("long"));
    let address = form.get("address_string");
    let address_id = form.get("address_id");
    if (lat.is_none() || long.is_none()) && address.is_none() && address_id.is_none() {
        return Err(Open311Errors::one(400, texts.open311_location_missing));
    }
    let media_url = match form.get("media_url") {
        None => None,
        Some(raw) => parse_link(raw)
            .map_err(|code| Open311Errors::one(400, format!("media_url: {}", (texts.code_message)(code))))?,
    };
    let phone = match form.get("phone") {
        None => None,
        Some(raw) => Some(
            parse_phone(raw)
                .map_err(|code| Open311Errors::one(400, format!("phone: {}", (texts.code_message)(code))))?,
        ),
    };
    // The place: the attributes, else the desa named by `address_id` (a region code).
    let desa_code = form.get("attribute[desa]").or(address_id);
    let desa = region_by_code(&state.db, desa_code, false).await.map_err(fail)?;
    let kecamatan_code = form
        .get("attribute[kecamatan]")
        .map(str::to_owned)
        .or_else(|| desa.as_ref().and_then(|d| d.parent_code.clone()));
    let kecamatan = region_by_code(&state.db, kecamatan_code.as_deref(), true)
        .await
        .map_err(fail)?;
    let unknown_place = |field: &str, given: Option<&str>| match given {
        Some(code) => Open311Errors::one(400, (texts.open311_unknown_region)(field, code)),
        None => Open311Errors::one(400, (texts.open311_attribute_missing)(field)),
    };
    let desa = desa.ok_or_else(|| unknown_place("attribute[desa]", desa_code))?;
    let kecamatan = kecamatan.ok_or_else(|| unknown_place("attribute[kecamatan]", kecamatan_code.as_deref()))?;

    let full_name = [form.get("first_name"), form.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let full_name = Some(full_name).filter(|n| !n.is_empty());
    let (author, confirm) = author_of(state, texts, &client, form.get("email"), full_name.as_deref()).await?;
    // A person named without an email is the resident the client posts for, seen by staff
    // only, like an operator's assisted intake.
    let assisted = if !confirm && (full_name.is_some() || phone.is_some()) {
        let name = match full_name.as_deref() {
            Some(name) => parse_name(name)
                .map_err(|code| Open311Errors::one(400, format!("first_name: {}", (texts.code_message)(code))))?,
            None => texts.open311_default_name.to_owned(),
        };
        Some((name, phone.filter(|p| !p.is_empty())))
    } else {
        phone.filter(|p| !p.is_empty()).map(|p| (author.name.clone(), Some(p)))
    };
    let title = title_of(description);
    let ids = (category.id.to_string(), kecamatan.id.to_string(), desa.id.to_string());
    let (lat, long) = if lat.is_some() && long.is_some() {
        (lat, long)
    } else {
        (None, None)
    };
    let input = NewIssueInput {
        title: &title,
        body: description,
        category: &ids.0,
        kecamatan: &ids.1,
        desa: &ids.2,
        privacy: form.get("attribute[privacy]"),
        on_behalf_name: None,
        on_behalf_phone: None,
        address,
        latitude: lat,
        longitude: long,
        photos: None,
        // A client cannot look at similar issues before posting.
        confirm_new: true,
    };
    let posting = Posting {
        assisted,
        confirm,
        media_url,
    };
    let created = commands::issue::insert(state, &author, input, posting)
        .await
        .map_err(fail)?;
    Ok(Created {
        service_request_id: created.id.to_string(),
        service_notice: texts.open311_notice_published.to_owned(),
        account_id: None,
    })
}

/// The kecamatan (or, with `kecamatan` false, the desa or kelurahan) with region `code`.
async fn region_by_code(
    db: &DatabaseConnection,
    code: Option<&str>,
    kecamatan: bool,
) -> Result<Option<region::Model>, AppError> {
    let Some(code) = code else { return Ok(None) };
    let kind = region::Column::Kind;
    region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .filter(if kecamatan {
            kind.eq("kecamatan")
        } else {
            kind.ne("kecamatan")
        })
        .one(db)
        .await
        .or_internal("reading a region")
}

/// A title for a request, which has none: the first line of its description, cut at a
/// word to fit.
pub fn title_of(description: &str) -> String {
    use crate::model::issue::TITLE_MAX;
    let first = description
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut title = String::new();
    for word in words {
        let next = if title.is_empty() {
            word.to_owned()
        } else {
            format!("{title} {word}")
        };
        if next.chars().count() > TITLE_MAX - 1 {
            if title.is_empty() {
                title = word.chars().take(TITLE_MAX - 1).collect();
            }
            title.push('…');
            return title;
        }
        title = next;
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(
            title_of("\n  Jalan rusak di Subah \nsudah lama"),
            "Jalan rusak di Subah"
        );
        let long = "kata ".repeat(60);
        let title = title_of(&long);
        assert!(title.chars().count() <= crate::model::issue::TITLE_MAX);
        assert!(title.ends_with("kata…"));
    }
}
