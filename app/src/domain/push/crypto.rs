//! The two pieces of cryptography web push asks of a sender, with `ring`:
//! - each message is encrypted to the browser's keys (RFC 8291: an ECDH P-256 agreement with
//!   a key made for that message, HKDF-SHA-256, AES-128-GCM in the `aes128gcm` content
//!   coding of RFC 8188, one record);
//! - each request carries a VAPID token (RFC 8292): a JWT signed with ES256 by the site's
//!   own key, made once per database, whose public half the browser subscribed with.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ring::{
    aead, agreement, hmac,
    rand::{SecureRandom, SystemRandom},
    signature::{self, EcdsaKeyPair, KeyPair},
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};

use crate::domain::{
    entities::site_secret,
    error::{OrInternal, internal},
};
use crate::model::AppError;

/// An uncompressed P-256 point: 0x04, x, y.
pub const PUBLIC_KEY_BYTES: usize = 65;
/// The browser's authentication secret.
pub const AUTH_BYTES: usize = 16;
/// The record size written in the header; a message is one record, so it only bounds it.
const RECORD_SIZE: u32 = 4096;
/// The header: salt (16), record size (4), key id length (1), the sender's public key (65).
pub const HEADER_BYTES: usize = 16 + 4 + 1 + PUBLIC_KEY_BYTES;
/// The largest text that fits one record: the record size less the tag and the delimiter.
pub const PLAINTEXT_MAX: usize = RECORD_SIZE as usize - 16 - 1 - HEADER_BYTES;

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// base64url as browsers write keys: without padding, or with it.
pub fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim().trim_end_matches('=')).ok()
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let mut context = hmac::Context::with_key(&key);
    for part in parts {
        context.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.sign().as_ref());
    out
}

/// HKDF (RFC 5869) with SHA-256 for outputs of at most one block: extract, then the first
/// block of expand.
fn hkdf(salt: &[u8], ikm: &[u8], info: &[u8]) -> [u8; 32] {
    let prk = hmac_sha256(salt, &[ikm]);
    hmac_sha256(&prk, &[info, &[1u8]])
}

/// The message body of RFC 8291 from its parts, once the shared secret is agreed: the
/// header, then `plaintext` with its padding delimiter, sealed. Public so that the RFC's own
/// example can check it (its appendix gives the shared secret).
pub fn seal_with(
    ecdh_secret: &[u8],
    auth: &[u8],
    ua_public: &[u8],
    as_public: &[u8],
    salt: &[u8; 16],
    plaintext: &[u8],
) -> Result<Vec<u8>, String> {
    if plaintext.len() > PLAINTEXT_MAX {
        return Err(format!("a push message of {} bytes is too long", plaintext.len()));
    }
    let key_info = [b"WebPush: info\0".as_slice(), ua_public, as_public].concat();
    let ikm = hkdf(auth, ecdh_secret, &key_info);
    let cek = hkdf(salt, &ikm, b"Content-Encoding: aes128gcm\0");
    let nonce = hkdf(salt, &ikm, b"Content-Encoding: nonce\0");
    let key = aead::UnboundKey::new(&aead::AES_128_GCM, &cek[..16]).map_err(|_| "an AES key".to_owned())?;
    let nonce = aead::Nonce::try_assume_unique_for_key(&nonce[..12]).map_err(|_| "a nonce".to_owned())?;
    let mut record = [plaintext, &[2u8]].concat();
    aead::LessSafeKey::new(key)
        .seal_in_place_append_tag(nonce, aead::Aad::empty(), &mut record)
        .map_err(|_| "sealing a push message".to_owned())?;
    let id_len = u8::try_from(as_public.len()).map_err(|_| "a key id".to_owned())?;
    Ok([
        salt.as_slice(),
        &RECORD_SIZE.to_be_bytes(),
        &[id_len],
        as_public,
        &record,
    ]
    .concat())
}

/// Encrypts `plaintext` to a browser's public key and secret (as its subscription gives
/// them, raw), with a key pair and salt made for this message alone.
pub fn seal(ua_public: &[u8], auth: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, String> {
    let rng = SystemRandom::new();
    let private = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng)
        .map_err(|_| "making a message key".to_owned())?;
    let as_public = private
        .compute_public_key()
        .map_err(|_| "a message key's public half".to_owned())?;
    let mut salt = [0u8; 16];
    rng.fill(&mut salt).map_err(|_| "a salt".to_owned())?;
    let peer = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, ua_public);
    let secret = agreement::agree_ephemeral(private, &peer, <[u8]>::to_vec)
        .map_err(|_| "the browser's key is not a P-256 point".to_owned())?;
    seal_with(&secret, auth, ua_public, as_public.as_ref(), &salt, plaintext)
}

/// Whether `key` is a P-256 public point a message can be encrypted to (an agreement with a
/// throwaway key tells: `ring` checks the point is on the curve).
pub fn usable_public_key(key: &[u8]) -> bool {
    if key.len() != PUBLIC_KEY_BYTES || key[0] != 4 {
        return false;
    }
    let Ok(private) = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &SystemRandom::new()) else {
        return false;
    };
    let peer = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, key);
    agreement::agree_ephemeral(private, &peer, |_| ()).is_ok()
}

/// The site's VAPID key (ECDSA P-256), kept in `site_secret` as PKCS#8.
#[derive(Clone)]
pub struct VapidKey(Arc<EcdsaKeyPair>);

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VapidKey({})", self.public())
    }
}

