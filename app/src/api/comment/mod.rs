//! Comments on issues: post (or reply), edit within 15 minutes, delete.

pub mod create;
pub mod delete;
pub mod update;

pub use create::CreateComment;
pub use delete::DeleteComment;
pub use update::UpdateComment;
