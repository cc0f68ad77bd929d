//! What a plain (JavaScript-free) form post that failed hands back to the page that shows
//! the form again: which form it was, what was typed (never passwords) and why it failed.

use serde::{Deserialize, Serialize};

use super::AppError;

/// The hidden field of a plain form that names the server function (its URL) to run.
pub const ACTION_FIELD: &str = "_action";

/// The refused submission, provided as context while the form page renders again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormEcho {
    /// The server function URL the form posted to; a page shows the echo only on that form.
    pub action: String,
    pub values: Vec<(String, String)>,
    pub error: AppError,
}

/// Fields whose values are never sent back to a browser nor written to a log: passwords,
/// one-time tokens and codes.
pub fn is_secret_field(name: &str) -> bool {
    name.contains("password") || name == "token" || name == "otp"
}

impl FormEcho {
    /// Drops values that must never be sent back to the browser.
    pub fn without_secrets(mut self) -> Self {
        self.values.retain(|(name, _)| !is_secret_field(name));
        self
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_echoed() {
        let echo = FormEcho {
            action: "/api/login".into(),
            values: vec![("email".into(), "a@b.id".into()), ("password".into(), "rahasia".into())],
            error: AppError::Internal,
        }
        .without_secrets();
        assert_eq!(echo.value("email"), Some("a@b.id"));
        assert_eq!(echo.value("password"), None);
    }
}
