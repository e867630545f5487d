//! `NumeralVerifier` for JavaScript.

use wasm_bindgen::prelude::*;

use super::input;
use super::output::{parse_json, parse_verified_body, throw, throw_in_constructor, to_js_value};
use crate::core::error::{Provider, Result};
use crate::core::json::js_output::to_js_json;
use crate::providers::numeral::{
    NumeralLegacyMessage, NumeralOptions, NumeralRequest, NumeralVerifier as Core,
};

const P: Provider = Provider::Numeral;

#[wasm_bindgen(js_name = NumeralVerifier)]
pub struct NumeralVerifier {
    core: Core,
}

/// Options are optional altogether: `new NumeralVerifier()` trusts Numeral's published keys.
fn options(js: &JsValue) -> Result<NumeralOptions> {
    let mut o = NumeralOptions::default();
    if js.is_undefined() || js.is_null() {
        return Ok(o);
    }
    input::options_object(
        P,
        js,
        "e.g. new NumeralVerifier() (Numeral's published keys) or new NumeralVerifier({ publicKeys: [pem] })",
    )?;
    if input::option(P, js, "publicKeys")?.is_some() {
        o.public_keys = input::secret_list(P, js, "publicKeys")?;
        if o.public_keys.is_empty() {
            return Err(super::error::invalid_input(
                P,
                "`publicKeys` is empty",
                "omit it to trust Numeral's published keys, or pass at least one PEM",
            ));
        }
    }
    if let Some(t) = input::opt_u64(P, js, "toleranceSeconds")? {
        o.tolerance_seconds = t;
    }
    if let Some(l) = input::opt_string(P, js, "legacy")? {
        o.legacy = NumeralLegacyMessage::parse(&l).ok_or_else(|| {
            super::error::invalid_input(
                P,
                format!("unknown legacy variant '{l}'"),
                "use 'timestamp.body', 'timestampbody', 'body' or 'off'",
            )
        })?;
    }
    o.max_body_bytes = input::max_body_bytes(P, js)?;
    Ok(o)
}

/// `{ method, url }` of the verify options.
fn request_line(opts: &JsValue) -> Result<(Option<String>, Option<String>)> {
    Ok((
        input::opt_string(P, opts, "method")?,
        input::opt_string(P, opts, "url")?,
    ))
}

/// An omitted options argument reads as `undefined` (every option has a default).
fn or_undefined(opts: Option<JsValue>) -> JsValue {
    opts.unwrap_or(JsValue::UNDEFINED)
}

impl NumeralVerifier {
    fn run(&self, body_js: &JsValue, headers: &JsValue, opts: &JsValue) -> Result<JsValue> {
        let body = self.check(body_js, headers, opts)?;
        // The verified body parsed in JS when that is exact, else the JS-safe rewrite.
        match parse_verified_body(body_js, &body) {
            Some(event) => Ok(event),
            None => parse_json(P, &to_js_json(P, &body)?),
        }
    }

    /// Everything `verify` checks, without building the JS object (`isValid` needs none).
    fn check(&self, body_js: &JsValue, headers: &JsValue, opts: &JsValue) -> Result<Vec<u8>> {
        // Headers and options before the body: reading them may run JS (getters, iterators),
        // and a bad header is refused before the body is copied. The object is parsed from
        // the copy verified here, whatever JS does to the caller's buffer meanwhile.
        let headers = input::headers(P, headers)?;
        let now = input::now_ms(P, opts)?;
        let (method, url) = request_line(opts)?;
        let request = NumeralRequest {
            method: method.as_deref(),
            url: url.as_deref(),
        };
        let body = input::body(P, body_js, self.core.options().max_body_bytes)?;
        self.core.verify_shape(&body, &headers, request, now)?;
        Ok(body)
    }
}

#[wasm_bindgen(js_class = NumeralVerifier)]
impl NumeralVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "NumeralVerifierOptions")] opts: Option<
            JsValue,
        >,
    ) -> std::result::Result<NumeralVerifier, JsValue> {
        throw_in_constructor(
            options(&or_undefined(opts))
                .and_then(Core::new)
                .map(|core| NumeralVerifier { core }),
        )
    }

    /// Verifies a delivery and returns the typed event; throws `HooksealError`.
    #[wasm_bindgen(unchecked_return_type = "NumeralEvent")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "NumeralVerifyOptions")] opts: Option<
            JsValue,
        >,
    ) -> std::result::Result<JsValue, JsValue> {
        throw(self.run(&body, &headers, &or_undefined(opts)))
    }

    /// `verify` as a boolean; never throws for a delivery (only `invalid_input` for a call
    /// without its verifier, or on a freed one).
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "NumeralVerifyOptions")] opts: Option<
            JsValue,
        >,
    ) -> bool {
        self.check(&body, &headers, &or_undefined(opts)).is_ok()
    }

    /// The rebuilt signature bases, which key verifies, the digest and time checks, what was
    /// not passed; for the older scheme, which signed-bytes variant matches.
    #[wasm_bindgen(unchecked_return_type = "NumeralDiagnosis")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "NumeralVerifyOptions")] opts: Option<
            JsValue,
        >,
    ) -> std::result::Result<JsValue, JsValue> {
        let opts = or_undefined(opts);
        throw((|| {
            let body = input::body(P, &body, self.core.options().max_body_bytes)?;
            let headers = input::headers(P, &headers)?;
            let now = input::now_ms(P, &opts)?;
            let (method, url) = request_line(&opts)?;
            let request = NumeralRequest {
                method: method.as_deref(),
                url: url.as_deref(),
            };
            to_js_value(P, &self.core.explain(&body, &headers, request, now))
        })())
    }
}

#[wasm_bindgen(typescript_custom_section)]
const NUMERAL_OPTIONS_TS: &str = r#"
/** Options of `new NumeralVerifier(...)`; all optional. */
export interface NumeralVerifierOptions {
  /** Trusted public keys in PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`); several during
   *  a rotation. Default: the two keys Numeral publishes. */
  publicKeys?: string[];
  /** How far the signature's `created` (or the legacy timestamp) may be from now. Default 300. */
  toleranceSeconds?: number;
  /** Bytes signed by the older `TX-Numeral-Signature-<N>` scheme (unpublished). Default
   *  'timestamp.body' (ASSUMPTION); `explain()` names the one a real delivery uses; 'off'
   *  refuses deliveries that only carry the older scheme. */
  legacy?: 'timestamp.body' | 'timestampbody' | 'body' | 'off';
  /** Bodies larger than this are refused before being read. Default 1 MiB; at most 256 MiB. */
  maxBodyBytes?: number;
}
/** Numeral signs the request method and URL: pass them (or use `verifyRequest`). */
export interface NumeralVerifyOptions extends VerifyOptions {
  /** The request method as received, e.g. `req.method`. */
  method?: string;
  /** The full public URL Numeral posted to, e.g. `https://${req.headers.host}${req.originalUrl}`
   *  (behind a proxy: the outside host and path). */
  url?: string;
}
"#;
