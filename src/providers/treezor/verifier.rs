//! Verifying a Treezor delivery: HMAC-SHA256 over PHP's `json_encode` of `object_payload`,
//! then the typed webhook.
//!
//! Treezor signs `base64(HMAC-SHA256(secret, json_encode($object_payload)))` and puts it in
//! the body as `object_payload_signature`. We stream the raw bytes of `object_payload`
//! through `php_json::write_canonical` (PHP's escaping, key order and number lexemes kept)
//! into one HMAC per configured secret, and compare in constant time. Nothing is parsed into
//! a map or a float before the signature is checked.

use std::borrow::Cow;

use crate::core::base64::{self, Alphabet, Padding};
use crate::core::body_limit::check_body_size;
use crate::core::constant_time::{ct_eq, ct_eq_any};
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::hmac_key::{HmacKey, HmacStream, TAG_LEN};
use crate::core::json::RawJson;
use crate::core::php_json::{to_canonical_string, write_canonical_str, CanonicalSink};
use crate::core::php_json_fixed_point::is_php_canonical;
use crate::core::secret::check_secret_list;
use crate::core::signature_encoding::{decode_digest, DecodeProblem, SignatureEncoding};
use crate::core::wire_shape::{Kind, Mismatch};

use super::created_at::{normalise, CreatedAt};
use super::envelope::RawEnvelope;
use super::events::wire::json_kind;
use super::events::{
    payload_typing, TreezorEnvelope, TreezorStringOrNumber, TreezorVerified, TreezorWebhook,
};
use super::naive::{naive_from_canonical, unsafe_integers};
use super::output::{body_is_the_object, js_json, unverified_members, TreezorAdded, ADDED_FIELDS};

const P: Provider = Provider::Treezor;

/// Verifies Treezor webhook deliveries. Build once, call for every delivery.
#[derive(Clone, Debug)]
pub struct TreezorVerifier {
    /// One precomputed key per configured secret (key = the secret's UTF-8 bytes).
    keys: Vec<HmacKey>,
    max_body_bytes: usize,
}

impl TreezorVerifier {
    /// `secrets`: one, or several during a rotation (any may match). `max_body_bytes`: larger
    /// bodies are refused before anything is read
    /// ([`DEFAULT_MAX_BODY_BYTES`](crate::core::body_limit::DEFAULT_MAX_BODY_BYTES) is 1 MiB).
    pub fn new(secrets: Vec<String>, max_body_bytes: usize) -> Result<Self> {
        check_secret_list(P, "secret", &secrets)?;
        let keys = secrets.iter().map(|s| HmacKey::new(s.as_bytes())).collect();
        Ok(TreezorVerifier {
            keys,
            max_body_bytes,
        })
    }

    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// Verifies the raw body (flat or wrapped envelope) and returns the typed webhook.
    pub fn verify(&self, body: &[u8]) -> Result<TreezorWebhook> {
        self.verify_raw(body).map(TreezorVerified::into_typed)
    }

