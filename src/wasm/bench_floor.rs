//! The floor of bench/run.mjs's goals (built only with the `bench-floor` feature, never in the
//! package): the least any wasm HMAC verifier does with a delivery. The message is copied into
//! wasm memory, its HMAC-SHA256 computed from a key state absorbed once (as every verifier of
//! the package does), and the tag compared in constant time. No signature to find or decode,
//! no JSON to read, nothing handed back but a boolean.
//!
//! (The floor used to be `signSeqino`, which also derives the key state from the secret on
//! every call, two more SHA-256 blocks, and turns the tag into a hex string for JS: more than
//! a verifier has to do, so the bound it gave was not one.)

use wasm_bindgen::prelude::*;

use crate::core::constant_time::ct_eq;
use crate::core::error::Provider;
use crate::core::hmac_key::{HmacKey, TAG_LEN};

#[wasm_bindgen(js_name = FloorHmac)]
pub struct FloorHmac {
    key: HmacKey,
    expected: Vec<u8>,
}

#[wasm_bindgen(js_class = FloorHmac)]
impl FloorHmac {
    /// A key for `secret`, expecting `expected` (the bench passes node:crypto's tag, so a floor
    /// that computed anything but HMAC-SHA256 would fail its check, not time something else).
    #[wasm_bindgen(constructor)]
    pub fn new(secret: &str, expected: &[u8]) -> FloorHmac {
        FloorHmac {
            key: HmacKey::new(secret.as_bytes()),
            expected: expected.to_vec(),
        }
    }

    /// Whether the HMAC of `message` is the expected tag.
    pub fn verify(&self, message: &[u8]) -> bool {
        let tag: [u8; TAG_LEN] = self.key.tag(&[message]);
        ct_eq(&tag, &self.expected)
    }

    /// [`Self::verify`], then `message` handed to `JSON.parse` the way the package's verifiers
    /// hand over a verified body (`output::parse_json_bytes`: its Latin-1 form made a string
    /// where Node does that fastest, else `TextDecoder`), and nothing else: no header read, no
    /// signature decoded, no shape checked. Not a floor (another hand-over could be faster),
    /// but the least the package's design does: what a goal leaves beyond it is all the
    /// headers and the checks may take. Undefined on a wrong tag or text `JSON.parse` refuses.
    #[wasm_bindgen(js_name = verifyAndHandOver)]
    pub fn verify_and_hand_over(&self, message: &[u8]) -> JsValue {
        if !self.verify(message) {
            return JsValue::UNDEFINED;
        }
        super::output::parse_json_bytes(Provider::Seqino, message).unwrap_or(JsValue::UNDEFINED)
    }
}
