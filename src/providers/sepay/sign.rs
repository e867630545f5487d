//! Test helper: the headers SePay sends with an HMAC-signed JSON delivery, so users can test
//! their endpoint without SePay.

use serde::Serialize;

use crate::core::headers::HeaderList;
use crate::core::signature_encoding::encode_hex;

use super::auth::HmacCheck;
use crate::core::hmac_key::HmacKey;

/// The headers of a signed delivery, with the names SePay uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepaySignedHeaders {
    /// `sha256=` and the lowercase hex HMAC-SHA256 of `timestamp + "." + body`.
    #[serde(rename = "X-SePay-Signature")]
    pub signature: String,
    /// Unix seconds, as text.
    #[serde(rename = "X-SePay-Timestamp")]
    pub timestamp: String,
    #[serde(rename = "Content-Type")]
    #[cfg_attr(feature = "ts", ts(type = "\"application/json\""))]
    pub content_type: String,
}

impl SepaySignedHeaders {
    /// The same headers as a [`HeaderList`], ready for `SepayVerifier::verify`.
    pub fn header_list(&self) -> HeaderList {
        [
            ("X-SePay-Signature", self.signature.as_str()),
            ("X-SePay-Timestamp", self.timestamp.as_str()),
            ("Content-Type", self.content_type.as_str()),
        ]
        .into_iter()
        .collect()
    }
}

/// Signs `body` as SePay does: the key is the secret's UTF-8 bytes, `whsec_` prefix included.
pub fn sign(body: &[u8], secret: &str, timestamp: u64) -> SepaySignedHeaders {
    let timestamp = timestamp.to_string();
    let tag = HmacCheck::tag(&HmacKey::new(secret.as_bytes()), &timestamp, body);
    SepaySignedHeaders {
        signature: format!("sha256={}", encode_hex(&tag)),
        timestamp,
        content_type: "application/json".into(),
    }
}
