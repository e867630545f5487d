//! Seqino PDP (French e-invoicing platform) webhooks.
//!
//! Seqino documents that each webhook has a 64-hex-character secret "used to generate
//! HMAC-SHA256 signatures for webhook payloads", and nothing more: not the header, not the
//! encoding, not whether the key is the 64 characters or the 32 bytes they spell. The defaults
//! here are the most likely reading (lowercase hex HMAC-SHA256 of the raw body, key = the
//! secret's UTF-8 bytes); every one of them is an option, and [`SeqinoVerifier::explain`] tries
//! all the variants and says which one a real delivery uses.

mod event;
mod explain;
mod options;
mod verifier;

pub use event::{
    data_kind, SeqinoEnvelope, SeqinoEvent, SeqinoInvoiceData, SeqinoInvoiceEventType,
    SeqinoInvoiceStatus, SeqinoMandateData, SeqinoMandateEventType, SeqinoTestData,
    SeqinoTestEventType, SeqinoUnknownEventData, SeqinoVerified,
};
pub use explain::{SeqinoDiagnosis, SeqinoVariant};
pub use options::{SeqinoKeyForm, SeqinoOptions, DEFAULT_SIGNATURE_HEADERS};
pub use verifier::SeqinoVerifier;

/// Test helper: the signature Seqino would send for `body` under the default assumptions
/// (lowercase hex HMAC-SHA256, key = the secret's UTF-8 bytes).
pub fn sign(body: &[u8], secret: &str) -> String {
    let tag = crate::core::hmac_key::HmacKey::new(secret.as_bytes()).tag(&[body]);
    crate::core::signature_encoding::encode_hex(&tag)
}

#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<String> {
    use ts_rs::TS;
    vec![
        SeqinoEnvelope::<(), ()>::decl(cfg),
        SeqinoEvent::decl(cfg),
        SeqinoTestEventType::decl(cfg),
        SeqinoInvoiceEventType::decl(cfg),
        SeqinoMandateEventType::decl(cfg),
        SeqinoTestData::decl(cfg),
        SeqinoInvoiceData::decl(cfg),
        SeqinoInvoiceStatus::decl(cfg),
        SeqinoMandateData::decl(cfg),
        SeqinoUnknownEventData::decl(cfg),
        SeqinoDiagnosis::decl(cfg),
        SeqinoVariant::decl(cfg),
    ]
}
