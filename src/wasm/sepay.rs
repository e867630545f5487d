//! `SepayVerifier`, `signSepay` and `validateSepayWebhookConfig` for JavaScript.

use wasm_bindgen::prelude::*;

use super::error::invalid_input;
use super::input::{self, get};
use super::output::{parse_json, throw, throw_in_constructor, to_js_value};
use crate::core::error::{Provider, Result};
use crate::core::headers::HeaderList;
use crate::core::secret::check_secret_text;
use crate::core::text::quote;
use crate::providers::sepay::{
    self, validate_webhook_json, SepayConfigMode, SepayMode, SepayOptions, SepayVerifier as Core,
    DEFAULT_TOLERANCE_SECONDS,
};

const P: Provider = Provider::Sepay;

#[wasm_bindgen(js_name = SepayVerifier)]
pub struct SepayVerifier {
    core: Core,
    /// The headers `verify` reads (`input::header_names`): only these cross into wasm.
    read_headers: JsValue,
}

const EXAMPLE: &str =
    "e.g. new SepayVerifier({ mode: 'hmac', secret: process.env.SEPAY_WEBHOOK_SECRET })";

fn options(js: &JsValue) -> Result<SepayOptions> {
    input::options_object(P, js, EXAMPLE)?;
    let mode = input::opt_string(P, js, "mode")?.ok_or_else(|| {
        invalid_input(
            P,
            "`mode` is missing",
            "mode is 'none', 'api_key', 'oauth2' or 'hmac', as the webhook's authentication in SePay",
        )
    })?;
    let mode = match mode.as_str() {
        "none" => SepayMode::None,
        "api_key" => SepayMode::ApiKey(input::secret_list(P, js, "apiKey")?),
        "oauth2" => SepayMode::OAuth2(input::secret_list(P, js, "accessToken")?),
        "hmac" => SepayMode::Hmac {
            secrets: input::secret_list(P, js, "secret")?,
            tolerance_seconds: input::opt_u64(P, js, "toleranceSeconds")?
                .unwrap_or(DEFAULT_TOLERANCE_SECONDS),
        },
        other => {
            // SePay's own names for the modes are the likeliest mistake.
            let hint = match other {
                "No_Authen" => "SePay's No_Authen is mode 'none'",
                "Api_Key" | "apiKey" | "apikey" => "SePay's Api_Key is mode 'api_key'",
                "OAuth2.0" | "OAuth2" | "oauth" => "SePay's OAuth2.0 is mode 'oauth2'",
                "HMAC_SHA256" | "HMAC" | "hmac-sha256" => "SePay's HMAC-SHA256 is mode 'hmac'",
                _ => "use 'none', 'api_key', 'oauth2' or 'hmac'",
            };
            return Err(invalid_input(
                P,
                format!("unknown mode {}", quote(other)),
                hint,
            ));
        }
    };
    let mut o = SepayOptions::new(mode);
    o.max_body_bytes = input::max_body_bytes(P, js)?;
    Ok(o)
}

impl SepayVerifier {
    fn run(&self, body: &JsValue, headers: &JsValue, opts: &JsValue) -> Result<JsValue> {
        parse_json(P, &self.check(body, headers, opts)?)
    }

    /// Everything `verify` checks; the JS object's text, not yet parsed (`isValid` needs none).
    fn check(&self, body: &JsValue, headers: &JsValue, opts: &JsValue) -> Result<String> {
        let body = input::body(P, body, self.core.options().max_body_bytes)?;
        let headers = input::headers_among(P, headers, &self.read_headers)?;
        let now = input::now_ms(P, opts)?;
        self.core.verify_to_js_json(&body, &headers, now)
    }
}

#[wasm_bindgen(js_class = SepayVerifier)]
impl SepayVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SepayVerifierOptions")] opts: JsValue,
    ) -> std::result::Result<SepayVerifier, JsValue> {
        throw_in_constructor(
            options(&opts)
                .and_then(Core::new)
                .map(|core| SepayVerifier {
                    read_headers: input::header_names(core.header_names()),
                    core,
                }),
        )
    }

    /// Authenticates a delivery and returns the typed transaction; throws `HooksealError`.
    #[wasm_bindgen(unchecked_return_type = "SepayTransaction")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        throw(self.run(&body, &headers, &opts))
    }

    /// `verify` as a boolean; never throws for a delivery (only `invalid_input` for a call
    /// without its verifier, or on a freed one).
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
    ) -> bool {
        self.check(&body, &headers, &opts).is_ok()
    }

    /// Which mode the headers look like, what is missing, the clock drift, expected vs
    /// received.
    #[wasm_bindgen(unchecked_return_type = "SepayDiagnosis")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "HeaderBag")] headers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        throw((|| {
            let body = input::body(P, &body, self.core.options().max_body_bytes)?;
            let headers = if headers.is_undefined() || headers.is_null() {
                HeaderList::new()
            } else {
                input::headers(P, &headers)?
            };
            let now = input::now_ms(P, &opts)?;
            to_js_value(P, &self.core.explain(&body, &headers, now))
        })())
    }
}

