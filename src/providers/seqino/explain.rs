//! `explain()`: what a person debugging a new Seqino integration needs to see.
//!
//! Because Seqino's scheme is not published, the diagnosis tries every plausible variant —
//! hex or base64, the secret's characters or its decoded bytes, with or without a prefix, the
//! raw body or the body with whitespace the framework may have added — and says which one
//! matches, so the user can set the options once and for all.

use serde::Serialize;

use crate::core::constant_time::ct_eq;
use crate::core::error::Provider;
use crate::core::headers::HeaderList;
use crate::core::hmac_key::{HmacKey, TAG_LEN};
use crate::core::json::js_output::to_js_json;
use crate::core::signature_encoding::{
    decode_base64, decode_hex, encode_hex, split_prefix, DecodeProblem,
};

use super::options::SeqinoKeyForm;
use super::verifier::{key_bytes, looks_reformatted, SeqinoVerifier};

/// One way of computing the signature.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoVariant {
    /// `hex` or `base64`.
    pub encoding: String,
    /// `utf8` or `hex`: how the secret became the key.
    pub key: String,
    /// The scheme prefix in front of the signature, if any (`sha256=`).
    pub prefix: Option<String>,
    /// Which bytes were signed: `raw body`, `trimmed body` or `compact body`.
    pub message: String,
    /// Which configured secret (0-based) matched.
    pub secret_index: u32,
}

/// The result of `explain()`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoDiagnosis {
    pub provider: String,
    /// Whether `verify` with the current options accepts the delivery.
    pub valid: bool,
    /// The error code `verify` gives, when it refuses.
    pub code: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The header the signature was read from.
    pub header: Option<String>,
    /// Every header name received (to spot a signature under an unexpected name).
    pub headers_received: Vec<String>,
    pub signature_received: Option<String>,
    /// What the signature decodes to, or why it does not.
    pub signature_decoding: String,
    /// The lowercase-hex HMAC of the raw body with each configured secret under the current
    /// key form: what a correct sender would have sent, in hex.
    pub expected_hex: Vec<String>,
    /// The variant that matches, if any does.
    pub matched: Option<SeqinoVariant>,
    /// The options to set for that variant, as JavaScript.
    pub suggested_options: Option<String>,
    /// Observations, most useful first.
    pub findings: Vec<String>,
}

impl SeqinoVerifier {
    /// Diagnoses a delivery. `signature` overrides the header lookup when given.
    pub fn explain(
        &self,
        body: &[u8],
        headers: &HeaderList,
        signature: Option<&str>,
        now_ms: i64,
    ) -> SeqinoDiagnosis {
        let found = match signature {
            Some(s) => Some((None, s.to_string())),
            None => self
                .find_signature(headers)
                .ok()
                .map(|(h, v)| (Some(h), v.to_string())),
        };
        let verdict = match &found {
            // The raw form: the same verdict without building the Rust structs.
            Some((_, sig)) => self.verify_signature_raw(body, sig, now_ms).map(|_| ()),
            None => self.find_signature(headers).map(|_| ()),
        };
        let mut findings = Vec::new();
        let (code, message, hint) = match &verdict {
            Ok(()) => (
                None,
                "the delivery verifies with the current options".to_string(),
                None,
            ),
            Err(e) => (
                Some(e.code.as_str().to_string()),
                e.message.clone(),
                e.hint.clone(),
            ),
        };
        let expected_hex: Vec<String> = self
            .keys()
            .iter()
            .map(|k| encode_hex(&k.tag(&[body])))
            .collect();

        let mut signature_decoding = "no signature".to_string();
        let mut matched = None;
        if let Some((_, sig)) = &found {
            let (prefix, text) = split_prefix(sig.trim());
            let text = text.trim();
            let decodings = candidate_decodings(text);
            signature_decoding = describe_decodings(text, &decodings);
            matched = self.find_matching_variant(body, prefix, &decodings);
        } else if !headers.is_empty() {
            findings.push("no signature header was found; if Seqino sends one of the headers listed above, pass its name as `header`".into());
        }

        if let Some(v) = &matched {
            if verdict.is_err() && code.as_deref() == Some("signature_mismatch") {
                findings.push(format!(
                    "the signature matches with encoding '{}', key '{}' over the {}: set these options",
                    v.encoding, v.key, v.message
                ));
            }
        } else if found.is_some() && verdict.is_err() {
            findings.push("no variant matches: the secret is wrong, or the body was changed before it reached the verifier".into());
        }
        if looks_reformatted(body) {
            findings.push("the body looks pretty-printed or re-serialized; a signature covers the exact bytes sent, so verify the raw body".into());
        }
        if body.last().is_some_and(|b| b.is_ascii_whitespace()) {
            findings.push("the body ends with whitespace; some frameworks add a newline".into());
        }
        let suggested_options = matched.as_ref().map(|v| {
            let mut opts = format!("{{ encoding: '{}', key: '{}'", v.encoding, v.key);
            if let Some(Some(h)) = found.as_ref().map(|(h, _)| h.clone()) {
                opts.push_str(&format!(", header: '{h}'"));
            }
            opts.push_str(" }");
            opts
        });

        SeqinoDiagnosis {
            provider: Provider::Seqino.as_str().into(),
            valid: verdict.is_ok(),
            code,
            message,
            hint,
            header: found.as_ref().and_then(|(h, _)| h.clone()),
            headers_received: headers
                .iter()
                .map(|(n, _)| n.to_ascii_lowercase())
                .collect(),
            signature_received: found.map(|(_, s)| s),
            signature_decoding,
            expected_hex,
            matched,
            suggested_options,
            findings,
        }
    }

