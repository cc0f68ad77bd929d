//! Server functions, one per file under `<resource>/<verb>.rs`. Each is a few lines: take
//! the state from context, call one service, report errors through `respond` so that the
//! HTTP status matches. Their URLs are stable (`/api/...`) because plain HTML forms post
//! to them when JavaScript is off.

pub mod account;
pub mod admin;
pub mod agenda;
pub mod comment;
#[cfg(feature = "ssr")]
pub mod context;
pub mod follow_up;
pub mod issue;
pub mod live;
pub mod moderation;
pub mod places;
pub mod session;
pub mod staff;
