//! Treezor (French banking-as-a-service) webhooks, SEPA events first.
//!
//! Treezor puts the signature in the body: `object_payload_signature =
//! base64(HMAC-SHA256(secret, json_encode($object_payload)))`, PHP's `json_encode` with
//! default flags. Only `object_payload` is signed; the rest of the envelope (event name, ids,
//! time, and the wrapper of the newer shape) is reported as unverified. See
//! [`TreezorVerifier`] for the checks, [`TreezorWebhook`] for the result, [`sign`] for test
//! bodies and [`TreezorVerifier::explain`] for debugging.

mod created_at;
mod envelope;
pub mod events;
mod explain;
mod naive;
mod output;
mod sign;
mod verifier;

pub use created_at::{normalise as normalise_created_at, CreatedAt};
pub use events::*;
pub use explain::TreezorDiagnosis;
pub use output::TreezorAdded;
pub use sign::{sign, BARE_PAYLOAD_EVENT};
pub use verifier::{TreezorJsText, TreezorVerifier};

#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<String> {
    use ts_rs::TS;
    vec![
        TreezorWebhook::decl(cfg),
        TreezorTypedWebhook::<(), ()>::decl(cfg),
        TreezorUntypedWebhook::decl(cfg),
        TreezorUntypedPayload::decl(cfg),
        TreezorEnvelope::decl(cfg),
        TreezorEnvelopeShape::decl(cfg),
        TreezorStringOrNumber::decl(cfg),
        TreezorAnyJson::decl(cfg),
        TreezorPhpDateTime::decl(cfg),
        TreezorDateValue::decl(cfg),
        TreezorStatus::decl(cfg),
        TreezorTransactionEventName::decl(cfg),
        TreezorTransactionPayload::decl(cfg),
        TreezorTransaction::decl(cfg),
        TreezorPayinEventName::decl(cfg),
        TreezorPayinPayload::decl(cfg),
        TreezorPayin::decl(cfg),
        TreezorPayinrefundEventName::decl(cfg),
        TreezorPayinrefundPayload::decl(cfg),
        TreezorPayinrefund::decl(cfg),
        TreezorPayoutEventName::decl(cfg),
        TreezorPayoutPayload::decl(cfg),
        TreezorPayout::decl(cfg),
        TreezorPayoutRefundEventName::decl(cfg),
        TreezorPayoutRefundPayload::decl(cfg),
        TreezorPayoutRefund::decl(cfg),
        TreezorSepaSctrEventName::decl(cfg),
        TreezorSepaSctrPayload::decl(cfg),
        TreezorSepaSctr::decl(cfg),
        TreezorSepaSddrEventName::decl(cfg),
        TreezorSepaSddrPayload::decl(cfg),
        TreezorSepaSddr::decl(cfg),
        TreezorSepaSddrReceptionEventName::decl(cfg),
        TreezorSepaSddrReceptionPayload::decl(cfg),
        TreezorSepaSddrReception::decl(cfg),
        TreezorSepaSctrInstEventName::decl(cfg),
        TreezorSepaSctrInstPayload::decl(cfg),
        TreezorSepaSctrInst::decl(cfg),
        TreezorSepaRecallSctrInstEventName::decl(cfg),
        TreezorSepaRecallSctrInst::decl(cfg),
        TreezorRecallREventName::decl(cfg),
        TreezorRecallRPayload::decl(cfg),
        TreezorRecallR::decl(cfg),
        TreezorMandateEventName::decl(cfg),
        TreezorMandatePayload::decl(cfg),
        TreezorMandate::decl(cfg),
        TreezorBeneficiaryEventName::decl(cfg),
        TreezorBeneficiaryPayload::decl(cfg),
        TreezorBeneficiary::decl(cfg),
        TreezorSddB2bWhitelistEntry::decl(cfg),
        TreezorDiagnosis::decl(cfg),
    ]
}
