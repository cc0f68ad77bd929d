//! Categories and regions: read by nearly every page (the names on the list, its filters,
//! the posting form), written only by the admin. Each instance keeps them in memory for at
//! most `FRESH_FOR`; the admin's own writes clear them at once, so only another instance's
//! edit can show late, and by at most that long.
//!
//! `make bench` found why this matters: the SQLite driver hands every row from its own
//! thread to the async side, so reading the 263 regions for the filters cost more than
//! rendering the whole list page.

use crate::{
    domain::{
        entities::{category, region},
        error::OrInternal,
    },
    i18n::Locale,
    model::{
        AppError,
        issue::{Choice, IssueFormOptions, KecamatanChoice},
    },
};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::{
    collections::HashMap,
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

/// How long an instance trusts its copy.
const FRESH_FOR: Duration = Duration::from_secs(60);

/// One consistent copy of both tables.
pub struct Reference {
    /// Sorted by code.
    categories: Vec<category::Model>,
    /// Sorted by name.
    regions: Vec<region::Model>,
    region_index: HashMap<i32, usize>,
    region_codes: HashMap<String, usize>,
    category_index: HashMap<i32, usize>,
}

impl Reference {
    async fn load(db: &DatabaseConnection) -> Result<Self, AppError> {
        let categories = category::Entity::find()
            .order_by_asc(category::Column::Id)
            .all(db)
            .await
            .or_internal("reading categories")?;
        let regions = region::Entity::find()
            .order_by_asc(region::Column::Name)
            .all(db)
            .await
            .or_internal("reading regions")?;
        Ok(Self {
            category_index: categories.iter().enumerate().map(|(n, c)| (c.id, n)).collect(),
            region_index: regions.iter().enumerate().map(|(n, r)| (r.id, n)).collect(),
            region_codes: regions.iter().enumerate().map(|(n, r)| (r.code.clone(), n)).collect(),
            categories,
            regions,
        })
    }

    /// A category's name in `locale`, or empty for an unknown id.
    pub fn category_name(&self, id: i32, locale: Locale) -> String {
        self.category_index
            .get(&id)
            .map(|&n| category_label(&self.categories[n], locale).to_owned())
            .unwrap_or_default()
    }

    /// A region's name, or empty for an unknown id.
    pub fn region_name(&self, id: i32) -> String {
        self.region_index
            .get(&id)
            .map(|&n| self.regions[n].name.clone())
            .unwrap_or_default()
    }

    /// The region with this code (`33.25.01.2001`), if there is one.
    pub fn region_by_code(&self, code: &str) -> Option<&region::Model> {
        self.region_codes.get(code).map(|&n| &self.regions[n])
    }

    /// Categories and places for the posting form and the list's filters, sorted by name.
    pub fn form_options(&self, locale: Locale) -> IssueFormOptions {
        let mut categories: Vec<Choice> = self
            .categories
            .iter()
            .map(|c| Choice {
                id: c.id,
                name: category_label(c, locale).to_owned(),
            })
            .collect();
        categories.sort_by(|a, b| a.name.cmp(&b.name));
        let mut villages: HashMap<&str, Vec<Choice>> = HashMap::new();
        for r in self
            .regions
            .iter()
            .filter(|r| r.kind != crate::model::admin::RegionKind::Kecamatan)
        {
            if let Some(parent) = &r.parent_code {
                villages.entry(parent).or_default().push(Choice {
                    id: r.id,
                    name: r.name.clone(),
                });
            }
        }
        let kecamatan = self
            .regions
            .iter()
            .filter(|r| r.kind == crate::model::admin::RegionKind::Kecamatan)
            .map(|k| KecamatanChoice {
                id: k.id,
                name: k.name.clone(),
                villages: villages.remove(k.code.as_str()).unwrap_or_default(),
            })
            .collect();
        IssueFormOptions { categories, kecamatan }
    }
}

/// A category's name in the reader's language.
pub fn category_label(c: &category::Model, locale: Locale) -> &str {
    match locale {
        Locale::En => &c.name_en,
        Locale::Id => &c.name_id,
    }
}

/// The instance's copy, in `AppState`.
#[derive(Default)]
pub struct ReferenceCache {
    copy: RwLock<Option<(Instant, Arc<Reference>)>>,
    /// Moved by every `clear`, so that a copy read before an edit is not kept after it.
    generation: AtomicU64,
}

impl ReferenceCache {
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Arc<Reference>, AppError> {
        let held = self.copy.read().ok().and_then(|copy| copy.clone());
        if let Some((read_at, reference)) = held
            && read_at.elapsed() < FRESH_FOR
        {
            return Ok(reference);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let reference = Arc::new(Reference::load(db).await?);
        if let Ok(mut copy) = self.copy.write()
            && self.generation.load(Ordering::Acquire) == generation
        {
            *copy = Some((Instant::now(), reference.clone()));
        }
        Ok(reference)
    }

    /// After a category or region was written: the next reader loads them again.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut copy) = self.copy.write() {
            *copy = None;
        }
    }
}
