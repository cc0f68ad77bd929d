//! The one ammonia policy for text that people write. Markdown is rendered with
//! pulldown-cmark and then cleaned: what leaves here is safe to put into a page as HTML.

use std::sync::LazyLock;

use ammonia::Builder;
use pulldown_cmark::{Options, Parser, html};

static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut policy = Builder::default();
    policy
        // Pictures come as uploads, never as links that would track readers. A fold
        // (`details`) without its `summary` is not HTML, and nobody needs one in a comment.
        .rm_tags(["img", "details", "summary"])
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .strip_comments(true);
    policy
});

/// Markdown in, clean HTML out.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES),
    );
    POLICY.clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_its_formatting() {
        assert_eq!(
            markdown_to_html("**Jalan** rusak\n\n- satu"),
            "<p><strong>Jalan</strong> rusak</p>\n<ul>\n<li>satu</li>\n</ul>\n"
        );
    }

    #[test]
    fn folds_are_unfolded() {
        assert_eq!(
            markdown_to_html("<details ontoggle=alert(1)><summary>a</summary>b</details>"),
            "ab"
        );
    }

    #[test]
    fn links_get_a_safe_rel() {
        assert_eq!(
            markdown_to_html("[peta](https://batangkab.go.id)"),
            "<p><a href=\"https://batangkab.go.id\" rel=\"nofollow noopener noreferrer ugc\">peta</a></p>\n"
        );
    }

    #[test]
    fn scripts_event_handlers_and_dangerous_urls_are_removed() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klik](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<div onmouseover=\"alert(1)\">x</div>",
            "<scr<script>ipt>alert(1)</script>",
        ];
        for case in cases {
            let out = markdown_to_html(case).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "onmouseover",
                "javascript:",
                "data:",
                "<iframe",
                "<svg",
                "style=",
            ] {
                assert!(!out.contains(bad), "{case} -> {out}");
            }
        }
    }
}
