//! Numeral (now Mambu Payments) webhooks.
//!
//! Numeral signs each delivery with HTTP Message Signatures (RFC 9421): `Signature-Input`
//! covers `@method`, `@authority`, `@request-target` and `content-digest` (RFC 9530, the
//! SHA-256 of the raw body), with `alg="rsa-v1_5-sha256"` and a `created` time, against the
//! two public keys Numeral publishes. So verifying needs the request method and the public URL
//! as well as the raw body and headers. Older deliveries carry an RSA signature in
//! `TX-Numeral-Signature-<N>` whose signed bytes are not published: see
//! [`NumeralLegacyMessage`] and [`NumeralVerifier::explain`].

mod event;
mod explain;
mod legacy;
mod options;
mod published_keys;
mod verifier;

pub use event::{
    NumeralAccount, NumeralAddress, NumeralBankData, NumeralDirection, NumeralEnvelope,
    NumeralEvent, NumeralObject, NumeralObjectTopic, NumeralPaymentOrder,
    NumeralPaymentOrderEventType, NumeralPaymentOrderStatus, NumeralPaymentOrderTopic,
    NumeralPaymentType, NumeralReconciliationStatus, NumeralUnknownEventData,
};
pub use explain::{
    NumeralDiagnosis, NumeralLegacyCandidate, NumeralLegacyDiagnosis, NumeralSignatureDiagnosis,
};
pub use legacy::{
    SIGNATURE_PREFIX as LEGACY_SIGNATURE_PREFIX, TIMESTAMP_HEADER as LEGACY_TIMESTAMP_HEADER,
};
pub use options::{NumeralLegacyMessage, NumeralOptions, DEFAULT_TOLERANCE_SECONDS};
pub use published_keys::{NUMERAL_PUBLIC_KEYS, NUMERAL_PUBLIC_KEY_1, NUMERAL_PUBLIC_KEY_2};
pub use verifier::{NumeralRequest, NumeralScheme, NumeralVerifier};

#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<String> {
    use ts_rs::TS;
    vec![
        NumeralEnvelope::<(), (), ()>::decl(cfg),
        NumeralEvent::decl(cfg),
        NumeralPaymentOrderTopic::decl(cfg),
        NumeralObjectTopic::decl(cfg),
        NumeralPaymentOrderEventType::decl(cfg),
        NumeralPaymentOrderStatus::decl(cfg),
        NumeralDirection::decl(cfg),
        NumeralPaymentType::decl(cfg),
        NumeralReconciliationStatus::decl(cfg),
        NumeralAddress::decl(cfg),
        NumeralAccount::decl(cfg),
        NumeralBankData::decl(cfg),
        NumeralObject::decl(cfg),
        NumeralPaymentOrder::decl(cfg),
        NumeralUnknownEventData::decl(cfg),
        NumeralDiagnosis::decl(cfg),
        NumeralSignatureDiagnosis::decl(cfg),
        NumeralLegacyDiagnosis::decl(cfg),
        NumeralLegacyCandidate::decl(cfg),
    ]
}
