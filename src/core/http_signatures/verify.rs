//! Verifying the HTTP message signatures of a request (RFC 9421 §3.2).
//!
//! Every label of `Signature-Input` is checked on its own: parameters, freshness, coverage of
//! `Content-Digest`, the rebuilt signature base, then the signature with the trusted keys that
//! fit its `keyid` and `alg`. One valid signature from a trusted key is enough (a sender may
//! sign twice during a key rotation, and a proxy may add a signature of its own). When none
//! verifies, the error says why for each label.

use super::content_digest::{check_content_digest, content_digest_value, DigestAlgorithm};
use super::keys::{Algorithm, TrustedKey};
use super::signature_base::{build_signature_base, covered_components, RequestContext};
use super::structured_fields::{parse_dictionary, BareItem, Dictionary, InnerList, Member};
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::time_window::TimeWindow;

/// More labels than this is refused: each one may cost an RSA verification per key, and no
/// legitimate sender needs more.
pub const MAX_SIGNATURES: usize = 16;

/// Verifies RFC 9421 signatures with a fixed set of trusted keys.
#[derive(Debug)]
pub struct HttpSignatureVerifier {
    keys: Vec<TrustedKey>,
    window: TimeWindow,
    require_content_digest: bool,
    require_created: bool,
    provider: Provider,
}

/// The signature that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedSignature {
    pub label: String,
    pub keyid: Option<String>,
    pub algorithm: Algorithm,
    pub created: Option<i64>,
    pub expires: Option<i64>,
    /// The covered components, in the signer's order.
    pub covered: Vec<String>,
}

/// What was found and decided for one label, for diagnosis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureCheck {
    pub label: String,
    pub keyid: Option<String>,
    /// The `alg` parameter as sent, if any.
    pub alg: Option<String>,
    pub created: Option<i64>,
    pub expires: Option<i64>,
    pub covered: Vec<String>,
    /// The `Signature-Input` member as received (the `@signature-params` value).
    pub signature_params: String,
    /// The rebuilt signature base, when it could be built.
    pub base: Option<String>,
    /// The algorithm of the key that verified, or why this label failed.
    pub outcome: Result<Algorithm>,
}

/// Everything `explain` can tell about a request, with the same verdict `verify` gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// One entry per `Signature-Input` label, in order (empty if the headers are unusable).
    pub signatures: Vec<SignatureCheck>,
    /// The `Content-Digest` (sha-256) of the body received, to compare with the header.
    pub body_content_digest: String,
    pub result: Result<VerifiedSignature>,
}

/// The parameters of one `Signature-Input` member that verification reads.
struct SignatureParams {
    created: Option<i64>,
    expires: Option<i64>,
    keyid: Option<String>,
    alg: Option<String>,
}

