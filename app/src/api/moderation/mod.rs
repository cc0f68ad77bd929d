//! Moderation: flags from anyone signed in, decisions and the queue for the secretariat.

pub mod decide;
pub mod flag;
pub mod queue;

pub use decide::ModerateItem;
pub use flag::FlagItem;
pub use queue::get_moderation_queue;