    /// `verify` without building the payload's Rust structs: the same checks and the same
    /// verdicts (a payload off its documented shape is untyped, with a note), the payload
    /// left as the raw JSON received. `.into_typed()` gives what `verify` returns.
    pub fn verify_raw<'b>(&self, body: &'b [u8]) -> Result<TreezorVerified<'b>> {
        let (signed, reading) = self.read(body)?;
        Ok(verified_webhook(signed, reading))
    }

    /// `verify`, plus the JSON text of the JavaScript object (see `output.rs`).
    pub fn verify_with_js_json(&self, body: &[u8]) -> Result<(TreezorWebhook, String)> {
        let (verified, js) = self.verify_raw_with_js_json(body)?;
        Ok((verified.into_typed(), js))
    }

    /// `verify_raw`, plus the JSON text of the JavaScript object.
    pub fn verify_raw_with_js_json<'b>(
        &self,
        body: &'b [u8],
    ) -> Result<(TreezorVerified<'b>, String)> {
        let (signed, reading) = self.read(body)?;
        let js = js_json(&signed.envelope, &reading)?;
        Ok((verified_webhook(signed, reading), js))
    }

    /// The JSON text of the JavaScript object alone, after every check of `verify`, with its
    /// verdicts: what the wasm build's `verify` hands to `JSON.parse`. The envelope's members
    /// are not decoded into a `TreezorVerified` nobody reads (building it cost the wasm
    /// `verify` 2–5% of its time on one-transaction and 3 KB deliveries).
    ///
    /// With `added_if_possible`, and when the body's own JSON is the object's but for the
    /// members hookseal adds (a flat envelope with no member named like one of them), only
    /// those members ([`TreezorJsText::Added`]): the wasm build sets them on the object
    /// `JSON.parse` makes of the body, so no rewritten copy of the body is written. Otherwise
    /// (a wrapped envelope, a member named like an added one, or not asked) the whole
    /// object's text, as [`Self::verify_raw_with_js_json`] writes it.
    pub fn js_text<'b>(
        &self,
        body: &'b [u8],
        added_if_possible: bool,
    ) -> Result<TreezorJsText<'b>> {
        let (signed, reading) = self.read(body)?;
        if added_if_possible && body_is_the_object(&signed.envelope, &reading) {
            Ok(TreezorJsText::Added(TreezorAdded::new(
                signed.envelope,
                reading,
            )))
        } else {
            js_json(&signed.envelope, &reading).map(TreezorJsText::Whole)
        }
    }

    /// `verify` as a boolean: the same verdict, without building the result (the envelope's
    /// members decoded into strings, the notes and lists), which was most of what a
    /// one-transaction delivery cost beyond the HMAC (1.16-1.19x faster there, 1.04-1.09x at
    /// 3 KB).
    pub fn is_valid(&self, body: &[u8]) -> bool {
        // After the signature, only a missing or non-string event name makes `verify` fail
        // (`EnvelopeReading::of`). Checked here without building its error, which cost the
        // wasm ~0.1 kB as a shared function; tests/treezor.rs and the fuzz target pin the two.
        self.signed(body).is_ok_and(|signed| {
            signed
                .envelope
                .flat
                .get("webhook")
                .is_some_and(|name| name.is_readable_string())
        })
    }

    /// The whole check: the signature, then what the result says of the envelope.
    pub(super) fn read<'b>(&self, body: &'b [u8]) -> Result<(Signed<'b>, EnvelopeReading<'b>)> {
        let mut signed = self.signed(body)?;
        let walked = signed
            .envelope
            .walked
            .take()
            .map(|w| (w.kind, w.result.map(|_| ())));
        let reading = EnvelopeReading::of(&signed.envelope, signed.payload, walked)?;
        Ok((signed, reading))
    }

    /// Reads the envelope and checks the signature over `object_payload`: everything of
    /// `verify` up to the result.
    fn signed<'b>(&self, body: &'b [u8]) -> Result<Signed<'b>> {
        check_body_size(P, body.len(), self.max_body_bytes)?;
        let envelope = RawEnvelope::parse(body)?;
        let payload = envelope
            .payload()
            .ok_or_else(|| envelope.missing_payload(body))?;
        let received = received_signature(envelope.signature())?;
        // The envelope reader's walk of the payload, when it matched, also found whether it is
        // in PHP's form.
        let php_form = envelope
            .walked
            .as_ref()
            .and_then(|w| w.result.as_ref().ok().copied())
            .unwrap_or_else(|| is_php_canonical(payload.get().as_bytes()));
        let tags = self.payload_tags(payload, php_form)?;
        if !ct_eq_any(&received, tags.iter().map(|t| t.as_slice())) {
            return Err(self.mismatch(payload, php_form, &received));
        }
        Ok(Signed { envelope, payload })
    }

    /// The HMAC of the canonical payload under every key, as [`Self::tags`] computes it.
    ///
    /// Treezor's body is itself `json_encode` output, so its `object_payload` text usually is
    /// the signed `json_encode($object_payload)` byte for byte. When a read of it finds that
    /// rewriting would change nothing (`is_php_canonical`: a fixed point of the writer), the
    /// HMAC takes the bytes where they lie, for the same tags without the rewrite. Any other
    /// body (pretty printed, slashes or unicode unescaped, re-encoded on the way) goes through
    /// the writer. Which of the two ran shows in the time taken; that says whether the body
    /// was sent in canonical form, nothing of the secret. `php_form` is `is_php_canonical`'s
    /// answer (from the envelope reader's walk when it has it).
    fn payload_tags(&self, payload: RawJson<'_>, php_form: bool) -> Result<Vec<[u8; TAG_LEN]>> {
        let bytes = payload.get().as_bytes();
        if php_form {
            return Ok(self.keys.iter().map(|k| k.tag(&[bytes])).collect());
        }
        self.tags(payload)
    }

    /// The HMAC of the canonical payload under every key, in one pass over the payload.
    pub(super) fn tags(&self, payload: RawJson<'_>) -> Result<Vec<[u8; TAG_LEN]>> {
        let mut streams = EveryKey(self.keys.iter().map(HmacKey::stream).collect());
        write_canonical_str(P, payload.get(), &mut streams).map_err(|e| {
            let hint = e.hint.clone().unwrap_or_else(|| {
                "Treezor's payloads are PHP json_encode output; this one is not valid JSON".into()
            });
            HooksealError::new(P, e.code, format!("object_payload: {}", e.message)).with_hint(hint)
        })?;
        Ok(streams.0.into_iter().map(HmacStream::finish).collect())
    }

    pub(super) fn keys(&self) -> &[HmacKey] {
        &self.keys
    }

    /// The mismatch error, with the most specific hint we can give.
    ///
    /// Every forged delivery pays for it, so it stays within about one more HMAC per key of
    /// what the refused check cost: a payload in PHP's form (`php_form`, as Treezor's own
    /// bodies are) is its own canonical string, which is not written again (that second pass
    /// made refusing a 3 KB forgery cost about three times the check that refused it).
    fn mismatch(&self, payload: RawJson<'_>, php_form: bool, received: &[u8]) -> HooksealError {
        let err = HooksealError::new(
            P,
            ErrorCode::SignatureMismatch,
            "object_payload_signature does not match object_payload with any configured secret",
        );
        let canonical = if php_form {
            Cow::Borrowed(payload.get())
        } else {
            match to_canonical_string(P, payload.get().as_bytes()) {
                Ok(canonical) => Cow::Owned(canonical),
                Err(_) => return err,
            }
        };
        let naive = naive_from_canonical(&canonical);
        if naive != canonical {
            let naive_tags = self.keys.iter().map(|k| k.tag(&[naive.as_bytes()]));
            if naive_tags.into_iter().any(|t| ct_eq(&t, received)) {
                return err.with_hint("the signature was computed over a JSON.stringify-style form (\"/\" and non-ASCII unescaped), not PHP's json_encode: the sender does not sign the way Treezor does");
            }
        }
        if !unsafe_integers(&canonical).is_empty() {
            return err.with_hint("object_payload holds integers beyond 2^53: if the body went through JSON.parse and back they were rounded; pass the raw body as received");
        }
        err.with_hint("check the secret (several may be given during a rotation) and pass the raw body; explain() shows the canonical string signed and the signature expected")
    }
}

