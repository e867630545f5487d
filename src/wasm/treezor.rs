//! `TreezorVerifier` and `signTreezor` for JavaScript.

use wasm_bindgen::prelude::*;

use super::input;
use super::output::{
    not_handed, parse_exact_body, parse_json, parse_json_bytes, throw, throw_in_constructor,
    to_js_value,
};
use crate::core::body_limit::MAX_BODY_BYTES_CEILING;
use crate::core::error::{Provider, Result};
use crate::core::json::js_output::is_js_exact;
use crate::core::time_window::format_iso_ms;
use crate::providers::treezor::{self, TreezorAdded, TreezorJsText, TreezorVerifier as Core};

const P: Provider = Provider::Treezor;

#[wasm_bindgen(typescript_custom_section)]
const TREEZOR_OPTIONS_TS: &str = r#"
/** Options of `new TreezorVerifier(...)`. */
export interface TreezorVerifierOptions {
  /** The webhook secret; several during a rotation (any may match). */
  secret: string | string[];
  /** Bodies larger than this are refused before being read. Default 1 MiB; at most 256 MiB. */
  maxBodyBytes?: number;
}
"#;

// hookseal's members set on the object `JSON.parse` made of the body, not added to its text:
// `JSON.parse` took ~0.9 µs to read those ~235 bytes (strings made, names looked up), setting
// them takes ~0.1 (Treezor `verify` 1.09-1.12x on one transaction, 1.03-1.05x at 3 KB). The
// lists come as JSON text only when they must: `names` holds up to ten positions in
// `UNVERIFIED` (+ 1, three bits each, the first lowest) when `unverified` is undefined, and
// `notes` is undefined when there are none, as on Treezor's own deliveries (no text to decode:
// ~0.1 µs each).
#[wasm_bindgen(inline_js = r#"
const UNVERIFIED = ['webhook', 'webhook_id', 'object', 'object_id', 'webhook_created_at'];
const ADDED = ['envelope', 'payload_typed', 'created_at_ms', 'created_at_iso', 'verified', 'unverified', 'notes'];
export function setAddedMembers(o, typed, ms, iso, names, unverified, notes) {
  try {
    if (unverified === undefined) {
      unverified = [];
      for (let n = names; n !== 0; n >>>= 3) unverified.push(UNVERIFIED[(n & 7) - 1]);
    } else {
      unverified = JSON.parse(unverified);
    }
    notes = notes === undefined ? [] : JSON.parse(notes);
    const at = iso === undefined ? null : ms;
    iso = iso === undefined ? null : iso;
    // Assigned, unless a member of one of these names was put on Object.prototype (a polluted
    // prototype), whose setter would take the assignment: then defined.
    if (!('envelope' in o || 'payload_typed' in o || 'created_at_ms' in o || 'created_at_iso' in o
      || 'verified' in o || 'unverified' in o || 'notes' in o)) {
      o.envelope = 'flat';
      o.payload_typed = typed;
      o.created_at_ms = at;
      o.created_at_iso = iso;
      o.verified = ['object_payload'];
      o.unverified = unverified;
      o.notes = notes;
    } else {
      const values = ['flat', typed, at, iso, ['object_payload'], unverified, notes];
      for (let i = 0; i < ADDED.length; i++) {
        Object.defineProperty(o, ADDED[i], { value: values[i], writable: true, enumerable: true, configurable: true });
      }
    }
    return true;
  } catch {
    return false;
  }
}
"#)]
extern "C" {
    // Only an `Object.prototype` changed by someone (a setter that throws, a read-only member
    // of one of these names) can make the setting throw, and an exception through wasm frames
    // would leak the shadow stack (see `input.rs`): caught in the function itself, which
    // returns false then (not by wasm-bindgen's `catch`: see `output.rs`).
    #[wasm_bindgen(js_name = setAddedMembers)]
    #[allow(clippy::too_many_arguments)]
    fn set_added_members(
        object: &JsValue,
        typed: bool,
        ms: f64,
        iso: Option<&str>,
        names: u32,
        unverified: Option<&str>,
        notes: Option<&str>,
    ) -> bool;
}

/// `UNVERIFIED` of the JS above, in its order: the flat envelope's unsigned members.
const UNVERIFIED: [&str; 5] = [
    "webhook",
    "webhook_id",
    "object",
    "object_id",
    "webhook_created_at",
];

