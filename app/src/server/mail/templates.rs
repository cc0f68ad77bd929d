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
#[allow(clippy::too_many_arguments)]
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
    fn messages_follow_the_recipients_language() {
        let m = verify_email(Locale::En.texts(), "Siti", "http://x/v");
        assert_eq!(m.subject, "Verify your email for Minggon Jatinan");
        assert!(m.text.starts_with("Hello Siti,"));
    }
}
