//! The typed Numeral event: the envelope Numeral documents, a union on `topic`, with `data`
//! typed for payment orders (the one object whose shape the event page shows) and left as
//! received for the other topics.
//!
//! The JavaScript object is the wire JSON itself (Numeral's field names); these types
//! describe it and validate it. Only what identifies an event and a payment order is
//! required (ids, topic, type, direction, amount, currency, status); the other fields of the
//! example are optional, so that a delivery that omits one still verifies and parses.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::wire_shape::{self, decode_string, kind_of, Kind, WireKind, WireShape};
use crate::{closed_string_enum, open_string_enum};

const P: Provider = Provider::Numeral;

/// The envelope of every event.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralEnvelope<Topic, Type, Data> {
    /// The event's UUID: deduplicate retried deliveries on it.
    pub id: String,
    /// `"event"`.
    pub object: String,
    /// The type of the object created or updated (`payment_order`, `balance`, …).
    pub topic: Topic,
    /// What happened to it (`executed`, `created`, …).
    #[serde(rename = "type")]
    pub event_type: Type,
    /// The delivery status of the event (`delivered` in Numeral's example).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub status: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub status_details: Option<String>,
    /// RFC 3339 UTC time with microseconds, e.g. `2023-02-01T17:13:15.087995Z`.
    pub created_at: String,
    /// The UUID of the object the event is about.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub related_object_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub related_object_type: Option<String>,
    /// The object created or updated.
    pub data: Data,
}

closed_string_enum!(
    /// The topic whose `data` is a payment order.
    pub NumeralPaymentOrderTopic { PaymentOrder = "payment_order" }
);

closed_string_enum!(
    /// The other documented topics; their `data` is the object as received.
    pub NumeralObjectTopic {
        IncomingPayment = "incoming_payment",
        Return = "return",
        ReturnRequest = "return_request",
        Inquiry = "inquiry",
        Balance = "balance",
        Transaction = "transaction",
        Counterparty = "counterparty",
        CounterpartyAccount = "counterparty_account",
        VirtualAccount = "virtual_account",
        Reconciliation = "reconciliation",
        ExpectedPayment = "expected_payment",
        File = "file",
    }
);

open_string_enum!(
    /// Event types of the `payment_order` topic that Numeral documents; others parse too.
    pub NumeralPaymentOrderEventType {
        PendingApproval = "pending_approval",
        Approved = "approved",
        Processing = "processing",
        Sent = "sent",
        Executed = "executed",
        Canceled = "canceled",
        Rejected = "rejected",
        Returned = "returned",
        Reconciled = "reconciled",
    }
);

open_string_enum!(
    /// A payment order's status.
    pub NumeralPaymentOrderStatus {
        PendingApproval = "pending_approval",
        Approved = "approved",
        Processing = "processing",
        Sent = "sent",
        Executed = "executed",
        Canceled = "canceled",
        Rejected = "rejected",
        Returned = "returned",
    }
);

open_string_enum!(
    /// `credit` (money sent) or `debit` (money collected).
    pub NumeralDirection { Credit = "credit", Debit = "debit" }
);

open_string_enum!(
    /// The payment scheme; `sepa` in Numeral's example.
    pub NumeralPaymentType { Sepa = "sepa", SepaInstant = "sepa_instant" }
);

open_string_enum!(
    pub NumeralReconciliationStatus {
        Unreconciled = "unreconciled",
        PartiallyReconciled = "partially_reconciled",
        Reconciled = "reconciled",
    }
);

/// A postal address of an account holder.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralAddress {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub line_1: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub line_2: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub postal_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub city: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub region_state: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub country: Option<String>,
}

/// An account as embedded in a payment order (`originating_account`, `receiving_account`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralAccount {
    /// BIC.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub bank_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub holder_name: Option<String>,
    /// IBAN or local account number.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub account_number: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub holder_address: Option<NumeralAddress>,
}

/// Identifiers of the payment at the bank.
#[derive(Clone, Debug, Default, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralBankData {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub file_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub message_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub end_to_end_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub transaction_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub original_instruction_id: Option<String>,
}

/// A JSON object kept as received (metadata, a mandate, the data of a topic typed loosely).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(type = "{ [key: string]: unknown }")
)]
pub struct NumeralObject(pub Box<RawValue>);

