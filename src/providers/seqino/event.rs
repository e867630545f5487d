//! The typed Seqino event: the envelope Seqino documents, with `data` typed per event type.
//!
//! The JavaScript object is the wire JSON itself (field names and casing as Seqino sends
//! them); these types describe it and validate it. Only `webhook.test`'s data is published,
//! so invoice and mandate data are typed for the few fields whose names are known and are
//! otherwise left as received.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::wire_shape::{
    self, decode_str, decode_string, kind_of, Category, Kind, Skipped, WireShape,
};
use crate::{closed_string_enum, open_string_enum};

const P: Provider = Provider::Seqino;

/// The envelope every delivery has (all members required by Seqino's documentation).
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoEnvelope<T, D> {
    /// `evt_…`; the key to deduplicate retried deliveries on.
    pub event_id: String,
    pub event_type: T,
    /// RFC 3339 time the event was created; signed, so usable against replays.
    pub timestamp: String,
    /// May contain `/` (`sandbox-1234/5678`).
    pub sponsor_id: String,
    pub data: D,
}

closed_string_enum!(
    /// `webhook.test`, sent by `POST /webhooks/test`.
    pub SeqinoTestEventType { WebhookTest = "webhook.test" }
);

closed_string_enum!(
    /// Invoice events.
    pub SeqinoInvoiceEventType {
        Created = "invoice.created",
        Received = "invoice.received",
        StatusUpdated = "invoice.status_updated",
    }
);

closed_string_enum!(
    /// Mandate events.
    pub SeqinoMandateEventType {
        Created = "mandate.created",
        Activated = "mandate.activated",
        Expired = "mandate.expired",
        Failed = "mandate.failed",
    }
);

open_string_enum!(
    /// Invoice lifecycle statuses: the French CDAR codes 200–209 as Seqino names them, then
    /// 210–213 from the reform (not yet in Seqino's list, so their names here are ours).
    pub SeqinoInvoiceStatus {
        Deposited = "DEPOSITED",
        TransmittedByPlatform = "TRANSMITTED_BY_PLATFORM",
        ReceivedByPlatform = "RECEIVED_BY_PLATFORM",
        MadeAvailable = "MADE_AVAILABLE",
        Acknowledged = "ACKNOWLEDGED",
        Approved = "APPROVED",
        PartiallyApproved = "PARTIALLY_APPROVED",
        InDispute = "IN_DISPUTE",
        Suspended = "SUSPENDED",
        Completed = "COMPLETED",
        Refused = "REFUSED",
        PaymentTransmitted = "PAYMENT_TRANSMITTED",
        Cashed = "CASHED",
        Rejected = "REJECTED",
    }
);

/// `data` of `webhook.test`.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoTestData {
    /// `test_…`
    pub test_id: String,
}

/// `data` of invoice events. Seqino does not publish it; the two fields typed here are the
/// ones its lifecycle documentation names. Everything else stays in the object as received.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoInvoiceData {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub invoice_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<SeqinoInvoiceStatus>,
}

/// `data` of mandate events (unpublished; typed like invoice data).
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeqinoMandateData {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mandate_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<String>,
}

/// `data` of an event this version does not know: kept as the raw JSON received.
///
/// In TypeScript it is `never`, on purpose: an open catch-all typed `unknown` would swallow
/// the known events when narrowing (`e.event_type === 'webhook.test'` would leave
/// `e.data.test_id` as `unknown`). The runtime object is there; read it as `e.data as unknown`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "never"))]
pub struct SeqinoUnknownEventData(pub Box<RawValue>);

impl<T, D> SeqinoEnvelope<T, D> {
    /// The same envelope with its event type and data replaced by their typed forms.
    fn retype<T2, D2>(&self, event_type: T2, data: D2) -> SeqinoEnvelope<T2, D2> {
        SeqinoEnvelope {
            event_id: self.event_id.clone(),
            event_type,
            timestamp: self.timestamp.clone(),
            sponsor_id: self.sponsor_id.clone(),
            data,
        }
    }
}

