//! Finding the members of a Treezor body, in either envelope shape, as raw slices.
//!
//! Flat: `{webhook, webhook_id, object, object_id, object_payload, object_payload_signature,
//! webhook_created_at}`. Wrapped: `{messageId, webhookId, webhook: {…flat…}, clientId}`; the
//! wrapper is recognised by `webhook` being an object.
//!
//! Duplicates are refused at either level, for every member: serde-style "last one wins"
//! would let a body carry one `object_payload` that is verified and another that is used.
//! In a wrapped body a name at both levels is refused too, since the result (one flat object)
//! could not hold both.
//!
//! The body is read by `core::json::members` as serde_json reads a map of raw values (keys
//! decoded, values scanned at any depth); the canonical writer then refuses an
//! `object_payload` nested deeper than it allows. Treezor's payloads nest 4 deep.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::members::{Member, Members};
use crate::core::json::RawJson;

use super::events::{payload_kind, TreezorEnvelopeShape};
use crate::core::wire_shape::scan::Cursor;
use crate::core::wire_shape::{self, Kind, Mismatch};

const P: Provider = Provider::Treezor;

/// The parsed body: the flat envelope's members and, when wrapped, the wrapper's.
pub(super) struct RawEnvelope<'a> {
    pub shape: TreezorEnvelopeShape,
    /// The flat envelope (the inner one when wrapped), in document order.
    pub flat: Members<'a>,
    /// The wrapper's members except `webhook`, when wrapped.
    pub outer: Vec<Member<'a>>,
    /// The shape check of `object_payload`, done while reading the envelope when the event
    /// name came first (as Treezor writes it): the payload is then read once, not twice.
    pub walked: Option<WalkedPayload>,
}

/// `wire_shape::check_str(object_payload, kind)`'s verdict, found in place.
pub(super) struct WalkedPayload {
    pub kind: &'static Kind,
    /// On a match, `is_php_canonical(object_payload)`, found by the same read.
    pub result: std::result::Result<bool, Mismatch>,
}

impl<'a> RawEnvelope<'a> {
    pub fn parse(body: &'a [u8]) -> Result<Self> {
        let mut walked = None;
        let top = Members::parse_walking(P, "the Treezor body", body, &mut walker(&mut walked))?;
        refuse_duplicates(&top, "")?;
        let wrapper = top.get("webhook").filter(|v| v.get().starts_with('{'));
        let Some(inner) = wrapper else {
            return Ok(RawEnvelope {
                shape: TreezorEnvelopeShape::Flat,
                flat: top,
                outer: Vec::new(),
                walked,
            });
        };
        // Wrapped: any `object_payload` beside the wrapper is not the one used.
        walked = None;
        let flat = Members::parse_str_walking(
            P,
            "the wrapped `webhook` envelope",
            inner.get(),
            &mut walker(&mut walked),
        )?;
        refuse_duplicates(&flat, " inside the wrapped `webhook` object")?;
        for m in top.0.iter().filter(|m| m.key != "webhook") {
            if flat.get(&m.key).is_some() {
                return Err(HooksealError::new(
                    P,
                    ErrorCode::DuplicateKey,
                    format!("the member \"{}\" appears both in the wrapper and inside its `webhook` object", m.key),
                )
                .with_hint("a wrapped Treezor body keeps the flat envelope inside `webhook`; a copy beside it could be verified in one place and used from the other"));
            }
        }
        let outer = top.0.into_iter().filter(|m| m.key != "webhook").collect();
        Ok(RawEnvelope {
            shape: TreezorEnvelopeShape::Wrapped,
            flat,
            outer,
            walked,
        })
    }

    /// `object_payload` of the flat envelope.
    pub fn payload(&self) -> Option<RawJson<'a>> {
        self.flat.get("object_payload")
    }

    /// `object_payload_signature` of the flat envelope.
    pub fn signature(&self) -> Option<RawJson<'a>> {
        self.flat.get("object_payload_signature")
    }

    /// A member of the flat envelope, or of the wrapper.
    pub fn member(&self, key: &str) -> Option<RawJson<'a>> {
        self.flat
            .get(key)
            .or_else(|| self.outer.iter().find(|m| m.key == key).map(|m| m.value))
    }

    /// Every member in output order: the flat envelope's, then the wrapper's.
    pub fn members(&self) -> impl Iterator<Item = (&str, RawJson<'a>)> + '_ {
        self.flat
            .0
            .iter()
            .map(|m| (&*m.key, m.value))
            .chain(self.outer.iter().map(|m| (&*m.key, m.value)))
    }

    /// The error when `object_payload` is absent, with where it was looked for.
    pub fn missing_payload(&self, body: &[u8]) -> HooksealError {
        let beside_wrapper = self.shape == TreezorEnvelopeShape::Wrapped
            && self.outer.iter().any(|m| m.key == "object_payload");
        let err = HooksealError::new(
            P,
            ErrorCode::SchemaMismatch,
            "the body has no `object_payload`: there is nothing signed to verify",
        );
        if beside_wrapper {
            err.with_hint(
                "`object_payload` is beside the wrapped `webhook` object instead of inside it",
            )
        } else if body.is_empty() {
            err.with_hint("the body is empty: pass the raw body as received")
        } else {
            err.with_hint("a Treezor webhook body is {webhook, object_payload, object_payload_signature, …}, possibly wrapped in {messageId, webhookId, webhook: {…}, clientId}")
        }
    }
}

