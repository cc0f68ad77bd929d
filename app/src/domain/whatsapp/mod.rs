//! WhatsApp as a channel into the same commands as the web (issue 23), over Meta's
//! WhatsApp Business Cloud API:
//! - `webhook`: the verification handshake, the signature of every POST, and storing each
//!   event once (`wa_event`, keyed by its `wamid`) before answering;
//! - `inbound`: a worker that processes stored events in order per number, on any instance;
//! - `conversation`: a report by conversation and the commands (`status 12`, `dukung 12`,
//!   `ikuti 12`, `berhenti`), each event's effects and replies in one transaction;
//! - `graph`: the Graph API client (messages, media);
//! - `outbound`: the outbox's WhatsApp rows, sent with the mail worker's claims and retries.

pub mod conversation;
pub mod graph;
pub mod inbound;
pub mod outbound;
pub mod webhook;

pub use graph::Graph;
