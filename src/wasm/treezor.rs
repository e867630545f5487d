//! `TreezorVerifier` and `signTreezor` for JavaScript.

use wasm_bindgen::prelude::*;

use super::input;
use super::output::{parse_json, parse_json_bytes, throw, to_js_value};
use crate::core::body_limit::DEFAULT_MAX_BODY_BYTES;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::json::js_output::{add_members, is_js_exact};
use crate::providers::treezor::{self, TreezorJsText, TreezorVerifier as Core};

const P: Provider = Provider::Treezor;

#[wasm_bindgen(typescript_custom_section)]
const TREEZOR_OPTIONS_TS: &str = r#"
/** Options of `new TreezorVerifier(...)`. */
export interface TreezorVerifierOptions {
  /** The webhook secret; several during a rotation (any may match). */
  secret: string | string[];
  /** Bodies larger than this are refused before being read. Default 1 MiB. */
  maxBodyBytes?: number;
}
"#;

#[wasm_bindgen(js_name = TreezorVerifier)]
pub struct TreezorVerifier {
    core: Core,
}

fn verifier(js: &JsValue) -> Result<Core> {
    input::options_object(P, js)?;
    let secrets = input::secret_list(P, js, "secret")?;
    let max = input::opt_u64(P, js, "maxBodyBytes")?.map_or(DEFAULT_MAX_BODY_BYTES, |n| {
        usize::try_from(n).unwrap_or(usize::MAX)
    });
    Core::new(secrets, max)
}

impl TreezorVerifier {
    fn run(&self, body_js: &JsValue) -> Result<JsValue> {
        let mut body = input::body(P, body_js, self.core.max_body_bytes())?;
        // Mostly the body's own text plus hookseal's few members, added in place: no rewritten
        // copy of the body. Not when an integer could exceed 2^53 (only the rewritten text
        // keeps it exact), decided before verifying, once.
        let exact = is_js_exact(&body);
        match self.core.js_text(&body, exact)? {
            TreezorJsText::Whole(js) => parse_json(P, &js),
            TreezorJsText::Added(added) => {
                // The added members without their braces, added to the body's object (a flat
                // envelope, so not empty). What `JSON.parse` reads is the verified bytes, not
                // the caller's body, which JS could have changed meanwhile.
                let members = added.strip_prefix('{').and_then(|m| m.strip_suffix('}'));
                if members.is_some_and(|m| add_members(&mut body, m)) {
                    parse_json_bytes(P, &body)
                } else {
                    // Not reached: a flat envelope is an object, and the added members are
                    // never empty.
                    Err(HooksealError::new(
                        P,
                        ErrorCode::InvalidJson,
                        "the result could not be handed to JavaScript",
                    ))
                }
            }
        }
    }
}

#[wasm_bindgen(js_class = TreezorVerifier)]
impl TreezorVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TreezorVerifierOptions")] opts: JsValue,
    ) -> std::result::Result<TreezorVerifier, JsValue> {
        throw(verifier(&opts).map(|core| TreezorVerifier { core }))
    }

    /// Verifies a delivery (flat or wrapped envelope) and returns the typed webhook; throws
    /// `HooksealError`.
    #[wasm_bindgen(unchecked_return_type = "TreezorWebhook")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        throw(self.run(&body))
    }

    /// `verify` as a boolean; never throws.
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(&self, #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue) -> bool {
        input::body(P, &body, self.core.max_body_bytes()).is_ok_and(|b| self.core.is_valid(&b))
    }

    /// The canonical string signed, expected and received signatures, where a hand-made
    /// canonical form would differ, duplicates, the envelope shape. Throws only when `body`
    /// is not a string, Uint8Array or ArrayBuffer. For your logs only: it holds valid
    /// signatures for the payload received, so never return it to the sender.
    #[wasm_bindgen(unchecked_return_type = "TreezorDiagnosis")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        throw((|| {
            // Read whatever size it is: explain() reports body_too_large itself.
            let body = input::body(P, &body, usize::MAX)?;
            to_js_value(P, &self.core.explain(&body))
        })())
    }
}

/// Test helper: a body as Treezor would send it. `payload` is an envelope (its
/// `object_payload_signature` is set) or a bare `object_payload` (put in a minimal flat
/// envelope named `hookseal.test`), as JSON text, bytes, or an object (serialized with
/// `JSON.stringify`: pass text for integers beyond 2^53).
#[wasm_bindgen(js_name = signTreezor)]
pub fn sign_treezor(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | object")]
    payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
) -> std::result::Result<String, JsValue> {
    throw((|| -> Result<String> {
        let secret = input::string_arg(P, &secret, "the secret")?;
        let is_bytes = payload.is_instance_of::<js_sys::Uint8Array>()
            || payload.is_instance_of::<js_sys::ArrayBuffer>()
            || js_sys::ArrayBuffer::is_view(&payload);
        let bytes = if payload.is_object() && !is_bytes {
            js_sys::JSON::stringify(&payload)
                .ok()
                .and_then(|s| s.as_string())
                .map(String::into_bytes)
                .ok_or_else(|| {
                    super::error::invalid_input(
                        P,
                        "the payload object could not be serialized with JSON.stringify",
                        "pass the payload as JSON text",
                    )
                })?
        } else {
            input::body(P, &payload, usize::MAX)?
        };
        treezor::sign(&bytes, &secret)
    })())
}
