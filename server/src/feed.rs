//! `/issues.atom`: the newest published issues as an Atom feed (RFC 4287), with the list
//! page's filters. Entries name no author: the feed speaks for the site, so an `anonim`
//! author can never leak through it.

use axum::{
    extract::{RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use app::{
    api::context,
    domain::{AppState, open311::escape_xml, views},
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
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
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
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{}</id>\n<title>{}</title>\n\
         <subtitle>{}</subtitle>\n<updated>{}</updated>\n<author><name>{}</name></author>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        locale.tag(),
        escape_xml(&self_link),
        escape_xml(t.feed_title),
        escape_xml(t.feed_subtitle),
        updated.to_rfc3339(),
        escape_xml(t.site_name),
        escape_xml(&self_link),
        escape_xml(&page),
    ));
    for entry in &entries {
        let s = &entry.summary;
        let link = format!("{base}/issues/{}", s.id);
        xml.push_str(&format!(
            "<entry>\n<id>{link}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<category term=\"{}\" label=\"{}\"/>\n\
             <summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape_xml(&s.title),
            s.created_at,
            entry.updated_at.to_rfc3339(),
            escape_xml(s.status.as_str()),
            escape_xml(&s.category),
            escape_xml(&format!("{} · {} · {}", (t.status_name)(s.status), s.category, s.place)),
            escape_xml(&entry.body_html),
        ));
    }
    xml.push_str("</feed>\n");
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
