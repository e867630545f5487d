//! The typed Treezor webhook: the envelope as received plus `object_payload` typed by the
//! event name (`webhook`), as a union discriminated on that name.
//!
//! These types describe the JavaScript object `verify` returns, field for field: the wire
//! members with Treezor's own names, then the fields hookseal adds (`envelope`,
//! `payload_typed`, `created_at_ms`, `created_at_iso`, `verified`, `unverified`, `notes`).
//! The object itself is built from the raw body (see `output.rs`), so members these types do
//! not list are still there, exactly as sent.
//!
//! Leniency: a delivery whose signature is good is never refused because its payload has an
//! unexpected shape. When `object_payload` does not match the documented shape of its event,
//! the event is returned untyped (`payload_typed: false`, a note says why), like an event
//! name this version does not know. In TypeScript, `payload_typed` tells the two apart, and
//! narrowing on `webhook` alone still types `object_payload` (the untyped variant's payload
//! is `never`, see [`TreezorUntypedPayload`]).

mod parties;
mod payin;
mod payout;
mod recall;
mod sepa;
mod transaction;
pub mod wire;

use serde_json::value::RawValue;

use crate::core::json::RawJson;

use crate::closed_string_enum;
use crate::core::wire_shape::{self, kind_of, Kind, Mismatch};

pub use parties::{
    TreezorBeneficiary, TreezorBeneficiaryEventName, TreezorBeneficiaryPayload, TreezorMandate,
    TreezorMandateEventName, TreezorMandatePayload, TreezorSddB2bWhitelistEntry,
};
pub use payin::{
    TreezorPayin, TreezorPayinEventName, TreezorPayinPayload, TreezorPayinrefund,
    TreezorPayinrefundEventName, TreezorPayinrefundPayload,
};
pub use payout::{
    TreezorPayout, TreezorPayoutEventName, TreezorPayoutPayload, TreezorPayoutRefund,
    TreezorPayoutRefundEventName, TreezorPayoutRefundPayload,
};
pub use recall::{
    TreezorRecallR, TreezorRecallREventName, TreezorRecallRPayload, TreezorSepaRecallSctrInst,
    TreezorSepaRecallSctrInstEventName,
};
pub use sepa::{
    TreezorSepaSctr, TreezorSepaSctrEventName, TreezorSepaSctrInst, TreezorSepaSctrInstEventName,
    TreezorSepaSctrInstPayload, TreezorSepaSctrPayload, TreezorSepaSddr, TreezorSepaSddrEventName,
    TreezorSepaSddrPayload, TreezorSepaSddrReception, TreezorSepaSddrReceptionEventName,
    TreezorSepaSddrReceptionPayload,
};
pub use transaction::{TreezorTransaction, TreezorTransactionEventName, TreezorTransactionPayload};
pub use wire::{
    TreezorAnyJson, TreezorDateValue, TreezorPhpDateTime, TreezorStatus, TreezorStringOrNumber,
};

closed_string_enum!(
    /// Which of Treezor's two envelope shapes the delivery had.
    pub TreezorEnvelopeShape {
        /// `{webhook, webhook_id, object, object_id, object_payload, object_payload_signature,
        /// webhook_created_at}`
        Flat = "flat",
        /// `{messageId, webhookId, webhook: {…the flat envelope…}, clientId}` (SCTR Inst, SDDR,
        /// the 2024 examples).
        Wrapped = "wrapped",
    }
);

