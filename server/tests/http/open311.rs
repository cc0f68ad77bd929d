//! Open interfaces: Open311 GeoReport v2 in JSON and XML (the spec's fields, errors and
//! status codes), keys issued and revoked by the admin, a request that becomes an issue
//! and reads `closed` once its OPD resolves it, the Atom feed, `/metrics`, and the OpenAPI
//! document, every path of which answers as it says. Nothing `rahasia` and no `anonim`
//! author appears in any of them.

use app::model::account::Role;
use chrono::TimeDelta;
use serde_json::Value;

use crate::{
    forum::{post_issue, resident},
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    services_and_their_definitions_read_the_same_in_json_and_xml,
    a_request_posted_with_a_key_becomes_an_issue_and_closes_with_its_follow_up,
    requests_are_filtered_by_date_range_status_and_service,
    nothing_confidential_reaches_open311_the_feed_or_metrics,
    the_openapi_document_is_valid_and_every_path_answers_as_documented,
);

const SERVICE_FIELDS: [&str; 7] = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];
const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];
const STAFF: &str = "kata sandi staf";

async fn get(app: &TestApp, path: &str) -> (u16, String, String) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, res.text().await.unwrap())
}

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let (status, kind, body) = get(app, path).await;
    assert!(kind.starts_with("application/json"), "{path}: {kind}");
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}")),
    )
}

async fn post_request(app: &TestApp, format: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let res = app
        .client
        .post(app.url(&format!("/open311/v2/requests.{format}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(fields).unwrap())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The XML answer read back into JSON's shape: lists by their plural names, every scalar
/// as text and an empty element as null.
fn xml_as_json(node: roxmltree::Node) -> Value {
    const LISTS: [&str; 7] = [
        "services",
        "service_requests",
        "attributes",
        "values",
        "errors",
        "endpoints",
        "formats",
    ];
    let children: Vec<_> = node.children().filter(|c| c.is_element()).collect();
    if LISTS.contains(&node.tag_name().name()) {
        Value::Array(children.into_iter().map(xml_as_json).collect())
    } else if children.is_empty() {
        node.text().map_or(Value::Null, |t| Value::String(t.to_owned()))
    } else {
        Value::Object(
            children
                .into_iter()
                .map(|c| (c.tag_name().name().to_owned(), xml_as_json(c)))
                .collect(),
        )
    }
}

/// JSON with every scalar as text and empty text as null, to compare with `xml_as_json`.
fn as_text(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(as_text).collect()),
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), as_text(v))).collect()),
        Value::String(s) if s.is_empty() => Value::Null,
        Value::String(s) => Value::String(s.clone()),
        Value::Null => Value::Null,
        other => Value::String(other.to_string()),
    }
}

/// The JSON and XML forms of `path` (without its suffix) hold the same values.
async fn assert_mirrored(app: &TestApp, path: &str, root: &str) -> (u16, Value) {
    assert_mirrored_with(app, path, "", root).await
}

/// As `assert_mirrored`, with a query string.
async fn assert_mirrored_with(app: &TestApp, path: &str, query: &str, root: &str) -> (u16, Value) {
    let (status, json) = get_json(app, &format!("{path}.json?{query}")).await;
    let (xml_status, kind, xml) = get(app, &format!("{path}.xml?{query}")).await;
    assert_eq!(xml_status, status, "{path}");
    assert!(kind.starts_with("text/xml"), "{kind}");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}.xml is not well-formed: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), root);
    assert_eq!(xml_as_json(doc.root_element()), as_text(&json), "{path}: {xml}");
    (status, json)
}

fn has_fields(object: &Value, fields: &[&str]) {
    for field in fields {
        assert!(object.get(field).is_some(), "{field} missing in {object}");
    }
}

