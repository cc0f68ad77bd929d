//! The XML form of Open311's answers: the same serde value as the JSON form, so the two
//! formats cannot differ. Elements are written by `quick-xml`; what is ours is only the
//! GeoReport v2 shape (a list's items are named by the singular of the list) and dropping
//! the characters XML 1.0 forbids, which `quick-xml` writes as they are.

use std::borrow::Cow;

use quick_xml::{
    Writer,
    events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event},
};
use serde_json::Value;

/// The XML form of a JSON answer: `root` holds the value; a list's items are named by the
/// singular of the list (`services` → `service`); `null` is an empty element.
pub fn to_xml(root: &str, value: &Value) -> std::io::Result<String> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer.get_mut().push(b'\n');
    element(&mut writer, root, value)?;
    writer.get_mut().push(b'\n');
    String::from_utf8(writer.into_inner()).map_err(std::io::Error::other)
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

fn element(writer: &mut Writer<Vec<u8>>, name: &str, value: &Value) -> std::io::Result<()> {
    let text = match value {
        Value::Null => return writer.write_event(Event::Empty(BytesStart::new(name))),
        Value::Array(items) => {
            writer.write_event(Event::Start(BytesStart::new(name)))?;
            for item in items {
                element(writer, item_name(name), item)?;
            }
            return writer.write_event(Event::End(BytesEnd::new(name)));
        }
        Value::Object(fields) => {
            writer.write_event(Event::Start(BytesStart::new(name)))?;
            for (key, field) in fields {
                element(writer, key, field)?;
            }
            return writer.write_event(Event::End(BytesEnd::new(name)));
        }
        Value::String(text) => xml_text(text),
        Value::Bool(b) => Cow::Owned(b.to_string()),
        Value::Number(n) => Cow::Owned(n.to_string()),
    };
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&text))
        .map(|_| ())
}

/// `text` without the characters XML 1.0 does not allow in a document (controls other than
/// tab and line breaks, U+FFFE, U+FFFF); everything else is escaped by the writer.
pub fn xml_text(text: &str) -> Cow<'_, str> {
    let forbidden =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.contains(forbidden) {
        Cow::Owned(text.chars().filter(|c| !forbidden(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
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
            to_xml("services", &value).ok().as_deref(),
            Some(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><keywords>a&lt;b &amp; &quot;c&quot;</keywords>\
                 <lat/><metadata>true</metadata><service_code>jalan</service_code></service></services>\n"
            )
        );
        assert_eq!(xml_text("a\u{0}b\u{1b}c\td"), "abc\td");
    }
}
