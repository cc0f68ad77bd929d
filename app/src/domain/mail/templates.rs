//! The text and HTML of every message, in the recipient's language. Values are escaped for
//! the HTML part; links are absolute, built from `BASE_URL`.

use crate::i18n::Texts;

/// A rendered message without its recipient.
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Greeting, paragraphs, one call to action, an optional closing line, signature.
fn layout(
    t: &Texts,
    subject: String,
    name: &str,
    paragraphs: &[&str],
    action: (&str, &str),
    closing: Option<&str>,
) -> Rendered {
    let (label, link) = action;
    let mut text = format!("{}\n\n", (t.mail_greeting)(name));
    let mut html = format!(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\"><p>{}</p>",
        escape(&(t.mail_greeting)(name))
    );
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    text.push_str(&format!("{label}: {link}\n\n"));
    html.push_str(&format!(
        "<p><a href=\"{0}\" style=\"display:inline-block;padding:10px 16px;background:#0b5d3b;color:#fff;text-decoration:none;border-radius:4px\">{1}</a></p><p style=\"font-size:13px;color:#555\">{0}</p>",
        escape(link),
        escape(label)
    ));
    if let Some(closing) = closing {
        text.push_str(closing);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(closing)));
    }
    text.push_str(t.mail_signature);
    text.push('\n');
    html.push_str(&format!(
        "<p>{}</p></body></html>",
        escape(t.mail_signature).replace('\n', "<br>")
    ));
    Rendered { subject, text, html }
}

pub fn verify_email(t: &Texts, name: &str, link: &str) -> Rendered {
    layout(
        t,
        t.mail_verify_subject.into(),
        name,
        &[t.mail_verify_body],
        (t.mail_verify_action, link),
        Some(t.mail_ignore),
    )
}

pub fn reset_password(t: &Texts, name: &str, link: &str) -> Rendered {
    layout(
        t,
        t.mail_reset_subject.into(),
        name,
        &[t.mail_reset_body],
        (t.mail_reset_action, link),
        Some(t.mail_ignore),
    )
}

pub fn issue_received(t: &Texts, name: &str, id: i32, title: &str, link: &str) -> Rendered {
    layout(
        t,
        (t.mail_issue_subject)(id),
        name,
        &[&(t.mail_issue_body)(title)],
        (t.mail_issue_action, link),
        None,
    )
}

/// A session someone registered for was rescheduled or cancelled.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field or notice part; a struct would only rename them"
)]
pub fn session_changed(
    t: &Texts,
    name: &str,
    when: &str,
    venue: &str,
    reason: &str,
    cancelled: bool,
    link: &str,
) -> Rendered {
    let (subject, body) = if cancelled {
        (
            t.mail_session_cancelled_subject,
            (t.mail_session_cancelled_body)(when, venue),
        )
    } else {
        (t.mail_session_moved_subject, (t.mail_session_moved_body)(when, venue))
    };
    let reason = format!("{}: {reason}", t.col_reason);
    layout(
        t,
        subject.into(),
        name,
        &[&body, &reason],
        (t.mail_session_action, link),
        None,
    )
}

/// A place came free and the first on the waitlist has it.
pub fn session_place(t: &Texts, name: &str, when: &str, venue: &str, link: &str) -> Rendered {
    layout(
        t,
        t.mail_session_place_subject.into(),
        name,
        &[&(t.mail_session_place_body)(when, venue)],
        (t.mail_session_action, link),
        None,
    )
}

/// An issue someone wrote or follows is on a locked agenda (the session is attached).
pub fn on_agenda(t: &Texts, name: &str, id: i32, title: &str, when: &str, venue: &str, link: &str) -> Rendered {
    layout(
        t,
        (t.mail_agenda_subject)(id),
        name,
        &[&(t.mail_agenda_body)(title, when, venue)],
        (t.mail_session_action, link),
        Some(t.mail_agenda_attachment),
    )
}