/// An admin browser, which issues a key through the page and reads it there once.
async fn issue_key(app: &TestApp, client: &str) -> String {
    app.create_account("admin@staf.test", Role::Admin, None).await;
    let admin = app.second_browser();
    admin.sign_in("admin@staf.test", STAFF).await;
    let (status, location, _) = admin
        .post_form("/admin/api-keys", "/api/admin/api-key/issue", &[("name", client)])
        .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some("/admin/api-keys?saved=1"));
    let (_, page) = admin.get("/admin/api-keys").await;
    let html = scraper::Html::parse_document(&page);
    let selector = scraper::Selector::parse("#issued-key").unwrap();
    let key: String = html
        .select(&selector)
        .next()
        .expect("the key is shown")
        .text()
        .collect();
    assert!(key.starts_with("mj_") && key.len() > 40, "{key}");
    let (_, again) = admin.get("/admin/api-keys").await;
    assert!(!again.contains(&key), "the key is shown once");
    assert!(
        again.contains(client) && again.contains(&key[..9]),
        "listed by its prefix"
    );
    key
}

async fn services_and_their_definitions_read_the_same_in_json_and_xml(db: Db) {
    let app = TestApp::start(db).await;
    let (status, discovery) = assert_mirrored(&app, "/open311/v2/discovery", "discovery").await;
    assert_eq!(status, 200);
    let endpoint = &discovery["endpoints"][0];
    assert_eq!(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(endpoint["url"], app.url("/open311/v2"));
    assert_eq!(endpoint["formats"], serde_json::json!(["application/json", "text/xml"]));

    let (status, services) = assert_mirrored(&app, "/open311/v2/services", "services").await;
    assert_eq!(status, 200);
    let services = services.as_array().unwrap();
    assert!(services.len() >= 5);
    for service in services {
        has_fields(service, &SERVICE_FIELDS);
        assert_eq!(service["type"], "realtime");
        assert_eq!(service["metadata"], true);
    }
    let roads = services.iter().find(|s| s["service_code"] == "jalan-jembatan").unwrap();
    assert_eq!(roads["service_name"], "Jalan dan jembatan");
    let english = app
        .client
        .get(app.url("/open311/v2/services.json"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(
        english
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["service_name"] == "Roads and bridges")
    );

    let (status, definition) = assert_mirrored(&app, "/open311/v2/services/jalan-jembatan", "service_definition").await;
    assert_eq!(status, 200);
    assert_eq!(definition["service_code"], "jalan-jembatan");
    let attributes = definition["attributes"].as_array().unwrap();
    for (code, required) in [("kecamatan", true), ("desa", true), ("privacy", false)] {
        let attribute = attributes.iter().find(|a| a["code"] == code).unwrap();
        has_fields(
            attribute,
            &[
                "variable",
                "code",
                "datatype",
                "required",
                "datatype_description",
                "order",
                "description",
                "values",
            ],
        );
        assert_eq!(attribute["datatype"], "singlevaluelist");
        assert_eq!(attribute["required"], required);
    }
    let desa = attributes.iter().find(|a| a["code"] == "desa").unwrap();
    assert!(
        desa["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["key"] == "33.25.09.2008" && v["name"].as_str().unwrap().contains(", "))
    );

    let (status, errors) = assert_mirrored(&app, "/open311/v2/services/tidak-ada", "errors").await;
    assert_eq!(status, 404);
    assert_eq!(errors[0]["code"], 404);
    assert!(errors[0]["description"].as_str().unwrap().contains("tidak-ada"));
    let (status, _, _) = get(&app, "/open311/v2/services.csv").await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn a_request_posted_with_a_key_becomes_an_issue_and_closes_with_its_follow_up(db: Db) {
    let app = TestApp::start(db).await;
    // Keys are the admin's: a resident or the secretariat is refused.
    resident(&app, "Siti", "siti@warga.test").await;
    let (status, _, _) = app
        .post_form("/admin/api-keys", "/api/admin/api-key/issue", &[("name", "Aplikasi")])
        .await;
    assert_eq!(status, 403);
    let key = issue_key(&app, "Aplikasi Desa Kalisalak").await;

    let description =
        "Lampu penerangan jalan mati sejak seminggu\nSetiap malam gelap gulita di tikungan dekat balai desa.";
    let good = [
        ("api_key", key.as_str()),
        ("service_code", "jalan-jembatan"),
        ("description", description),
        ("attribute[kecamatan]", "33.25.09"),
        ("attribute[desa]", "33.25.09.2008"),
        ("lat", "-6.95"),
        ("long", "109.8"),
        ("email", "rahmat@warga.test"),
        ("first_name", "Rahmat"),
        ("last_name", "Hidayat"),
        ("media_url", "https://contoh.desa.id/foto/lampu.jpg"),
    ];
    let with = |name: &'static str, value: &'static str| {
        let mut fields: Vec<(&str, &str)> = good.iter().filter(|(k, _)| *k != name).copied().collect();
        if !value.is_empty() {
            fields.push((name, value));
        }
        fields
    };
    let long = "panjang ".repeat(501);
    let mut too_long: Vec<(&str, &str)> = good.iter().filter(|(k, _)| *k != "description").copied().collect();
    too_long.push(("description", &long));
    let nowhere: Vec<(&str, &str)> = good
        .iter()
        .filter(|(k, _)| !["lat", "long"].contains(k))
        .copied()
        .collect();
    for (fields, status, needle) in [
        (with("api_key", ""), 403, "api_key"),
        (with("api_key", "mj_palsu"), 403, "api_key"),
        (with("service_code", "tidak-ada"), 400, "tidak-ada"),
        (too_long, 400, "4000"),
        (nowhere, 400, "lat"),
        (with("attribute[desa]", "99.99"), 400, "attribute[desa]"),
        (with("media_url", "javascript:alert(1)"), 400, "media_url"),
    ] {
        for format in ["json", "xml"] {
            let (got, body) = post_request(&app, format, &fields).await;
            assert_eq!(got, status, "{body}");
            assert!(body.contains(needle), "{body}");
            if format == "json" {
                let errors: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(errors[0]["code"], status);
            } else {
                let doc = roxmltree::Document::parse(&body).unwrap();
                assert_eq!(doc.root_element().tag_name().name(), "errors");
            }
        }
    }
    let issues_before = app.get("/issues").await.1;
    assert!(
        !issues_before.contains("Lampu penerangan jalan mati"),
        "nothing half-written"
    );

    let (status, body) = post_request(&app, "json", &good).await;
    assert_eq!(status, 201, "{body}");
    let created: Value = serde_json::from_str(&body).unwrap();
    let id = created[0]["service_request_id"].as_str().unwrap().to_owned();
    has_fields(&created[0], &["service_request_id", "service_notice", "account_id"]);
    // As the web form would: published at once, its author told by mail.
    let (_, list) = app.get("/issues").await;
    assert!(list.contains("Lampu penerangan jalan mati sejak seminggu"));
    let mail = app.smtp.wait_for("rahmat@warga.test", 1).await;
    assert!(mail[0].subject().contains(&format!("#{id}")), "{}", mail[0].subject());
    let (_, page) = app.get(&format!("/issues/{id}")).await;
    assert!(page.contains("https://contoh.desa.id/foto/lampu.jpg") && page.contains("ugc"));

    let (status, found) = assert_mirrored(&app, &format!("/open311/v2/requests/{id}"), "service_requests").await;
    assert_eq!(status, 200);
    let request = &found[0];
    has_fields(request, &REQUEST_FIELDS);
    assert_eq!(request["status"], "open");
    assert_eq!(request["service_code"], "jalan-jembatan");
    assert_eq!(request["address_id"], "33.25.09.2008");
    assert_eq!(request["lat"], -6.95);
    assert!(request["requested_datetime"].as_str().unwrap().ends_with("+07:00"));
    assert_eq!(request["agency_responsible"], Value::Null);
    let (_, listed) = get_json(&app, &format!("/open311/v2/requests.json?service_request_id={id}")).await;
    assert_eq!(listed[0]["service_request_id"], id.as_str());

    // Through the OPD follow-up to resolved: the request reads closed.
    app.create_account("sekretariat@staf.test", Role::Secretariat, None)
        .await;
    let secretariat = app.second_browser();
    secretariat.sign_in("sekretariat@staf.test", STAFF).await;
    app.create_account("petugas@dpupr.test", Role::OpdOfficer, Some("DPUPR"))
        .await;
    let dpupr = app.second_browser();
    dpupr.sign_in("petugas@dpupr.test", STAFF).await;
    let dpupr_id = app.opd_id("DPUPR").await;
    let path = format!("/issues/{id}");
    let assign = [
        ("issue", id.as_str()),
        ("lead", dpupr_id.as_str()),
        ("supporting", ""),
        ("action", "Ganti lampu penerangan jalan."),
        ("days", ""),
    ];
    assert_eq!(
        secretariat.post_form(&path, "/api/follow-up/assign", &assign).await.0,
        303
    );
    let (_, assigned) = get_json(&app, &format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(assigned[0]["status"], "open");
    assert!(
        assigned[0]["agency_responsible"]
            .as_str()
            .unwrap()
            .contains("Pekerjaan Umum")
    );
    assert!(assigned[0]["expected_datetime"].as_str().unwrap().ends_with("+07:00"));
    let follow_up = {
        use app::domain::entities::follow_up;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        follow_up::Entity::find()
            .filter(follow_up::Column::IssueId.eq(id.parse::<i32>().unwrap()))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    };
    for (action, body) in [("accept", ""), ("resolve", "Lampu sudah diganti.")] {
        app.advance(TimeDelta::minutes(5));
        let fields = [("id", follow_up.as_str()), ("action", action), ("body", body)];
        assert_eq!(
            dpupr.post_form(&path, "/api/follow-up/act", &fields).await.0,
            303,
            "{action}"
        );
    }
    let (_, resolved) = get_json(&app, &format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(resolved[0]["status"], "closed");
    assert_eq!(resolved[0]["status_notes"], "Selesai ditangani");
    assert!(resolved[0]["updated_datetime"].as_str() > request["updated_datetime"].as_str());
    let (_, closed) = get_json(&app, "/open311/v2/requests.json?status=closed").await;
    assert!(
        closed
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["service_request_id"] == id.as_str())
    );

    // Without an email the client's own account posts, for the resident it names (seen by
    // staff only); no mail goes anywhere.
    let anonymous = [
        ("api_key", key.as_str()),
        ("service_code", "jalan-jembatan"),
        (
            "description",
            "Jembatan bambu di dusun Krajan mulai lapuk dan berbahaya.",
        ),
        ("address_id", "33.25.09.2008"),
        ("first_name", "Mbah"),
        ("last_name", "Karto"),
        ("phone", "081234567890"),
    ];
    let (status, body) = post_request(&app, "xml", &anonymous).await;
    assert_eq!(status, 201, "{body}");
    let doc = roxmltree::Document::parse(&body).unwrap();
    let second = doc
        .descendants()
        .find(|n| n.has_tag_name("service_request_id"))
        .and_then(|n| n.text())
        .unwrap()
        .to_owned();
    let (_, public) = app.get(&format!("/issues/{second}")).await;
    assert!(public.contains("Aplikasi Desa Kalisalak") && !public.contains("081234567890"));
    let (_, staff_view) = secretariat.get(&format!("/issues/{second}")).await;
    assert!(staff_view.contains("Mbah Karto") && staff_view.contains("081234567890"));

    // Revoked: refused at once.
    app.create_account("admin2@staf.test", Role::Admin, None).await;
    let admin = app.second_browser();
    admin.sign_in("admin2@staf.test", STAFF).await;
    let key_id = {
        use app::domain::entities::api_key;
        use sea_orm::EntityTrait;
        api_key::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    };
    assert_eq!(
        secretariat
            .post_form("/admin/api-keys", "/api/admin/api-key/revoke", &[("id", &key_id)])
            .await
            .0,
        403
    );
    let (status, _, _) = admin
        .post_form("/admin/api-keys", "/api/admin/api-key/revoke", &[("id", &key_id)])
        .await;
    assert_eq!(status, 303);
    let (status, body) = post_request(&app, "json", &good).await;
    assert_eq!(status, 403, "{body}");
    let (_, page) = admin.get("/admin/api-keys").await;
    assert!(page.contains("Dicabut"));
    app.cleanup().await;
}

async fn requests_are_filtered_by_date_range_status_and_service(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti", "siti@warga.test").await;
    let first = post_issue(&app, "Saluran air tersumbat di Kalimanggis", "publik").await;
    let first = first.trim_start_matches("/issues/");
    let (status, all) = get_json(&app, "/open311/v2/requests.json").await;
    assert_eq!(status, 200);
    assert_eq!(all.as_array().unwrap().len(), 1, "the last 90 days by default");
    assert_eq!(all[0]["service_request_id"], first);
    for (query, count) in [
        ("status=open", 1),
        ("status=closed", 0),
        ("status=open,closed", 1),
        ("service_code=air-bersih", 0),
        ("service_code=air-bersih,jalan-jembatan", 1),
    ] {
        let (status, found) = assert_mirrored_with(&app, "/open311/v2/requests", query, "service_requests").await;
        assert_eq!((status, found.as_array().unwrap().len()), (200, count), "{query}");
    }
    app.advance(TimeDelta::days(100));
    let (_, none) = get_json(&app, "/open311/v2/requests.json").await;
    assert_eq!(none.as_array().unwrap().len(), 0, "older than 90 days");
    let now = app.state.clock.now();
    let start = (now - TimeDelta::days(120)).to_rfc3339();
    let end = (now - TimeDelta::days(40)).to_rfc3339();
    let query = serde_urlencoded::to_string([("start_date", &start), ("end_date", &end)]).unwrap();
    let (_, ranged) = get_json(&app, &format!("/open311/v2/requests.json?{query}")).await;
    assert_eq!(ranged.as_array().unwrap().len(), 1);
    for (query, needle) in [
        (
            serde_urlencoded::to_string([("start_date", &end), ("end_date", &start)]).unwrap(),
            "end_date",
        ),
        (
            serde_urlencoded::to_string([
                ("start_date", (now - TimeDelta::days(200)).to_rfc3339()),
                ("end_date", now.to_rfc3339()),
            ])
            .unwrap(),
            "90",
        ),
        ("start_date=kemarin".into(), "start_date"),
        ("status=selesai".into(), "selesai"),
        ("service_request_id=satu".into(), "service_request_id"),
    ] {
        let (status, errors) = assert_mirrored_with(&app, "/open311/v2/requests", &query, "errors").await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(errors[0]["code"], 400);
        assert!(errors[0]["description"].as_str().unwrap().contains(needle), "{errors}");
    }
    app.cleanup().await;
}

async fn nothing_confidential_reaches_open311_the_feed_or_metrics(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app, "Siti Rahasiawati", "siti@warga.test").await;
    let public = post_issue(&app, "Jalan desa Kalimanggis rusak parah", "publik").await;
    let anonymous = post_issue(&app, "Pungutan liar di kantor desa Kalimanggis", "anonim").await;
    let secret = post_issue(&app, "Kepala dusun meminta uang pelicin", "rahasia").await;
    let (public, anonymous, secret) = (
        public.trim_start_matches("/issues/"),
        anonymous.trim_start_matches("/issues/"),
        secret.trim_start_matches("/issues/"),
    );
    let (_, _, requests) = get(&app, "/open311/v2/requests.json").await;
    let (_, _, requests_xml) = get(&app, "/open311/v2/requests.xml").await;
    let (status, _, feed) = get(&app, "/issues.atom").await;
    assert_eq!(status, 200);
    let doc = roxmltree::Document::parse(&feed).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "feed");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()))
        .collect();
    assert_eq!(
        titles,
        [
            "Pungutan liar di kantor desa Kalimanggis",
            "Jalan desa Kalimanggis rusak parah"
        ]
    );
    let (_, _, searched) = get(&app, "/issues.atom?q=pungutan").await;
    assert!(
        searched.contains("Pungutan liar") && !searched.contains("rusak parah"),
        "the list's filters"
    );
    let (status, missing, _) = get(&app, &format!("/open311/v2/requests/{secret}.json")).await;
    assert_eq!((status, missing.starts_with("application/json")), (404, true));
    for body in [&requests, &requests_xml, &feed] {
        assert!(body.contains("Jalan desa Kalimanggis") && body.contains("Pungutan liar"));
        assert!(!body.contains("pelicin"), "no rahasia issue");
        assert!(
            !body.contains("Rahasiawati") && !body.contains("siti@warga.test"),
            "no author"
        );
    }
    for id in [public, anonymous] {
        let (status, _, _) = get(&app, &format!("/open311/v2/requests/{id}.json")).await;
        assert_eq!(status, 200);
    }
    let (status, kind, metrics) = get(&app, "/metrics").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    for needle in [
        "jatinan_http_requests_total{method=\"GET\",route=\"/open311/v2/{file}\",status=\"200\"}",
        "jatinan_http_requests_total{method=\"GET\",route=\"/issues.atom\",status=\"200\"}",
        "jatinan_http_request_duration_seconds_bucket{route=\"/issues/new\",le=\"+Inf\"}",
        "jatinan_outbox_messages{state=\"pending\"}",
        "jatinan_db_pool_connections{state=\"idle\"}",
        "jatinan_db_statements_total ",
        "jatinan_mail_suppressed_addresses 0",
    ] {
        assert!(metrics.contains(needle), "{needle} in {metrics}");
    }
    for leak in ["pelicin", "Rahasiawati", "pungutan", &format!("/issues/{secret}")] {
        assert!(!metrics.contains(leak), "{leak}");
    }
    app.cleanup().await;
}

async fn the_openapi_document_is_valid_and_every_path_answers_as_documented(db: Db) {
    let app = TestApp::start(db).await;
    let (status, kind, text) = get(&app, "/openapi.json").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/json"));
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3 document");
    assert!(spec.openapi.starts_with("3.1"), "{}", spec.openapi);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for expected in [
        "/open311/v2/discovery.{format}",
        "/open311/v2/services.{format}",
        "/open311/v2/services/{service_code}.{format}",
        "/open311/v2/requests.{format}",
        "/open311/v2/requests/{service_request_id}.{format}",
        "/issues.atom",
        "/sessions.ics",
        "/sessions/{id}.ics",
        "/sessions/{id}/events",
        "/sessions/{id}/live.txt",
        "/scorecard.csv",
        "/staff/follow-ups.csv",
        "/staff/e-planning.csv",
        "/staff/e-budgeting.csv",
        "/photos/{file}",
        "/unsubscribe",
        "/healthz",
        "/readyz",
        "/metrics",
        "/openapi.json",
    ] {
        assert!(paths.contains_key(expected), "{expected} is documented");
    }
    let mut checked = 0;
    for (template, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let mut path = template.clone();
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["in"] == "path" {
                    let name = parameter["name"].as_str().unwrap();
                    let example = match &parameter["example"] {
                        Value::String(s) => s.clone(),
                        Value::Null => panic!("{template}: path parameter {name} has no example"),
                        other => other.to_string(),
                    };
                    path = path.replace(&format!("{{{name}}}"), &example);
                }
            }
            let documented: Vec<u16> = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.parse().unwrap())
                .collect();
            let res = match method.as_str() {
                "get" => app.client.get(app.url(&path)).send().await.unwrap(),
                "post" => app
                    .client
                    .post(app.url(&path))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("List-Unsubscribe=One-Click")
                    .send()
                    .await
                    .unwrap(),
                other => panic!("{other} is not expected"),
            };
            let status = res.status().as_u16();
            assert!(
                documented.contains(&status),
                "{method} {path}: {status} not in {documented:?}"
            );
            let content = &operation["responses"][status.to_string()]["content"];
            if let Some(types) = content.as_object() {
                let kind = res
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                assert!(
                    types.keys().any(|t| kind.starts_with(t.as_str())),
                    "{method} {path}: {kind} not in {types:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 21, "{checked}");
    app.cleanup().await;
}
