//! Verifying a Seqino delivery: HMAC-SHA256 over the raw body, then the typed event.

use crate::core::body_limit::check_body_size;
use crate::core::constant_time::ct_eq_any;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::hmac_key::{HmacKey, TAG_LEN};
use crate::core::secret::check_secret_list;
use crate::core::signature_encoding::{decode_digest, decode_hex, split_prefix};
use crate::core::time_window::{parse_rfc3339_ms, TimeWindow};
use crate::core::wire_shape::Skipped;

use super::event::{SeqinoEvent, SeqinoVerified};
use super::options::{SeqinoKeyForm, SeqinoOptions, DEFAULT_SIGNATURE_HEADERS};

const P: Provider = Provider::Seqino;

/// Verifies Seqino PDP deliveries. Build once, call for every delivery.
#[derive(Clone, Debug)]
pub struct SeqinoVerifier {
    pub(super) options: SeqinoOptions,
    /// One precomputed key per configured secret, in the configured key form.
    keys: Vec<HmacKey>,
}

impl SeqinoVerifier {
    pub fn new(options: SeqinoOptions) -> Result<Self> {
        check_secret_list(P, "secret", &options.secrets)?;
        let keys = options
            .secrets
            .iter()
            .map(|s| Ok(HmacKey::new(&key_bytes(s, options.key)?)))
            .collect::<Result<Vec<_>>>()?;
        if let Some(h) = &options.header {
            if h.trim().is_empty() {
                return Err(HooksealError::new(
                    P,
                    ErrorCode::InvalidInput,
                    "`header` is empty",
                ));
            }
        }
        Ok(SeqinoVerifier { options, keys })
    }

    pub fn options(&self) -> &SeqinoOptions {
        &self.options
    }

    /// Finds the signature in `headers`, then as [`Self::verify_signature`].
    pub fn verify(&self, body: &[u8], headers: &HeaderList, now_ms: i64) -> Result<SeqinoEvent> {
        self.verify_raw(body, headers, now_ms)?.into_typed()
    }

