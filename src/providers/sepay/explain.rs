//! `explain()`: what someone wiring up a SePay webhook needs to see when deliveries fail.
//!
//! The usual causes are a mode mismatch (the webhook in SePay uses another authentication
//! type than the verifier), a dropped header, a clock off by minutes, a body re-serialized by
//! a framework, or a secret copied without its `whsec_` prefix. The diagnosis names the mode
//! the headers look like, what is missing, the clock drift, and expected against received
//! (credentials masked; the HMAC expected for *this* body is not a secret).

use serde::Serialize;

use crate::core::constant_time::ct_eq;
use crate::core::error::Provider;
use crate::core::headers::HeaderList;
use crate::core::hmac_key::HmacKey;
use crate::core::signature_encoding::{encode_hex, split_prefix};
use crate::core::text::quote;
use crate::core::time_window::{drift_seconds, parse_unix_seconds};

use super::auth::{
    api_key_from_authorization, bearer_token, decode_signature, HmacCheck, HmacHeaders,
    AUTHORIZATION, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use super::body::{body_encoding, decode, SepayBodyFormat};
use super::verifier::{Check, SepayMode, SepayModeName, SepayVerifier};

/// The result of `explain()`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SepayDiagnosis {
    pub provider: String,
    /// Whether `verify` accepts the delivery.
    pub valid: bool,
    /// The error code `verify` gives, when it refuses.
    pub code: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The mode this verifier is configured for.
    pub mode: SepayModeName,
    /// The mode the delivery's headers look like; null for an Authorization header of
    /// another scheme.
    pub looks_like: Option<SepayModeName>,
    /// Headers the configured mode needs that the delivery lacks (lowercase).
    pub missing: Vec<String>,
    /// Every header name received (lowercase).
    pub headers_received: Vec<String>,
    pub content_type: Option<String>,
    /// How the body is read; null when the Content-Type makes it unreadable.
    pub body_format: Option<SepayBodyFormat>,
    /// `X-SePay-Timestamp` as received.
    pub timestamp: Option<String>,
    /// Seconds between the timestamp and now; positive when the timestamp is in the past.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub drift_seconds: Option<i64>,
    /// The window, in `hmac` mode.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub tolerance_seconds: Option<u64>,
    /// What a correct delivery carries: `sha256=…` for each secret in `hmac` mode, the masked
    /// configured keys or tokens in `api_key` / `oauth2` mode.
    pub expected: Vec<String>,
    /// What this delivery carries (keys and tokens masked).
    pub received: Option<String>,
    /// Observations, most useful first.
    pub findings: Vec<String>,
}

/// The mode a delivery's headers suggest.
pub fn looks_like(headers: &HeaderList) -> Option<SepayModeName> {
    if headers.contains(SIGNATURE_HEADER) || headers.contains(TIMESTAMP_HEADER) {
        return Some(SepayModeName::Hmac);
    }
    match headers.first(AUTHORIZATION) {
        None => Some(SepayModeName::None),
        Some(v) if api_key_from_authorization(v).is_some() => Some(SepayModeName::ApiKey),
        Some(v) if bearer_token(v).is_some() => Some(SepayModeName::OAuth2),
        Some(_) => None,
    }
}

/// `ab…yz (32 characters)`: enough to tell two keys apart, not enough to use one.
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n < 12 {
        return format!("… ({n} characters)");
    }
    let head: String = secret.chars().take(2).collect();
    let tail: String = secret.chars().skip(n - 2).collect();
    format!("{head}…{tail} ({n} characters)")
}

