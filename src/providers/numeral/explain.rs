//! `explain()`: what a person debugging a Numeral integration needs to see — the signature
//! base rebuilt for each label, which trusted key verifies it, whether the body matches the
//! signed `Content-Digest`, the signature's age, what part of the request was not passed, and
//! for the older scheme, which of the candidate signed-bytes variants matches.

use serde::Serialize;

use crate::core::error::Provider;
use crate::core::headers::HeaderList;
use crate::core::http_signatures::structured_fields::{parse_dictionary, BareItem, Member};
use crate::core::http_signatures::target_uri::TargetUri;
use crate::core::http_signatures::{
    check_content_digest, content_digest_value, DigestAlgorithm, RequestContext,
};
use crate::core::time_window::{drift_seconds, parse_unix_seconds};

use super::legacy::LegacyHeaders;
use super::options::NumeralLegacyMessage;
use super::verifier::{has_http_signatures, NumeralRequest, NumeralVerifier};

/// One `Signature-Input` label and what became of it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralSignatureDiagnosis {
    pub label: String,
    pub keyid: Option<String>,
    pub alg: Option<String>,
    /// Seconds since the epoch.
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub created: Option<i64>,
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub expires: Option<i64>,
    /// Now minus `created`, in seconds (negative: created in the future).
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub age_seconds: Option<i64>,
    pub covered: Vec<String>,
    /// The exact bytes that were checked, as rebuilt from the request passed.
    pub signature_base: Option<String>,
    /// The trusted keys this signature was checked against.
    pub keys_tried: Vec<String>,
    /// The key that verifies the rebuilt base, if any.
    pub matched_key: Option<String>,
    pub valid: bool,
    pub code: Option<String>,
    pub message: String,
}

/// One candidate of the older scheme's signed bytes.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralLegacyCandidate {
    /// The `legacy` option value for this candidate.
    pub legacy: String,
    /// The `TX-Numeral-Signature-<N>` header that verifies over these bytes, if any.
    pub matched_header: Option<String>,
    pub matched_key: Option<String>,
}

/// The older scheme, when the delivery uses it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralLegacyDiagnosis {
    pub signature_headers: Vec<String>,
    pub timestamp: Option<String>,
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub age_seconds: Option<i64>,
    /// The `legacy` option in force.
    pub configured: String,
    pub candidates: Vec<NumeralLegacyCandidate>,
    /// The candidate that matches, if any.
    pub matched: Option<String>,
    pub suggested_options: Option<String>,
}

/// The result of `explain()`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralDiagnosis {
    pub provider: String,
    /// Whether `verify` with the current options accepts the delivery's signature.
    pub valid: bool,
    pub code: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// `http_message_signatures`, `legacy`, or null when no signature header was found.
    pub scheme: Option<String>,
    pub method: Option<String>,
    pub url: Option<String>,
    /// `method` and/or `url` when the current scheme needs them and they were not passed.
    pub missing: Vec<String>,
    /// Now, in seconds since the epoch, and the window `created` must fall in.
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub now: i64,
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub tolerance_seconds: u64,
    pub trusted_keys: Vec<String>,
    pub content_digest_received: Option<String>,
    /// `sha-256=:…:` of the body passed, to compare with the header.
    pub content_digest_of_body: String,
    pub content_digest_matches: Option<bool>,
    pub signatures: Vec<NumeralSignatureDiagnosis>,
    pub legacy: Option<NumeralLegacyDiagnosis>,
    /// Observations, most useful first.
    pub findings: Vec<String>,
}