/// Its `Deserialize` below: any value that is an object, read as a `RawValue`.
impl WireKind for NumeralObject {
    const KIND: Kind = Kind::AnyObject;
}

impl<'de> Deserialize<'de> for NumeralObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        if raw.get().starts_with('{') {
            Ok(NumeralObject(raw))
        } else {
            Err(serde::de::Error::custom("expected a JSON object"))
        }
    }
}

/// `data` of a `payment_order` event, as in Numeral's example. Amounts are integers in minor
/// units (cents): `75000` is 750.00.
#[derive(Clone, Debug, Deserialize, Serialize, WireShape)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumeralPaymentOrder {
    pub id: String,
    /// `"payment_order"`.
    pub object: String,
    #[serde(rename = "type")]
    pub payment_type: NumeralPaymentType,
    pub direction: NumeralDirection,
    /// Minor units (cents), an integer.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount: i64,
    /// ISO 4217, e.g. `EUR`.
    pub currency: String,
    pub status: NumeralPaymentOrderStatus,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub created_at: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub idempotency_key: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub connected_account_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub connected_account: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub reference: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub value_date: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub originating_account: Option<NumeralAccount>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub receiving_account_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub receiving_account: Option<NumeralAccount>,
    /// `null` unless the payment order is a direct debit.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub direct_debit_mandate: Option<NumeralObject>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub status_details: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub auto_approval: Option<bool>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub reconciliation_status: Option<NumeralReconciliationStatus>,
    /// Minor units, an integer.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable, as = "Option<f64>"))]
    pub reconciled_amount: Option<i64>,
    /// Your key-value metadata.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub metadata: Option<NumeralObject>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub bank_data: Option<NumeralBankData>,
}

/// `data` of an event whose topic this version does not know: kept as the raw JSON received.
///
/// In TypeScript it is `never`, on purpose: an open catch-all typed `unknown` would swallow
/// the known topics when narrowing (`e.topic === 'payment_order'` would leave `e.data.amount`
/// as `unknown`). The runtime object is there; read it as `e.data as unknown`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "never"))]
pub struct NumeralUnknownEventData(pub Box<RawValue>);

/// A verified Numeral event, a union on `topic`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(untagged))]
pub enum NumeralEvent {
    PaymentOrder(
        NumeralEnvelope<
            NumeralPaymentOrderTopic,
            NumeralPaymentOrderEventType,
            Box<NumeralPaymentOrder>,
        >,
    ),
    /// The other documented topics: `type` and `data` as received.
    Object(NumeralEnvelope<NumeralObjectTopic, String, NumeralObject>),
    Unknown(NumeralEnvelope<String, String, NumeralUnknownEventData>),
}

impl<T, K, D> NumeralEnvelope<T, K, D> {
    /// The same envelope with its topic, type and data replaced by their typed forms.
    fn retype<T2, K2, D2>(
        self,
        topic: T2,
        event_type: K2,
        data: D2,
    ) -> NumeralEnvelope<T2, K2, D2> {
        NumeralEnvelope {
            id: self.id,
            object: self.object,
            topic,
            event_type,
            status: self.status,
            status_details: self.status_details,
            created_at: self.created_at,
            related_object_id: self.related_object_id,
            related_object_type: self.related_object_type,
            data,
        }
    }
}

/// The envelope as it is checked: any topic and type, `data` left raw (checked on its own
/// after, so its errors say which event it belongs to).
type WireEnvelope = NumeralEnvelope<String, String, &'static RawValue>;

/// `data`'s index among `NumeralEnvelope`'s fields (declaration order).
const DATA_FIELD: usize = 9;
/// `topic`'s.
const TOPIC_FIELD: usize = 2;

