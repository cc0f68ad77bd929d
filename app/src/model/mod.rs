//! Types that cross the wire between server and browser: DTOs, validation and errors.
//! Nothing here touches the database; entity models never leave `server`.

pub mod account;
pub mod admin;
pub mod error;
pub mod follow_up;
pub mod form;
pub mod issue;
pub mod issue_flow;
pub mod live;
pub mod mail;
pub mod me;
pub mod moderation;
pub mod photo;
pub mod session;
pub mod settings;
pub mod staff;
pub mod whatsapp;

pub use error::{AppError, ErrorCode, FieldError};