impl NumeralVerifier {
    /// Diagnoses a delivery. Never fails: every problem is described in the result.
    pub fn explain(
        &self,
        body: &[u8],
        headers: &HeaderList,
        request: NumeralRequest<'_>,
        now_ms: i64,
    ) -> NumeralDiagnosis {
        let verdict = self.authenticate(body, headers, request, now_ms);
        let (code, message, hint) = match &verdict {
            Ok(_) => (None, "the delivery verifies".to_string(), None),
            Err(e) => (
                Some(e.code.as_str().to_string()),
                e.message.clone(),
                e.hint.clone(),
            ),
        };
        let mut findings = Vec::new();
        let legacy_found = LegacyHeaders::find(headers);
        let scheme = if has_http_signatures(headers) {
            Some("http_message_signatures")
        } else if !legacy_found.signatures.is_empty() {
            Some("legacy")
        } else {
            findings.push(
                "no signature header was found: Numeral sends `Signature-Input` and `Signature` (or, before, `TX-Numeral-Signature-1`)".into(),
            );
            None
        };
        let mut missing = Vec::new();
        if scheme == Some("http_message_signatures") {
            if request.method.is_none_or(str::is_empty) {
                missing.push("method".to_string());
            }
            if request.url.is_none_or(str::is_empty) {
                missing.push("url".to_string());
            }
            if !missing.is_empty() {
                findings.push(format!(
                    "{} not passed: Numeral signs the method and URL, pass them as the third argument (or use verifyRequest)",
                    crate::core::text::join(&missing, " and ")
                ));
            }
            if let Some(Err(e)) = request.url.filter(|u| !u.is_empty()).map(TargetUri::parse) {
                findings.push(format!("{}; {}", e.message, e.hint.unwrap_or_default()));
            }
        }
        let received_digest = headers.combined("content-digest");
        let digest_matches = received_digest
            .as_deref()
            .map(|v| check_content_digest(v, body).is_ok());
        if digest_matches == Some(false) {
            findings.push("the body differs from the one Numeral signed (its Content-Digest does not match): pass the raw body exactly as received, not a re-serialized JSON".into());
        }
        let signatures = if scheme == Some("http_message_signatures") {
            self.explain_labels(body, headers, request, now_ms)
        } else {
            Vec::new()
        };
        if verdict.is_err()
            && digest_matches == Some(true)
            && missing.is_empty()
            && signatures
                .iter()
                .any(|s| s.signature_base.is_some() && s.matched_key.is_none())
        {
            findings.push("the body matches, but no trusted key verifies the rebuilt base: either the URL or method differs from what Numeral signed (compare `@authority` and `@request-target` with the public URL Numeral posted to; proxies change host and path), or the signing key is not trusted".into());
        }
        let legacy = (scheme == Some("legacy"))
            .then(|| self.explain_legacy(&legacy_found, body, now_ms, &mut findings));
        NumeralDiagnosis {
            provider: Provider::Numeral.as_str().into(),
            valid: verdict.is_ok(),
            code,
            message,
            hint,
            scheme: scheme.map(str::to_string),
            method: request.method.map(str::to_string),
            url: request.url.map(str::to_string),
            missing,
            now: now_ms.div_euclid(1000),
            tolerance_seconds: self.options.tolerance_seconds,
            trusted_keys: self.key_names.clone(),
            content_digest_received: received_digest,
            content_digest_of_body: content_digest_value(DigestAlgorithm::Sha256, body),
            content_digest_matches: digest_matches,
            signatures,
            legacy,
            findings,
        }
    }

