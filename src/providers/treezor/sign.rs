//! `signTreezor`: a body exactly as Treezor would send it, for users' own tests.
//!
//! Two inputs are accepted:
//! - an envelope (an object with `object_payload`, flat or wrapped in `webhook`): it is
//!   returned as PHP's `json_encode` writes it (compact, `\/`, `\uXXXX`), with
//!   `object_payload_signature` set — replaced where it was, or added right after
//!   `object_payload`. Every other member is kept, in order.
//! - anything else is taken as the bare `object_payload` and put in a minimal flat envelope:
//!   `{"webhook":"hookseal.test","object_payload":…,"object_payload_signature":"…"}`.
//!   `hookseal.test` is not a Treezor event, so it verifies as an untyped event; pass an
//!   envelope to choose the event name, ids and `webhook_created_at`.
//!
//! The signature is `base64(HMAC-SHA256(secret, json_encode($object_payload)))`, the
//! canonical string coming from the same writer the verifier uses, checked against PHP 8.2
//! by `tests/php_oracle.rs`.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::hmac_key::HmacKey;
use crate::core::json::members::Members;
use crate::core::php_json::{encode_string_php, to_canonical_string};
use crate::core::secret::check_secret_text;
use crate::core::signature_encoding::encode_base64;

const P: Provider = Provider::Treezor;

/// The event name given to a bare payload.
pub const BARE_PAYLOAD_EVENT: &str = "hookseal.test";

/// Signs `input` (an envelope, or a bare `object_payload`) with `secret`; see the module docs.
pub fn sign(input: &[u8], secret: &str) -> Result<String> {
    check_secret_text(P, "secret", secret)?;
    let text = std::str::from_utf8(input).map_err(|e| {
        HooksealError::new(
            P,
            ErrorCode::InvalidJson,
            format!("the payload is not valid UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    let key = HmacKey::new(secret.as_bytes());
    let top = Members::parse_str(P, "the payload", text).ok();
    if let Some(top) = top.filter(|m| m.get("object_payload").is_some() || wrapped(m).is_some()) {
        return sign_envelope(&top, &key);
    }
    let canonical = to_canonical_string(P, input)?;
    let mut out = String::from("{");
    push_member(&mut out, "webhook", &php_string(BARE_PAYLOAD_EVENT));
    out.push(',');
    push_member(&mut out, "object_payload", &canonical);
    out.push(',');
    push_member(
        &mut out,
        "object_payload_signature",
        &signature_of(&canonical, &key),
    );
    out.push('}');
    Ok(out)
}

/// The inner envelope of a wrapped body, if `top` is one.
fn wrapped<'a>(top: &Members<'a>) -> Option<Members<'a>> {
    let inner = top.get("webhook")?;
    Members::parse_str(P, "the wrapped envelope", inner.get())
        .ok()
        .filter(|m| m.get("object_payload").is_some())
}

fn sign_envelope(top: &Members<'_>, key: &HmacKey) -> Result<String> {
    refuse_duplicates(top)?;
    if top.get("object_payload").is_some() {
        return flat_envelope(top, key);
    }
    let mut out = String::from("{");
    for (i, m) in top.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = match wrapped(top).filter(|_| m.key == "webhook") {
            Some(inner) => {
                refuse_duplicates(&inner)?;
                flat_envelope(&inner, key)?
            }
            None => to_canonical_string(P, m.value.get().as_bytes())?,
        };
        push_member(&mut out, &m.key, &value);
    }
    out.push('}');
    Ok(out)
}

/// A flat envelope with its signature set, PHP-encoded.
fn flat_envelope(members: &Members<'_>, key: &HmacKey) -> Result<String> {
    let Some(payload) = members.get("object_payload") else {
        return Err(HooksealError::new(
            P,
            ErrorCode::SchemaMismatch,
            "the envelope has no object_payload",
        ));
    };
    let canonical = to_canonical_string(P, payload.get().as_bytes())?;
    let signature = signature_of(&canonical, key);
    let has_signature = members.get("object_payload_signature").is_some();
    let mut out = String::from("{");
    let mut first = true;
    let mut push = |out: &mut String, k: &str, v: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        push_member(out, k, v);
    };
    for m in &members.0 {
        match &*m.key {
            "object_payload_signature" => push(&mut out, &m.key, &signature),
            "object_payload" => {
                push(&mut out, &m.key, &canonical);
                if !has_signature {
                    push(&mut out, "object_payload_signature", &signature);
                }
            }
            _ => push(
                &mut out,
                &m.key,
                &to_canonical_string(P, m.value.get().as_bytes())?,
            ),
        }
    }
    out.push('}');
    Ok(out)
}