impl HttpSignatureVerifier {
    /// A verifier trusting `keys`, accepting `created` within `window` of now. By default a
    /// non-empty body must be covered through `content-digest`, and `created` is required.
    /// No key at all is `invalid_key`.
    pub fn new(keys: Vec<TrustedKey>, window: TimeWindow) -> Result<Self> {
        if keys.is_empty() {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::InvalidKey,
                "no trusted key was configured",
            ));
        }
        Ok(HttpSignatureVerifier {
            keys,
            window,
            require_content_digest: true,
            require_created: true,
            provider: Provider::Core,
        })
    }

    /// Whether a signature must cover `content-digest` when the body is not empty. Turning
    /// this off leaves the body unauthenticated unless the signer covers the digest anyway.
    pub fn require_content_digest(mut self, required: bool) -> Self {
        self.require_content_digest = required;
        self
    }

    /// Whether a signature without `created` is refused (without it there is no replay window).
    pub fn require_created(mut self, required: bool) -> Self {
        self.require_created = required;
        self
    }

    /// The provider errors are attributed to (`err.provider`).
    pub fn provider(mut self, provider: Provider) -> Self {
        self.provider = provider;
        self
    }

    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }

    /// Verifies `request` with its raw `body` at `now_ms` (milliseconds since the epoch).
    pub fn verify(
        &self,
        request: &RequestContext<'_>,
        body: &[u8],
        now_ms: i64,
    ) -> Result<VerifiedSignature> {
        let checks = self.check_all(request, body, now_ms)?;
        self.verdict(&checks)
    }

    /// Like [`verify`](Self::verify), but returns every label's rebuilt base and outcome.
    pub fn explain(&self, request: &RequestContext<'_>, body: &[u8], now_ms: i64) -> Explanation {
        let body_content_digest = content_digest_value(DigestAlgorithm::Sha256, body);
        match self.check_all(request, body, now_ms) {
            Ok(signatures) => {
                let result = self.verdict(&signatures);
                Explanation {
                    signatures,
                    body_content_digest,
                    result,
                }
            }
            Err(e) => Explanation {
                signatures: Vec::new(),
                body_content_digest,
                result: Err(e),
            },
        }
    }

    /// Parses both headers and checks every label. Fails only when the headers themselves
    /// are absent or unreadable.
    fn check_all(
        &self,
        request: &RequestContext<'_>,
        body: &[u8],
        now_ms: i64,
    ) -> Result<Vec<SignatureCheck>> {
        let (inputs, signatures) =
            read_headers(request).map_err(|e| e.for_provider(self.provider))?;
        // The body digest is the same for every label: check it once, when first needed.
        let mut digest_outcome: Option<Result<()>> = None;
        let mut checks = Vec::with_capacity(inputs.entries.len());
        for entry in &inputs.entries {
            let mut check = SignatureCheck {
                label: entry.key.clone(),
                keyid: None,
                alg: None,
                created: None,
                expires: None,
                covered: Vec::new(),
                signature_params: entry.raw.clone(),
                base: None,
                outcome: Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::SignatureMismatch,
                    "not checked",
                )),
            };
            let outcome = self.check_one(
                &mut check,
                &entry.member,
                &signatures,
                request,
                body,
                now_ms,
                &mut digest_outcome,
            );
            check.outcome = outcome.map_err(|e| e.for_provider(self.provider));
            checks.push(check);
        }
        Ok(checks)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_one(
        &self,
        check: &mut SignatureCheck,
        member: &Member,
        signatures: &Dictionary,
        request: &RequestContext<'_>,
        body: &[u8],
        now_ms: i64,
        digest_outcome: &mut Option<Result<()>>,
    ) -> Result<Algorithm> {
        let label = check.label.clone();
        let Member::InnerList(list) = member else {
            return Err(malformed(format!(
                "`Signature-Input` member `{label}` is not a list of components `(...)`"
            )));
        };
        check.covered = covered_components(list)?;
        let params = signature_params(list)?;
        check.keyid = params.keyid.clone();
        check.alg = params.alg.clone();
        check.created = params.created;
        check.expires = params.expires;
        let signature = signature_bytes(signatures, &label)?;
        let base = build_signature_base(request, &check.covered, &check.signature_params)?;
        check.base = Some(base.clone());

        let candidates = self.candidate_keys(&label, &params)?;
        self.check_time(&label, &params, now_ms)?;
        let covers_digest = check.covered.iter().any(|c| c == "content-digest");
        if self.require_content_digest && !body.is_empty() && !covers_digest {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::SignatureMismatch,
                format!(
                    "signature `{label}` does not cover `content-digest`, so nothing ties it to the body"
                ),
            )
            .with_hint("the sender must sign Content-Digest; only turn `require_content_digest` off if the body needs no protection"));
        }
        if covers_digest {
            let outcome = digest_outcome.get_or_insert_with(|| {
                // Covered, so build_signature_base found the header: `combined` is Some.
                let value = request
                    .headers
                    .combined("content-digest")
                    .unwrap_or_default();
                check_content_digest(&value, body).map(|_| ())
            });
            outcome.clone()?;
        }
        let count = candidates.len();
        for key in candidates {
            if key.verify(base.as_bytes(), &signature) {
                return Ok(key.algorithm());
            }
        }
        Err(HooksealError::new(
            Provider::Core,
            ErrorCode::SignatureMismatch,
            format!(
                "signature `{label}` does not verify with the {count} trusted key(s) that fit it"
            ),
        )
        .with_hint(
            "the request passed differs from the one signed: check `method`, `url` (the \
                     public URL the sender posted to, not the one behind a proxy) and the headers; \
                     `explain` shows the signature base",
        ))
    }

    /// Keys bound to the signature's `alg` (when given) and compatible with its `keyid`.
    fn candidate_keys(&self, label: &str, params: &SignatureParams) -> Result<Vec<&TrustedKey>> {
        let alg = match &params.alg {
            Some(name) => Some(Algorithm::from_name(name).ok_or_else(|| {
                let supported: Vec<&str> = Algorithm::ALL.iter().map(|a| a.as_str()).collect();
                malformed(format!(
                    "signature `{label}` uses the algorithm `{name}`, which is not supported (supported: {})",
                    crate::core::text::join(&supported, ", ")
                ))
            })?),
            None => None,
        };
        let mut keys: Vec<&TrustedKey> = Vec::new();
        for k in &self.keys {
            let alg_fits = alg.is_none_or(|a| a == k.algorithm());
            let keyid_fits = match (k.keyid(), params.keyid.as_deref()) {
                (Some(mine), Some(theirs)) => mine == theirs,
                _ => true,
            };
            if alg_fits && keyid_fits {
                keys.push(k);
            }
        }
        if keys.is_empty() {
            let keyid = params.keyid.as_deref().unwrap_or("(none)");
            let alg = params.alg.as_deref().unwrap_or("(none)");
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::SignatureMismatch,
                format!("signature `{label}` is from an untrusted key: no trusted key has keyid `{keyid}` and alg `{alg}`"),
            )
            .with_hint("configure the sender's current public key (it may have been rotated)"));
        }
        Ok(keys)
    }

    fn check_time(&self, label: &str, params: &SignatureParams, now_ms: i64) -> Result<()> {
        match params.created {
            Some(created) => self.window.check(Provider::Core, created, now_ms)?,
            None if self.require_created => {
                return Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::TimestampInvalid,
                    format!(
                        "signature `{label}` has no `created` parameter, so its age is unknown"
                    ),
                ))
            }
            None => {}
        }
        if let Some(expires) = params.expires {
            if params.created.is_some_and(|c| expires < c) {
                return Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::TimestampInvalid,
                    format!("signature `{label}` expires before it was created"),
                ));
            }
            let now = now_ms.div_euclid(1000);
            if now > expires {
                return Err(HooksealError::new(
                    Provider::Core,
                    ErrorCode::TimestampTooOld,
                    format!("signature `{label}` expired {} s ago", now - expires),
                ));
            }
        }
        Ok(())
    }

    /// No valid label: one failure is returned as is; several are summed up, under their
    /// common code if they share one, else `signature_mismatch`.
    fn verdict(&self, checks: &[SignatureCheck]) -> Result<VerifiedSignature> {
        for check in checks {
            if let Ok(algorithm) = check.outcome {
                return Ok(VerifiedSignature {
                    label: check.label.clone(),
                    keyid: check.keyid.clone(),
                    algorithm,
                    created: check.created,
                    expires: check.expires,
                    covered: check.covered.clone(),
                });
            }
        }
        // Loops rather than adapter chains: each chain is its own code in the wasm.
        let mut errors: Vec<(&str, &HooksealError)> = Vec::new();
        for c in checks {
            if let Err(e) = &c.outcome {
                errors.push((c.label.as_str(), e));
            }
        }
        match errors.as_slice() {
            [] => Err(HooksealError::new(
                self.provider,
                ErrorCode::MissingSignature,
                "the request carries no signature",
            )),
            [(_, only)] => Err((*only).clone()),
            [(_, first), ..] => {
                let code = if errors.iter().all(|(_, e)| e.code == first.code) {
                    first.code
                } else {
                    ErrorCode::SignatureMismatch
                };
                let mut reasons = Vec::with_capacity(errors.len());
                for (label, e) in &errors {
                    reasons.push(format!("`{label}`: {} ({})", e.message, e.code));
                }
                let mut e = HooksealError::new(
                    self.provider,
                    code,
                    format!(
                        "no signature verified; {}",
                        crate::core::text::join(&reasons, "; ")
                    ),
                );
                e.hint = first.hint.clone();
                Err(e)
            }
        }
    }
}