/// The minutes of a session that discussed an issue someone wrote or follows.
pub fn minutes_published(t: &Texts, name: &str, id: i32, title: &str, decision: &str, link: &str) -> Rendered {
    let decision = format!("{}: {decision}", t.outcome_decision);
    layout(
        t,
        (t.mail_minutes_subject)(id),
        name,
        &[&(t.mail_minutes_body)(title), &decision],
        (t.mail_session_action, link),
        None,
    )
}

/// The minutes of a session one registered for.
pub fn session_minutes(t: &Texts, name: &str, when: &str, venue: &str, link: &str) -> Rendered {
    layout(
        t,
        t.mail_session_minutes_subject.into(),
        name,
        &[&(t.mail_session_minutes_body)(when, venue)],
        (t.mail_session_action, link),
        None,
    )
}

/// The day before a session.
pub fn session_reminder(t: &Texts, name: &str, when: &str, venue: &str, link: &str) -> Rendered {
    layout(
        t,
        t.mail_reminder_subject.into(),
        name,
        &[&(t.mail_reminder_body)(when, venue)],
        (t.mail_session_action, link),
        None,
    )
}

/// An issue someone wrote or follows changed status (rejected, merged, discussed, assigned…).
pub fn status_changed(
    t: &Texts,
    name: &str,
    id: i32,
    title: &str,
    status: &str,
    note: Option<&str>,
    link: &str,
) -> Rendered {
    let body = (t.mail_status_body)(title, status);
    let mut paragraphs = vec![body.as_str()];
    if let Some(note) = note {
        paragraphs.push(note);
    }
    layout(
        t,
        (t.mail_status_subject)(id, status),
        name,
        &paragraphs,
        (t.mail_issue_action, link),
        None,
    )
}

/// Someone commented on an issue the recipient wrote or follows.
pub fn comment_posted(t: &Texts, name: &str, id: i32, title: &str, who: &str, excerpt: &str, link: &str) -> Rendered {
    layout(
        t,
        (t.mail_comment_subject)(id),
        name,
        &[&(t.mail_comment_body)(who, title), excerpt],
        (t.mail_issue_action, link),
        None,
    )
}

/// An issue was assigned to the recipient's OPD.
pub fn assigned(t: &Texts, name: &str, id: i32, title: &str, opd: &str, due: &str, link: &str) -> Rendered {
    layout(
        t,
        (t.mail_assigned_subject)(id),
        name,
        &[&(t.mail_assigned_body)(title, opd, due)],
        (t.mail_issue_action, link),
        None,
    )
}

/// A message of plain paragraphs and one call to action.
pub fn paragraphs(t: &Texts, subject: String, name: &str, paragraphs: &[String], action: (&str, &str)) -> Rendered {
    let borrowed: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    layout(t, subject, name, &borrowed, action, None)
}

/// One entry of a digest: what happened, a line about it, where to read it.
pub struct DigestLine<'a> {
    pub subject: &'a str,
    pub summary: &'a str,
    pub link: &'a str,
}

