//! The server side of the application: database entities, domain services, authorization,
//! mail, sanitizing and time. Only compiled with feature `ssr`; knows nothing of HTTP
//! except in `context`, the glue that server functions use.

pub mod authz;
pub mod calendar;
pub mod context;
pub mod entities;
pub mod error;
pub mod issue_flow;
pub mod limits;
pub mod mail;
pub mod passwords;
pub mod sanitize;
pub mod secrets;
pub mod services;
pub mod state;
pub mod time;

pub use state::{AppState, Clock, Config};
