//! The four ways a SePay webhook authenticates its deliveries (its `authen_type`).
//!
//! - `none`: nothing is sent, nothing is checked.
//! - `api_key`: `Authorization: Apikey <key>`. SePay's own Laravel package takes the text after
//!   the *last* `Apikey ` and cuts it at the first `,`, which also accepts the
//!   `Bearer Apikey <key>` some of SePay's pages show; we read it the same way.
//! - `oauth2`: SePay fetches a token from the user's token endpoint, then sends
//!   `Authorization: Bearer <token>`; the user passes the token(s) their endpoint issued.
//! - `hmac`: `X-SePay-Signature: sha256=<hex>` of `timestamp + "." + raw body`, keyed with the
//!   secret's UTF-8 bytes *including* its `whsec_` prefix, and `X-SePay-Timestamp` within a
//!   window (300 s each way by default).
//!
//! Keys, tokens and MACs are compared in constant time against every configured value (keys
//! and tokens by their SHA-256 digests, so their lengths do not show either).

use crate::core::constant_time::{ct_eq_any, ct_eq_any_secret};
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::hmac_key::{HmacKey, TAG_LEN};
use crate::core::signature_encoding::{decode_digest, split_prefix, SignatureEncoding};
use crate::core::text::quote;
use crate::core::time_window::{parse_unix_seconds, TimeWindow};

const P: Provider = Provider::Sepay;

pub const AUTHORIZATION: &str = "authorization";
pub const SIGNATURE_HEADER: &str = "x-sepay-signature";
pub const TIMESTAMP_HEADER: &str = "x-sepay-timestamp";
/// SePay's documented window: five minutes.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// The key in an `Authorization` value, read as SePay's Laravel package reads it: after the
/// last `Apikey ` (any case), up to the first `,`, surrounding spaces dropped. `None` when
/// there is no `Apikey ` at all.
pub fn api_key_from_authorization(value: &str) -> Option<&str> {
    const MARK: &[u8] = b"apikey ";
    let bytes = value.as_bytes();
    let start = (0..=bytes.len().checked_sub(MARK.len())?)
        .rev()
        .find(|&i| bytes[i..i + MARK.len()].eq_ignore_ascii_case(MARK))?
        + MARK.len();
    // `start` follows an ASCII space, so it is a char boundary.
    let rest = value.get(start..).unwrap_or_default();
    let key = rest.split(',').next().unwrap_or(rest);
    Some(key.trim())
}

/// The token of a `Bearer <token>` value (scheme in any case), `None` for other schemes.
pub fn bearer_token(value: &str) -> Option<&str> {
    let value = value.trim_start();
    let scheme = value.get(..6)?;
    let rest = value.get(6..)?;
    (scheme.eq_ignore_ascii_case("bearer") && rest.starts_with([' ', '\t'])).then(|| rest.trim())
}

/// `api_key` mode.
pub fn check_api_key(keys: &[String], headers: &HeaderList) -> Result<()> {
    let value = authorization(headers, "Apikey <your API key>")?;
    let Some(received) = api_key_from_authorization(value) else {
        let hint = if bearer_token(value).is_some() {
            "the delivery carries a Bearer token: this webhook looks configured for OAuth2.0 in SePay, use mode 'oauth2'"
        } else {
            "SePay sends `Authorization: Apikey <key>` when the webhook's authentication is Api_Key"
        };
        return Err(HooksealError::new(
            P,
            ErrorCode::CredentialsMismatch,
            "the Authorization header carries no `Apikey <key>`",
        )
        .with_hint(hint));
    };
    if ct_eq_any_secret(received.as_bytes(), keys.iter().map(|k| k.as_bytes())) {
        return Ok(());
    }
    Err(HooksealError::new(
        P,
        ErrorCode::CredentialsMismatch,
        "the API key does not match any configured key",
    )
    .with_hint("compare with the key set on the webhook in SePay (only its last 4 characters are shown there)"))
}

/// `oauth2` mode.
pub fn check_bearer(tokens: &[String], headers: &HeaderList) -> Result<()> {
    let value = authorization(headers, "Bearer <access token>")?;
    let Some(received) = bearer_token(value) else {
        let hint = if api_key_from_authorization(value).is_some() {
            "the delivery carries `Apikey …`: this webhook looks configured for Api_Key in SePay, use mode 'api_key'"
        } else {
            "SePay sends `Authorization: Bearer <token>` when the webhook's authentication is OAuth2.0"
        };
        return Err(HooksealError::new(
            P,
            ErrorCode::CredentialsMismatch,
            "the Authorization header carries no Bearer token",
        )
        .with_hint(hint));
    };
    if ct_eq_any_secret(received.as_bytes(), tokens.iter().map(|t| t.as_bytes())) {
        return Ok(());
    }
    Err(HooksealError::new(
        P,
        ErrorCode::CredentialsMismatch,
        "the Bearer token is not one this verifier was given",
    )
    .with_hint("pass every access token your token endpoint issued and has not yet expired"))
}

