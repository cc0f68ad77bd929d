//! A real SMTP server on loopback that accepts every message and keeps it for the test to
//! read: the mail worker talks to it over TCP exactly as it would to a production relay.

use std::{sync::Arc, time::Duration};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::{Mutex, Notify},
};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    /// The first link in the text part that contains `needle`.
    pub fn link_containing(&self, needle: &str) -> String {
        self.text()
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(needle))
            .unwrap_or_else(|| panic!("no link with {needle} in:\n{}", self.text()))
            .to_owned()
    }
}

/// Recipients starting with this are refused for good (`550`), as a mailbox that does not
/// exist.
pub const REFUSED_PREFIX: &str = "tolak";

#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
    arrived: Arc<Notify>,
    /// How long the server takes to accept each message.
    delay: Duration,
}

impl SmtpSink {
    pub async fn start() -> Self {
        Self::start_slow(Duration::ZERO).await
    }

    /// A server that takes `delay` to accept each message, so a batch takes a while.
    pub async fn start_slow(delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let port = listener.local_addr().expect("addr").port();
        let sink = Self {
            port,
            inbox: Arc::default(),
            arrived: Arc::default(),
            delay,
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move {
                    // A client that hangs up mid-session is a test's business, not the sink's.
                    server.session(stream).await.ok();
                });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.test ESMTP\r\n").await?;
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") {
                b"250-sink.test\r\n250 8BITMIME\r\n"
            } else if command.starts_with("HELO") || command.starts_with("MAIL") || command.starts_with("NOOP") {
                b"250 OK\r\n"
            } else if command.starts_with("RSET") {
                to.clear();
                b"250 OK\r\n"
            } else if command.starts_with("RCPT") {
                let address = line.trim_end()[8..]
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_lowercase();
                if address.starts_with(REFUSED_PREFIX) {
                    b"550 5.1.1 no such mailbox\r\n"
                } else {
                    to.push(address);
                    b"250 OK\r\n"
                }
            } else if command == "DATA" {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut raw = Vec::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let data = line.strip_prefix('.').unwrap_or(&line);
                    raw.extend_from_slice(data.as_bytes());
                }
                if !self.delay.is_zero() {
                    tokio::time::sleep(self.delay).await;
                }
                self.inbox.lock().await.push(Received {
                    to: std::mem::take(&mut to),
                    raw,
                });
                self.arrived.notify_waiters();
                b"250 queued\r\n"
            } else if command.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                b"502 not implemented\r\n"
            };
            write.write_all(reply).await?;
        }
    }

    /// Every message received so far.
    pub async fn all(&self) -> Vec<Received> {
        self.inbox.lock().await.clone()
    }

    /// Waits (up to `limit`) until `count` messages arrived in all, and returns them all.
    pub async fn wait_for_total(&self, count: usize, limit: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let arrived = self.arrived.notified();
            let found = self.all().await;
            if found.len() >= count || tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return found;
            }
        }
    }

    /// Every message received so far for `address`.
    pub async fn messages_to(&self, address: &str) -> Vec<Received> {
        self.inbox
            .lock()
            .await
            .iter()
            .filter(|m| m.to.iter().any(|t| t == address))
            .cloned()
            .collect()
    }

    /// Waits (up to 15 s) until `count` messages for `address` arrived, and returns them.
    pub async fn wait_for(&self, address: &str, count: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            let arrived = self.arrived.notified();
            let found = self.messages_to(address).await;
            if found.len() >= count {
                return found;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("expected {count} message(s) for {address}, got {}", found.len());
            }
        }
    }
}
