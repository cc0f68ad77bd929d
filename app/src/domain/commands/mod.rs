//! Commands: one file (or folder) per use case. Each runs in one order: who is asking ->
//! load -> `rules::access` -> validate and sanitize -> write in one transaction -> enqueue
//! notices -> commit -> ring the mail bell.

pub mod account_erasure;
pub mod accounts;
pub mod admin;
pub mod agenda;
pub mod follow_up;
pub mod forum;
pub mod issue;
pub mod moderation;
pub mod password_reset;
pub mod phone;
pub mod preferences;
pub mod push;
pub mod session;
pub mod submission;
pub mod two_factor;
