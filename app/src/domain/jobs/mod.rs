//! Jobs: what runs on the clock, not on a request (deadlines, escalation, reminders,
//! summaries). `server/src/cli.rs` spawns them.

pub mod deadlines;
pub mod escalation;
pub mod reminders;
pub mod summaries;
