//! `explain()`: what a person debugging a Treezor integration needs to see.
//!
//! Treezor's scheme is documented, but almost every hand-made verifier gets the canonical
//! string wrong. So the diagnosis shows the string PHP signs, the signature each configured
//! secret gives, whether a `JSON.stringify`-style canonical form would differ (and at which
//! byte: that is where a hand-made verifier breaks), integers JavaScript would round,
//! duplicated members, and which envelope shape was recognised. It never throws.

use serde::Serialize;

use crate::core::body_limit::check_body_size;
use crate::core::constant_time::ct_eq;
use crate::core::error::Provider;
use crate::core::json::members::Members;
use crate::core::php_json::to_canonical_string;
use crate::core::signature_encoding::encode_base64;
use crate::core::text::join;

use super::created_at::normalise;
use super::envelope::all_duplicates;
use super::events::TreezorEnvelopeShape;
use super::naive::{first_difference, naive_from_canonical, unsafe_integers};
use super::verifier::{received_signature, TreezorVerifier};

const P: Provider = Provider::Treezor;

/// The result of `explain()`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorDiagnosis {
    pub provider: String,
    /// Whether `verify` accepts the delivery.
    pub valid: bool,
    /// The error code `verify` gives, when it refuses.
    pub code: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The envelope shape recognised: `flat`, `wrapped`, or null when the body is not an
    /// object.
    #[cfg_attr(feature = "ts", ts(type = "\"flat\" | \"wrapped\" | null"))]
    pub envelope: Option<String>,
    /// The event name (`webhook`), if there is one.
    pub event_name: Option<String>,
    /// Whether `object_payload` matched its event's documented shape (null when not valid).
    pub payload_typed: Option<bool>,
    /// Members that appear twice (`webhook.x` = inside the wrapper; `x and webhook.x` =
    /// at both levels).
    pub duplicates: Vec<String>,
    /// `object_payload_signature` as received (JSON-decoded).
    pub signature_received: Option<String>,
    /// What the received signature decodes to, or why it does not.
    pub signature_decoding: String,
    /// The exact string Treezor signs: PHP's `json_encode` of `object_payload`.
    pub canonical: Option<String>,
    /// Why `object_payload` has no canonical form (invalid JSON, lone surrogate, …).
    pub canonical_error: Option<String>,
    /// The signature each configured secret gives for `canonical`, in base64: what a correct
    /// sender would have sent. Secret-derived: log it, never send it back to the sender.
    pub expected_signatures: Vec<String>,
    /// Which configured secret (0-based) the received signature matches.
    pub matched_secret_index: Option<u32>,
    /// Whether a `JSON.stringify`-style canonical form (no `\/`, raw non-ASCII) would differ
    /// from PHP's.
    pub naive_differs: bool,
    /// The first byte offset in `canonical` where it would differ.
    pub naive_first_difference: Option<u32>,
    /// What differs there, e.g. `PHP writes "\/" where JSON.stringify writes "/"`.
    pub naive_difference: Option<String>,
    /// Whether the received signature matches that naive form (a sender signing the
    /// JavaScript way).
    pub naive_signature_matches: bool,
    /// Integers in `object_payload` beyond 2^53, which `JSON.parse` would round.
    pub unsafe_integers: Vec<String>,
    /// `webhook_created_at` as received (JSON text).
    pub webhook_created_at: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub created_at_ms: Option<i64>,
    pub created_at_iso: Option<String>,
    /// How `webhook_created_at` was read (`10^-4 s`, `microseconds`, …).
    pub created_at_unit: Option<String>,
    /// The notes `verify` attaches to the result (leniency), when valid.
    pub notes: Vec<String>,
    /// Observations, most useful first.
    pub findings: Vec<String>,
}

impl TreezorVerifier {
    /// Diagnoses a delivery without throwing.
    ///
    /// For the person integrating, never for the sender: the diagnosis holds the signature
    /// each configured secret gives for the payload received, so returning it in an HTTP
    /// response would let anyone sign payloads of their choosing.
    pub fn explain(&self, body: &[u8]) -> TreezorDiagnosis {
        // The same verdict as `verify`, and what its result says, without building it.
        let verdict = self.read(body).map(|(_, reading)| reading);
        let mut d = TreezorDiagnosis {
            provider: P.as_str().into(),
            valid: verdict.is_ok(),
            code: verdict.as_ref().err().map(|e| e.code.as_str().to_string()),
            message: match &verdict {
                Ok(_) => "the delivery verifies".into(),
                Err(e) => e.message.clone(),
            },
            hint: verdict.as_ref().err().and_then(|e| e.hint.clone()),
            envelope: None,
            event_name: verdict.as_ref().ok().map(|r| r.webhook.to_string()),
            payload_typed: verdict.as_ref().ok().map(|r| r.payload_typed),
            duplicates: Vec::new(),
            signature_received: None,
            signature_decoding: "no signature".into(),
            canonical: None,
            canonical_error: None,
            expected_signatures: Vec::new(),
            matched_secret_index: None,
            naive_differs: false,
            naive_first_difference: None,
            naive_difference: None,
            naive_signature_matches: false,
            unsafe_integers: Vec::new(),
            webhook_created_at: None,
            created_at_ms: None,
            created_at_iso: None,
            created_at_unit: None,
            notes: verdict.map(|r| r.notes).unwrap_or_default(),
            findings: Vec::new(),
        };
        if check_body_size(P, body.len(), self.max_body_bytes()).is_ok() {
            self.inspect(body, &mut d);
        }
        d
    }