/// A Seqino event whose shape was checked, before its `data` becomes Rust structs: the
/// envelope's members and `data` as received. The checks are `core::wire_shape`'s tables,
/// derived from the types below, with serde's verdicts: this is all the wasm build needs (its
/// object is `JSON.parse` of the body), so serde's `Deserialize` of the event types stays out
/// of it. [`into_typed`](Self::into_typed) gives the [`SeqinoEvent`].
#[derive(Clone, Debug)]
pub struct SeqinoVerified<'a> {
    pub event_id: String,
    pub event_type: String,
    pub timestamp: String,
    pub sponsor_id: String,
    /// `data`, exactly as received: a JSON object, of the documented shape when `event_type`
    /// is one hookseal types.
    pub data: &'a str,
}

/// The envelope as it is checked: any event type, `data` left raw (checked on its own after,
/// so its errors say which event it belongs to).
type WireEnvelope = SeqinoEnvelope<String, &'static RawValue>;

impl<'a> SeqinoVerified<'a> {
    /// Checks the body's shape: the envelope, then `data` against the shape of its event type.
    pub fn parse(body: &'a [u8]) -> Result<Self> {
        Self::parse_skipping(body, Skipped::Checked)
    }

    /// [`Self::parse`], with what the shapes do not describe (an invoice's lines, unknown
    /// members) checked as `skipped` says. With [`Skipped::LeftToParser`] an `Ok` holds only
    /// for a body a JSON parser then accepts: a caller that parses it next calls
    /// [`Self::parse`] when its parser refuses the text, for the verdict. Errors are always
    /// `parse`'s own (the walk that skips unchecked gives way to the checked one on any
    /// problem).
    pub fn parse_skipping(body: &'a [u8], skipped: Skipped) -> Result<Self> {
        const WHAT: &str = "the Seqino event";
        // UTF-8 first: serde_json skips strings no type reads without validating them, so
        // from_slice would accept invalid UTF-8 inside an unknown member (found by fuzzing).
        let utf8 = std::str::from_utf8(body).map_err(|e| {
            HooksealError::new(
                P,
                ErrorCode::InvalidJson,
                format!("{WHAT} is not valid UTF-8 (byte {})", e.valid_up_to()),
            )
        })?;
        match Self::in_one_walk(body, utf8, skipped) {
            Some(verified) => Ok(verified),
            // Something is wrong, or `event_type` comes after `data`: the two-step reading
            // gives the verdict, and the error it has always given.
            None => Self::in_two_steps(body, utf8),
        }
    }

    /// The usual delivery in one walk: `event_type` precedes `data`, so `data` is read as its
    /// event type's shape where it stands instead of skipped, then read again. `None` unless
    /// that walk accepted everything; then [`Self::in_two_steps`] accepts it too (it reads
    /// the same members with the same kinds, and counts `data`'s depth from `data` rather
    /// than from the body, one level less).
    fn in_one_walk(body: &'a [u8], utf8: &'a str, skipped: Skipped) -> Option<Self> {
        let typed_in_place = std::cell::Cell::new(false);
        let retype = |field: usize, spans: &[Option<std::ops::Range<usize>>]| {
            // Fields of `SeqinoEnvelope` in declaration order: 1 is event_type, 4 is data.
            if field != 4 {
                return None;
            }
            let span = spans.get(1).cloned().flatten()?;
            let kind = data_kind(&decode_str(body.get(span)?)?)?;
            typed_in_place.set(true);
            Some(kind)
        };
        let spans =
            wire_shape::check_fields_str_retyped(utf8, kind_of::<WireEnvelope>(), &retype, skipped)
                .ok()?;
        let verified = Self::from_spans(body, utf8, &spans).ok()?;
        let checked = typed_in_place.get() || data_kind(&verified.event_type).is_none();
        (checked && verified.data.starts_with('{')).then_some(verified)
    }