/// A sink that feeds every HMAC at once, so the payload is canonicalised once per delivery.
struct EveryKey(Vec<HmacStream>);

impl CanonicalSink for EveryKey {
    fn write(&mut self, bytes: &[u8]) {
        for stream in &mut self.0 {
            stream.update(bytes);
        }
    }
}

/// Decodes `object_payload_signature`: a JSON string (JSON allows `\/` for `/`), trimmed,
/// base64 of 32 bytes.
///
/// Backslashes are dropped before decoding: the seed documentation shows a signature with
/// its slashes escaped twice (`ba\\\/WB` in the JSON, `ba\/WB` once decoded), and a
/// backslash is never part of base64, so dropping it cannot turn a wrong signature into a
/// right one.
pub(super) fn received_signature(raw: Option<RawJson<'_>>) -> Result<[u8; TAG_LEN]> {
    match raw.and_then(|raw| plain_base64_signature(raw.get().as_bytes())) {
        Some(tag) => Ok(tag),
        None => any_signature(raw),
    }
}

/// [`received_signature`] for any text: the JSON string decoded, trimmed, its backslashes
/// dropped, then base64 (with the errors and hints).
fn any_signature(raw: Option<RawJson<'_>>) -> Result<[u8; TAG_LEN]> {
    let missing = || {
        HooksealError::new(
            P,
            ErrorCode::MissingSignature,
            "the body has no object_payload_signature",
        )
        .with_hint("Treezor signs every webhook; is this a Treezor delivery, and was the body changed on the way?")
    };
    let raw = raw.ok_or_else(missing)?;
    if raw.is_null() {
        return Err(missing());
    }
    let text: String = raw.as_string().ok_or_else(|| {
        HooksealError::new(
            P,
            ErrorCode::MalformedSignature,
            format!(
                "object_payload_signature is {}, not a string",
                json_kind(raw.get())
            ),
        )
    })?;
    // Bytes, not chars: a backslash is ASCII, and this runs on every delivery.
    let trimmed = text.trim();
    let mut cleaned = Vec::with_capacity(trimmed.len());
    cleaned.extend(trimmed.bytes().filter(|&b| b != b'\\'));
    // Only ASCII was removed from valid UTF-8: still valid.
    let cleaned = String::from_utf8(cleaned).unwrap_or_default();
    if cleaned.is_empty() {
        return Err(missing());
    }
    let bytes = decode_digest(&cleaned, SignatureEncoding::Base64, TAG_LEN).map_err(|p| {
        let looks_hex = cleaned.len() == 2 * TAG_LEN && cleaned.bytes().all(|b| b.is_ascii_hexdigit());
        let hint = if looks_hex {
            "this looks like hex; Treezor sends base64 (44 characters ending in '=')"
        } else if matches!(p, DecodeProblem::WrongLength { .. }) {
            "an HMAC-SHA256 in base64 is 44 characters ending in '='; the documentation's examples have redacted signatures"
        } else {
            "Treezor sends base64 of the HMAC-SHA256 (44 characters ending in '=')"
        };
        HooksealError::new(
            P,
            ErrorCode::MalformedSignature,
            format!("object_payload_signature: {}", p.describe()),
        )
        .with_hint(hint)
    })?;
    let tag: [u8; TAG_LEN] = bytes.try_into().map_err(|_| {
        HooksealError::new(
            P,
            ErrorCode::MalformedSignature,
            "object_payload_signature has the wrong length",
        )
    })?;
    Ok(tag)
}

