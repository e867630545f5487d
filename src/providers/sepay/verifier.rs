//! `SepayVerifier`: authenticate the delivery on its raw bytes, then read the transaction.

use crate::closed_string_enum;
use crate::core::body_limit::{check_body_size, DEFAULT_MAX_BODY_BYTES};
use crate::core::error::{Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::secret::check_secret_list;

use super::auth::{
    check_api_key, check_bearer, HmacCheck, AUTHORIZATION, DEFAULT_TOLERANCE_SECONDS,
    SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use super::body::{decode, DecodedBody};
use super::transaction::SepayTransaction;

const P: Provider = Provider::Sepay;

closed_string_enum!(
    /// The verifier's modes, one per SePay `authen_type` (`No_Authen`, `Api_Key`,
    /// `OAuth2.0`, HMAC-SHA256).
    pub SepayModeName {
        None = "none",
        ApiKey = "api_key",
        OAuth2 = "oauth2",
        Hmac = "hmac",
    }
);

/// How deliveries authenticate, with what the user configured for that mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SepayMode {
    /// `No_Authen`: anyone who knows the URL can post; SePay advises it for tests only.
    None,
    /// `Api_Key`: any of these keys (several during a rotation).
    ApiKey(Vec<String>),
    /// `OAuth2.0`: any of these access tokens (the ones your token endpoint issued).
    OAuth2(Vec<String>),
    /// HMAC-SHA256: any of these secrets (`whsec_…`, used as given), and the window.
    Hmac {
        secrets: Vec<String>,
        tolerance_seconds: u64,
    },
}

impl SepayMode {
    /// HMAC with SePay's documented five-minute window.
    pub fn hmac(secret: impl Into<String>) -> Self {
        SepayMode::Hmac {
            secrets: vec![secret.into()],
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
        }
    }

    pub fn name(&self) -> SepayModeName {
        match self {
            SepayMode::None => SepayModeName::None,
            SepayMode::ApiKey(_) => SepayModeName::ApiKey,
            SepayMode::OAuth2(_) => SepayModeName::OAuth2,
            SepayMode::Hmac { .. } => SepayModeName::Hmac,
        }
    }
}

/// Options of [`SepayVerifier`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SepayOptions {
    pub mode: SepayMode,
    pub max_body_bytes: usize,
}

impl SepayOptions {
    pub fn new(mode: SepayMode) -> Self {
        SepayOptions {
            mode,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// The per-mode state, built once.
#[derive(Clone, Debug)]
pub(super) enum Check {
    None,
    ApiKey(Vec<String>),
    OAuth2(Vec<String>),
    Hmac(HmacCheck),
}

/// Verifies SePay deliveries. Build once, call for every delivery.
#[derive(Clone, Debug)]
pub struct SepayVerifier {
    options: SepayOptions,
    pub(super) check: Check,
}

impl SepayVerifier {
    /// Refuses empty keys, tokens and secrets, and ones with surrounding whitespace (they
    /// could never match and would only show up later as mismatches).
    pub fn new(options: SepayOptions) -> Result<Self> {
        let check = match &options.mode {
            SepayMode::None => Check::None,
            SepayMode::ApiKey(keys) => {
                check_secret_list(P, "apiKey", keys)?;
                Check::ApiKey(keys.clone())
            }
            SepayMode::OAuth2(tokens) => {
                check_secret_list(P, "accessToken", tokens)?;
                Check::OAuth2(tokens.clone())
            }
            SepayMode::Hmac {
                secrets,
                tolerance_seconds,
            } => {
                check_secret_list(P, "secret", secrets)?;
                Check::Hmac(HmacCheck::new(secrets, *tolerance_seconds))
            }
        };
        Ok(SepayVerifier { options, check })
    }

    pub fn options(&self) -> &SepayOptions {
        &self.options
    }

    /// Authenticates the delivery, then returns the typed transaction.
    pub fn verify(
        &self,
        body: &[u8],
        headers: &HeaderList,
        now_ms: i64,
    ) -> Result<SepayTransaction> {
        Ok(self.verify_decoded(body, headers, now_ms)?.transaction)
    }

    /// As [`Self::verify`], returning the JSON text of the transaction for `JSON.parse`
    /// (every member SePay sent, plus `transactionDateIso`).
    pub fn verify_to_js_json(
        &self,
        body: &[u8],
        headers: &HeaderList,
        now_ms: i64,
    ) -> Result<String> {
        self.verify_decoded(body, headers, now_ms)?.to_js_json()
    }

    /// The headers `verify` may read: the mode's credentials and `content-type` (the body's
    /// format). No other header changes its verdict, so a caller may pass only these (the
    /// wasm build copies only these of the request's headers into wasm memory).
    pub fn header_names(&self) -> Vec<&'static str> {
        let mut names = vec!["content-type"];
        match &self.check {
            Check::None => {}
            Check::ApiKey(_) | Check::OAuth2(_) => names.push(AUTHORIZATION),
            Check::Hmac(_) => names.extend([SIGNATURE_HEADER, TIMESTAMP_HEADER]),
        }
        names
    }

    /// Authentication only, without reading the body.
    pub fn authenticate(&self, body: &[u8], headers: &HeaderList, now_ms: i64) -> Result<()> {
        check_body_size(P, body.len(), self.options.max_body_bytes)?;
        match &self.check {
            Check::None => Ok(()),
            Check::ApiKey(keys) => check_api_key(keys, headers),
            Check::OAuth2(tokens) => check_bearer(tokens, headers),
            Check::Hmac(hmac) => hmac.check(body, headers, now_ms),
        }
    }

    /// Nothing unauthenticated is ever interpreted: the body is read only after the check.
    pub(super) fn verify_decoded<'b>(
        &self,
        body: &'b [u8],
        headers: &HeaderList,
        now_ms: i64,
    ) -> Result<DecodedBody<'b>> {
        self.authenticate(body, headers, now_ms)?;
        decode(body, headers.first("content-type"))
    }
}