    /// The envelope, then `data` on its own against its event type's shape.
    fn in_two_steps(body: &'a [u8], utf8: &'a str) -> Result<Self> {
        const WHAT: &str = "the Seqino event";
        // One walk reads the envelope and skips `data` and unknown members with their syntax
        // checked, so a walk that succeeds has read the whole body. One that stops at a shape
        // problem has not: a syntax error further on still wins (serde reads the whole
        // document before its shape), found by a scan made only on that error path.
        let spans = wire_shape::check_fields_str(utf8, kind_of::<WireEnvelope>()).map_err(|m| {
            let syntax = match m.category {
                Category::Json => None,
                _ => wire_shape::check_str(utf8, &Kind::Any).err(),
            };
            syntax.as_ref().unwrap_or(&m).to_error(P, WHAT)
        })?;
        let verified = Self::from_spans(body, utf8, &spans)?;
        let data = verified.data;
        if !data.starts_with('{') {
            return Err(HooksealError::new(
                P,
                ErrorCode::SchemaMismatch,
                "`data` of a Seqino event must be an object",
            ));
        }
        if let Some(kind) = data_kind(&verified.event_type) {
            wire_shape::check_str(data, kind).map_err(|m| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    format!(
                        "`data` of a {} event does not have the documented shape: {}",
                        verified.event_type,
                        m.describe("data")
                    ),
                )
            })?;
        }
        Ok(verified)
    }

    /// The members at `spans` (those of `SeqinoEnvelope`'s fields, in declaration order).
    fn from_spans(
        body: &'a [u8],
        utf8: &'a str,
        spans: &[Option<std::ops::Range<usize>>],
    ) -> Result<Self> {
        let raw = |i: usize| wire_shape::field_bytes(body, spans, i);
        let text = |i: usize| {
            decode_string(raw(i)).ok_or_else(|| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    "a member of the Seqino event is not a string",
                )
            })
        };
        // A span of the text validated above, cut at ASCII delimiters: no second UTF-8 pass.
        let data = spans
            .get(4)
            .cloned()
            .flatten()
            .and_then(|span| utf8.get(span))
            .unwrap_or_default();
        Ok(SeqinoVerified {
            event_id: text(0)?,
            event_type: text(1)?,
            timestamp: text(2)?,
            sponsor_id: text(3)?,
            data,
        })
    }

    /// The typed event: `data` read into its Rust struct with serde (the shape check already
    /// passed, and agrees with serde).
    pub fn into_typed(self) -> Result<SeqinoEvent> {
        let envelope = SeqinoEnvelope {
            event_id: self.event_id,
            event_type: (),
            timestamp: self.timestamp,
            sponsor_id: self.sponsor_id,
            data: (),
        };
        let event_type = self.event_type.as_str();
        let data = self.data;
        fn typed<'a, D: Deserialize<'a>>(event_type: &str, data: &'a str) -> Result<D> {
            serde_json::from_str(data).map_err(|e| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    format!(
                        "`data` of a {event_type} event does not have the documented shape: {e}"
                    ),
                )
            })
        }
        if let Some(test) = SeqinoTestEventType::from_wire(event_type) {
            return Ok(SeqinoEvent::Test(
                envelope.retype(test, typed(event_type, data)?),
            ));
        }
        if let Some(invoice) = SeqinoInvoiceEventType::from_wire(event_type) {
            return Ok(SeqinoEvent::Invoice(
                envelope.retype(invoice, typed(event_type, data)?),
            ));
        }
        if let Some(mandate) = SeqinoMandateEventType::from_wire(event_type) {
            return Ok(SeqinoEvent::Mandate(
                envelope.retype(mandate, typed(event_type, data)?),
            ));
        }
        let raw = RawValue::from_string(data.to_string())
            .map_err(|e| crate::core::json::invalid_json(P, "`data`", &e))?;
        Ok(SeqinoEvent::Unknown(envelope.retype(
            event_type.to_string(),
            SeqinoUnknownEventData(raw),
        )))
    }
}

/// The documented shape of `data` for `event_type`; `None` for event types this version does
/// not know (their `data` only has to be an object).
pub fn data_kind(event_type: &str) -> Option<&'static Kind> {
    if SeqinoTestEventType::from_wire(event_type).is_some() {
        Some(kind_of::<SeqinoTestData>())
    } else if SeqinoInvoiceEventType::from_wire(event_type).is_some() {
        Some(kind_of::<SeqinoInvoiceData>())
    } else if SeqinoMandateEventType::from_wire(event_type).is_some() {
        Some(kind_of::<SeqinoMandateData>())
    } else {
        None
    }
}

/// A verified Seqino event.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(untagged))]
pub enum SeqinoEvent {
    Test(SeqinoEnvelope<SeqinoTestEventType, SeqinoTestData>),
    Invoice(SeqinoEnvelope<SeqinoInvoiceEventType, SeqinoInvoiceData>),
    Mandate(SeqinoEnvelope<SeqinoMandateEventType, SeqinoMandateData>),
    Unknown(SeqinoEnvelope<String, SeqinoUnknownEventData>),
}