impl VapidKey {
    fn from_pkcs8(pkcs8: &[u8]) -> Result<Self, String> {
        EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8, &SystemRandom::new())
            .map(|pair| Self(Arc::new(pair)))
            .map_err(|err| format!("the VAPID key: {err}"))
    }

    /// A key made here and now (tests; the site's own comes from `vapid_key`).
    pub fn generate() -> Result<Self, String> {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| "making a VAPID key".to_owned())?;
        Self::from_pkcs8(pkcs8.as_ref())
    }

    /// The public key, base64url: the browser's `applicationServerKey` and the `k` of each
    /// request.
    pub fn public(&self) -> String {
        b64(self.0.public_key().as_ref())
    }

    /// `Authorization: vapid t=…, k=…` for a push service at `audience` (its origin), valid
    /// until `expires` (seconds since 1970; at most a day ahead).
    pub fn authorization(&self, audience: &str, expires: i64, subject: &str) -> Result<String, String> {
        let header = b64(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = b64(serde_json::json!({"aud": audience, "exp": expires, "sub": subject})
            .to_string()
            .as_bytes());
        let signing_input = format!("{header}.{claims}");
        let signature = self
            .0
            .sign(&SystemRandom::new(), signing_input.as_bytes())
            .map_err(|_| "signing a VAPID token".to_owned())?;
        Ok(format!(
            "vapid t={signing_input}.{}, k={}",
            b64(signature.as_ref()),
            self.public()
        ))
    }
}

/// The site's VAPID key, made on first use and kept in `site_secret`, so that every instance
/// and restart signs with the key browsers subscribed with.
pub async fn vapid_key(db: &impl ConnectionTrait) -> Result<VapidKey, AppError> {
    const NAME: &str = "vapid_pkcs8";
    let rng = SystemRandom::new();
    let fresh = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .map_err(|_| internal("making the VAPID key", "no randomness"))?;
    site_secret::Entity::insert(site_secret::ActiveModel {
        name: Set(NAME.into()),
        value: Set(b64(fresh.as_ref())),
    })
    .on_conflict(OnConflict::column(site_secret::Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await
    .or_internal("storing the VAPID key")?;
    let stored = site_secret::Entity::find_by_id(NAME.to_owned())
        .one(db)
        .await
        .or_internal("reading the VAPID key")?
        .ok_or_else(|| internal("reading the VAPID key", "missing after insert"))?;
    unb64(&stored.value)
        .ok_or_else(|| "not base64url".to_owned())
        .and_then(|pkcs8| VapidKey::from_pkcs8(&pkcs8))
        .map_err(|err| internal("reading the VAPID key", err))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<u8> {
        unb64(text).unwrap_or_default()
    }

    /// RFC 8291, section 5 and appendix A: from its shared secret, keys, secret and salt
    /// to the very body it prints.
    #[test]
    fn a_message_seals_to_the_rfc_8291_example() {
        let mut salt = [0u8; 16];
        salt.copy_from_slice(&raw("DGv6ra1nlYgDCS1FRnbzlw"));
        let body = seal_with(
            &raw("kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs"),
            &raw("BTBZMqHH6r4Tts7J_aSIgg"),
            &raw("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
            &raw("BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"),
            &salt,
            b"When I grow up, I want to be a watermelon",
        );
        assert_eq!(
            body.map(|b| b64(&b)).as_deref(),
            Ok(concat!(
                "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
                "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
                "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"
            ))
        );
    }

    #[test]
    fn a_message_too_long_for_one_record_is_refused() {
        let salt = [0u8; 16];
        let key = raw("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
        let fits = seal_with(&[1; 32], &[2; 16], &key, &key, &salt, &vec![b'a'; PLAINTEXT_MAX]);
        assert_eq!(fits.map(|b| b.len()).ok(), Some(RECORD_SIZE as usize));
        assert!(seal_with(&[1; 32], &[2; 16], &key, &key, &salt, &vec![b'a'; PLAINTEXT_MAX + 1]).is_err());
    }

    #[test]
    fn only_a_point_on_the_curve_is_a_usable_key() {
        let rfc = raw("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
        assert!(usable_public_key(&rfc));
        let mut off_curve = rfc.clone();
        off_curve[64] ^= 1;
        assert!(!usable_public_key(&off_curve));
        assert!(!usable_public_key(&rfc[..64]));
    }

    #[test]
    fn a_vapid_token_verifies_with_the_public_key_it_carries() {
        let key = VapidKey::generate().unwrap_or_else(|err| panic!("{err}"));
        let header = key
            .authorization("https://push.example", 1_800_000_000, "mailto:noreply@jatinan.test")
            .unwrap_or_default();
        let (token, k) = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .unwrap_or_default();
        assert_eq!(k, key.public());
        let (signed, signature) = token.rsplit_once('.').unwrap_or_default();
        let public = signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, raw(k));
        assert!(public.verify(signed.as_bytes(), &raw(signature)).is_ok());
        let claims: serde_json::Value =
            serde_json::from_slice(&raw(signed.split('.').nth(1).unwrap_or_default())).unwrap_or_default();
        assert_eq!(claims["aud"], "https://push.example");
        assert_eq!(claims["exp"], 1_800_000_000);
    }
}