fn malformed(message: String) -> HooksealError {
    HooksealError::new(Provider::Core, ErrorCode::MalformedSignature, message)
}

/// Parses `Signature-Input` and `Signature`; absent or empty is `missing_signature`.
fn read_headers(request: &RequestContext<'_>) -> Result<(Dictionary, Dictionary)> {
    let read = |name: &str| -> Result<Dictionary> {
        let value = request.headers.combined(name).ok_or_else(|| {
            HooksealError::new(
                Provider::Core,
                ErrorCode::MissingSignature,
                format!("the request has no `{name}` header"),
            )
            .with_hint("pass every header as received")
        })?;
        parse_dictionary(name, &value)
    };
    let inputs = read("signature-input")?;
    let signatures = read("signature")?;
    if inputs.entries.len() > MAX_SIGNATURES {
        return Err(malformed(format!(
            "`Signature-Input` declares {} signatures; at most {MAX_SIGNATURES} are accepted",
            inputs.entries.len()
        )));
    }
    Ok((inputs, signatures))
}

/// The bytes of `label` in the `Signature` dictionary.
fn signature_bytes(signatures: &Dictionary, label: &str) -> Result<Vec<u8>> {
    let entry = signatures.get(label).ok_or_else(|| {
        HooksealError::new(
            Provider::Core,
            ErrorCode::MissingSignature,
            format!("`Signature-Input` declares `{label}`, but `Signature` has no `{label}`"),
        )
    })?;
    match &entry.member {
        Member::Item(item) => match &item.value {
            BareItem::ByteSequence(bytes) if !bytes.is_empty() => Ok(bytes.clone()),
            BareItem::ByteSequence(_) => Err(malformed(format!("signature `{label}` is empty"))),
            _ => Err(malformed(format!(
                "signature `{label}` is not a byte sequence `:base64:`"
            ))),
        },
        Member::InnerList(_) => Err(malformed(format!(
            "signature `{label}` is a list, not a byte sequence `:base64:`"
        ))),
    }
}

/// Reads `created`, `expires`, `keyid` and `alg` (RFC 9421 §2.3), checking their types.
/// Other parameters (`nonce`, `tag`, extensions) are signed but not interpreted.
fn signature_params(list: &InnerList) -> Result<SignatureParams> {
    let time = |name: &str| -> Result<Option<i64>> {
        match list.params.get(name) {
            None => Ok(None),
            Some(BareItem::Integer(t)) if *t >= 0 => Ok(Some(*t)),
            Some(_) => Err(HooksealError::new(
                Provider::Core,
                ErrorCode::TimestampInvalid,
                format!("the `{name}` parameter is not a non-negative integer of seconds"),
            )),
        }
    };
    let text = |name: &str| -> Result<Option<String>> {
        match list.params.get(name) {
            None => Ok(None),
            Some(BareItem::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(malformed(format!(
                "the `{name}` parameter is not a quoted string"
            ))),
        }
    };
    Ok(SignatureParams {
        created: time("created")?,
        expires: time("expires")?,
        keyid: text("keyid")?,
        alg: text("alg")?,
    })
}