impl SeqinoEvent {
    /// Validates the body's shape and types it by `event_type`.
    pub fn from_json(body: &[u8]) -> Result<Self> {
        SeqinoVerified::parse(body)?.into_typed()
    }

    pub fn event_id(&self) -> &str {
        match self {
            SeqinoEvent::Test(e) => &e.event_id,
            SeqinoEvent::Invoice(e) => &e.event_id,
            SeqinoEvent::Mandate(e) => &e.event_id,
            SeqinoEvent::Unknown(e) => &e.event_id,
        }
    }

    pub fn event_type(&self) -> &str {
        match self {
            SeqinoEvent::Test(e) => e.event_type.as_str(),
            SeqinoEvent::Invoice(e) => e.event_type.as_str(),
            SeqinoEvent::Mandate(e) => e.event_type.as_str(),
            SeqinoEvent::Unknown(e) => &e.event_type,
        }
    }

    /// The signed RFC 3339 `timestamp`.
    pub fn timestamp(&self) -> &str {
        match self {
            SeqinoEvent::Test(e) => &e.timestamp,
            SeqinoEvent::Invoice(e) => &e.timestamp,
            SeqinoEvent::Mandate(e) => &e.timestamp,
            SeqinoEvent::Unknown(e) => &e.timestamp,
        }
    }

