//! The one type that sends mail: SMTP from `SMTP_URL` (STARTTLS or implicit TLS, with
//! auth), or .eml files under the data folder when no SMTP server is configured.

use std::path::{Path, PathBuf};

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Attachment, Mailbox, MultiPart,
        header::{ContentType, HeaderName, HeaderValue},
    },
};

use crate::domain::entities::outbox;

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

/// Why a message did not leave: a permanent failure (SMTP 5xx, a malformed address) is not
/// retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    Permanent(String),
    Transient(String),
    /// Not tried: the address refused mail permanently this many times before.
    Suppressed(i32),
}

impl Mailer {
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465` (implicit
    /// TLS) or `smtp://127.0.0.1:2525` (plain, for a relay on loopback).
    pub fn smtp(url: &str) -> Result<Self, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|builder| Self::Smtp(builder.build()))
            .map_err(|err| format!("SMTP_URL is not usable: {err}"))
    }

    /// Writes each message as an .eml file into `dir` (created when missing).
    pub fn files(dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
        Ok(Self::Files {
            transport: AsyncFileTransport::new(dir),
            dir: dir.to_owned(),
        })
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Smtp(_) => "SMTP".into(),
            Self::Files { dir, .. } => format!(".eml files in {}", dir.display()),
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Self::Smtp(transport) => transport.send(message).await.map(drop).map_err(|err| {
                if err.is_permanent() {
                    SendError::Permanent(err.to_string())
                } else {
                    SendError::Transient(err.to_string())
                }
            }),
            Self::Files { transport, dir } => {
                let id = transport
                    .send(message)
                    .await
                    .map_err(|err| SendError::Transient(err.to_string()))?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written to file");
                Ok(())
            }
        }
    }
}

/// The same for every attempt at one outbox row: if a process dies after the SMTP server
/// accepted a message but before the row was marked sent, the copy sent again carries the
/// same Message-ID, and mail software shows it once.
fn message_id(from: &Mailbox, row: &outbox::Model) -> String {
    use sha2::{Digest, Sha256};
    let digest = crate::domain::secrets::hex(&Sha256::digest(row.idempotency_key.as_bytes()));
    format!("<{}.{}@{}>", row.id, &digest[..16], from.email.domain())
}

/// The MIME message of an outbox row: text and HTML alternatives.
pub fn build_message(from: &Mailbox, reply_to: Option<&Mailbox>, row: &outbox::Model) -> Result<Message, SendError> {
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|err| SendError::Permanent(format!("bad recipient: {err}")))?;
    let mut builder = Message::builder().from(from.clone()).to(to).date_now();
    if let Some(reply_to) = reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    if let Some(url) = &row.unsubscribe_url {
        // RFC 2369 and RFC 8058: a mail client may offer "unsubscribe" and POST to the
        // link without opening it in a browser.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .subject(&row.subject)
        .message_id(Some(message_id(from, row)))
        .multipart(match &row.attachment_ics {
            None => MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone()),
            Some(ics) => MultiPart::mixed()
                .multipart(MultiPart::alternative_plain_html(
                    row.body_text.clone(),
                    row.body_html.clone(),
                ))
                .singlepart(
                    Attachment::new("undangan.ics".into()).body(
                        ics.clone(),
                        ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                            .map_err(|err| SendError::Permanent(err.to_string()))?,
                    ),
                ),
        })
        .map_err(|err| SendError::Permanent(err.to_string()))
}
