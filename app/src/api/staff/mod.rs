//! The staff room and the secretariat's inbox.

pub mod inbox;
pub mod overview;

pub use inbox::get_inbox;
pub use overview::get_staff_overview;
