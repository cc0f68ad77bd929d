//! Views: the read models of each page. They only read, and apply the same
//! `rules::access` as the commands.

pub mod admin;
pub mod agenda;
pub mod audit;
pub mod exports;
pub mod follow_ups;
pub mod inbox;
pub mod issues;
pub mod live;
pub mod me;
pub mod minutes;
pub mod moderation;
pub mod opd_page;
pub mod registrants;
pub mod scorecard;
pub mod sessions;
pub mod staff;
pub mod timeline;