/// The envelope members every event has, and the fields hookseal adds. Only `object_payload`
/// is signed: everything here is reported in `unverified` (except the signature itself).
///
/// A member with an unexpected type (say `webhook_id: true`) is `None` here with a note; the
/// JavaScript object still has it as received.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorEnvelope {
    /// Which envelope shape was received: `"flat"` or `"wrapped"`.
    #[cfg_attr(feature = "ts", ts(rename = "envelope"))]
    pub shape: TreezorEnvelopeShape,
    /// Dedupe retried deliveries on this (a number-like string or a UUID).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub webhook_id: Option<TreezorStringOrNumber>,
    /// The object type (`payin`, `sepaSddr`, …).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub object: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub object_id: Option<TreezorStringOrNumber>,
    /// The signature as received (base64 of the HMAC-SHA256).
    pub object_payload_signature: String,
    /// As received: usually an integer in 10^-4 s; see `created_at_ms`.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub webhook_created_at: Option<TreezorStringOrNumber>,
    /// Wrapped envelopes only.
    #[cfg_attr(feature = "ts", ts(optional, rename = "messageId"))]
    pub message_id: Option<String>,
    /// Wrapped envelopes only (the same value as `webhook_id` in the examples).
    #[cfg_attr(feature = "ts", ts(optional, rename = "webhookId"))]
    pub outer_webhook_id: Option<String>,
    /// Wrapped envelopes only: your Treezor client id.
    #[cfg_attr(feature = "ts", ts(optional, rename = "clientId"))]
    pub client_id: Option<TreezorStringOrNumber>,
    /// `webhook_created_at` in milliseconds since the epoch, whatever unit it was sent in
    /// (10^-4 s, microseconds, seconds…: read from its magnitude; or RFC 3339 text); null
    /// when it is absent or not a plausible time.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub created_at_ms: Option<i64>,
    /// The same instant as an ISO 8601 string (`Date.prototype.toISOString` format).
    pub created_at_iso: Option<String>,
    /// What the signature covers: always `["object_payload"]`.
    #[cfg_attr(feature = "ts", ts(type = "[\"object_payload\"]"))]
    pub verified: Vec<String>,
    /// The envelope members present that no signature covers (outer ones included), in
    /// the order of the JavaScript object. Treat them as claims, not facts.
    pub unverified: Vec<String>,
    /// Anything hookseal had to be lenient about, for logs. Empty for a clean delivery.
    pub notes: Vec<String>,
}

/// An event whose `object_payload` matched the documented shape of its event name.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorTypedWebhook<N, P> {
    /// The event name.
    pub webhook: N,
    /// The signed payload, typed.
    pub object_payload: P,
    /// Always `true` here; mirrors the JavaScript field that tells typed from untyped.
    #[cfg_attr(feature = "ts", ts(type = "true"))]
    pub payload_typed: bool,
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub envelope: TreezorEnvelope,
}

/// An event whose name this version does not type, or whose payload did not match the
/// documented shape (then `notes` says why). The payload is verified all the same.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreezorUntypedWebhook {
    pub webhook: String,
    pub object_payload: TreezorUntypedPayload,
    /// Always `false` here.
    #[cfg_attr(feature = "ts", ts(type = "false"))]
    pub payload_typed: bool,
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub envelope: TreezorEnvelope,
}

/// The payload of an untyped event: the raw JSON, verified.
///
/// In TypeScript it is `never`, on purpose: a catch-all typed `unknown` would swallow the
/// known events when narrowing (`e.webhook === 'payin.create'` would leave
/// `e.object_payload` as `unknown`). The runtime object is there; after checking
/// `e.payload_typed === false`, read it as `e.object_payload as unknown`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "never"))]
pub struct TreezorUntypedPayload(pub Box<RawValue>);

/// A verified Treezor webhook, discriminated on `webhook` (the event name).
#[derive(Clone, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(untagged))]
pub enum TreezorWebhook {
    Transaction(TreezorTypedWebhook<TreezorTransactionEventName, TreezorTransactionPayload>),
    Payin(TreezorTypedWebhook<TreezorPayinEventName, TreezorPayinPayload>),
    Payinrefund(TreezorTypedWebhook<TreezorPayinrefundEventName, TreezorPayinrefundPayload>),
    Payout(TreezorTypedWebhook<TreezorPayoutEventName, TreezorPayoutPayload>),
    PayoutRefund(TreezorTypedWebhook<TreezorPayoutRefundEventName, TreezorPayoutRefundPayload>),
    SepaSctr(TreezorTypedWebhook<TreezorSepaSctrEventName, TreezorSepaSctrPayload>),
    SepaSddr(TreezorTypedWebhook<TreezorSepaSddrEventName, TreezorSepaSddrPayload>),
    SepaSddrReception(
        TreezorTypedWebhook<TreezorSepaSddrReceptionEventName, TreezorSepaSddrReceptionPayload>,
    ),
    SepaSctrInst(TreezorTypedWebhook<TreezorSepaSctrInstEventName, TreezorSepaSctrInstPayload>),
    SepaRecallSctrInst(
        TreezorTypedWebhook<TreezorSepaRecallSctrInstEventName, Box<TreezorSepaRecallSctrInst>>,
    ),
    RecallR(TreezorTypedWebhook<TreezorRecallREventName, TreezorRecallRPayload>),
    Mandate(TreezorTypedWebhook<TreezorMandateEventName, TreezorMandatePayload>),
    Beneficiary(TreezorTypedWebhook<TreezorBeneficiaryEventName, TreezorBeneficiaryPayload>),
    Untyped(TreezorUntypedWebhook),
}

