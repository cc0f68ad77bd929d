//! sea-orm entities, one per table. Their `Model`s stay on the server: DTOs in `model`
//! cross the wire.

pub mod agenda_item;
pub mod auth_session;
pub mod category;
pub mod comment;
pub mod dialogue_session;
pub mod email_token;
pub mod flag;
pub mod follow_up;
pub mod holiday;
pub mod issue;
pub mod issue_follow;
pub mod issue_history;
pub mod issue_photo;
pub mod issue_revision;
pub mod issue_support;
pub mod moderation_action;
pub mod opd;
pub mod outbox;
pub mod region;
pub mod session_registration;
pub mod user_account;