impl SepayVerifier {
    /// Diagnoses a delivery; never fails.
    pub fn explain(&self, body: &[u8], headers: &HeaderList, now_ms: i64) -> SepayDiagnosis {
        let verdict = self.verify(body, headers, now_ms);
        let mode = self.options().mode.name();
        let seen = looks_like(headers);
        let hmac_headers = HmacHeaders::read(headers);
        let mut findings = Vec::new();

        if seen != Some(mode) {
            findings.push(match (seen, mode) {
                (None, _) => "the Authorization header is neither `Apikey <key>` nor `Bearer <token>`".to_string(),
                (Some(SepayModeName::None), _) => format!(
                    "the delivery carries no credentials at all, but mode `{mode}` expects some: is the webhook's authentication in SePay set to No_Authen, or did a proxy drop the header?"
                ),
                (Some(seen), SepayModeName::None) => format!(
                    "the delivery carries `{seen}` credentials that mode `none` ignores: configure mode `{seen}` to check them"
                ),
                (Some(seen), _) => format!(
                    "the headers look like mode `{seen}`, but this verifier is configured for `{mode}`: check the webhook's authentication type in SePay"
                ),
            });
        }

        let missing = self.missing_headers(headers);
        let timestamp = hmac_headers.timestamp.map(|t| t.trim().to_string());
        let parsed_ts = timestamp.as_deref().and_then(parse_unix_seconds);
        let drift = parsed_ts.map(|ts| drift_seconds(ts, now_ms));
        if let Some(ts) = parsed_ts {
            if ts >= 100_000_000_000 {
                findings
                    .push("X-SePay-Timestamp looks like milliseconds; SePay sends seconds".into());
            }
        } else if let Some(t) = &timestamp {
            findings.push(format!(
                "X-SePay-Timestamp {} is not a whole number of seconds",
                quote(t)
            ));
        }

        let (expected, received) = match &self.check {
            Check::None => (Vec::new(), None),
            Check::ApiKey(keys) => (
                keys.iter().map(|k| format!("Apikey {}", mask(k))).collect(),
                headers
                    .first(AUTHORIZATION)
                    .map(|v| match api_key_from_authorization(v) {
                        Some(key) => format!("Apikey {}", mask(key)),
                        None => scheme_only(v),
                    }),
            ),
            Check::OAuth2(tokens) => (
                tokens
                    .iter()
                    .map(|t| format!("Bearer {}", mask(t)))
                    .collect(),
                headers.first(AUTHORIZATION).map(|v| match bearer_token(v) {
                    Some(token) => format!("Bearer {}", mask(token)),
                    None => scheme_only(v),
                }),
            ),
            Check::Hmac(hmac) => {
                let expected = match &timestamp {
                    Some(ts) => hmac
                        .keys
                        .iter()
                        .map(|k| format!("sha256={}", encode_hex(&HmacCheck::tag(k, ts, body))))
                        .collect(),
                    None => Vec::new(),
                };
                if let Some(sig) = hmac_headers.signature {
                    self.hmac_findings(sig, timestamp.as_deref(), body, &mut findings);
                }
                (expected, hmac_headers.signature.map(str::to_string))
            }
        };

        let tolerance = match &self.options().mode {
            SepayMode::Hmac {
                tolerance_seconds, ..
            } => Some(*tolerance_seconds),
            _ => None,
        };
        if let (Some(drift), Some(limit)) = (drift, tolerance) {
            if drift.unsigned_abs() > limit {
                findings.push(format!(
                    "the timestamp is {} s {} now, outside the {limit} s window: a replay, a long delay, or a wrong clock here",
                    drift.unsigned_abs(),
                    if drift > 0 { "before" } else { "after" }
                ));
            }
        }

        let content_type = headers.first("content-type").map(str::to_string);
        let body_format = body_encoding(content_type.as_deref(), body).ok();
        if let Some(enc) = &body_format {
            if enc.sniffed {
                findings.push(format!(
                    "no JSON, form or multipart Content-Type: the body was read as {} from its first bytes",
                    enc.format
                ));
            }
        }
        if let Err(e) = decode(body, content_type.as_deref()) {
            findings.push(format!(
                "the body is not a SePay transaction: {}",
                e.message
            ));
        }

        let (code, message, hint) = match &verdict {
            Ok(_) => (None, "the delivery verifies".to_string(), None),
            Err(e) => (
                Some(e.code.as_str().to_string()),
                e.message.clone(),
                e.hint.clone(),
            ),
        };
        SepayDiagnosis {
            provider: Provider::Sepay.as_str().into(),
            valid: verdict.is_ok(),
            code,
            message,
            hint,
            mode,
            looks_like: seen,
            missing,
            headers_received: headers
                .iter()
                .map(|(n, _)| n.to_ascii_lowercase())
                .collect(),
            content_type,
            body_format: body_format.map(|e| e.format),
            timestamp,
            drift_seconds: drift,
            tolerance_seconds: tolerance,
            expected,
            received,
            findings,
        }
    }