/// [`received_signature`]'s answer for the signature as Treezor sends it, read from the raw
/// JSON into a stack buffer: a string of exactly the 44 symbols of padded standard base64, its
/// slashes escaped (`\/`, as `json_encode` writes them) or not. The general path's string,
/// trimmed copy and cleaned copy were ~0.3 µs of every delivery (Treezor `verify` 1.02-1.05x
/// on one transaction). Anything else (whitespace, other escapes, slashes escaped twice,
/// another length or alphabet, a bad symbol): `None`, and the general path decides. On the
/// strings taken here, the general path decodes `\/` to `/`, has nothing to trim or drop, and
/// reads padded standard base64 of 32 bytes: this result.
fn plain_base64_signature(json: &[u8]) -> Option<[u8; TAG_LEN]> {
    let content = json.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut symbols = [0u8; TAG_LEN.div_ceil(3) * 4];
    let mut n = 0;
    let mut i = 0;
    while i < content.len() {
        let mut b = content[i];
        if b == b'\\' {
            i += 1;
            b = *content.get(i).filter(|&&next| next == b'/')?;
        }
        *symbols.get_mut(n)? = b;
        n += 1;
        i += 1;
    }
    let tag = base64::decode(symbols.get(..n)?, Alphabet::Standard, Padding::Canonical)?;
    tag.try_into().ok()
}

/// A delivery whose signature matched, as `TreezorVerifier::signed` leaves it.
pub(super) struct Signed<'b> {
    envelope: RawEnvelope<'b>,
    payload: RawJson<'b>,
}