fn authorization<'h>(headers: &'h HeaderList, expected: &str) -> Result<&'h str> {
    headers.first(AUTHORIZATION).ok_or_else(|| {
        HooksealError::new(
            P,
            ErrorCode::MissingHeader,
            "the Authorization header is missing",
        )
        .with_hint(format!(
            "SePay sends `Authorization: {expected}`; a proxy may have dropped it, or the webhook's authentication type is not the one configured here"
        ))
    })
}

/// `hmac` mode: precomputed keys and the window.
#[derive(Clone, Debug)]
pub struct HmacCheck {
    pub keys: Vec<HmacKey>,
    pub window: TimeWindow,
}

/// What an HMAC delivery carries, read without judging it (shared with `explain`).
#[derive(Clone, Debug, Default)]
pub struct HmacHeaders<'h> {
    pub signature: Option<&'h str>,
    pub timestamp: Option<&'h str>,
}

impl<'h> HmacHeaders<'h> {
    pub fn read(headers: &'h HeaderList) -> Self {
        HmacHeaders {
            signature: headers.first(SIGNATURE_HEADER),
            timestamp: headers.first(TIMESTAMP_HEADER),
        }
    }
}

impl HmacCheck {
    pub fn new(secrets: &[String], tolerance_seconds: u64) -> Self {
        HmacCheck {
            keys: secrets.iter().map(|s| HmacKey::new(s.as_bytes())).collect(),
            window: TimeWindow::seconds(tolerance_seconds),
        }
    }

    /// The tag SePay computes: HMAC(secret, timestamp text + "." + body).
    pub fn tag(key: &HmacKey, timestamp: &str, body: &[u8]) -> [u8; TAG_LEN] {
        key.tag(&[timestamp.as_bytes(), b".", body])
    }

    /// Signature first, then the window: a forged delivery says `signature_mismatch`, a
    /// genuine late one says how late it is.
    pub fn check(&self, body: &[u8], headers: &HeaderList, now_ms: i64) -> Result<()> {
        let found = HmacHeaders::read(headers);
        let signature = found.signature.ok_or_else(|| {
            HooksealError::new(P, ErrorCode::MissingSignature, "the X-SePay-Signature header is missing")
                .with_hint("SePay signs deliveries only when the webhook's authentication is HMAC-SHA256; explain() shows which mode the headers look like")
        })?;
        let timestamp_text = found.timestamp.ok_or_else(|| {
            HooksealError::new(
                P,
                ErrorCode::MissingHeader,
                "the X-SePay-Timestamp header is missing",
            )
            .with_hint("the signature covers the timestamp, so it cannot be checked without it")
        })?;
        let timestamp_text = timestamp_text.trim();
        let timestamp = parse_unix_seconds(timestamp_text).ok_or_else(|| {
            HooksealError::new(
                P,
                ErrorCode::TimestampInvalid,
                format!(
                    "X-SePay-Timestamp {} is not a whole number of seconds",
                    quote(timestamp_text)
                ),
            )
        })?;
        let received = decode_signature(signature)?;
        let expected: Vec<[u8; TAG_LEN]> = self
            .keys
            .iter()
            .map(|k| Self::tag(k, timestamp_text, body))
            .collect();
        if !ct_eq_any(&received, expected.iter().map(|t| t.as_slice())) {
            return Err(HooksealError::new(
                P,
                ErrorCode::SignatureMismatch,
                "the signature does not match the timestamp and body with any configured secret",
            )
            .with_hint("use the secret exactly as SePay shows it, `whsec_` included, and pass the raw body as received; explain() shows the expected signature"));
        }
        self.window.check(P, timestamp, now_ms)
    }
}

/// `sha256=<64 hex>` (the prefix is tolerated missing, hex in either case).
pub fn decode_signature(signature: &str) -> Result<Vec<u8>> {
    let (_, hex) = split_prefix(signature.trim());
    decode_digest(hex, SignatureEncoding::Hex, TAG_LEN).map_err(|p| {
        HooksealError::new(P, ErrorCode::MalformedSignature, p.describe())
            .with_hint("SePay sends `X-SePay-Signature: sha256=` followed by 64 hex digits")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_is_read_like_sepays_laravel_package() {
        let cases = [
            ("Apikey abc", Some("abc")),
            ("Bearer Apikey abc", Some("abc")),
            ("APIKEY abc", Some("abc")),
            ("Apikey abc, Apikey def", Some("def")),
            ("Apikey abc,extra", Some("abc")),
            ("Apikey  abc ", Some("abc")),
            ("Apikey ", Some("")),
            ("Apikey", None),
            ("Bearer abc", None),
            ("", None),
            ("éApikey k", Some("k")),
        ];
        for (value, expected) in cases {
            assert_eq!(api_key_from_authorization(value), expected, "{value:?}");
        }
    }

    #[test]
    fn bearer_tokens() {
        assert_eq!(bearer_token("Bearer tok"), Some("tok"));
        assert_eq!(bearer_token("bearer   tok "), Some("tok"));
        assert_eq!(bearer_token("Bearertok"), None);
        assert_eq!(bearer_token("Apikey tok"), None);
        assert_eq!(bearer_token("Beaé"), None);
        assert_eq!(bearer_token(""), None);
    }
}
