//! sea-orm entities, one per table. Their `Model`s stay on the server: DTOs in `model`
//! cross the wire.

pub mod agenda_item;
pub mod api_key;
pub mod audit_log;
pub mod auth_session;
pub mod category;
pub mod comment;
pub mod dialogue_session;
pub mod email_token;
pub mod flag;
pub mod follow_up;
pub mod follow_up_update;
pub mod holiday;
pub mod issue;
pub mod issue_follow;
pub mod issue_history;
pub mod issue_photo;
pub mod issue_revision;
pub mod issue_support;
pub mod job_run;
pub mod live_poll;
pub mod live_poll_answer;
pub mod live_speaker;
pub mod mail_digest_item;
pub mod mail_preference;
pub mod mail_suppression;
pub mod moderation_action;
pub mod opd;
pub mod outbox;
pub mod region;
pub mod session_live;
pub mod session_registration;
pub mod setting;
pub mod site_secret;
pub mod two_factor;
pub mod user_account;
