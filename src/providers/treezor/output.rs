//! The JSON text handed to `JSON.parse` in JavaScript: the envelope as received, plus the
//! fields hookseal adds.
//!
//! Every wire member is copied from the raw body through `to_js_json` (whitespace dropped,
//! integers beyond 2^53 turned into strings, everything else byte for byte), so the object
//! mirrors the wire even for members no type here describes. A wrapped body is flattened:
//! the inner envelope's members, then the wrapper's (`messageId`, `webhookId`, `clientId`),
//! without the `webhook` object itself. Then come, in this order: `envelope`,
//! `payload_typed`, `created_at_ms`, `created_at_iso`, `verified`, `unverified`, `notes`.
//! When the body's own object is the result but for those ([`body_is_the_object`]), they are
//! handed over as values instead ([`TreezorAdded`]), to be set on `JSON.parse` of the body.

use crate::core::error::{Provider, Result};
use crate::core::json::js_output::write_js_json_str;
use crate::core::json::writer::push_json_string;

use crate::core::time_window::push_iso_ms;

use super::envelope::RawEnvelope;
use super::events::TreezorEnvelopeShape;
use super::verifier::EnvelopeReading;

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

/// Writes the JavaScript object's JSON text for a verified delivery found in `envelope`, of
/// which `reading` says the rest.
pub(super) fn js_json(envelope: &RawEnvelope<'_>, reading: &EnvelopeReading) -> Result<String> {
    let capacity = envelope
        .members()
        .map(|(_, v)| v.get().len() + 32)
        .sum::<usize>()
        + 256;
    let mut out = String::with_capacity(capacity);
    out.push('{');
    for (key, value) in envelope.members() {
        if reading.named_like_added && ADDED_FIELDS.contains(&key) {
            continue;
        }
        push_json_string(&mut out, key);
        out.push(':');
        write_js_json_str(P, value.get(), &mut out)?;
        out.push(',');
    }
    push_added(&mut out, envelope, reading);
    Ok(out)
}

/// Whether the body's own JSON is the object's but for the added members: a flat envelope
/// none of whose members has an added member's name. (A wrapped one is flattened, and a
/// member named like an added one is left out.)
pub(super) fn body_is_the_object(envelope: &RawEnvelope<'_>, reading: &EnvelopeReading) -> bool {
    envelope.shape == TreezorEnvelopeShape::Flat && !reading.named_like_added
}

/// hookseal's members for a verified flat envelope whose own object is the result but for
/// them (`body_is_the_object`): the caller sets them on the object `JSON.parse` makes of
/// the body, after its own members and in this order: `envelope` (`"flat"`),
/// `payload_typed`, `created_at_ms`, `created_at_iso` (its [`push_iso_ms`] form),
/// `verified` (`["object_payload"]`), `unverified`, `notes`; the values `js_json` writes.
pub struct TreezorAdded<'b> {
    envelope: RawEnvelope<'b>,
    reading: EnvelopeReading<'b>,
}

impl<'b> TreezorAdded<'b> {
    pub(super) fn new(envelope: RawEnvelope<'b>, reading: EnvelopeReading<'b>) -> Self {
        TreezorAdded { envelope, reading }
    }

    /// `payload_typed`.
    pub fn payload_typed(&self) -> bool {
        self.reading.payload_typed
    }

    /// `created_at_ms`, and `created_at_iso` in its [`push_iso_ms`] form.
    pub fn created_at_ms(&self) -> Option<i64> {
        self.reading.created.as_ref().and_then(|c| c.ms)
    }

    /// `unverified`: the envelope's member names in its order, but the two signed ones.
    pub fn unverified(&self) -> impl Iterator<Item = &str> + '_ {
        unverified_members(&self.envelope, self.reading.named_like_added)
    }

    /// `notes`.
    pub fn notes(&self) -> &[String] {
        &self.reading.notes
    }

    /// [`Self::unverified`] as a JSON array.
    pub fn unverified_json(&self) -> String {
        strings_json(self.unverified())
    }

    /// [`Self::notes`] as a JSON array.
    pub fn notes_json(&self) -> String {
        strings_json(self.notes().iter().map(String::as_str))
    }
}

fn strings_json<'s>(items: impl Iterator<Item = &'s str>) -> String {
    let mut out = String::new();
    push_strings(&mut out, items);
    out
}

/// The envelope members no signature covers, in output order: every member but the two
/// signed ones and, when there are any (`named_like_added`), those left out for an added
/// member's name.
pub(super) fn unverified_members<'e>(
    envelope: &'e RawEnvelope<'_>,
    named_like_added: bool,
) -> impl Iterator<Item = &'e str> + 'e {
    envelope.members().map(|(key, _)| key).filter(move |key| {
        !(named_like_added && ADDED_FIELDS.contains(key))
            && *key != "object_payload"
            && *key != "object_payload_signature"
    })
}

/// The added members, in their order, then the closing brace: the same values as the
/// `TreezorEnvelope` of `verify_raw` (`tests/treezor.rs` pins the two), written from the
/// envelope as received rather than from that struct's decoded strings.
fn push_added(out: &mut String, envelope: &RawEnvelope<'_>, reading: &EnvelopeReading) {
    // Written directly, not through serde's Serializer: a few strings, a boolean, an integer
    // and three string lists, on every call (measured: a third of the fixed cost of a small
    // delivery's `verify` went to the generic path).
    out.push_str("\"envelope\":");
    push_json_string(out, envelope.shape.as_str());
    out.push_str(",\"payload_typed\":");
    out.push_str(if reading.payload_typed {
        "true"
    } else {
        "false"
    });
    let ms = reading.created.as_ref().and_then(|c| c.ms);
    out.push_str(",\"created_at_ms\":");
    match ms {
        Some(ms) => push_integer(out, ms),
        None => out.push_str("null"),
    }
    out.push_str(",\"created_at_iso\":");
    match ms {
        Some(ms) => {
            out.push('"');
            push_iso_ms(out, ms);
            out.push('"');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"verified\":[\"object_payload\"],\"unverified\":");
    push_strings(out, unverified_members(envelope, reading.named_like_added));
    out.push_str(",\"notes\":");
    push_strings(out, reading.notes.iter().map(String::as_str));
    out.push('}');
}

fn push_strings<'s>(out: &mut String, items: impl Iterator<Item = &'s str>) {
    out.push('[');
    for (i, item) in items.enumerate() {
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
}
