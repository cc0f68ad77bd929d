//! The domain: everything that needs the database, in layers whose imports point one way
//! (see ARCHITECTURE.md): `views` and `commands` (what the `api` calls) use `rules`,
//! `queries` and `notices`, which use `entities`; `jobs` run on the clock; `open311` and `whatsapp` are channels into the same commands. Below them the
//! parts every layer shares: the outbox and its mail (`mail`), the one ammonia policy
//! (`sanitize`), errors, limits, secrets, photos, the audit log. Only compiled with
//! feature `ssr`; knows nothing of HTTP.

pub mod audit;
pub mod calendar;
pub mod clock;
pub mod commands;
pub mod entities;
pub mod error;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod notices;
pub mod open311;
pub mod passwords;
pub mod photos;
pub mod push;
pub mod queries;
pub mod rules;
pub mod sanitize;
pub mod secrets;
pub mod state;
pub mod views;
pub mod whatsapp;

pub use state::{AppState, Clock, Config, WhatsAppSettings};