    /// Fills in everything that can be read from the body, leniently: first occurrences of
    /// duplicated members, no early exit.
    fn inspect(&self, body: &[u8], d: &mut TreezorDiagnosis) {
        let Ok(top) = Members::parse(P, "the body", body) else {
            d.findings.push(
                "the body is not a JSON object; pass the raw body exactly as received".into(),
            );
            return;
        };
        d.duplicates = all_duplicates(body);
        let inner = top
            .get("webhook")
            .filter(|v| v.get().starts_with('{'))
            .and_then(|v| Members::parse_str(P, "the wrapped envelope", v.get()).ok());
        let (shape, flat) = match &inner {
            Some(inner) => (TreezorEnvelopeShape::Wrapped, inner),
            None => (TreezorEnvelopeShape::Flat, &top),
        };
        d.envelope = Some(shape.as_str().into());
        d.findings.push(match shape {
            TreezorEnvelopeShape::Flat => "flat envelope: only object_payload is signed; webhook, webhook_id, object, object_id and webhook_created_at are not".into(),
            TreezorEnvelopeShape::Wrapped => "wrapped envelope {messageId, webhookId, webhook: {…}, clientId}: only webhook.object_payload is signed".into(),
        });
        if !d.duplicates.is_empty() {
            d.findings.push(format!(
                "duplicated members ({}): refused, since one copy could be verified and another used",
                join(&d.duplicates, ", ")
            ));
        }
        if d.event_name.is_none() {
            d.event_name = flat.get("webhook").and_then(|v| v.as_string());
        }
        let created_raw = flat
            .get("webhook_created_at")
            .or_else(|| top.get("webhook_created_at"));
        if let Some(raw) = created_raw {
            let c = normalise(raw);
            d.webhook_created_at = Some(raw.get().to_string());
            d.created_at_ms = c.ms;
            d.created_at_iso = c.iso();
            d.created_at_unit = c.unit;
        }

        let received = flat.get("object_payload_signature");
        d.signature_received = received.and_then(|r| r.as_string());
        let decoded = received.map(|r| received_signature(Some(r)));
        d.signature_decoding = match &decoded {
            None => "no object_payload_signature".into(),
            Some(Ok(_)) => "base64 of 32 bytes, the size of an HMAC-SHA256".into(),
            Some(Err(e)) => e.message.clone(),
        };
        let received = decoded.and_then(Result::ok);

        let Some(payload) = flat.get("object_payload") else {
            d.findings
                .push("no object_payload: nothing signed to verify".into());
            return;
        };
        let canonical = match to_canonical_string(P, payload.get().as_bytes()) {
            Ok(c) => c,
            Err(e) => {
                d.canonical_error = Some(e.message);
                return;
            }
        };
        let tags: Vec<_> = self
            .keys()
            .iter()
            .map(|k| k.tag(&[canonical.as_bytes()]))
            .collect();
        d.expected_signatures = tags.iter().map(|t| encode_base64(t)).collect();
        if let Some(received) = &received {
            d.matched_secret_index = tags
                .iter()
                .position(|t| ct_eq(t, received))
                .and_then(|i| u32::try_from(i).ok());
        }
        self.compare_with_naive(&canonical, received.as_ref(), d);
        d.unsafe_integers = unsafe_integers(&canonical);
        if !d.unsafe_integers.is_empty() {
            d.findings.push(format!(
                "object_payload holds integers beyond 2^53 ({}): JSON.parse rounds them, so a canonical form rebuilt from a parsed body cannot match; hookseal reads the raw bytes, and hands them to JavaScript as strings",
                join(&d.unsafe_integers, ", ")
            ));
        }
        d.canonical = Some(canonical);
        if let (Some(i), false) = (d.matched_secret_index, d.valid) {
            d.findings.push(format!(
                "the signature matches secret #{i}, but verify refuses the delivery for another reason (see code)"
            ));
        }
    }

    fn compare_with_naive(
        &self,
        canonical: &str,
        received: Option<&[u8; 32]>,
        d: &mut TreezorDiagnosis,
    ) {
        let Some((offset, what)) = first_difference(canonical) else {
            d.findings.push("a JSON.stringify-style canonical form would be identical to PHP's for this payload (no '/' and no non-ASCII character)".into());
            return;
        };
        let naive = naive_from_canonical(canonical);
        d.naive_differs = true;
        d.naive_first_difference = u32::try_from(offset).ok();
        d.naive_signature_matches = received.is_some_and(|r| {
            self.keys()
                .iter()
                .any(|k| ct_eq(&k.tag(&[naive.as_bytes()]), r))
        });
        d.findings.push(if d.naive_signature_matches {
            format!("the signature matches a JSON.stringify-style canonical form, not PHP's: the sender does not sign the way Treezor does (first difference at byte {offset}: {what})")
        } else {
            format!("a JSON.stringify-style canonical form would differ from PHP's at byte {offset}: {what}; a hand-made verifier breaks there")
        });
        d.naive_difference = Some(what);
    }
}
