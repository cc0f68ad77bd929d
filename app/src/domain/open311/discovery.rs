//! Open311 discovery and services: the endpoint's description, categories as services and
//! their definitions.

use super::errors::CHANGESET;
use super::errors::Open311Errors;
use super::errors::SPECIFICATION;
use crate::{
    domain::{
        entities::{category, region},
        error::OrInternal,
        queries::reference::category_label,
    },
    i18n::{Locale, Texts},
    model::{AppError, issue::Privacy},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;

/// `discovery.json`: where the endpoint is and what it speaks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Discovery {
    pub changeset: &'static str,
    pub contact: String,
    pub key_service: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Endpoint {
    pub specification: &'static str,
    pub url: String,
    pub changeset: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub formats: Vec<&'static str>,
}

pub fn discovery(base_url: &str, contact: &str, texts: &Texts) -> Discovery {
    Discovery {
        changeset: CHANGESET,
        contact: contact.to_owned(),
        key_service: texts.open311_key_service.to_owned(),
        endpoints: vec![Endpoint {
            specification: SPECIFICATION,
            url: format!("{base_url}/open311/v2"),
            changeset: CHANGESET,
            kind: "production",
            formats: vec!["application/json", "text/xml"],
        }],
    }
}

/// One category as a service.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub keywords: String,
    pub group: String,
}

/// Every category, with the OPD that usually acts on it as its group.
pub async fn services(db: &DatabaseConnection, locale: Locale) -> Result<Vec<Service>, Open311Errors> {
    let texts = locale.texts();
    let read = async {
        let categories = category::Entity::find()
            .order_by_asc(category::Column::Slug)
            .all(db)
            .await
            .or_internal("reading categories")?;
        let opds = crate::domain::queries::opds::opd_names(db).await?;
        Ok::<_, AppError>((categories, opds))
    };
    let (categories, opds) = read.await.map_err(|e| Open311Errors::from((e, texts)))?;
    Ok(categories
        .iter()
        .map(|c| Service {
            service_code: c.slug.clone(),
            service_name: category_label(c, locale).to_owned(),
            description: (texts.open311_service_description)(category_label(c, locale)),
            metadata: true,
            kind: "realtime",
            keywords: c.slug.replace('-', ","),
            group: c
                .opd_id
                .and_then(|id| opds.get(&id).cloned())
                .unwrap_or_else(|| texts.open311_group_general.to_owned()),
        })
        .collect())
}

/// A service definition: the attributes a request of it carries.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Definition {
    pub service_code: String,
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attribute {
    pub variable: bool,
    pub code: &'static str,
    pub datatype: &'static str,
    pub required: bool,
    pub datatype_description: String,
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// The definition of the service `code`: the kecamatan and the desa (region codes) and
/// the privacy of the issue.
pub async fn definition(db: &DatabaseConnection, locale: Locale, code: &str) -> Result<Definition, Open311Errors> {
    let texts = locale.texts();
    let internal = |e| Open311Errors::from((e, texts));
    category::Entity::find()
        .filter(category::Column::Slug.eq(code))
        .one(db)
        .await
        .or_internal("reading a category")
        .map_err(internal)?
        .ok_or_else(|| Open311Errors::one(404, (texts.open311_unknown_service)(code)))?;
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(db)
        .await
        .or_internal("reading regions")
        .map_err(internal)?;
    let kecamatan_names: HashMap<&str, &str> = regions
        .iter()
        .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan)
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    let kecamatan = regions
        .iter()
        .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan)
        .map(|r| AttributeValue {
            key: r.code.clone(),
            name: r.name.clone(),
        })
        .collect();
    let desa = regions
        .iter()
        .filter(|r| r.kind != crate::model::admin::RegionKind::Kecamatan)
        .map(|r| AttributeValue {
            key: r.code.clone(),
            name: match r.parent_code.as_deref().and_then(|p| kecamatan_names.get(p)) {
                Some(k) => format!("{}, {k}", r.name),
                None => r.name.clone(),
            },
        })
        .collect();
    let privacy = [Privacy::Publik, Privacy::Anonim, Privacy::Rahasia]
        .into_iter()
        .map(|p| AttributeValue {
            key: p.as_str().into(),
            name: (texts.privacy_label)(p).into(),
        })
        .collect();
    let attribute = |code, required, order, description: &str, values| Attribute {
        variable: true,
        code,
        datatype: "singlevaluelist",
        required,
        datatype_description: String::new(),
        order,
        description: description.to_owned(),
        values,
    };
    Ok(Definition {
        service_code: code.to_owned(),
        attributes: vec![
            attribute("kecamatan", true, 1, texts.open311_attr_kecamatan, kecamatan),
            attribute("desa", true, 2, texts.open311_attr_desa, desa),
            attribute("privacy", false, 3, texts.open311_attr_privacy, privacy),
        ],
    })
}
