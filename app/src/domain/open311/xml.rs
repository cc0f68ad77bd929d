//! The XML form of Open311's answers: the same serde value as the JSON form, so the two
//! formats cannot differ.

/// The XML form of a JSON answer: `root` holds the value; a list's items are named by the
/// singular of the list (`services` → `service`); `null` is an empty element.
pub fn to_xml(root: &str, value: &serde_json::Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(&mut out, root, value);
    out.push('\n');
    out
}

/// The element name of one item of the list named `list`.
fn item_name(list: &str) -> &str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "attributes" => "attribute",
        "values" => "value",
        "errors" => "error",
        "endpoints" => "endpoint",
        "formats" => "format",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}

fn element(out: &mut String, name: &str, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        Value::Array(items) => {
            out.push_str(&format!("<{name}>"));
            for item in items {
                element(out, item_name(name), item);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>"));
            for (key, field) in fields {
                element(out, key, field);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(text) => out.push_str(&format!("<{name}>{}</{name}>", escape_xml(text))),
        Value::Bool(b) => out.push_str(&format!("<{name}>{b}</{name}>")),
        Value::Number(n) => out.push_str(&format!("<{name}>{n}</{name}>")),
    }
}

/// Text safe inside an XML element or attribute; characters XML 1.0 forbids are dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_mirrors_json_with_singular_items_and_escapes_text() {
        // Keys in alphabetical order: serde_json keeps insertion order only where a crate
        // turns on its `preserve_order` (the server build does).
        let value =
            serde_json::json!([{"keywords": "a<b & \"c\"", "lat": null, "metadata": true, "service_code": "jalan"}]);
        assert_eq!(
            to_xml("services", &value),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><keywords>a&lt;b &amp; &quot;c&quot;</keywords>\
             <lat/><metadata>true</metadata><service_code>jalan</service_code></service></services>\n"
        );
        assert_eq!(escape_xml("a\u{0}b\u{1b}c"), "abc");
    }
}
