//! What each fuzz target checks, shared by the cargo-fuzz binaries (`fuzz/fuzz_targets/`) and
//! by `tests/fuzz_regressions.rs`, which replays every kept crasher under `cargo test`.
//!
//! Beyond "never panics" (a panic is a trap in wasm that breaks the instance for every later
//! call), each target checks a property: what hookseal signs, it verifies; the canonical
//! form is ASCII and a fixed point; serde_json and the canonical writer agree on what JSON is.
//!
//! Inputs are split as `selector byte, text up to the first NUL, rest` (see [`split`]).
#![allow(dead_code)]

use hookseal::core::headers::HeaderList;
use hookseal::core::hmac_key::HmacKey;
use hookseal::core::http_signatures::structured_fields::parse_dictionary;
use hookseal::core::json::check_syntax;
use hookseal::core::json::js_output::{is_js_exact, to_js_json};
use hookseal::core::json::latin1::latin1_json;
use hookseal::core::php_json::to_canonical_string;
use hookseal::core::php_json_fixed_point::is_php_canonical;
use hookseal::core::rsa_verify::RsaPublicKey;
use hookseal::core::signature_encoding::{
    decode_base64, decode_digest, decode_hex, encode_base64, encode_hex, split_prefix,
    SignatureEncoding,
};
use hookseal::core::time_window::{format_iso_ms, parse_rfc3339_ms, parse_unix_seconds};
use hookseal::core::wire_shape::{self, Skipped};
use hookseal::providers::numeral::{
    NumeralLegacyMessage, NumeralOptions, NumeralRequest, NumeralVerifier,
};
use hookseal::providers::sepay::{self, SepayMode, SepayOptions, SepayVerifier};
use hookseal::providers::seqino::{self, SeqinoKeyForm, SeqinoOptions, SeqinoVerifier};
use hookseal::providers::treezor::{self, TreezorJsText, TreezorVerifier};
use hookseal::{ErrorCode, Provider};

const SECRET: &str = "7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c";
const NOW_MS: i64 = 1_700_000_000_000;

/// `(selector, text, rest)`: the first byte, the bytes up to the first NUL (lossy UTF-8),
/// and everything after that NUL.
pub fn split(data: &[u8]) -> (u8, String, &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return (0, String::new(), &[]);
    };
    match rest.iter().position(|&b| b == 0) {
        Some(i) => (
            selector,
            String::from_utf8_lossy(&rest[..i]).into_owned(),
            &rest[i + 1..],
        ),
        None => (selector, String::new(), rest),
    }
}

