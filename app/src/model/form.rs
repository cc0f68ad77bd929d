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

/// The hidden field in which a phone names a form's sending, so that sending it again
/// (after a lost answer, or when a draft that waited offline goes out) makes nothing twice.
pub const CLIENT_KEY_FIELD: &str = "client_key";
/// The longest client key: a UUID is 36 characters.
pub const CLIENT_KEY_MAX: usize = 64;

/// A client's key for one sending of a form: 16 to 64 letters, digits, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientKey(String);

impl ClientKey {
    /// No key (a form sent without JavaScript) is `None`; a malformed one is refused.
    pub fn parse(raw: Option<&str>) -> Result<Option<Self>, AppError> {
        let raw = raw.map(str::trim).unwrap_or_default();
        if raw.is_empty() {
            return Ok(None);
        }
        let refused = |code| Err(AppError::field(CLIENT_KEY_FIELD, code));
        if raw.len() > CLIENT_KEY_MAX {
            return refused(super::ErrorCode::TooLong { max: CLIENT_KEY_MAX });
        }
        if raw.len() < 16 {
            return refused(super::ErrorCode::TooShort { min: 16 });
        }
        if !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return refused(super::ErrorCode::UnknownChoice);
        }
        Ok(Some(Self(raw.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_key_is_a_uuid_or_nothing() {
        let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assert_eq!(
            ClientKey::parse(Some(uuid)).map(|k| k.map(|k| k.as_str().to_owned())),
            Ok(Some(uuid.to_owned()))
        );
        assert_eq!(ClientKey::parse(None), Ok(None));
        assert_eq!(ClientKey::parse(Some("  ")), Ok(None));
        for bad in ["pendek", "<script>alert(1)</script>-panjang", &"a".repeat(65)] {
            assert!(ClientKey::parse(Some(bad)).is_err(), "{bad}");
        }
    }

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
