//! SePay (Vietnamese bank-transfer notifications) webhooks.
//!
//! A SePay webhook authenticates its deliveries one of four ways, chosen per webhook
//! (`authen_type`): not at all, `Authorization: Apikey <key>`, `Authorization: Bearer <token>`
//! (OAuth2, the token coming from the user's own token endpoint), or an HMAC-SHA256 over
//! `timestamp + "." + raw body` with a five-minute window. Its body is one bank transaction,
//! as JSON, form-urlencoded or multipart, typed here the same in all three.
//!
//! - [`SepayVerifier`]: authenticate (raw bytes), then type the body.
//! - [`validate_webhook_config`]: every problem of a create / update request of SePay's
//!   webhook management API, and [`api`] the types of its responses.
//! - [`sign`]: the headers SePay would send, for users' tests.

pub mod api;
mod auth;
mod body;
mod config;
mod explain;
mod form;
mod multipart;
mod sign;
mod transaction;
mod url;
mod verifier;

pub use auth::{
    api_key_from_authorization, bearer_token, AUTHORIZATION, DEFAULT_TOLERANCE_SECONDS,
    SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
pub use body::{body_encoding, decode, BodyEncoding, DecodedBody, SepayBodyFormat};
pub use config::{
    validate_webhook_config, validate_webhook_json, SepayConfigMode, SepayConfigProblem,
    SepayConfigProblemCode,
};
pub use explain::{looks_like, SepayDiagnosis};
pub use form::parse_form;
pub use multipart::parse_multipart;
pub use sign::{sign, SepaySignedHeaders};
pub use transaction::{vietnam_time_to_iso, SepayTransaction, SepayTransferType};
pub use url::check_http_url;
pub use verifier::{SepayMode, SepayModeName, SepayOptions, SepayVerifier};

#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<String> {
    use ts_rs::TS;
    vec![
        SepayTransaction::decl(cfg),
        SepayTransferType::decl(cfg),
        SepayBodyFormat::decl(cfg),
        SepayModeName::decl(cfg),
        SepaySignedHeaders::decl(cfg),
        SepayDiagnosis::decl(cfg),
        SepayConfigProblem::decl(cfg),
        SepayConfigProblemCode::decl(cfg),
        api::SepayWebhook::decl(cfg),
        api::SepayWebhookListResponse::decl(cfg),
        api::SepayWebhookDetailResponse::decl(cfg),
        api::SepayWebhookEventType::decl(cfg),
        api::SepayAuthenType::decl(cfg),
        api::SepayRequestContentType::decl(cfg),
        api::SepayApiErrorCode::decl(cfg),
        api::SepayFlag::decl(cfg),
    ]
}
