//! The JSON text handed to `JSON.parse` in JavaScript: the envelope as received, plus the
//! fields hookseal adds.
//!
//! Every wire member is copied from the raw body through `to_js_json` (whitespace dropped,
//! integers beyond 2^53 turned into strings, everything else byte for byte), so the object
//! mirrors the wire even for members no type here describes. A wrapped body is flattened:
//! the inner envelope's members, then the wrapper's (`messageId`, `webhookId`, `clientId`),
//! without the `webhook` object itself. Then come, in this order: `envelope`,
//! `payload_typed`, `created_at_ms`, `created_at_iso`, `verified`, `unverified`, `notes`.

use serde::Serialize;

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::js_output::write_js_json_str;

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
        push_json(&mut out, &key)?;
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

/// The added members alone, as a JSON object: the caller assigns them to the body's own
/// object when [`body_is_the_object`] (same members, same order as [`js_json`]).
pub(super) fn added_json(meta: &TreezorEnvelope, payload_typed: bool) -> Result<String> {
    let mut out = String::with_capacity(256);
    out.push('{');
    push_added(&mut out, meta, payload_typed)?;
    Ok(out)
}

/// The added members, in their order, then the closing brace.
fn push_added(out: &mut String, meta: &TreezorEnvelope, payload_typed: bool) -> Result<()> {
    push_member(out, "envelope", &meta.shape.as_str())?;
    push_member(out, "payload_typed", &payload_typed)?;
    push_member(out, "created_at_ms", &meta.created_at_ms)?;
    push_member(out, "created_at_iso", &meta.created_at_iso)?;
    push_member(out, "verified", &meta.verified)?;
    push_member(out, "unverified", &meta.unverified)?;
    push_json(out, &"notes")?;
    out.push(':');
    push_json(out, &meta.notes)?;
    out.push('}');
    Ok(())
}

fn push_member<T: Serialize + ?Sized>(out: &mut String, key: &str, value: &T) -> Result<()> {
    push_json(out, key)?;
    out.push(':');
    push_json(out, value)?;
    out.push(',');
    Ok(())
}

fn push_json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<()> {
    let text = crate::core::json::writer::to_json_string(value).map_err(|e| {
        HooksealError::new(
            P,
            ErrorCode::InvalidJson,
            format!("could not write the result: {e}"),
        )
    })?;
    out.push_str(&text);
    Ok(())
}