    fn missing_headers(&self, headers: &HeaderList) -> Vec<String> {
        let needed: &[&str] = match self.check {
            Check::None => &[],
            Check::ApiKey(_) | Check::OAuth2(_) => &[AUTHORIZATION],
            Check::Hmac(_) => &[SIGNATURE_HEADER, TIMESTAMP_HEADER],
        };
        needed
            .iter()
            .filter(|h| !headers.contains(h))
            .map(|h| h.to_string())
            .collect()
    }

    /// Why an HMAC signature does not match: the variants a sender (or a framework in
    /// between) gets wrong.
    fn hmac_findings(
        &self,
        signature: &str,
        timestamp: Option<&str>,
        body: &[u8],
        findings: &mut Vec<String>,
    ) {
        let (prefix, _) = split_prefix(signature.trim());
        if prefix.is_none() {
            findings.push("the signature has no `sha256=` prefix (tolerated)".into());
        }
        let Ok(received) = decode_signature(signature) else {
            return;
        };
        let SepayMode::Hmac { secrets, .. } = &self.options().mode else {
            return;
        };
        let ts = timestamp.unwrap_or("");
        let matches = |key: &HmacKey, parts: &[&[u8]]| ct_eq(&key.tag(parts), &received);
        for secret in secrets {
            let key = HmacKey::new(secret.as_bytes());
            if matches(&key, &[ts.as_bytes(), b".", body]) {
                return;
            }
            if matches(&key, &[body]) {
                findings.push(
                    "the signature is the HMAC of the body alone, without `timestamp.`".into(),
                );
                return;
            }
            let trimmed = body.trim_ascii();
            if trimmed.len() != body.len() && matches(&key, &[ts.as_bytes(), b".", trimmed]) {
                findings.push("the signature matches the body without its surrounding whitespace: something added whitespace to the raw body".into());
                return;
            }
            let bare = secret.strip_prefix("whsec_");
            let with_prefix = format!("whsec_{secret}");
            let other = bare.map_or(with_prefix.as_str(), |b| b);
            if matches(
                &HmacKey::new(other.as_bytes()),
                &[ts.as_bytes(), b".", body],
            ) {
                findings.push(if bare.is_some() {
                    "the signature matches the secret without its `whsec_` prefix".to_string()
                } else {
                    "the signature matches the secret with a `whsec_` prefix: configure the secret exactly as SePay shows it".to_string()
                });
                return;
            }
        }
        if body.windows(3).any(|w| w == b"\n  ") {
            findings.push("the body looks pretty-printed: a signature covers the exact bytes sent, so verify the raw body, not JSON.stringify(req.body)".into());
        }
    }
}

fn scheme_only(authorization: &str) -> String {
    let scheme = authorization.split_whitespace().next().unwrap_or("");
    format!("{scheme} … (another scheme)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_hide_all_but_the_ends() {
        assert_eq!(mask("abcdefghijklmnop"), "ab…op (16 characters)");
        assert_eq!(mask("short"), "… (5 characters)");
        assert_eq!(mask("ééééééééééééé"), "éé…éé (13 characters)");
    }

    #[test]
    fn modes_from_headers() {
        let h = |pairs: &[(&str, &str)]| pairs.iter().copied().collect::<HeaderList>();
        assert_eq!(looks_like(&h(&[])), Some(SepayModeName::None));
        assert_eq!(
            looks_like(&h(&[("Authorization", "Apikey k")])),
            Some(SepayModeName::ApiKey)
        );
        assert_eq!(
            looks_like(&h(&[("Authorization", "Bearer Apikey k")])),
            Some(SepayModeName::ApiKey)
        );
        assert_eq!(
            looks_like(&h(&[("Authorization", "Bearer t")])),
            Some(SepayModeName::OAuth2)
        );
        assert_eq!(looks_like(&h(&[("Authorization", "Basic x")])), None);
        assert_eq!(
            looks_like(&h(&[("X-SePay-Signature", "sha256=")])),
            Some(SepayModeName::Hmac)
        );
    }
}
