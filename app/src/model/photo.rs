//! Photos as pages show them: an issue's, or a follow-up step's evidence.

use serde::{Deserialize, Serialize};

/// A photo of an issue: its content hash names both stored versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoView {
    pub hash: String,
    pub width: u32,
    pub height: u32,
}

impl PhotoView {
    pub fn src(&self) -> String {
        format!("/photos/{}.jpg", self.hash)
    }

    pub fn small_src(&self) -> String {
        format!("/photos/{}-s.jpg", self.hash)
    }
}