/// The JavaScript object, as [`TreezorVerifier::js_text`] gives it.
// Made and matched once per call: a `Box` would be an allocation more on every delivery.
#[allow(clippy::large_enum_variant)]
pub enum TreezorJsText<'b> {
    /// The members hookseal adds: the body's own object with these members set is the object.
    Added(TreezorAdded<'b>),
    /// The whole object.
    Whole(String),
}

/// What the result of a verified delivery says beyond the envelope's own members, read once
/// for both results (`TreezorVerified`, the JavaScript object's text).
pub(super) struct EnvelopeReading<'b> {
    /// The event name (borrowed from the body unless it had an escape).
    pub webhook: Cow<'b, str>,
    /// `webhook_created_at`, normalised (its note already in `notes`).
    pub created: Option<CreatedAt>,
    /// Whether the payload has its event's documented shape.
    pub payload_typed: bool,
    /// Whether a member has the name of one hookseal adds (and is left out of the result,
    /// with a note): found once here, so the writers compare names only when it is true.
    pub named_like_added: bool,
    pub notes: Vec<String>,
}

/// The unsigned envelope members the result types, and whether a number is their type too
/// (`TreezorStringOrNumber`) or only a string: any other value is kept as received, `None`
/// in `TreezorEnvelope`, with a note. (`webhook_created_at` has `normalise`'s note.)
const TYPED_MEMBERS: [(&str, bool); 6] = [
    ("webhook_id", true),
    ("object", false),
    ("object_id", true),
    ("messageId", false),
    ("webhookId", false),
    ("clientId", true),
];

impl<'b> EnvelopeReading<'b> {
    /// Reads the envelope and checks the payload's shape once the signature is good. Only a
    /// missing or non-string event name is refused (it decides the type, and every Treezor
    /// delivery has one; `TreezorVerifier::is_valid` checks the same). Nothing is copied
    /// into strings but the notes (and an event name with an escape in it).
    fn of(
        envelope: &RawEnvelope<'b>,
        payload: RawJson<'_>,
        walked: Option<(&'static Kind, std::result::Result<(), Mismatch>)>,
    ) -> Result<Self> {
        let webhook = match envelope.flat.get("webhook") {
            Some(raw) => raw.decoded().ok_or_else(|| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    format!("the event name `webhook` is {}, not a string", json_kind(raw.get())),
                )
            })?,
            None => {
                return Err(HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    "the envelope has no event name (`webhook`)",
                )
                .with_hint("the signature is good, but without `webhook` the payload cannot be typed; Treezor always sends it"))
            }
        };
        let mut notes = Vec::new();
        let mut created = envelope.member("webhook_created_at").map(normalise);
        notes.extend(created.as_mut().and_then(|c| c.note.take()));
        let mut named_like_added = false;
        for (key, _) in envelope.members() {
            if ADDED_FIELDS.contains(&key) {
                named_like_added = true;
                notes.push(format!(
                    "the envelope member \"{key}\" is left out of the result: hookseal uses that name for its own field"
                ));
            }
        }
        for (key, numbers_too) in TYPED_MEMBERS {
            let Some(raw) = envelope.member(key) else {
                continue;
            };
            let is_number = matches!(raw.get().as_bytes().first(), Some(b'-' | b'0'..=b'9'));
            if !(raw.is_null() || raw.is_readable_string() || (numbers_too && is_number)) {
                notes.push(format!(
                    "the envelope member \"{key}\" is {}, not the documented type; it is kept as received",
                    json_kind(raw.get())
                ));
            }
        }
        let payload_typed = match payload_typing(&webhook, payload, walked) {
            Ok(()) => true,
            Err(note) => {
                notes.extend(note);
                false
            }
        };
        Ok(EnvelopeReading {
            webhook,
            created,
            payload_typed,
            named_like_added,
            notes,
        })
    }
}