/// `unverified` as `setAddedMembers`' `names`, when every name is in `UNVERIFIED` and there
/// are at most ten.
fn unverified_names(added: &TreezorAdded<'_>) -> Option<u32> {
    let mut names = 0u32;
    for (i, name) in added.unverified().enumerate() {
        let at = UNVERIFIED.iter().position(|known| *known == name)?;
        if i >= 10 {
            return None;
        }
        names |= (at as u32 + 1) << (3 * i);
    }
    Some(names)
}

/// The object: the verified body's, with hookseal's members set on it. `body` is the verified
/// copy of `body_js`, which passes `is_js_exact`: a string body is parsed as the caller's own
/// string (no second decoding; edge runtimes hand bodies over as strings), bytes as `body`.
fn with_added(body_js: &JsValue, body: &[u8], added: &TreezorAdded<'_>) -> Result<JsValue> {
    let object = match parse_exact_body(body_js, body) {
        Some(object) => object,
        // A string with a lone surrogate, verified as U+FFFD: its verified text.
        None => parse_json_bytes(P, body)?,
    };
    let ms = added.created_at_ms();
    let iso = ms.map(format_iso_ms);
    let (names, unverified) = match unverified_names(added) {
        Some(names) => (names, None),
        None => (0, Some(added.unverified_json())),
    };
    let notes = (!added.notes().is_empty()).then(|| added.notes_json());
    // (An `i64` becomes the `f64` that `JSON.parse` makes of its digits: both round to nearest,
    // ties to even.)
    let set = set_added_members(
        &object,
        added.payload_typed(),
        ms.unwrap_or(0) as f64,
        iso.as_deref(),
        names,
        unverified.as_deref(),
        notes.as_deref(),
    );
    if !set {
        return Err(not_handed(P));
    }
    Ok(object)
}

#[wasm_bindgen(js_name = TreezorVerifier)]
pub struct TreezorVerifier {
    core: Core,
}

fn verifier(js: &JsValue) -> Result<Core> {
    input::options_object(
        P,
        js,
        "e.g. new TreezorVerifier({ secret: process.env.TREEZOR_WEBHOOK_SECRET })",
    )?;
    let secrets = input::secret_list(P, js, "secret")?;
    let max = input::max_body_bytes(P, js)?;
    Core::new(secrets, max)
}

impl TreezorVerifier {
    fn run(&self, body_js: &JsValue) -> Result<JsValue> {
        let body = input::body(P, body_js, self.core.max_body_bytes())?;
        // The body's own text plus hookseal's few members, set on the object: no rewritten
        // copy of the body. Not when an integer could exceed 2^53 (only the rewritten text
        // keeps it exact), decided before verifying, once.
        let exact = is_js_exact(&body);
        match self.core.js_text(&body, exact)? {
            TreezorJsText::Whole(js) => parse_json(P, &js),
            // What `JSON.parse` reads is the verified text, not bytes of the caller's, which JS
            // could have changed meanwhile.
            TreezorJsText::Added(added) => with_added(body_js, &body, &added),
        }
    }
}

#[wasm_bindgen(js_class = TreezorVerifier)]
impl TreezorVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TreezorVerifierOptions")] opts: JsValue,
    ) -> std::result::Result<TreezorVerifier, JsValue> {
        throw_in_constructor(verifier(&opts).map(|core| TreezorVerifier { core }))
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

    /// `verify` as a boolean; never throws for a delivery (only `invalid_input` for a call
    /// without its verifier, or on a freed one).
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
            // Read up to the ceiling: explain() reports a body over maxBodyBytes itself.
            let body = input::body_up_to_ceiling(P, &body)?;
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
            let text = js_sys::JSON::stringify(&payload).ok();
            // Its length before its copy into wasm memory (see MAX_BODY_BYTES_CEILING).
            if text
                .as_ref()
                .is_some_and(|t| t.length() as usize > MAX_BODY_BYTES_CEILING)
            {
                return Err(input::over_ceiling(P));
            }
            text.and_then(|s| s.as_string())
                .map(String::into_bytes)
                .ok_or_else(|| {
                    super::error::invalid_input(
                        P,
                        "the payload object could not be serialized with JSON.stringify",
                        "pass the payload as JSON text",
                    )
                })?
        } else {
            input::body_up_to_ceiling(P, &payload)?
        };
        treezor::sign(&bytes, &secret)
    })())
}