/// The verdict of [`NumeralEvent::from_json`] (same error codes) without building the Rust
/// structs: what the wasm needs, whose JavaScript object is `JSON.parse` of the raw body. The
/// shapes are the derived tables of `core::wire_shape`, so serde's typed reading (and its
/// float formatting) stays out of the wasm.
pub(super) fn check_json(body: &[u8]) -> Result<()> {
    const WHAT: &str = "the Numeral event";
    // Syntax first, anywhere in the body, as serde reported it before a shape error.
    crate::core::json::check_syntax(P, WHAT, body)?;
    let spans = wire_shape::check_fields(body, kind_of::<WireEnvelope>())
        .map_err(|m| m.to_error(P, WHAT))?;
    let raw = |i: usize| wire_shape::field_bytes(body, &spans, i);
    let data = raw(DATA_FIELD);
    if !data.starts_with(b"{") {
        return Err(not_an_object());
    }
    let topic = decode_string(raw(TOPIC_FIELD)).unwrap_or_default();
    if NumeralPaymentOrderTopic::from_wire(&topic).is_some() {
        wire_shape::check(data, kind_of::<NumeralPaymentOrder>()).map_err(|m| {
            HooksealError::new(
                P,
                ErrorCode::SchemaMismatch,
                format!(
                    "`data` of a payment_order event does not have the documented shape: {}",
                    m.describe("data")
                ),
            )
        })?;
    }
    Ok(())
}

fn not_an_object() -> HooksealError {
    HooksealError::new(
        P,
        ErrorCode::SchemaMismatch,
        "`data` of a Numeral event must be an object",
    )
}

impl NumeralEvent {
    /// Validates the body's shape and types it by `topic`.
    pub fn from_json(body: &[u8]) -> Result<Self> {
        let envelope: NumeralEnvelope<String, String, &RawValue> = serde_json::from_slice(body)
            .map_err(|e| crate::core::json::parse_error(P, "the Numeral event", body, &e))?;
        let data = envelope.data;
        if !data.get().starts_with('{') {
            return Err(not_an_object());
        }
        let topic = envelope.topic.clone();
        let event_type = envelope.event_type.clone();
        let owned = || {
            RawValue::from_string(data.get().to_string())
                .map_err(|e| crate::core::json::invalid_json(P, "`data`", &e))
        };
        if let Some(t) = NumeralPaymentOrderTopic::from_wire(&topic) {
            let order: NumeralPaymentOrder = serde_json::from_str(data.get()).map_err(|e| {
                HooksealError::new(
                    P,
                    ErrorCode::SchemaMismatch,
                    format!(
                        "`data` of a payment_order event does not have the documented shape: {e}"
                    ),
                )
            })?;
            let kind = NumeralPaymentOrderEventType::from_wire(&event_type);
            return Ok(NumeralEvent::PaymentOrder(envelope.retype(
                t,
                kind,
                Box::new(order),
            )));
        }
        if let Some(t) = NumeralObjectTopic::from_wire(&topic) {
            let object = NumeralObject(owned()?);
            return Ok(NumeralEvent::Object(envelope.retype(t, event_type, object)));
        }
        let unknown = NumeralUnknownEventData(owned()?);
        Ok(NumeralEvent::Unknown(
            envelope.retype(topic, event_type, unknown),
        ))
    }

    pub fn id(&self) -> &str {
        match self {
            NumeralEvent::PaymentOrder(e) => &e.id,
            NumeralEvent::Object(e) => &e.id,
            NumeralEvent::Unknown(e) => &e.id,
        }
    }

    pub fn topic(&self) -> &str {
        match self {
            NumeralEvent::PaymentOrder(e) => e.topic.as_str(),
            NumeralEvent::Object(e) => e.topic.as_str(),
            NumeralEvent::Unknown(e) => &e.topic,
        }
    }

    pub fn event_type(&self) -> &str {
        match self {
            NumeralEvent::PaymentOrder(e) => e.event_type.as_str(),
            NumeralEvent::Object(e) => &e.event_type,
            NumeralEvent::Unknown(e) => &e.event_type,
        }
    }

