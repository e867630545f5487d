//! The older scheme: an RSA PKCS#1 v1.5 SHA-256 signature, base64, in `TX-Numeral-Signature-1`
//! (a `-2`, `-3`… appears during a key rotation; any one that verifies suffices), with the
//! time in `TX-Numeral-Request-Timestamp`. Which bytes are signed is not published: see
//! [`NumeralLegacyMessage`].

use crate::core::error::{ErrorCode, HooksealError, Result};
use crate::core::headers::HeaderList;
use crate::core::http_signatures::TrustedKey;
use crate::core::signature_encoding::decode_base64;
use crate::core::time_window::{parse_unix_seconds, TimeWindow};

use super::options::NumeralLegacyMessage;
use super::verifier::P;

pub const SIGNATURE_PREFIX: &str = "tx-numeral-signature-";
pub const TIMESTAMP_HEADER: &str = "tx-numeral-request-timestamp";

/// More signature headers than this are refused: each costs an RSA verification per key.
const MAX_LEGACY_SIGNATURES: usize = 8;

/// The older scheme's headers as received.
#[derive(Clone, Debug, Default)]
pub struct LegacyHeaders<'h> {
    /// `(lowercased name, value)` of every `TX-Numeral-Signature-<N>`, in order received.
    pub signatures: Vec<(String, &'h str)>,
    pub timestamp: Option<&'h str>,
}

impl<'h> LegacyHeaders<'h> {
    pub fn find(headers: &'h HeaderList) -> Self {
        // Loops rather than adapter chains here: each chain is its own code in the wasm.
        let mut signatures = Vec::new();
        for (name, value) in headers.iter() {
            let lower = name.to_ascii_lowercase();
            let numbered = lower
                .strip_prefix(SIGNATURE_PREFIX)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if numbered {
                signatures.push((lower, value));
            }
        }
        LegacyHeaders {
            signatures,
            timestamp: headers.first(TIMESTAMP_HEADER),
        }
    }

    /// Each signature header with its decoded bytes (or `None` if it is not base64).
    pub fn decoded(&self) -> Vec<(&str, Option<Vec<u8>>)> {
        let mut decoded = Vec::with_capacity(self.signatures.len());
        for (name, value) in &self.signatures {
            decoded.push((name.as_str(), decode_base64(value.trim()).ok()));
        }
        decoded
    }
}

/// Verifies the older scheme with `variant`; returns the header that verified.
pub fn verify(
    variant: NumeralLegacyMessage,
    keys: &[TrustedKey],
    window: TimeWindow,
    found: &LegacyHeaders<'_>,
    body: &[u8],
    now_ms: i64,
) -> Result<String> {
    if variant == NumeralLegacyMessage::Off {
        return Err(HooksealError::new(
            P,
            ErrorCode::MissingSignature,
            "the delivery carries only the older `TX-Numeral-Signature` scheme, which is turned off (legacy: 'off')",
        )
        .with_hint("Numeral now signs with `Signature-Input`/`Signature`; set `legacy` to accept older deliveries"));
    }
    if found.signatures.len() > MAX_LEGACY_SIGNATURES {
        return Err(HooksealError::new(
            P,
            ErrorCode::MalformedSignature,
            format!(
                "{} `TX-Numeral-Signature-<N>` headers; at most {MAX_LEGACY_SIGNATURES} are accepted",
                found.signatures.len()
            ),
        ));
    }
    let timestamp = found.timestamp.unwrap_or("").trim();
    if variant.signs_timestamp() {
        if found.timestamp.is_none() {
            return Err(HooksealError::new(
                P,
                ErrorCode::MissingHeader,
                "the `TX-Numeral-Request-Timestamp` header is missing",
            )
            .with_hint("pass every header as received"));
        }
        let seconds = parse_unix_seconds(timestamp).ok_or_else(|| {
            HooksealError::new(
                P,
                ErrorCode::TimestampInvalid,
                format!("`TX-Numeral-Request-Timestamp` is `{timestamp}`, not a number of seconds since 1970"),
            )
        })?;
        window.check(P, seconds, now_ms)?;
    }
    let decoded = found.decoded();
    if decoded.iter().all(|(_, bytes)| bytes.is_none()) {
        return Err(HooksealError::new(
            P,
            ErrorCode::MalformedSignature,
            "no `TX-Numeral-Signature-<N>` header holds base64",
        ));
    }
    let message = variant.message(timestamp, body).unwrap_or_default();
    for (name, bytes) in &decoded {
        let Some(bytes) = bytes else { continue };
        if keys.iter().any(|k| k.verify(&message, bytes)) {
            return Ok(name.to_string());
        }
    }
    Err(HooksealError::new(
        P,
        ErrorCode::SignatureMismatch,
        format!(
            "no `TX-Numeral-Signature-<N>` verifies over the '{}' bytes with the {} trusted key(s)",
            variant.as_str(),
            keys.len()
        ),
    )
    .with_hint(
        "pass the raw body as received; Numeral does not publish which bytes this older scheme \
         signs: explain() tries 'timestamp.body', 'timestampbody' and 'body' and names the one \
         that matches (then set `legacy`)",
    ))
}
