//! Domain services. Each runs in one order: who is asking -> load -> authorize -> validate
//! and sanitize -> write in a transaction -> enqueue side effects. They take a connection
//! (`&impl ConnectionTrait` or the pool) and know nothing of HTTP.

pub mod accounts;
pub mod admin;
pub mod agenda;
pub mod audit;
pub mod exports;
pub mod followups;
pub mod forum;
pub mod issues;
pub mod moderation;
pub mod notices;
pub mod opds;
pub mod open311;
pub mod photos;
pub mod preferences;
pub mod reference;
pub mod scorecard;
pub mod session_views;
pub mod sessions;
pub mod staff;
pub mod timeline;
pub mod two_factor;
