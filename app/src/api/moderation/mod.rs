//! Moderation: flags from anyone signed in, decisions and the queue for the secretariat,
//! and blocking a WhatsApp number that abuses the channel.

pub mod block_number;
pub mod decide;
pub mod flag;
pub mod queue;

pub use block_number::BlockNumber;
pub use decide::ModerateItem;
pub use flag::FlagItem;
pub use queue::get_moderation_queue;