    fn explain_labels(
        &self,
        body: &[u8],
        headers: &HeaderList,
        request: NumeralRequest<'_>,
        now_ms: i64,
    ) -> Vec<NumeralSignatureDiagnosis> {
        let ctx = RequestContext::new(request.method, request.url, headers);
        let explanation = self.http.explain(&ctx, body, now_ms);
        let signature_dict = headers
            .combined("signature")
            .and_then(|v| parse_dictionary("Signature", &v).ok());
        // A loop rather than `map(..).collect()`: the adapter chain is its own code in the wasm.
        let mut diagnoses = Vec::with_capacity(explanation.signatures.len());
        for check in explanation.signatures {
            diagnoses.push({
                let bytes = signature_dict
                    .as_ref()
                    .and_then(|d| match d.get(&check.label) {
                        Some(entry) => match &entry.member {
                            Member::Item(item) => match &item.value {
                                BareItem::ByteSequence(b) => Some(b.clone()),
                                _ => None,
                            },
                            Member::InnerList(_) => None,
                        },
                        None => None,
                    });
                // Every key is tried on the rebuilt base, whatever keyid/alg say, so a
                // mislabelled but valid signature is still pointed out.
                let matched_key = match (&check.base, &bytes) {
                    (Some(base), Some(sig)) => self
                        .http
                        .keys()
                        .iter()
                        .zip(&self.key_names)
                        .find(|(k, _)| k.verify(base.as_bytes(), sig))
                        .map(|(_, name)| name.clone()),
                    _ => None,
                };
                let (valid, code, message) = match &check.outcome {
                    Ok(_) => (true, None, "verifies".to_string()),
                    Err(e) => (false, Some(e.code.as_str().to_string()), e.message.clone()),
                };
                NumeralSignatureDiagnosis {
                    label: check.label,
                    keyid: check.keyid,
                    alg: check.alg,
                    created: check.created,
                    expires: check.expires,
                    age_seconds: check.created.map(|c| drift_seconds(c, now_ms)),
                    covered: check.covered,
                    signature_base: check.base,
                    keys_tried: self.key_names.clone(),
                    matched_key,
                    valid,
                    code,
                    message,
                }
            });
        }
        diagnoses
    }

    fn explain_legacy(
        &self,
        found: &LegacyHeaders<'_>,
        body: &[u8],
        now_ms: i64,
        findings: &mut Vec<String>,
    ) -> NumeralLegacyDiagnosis {
        let timestamp = found.timestamp.map(|t| t.trim().to_string());
        let decoded = found.decoded();
        let ts = timestamp.as_deref().unwrap_or("");
        let mut candidates = Vec::with_capacity(NumeralLegacyMessage::CANDIDATES.len());
        for variant in NumeralLegacyMessage::CANDIDATES.iter() {
            candidates.push({
                let message = variant.message(ts, body).unwrap_or_default();
                let hit = decoded.iter().find_map(|(header, sig)| {
                    let sig = sig.as_ref()?;
                    self.http
                        .keys()
                        .iter()
                        .zip(&self.key_names)
                        .find(|(k, _)| k.verify(&message, sig))
                        .map(|(_, name)| (header.to_string(), name.clone()))
                });
                NumeralLegacyCandidate {
                    legacy: variant.as_str().into(),
                    matched_header: hit.as_ref().map(|(h, _)| h.clone()),
                    matched_key: hit.map(|(_, k)| k),
                }
            });
        }
        let matched = candidates
            .iter()
            .find(|c| c.matched_header.is_some())
            .map(|c| c.legacy.clone());
        let configured = self.options.legacy.as_str().to_string();
        match &matched {
            Some(m) if *m != configured => findings.push(format!(
                "the older scheme's signature verifies over the '{m}' bytes: set legacy: '{m}'"
            )),
            None => findings.push("no candidate of the older scheme verifies: the key is not trusted, the body was changed, or Numeral signs other bytes".into()),
            _ => {}
        }
        if decoded.iter().any(|(_, d)| d.is_none()) {
            findings.push("a `TX-Numeral-Signature-<N>` header is not base64".into());
        }
        let mut signature_headers = Vec::with_capacity(decoded.len());
        for (name, _) in &decoded {
            signature_headers.push(name.to_string());
        }
        NumeralLegacyDiagnosis {
            signature_headers,
            age_seconds: parse_unix_seconds(ts).map(|t| drift_seconds(t, now_ms)),
            timestamp,
            configured,
            suggested_options: matched.as_ref().map(|m| format!("{{ legacy: '{m}' }}")),
            candidates,
            matched,
        }
    }
}
