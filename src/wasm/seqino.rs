//! `SeqinoVerifier` for JavaScript.

use wasm_bindgen::prelude::*;

use super::input::{self, get};
use super::output::{parse_json, parse_verified_body, throw, throw_in_constructor, to_js_value};
use crate::core::error::{HooksealError, Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::json::js_output::to_js_json;
use crate::core::signature_encoding::SignatureEncoding;
use crate::core::wire_shape::Skipped;
use crate::providers::seqino::{
    self, SeqinoKeyForm, SeqinoOptions, SeqinoVerified, SeqinoVerifier as Core,
};

const P: Provider = Provider::Seqino;

#[wasm_bindgen(js_name = SeqinoVerifier)]
pub struct SeqinoVerifier {
    core: Core,
    /// The headers `verify` reads (`input::header_names`): only these cross into wasm.
    signature_headers: JsValue,
}

fn options(js: &JsValue) -> Result<SeqinoOptions> {
    input::options_object(
        P,
        js,
        "e.g. new SeqinoVerifier({ secret: process.env.SEQINO_WEBHOOK_SECRET })",
    )?;
    let mut o = SeqinoOptions::with_secrets(input::secret_list(P, js, "secret")?);
    o.header = input::opt_string(P, js, "header")?;
    if let Some(e) = input::opt_string(P, js, "encoding")? {
        o.encoding = SignatureEncoding::parse(&e).ok_or_else(|| {
            super::error::invalid_input(
                P,
                format!("unknown encoding '{e}'"),
                "use 'hex', 'base64' or 'auto'",
            )
        })?;
    }
    if let Some(k) = input::opt_string(P, js, "key")? {
        o.key = SeqinoKeyForm::parse(&k).ok_or_else(|| {
            super::error::invalid_input(P, format!("unknown key form '{k}'"), "use 'utf8' or 'hex'")
        })?;
    }
    o.tolerance_seconds = input::opt_u64(P, js, "toleranceSeconds")?;
    o.max_body_bytes = input::max_body_bytes(P, js)?;
    Ok(o)
}

impl SeqinoVerifier {
    fn run(&self, body_js: &JsValue, headers: &JsValue, opts: &JsValue) -> Result<JsValue> {
        let body = self.check(body_js, headers, opts, Skipped::LeftToParser)?;
        event_object(body_js, &body)
    }

    /// Everything `verify` checks, without building the JS object (`isValid` needs none).
    /// With [`Skipped::LeftToParser`] (`verify`), the syntax of what the event's shape does not
    /// describe is left to `event_object`'s `JSON.parse`.
    fn check(
        &self,
        body_js: &JsValue,
        headers: &JsValue,
        opts: &JsValue,
        skipped: Skipped,
    ) -> Result<Vec<u8>> {
        // Headers and options before the body: reading them may run JS (getters, iterators),
        // and a bad header is refused before the body is copied. The object is parsed from
        // the copy verified here, whatever JS does to the caller's buffer meanwhile.
        let headers = input::headers_among(P, headers, &self.signature_headers)?;
        let now = self.now_ms(opts)?;
        let body = input::body(P, body_js, self.core.options().max_body_bytes)?;
        self.core
            .verify_raw_skipping(&body, &headers, now, skipped)?;
        Ok(body)
    }

    /// The time `verify` checks `timestamp` against: only read when `toleranceSeconds` is set.
    fn now_ms(&self, opts: &JsValue) -> Result<i64> {
        input::now_ms_if(P, opts, self.core.options().tolerance_seconds.is_some())
    }

    fn run_signature(
        &self,
        body: &JsValue,
        signature: &JsValue,
        opts: &JsValue,
    ) -> Result<JsValue> {
        let signature = input::string_arg(P, signature, "the signature")?;
        let now = self.now_ms(opts)?;
        let body_js = body;
        let body = input::body(P, body_js, self.core.options().max_body_bytes)?;
        self.core
            .verify_signature_raw_skipping(&body, &signature, now, Skipped::LeftToParser)?;
        event_object(body_js, &body)
    }
}

/// The verified event for JS: `JSON.parse` of the verified body when that is exact, else of the
/// JS-safe rewrite.
///
/// `body` was verified with its skipped values' syntax left to the parser
/// ([`Skipped::LeftToParser`]): the invoice lines a Seqino event carries are most of its bytes,
/// and `JSON.parse` reads them anyway, refusing exactly the texts the check would refuse (the
/// body as decoded, or its Latin-1 form, which is valid JSON exactly when the body is). So
/// when `JSON.parse` does not take the body as it is (it refused it, or the body goes through
/// the rewrite, which expects valid JSON), the checked walk runs first and gives its verdict.
/// Measured on a 2 KB invoice event: `verify` 1.03-1.04x.
fn event_object(body_js: &JsValue, body: &[u8]) -> Result<JsValue> {
    match parse_verified_body(body_js, body) {
        Some(event) => Ok(event),
        None => {
            SeqinoVerified::parse(body)?;
            parse_json(P, &to_js_json(P, body)?)
        }
    }
}

#[wasm_bindgen(js_class = SeqinoVerifier)]
impl SeqinoVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SeqinoVerifierOptions")] opts: JsValue,
    ) -> std::result::Result<SeqinoVerifier, JsValue> {
        throw_in_constructor(
            options(&opts)
                .and_then(Core::new)
                .map(|core| SeqinoVerifier {
                    signature_headers: input::header_names(core.signature_header_names()),
                    core,
                }),
        )
    }

    /// Verifies a delivery and returns the typed event; throws `HooksealError`.
    #[wasm_bindgen(unchecked_return_type = "SeqinoEvent")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
    ) -> std::result::Result<JsValue, JsValue> {
        throw(self.run(&body, &headers, &opts.unwrap_or(JsValue::UNDEFINED)))
    }

    /// Verifies a signature you extracted yourself.
    #[wasm_bindgen(js_name = verifySignature, unchecked_return_type = "SeqinoEvent")]
    pub fn verify_signature(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] signature: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
    ) -> std::result::Result<JsValue, JsValue> {
        throw(self.run_signature(&body, &signature, &opts.unwrap_or(JsValue::UNDEFINED)))
    }

    /// `verify` as a boolean; never throws for a delivery (only `invalid_input` for a call
    /// without its verifier, or on a freed one).
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
    ) -> bool {
        self.check(
            &body,
            &headers,
            &opts.unwrap_or(JsValue::UNDEFINED),
            Skipped::Checked,
        )
        .is_ok()
    }

    /// What is wrong with a delivery, and which signature variant matches.
    /// `opts.signature` overrides the header lookup.
    #[wasm_bindgen(unchecked_return_type = "SeqinoDiagnosis")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "HeaderBag")] headers: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions & { signature?: string }")]
        opts: Option<JsValue>,
    ) -> std::result::Result<JsValue, JsValue> {
        throw((|| {
            let body = input::body(P, &body, self.core.options().max_body_bytes)?;
            let opts = opts.unwrap_or(JsValue::UNDEFINED);
            let headers = match headers.filter(|h| !h.is_null()) {
                None => HeaderList::new(),
                Some(h) => input::headers(P, &h)?,
            };
            let now = input::now_ms(P, &opts)?;
            let signature = get(&opts, "signature").and_then(|v| v.as_string());
            to_js_value(
                P,
                &self
                    .core
                    .explain(&body, &headers, signature.as_deref(), now),
            )
        })())
    }
}

