//! Random tokens, their stored hashes, and password hashing (argon2id through
//! `password-auth`, off the async threads because it is slow on purpose).

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};
use sha2::{Digest, Sha256};

use crate::domain::{
    entities::site_secret,
    error::{OrInternal, internal},
};
use crate::model::AppError;

/// A fresh 256-bit token for a cookie or a link, URL-safe.
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).or_internal("reading randomness")?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a token: its SHA-256 in hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The bytes of a hex string (either case); `None` for anything else.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key that signs links the site hands out to be used without signing in (one-click
/// unsubscribe). Made once per database, so every instance and every restart agrees.
#[derive(Clone)]
pub struct SigningKey(Arc<Hmac<Sha256>>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

/// 128 bits of HMAC-SHA256 are plenty for a link that can only turn mail off.
const SIGNATURE_BYTES: usize = 16;

impl SigningKey {
    /// Keys the MAC once. HMAC's own rule (RFC 2104) turns a key of any length into one
    /// block: a longer key is hashed first, and the block is padded with zeros. Doing that
    /// here uses the infallible constructor, so no request path can fail on a key.
    pub fn new(bytes: &[u8]) -> Self {
        const BLOCK: usize = 64;
        let mut block = [0u8; BLOCK];
        if bytes.len() > BLOCK {
            block[..32].copy_from_slice(&Sha256::digest(bytes));
        } else {
            block[..bytes.len()].copy_from_slice(bytes);
        }
        Self(Arc::new(<Hmac<Sha256> as KeyInit>::new(&block.into())))
    }

    fn mac(&self, message: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::clone(&self.0);
        mac.update(message.as_bytes());
        mac
    }

    /// A URL-safe signature of `message`.
    pub fn sign(&self, message: &str) -> String {
        let tag = self.mac(message).finalize().into_bytes();
        URL_SAFE_NO_PAD.encode(&tag[..SIGNATURE_BYTES])
    }

    /// The whole HMAC-SHA256 of `body` in lower-case hex, as Meta signs a webhook's body
    /// (`X-Hub-Signature-256: sha256=<hex>`).
    pub fn sign_hex(&self, body: &[u8]) -> String {
        let mut mac = Hmac::clone(&self.0);
        mac.update(body);
        hex(&mac.finalize().into_bytes())
    }

    /// True when `signature_hex` is `sign_hex(body)`; compared in constant time.
    pub fn verify_hex(&self, body: &[u8], signature_hex: &str) -> bool {
        let Some(tag) = unhex(signature_hex.trim()) else {
            return false;
        };
        let mut mac = Hmac::clone(&self.0);
        mac.update(body);
        mac.verify_slice(&tag).is_ok()
    }

    /// True when `signature` is `sign(message)`; compared in constant time.
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(signature)
            .ok()
            .filter(|tag| tag.len() == SIGNATURE_BYTES)
            .is_some_and(|tag| self.mac(message).verify_truncated_left(&tag).is_ok())
    }
}

/// The site's signing key, made on first use and kept in `site_secret`.
pub async fn signing_key(db: &impl ConnectionTrait) -> Result<SigningKey, AppError> {
    const NAME: &str = "link_signing_key";
    site_secret::Entity::insert(site_secret::ActiveModel {
        name: Set(NAME.into()),
        value: Set(new_token()?),
    })
    .on_conflict(OnConflict::column(site_secret::Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await
    .or_internal("storing the signing key")?;
    let stored = site_secret::Entity::find_by_id(NAME.to_owned())
        .one(db)
        .await
        .or_internal("reading the signing key")?
        .ok_or_else(|| internal("reading the signing key", "missing after insert"))?;
    Ok(SigningKey::new(stored.value.as_bytes()))
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

    #[test]
    fn the_mac_is_hmac_sha256_as_rfc_4231_gives_it() {
        // Test case 2 (a short key) and test case 6 (a key longer than a block).
        let short = SigningKey::new(b"Jefe").mac("what do ya want for nothing?");
        assert_eq!(
            hex(&short.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let long = SigningKey::new(&[0xaa; 131]).mac("Test Using Larger Than Block-Size Key - Hash Key First");
        assert_eq!(
            hex(&long.finalize().into_bytes()),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let key = SigningKey::new(b"kunci");
        let signature = key.sign("unsubscribe:7:comments");
        assert!(key.verify("unsubscribe:7:comments", &signature));
        assert!(!key.verify("unsubscribe:8:comments", &signature));
        assert!(!SigningKey::new(b"kunci lain").verify("unsubscribe:7:comments", &signature));
        assert!(!key.verify("unsubscribe:7:comments", "AAAA"));
        assert!(!key.verify("unsubscribe:7:comments", "bukan base64!"));
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