    pub fn created_at(&self) -> &str {
        match self {
            NumeralEvent::PaymentOrder(e) => &e.created_at,
            NumeralEvent::Object(e) => &e.created_at,
            NumeralEvent::Unknown(e) => &e.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(topic: &str, kind: &str, data: &str) -> String {
        format!(
            r#"{{"id":"e1","object":"event","topic":"{topic}","type":"{kind}","status":"delivered","status_details":"","created_at":"2023-02-01T17:13:15.087995Z","related_object_id":"o1","related_object_type":"{topic}","data":{data}}}"#
        )
    }

    #[test]
    fn other_topics_keep_their_data_and_unknown_topics_parse() {
        let e = NumeralEvent::from_json(
            event("balance", "created", r#"{"id":"b1","amount":5}"#).as_bytes(),
        )
        .unwrap();
        let NumeralEvent::Object(b) = &e else {
            panic!()
        };
        assert_eq!(b.topic, NumeralObjectTopic::Balance);
        assert_eq!(b.data.0.get(), r#"{"id":"b1","amount":5}"#);
        let e =
            NumeralEvent::from_json(event("loan", "granted", r#"{"x":[1]}"#).as_bytes()).unwrap();
        assert!(matches!(&e, NumeralEvent::Unknown(u) if u.data.0.get() == r#"{"x":[1]}"#));
        assert_eq!(
            (e.topic(), e.event_type(), e.id()),
            ("loan", "granted", "e1")
        );
    }

    #[test]
    fn minimal_envelope_and_shape_errors() {
        let minimal = r#"{"id":"e","object":"event","topic":"file","type":"created","created_at":"t","data":{}}"#;
        let NumeralEvent::Object(e) = NumeralEvent::from_json(minimal.as_bytes()).unwrap() else {
            panic!()
        };
        assert_eq!(e.status, None);
        for bad in [
            event("balance", "created", "[1]"),
            event("payment_order", "executed", r#"{"id":"p"}"#),
            event(
                "payment_order",
                "executed",
                r#"{"id":"p","object":"payment_order","type":"sepa","direction":"credit","amount":750.5,"currency":"EUR","status":"sent","created_at":"t"}"#,
            ),
            r#"{"id":"e","topic":"file","type":"created","created_at":"t","data":{}}"#.to_string(),
            "[]".to_string(),
        ] {
            let e = NumeralEvent::from_json(bad.as_bytes()).unwrap_err();
            assert_eq!(e.code, ErrorCode::SchemaMismatch, "{bad}: {e}");
        }
        assert_eq!(
            NumeralEvent::from_json(b"{\"id\":").unwrap_err().code,
            ErrorCode::InvalidJson
        );
    }

    /// `check_json` (the wasm's path) gives `from_json`'s verdict, code for code, on the
    /// published example and on every member of its envelope and of its `data` replaced by a
    /// value of each kind or removed, and on hostile or odd bodies.
    #[test]
    fn check_json_agrees_with_from_json() {
        use serde_json::{json, Value};
        let example = include_str!("../../../tests/fixtures/numeral/event-payment-order.json");
        let base: Value = serde_json::from_str(example).unwrap();
        let kinds = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(750.5),
            json!(""),
            json!("sepa"),
            json!([]),
            json!([1, "x"]),
            json!({}),
            json!({ "a": [1] }),
        ];
        let mut bodies = vec![example.to_string()];
        for in_data in [false, true] {
            let keys: Vec<String> = if in_data {
                base["data"].as_object().unwrap().keys().cloned().collect()
            } else {
                base.as_object().unwrap().keys().cloned().collect()
            };
            for key in keys {
                let mut removed = base.clone();
                let target = if in_data {
                    &mut removed["data"]
                } else {
                    &mut removed
                };
                target.as_object_mut().unwrap().remove(&key);
                bodies.push(removed.to_string());
                for kind in &kinds {
                    let mut changed = base.clone();
                    let target = if in_data {
                        &mut changed["data"]
                    } else {
                        &mut changed
                    };
                    target[&key] = kind.clone();
                    bodies.push(changed.to_string());
                }
            }
        }
        for topic in ["payment_order", "file", "loan"] {
            for data in [
                "[1]",
                "null",
                "{}",
                r#"{"x":1e400}"#,
                &format!("{}1{}", "[".repeat(200), "]".repeat(200)),
            ] {
                bodies.push(event(topic, "executed", data));
            }
        }
        let dup = example.replacen("\"topic\"", "\"topic\": \"file\", \"topic\"", 1);
        bodies.extend([
            dup,
            String::new(),
            "[]".into(),
            "{\"id\":".into(),
            "{} x".into(),
            example.replacen("\"amount\": ", "\"amount\": 1e400, \"x\": ", 1),
            example.replacen("\"currency\": ", "\"currency\": \"\\ud800\", \"y\": ", 1),
        ]);
        for body in &bodies {
            let ours = check_json(body.as_bytes()).map_err(|e| e.code);
            let serde = NumeralEvent::from_json(body.as_bytes())
                .map(|_| ())
                .map_err(|e| e.code);
            assert_eq!(ours, serde, "{body}");
        }
    }
}