/// Test helper: the signature Seqino would send (lowercase hex HMAC-SHA256 of the body, key =
/// the secret's UTF-8 bytes).
#[wasm_bindgen(js_name = signSeqino)]
pub fn sign_seqino(
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> std::result::Result<String, JsValue> {
    throw((|| -> Result<String> {
        let body = input::body_up_to_ceiling(P, &body)?;
        let secret = input::string_arg(P, &secret, "the secret")?;
        crate::core::secret::check_secret_text(P, "secret", &secret)
            .map_err(|e: HooksealError| e)?;
        Ok(seqino::sign(&body, &secret))
    })())
}

#[wasm_bindgen(typescript_custom_section)]
const SEQINO_OPTIONS_TS: &str = r#"
/** Options of `new SeqinoVerifier(...)`. Seqino does not publish its scheme; the defaults are
 *  the most likely reading, and `explain()` tells which variant a real delivery uses. */
export interface SeqinoVerifierOptions {
  /** The 64-hex-character secret returned when the webhook was created; several during a rotation. */
  secret: string | string[];
  /** Header carrying the signature. Default: the first present of x-seqino-signature,
   *  x-webhook-signature, x-signature, x-hub-signature-256, signature (ASSUMPTION). */
  header?: string;
  /** Default 'auto': hex when 64 hex digits, else base64. */
  encoding?: 'hex' | 'base64' | 'auto';
  /** Default 'utf8': the secret's characters are the key (ASSUMPTION); 'hex': its 32 decoded bytes. */
  key?: 'utf8' | 'hex';
  /** If set, the signed body's `timestamp` must be within this many seconds of now. Default: unchecked. */
  toleranceSeconds?: number;
  /** Bodies larger than this are refused before being read. Default 1 MiB; at most 256 MiB. */
  maxBodyBytes?: number;
}
"#;