    fn find_matching_variant(
        &self,
        body: &[u8],
        prefix: Option<&str>,
        decodings: &[(&'static str, Result<Vec<u8>, DecodeProblem>)],
    ) -> Option<SeqinoVariant> {
        let trimmed = body.trim_ascii();
        let compact = to_js_json(Provider::Seqino, body).ok();
        let messages: [(&str, Option<&[u8]>); 3] = [
            ("raw body", Some(body)),
            (
                "trimmed body",
                (trimmed.len() != body.len()).then_some(trimmed),
            ),
            (
                "compact body",
                compact.as_deref().map(str::as_bytes).filter(|c| *c != body),
            ),
        ];
        for (index, secret) in self.options.secrets.iter().enumerate() {
            for form in [SeqinoKeyForm::Utf8, SeqinoKeyForm::Hex] {
                let Ok(key) = key_bytes(secret, form) else {
                    continue;
                };
                let key = HmacKey::new(&key);
                for (label, message) in messages {
                    let Some(message) = message else { continue };
                    let tag = key.tag(&[message]);
                    for (encoding, decoded) in decodings {
                        if decoded
                            .as_ref()
                            .is_ok_and(|d| d.len() == TAG_LEN && ct_eq(d, &tag))
                        {
                            return Some(SeqinoVariant {
                                encoding: (*encoding).into(),
                                key: form.as_str().into(),
                                prefix: prefix.map(str::to_string),
                                message: label.into(),
                                secret_index: u32::try_from(index).unwrap_or(u32::MAX),
                            });
                        }
                    }
                }
            }
        }
        None
    }
}

fn candidate_decodings(text: &str) -> Vec<(&'static str, Result<Vec<u8>, DecodeProblem>)> {
    vec![("hex", decode_hex(text)), ("base64", decode_base64(text))]
}

fn describe_decodings(
    text: &str,
    decodings: &[(&'static str, Result<Vec<u8>, DecodeProblem>)],
) -> String {
    if text.is_empty() {
        return "the signature is empty".into();
    }
    let parts: Vec<String> = decodings
        .iter()
        .map(|(name, d)| match d {
            Ok(bytes) if bytes.len() == TAG_LEN => {
                format!("as {name}: 32 bytes, the size of an HMAC-SHA256")
            }
            Ok(bytes) => format!(
                "as {name}: {} bytes, not the 32 of an HMAC-SHA256",
                bytes.len()
            ),
            Err(_) => format!("not {name}"),
        })
        .collect();
    format!("{} characters; {}", text.len(), parts.join("; "))
}
