//! The Graph API of the WhatsApp Business Cloud API: `POST /{phone-number-id}/messages`
//! to send, `GET /{media-id}` and then its URL to fetch a photo a resident sent; a bearer
//! token on every call. `WHATSAPP_API_BASE` says where it is (Meta's, or a gateway, or the
//! tests' server on loopback).

use std::time::Duration;

use serde_json::Value;

use crate::domain::{WhatsAppSettings, mail::transport::SendError};

/// The largest photo fetched from WhatsApp (its own limit for images is 5 MB).
pub const MEDIA_MAX_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone)]
pub struct Graph {
    http: reqwest::Client,
    settings: WhatsAppSettings,
}

impl Graph {
    pub fn new(settings: WhatsAppSettings) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()
            .map_err(|err| format!("the Graph API client: {err}"))?;
        Ok(Self { http, settings })
    }

    pub fn settings(&self) -> &WhatsAppSettings {
        &self.settings
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.settings.api_base.trim_end_matches('/'))
    }

    /// Sends one message (the JSON body of `/messages`) and returns the `wamid` WhatsApp
    /// gave it. 429, 5xx and network failures are worth another try; any other refusal
    /// (a bad number, a template not approved, a closed window) is permanent.
    pub async fn send(&self, payload: &str) -> Result<Option<String>, SendError> {
        let response = self
            .http
            .post(self.url(&format!("{}/messages", self.settings.phone_number_id)))
            .bearer_auth(&self.settings.token)
            .header("content-type", "application/json")
            .body(payload.to_owned())
            .send()
            .await
            .map_err(|err| SendError::Transient(format!("Graph API unreachable: {err}")))?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(body["messages"][0]["id"].as_str().map(str::to_owned));
        }
        let reason = format!(
            "Graph API {}: {}",
            status.as_u16(),
            body["error"]["message"].as_str().unwrap_or("no reason given")
        );
        if status.as_u16() == 429 || status.is_server_error() {
            Err(SendError::Transient(reason))
        } else {
            Err(SendError::Permanent(reason))
        }
    }

    /// The bytes of a medium a resident sent (`image.id`): its URL first, then the file.
    pub async fn media(&self, id: &str) -> Result<Vec<u8>, String> {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_') {
            return Err("a medium id that is not one".into());
        }
        let described: Value = self
            .http
            .get(self.url(id))
            .bearer_auth(&self.settings.token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|err| format!("describing medium {id}: {err}"))?
            .json()
            .await
            .map_err(|err| format!("describing medium {id}: {err}"))?;
        let url = described["url"]
            .as_str()
            .ok_or_else(|| format!("medium {id} has no url"))?;
        let mut response = self
            .http
            .get(url)
            .bearer_auth(&self.settings.token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|err| format!("fetching medium {id}: {err}"))?;
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| format!("fetching medium {id}: {err}"))?
        {
            if bytes.len() + chunk.len() > MEDIA_MAX_BYTES {
                return Err(format!("medium {id} is larger than {MEDIA_MAX_BYTES} bytes"));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}