/// Several notices in one message: a digest, or comments coalesced on one issue.
pub fn digest(
    t: &Texts,
    subject: String,
    name: &str,
    intro: &str,
    lines: &[DigestLine<'_>],
    action: (&str, &str),
) -> Rendered {
    let mut rendered = layout(t, subject, name, &[intro], action, None);
    let mut text = String::new();
    let mut html = String::from("<ul style=\"padding-left:18px\">");
    for line in lines {
        text.push_str(&format!("* {}\n  {}\n  {}\n\n", line.subject, line.summary, line.link));
        html.push_str(&format!(
            "<li style=\"margin-bottom:12px\"><a href=\"{}\"><strong>{}</strong></a><br>{}</li>",
            escape(line.link),
            escape(line.subject),
            escape(line.summary)
        ));
    }
    html.push_str("</ul>");
    // The list goes right after the introduction.
    let intro_text = format!("{intro}\n\n");
    rendered.text = rendered.text.replacen(&intro_text, &format!("{intro_text}{text}"), 1);
    let intro_html = format!("<p>{}</p>", escape(intro));
    rendered.html = rendered.html.replacen(&intro_html, &format!("{intro_html}{html}"), 1);
    rendered
}

/// The week in the regency: counts, the most supported new issues, the next session.
pub fn weekly_summary(
    t: &Texts,
    name: &str,
    counts: &str,
    top: &[DigestLine<'_>],
    next_session: Option<&str>,
    link: &str,
) -> Rendered {
    let mut intro = counts.to_owned();
    if let Some(next) = next_session {
        intro = format!("{intro} {next}");
    }
    if top.is_empty() {
        return layout(
            t,
            t.mail_weekly_subject.into(),
            name,
            &[&intro],
            (t.mail_weekly_action, link),
            None,
        );
    }
    digest(
        t,
        t.mail_weekly_subject.into(),
        name,
        &intro,
        top,
        (t.mail_weekly_action, link),
    )
}

/// Why the message came, and the two ways to get less of it: one click that turns off
/// this stream, and the preferences page.
pub fn with_footer(t: &Texts, mut rendered: Rendered, why: &str, unsubscribe: &str, preferences: &str) -> Rendered {
    rendered.text.push_str(&format!(
        "\n--\n{why}\n{}: {unsubscribe}\n{}: {preferences}\n",
        t.mail_unsubscribe_action, t.mail_preferences_action
    ));
    let footer = format!(
        "<hr style=\"border:0;border-top:1px solid #ddd\"><p style=\"font-size:13px;color:#555\">{}<br><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p></body></html>",
        escape(why),
        escape(unsubscribe),
        escape(t.mail_unsubscribe_action),
        escape(preferences),
        escape(t.mail_preferences_action)
    );
    rendered.html = rendered.html.replacen("</body></html>", &footer, 1);
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn values_are_escaped_in_html_but_kept_in_text() {
        let m = issue_received(
            Locale::Id.texts(),
            "<b>Siti</b>",
            7,
            "Jalan & jembatan",
            "http://x/issues/7",
        );
        assert!(m.html.contains("&lt;b&gt;Siti&lt;/b&gt;"));
        assert!(m.html.contains("Jalan &amp; jembatan"));
        assert!(m.text.contains("Halo <b>Siti</b>,"));
        assert!(m.text.contains("http://x/issues/7"));
        assert_eq!(m.subject, "Aduan #7 sudah kami terima");
    }

    #[test]
    fn a_digest_lists_every_line_escaped_and_a_footer_can_be_added() {
        let t = Locale::Id.texts();
        let lines = [
            DigestLine {
                subject: "Komentar <baru>",
                summary: "Budi: setuju",
                link: "http://x/issues/1",
            },
            DigestLine {
                subject: "Aduan #2 ditolak",
                summary: "Alasan: ganda",
                link: "http://x/issues/2",
            },
        ];
        let m = digest(
            t,
            "Ringkasan".into(),
            "Siti",
            "Kabar terbaru:",
            &lines,
            ("Atur", "http://x/p"),
        );
        assert!(
            m.text
                .contains("Kabar terbaru:\n\n* Komentar <baru>\n  Budi: setuju\n  http://x/issues/1")
        );
        assert!(m.html.contains("<strong>Komentar &lt;baru&gt;</strong>"));
        assert!(m.html.contains("http://x/issues/2"));
        let m = with_footer(t, m, "Karena Anda mengikuti", "http://x/unsubscribe?t=1", "http://x/p");
        assert!(m.text.ends_with("http://x/p\n"));
        assert!(m.html.contains("http://x/unsubscribe?t=1") && m.html.ends_with("</body></html>"));
    }

    #[test]
    fn messages_follow_the_recipients_language() {
        let m = verify_email(Locale::En.texts(), "Siti", "http://x/v");
        assert_eq!(m.subject, "Verify your email for Minggon Jatinan");
        assert!(m.text.starts_with("Hello Siti,"));
    }
}