impl<N, P> TreezorTypedWebhook<N, P> {
    fn new(webhook: N, object_payload: P, envelope: TreezorEnvelope) -> Self {
        TreezorTypedWebhook {
            webhook,
            object_payload,
            payload_typed: true,
            envelope,
        }
    }
}

/// Calls `$f` on the typed webhook inside any typed variant, `$u` on the untyped one.
macro_rules! each_variant {
    ($self:expr, $w:ident => $f:expr, $u:ident => $g:expr) => {
        match $self {
            TreezorWebhook::Transaction($w) => $f,
            TreezorWebhook::Payin($w) => $f,
            TreezorWebhook::Payinrefund($w) => $f,
            TreezorWebhook::Payout($w) => $f,
            TreezorWebhook::PayoutRefund($w) => $f,
            TreezorWebhook::SepaSctr($w) => $f,
            TreezorWebhook::SepaSddr($w) => $f,
            TreezorWebhook::SepaSddrReception($w) => $f,
            TreezorWebhook::SepaSctrInst($w) => $f,
            TreezorWebhook::SepaRecallSctrInst($w) => $f,
            TreezorWebhook::RecallR($w) => $f,
            TreezorWebhook::Mandate($w) => $f,
            TreezorWebhook::Beneficiary($w) => $f,
            TreezorWebhook::Untyped($u) => $g,
        }
    };
}

impl TreezorWebhook {
    /// Types `payload` by the event `name`. Never fails: a payload that does not match its
    /// event's documented shape gives the untyped variant with a note.
    #[cfg(test)]
    pub(crate) fn from_parts(
        name: &str,
        payload: &RawValue,
        mut envelope: TreezorEnvelope,
    ) -> Self {
        let payload = RawJson::checked(payload.get());
        let payload_typed = match payload_typing(name, payload, None) {
            Ok(()) => true,
            Err(note) => {
                envelope.notes.extend(note);
                false
            }
        };
        TreezorVerified {
            webhook: name.to_string(),
            object_payload: payload,
            payload_typed,
            envelope,
        }
        .into_typed()
    }

    /// The event name (`webhook`).
    pub fn event_name(&self) -> &str {
        each_variant!(self, w => w.webhook.as_str(), u => u.webhook.as_str())
    }

    pub fn envelope(&self) -> &TreezorEnvelope {
        each_variant!(self, w => &w.envelope, u => &u.envelope)
    }

    /// Whether `object_payload` is typed (false for unknown events and for payloads that did
    /// not match their documented shape).
    pub fn is_typed(&self) -> bool {
        !matches!(self, TreezorWebhook::Untyped(_))
    }

    /// Notes on what hookseal was lenient about (also in `envelope().notes`).
    pub fn notes(&self) -> &[String] {
        &self.envelope().notes
    }
}

/// Event names hookseal types, in documentation order (for docs and tests).
pub fn typed_event_names() -> Vec<&'static str> {
    [
        TreezorTransactionEventName::KNOWN,
        TreezorPayinEventName::KNOWN,
        TreezorPayinrefundEventName::KNOWN,
        TreezorPayoutEventName::KNOWN,
        TreezorPayoutRefundEventName::KNOWN,
        TreezorSepaSctrEventName::KNOWN,
        TreezorSepaSddrEventName::KNOWN,
        TreezorSepaSddrReceptionEventName::KNOWN,
        TreezorSepaSctrInstEventName::KNOWN,
        TreezorSepaRecallSctrInstEventName::KNOWN,
        TreezorRecallREventName::KNOWN,
        TreezorMandateEventName::KNOWN,
        TreezorBeneficiaryEventName::KNOWN,
    ]
    .concat()
}

