//! The JSON text handed to `JSON.parse` in JavaScript: the envelope as received, plus the
//! fields hookseal adds.
//!
//! Every wire member is copied from the raw body through `to_js_json` (whitespace dropped,
//! integers beyond 2^53 turned into strings, everything else byte for byte), so the object
//! mirrors the wire even for members no type here describes. A wrapped body is flattened:
//! the inner envelope's members, then the wrapper's (`messageId`, `webhookId`, `clientId`),
//! without the `webhook` object itself. Then come, in this order: `envelope`,
//! `payload_typed`, `created_at_ms`, `created_at_iso`, `verified`, `unverified`, `notes`.

use crate::core::error::{Provider, Result};
use crate::core::json::js_output::write_js_json_str;
use crate::core::json::writer::push_json_string;

use super::envelope::RawEnvelope;
use super::events::{TreezorEnvelope, TreezorEnvelopeShape};

const P: Provider = Provider::Treezor;

/// Names hookseal adds to the object; a wire member with one of these names is left out of
/// the object (with a note) rather than silently overwritten.
pub(super) const ADDED_FIELDS: [&str; 7] = [
    "envelope",
    "payload_typed",
    "created_at_ms",
    "created_at_iso",
    "verified",
    "unverified",
    "notes",
];

/// Writes the JavaScript object's JSON text for a verified delivery found in `envelope`,
/// whose envelope fields are `meta` and whose payload is typed or not.
pub(super) fn js_json(
    envelope: &RawEnvelope<'_>,
    meta: &TreezorEnvelope,
    payload_typed: bool,
) -> Result<String> {
    let capacity = envelope
        .members()
        .map(|(_, v)| v.get().len() + 32)
        .sum::<usize>()
        + 256;
    let mut out = String::with_capacity(capacity);
    out.push('{');
    for (key, value) in envelope.members() {
        if ADDED_FIELDS.contains(&key) {
            continue;
        }
        push_json_string(&mut out, key);
        out.push(':');
        write_js_json_str(P, value.get(), &mut out)?;
        out.push(',');
    }
    push_added(&mut out, meta, payload_typed)?;
    Ok(out)
}

/// Whether the body's own JSON is the object's but for the added members: a flat envelope
/// none of whose members has an added member's name. (A wrapped one is flattened, and a
/// member named like an added one is left out.)
pub(super) fn body_is_the_object(envelope: &RawEnvelope<'_>) -> bool {
    envelope.shape == TreezorEnvelopeShape::Flat
        && envelope
            .members()
            .all(|(key, _)| !ADDED_FIELDS.contains(&key))
}

/// The added members alone, as a JSON object: the caller adds them to the body's own
/// object when [`body_is_the_object`] (same members, same order as [`js_json`]).
pub(super) fn added_json(meta: &TreezorEnvelope, payload_typed: bool) -> Result<String> {
    let mut out = String::with_capacity(256);
    out.push('{');
    push_added(&mut out, meta, payload_typed)?;
    Ok(out)
}

/// The added members, in their order, then the closing brace.
fn push_added(out: &mut String, meta: &TreezorEnvelope, payload_typed: bool) -> Result<()> {
    // Written directly, not through serde's Serializer: a few strings, a boolean, an integer
    // and three string lists, on every call (measured: a third of the fixed cost of a small
    // delivery's `verify` went to the generic path).
    out.push_str("\"envelope\":");
    push_json_string(out, meta.shape.as_str());
    out.push_str(",\"payload_typed\":");
    out.push_str(if payload_typed { "true" } else { "false" });
    out.push_str(",\"created_at_ms\":");
    match meta.created_at_ms {
        Some(ms) => push_integer(out, ms),
        None => out.push_str("null"),
    }
    out.push_str(",\"created_at_iso\":");
    match &meta.created_at_iso {
        Some(iso) => push_json_string(out, iso),
        None => out.push_str("null"),
    }
    out.push_str(",\"verified\":");
    push_strings(out, &meta.verified);
    out.push_str(",\"unverified\":");
    push_strings(out, &meta.unverified);
    out.push_str(",\"notes\":");
    push_strings(out, &meta.notes);
    out.push('}');
    Ok(())
}

fn push_strings(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, item);
    }
    out.push(']');
}

/// An integer in JSON (as serde_json writes an `i64`).
fn push_integer(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    // ASCII digits only: the conversion cannot fail.
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_as_serde_json_writes_them() {
        for n in [
            0,
            7,
            -7,
            10,
            1_763_784_000_000,
            -1_763_784_000_000,
            i64::MAX,
            i64::MIN,
        ] {
            let mut out = String::new();
            push_integer(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
    }

    #[test]
    fn added_members_are_the_serde_json_of_the_envelope_fields() {
        let empty = TreezorEnvelope {
            shape: TreezorEnvelopeShape::Flat,
            webhook_id: None,
            object: None,
            object_id: None,
            object_payload_signature: String::new(),
            webhook_created_at: None,
            message_id: None,
            outer_webhook_id: None,
            client_id: None,
            created_at_ms: None,
            created_at_iso: None,
            verified: Vec::new(),
            unverified: Vec::new(),
            notes: Vec::new(),
        };
        let meta = TreezorEnvelope {
            shape: TreezorEnvelopeShape::Wrapped,
            created_at_ms: Some(-1_763_784_000_000),
            created_at_iso: Some("2025-11-22T04:00:00.000Z".into()),
            verified: vec!["object_payload".into()],
            unverified: vec!["webhook".into(), "we\"ird\u{1}/".into()],
            notes: vec!["a note \u{e9}\u{2028}".into()],
            ..empty.clone()
        };
        let ours = added_json(&meta, true).unwrap();
        let expected = serde_json::json!({
            "envelope": meta.shape.as_str(),
            "payload_typed": true,
            "created_at_ms": meta.created_at_ms,
            "created_at_iso": meta.created_at_iso,
            "verified": meta.verified,
            "unverified": meta.unverified,
            "notes": meta.notes,
        });
        let ours: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours, expected);
        let untyped = added_json(&empty, false).unwrap();
        assert!(
            untyped.contains("\"created_at_ms\":null,\"created_at_iso\":null"),
            "{untyped}"
        );
    }
}
