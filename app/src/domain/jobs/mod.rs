//! Jobs: what runs on the clock, not on a request (deadlines, escalation, the
//! disposition deadline, reminders, summaries). `server/src/cli.rs` spawns them.

pub mod deadlines;
pub mod disposition;
pub mod escalation;
pub mod reminders;
pub mod summaries;
