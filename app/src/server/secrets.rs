//! Random tokens, their stored hashes, and password hashing (argon2id through
//! `password-auth`, off the async threads because it is slow on purpose).

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

use super::error::{OrInternal, internal};
use crate::model::AppError;

/// A fresh 256-bit token for a cookie or a link, URL-safe.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).or_internal("reading randomness")?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a token: its SHA-256 in hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|err| internal("hashing a password", err))
}

/// True when `password` matches `hash`. Runs the full hash even for unknown accounts (pass
/// `None`) so that timing does not tell which emails are registered.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4yXbr/3C6BqY0mTDG0J0Ta6oGbhf3ivkR2y4Cc0ZsBk";
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| DUMMY.to_owned());
        known && password_auth::verify_password(password, &hash).is_ok()
    })
    .await
    .map_err(|err| internal("verifying a password", err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed_to_hex() {
        let (a, b) = (new_token().ok(), new_token().ok());
        assert_ne!(a, b);
        assert_eq!(a.as_deref().map(str::len), Some(43));
        assert_eq!(token_hash("x").len(), 64);
    }

    #[tokio::test]
    async fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("kata sandi rahasia".into()).await.ok();
        assert!(hash.as_deref().is_some_and(|h| h.starts_with("$argon2id$")));
        assert_eq!(
            verify_password("kata sandi rahasia".into(), hash.clone()).await,
            Ok(true)
        );
        assert_eq!(verify_password("salah".into(), hash).await, Ok(false));
        assert_eq!(verify_password("kata sandi rahasia".into(), None).await, Ok(false));
    }
}