    /// `verify` without building the Rust structs of `data`: the same checks and verdicts,
    /// the event's members as text and `data` as received. `.into_typed()` gives what
    /// `verify` returns.
    pub fn verify_raw<'b>(
        &self,
        body: &'b [u8],
        headers: &HeaderList,
        now_ms: i64,
    ) -> Result<SeqinoVerified<'b>> {
        self.verify_raw_skipping(body, headers, now_ms, Skipped::Checked)
    }

    /// [`Self::verify_raw`] with what the event's shape does not describe checked as
    /// `skipped` says: with [`Skipped::LeftToParser`], an `Ok` holds only for a body a JSON
    /// parser then accepts (see [`SeqinoVerified::parse_skipping`]). Errors are the same.
    pub fn verify_raw_skipping<'b>(
        &self,
        body: &'b [u8],
        headers: &HeaderList,
        now_ms: i64,
        skipped: Skipped,
    ) -> Result<SeqinoVerified<'b>> {
        check_body_size(P, body.len(), self.options.max_body_bytes)?;
        let (_, signature) = self.find_signature(headers)?;
        self.verify_signature_raw_skipping(body, signature, now_ms, skipped)
    }

    /// Checks `signature` (as found in the header) against the raw `body`, then returns the
    /// typed event. The signature is checked before the body is parsed: nothing unverified is
    /// ever interpreted.
    pub fn verify_signature(
        &self,
        body: &[u8],
        signature: &str,
        now_ms: i64,
    ) -> Result<SeqinoEvent> {
        self.verify_signature_raw(body, signature, now_ms)?
            .into_typed()
    }

    /// `verify_signature` without building the Rust structs of `data` (see `verify_raw`).
    pub fn verify_signature_raw<'b>(
        &self,
        body: &'b [u8],
        signature: &str,
        now_ms: i64,
    ) -> Result<SeqinoVerified<'b>> {
        self.verify_signature_raw_skipping(body, signature, now_ms, Skipped::Checked)
    }

    /// [`Self::verify_signature_raw`] with skipped values checked as `skipped` says (see
    /// [`Self::verify_raw_skipping`]).
    pub fn verify_signature_raw_skipping<'b>(
        &self,
        body: &'b [u8],
        signature: &str,
        now_ms: i64,
        skipped: Skipped,
    ) -> Result<SeqinoVerified<'b>> {
        check_body_size(P, body.len(), self.options.max_body_bytes)?;
        let (_, text) = split_prefix(signature.trim());
        let received = decode_digest(text, self.options.encoding, TAG_LEN).map_err(|p| {
            HooksealError::new(P, ErrorCode::MalformedSignature, p.describe()).with_hint(format!(
                "expected a {} HMAC-SHA256 (optionally prefixed `sha256=`); explain() shows what was received",
                self.options.encoding.as_str()
            ))
        })?;
        let expected: Vec<[u8; TAG_LEN]> = self.keys.iter().map(|k| k.tag(&[body])).collect();
        if !ct_eq_any(&received, expected.iter().map(|t| t.as_slice())) {
            return Err(mismatch(body));
        }
        let event = SeqinoVerified::parse_skipping(body, skipped)?;
        let in_window = self.check_timestamp(&event, now_ms);
        if in_window.is_err() && skipped != Skipped::Checked {
            // The body's syntax is read before its timestamp: an error there wins.
            SeqinoVerified::parse(body)?;
        }
        in_window.map(|()| event)
    }

    /// The signed `timestamp` within `tolerance_seconds` of `now_ms`, when a tolerance is set.
    fn check_timestamp(&self, event: &SeqinoVerified<'_>, now_ms: i64) -> Result<()> {
        if let Some(tolerance) = self.options.tolerance_seconds {
            let ms = parse_rfc3339_ms(&event.timestamp).ok_or_else(|| {
                HooksealError::new(
                    P,
                    ErrorCode::TimestampInvalid,
                    format!(
                        "the signed `timestamp` \"{}\" is not an RFC 3339 date-time",
                        event.timestamp
                    ),
                )
            })?;
            TimeWindow::seconds(tolerance).check(P, ms.div_euclid(1000), now_ms)?;
        }
        Ok(())
    }

    /// The headers `verify` may read: the configured one, or the defaults. No other header
    /// changes its verdict, so a caller may pass only these (the wasm build copies only these
    /// of the request's headers into wasm memory).
    /// (An iterator, not a `Vec`: `find_signature` walks it on every delivery.)
    pub fn signature_header_names(&self) -> impl Iterator<Item = &str> + '_ {
        let defaults: &[&str] = match self.options.header {
            Some(_) => &[],
            None => &DEFAULT_SIGNATURE_HEADERS,
        };
        self.options
            .header
            .as_deref()
            .into_iter()
            .chain(defaults.iter().copied())
    }

    /// The configured header (or the first default one present) and its value. Looks only at
    /// [`Self::signature_header_names`], which the wasm build relies on.
    pub(super) fn find_signature<'h>(&self, headers: &'h HeaderList) -> Result<(String, &'h str)> {
        let found = self
            .signature_header_names()
            .find_map(|name| headers.first(name).map(|v| (name.to_ascii_lowercase(), v)));
        found.ok_or_else(|| match &self.options.header {
            Some(name) => HooksealError::new(P, ErrorCode::MissingHeader, format!("the `{name}` header is missing"))
                .with_hint("check the header name Seqino uses (explain() lists the headers received)"),
            None => HooksealError::new(
                P,
                ErrorCode::MissingHeader,
                format!("no signature header found (looked for {})", DEFAULT_SIGNATURE_HEADERS.join(", ")),
            )
            .with_hint("Seqino does not publish its header name: pass `header` with the one your deliveries carry"),
        })
    }

    pub(super) fn keys(&self) -> &[HmacKey] {
        &self.keys
    }
}

/// Turns a configured secret into key bytes for `form`.
pub(super) fn key_bytes(secret: &str, form: SeqinoKeyForm) -> Result<Vec<u8>> {
    match form {
        SeqinoKeyForm::Utf8 => Ok(secret.as_bytes().to_vec()),
        SeqinoKeyForm::Hex => decode_hex(secret).map_err(|_| {
            HooksealError::new(
                P,
                ErrorCode::InvalidSecret,
                "with key: 'hex' the secret must be hexadecimal",
            )
            .with_hint("Seqino secrets are 64 hex characters; use key: 'utf8' for any other secret")
        }),
    }
}

fn mismatch(body: &[u8]) -> HooksealError {
    let err = HooksealError::new(
        P,
        ErrorCode::SignatureMismatch,
        "the signature does not match the body with any configured secret",
    );
    if looks_reformatted(body) {
        err.with_hint("the body looks pretty-printed or re-serialized: verify the raw bytes as received, not JSON.stringify(req.body)")
    } else {
        err.with_hint("check the secret, and pass the raw body as received; explain() tries every encoding and key form")
    }
}

/// A body indented or spaced the way `JSON.stringify(x, null, 2)` or a framework writes it.
///
/// Every refused delivery asks this for its hint, forged ones included, so it must cost far
/// less than the HMAC that refused it. The compact bodies senders send have no line break,
/// which `contains` (a word-at-a-time byte search) tells at ~0.1 ns a byte; only then are the
/// three-byte windows read (~0.8 ns a byte: refusing a 64 KB or 1 MB body took 1.12-1.13x as
/// long when every body was read that way).
pub(super) fn looks_reformatted(body: &[u8]) -> bool {
    body.first().is_some_and(|b| b.is_ascii_whitespace())
        || (body.contains(&b'\n') && body.windows(3).any(|w| w == b"\n  "))
}