/// Calls `$m!(event names, variant, payload type)` for every typed event family.
macro_rules! each_family {
    ($m:ident) => {
        $m!(
            TreezorTransactionEventName,
            Transaction,
            TreezorTransactionPayload
        );
        $m!(TreezorPayinEventName, Payin, TreezorPayinPayload);
        $m!(
            TreezorPayinrefundEventName,
            Payinrefund,
            TreezorPayinrefundPayload
        );
        $m!(TreezorPayoutEventName, Payout, TreezorPayoutPayload);
        $m!(
            TreezorPayoutRefundEventName,
            PayoutRefund,
            TreezorPayoutRefundPayload
        );
        $m!(TreezorSepaSctrEventName, SepaSctr, TreezorSepaSctrPayload);
        $m!(TreezorSepaSddrEventName, SepaSddr, TreezorSepaSddrPayload);
        $m!(
            TreezorSepaSddrReceptionEventName,
            SepaSddrReception,
            TreezorSepaSddrReceptionPayload
        );
        $m!(
            TreezorSepaSctrInstEventName,
            SepaSctrInst,
            TreezorSepaSctrInstPayload
        );
        $m!(
            TreezorSepaRecallSctrInstEventName,
            SepaRecallSctrInst,
            Box<TreezorSepaRecallSctrInst>
        );
        $m!(TreezorRecallREventName, RecallR, TreezorRecallRPayload);
        $m!(TreezorMandateEventName, Mandate, TreezorMandatePayload);
        $m!(
            TreezorBeneficiaryEventName,
            Beneficiary,
            TreezorBeneficiaryPayload
        );
    };
}

/// A verified delivery before its payload becomes Rust structs: the event name, the payload
/// as received, and whether it has the documented shape of its event (checked with the
/// shape tables of `core::wire_shape`, derived from the payload types).
///
/// This is what the wasm build hands to JavaScript (the object itself is `JSON.parse` of the
/// body), so serde's `Deserialize` of the payload types is never compiled into it. In Rust,
/// [`into_typed`](Self::into_typed) gives the typed [`TreezorWebhook`], as `verify` does.
#[derive(Clone, Debug)]
pub struct TreezorVerified<'a> {
    /// The event name.
    pub webhook: String,
    /// The signed payload, exactly as received.
    pub object_payload: RawJson<'a>,
    /// True when `webhook` is an event hookseal types and the payload has its documented
    /// shape; `into_typed` then gives a typed variant.
    pub payload_typed: bool,
    /// The envelope (`notes` says why a payload of a known event is untyped).
    pub envelope: TreezorEnvelope,
}

impl<'a> TreezorVerified<'a> {
    /// Whether [`into_typed`](Self::into_typed) gives a typed variant.
    pub fn is_typed(&self) -> bool {
        self.payload_typed
    }

    /// The typed webhook: the payload read into the event's Rust structs with serde (the
    /// shape check already passed, and agrees with serde), or the untyped variant.
    pub fn into_typed(self) -> TreezorWebhook {
        let TreezorVerified {
            webhook: name,
            object_payload: payload,
            payload_typed,
            envelope,
        } = self;
        if !payload_typed {
            return untyped(name, payload, envelope, None);
        }
        macro_rules! family {
            ($names:ident, $variant:ident, $payload:ty) => {
                if let Some(n) = $names::from_wire(&name) {
                    return match serde_json::from_str::<$payload>(payload.get()) {
                        Ok(p) => TreezorWebhook::$variant(TreezorTypedWebhook::new(n, p, envelope)),
                        // Not expected (the shape tables agree with serde), but never a panic.
                        Err(e) => {
                            let note = shape_note(&name, &e.to_string());
                            untyped(name, payload, envelope, Some(note))
                        }
                    };
                }
            };
        }
        each_family!(family);
        untyped(name, payload, envelope, None)
    }
}

/// The documented shape of `object_payload` for the event `name`; `None` for events this
/// version does not type.
pub fn payload_kind(name: &str) -> Option<&'static Kind> {
    macro_rules! family {
        ($names:ident, $variant:ident, $payload:ty) => {
            if $names::from_wire(name).is_some() {
                return Some(kind_of::<$payload>());
            }
        };
    }
    each_family!(family);
    None
}

