//! A push service on loopback, speaking RFC 8030 the way the SMTP sink speaks SMTP: it
//! takes `POST /push/{device}` (answered 201, or 410 once a test says the device is gone)
//! and keeps what it was sent. And a browser's side of a subscription: its keys, the
//! decryption of a message (RFC 8291), and the check of the VAPID token (RFC 8292), with
//! `ring` as a browser would do them.

use std::{collections::HashSet, sync::Arc, time::Duration};

use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ring::{
    aead, agreement, hmac,
    rand::{SecureRandom, SystemRandom},
    signature,
};
use tokio::sync::{Mutex, Notify};

/// One message the service took.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub device: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub status: u16,
}

impl Delivery {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

#[derive(Default)]
struct Inner {
    deliveries: Vec<Delivery>,
    gone: HashSet<String>,
}

#[derive(Clone)]
pub struct PushService {
    pub root: String,
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<Notify>,
}

async fn push(
    State(service): State<PushService>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let mut inner = service.inner.lock().await;
    let status = if inner.gone.contains(&device) {
        StatusCode::GONE
    } else {
        StatusCode::CREATED
    };
    inner.deliveries.push(Delivery {
        device,
        headers,
        body: body.to_vec(),
        status: status.as_u16(),
    });
    service.arrived.notify_waiters();
    status
}

impl PushService {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind push");
        let root = format!("http://{}", listener.local_addr().expect("addr"));
        let service = Self {
            root,
            inner: Arc::default(),
            arrived: Arc::default(),
        };
        let router = Router::new()
            .route("/push/{device}", post(push))
            .with_state(service.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        service
    }

    /// The endpoint a browser would be given for `device`.
    pub fn endpoint(&self, device: &str) -> String {
        format!("{}/push/{device}", self.root)
    }

    /// From now on `device` is answered 410 Gone, as when a browser unsubscribed.
    pub async fn forget(&self, device: &str) {
        self.inner.lock().await.gone.insert(device.to_owned());
    }

    pub async fn deliveries(&self) -> Vec<Delivery> {
        self.inner.lock().await.deliveries.clone()
    }

    /// Waits (at most ten seconds) until `device` was sent `n` messages.
    pub async fn wait_for(&self, device: &str, n: usize) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let arrived = self.arrived.notified();
            let got: Vec<Delivery> = self
                .deliveries()
                .await
                .into_iter()
                .filter(|d| d.device == device)
                .collect();
            if got.len() >= n {
                return got;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("device {device} got {} of {n} push messages", got.len());
            }
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let mut context = hmac::Context::with_key(&key);
    for part in parts {
        context.update(part);
    }
    context.sign().as_ref().to_vec()
}

fn hkdf(salt: &[u8], ikm: &[u8], info: &[u8], len: usize) -> Vec<u8> {
    let prk = hmac_sha256(salt, &[ikm]);
    hmac_sha256(&prk, &[info, &[1]])[..len].to_vec()
}

/// A browser's subscription keys. `ring` makes a key for one agreement only, so a browser
/// here reads one message (a test that needs two subscribes twice).
pub struct Browser {
    private: agreement::EphemeralPrivateKey,
    public: Vec<u8>,
    auth: [u8; 16],
}

impl Browser {
    pub fn new() -> Self {
        let rng = SystemRandom::new();
        let private = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng).expect("key");
        let public = private.compute_public_key().expect("public key").as_ref().to_vec();
        let mut auth = [0u8; 16];
        rng.fill(&mut auth).expect("randomness");
        Self { private, public, auth }
    }

    /// `keys.p256dh` of the subscription, base64url.
    pub fn p256dh(&self) -> String {
        b64(&self.public)
    }

    /// `keys.auth` of the subscription, base64url.
    pub fn auth(&self) -> String {
        b64(&self.auth)
    }

    /// Decrypts a message as RFC 8291 says a browser does: the header's salt and the
    /// sender's key, the shared secret, the content key and nonce, one record, its padding.
    pub fn open(self, body: &[u8]) -> Vec<u8> {
        let (salt, rest) = body.split_at(16);
        let record_size = u32::from_be_bytes(rest[..4].try_into().unwrap());
        assert!(body.len() <= record_size as usize + 86, "one record");
        let id_len = rest[4] as usize;
        let (sender, ciphertext) = rest[5..].split_at(id_len);
        let peer = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, sender);
        let secret = agreement::agree_ephemeral(self.private, &peer, <[u8]>::to_vec).expect("agreement");
        let info = [b"WebPush: info\0".as_slice(), &self.public, sender].concat();
        let ikm = hkdf(&self.auth, &secret, &info, 32);
        let cek = hkdf(salt, &ikm, b"Content-Encoding: aes128gcm\0", 16);
        let nonce = hkdf(salt, &ikm, b"Content-Encoding: nonce\0", 12);
        let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &cek).unwrap());
        let mut record = ciphertext.to_vec();
        let plain = key
            .open_in_place(
                aead::Nonce::try_assume_unique_for_key(&nonce).unwrap(),
                aead::Aad::empty(),
                &mut record,
            )
            .expect("the message opens with the subscription's keys");
        let end = plain.iter().rposition(|b| *b != 0).expect("a delimiter");
        assert_eq!(plain[end], 2, "the last record ends with the delimiter 2");
        plain[..end].to_vec()
    }
}

/// The claims of a request's VAPID token, once its signature verified with the key it names,
/// which must be `site_key`.
pub fn vapid_claims(authorization: &str, site_key: &str) -> serde_json::Value {
    let (token, key) = authorization
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .unwrap_or_else(|| panic!("not a VAPID authorization: {authorization}"));
    assert_eq!(key, site_key, "signed with the key browsers subscribe with");
    let (signed, signature_text) = token.rsplit_once('.').expect("a JWT");
    let header: serde_json::Value = serde_json::from_slice(&unb64(signed.split('.').next().unwrap())).unwrap();
    assert_eq!(header["alg"], "ES256");
    signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, unb64(key))
        .verify(signed.as_bytes(), &unb64(signature_text))
        .expect("the VAPID signature verifies");
    serde_json::from_slice(&unb64(signed.split('.').nth(1).unwrap())).unwrap()
}