    pub fn sponsor_id(&self) -> &str {
        match self {
            SeqinoEvent::Test(e) => &e.sponsor_id,
            SeqinoEvent::Invoice(e) => &e.sponsor_id,
            SeqinoEvent::Mandate(e) => &e.sponsor_id,
            SeqinoEvent::Unknown(e) => &e.sponsor_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_EVENT: &str = r#"{ "event_id": "evt_abc123def456", "event_type": "webhook.test", "timestamp": "2019-08-24T14:15:22Z", "sponsor_id": "sandbox-1234/5678", "data": { "test_id": "test_abc123def456" } }"#;

    /// The one-walk reading may only accept what the two-step reading accepts, with the same
    /// members: on every deletion, duplication and replacement of one byte of typed events.
    #[test]
    fn one_walk_accepts_only_what_two_steps_accept() {
        let invoice = r#"{"event_id":"e","event_type":"invoice.status_updated","timestamp":"t","sponsor_id":"s","data":{"invoice_id":"i","status":"APPROVED","lines":[{"n":1}]}}"#;
        let data_first = r#"{"data":{"test_id":3},"event_id":"e","event_type":"webhook.test","timestamp":"t","sponsor_id":"s"}"#;
        let mut accepted = 0;
        for base in [TEST_EVENT, invoice, data_first] {
            let base = base.as_bytes();
            let mut bodies = Vec::new();
            for i in 0..base.len() {
                let mut deleted = base.to_vec();
                deleted.remove(i);
                let mut doubled = base.to_vec();
                doubled.insert(i, base[i]);
                bodies.push(deleted);
                bodies.push(doubled);
                for b in [b'1', b'"', b'[', b'{', b'}', b'n', b' '] {
                    let mut replaced = base.to_vec();
                    replaced[i] = b;
                    bodies.push(replaced);
                }
            }
            bodies.push(base.to_vec());
            for body in &bodies {
                let Ok(utf8) = std::str::from_utf8(body) else {
                    continue;
                };
                let Some(one) = SeqinoVerified::in_one_walk(body, utf8, Skipped::Checked) else {
                    continue;
                };
                accepted += 1;
                let two = SeqinoVerified::in_two_steps(body, utf8).unwrap_or_else(|e| {
                    panic!(
                        "{}: one walk accepted, two steps: {e}",
                        String::from_utf8_lossy(body)
                    )
                });
                assert_eq!(
                    (
                        one.event_id,
                        one.event_type,
                        one.timestamp,
                        one.sponsor_id,
                        one.data
                    ),
                    (
                        two.event_id,
                        two.event_type,
                        two.timestamp,
                        two.sponsor_id,
                        two.data
                    )
                );
            }
        }
        assert!(
            accepted > 20,
            "the mutations must include accepted bodies ({accepted})"
        );
        // `event_type` after `data`: not checked in one walk, so left to the two steps.
        let late = r#"{"data":{"test_id":"x"},"event_id":"e","event_type":"webhook.test","timestamp":"t","sponsor_id":"s"}"#;
        assert!(SeqinoVerified::in_one_walk(late.as_bytes(), late, Skipped::Checked).is_none());
        assert!(SeqinoVerified::parse(late.as_bytes()).is_ok());
        assert!(SeqinoVerified::parse(data_first.as_bytes()).is_err());
    }

    #[test]
    fn the_documented_webhook_test_event_is_typed() {
        let SeqinoEvent::Test(e) = SeqinoEvent::from_json(TEST_EVENT.as_bytes()).unwrap() else {
            panic!("not a test event")
        };
        assert_eq!(e.data.test_id, "test_abc123def456");
        assert_eq!(e.sponsor_id, "sandbox-1234/5678");
        assert_eq!(e.event_type, SeqinoTestEventType::WebhookTest);
    }

    #[test]
    fn invoice_status_is_open() {
        let body = r#"{"event_id":"evt_1","event_type":"invoice.status_updated","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"invoice_id":"inv_1","status":"ENCAISSEE_212","amount":"12.30"}}"#;
        let SeqinoEvent::Invoice(e) = SeqinoEvent::from_json(body.as_bytes()).unwrap() else {
            panic!()
        };
        assert_eq!(
            e.data.status,
            Some(SeqinoInvoiceStatus::Other("ENCAISSEE_212".into()))
        );
        assert_eq!(e.data.invoice_id.as_deref(), Some("inv_1"));
    }

    #[test]
    fn unknown_event_types_still_parse() {
        let body = r#"{"event_id":"evt_1","event_type":"invoice.archived","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"s","data":{"x":[1,2]}}"#;
        let e = SeqinoEvent::from_json(body.as_bytes()).unwrap();
        let SeqinoEvent::Unknown(u) = &e else {
            panic!()
        };
        assert_eq!(u.data.0.get(), r#"{"x":[1,2]}"#);
        assert_eq!(e.event_type(), "invoice.archived");
    }

    #[test]
    fn shape_errors_are_schema_mismatch() {
        let missing = r#"{"event_id":"evt_1","event_type":"webhook.test","timestamp":"t","data":{"test_id":"x"}}"#;
        assert_eq!(
            SeqinoEvent::from_json(missing.as_bytes()).unwrap_err().code,
            ErrorCode::SchemaMismatch
        );
        let bad_data = r#"{"event_id":"evt_1","event_type":"webhook.test","timestamp":"t","sponsor_id":"s","data":{"test_id":5}}"#;
        assert_eq!(
            SeqinoEvent::from_json(bad_data.as_bytes())
                .unwrap_err()
                .code,
            ErrorCode::SchemaMismatch
        );
        let not_object = r#"{"event_id":"evt_1","event_type":"x.y","timestamp":"t","sponsor_id":"s","data":[1]}"#;
        assert_eq!(
            SeqinoEvent::from_json(not_object.as_bytes())
                .unwrap_err()
                .code,
            ErrorCode::SchemaMismatch
        );
        assert_eq!(
            SeqinoEvent::from_json(b"[]").unwrap_err().code,
            ErrorCode::SchemaMismatch
        );
        assert_eq!(
            SeqinoEvent::from_json(b"{").unwrap_err().code,
            ErrorCode::InvalidJson
        );
        // A shape problem early and a syntax error further on: the syntax error wins, as when
        // the whole body was read first (the walk stops at the shape problem).
        for broken in [
            &br#"{"event_id":1,"event_type":"webhook.test","data":{"test_id":"x"},"tail":[1,]}"#[..],
            br#"{"event_id":"e","event_id":"f","data":{} "#,
            br#"["e","webhook.test","t","s",{"test_id":"x"},9] x"#,
        ] {
            assert_eq!(
                SeqinoEvent::from_json(broken).unwrap_err().code,
                ErrorCode::InvalidJson,
                "{}",
                String::from_utf8_lossy(broken)
            );
        }
        // Invalid UTF-8 in a member no type reads (serde_json alone would skip it unchecked).
        let hidden = b"{\"event_id\":\"e\",\"event_type\":\"webhook.test\",\"timestamp\":\"t\",\"sponsor_id\":\"s\",\"extra\":\"\xff\",\"data\":{\"test_id\":\"x\"}}";
        assert_eq!(
            SeqinoEvent::from_json(hidden).unwrap_err().code,
            ErrorCode::InvalidJson
        );
    }
}