/// Whether `payload` has the documented shape of the event `name` (`walked`: that check
/// already made while reading the envelope, for the kind it names). `Err` when it is left
/// untyped: with the note saying why for an event hookseal types, `None` for an event it
/// does not.
pub(crate) fn payload_typing(
    name: &str,
    payload: RawJson<'_>,
    walked: Option<(&'static Kind, Result<(), Mismatch>)>,
) -> Result<(), Option<String>> {
    let kind = payload_kind(name).ok_or(None)?;
    walked
        .filter(|(walked_kind, _)| std::ptr::eq(*walked_kind, kind))
        .map_or_else(
            || wire_shape::check_str(payload.get(), kind),
            |(_, result)| result,
        )
        .map_err(|mismatch| Some(shape_note(name, &mismatch.describe("object_payload"))))
}

fn shape_note(name: &str, why: &str) -> String {
    format!(
        "object_payload does not have the documented shape of a {name} event ({why}); \
         it is returned as received, untyped (payload_typed: false)"
    )
}

fn untyped(
    name: String,
    payload: RawJson<'_>,
    mut envelope: TreezorEnvelope,
    note: Option<String>,
) -> TreezorWebhook {
    envelope.notes.extend(note);
    TreezorWebhook::Untyped(TreezorUntypedWebhook {
        webhook: name,
        object_payload: TreezorUntypedPayload(payload.to_raw_value()),
        payload_typed: false,
        envelope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope() -> TreezorEnvelope {
        TreezorEnvelope {
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
            verified: vec!["object_payload".into()],
            unverified: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn raw(s: &str) -> Box<RawValue> {
        RawValue::from_string(s.to_string()).unwrap()
    }

    #[test]
    fn payin_payload_is_typed_by_its_event_name() {
        let w = TreezorWebhook::from_parts(
            "payin.update",
            &raw(
                r#"{"payins":[{"payinId":"8513424","amount":"17.01","payinStatus":"VALIDATED","DbtrIBAN":"FR76","walletId":3404621}]}"#,
            ),
            envelope(),
        );
        let TreezorWebhook::Payin(p) = &w else {
            panic!("{w:?}")
        };
        assert_eq!(p.webhook, TreezorPayinEventName::Update);
        let payin = &p.object_payload.payins[0];
        assert_eq!(payin.amount.as_deref(), Some("17.01"));
        assert_eq!(payin.payin_status, Some(TreezorStatus::Validated));
        assert_eq!(payin.dbtr_iban.as_deref(), Some("FR76"));
        assert_eq!(payin.wallet_id.as_ref().unwrap().as_str(), "3404621");
        assert!(w.is_typed() && w.notes().is_empty());
    }

    #[test]
    fn a_payload_off_its_documented_shape_is_kept_untyped_with_a_note() {
        let w = TreezorWebhook::from_parts(
            "payin.create",
            &raw(r#"{"payins":[{"amount":17.01}]}"#),
            envelope(),
        );
        let TreezorWebhook::Untyped(u) = &w else {
            panic!("{w:?}")
        };
        assert_eq!(u.webhook, "payin.create");
        assert_eq!(u.object_payload.0.get(), r#"{"payins":[{"amount":17.01}]}"#);
        assert_eq!(w.notes().len(), 1, "{:?}", w.notes());
        assert!(w.notes()[0].contains("payin.create"));
    }

    #[test]
    fn unknown_event_names_are_untyped_without_a_note() {
        let w = TreezorWebhook::from_parts("card.create", &raw("{\"cards\":[]}"), envelope());
        assert!(!w.is_typed());
        assert_eq!(w.event_name(), "card.create");
        assert!(w.notes().is_empty());
    }

    #[test]
    fn every_typed_name_selects_a_typed_variant_for_an_empty_list() {
        let payload_for = |name: &str| -> &'static str {
            match name.split('.').next() {
                Some("transaction") => r#"{"transactions":[]}"#,
                Some("payin") => r#"{"payins":[]}"#,
                Some("payinrefund") => r#"{"payinrefunds":[]}"#,
                Some("payout") => r#"{"payouts":[]}"#,
                Some("payoutRefund") => r#"{"payoutRefunds":[]}"#,
                Some("sepa") if name.ends_with("sctr") => r#"{"sepaSctrs":[]}"#,
                Some("sepa") => r#"{"sepaSddrs":[]}"#,
                Some("sepa_sddr") => r#"{"sepaSddr":{}}"#,
                Some("sepaSctrInst") => r#"{"sepaSctrInsts":[]}"#,
                Some("separecallsctrinst") => r#"{}"#,
                Some("recallR") => r#"{"recallrs":[]}"#,
                Some("mandate") => r#"{"mandates":[]}"#,
                Some("beneficiary") => r#"{"beneficiaries":[]}"#,
                _ => "null",
            }
        };
        let names = typed_event_names();
        assert_eq!(names.len(), 25);
        for name in names {
            let w = TreezorWebhook::from_parts(name, &raw(payload_for(name)), envelope());
            assert!(w.is_typed(), "{name}: {:?}", w.notes());
            assert_eq!(w.event_name(), name);
        }
    }
}