/// Nesting depth of brackets outside strings (an upper bound is enough here).
fn max_depth(json: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in json {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// `core::php_json` (and `json::js_output`) on arbitrary bytes.
pub fn php_json(data: &[u8]) {
    let canonical = to_canonical_string(Provider::Treezor, data);
    if let Ok(text) = &canonical {
        assert!(text.is_ascii(), "the canonical form is ASCII");
        let again = to_canonical_string(Provider::Treezor, text.as_bytes())
            .expect("canonical output is valid JSON");
        assert_eq!(&again, text, "the canonical form is a fixed point");
        assert!(
            is_php_canonical(text.as_bytes()),
            "the writer's output is recognised"
        );
    }
    // On what the Treezor envelope reader accepts (UTF-8, the scanner's syntax), the fixed-point
    // check the verifier trusts to hash a payload where it lies is true exactly when the writer
    // would write the input unchanged.
    if std::str::from_utf8(data).is_ok() && check_syntax(Provider::Treezor, "fuzz", data).is_ok() {
        let fixed = canonical.as_ref().is_ok_and(|c| c.as_bytes() == data);
        assert_eq!(
            is_php_canonical(data),
            fixed,
            "is_php_canonical disagrees with the writer"
        );
    }
    // serde_json (limit 128) and the canonical writer (limit 511) agree on what JSON is, up to
    // two leniencies of serde when it skips a value: it accepts lone surrogate escapes (PHP and
    // php_json refuse them) and does not check the UTF-8 of skipped strings. Both kinds of
    // input were found by this target and are kept in tests/fixtures/fuzz/php_json/. So:
    // serde decodes it => php_json accepts it => serde's syntax check accepts it.
    let text = std::str::from_utf8(data).ok();
    let serde_ok = text.is_some_and(|t| serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok());
    if max_depth(data) < 120 {
        let decodes = text.is_some_and(|t| serde_json::from_str::<serde_json::Value>(t).is_ok());
        if decodes {
            assert!(
                canonical.is_ok(),
                "serde_json decodes it but php_json refuses: {canonical:?}"
            );
        }
        if canonical.is_ok() {
            assert!(
                serde_ok,
                "php_json accepts it but serde_json's syntax check refuses"
            );
        }
    }
    if serde_ok {
        let js = to_js_json(Provider::Core, data).expect("valid JSON has a JS form");
        serde_json::from_str::<serde::de::IgnoredAny>(&js).expect("the JS form is JSON");
        // As values (serde_json::Value refuses numbers beyond f64, e.g. `9e460`, which
        // JSON.parse reads as Infinity: kept in tests/fixtures/fuzz/php_json/).
        if let (true, Ok(value)) = (
            is_js_exact(data),
            serde_json::from_str::<serde_json::Value>(&js),
        ) {
            assert_eq!(
                value,
                serde_json::from_slice::<serde_json::Value>(data).expect("same numbers"),
                "exact input is unchanged"
            );
        }
    }
}

/// Signature text decoding, prefixes, Authorization values, timestamps.
pub fn signature_decoding(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (_, rest) = split_prefix(&text);
    for encoding in [
        SignatureEncoding::Hex,
        SignatureEncoding::Base64,
        SignatureEncoding::Auto,
    ] {
        if let Ok(bytes) = decode_digest(rest, encoding, 32) {
            assert_eq!(bytes.len(), 32);
            assert_eq!(decode_hex(&encode_hex(&bytes)).ok(), Some(bytes.clone()));
            assert_eq!(decode_base64(&encode_base64(&bytes)).ok(), Some(bytes));
        }
    }
    let _ = decode_hex(&text);
    let _ = decode_base64(&text);
    let _ = sepay::api_key_from_authorization(&text);
    let _ = sepay::bearer_token(&text);
    let _ = parse_unix_seconds(&text);
    if let Some(ms) = parse_rfc3339_ms(&text) {
        let iso = format_iso_ms(ms);
        assert_eq!(
            parse_rfc3339_ms(&iso),
            Some(ms),
            "{text:?} -> {ms} -> {iso}"
        );
    }
    let headers: HeaderList = text.split('\n').filter_map(|l| l.split_once(':')).collect();
    let _ = headers.combined("x-a");
}

/// `SeqinoVerifier` with every option on arbitrary deliveries; a body signed the default way
/// never fails on its signature.
pub fn seqino_verify(data: &[u8]) {
    let (selector, signature, body) = split(data);
    let mut options = SeqinoOptions::new(SECRET);
    options.encoding = [
        SignatureEncoding::Auto,
        SignatureEncoding::Hex,
        SignatureEncoding::Base64,
    ][usize::from(selector % 3)];
    options.key = if selector & 4 != 0 {
        SeqinoKeyForm::Hex
    } else {
        SeqinoKeyForm::Utf8
    };
    options.tolerance_seconds = (selector & 8 != 0).then_some(300);
    options.max_body_bytes = if selector & 16 != 0 { 64 } else { 1 << 20 };
    let v = SeqinoVerifier::new(options).expect("valid options");
    let headers: HeaderList = [("X-Seqino-Signature", signature.as_str())]
        .into_iter()
        .collect();
    let _ = v.verify(body, &headers, NOW_MS);
    let _ = v.verify_signature(body, &signature, NOW_MS);
    let _ = v.explain(body, &headers, None, NOW_MS);

    // The walk gives serde's verdict (on UTF-8: hookseal refuses invalid UTF-8 anywhere in
    // the body, where serde_json lets it through in a member it skips).
    if std::str::from_utf8(body).is_ok() {
        assert_eq!(
            ours_seqino(body),
            serde_seqino(body),
            "the walk and serde disagree on {:?}",
            String::from_utf8_lossy(body)
        );
    }

    let default = SeqinoVerifier::new(SeqinoOptions::new(SECRET)).expect("valid options");
    let signed: HeaderList = [("x-seqino-signature", seqino::sign(body, SECRET))]
        .into_iter()
        .collect();
    // The wasm `verify` skips what the event's shape does not describe without checking its
    // syntax, which `JSON.parse` checks next: on a body that is JSON, the checked verdict,
    // word for word; a body the checked walk accepts is JSON.
    let checked = default.verify_raw(body, &signed, NOW_MS);
    let left = default.verify_raw_skipping(body, &signed, NOW_MS, Skipped::LeftToParser);
    let body_is_json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
    if body_is_json {
        let fields = |r: &Result<seqino::SeqinoVerified<'_>, hookseal::HooksealError>| match r {
            Ok(e) => Ok((e.event_id.clone(), e.event_type.clone(), e.data.to_owned())),
            Err(e) => Err((e.code, e.message.clone())),
        };
        assert_eq!(
            fields(&checked),
            fields(&left),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    } else {
        assert!(checked.is_err(), "{:?}", String::from_utf8_lossy(body));
    }
    // ... and `JSON.parse` may read the body's Latin-1 form (core::json::latin1) instead of
    // the body: that form must be JSON exactly when the body is.
    if let Some(form) = latin1_json(body) {
        let text: String = form.iter().map(|&b| char::from(b)).collect();
        assert_eq!(
            serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok(),
            body_is_json,
            "{:?} -> {text:?}",
            String::from_utf8_lossy(body)
        );
    }
    match default.verify(body, &signed, NOW_MS) {
        Ok(_) => assert!(
            std::str::from_utf8(body).is_ok(),
            "an accepted event is UTF-8"
        ),
        Err(e) => assert!(
            matches!(
                e.code,
                ErrorCode::InvalidJson | ErrorCode::SchemaMismatch | ErrorCode::DuplicateKey
            ),
            "signed body refused: {e}"
        ),
    }
}

/// serde's verdict on a Seqino body, as the error code hookseal gives: the envelope read by
/// serde_json, then `data` as its event type's struct (the oracle of the typed-shape walk).
pub fn serde_seqino(body: &[u8]) -> Result<(), ErrorCode> {
    use hookseal::core::json::parse_error;
    use hookseal::providers::seqino::*;
    use serde_json::value::RawValue;
    const P: Provider = Provider::Seqino;
    let envelope: SeqinoEnvelope<String, &RawValue> = serde_json::from_slice(body)
        .map_err(|e| parse_error(P, "the Seqino event", body, &e).code)?;
    let data = envelope.data.get();
    if !data.starts_with('{') {
        return Err(ErrorCode::SchemaMismatch);
    }
    // Dispatch on the event type, not on the address of `data_kind`'s table: equal constants
    // may share one address (the invoice and mandate tables do at opt-level 3), so
    // `ptr::eq` on them is not a reliable identity.
    let event_type = envelope.event_type.as_str();
    let typed = if SeqinoTestEventType::from_wire(event_type).is_some() {
        serde_json::from_str::<SeqinoTestData>(data).is_ok()
    } else if SeqinoInvoiceEventType::from_wire(event_type).is_some() {
        serde_json::from_str::<SeqinoInvoiceData>(data).is_ok()
    } else if SeqinoMandateEventType::from_wire(event_type).is_some() {
        serde_json::from_str::<SeqinoMandateData>(data).is_ok()
    } else {
        return Ok(());
    };
    if typed {
        Ok(())
    } else {
        Err(ErrorCode::SchemaMismatch)
    }
}

/// hookseal's verdict on a Seqino body: the typed-shape walk, then the structs serde builds.
pub fn ours_seqino(body: &[u8]) -> Result<(), ErrorCode> {
    use hookseal::providers::seqino::SeqinoVerified;
    let verified = SeqinoVerified::parse(body).map_err(|e| e.code)?;
    // The typed structs are built from what passed: serde must agree.
    verified.into_typed().map(drop).map_err(|e| e.code)
}

/// `SepayVerifier` in every mode on arbitrary deliveries; HMAC-signed bodies never fail on
/// their signature, whatever the Content-Type.
pub fn sepay_verify(data: &[u8]) {
    let (selector, header, body) = split(data);
    let mode = match selector % 4 {
        0 => SepayMode::None,
        1 => SepayMode::ApiKey(vec!["k1".into(), "key-2".into()]),
        2 => SepayMode::OAuth2(vec!["tok".into()]),
        _ => SepayMode::hmac("whsec_test"),
    };
    let v = SepayVerifier::new(SepayOptions::new(mode)).expect("valid options");
    let mut headers = HeaderList::new();
    for line in header.split('\n') {
        if let Some((name, value)) = line.split_once(':') {
            headers.append(name, value);
        } else {
            headers.append(
                [
                    "authorization",
                    "content-type",
                    "x-sepay-signature",
                    "x-sepay-timestamp",
                ][usize::from(selector >> 6)],
                line,
            );
        }
    }
    let _ = v.verify(body, &headers, NOW_MS);
    let _ = v.verify_to_js_json(body, &headers, NOW_MS);
    let _ = v.explain(body, &headers, NOW_MS);

    let hmac = SepayVerifier::new(SepayOptions::new(SepayMode::hmac("whsec_test")))
        .expect("valid options");
    let mut signed = sepay::sign(body, "whsec_test", (NOW_MS / 1000) as u64).header_list();
    if let Some(ct) = headers.first("content-type") {
        signed = signed
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
            .chain([("content-type", ct)])
            .collect();
    }
    if let Err(e) = hmac.verify_to_js_json(body, &signed, NOW_MS) {
        assert!(
            matches!(
                e.code,
                ErrorCode::InvalidJson
                    | ErrorCode::SchemaMismatch
                    | ErrorCode::DuplicateKey
                    | ErrorCode::InvalidInput
            ),
            "signed body refused: {e}"
        );
    }
}

/// `TreezorVerifier` on arbitrary bodies; what `treezor::sign` produces always verifies.
pub fn treezor_verify(data: &[u8]) {
    let v =
        TreezorVerifier::new(vec![SECRET.into(), "second".into()], 1 << 20).expect("valid options");
    // `is_valid` stops short of building the result: it must still give `verify`'s verdict.
    assert_eq!(
        v.is_valid(data),
        v.verify(data).is_ok(),
        "is_valid and verify disagree"
    );
    if let Ok((_, whole)) = v.verify_with_js_json(data) {
        assert!(
            std::str::from_utf8(data).is_ok(),
            "an accepted body is UTF-8"
        );
        // The wasm verify's path reads the envelope on its own: the same text.
        assert!(
            matches!(v.js_text(data, false), Ok(TreezorJsText::Whole(w)) if w == whole),
            "js_text and verify_with_js_json disagree"
        );
    }
    assert_eq!(
        v.js_text(data, true).is_ok(),
        v.verify(data).is_ok(),
        "js_text and verify disagree"
    );
    let _ = v.explain(data);
    if let Ok(signed) = treezor::sign(data, SECRET) {
        assert_eq!(
            v.is_valid(signed.as_bytes()),
            v.verify(signed.as_bytes()).is_ok(),
            "is_valid and verify disagree on a signed body"
        );
        if let Err(e) = v.verify_with_js_json(signed.as_bytes()) {
            assert!(
                !matches!(e.code, ErrorCode::SignatureMismatch | ErrorCode::MissingSignature | ErrorCode::MalformedSignature),
                "a body signTreezor produced does not verify: {e}\n  input {:?}\n  signed {signed:?}",
                String::from_utf8_lossy(data)
            );
        }
    }
}

/// An `object_payload` in any form under a typed Treezor event: the typed-shape walk gives
/// serde's verdict on it, and a delivery carrying the payload text as it is, signed over PHP's
/// `json_encode` form of it (what Treezor signs), verifies.
///
/// The second property is the one the round trip of [`treezor_verify`] cannot reach, since
/// `treezor::sign` writes the payload in PHP's form: when the walk finds the text already in
/// that form, the HMAC reads the bytes where they lie instead of the rewrite, so a wrong "yes"
/// (a `/` unescaped, an uppercase `\u00E9`, a space) would refuse a correctly signed delivery
/// re-encoded on its way.
///
/// Input: `selector, event name, NUL, payload` (see [`split`]); a name that is not a typed
/// event is replaced by the selector's pick among them.
pub fn treezor_payload(data: &[u8]) {
    let (selector, name, payload) = split(data);
    let names = treezor::typed_event_names();
    let name = match names.iter().find(|n| **n == name) {
        Some(n) => *n,
        None => names[usize::from(selector) % names.len()],
    };
    let kind = treezor::payload_kind(name).expect("a typed event has a shape");
    let ours = wire_shape::check(payload, kind);
    assert_eq!(
        ours.is_ok(),
        serde_treezor(name, payload).expect("a typed event has a serde type"),
        "the walk and serde disagree on {name}: {:?}\n  walk: {ours:?}",
        String::from_utf8_lossy(payload)
    );

    let (Ok(text), Ok(canonical)) = (
        std::str::from_utf8(payload),
        to_canonical_string(Provider::Treezor, payload),
    ) else {
        return;
    };
    let tag = HmacKey::new(SECRET.as_bytes()).tag(&[canonical.as_bytes()]);
    let body = format!(
        r#"{{"webhook":"{name}","object_payload":{text},"object_payload_signature":"{}"}}"#,
        encode_base64(&tag)
    );
    let v = TreezorVerifier::new(vec![SECRET.into()], 1 << 20).expect("valid options");
    for result in [
        v.verify(body.as_bytes()).map(drop),
        v.verify_with_js_json(body.as_bytes()).map(drop),
    ] {
        if let Err(e) = result {
            assert!(
                !matches!(
                    e.code,
                    ErrorCode::SignatureMismatch
                        | ErrorCode::MissingSignature
                        | ErrorCode::MalformedSignature
                ),
                "a payload signed over its PHP form does not verify: {e}\n  payload {text:?}\n  PHP form {canonical:?}"
            );
        }
    }
}

/// A Treezor delivery's event name and `object_payload` text as received (those of the inner
/// envelope when the body is a wrapped one); `None` when it has no such members.
pub fn treezor_name_and_payload(body: &str) -> Option<(String, String)> {
    use serde_json::value::RawValue;
    let member = |json: &str, key: &str| -> Option<String> {
        let members: std::collections::BTreeMap<String, &RawValue> =
            serde_json::from_str(json).ok()?;
        members.get(key).map(|v| v.get().to_string())
    };
    let envelope = member(body, "webhook")
        .filter(|inner| inner.starts_with('{'))
        .unwrap_or_else(|| body.to_string());
    let name = serde_json::from_str(&member(&envelope, "webhook")?).ok()?;
    Some((name, member(&envelope, "object_payload")?))
}

/// serde's verdict on `payload` as the payload type of the event `name`; `None` for a name
/// that is not typed. (The oracle of the typed-shape walk: `tests/wire_shape_agreement.rs`
/// compares the two on every fixture and its mutations, [`treezor_payload`] on fuzzed text.)
pub fn serde_treezor(name: &str, payload: &[u8]) -> Option<bool> {
    use hookseal::providers::treezor::*;
    macro_rules! family {
        ($names:ident, $payload:ty) => {
            if $names::from_wire(name).is_some() {
                return Some(serde_json::from_slice::<$payload>(payload).is_ok());
            }
        };
    }
    family!(TreezorTransactionEventName, TreezorTransactionPayload);
    family!(TreezorPayinEventName, TreezorPayinPayload);
    family!(TreezorPayinrefundEventName, TreezorPayinrefundPayload);
    family!(TreezorPayoutEventName, TreezorPayoutPayload);
    family!(TreezorPayoutRefundEventName, TreezorPayoutRefundPayload);
    family!(TreezorSepaSctrEventName, TreezorSepaSctrPayload);
    family!(TreezorSepaSddrEventName, TreezorSepaSddrPayload);
    family!(
        TreezorSepaSddrReceptionEventName,
        TreezorSepaSddrReceptionPayload
    );
    family!(TreezorSepaSctrInstEventName, TreezorSepaSctrInstPayload);
    family!(
        TreezorSepaRecallSctrInstEventName,
        Box<TreezorSepaRecallSctrInst>
    );
    family!(TreezorRecallREventName, TreezorRecallRPayload);
    family!(TreezorMandateEventName, TreezorMandatePayload);
    family!(TreezorBeneficiaryEventName, TreezorBeneficiaryPayload);
    None
}

/// The test key of tests/fixtures/numeral/ (public half).
const NUMERAL_TEST_KEY: &str = include_str!("../../tests/fixtures/numeral/test-key-rsa-public.pem");

/// RFC 8941 dictionaries as `Signature-Input`, `Signature` and `Content-Digest` carry them.
pub fn structured_fields(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for field in ["Signature-Input", "Signature", "Content-Digest"] {
        if let Ok(dict) = parse_dictionary(field, &text) {
            let mut keys: Vec<&str> = dict.entries.iter().map(|e| e.key.as_str()).collect();
            let count = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), count, "a dictionary key is repeated");
            for entry in &dict.entries {
                assert!(
                    text.contains(entry.raw.as_str()),
                    "raw text comes from the input"
                );
            }
        }
    }
}

