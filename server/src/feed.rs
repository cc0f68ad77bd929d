//! `/issues.atom`: the newest published issues as an Atom feed (RFC 4287), with the list
//! page's filters. Entries name no author: the feed speaks for the site, so an `anonim`
//! author can never leak through it.

use axum::{
    extract::{RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};

use app::{
    api::context,
    domain::{
        AppState,
        open311::xml_text,
        views::{self, issues::FeedEntry},
    },
    i18n::Texts,
    model::issue::IssueQuery,
};

/// Entries per feed.
pub const FEED_SIZE: u64 = 50;

#[utoipa::path(
    get,
    path = "/issues.atom",
    tag = "Feeds",
    summary = "Atom feed of published issues, newest first, with the list page's filters",
    params(
        ("q" = Option<String>, Query, description = "Words to search for"),
        ("status" = Option<String>, Query, description = "An issue status (`published`, `on_agenda`, …)"),
        ("category" = Option<i32>, Query, description = "A category id"),
        ("kecamatan" = Option<i32>, Query, description = "A kecamatan id"),
        ("desa" = Option<i32>, Query, description = "A desa id"),
        ("sort" = Option<String>, Query, description = "`newest`, `supported` or `discussed`")
    ),
    responses((status = 200, description = "The feed", body = String, content_type = "application/atom+xml"))
)]
pub async fn issues_atom(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let locale = context::locale_in(&headers);
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query.as_deref().unwrap_or_default()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut query = IssueQuery::from_params(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()));
    query.cursor = None;
    let entries = match views::issues::feed(&state, locale, &query, FEED_SIZE).await {
        Ok(entries) => entries,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let base = &state.config.base_url;
    let t = locale.texts();
    let page = format!("{base}{}", query.href(None));
    let self_link = match query.href(None).split_once('?') {
        Some((_, q)) => format!("{base}/issues.atom?{q}"),
        None => format!("{base}/issues.atom"),
    };
    let updated = entries
        .iter()
        .map(|e| e.updated_at)
        .max()
        .unwrap_or_else(|| state.clock.now());
    let link = |rel: &str, mime: &str, href: String| Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Link::default()
    };
    let feed = Feed {
        id: self_link.clone(),
        title: Text::plain(t.feed_title),
        subtitle: Some(Text::plain(t.feed_subtitle)),
        updated: updated.fixed_offset(),
        authors: vec![Person {
            name: t.site_name.into(),
            ..Person::default()
        }],
        links: vec![
            link("self", "application/atom+xml", self_link),
            link("alternate", "text/html", page),
        ],
        lang: Some(locale.tag().into()),
        entries: entries.iter().map(|entry| feed_entry(base, t, entry)).collect(),
        ..Feed::default()
    };
    let xml = match feed.write_to(Vec::new()).map(String::from_utf8) {
        Ok(Ok(xml)) => xml,
        Ok(Err(error)) => return failed(&error),
        Err(error) => return failed(&error),
    };
    let mut response = xml.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response
}

/// A feed that could not be written is a failure, never an empty or cut feed.
fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "the Atom feed could not be written");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// One issue as an entry. Text goes through `xml_text`, as in Open311's XML: the writer
/// escapes markup but would keep the control characters XML forbids.
fn feed_entry(base: &str, t: &Texts, entry: &FeedEntry) -> Entry {
    let s = &entry.summary;
    let href = format!("{base}/issues/{}", s.id);
    let text = |value: &str| Text::plain(xml_text(value));
    Entry {
        id: href.clone(),
        title: text(&s.title),
        links: vec![Link {
            href,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        }],
        published: Some(entry.published_at.fixed_offset()),
        updated: entry.updated_at.fixed_offset(),
        categories: vec![Category {
            term: s.status.as_str().into(),
            label: Some(xml_text(&s.category).into_owned()),
            ..Category::default()
        }],
        summary: Some(text(&format!(
            "{} · {} · {}",
            (t.status_name)(s.status),
            s.category,
            s.place
        ))),
        content: Some(Content {
            value: Some(xml_text(&entry.body_html).into_owned()),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}