/// The hook that checks `object_payload`'s shape where it stands, when a string `webhook`
/// naming a typed event precedes it. Only the first `object_payload` is walked (a second is
/// refused as a duplicate anyway); on a mismatch the envelope reader skips the value itself.
fn walker<'w, 'a>(
    walked: &'w mut Option<WalkedPayload>,
) -> impl FnMut(&str, &[Member<'a>], &mut Cursor<'a>) -> bool + 'w {
    move |key, before, cur| {
        if key != "object_payload" || walked.is_some() {
            return false;
        }
        let kind = before
            .iter()
            .find(|m| m.key == "webhook")
            .and_then(|m| m.value.decoded())
            .and_then(|name| payload_kind(&name));
        let Some(kind) = kind else {
            return false;
        };
        let result = wire_shape::check_in_place(cur, kind);
        let read = result.is_ok();
        *walked = Some(WalkedPayload { kind, result });
        read
    }
}

/// Refuses the first key that appears twice in `members`; `place` says where, for the message.
fn refuse_duplicates(members: &Members<'_>, place: &str) -> Result<()> {
    match members.duplicated_keys().first() {
        None => Ok(()),
        Some(key) => Err(HooksealError::new(
            P,
            ErrorCode::DuplicateKey,
            format!("the member \"{key}\" appears more than once{place}"),
        )
        .with_hint("a body with two copies of an envelope member is refused: one copy could be verified and the other used")),
    }
}