/// `NumeralVerifier` (RFC 9421 and the legacy scheme) on arbitrary headers and bodies.
pub fn numeral_verify(data: &[u8]) {
    let (selector, header, body) = split(data);
    let mut options = NumeralOptions::with_public_keys(vec![NUMERAL_TEST_KEY.to_string()]);
    options.legacy = [
        NumeralLegacyMessage::TimestampDotBody,
        NumeralLegacyMessage::TimestampBody,
        NumeralLegacyMessage::Body,
        NumeralLegacyMessage::Off,
    ][usize::from(selector % 4)];
    let v = NumeralVerifier::new(options).expect("valid options");
    let mut headers = HeaderList::new();
    for line in header.split('\n') {
        if let Some((name, value)) = line.split_once(':') {
            headers.append(name, value);
        }
    }
    let urls = [
        "https://webhooks.example.com/numeral/events?source=test",
        "http://[::1]:8080/a/../b?%zz",
        "",
        "x",
    ];
    let request = NumeralRequest::new(
        ["POST", "post", "", "GET"][usize::from(selector >> 6)],
        urls[usize::from((selector >> 2) % 4)],
    );
    let _ = v.verify(body, &headers, request, 1_734_087_083_000);
    let _ = v.explain(body, &headers, request, 1_734_087_083_000);
    let _ = v.verify(body, &headers, NumeralRequest::default(), 0);
}

/// The verify-only RSA: arbitrary DER keys, and arbitrary signatures under a real key.
pub fn rsa_verify(data: &[u8]) {
    let _ = RsaPublicKey::from_spki_der(data);
    let _ = RsaPublicKey::from_pkcs1_der(data);
    let (_, message, signature) = split(data);
    use hookseal::core::http_signatures::{Algorithm, TrustedKey};
    for algorithm in [Algorithm::RsaV1_5Sha256, Algorithm::RsaPssSha512] {
        let key = TrustedKey::from_pem(NUMERAL_TEST_KEY, algorithm).expect("the test key");
        assert!(
            !key.verify(message.as_bytes(), signature),
            "an arbitrary signature verifies"
        );
    }
}