fn refuse_duplicates(members: &Members<'_>) -> Result<()> {
    match members.duplicated_keys().first() {
        None => Ok(()),
        Some(k) => Err(HooksealError::new(
            P,
            ErrorCode::DuplicateKey,
            format!("the member \"{k}\" appears more than once"),
        )),
    }
}

/// The base64 signature, as a PHP-encoded JSON string (`/` written `\/`).
fn signature_of(canonical: &str, key: &HmacKey) -> String {
    php_string(&encode_base64(&key.tag(&[canonical.as_bytes()])))
}

fn php_string(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    encode_string_php(s, &mut out);
    // encode_string_php writes ASCII only.
    String::from_utf8(out).unwrap_or_default()
}

fn push_member(out: &mut String, key: &str, value_json: &str) {
    out.push_str(&php_string(key));
    out.push(':');
    out.push_str(value_json);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PROVIDERS.md's vector (PHP 8.2).
    const VECTOR_PAYLOAD: &str = r#"{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}"#;
    const VECTOR_SIGNATURE: &str = r#""6JjZD\/GchUarjsTEPh4v0feKYs5NFxZM4AVsItDkq2g=""#;

    #[test]
    fn a_bare_payload_gets_a_minimal_flat_envelope() {
        let body = sign(VECTOR_PAYLOAD.as_bytes(), "test_secret").unwrap();
        assert_eq!(
            body,
            format!(
                r#"{{"webhook":"hookseal.test","object_payload":{{"payins":[{{"payinId":"8513424","userFirstname":"\u00c9lodie","DbtrIBAN":"FR76\/1","emoji":"\ud83d\ude00","amount":"17.01"}}]}},"object_payload_signature":{VECTOR_SIGNATURE}}}"#
            )
        );
    }

    #[test]
    fn an_envelope_keeps_its_members_and_gets_the_signature_in_place() {
        let flat = format!(
            r#"{{ "webhook": "payin.create", "object_payload_signature": "old", "object_payload": {VECTOR_PAYLOAD}, "webhook_id": 1 }}"#
        );
        let body = sign(flat.as_bytes(), "test_secret").unwrap();
        assert!(body.starts_with(&format!(
            r#"{{"webhook":"payin.create","object_payload_signature":{VECTOR_SIGNATURE},"object_payload":{{"payins""#
        )));
        assert!(body.ends_with(r#""webhook_id":1}"#));

        let wrapped = format!(
            r#"{{"messageId":"m/1","webhook":{{"webhook":"payin.create","object_payload":{VECTOR_PAYLOAD}}},"clientId":"1"}}"#
        );
        let body = sign(wrapped.as_bytes(), "test_secret").unwrap();
        assert!(body.starts_with(
            r#"{"messageId":"m\/1","webhook":{"webhook":"payin.create","object_payload":{"#
        ));
        assert!(body.ends_with(&format!(
            r#"]}},"object_payload_signature":{VECTOR_SIGNATURE}}},"clientId":"1"}}"#
        )));
    }

    #[test]
    fn refusals() {
        assert_eq!(sign(b"{", "s").unwrap_err().code, ErrorCode::InvalidJson);
        assert_eq!(sign(b"\xff", "s").unwrap_err().code, ErrorCode::InvalidJson);
        assert_eq!(
            sign(b"{}", " s").unwrap_err().code,
            ErrorCode::InvalidSecret
        );
        assert_eq!(
            sign(br#"{"object_payload":{},"object_payload":{}}"#, "s")
                .unwrap_err()
                .code,
            ErrorCode::DuplicateKey
        );
        assert!(sign(b"[1]", "s")
            .unwrap()
            .contains(r#""object_payload":[1]"#));
    }
}