/// The verified delivery as Rust values: the envelope's members decoded (`None` where
/// `reading` noted another type).
fn verified_webhook<'b>(signed: Signed<'b>, reading: EnvelopeReading<'b>) -> TreezorVerified<'b> {
    let Signed { envelope, payload } = signed;
    let EnvelopeReading {
        webhook,
        created,
        payload_typed,
        named_like_added,
        notes,
    } = reading;
    let meta = TreezorEnvelope {
        shape: envelope.shape,
        webhook_id: member(&envelope, "webhook_id"),
        object: member(&envelope, "object"),
        object_id: member(&envelope, "object_id"),
        // A string: `received_signature` decoded it.
        object_payload_signature: envelope
            .signature()
            .and_then(|raw| raw.as_string())
            .unwrap_or_default(),
        webhook_created_at: member(&envelope, "webhook_created_at"),
        message_id: member(&envelope, "messageId"),
        outer_webhook_id: member(&envelope, "webhookId"),
        client_id: member(&envelope, "clientId"),
        created_at_ms: created.as_ref().and_then(|c| c.ms),
        created_at_iso: created.as_ref().and_then(CreatedAt::iso),
        verified: vec!["object_payload".into()],
        unverified: unverified_members(&envelope, named_like_added)
            .map(String::from)
            .collect(),
        notes,
    };
    TreezorVerified {
        webhook: webhook.into_owned(),
        object_payload: payload,
        payload_typed,
        envelope: meta,
    }
}

/// The envelope member types, read from their raw text as serde reads them (`None`: another
/// type), without serde's typed machinery (see `core::json::RawJson`).
trait FromRawJson: Sized {
    fn from_raw(raw: RawJson<'_>) -> Option<Self>;
}

impl FromRawJson for String {
    fn from_raw(raw: RawJson<'_>) -> Option<Self> {
        raw.as_string()
    }
}

impl FromRawJson for TreezorStringOrNumber {
    fn from_raw(raw: RawJson<'_>) -> Option<Self> {
        TreezorStringOrNumber::from_raw(raw.get())
    }
}

/// An optional envelope member of type `T`: `None` when absent or null, or of another type
/// (which `EnvelopeReading` noted).
fn member<T: FromRawJson>(envelope: &RawEnvelope<'_>, key: &str) -> Option<T> {
    envelope
        .member(key)
        .filter(|raw| !raw.is_null())
        .and_then(T::from_raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives the general path's tag wherever it gives one, on Treezor's form
    /// and on every one-byte change to it (escapes, whitespace, padding, other alphabets).
    #[test]
    fn plain_signature_agrees_with_the_general_path() {
        let tag: Vec<u8> = (0..TAG_LEN).map(|i| (i * 97 + 61) as u8).collect();
        let b64 = base64::encode(&tag);
        assert!(b64.contains('/'), "{b64}");
        let escaped = b64.replace('/', "\\/");
        let mut texts = vec![b64.clone(), escaped.clone(), b64.replace('/', "\\\\\\/")];
        for base in [&b64, &escaped] {
            for at in 0..=base.len() {
                for s in [
                    "", "A", "=", "/", "\\/", "\\\\", "\\n", "\\u0041", " ", "-", "_", "\\\"",
                ] {
                    let mut t = base.clone();
                    if at < t.len() {
                        t.replace_range(at..=at, s);
                    } else {
                        t.push_str(s);
                    }
                    texts.push(t);
                }
            }
        }
        let mut shortcuts = 0;
        for text in &texts {
            let json = format!("\"{text}\"");
            // Only valid JSON strings reach here (the envelope reader checked the body).
            if serde_json::from_str::<String>(&json).is_err() {
                continue;
            }
            let raw = RawJson::checked(&json);
            let general = any_signature(Some(raw)).ok();
            if let Some(fast) = plain_base64_signature(json.as_bytes()) {
                shortcuts += 1;
                assert_eq!(Some(fast), general, "{json}");
            }
            assert_eq!(received_signature(Some(raw)).ok(), general, "{json}");
        }
        assert_eq!(
            plain_base64_signature(format!("\"{b64}\"").as_bytes()),
            Some(tag.clone().try_into().unwrap())
        );
        assert_eq!(
            plain_base64_signature(format!("\"{escaped}\"").as_bytes()),
            Some(tag.try_into().unwrap())
        );
        // Treezor's form, unescaped and escaped, and the one-symbol changes that stay base64.
        assert!(shortcuts > 100, "{shortcuts}");
    }
}