/// Test helper: the headers SePay sends with an HMAC-signed JSON delivery. `timestamp` is in
/// Unix seconds (default: now).
#[wasm_bindgen(js_name = signSepay, unchecked_return_type = "SepaySignedHeaders")]
pub fn sign_sepay(
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | string")] timestamp: JsValue,
) -> std::result::Result<JsValue, JsValue> {
    throw((|| {
        let body = input::body_up_to_ceiling(P, &body)?;
        let secret = input::string_arg(P, &secret, "the secret")?;
        check_secret_text(P, "secret", &secret)?;
        let timestamp = unix_seconds(&timestamp)?;
        to_js_value(P, &sepay::sign(&body, &secret, timestamp))
    })())
}

fn unix_seconds(value: &JsValue) -> Result<u64> {
    if value.is_undefined() || value.is_null() {
        return Ok((js_sys::Date::now() / 1000.0).floor() as u64);
    }
    let parsed = match (value.as_f64(), value.as_string()) {
        (Some(n), _) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e15 => Some(n as u64),
        (_, Some(s)) if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    };
    parsed.ok_or_else(|| {
        invalid_input(
            P,
            "the timestamp must be whole Unix seconds",
            "pass Math.floor(Date.now() / 1000), or leave it out for now",
        )
    })
}

/// Every problem of a create (or, with `{ update: true }`, update) request of SePay's webhook
/// API, at once; `[]` when it is valid.
#[wasm_bindgen(
    js_name = validateSepayWebhookConfig,
    unchecked_return_type = "SepayConfigProblem[]"
)]
pub fn validate_sepay_webhook_config(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SepayConfigValidationOptions")] opts: JsValue,
) -> std::result::Result<JsValue, JsValue> {
    throw((|| {
        let update = match get(&opts, "update") {
            None => false,
            Some(v) => v.as_bool().ok_or_else(|| {
                invalid_input(
                    P,
                    "`update` must be a boolean",
                    "pass { update: true } for a PATCH request",
                )
            })?,
        };
        // The request is not signed data, so JSON.stringify is a faithful way across.
        let value = if request.is_undefined() {
            crate::core::json::value::JsonValue::Null
        } else {
            let text = js_sys::JSON::stringify(&request)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    invalid_input(
                        P,
                        "the request cannot be turned into JSON (a BigInt or a cycle?)",
                        "pass the plain object you would send as the request body",
                    )
                })?;
            crate::core::json::value::parse_value(&text).map_err(|e| {
                invalid_input(
                    P,
                    format!("the request is not JSON: {e}"),
                    "pass a plain object",
                )
            })?
        };
        let mode = if update {
            SepayConfigMode::Update
        } else {
            SepayConfigMode::Create
        };
        to_js_value(P, &validate_webhook_json(&value, mode))
    })())
}

#[wasm_bindgen(typescript_custom_section)]
const SEPAY_OPTIONS_TS: &str = r#"
/** Options of `new SepayVerifier(...)`: the mode is the webhook's authentication type in SePay
 *  (No_Authen, Api_Key, OAuth2.0, HMAC-SHA256). */
export type SepayVerifierOptions = (
  | { mode: 'none' }
  /** `Authorization: Apikey <key>`; several keys during a rotation. */
  | { mode: 'api_key'; apiKey: string | string[] }
  /** `Authorization: Bearer <token>`: the token(s) your token endpoint issued to SePay. */
  | { mode: 'oauth2'; accessToken: string | string[] }
  /** `X-SePay-Signature` over `timestamp.body`; the secret exactly as shown, `whsec_` included.
   *  `toleranceSeconds` default 300, each way. */
  | { mode: 'hmac'; secret: string | string[]; toleranceSeconds?: number }
) & {
  /** Bodies larger than this are refused before being read. Default 1 MiB; at most 256 MiB. */
  maxBodyBytes?: number;
};
export interface SepayConfigValidationOptions {
  /** Validate a PATCH (update) request: nothing is required. Default false (create). */
  update?: boolean;
}
"#;