/// Every key appearing twice at either level, prefixed `webhook.` for the inner level, and
/// names at both levels (for `explain`, which reports them all instead of stopping).
pub(super) fn all_duplicates(body: &[u8]) -> Vec<String> {
    let Ok(top) = Members::parse(P, "the Treezor body", body) else {
        return Vec::new();
    };
    let mut out: Vec<String> = top
        .duplicated_keys()
        .into_iter()
        .map(str::to_string)
        .collect();
    let inner = top
        .0
        .iter()
        .filter(|m| m.key == "webhook" && m.value.get().starts_with('{'))
        .filter_map(|m| Members::parse_str(P, "the wrapped envelope", m.value.get()).ok());
    for flat in inner {
        out.extend(
            flat.duplicated_keys()
                .into_iter()
                .map(|k| format!("webhook.{k}")),
        );
        for m in top.0.iter().filter(|m| m.key != "webhook") {
            if flat.get(&m.key).is_some() {
                out.push(format!("{0} and webhook.{0}", m.key));
            }
        }
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::php_json_fixed_point::is_php_canonical;

    fn code(body: &str) -> ErrorCode {
        match RawEnvelope::parse(body.as_bytes()) {
            Ok(_) => panic!("accepted {body}"),
            Err(e) => e.code,
        }
    }

    #[test]
    fn flat_and_wrapped_shapes_are_recognised() {
        let flat = RawEnvelope::parse(br#"{"webhook":"payin.create","object_payload":{"a":1},"object_payload_signature":"x"}"#).unwrap();
        assert_eq!(flat.shape, TreezorEnvelopeShape::Flat);
        assert_eq!(flat.payload().unwrap().get(), r#"{"a":1}"#);

        let wrapped = RawEnvelope::parse(br#"{"messageId":"m","webhook":{"webhook":"payin.create","object_payload": {"a":1} ,"object_payload_signature":"x"},"clientId":"1"}"#).unwrap();
        assert_eq!(wrapped.shape, TreezorEnvelopeShape::Wrapped);
        assert_eq!(wrapped.payload().unwrap().get(), r#"{"a":1}"#);
        let keys: Vec<_> = wrapped.members().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "webhook",
                "object_payload",
                "object_payload_signature",
                "messageId",
                "clientId"
            ]
        );
        assert_eq!(wrapped.member("clientId").unwrap().get(), "\"1\"");
    }

    #[test]
    fn duplicated_members_are_refused_at_either_level() {
        assert_eq!(
            code(r#"{"object_payload":{},"object_payload":{}}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(
            code(r#"{"object_payload_signature":"a","object_payload_signature":"b"}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(
            code(r#"{"webhook":"a","webhook":"b"}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(
            code(r#"{"webhook":{"object_payload":{},"object_payload":{}}}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(
            code(r#"{"webhook":{"object_payload":{}},"webhook":{"object_payload":{}}}"#),
            ErrorCode::DuplicateKey
        );
        // Spelt differently, the same key.
        assert_eq!(
            code(r#"{"object_payload":{},"object_p\u0061yload":{}}"#),
            ErrorCode::DuplicateKey
        );
        // Beside and inside the wrapper.
        assert_eq!(
            code(r#"{"object_payload":{},"webhook":{"object_payload":{}}}"#),
            ErrorCode::DuplicateKey
        );
        assert_eq!(
            all_duplicates(br#"{"object_payload":{},"webhook":{"object_payload":{},"webhook":"a","webhook":"b"}}"#),
            ["webhook.webhook", "object_payload and webhook.object_payload"]
        );
    }

    /// The verdict on a payload that matched its shape, and whether it is in PHP's form.
    fn typed(php_form: bool) -> String {
        if php_form {
            "typed, in PHP's form".into()
        } else {
            "typed".into()
        }
    }

    /// What the envelope reader did before it walked `object_payload` in place: every member
    /// skipped, then the payload's own text checked, and `is_php_canonical` of it.
    fn in_two_steps(body: &[u8]) -> std::result::Result<Option<String>, ErrorCode> {
        let text = std::str::from_utf8(body).map_err(|_| ErrorCode::InvalidJson)?;
        let top = Members::parse_str(P, "the Treezor body", text).map_err(|e| e.code)?;
        let walked = match (top.get("webhook"), top.get("object_payload")) {
            (Some(name), Some(payload)) => name
                .as_string()
                .and_then(|n| payload_kind(&n))
                .map(|kind| (wire_shape::check_str(payload.get(), kind), payload)),
            _ => None,
        };
        Ok(walked.map(|(r, payload)| {
            r.map_or_else(
                |m| m.describe("object_payload"),
                |()| typed(is_php_canonical(payload.get().as_bytes())),
            )
        }))
    }

    fn in_one_walk(body: &[u8]) -> std::result::Result<Option<String>, ErrorCode> {
        let envelope = RawEnvelope::parse(body).map_err(|e| e.code)?;
        Ok(envelope.walked.map(|w| {
            w.result
                .map_or_else(|m| m.describe("object_payload"), typed)
        }))
    }

    #[test]
    fn the_payload_walked_in_place_gets_the_verdicts_of_its_own_text() {
        // Two transactions: the second is read as a copy of the first (`members_as_before`).
        let body = br#"{"webhook":"transaction.create","object_id":"1","object_payload":{"transactions":[{"transactionId":"2000000","walletDebitId":81234,"transactionType":"Payin","amount":"17.01","name":"\u00c9lodie","description":"r\u00e9f. 0\/2026","bankaccountId":null,"totalRows":1,"extra":{"a":[1,true,"x"]}},{"transactionId":"2000001","walletDebitId":81234,"transactionType":"Payin","amount":"17.01","name":"\u00c9lodie","description":"r\u00e9f. 1\/2026","bankaccountId":null,"totalRows":1,"extra":{"a":[1,true,"x"]}}]},"object_payload_signature":"x"}"#;
        assert_eq!(in_one_walk(body), Ok(Some(typed(true))));
        // Every one-byte change: the same refusal, or the same shape verdict and PHP form,
        // either way.
        let mut checked = 0;
        for at in 0..body.len() {
            for byte in [
                b'"', b'\\', b'{', b'[', b']', b'}', b',', b':', b'1', b'n', b' ', 0x00, 0xc3,
            ] {
                let mut mutated = body.to_vec();
                mutated[at] = byte;
                assert_eq!(
                    in_one_walk(&mutated),
                    in_two_steps(&mutated),
                    "{}",
                    String::from_utf8_lossy(&mutated)
                );
                checked += 1;
            }
        }
        assert!(checked > 6500);
    }

    #[test]
    fn the_payload_is_walked_only_when_a_typed_event_name_precedes_it() {
        let walked = |body: &str| {
            RawEnvelope::parse(body.as_bytes())
                .unwrap()
                .walked
                .is_some()
        };
        assert!(walked(
            r#"{"webhook":"payin.create","object_payload":{"payins":[]}}"#
        ));
        assert!(!walked(
            r#"{"object_payload":{"payins":[]},"webhook":"payin.create"}"#
        ));
        assert!(!walked(r#"{"webhook":"not.typed","object_payload":{}}"#));
        assert!(!walked(r#"{"webhook":1,"object_payload":{}}"#));
        assert!(walked(
            r#"{"messageId":"m","webhook":{"webhook":"payin.create","object_payload":{"payins":[]}}}"#
        ));
        // A mismatch is kept, and the payload still read to its end.
        let e = RawEnvelope::parse(br#"{"webhook":"payin.create","object_payload":{"payins":7},"object_payload_signature":"x"}"#).unwrap();
        assert!(e.walked.as_ref().unwrap().result.is_err());
        assert_eq!(e.signature().unwrap().get(), "\"x\"");
    }

    #[test]
    fn not_an_object_or_not_json() {
        assert_eq!(code("[]"), ErrorCode::SchemaMismatch);
        assert_eq!(code("{"), ErrorCode::InvalidJson);
        assert_eq!(code(r#"{"webhook":{"a":}}"#), ErrorCode::InvalidJson);
    }
}
