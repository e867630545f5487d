//! Verifying a Numeral delivery: HTTP Message Signatures (RFC 9421) when the request carries
//! them, else the older `TX-Numeral-Signature-<N>` scheme; then the typed event.

use crate::core::body_limit::check_body_size;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::http_signatures::{
    Algorithm, HttpSignatureVerifier, RequestContext, TrustedKey, VerifiedSignature,
};
use crate::core::time_window::TimeWindow;

use super::event::NumeralEvent;
use super::legacy::{self, LegacyHeaders};
use super::options::NumeralOptions;
use super::published_keys::NUMERAL_PUBLIC_KEYS;

pub(super) const P: Provider = Provider::Numeral;

/// The request line parts RFC 9421 signs. Both are needed for the current scheme: Numeral
/// covers `@method`, `@authority` and `@request-target`.
#[derive(Clone, Copy, Debug, Default)]
pub struct NumeralRequest<'a> {
    /// The request method as received, e.g. `POST`.
    pub method: Option<&'a str>,
    /// The absolute URL Numeral posted to, e.g. `https://example.com/webhooks/numeral?x=1`.
    pub url: Option<&'a str>,
}

impl<'a> NumeralRequest<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        NumeralRequest {
            method: Some(method),
            url: Some(url),
        }
    }
}

/// Which of Numeral's schemes authenticated a delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumeralScheme {
    /// RFC 9421, with the label, keyid and covered components of the signature that verified.
    HttpMessageSignatures(VerifiedSignature),
    /// The older scheme: the header that verified (`tx-numeral-signature-1`, …).
    Legacy { header: String },
}

/// Verifies Numeral (Mambu Payments) deliveries. Build once, call for every delivery.
#[derive(Debug)]
pub struct NumeralVerifier {
    pub(super) options: NumeralOptions,
    pub(super) http: HttpSignatureVerifier,
    /// How each trusted key is named in diagnoses, in the order of `http.keys()`.
    pub(super) key_names: Vec<String>,
}

impl NumeralVerifier {
    /// Loads the trusted keys: `options.public_keys`, or Numeral's published ones when empty.
    /// An unreadable PEM is `invalid_key` naming which one.
    pub fn new(options: NumeralOptions) -> Result<Self> {
        // One plain loop: each `map(..).collect()` chain is its own code in the wasm.
        let published = options.public_keys.is_empty();
        let count = if published {
            NUMERAL_PUBLIC_KEYS.len()
        } else {
            options.public_keys.len()
        };
        let mut keys = Vec::with_capacity(count);
        let mut names = Vec::with_capacity(count);
        for i in 0..count {
            let (pem, name) = if published {
                let pem = NUMERAL_PUBLIC_KEYS.get(i).copied().unwrap_or_default();
                (pem, format!("Numeral published key {}", i + 1))
            } else {
                let pem = options.public_keys.get(i).map_or("", String::as_str);
                (pem, format!("publicKeys[{i}]"))
            };
            let key = TrustedKey::from_pem(pem, Algorithm::RsaV1_5Sha256).map_err(|e| {
                let mut e = e.for_provider(P);
                e.message = format!("{name}: {}", e.message);
                e
            })?;
            keys.push(key);
            names.push(name);
        }
        let http = HttpSignatureVerifier::new(keys, TimeWindow::seconds(options.tolerance_seconds))
            .map_err(|e| e.for_provider(P))?
            .provider(P);
        Ok(NumeralVerifier {
            options,
            http,
            key_names: names,
        })
    }

    pub fn options(&self) -> &NumeralOptions {
        &self.options
    }

    /// Verifies the delivery, then returns the typed event. The signature is checked before
    /// the body is parsed: nothing unverified is ever interpreted.
    pub fn verify(
        &self,
        body: &[u8],
        headers: &HeaderList,
        request: NumeralRequest<'_>,
        now_ms: i64,
    ) -> Result<NumeralEvent> {
        self.authenticate(body, headers, request, now_ms)?;
        NumeralEvent::from_json(body)
    }

    /// [`Self::verify`] without building the typed event: the same checks, the same errors,
    /// for callers that only need the verdict (the wasm, whose JavaScript object is
    /// `JSON.parse` of the raw body). The shape is checked with `core::wire_shape`'s tables,
    /// which keeps serde's typed reading out of the wasm.
    pub fn verify_shape(
        &self,
        body: &[u8],
        headers: &HeaderList,
        request: NumeralRequest<'_>,
        now_ms: i64,
    ) -> Result<NumeralScheme> {
        let scheme = self.authenticate(body, headers, request, now_ms)?;
        super::event::check_json(body)?;
        Ok(scheme)
    }

    /// Checks the signature only, and says which scheme and signature verified.
    pub fn authenticate(
        &self,
        body: &[u8],
        headers: &HeaderList,
        request: NumeralRequest<'_>,
        now_ms: i64,
    ) -> Result<NumeralScheme> {
        check_body_size(P, body.len(), self.options.max_body_bytes)?;
        if has_http_signatures(headers) {
            require_request_line(request)?;
            let ctx = RequestContext::new(request.method, request.url, headers);
            return self
                .http
                .verify(&ctx, body, now_ms)
                .map(NumeralScheme::HttpMessageSignatures)
                .map_err(|e| e.for_provider(P));
        }
        let found = LegacyHeaders::find(headers);
        if !found.signatures.is_empty() {
            let header = legacy::verify(
                self.options.legacy,
                self.http.keys(),
                self.window(),
                &found,
                body,
                now_ms,
            )?;
            return Ok(NumeralScheme::Legacy { header });
        }
        Err(HooksealError::new(
            P,
            ErrorCode::MissingSignature,
            "the request has no `Signature-Input`/`Signature` headers and no `TX-Numeral-Signature-<N>` header",
        )
        .with_hint("pass every header as received (req.headers, or the Fetch Request's headers); a proxy may strip them"))
    }

    pub(super) fn window(&self) -> TimeWindow {
        TimeWindow::seconds(self.options.tolerance_seconds)
    }
}

/// Whether the request carries the current scheme's headers.
pub(super) fn has_http_signatures(headers: &HeaderList) -> bool {
    headers.contains("signature-input") || headers.contains("signature")
}

/// The current scheme signs the method and URL: say so before anything else when they are
/// missing, since a signature mismatch would hide the real mistake.
pub(super) fn require_request_line(request: NumeralRequest<'_>) -> Result<()> {
    let method = request.method.is_some_and(|m| !m.is_empty());
    let url = request.url.is_some_and(|u| !u.is_empty());
    let missing = match (method, url) {
        (true, true) => return Ok(()),
        (false, true) => "`method` was",
        (true, false) => "`url` was",
        (false, false) => "`method` and `url` were",
    };
    Err(HooksealError::new(
        P,
        ErrorCode::InvalidInput,
        format!(
            "Numeral signs the request method and URL (`@method`, `@authority`, `@request-target`), but {missing} not given"
        ),
    )
    .with_hint(
        "pass them with the body and headers: verify(body, headers, { method: req.method, url: \
         'https://' + req.headers.host + req.originalUrl }); `url` is the public URL Numeral \
         posted to (behind a proxy, the outside host and path, not the internal ones). With a \
         Fetch API Request, verifyRequest(request) passes both for you",
    ))
}
