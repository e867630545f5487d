//! Seqino PDP deliveries end to end through the Rust API: every accepted signature form, and
//! every refusal reaching its own error code.
#![cfg(feature = "seqino")]

use hookseal::core::hmac_key::HmacKey;
use hookseal::core::signature_encoding::{
    decode_hex, encode_base64, encode_hex, SignatureEncoding,
};
use hookseal::providers::seqino::{
    self, SeqinoEvent, SeqinoKeyForm, SeqinoOptions, SeqinoVerifier,
};
use hookseal::{ErrorCode, HeaderList};

#[path = "common/headers.rs"]
mod headers;

/// A secret in the documented form: 64 hex characters.
const SECRET: &str = "7f3c9a1be2d44f0a8c6b5e1d2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c";
const OTHER_SECRET: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const BODY: &str = include_str!("fixtures/seqino/webhook-test.json");
/// 2019-08-24T14:15:22Z, the fixture's `timestamp`.
const EVENT_MS: i64 = 1_566_656_122_000;

fn verifier() -> SeqinoVerifier {
    SeqinoVerifier::new(SeqinoOptions::new(SECRET)).unwrap()
}

fn headers(name: &str, value: &str) -> HeaderList {
    [("Content-Type", "application/json"), (name, value)]
        .into_iter()
        .collect()
}

fn code<T: std::fmt::Debug>(r: Result<T, hookseal::HooksealError>) -> ErrorCode {
    r.unwrap_err().code
}

#[test]
fn the_documented_test_event_verifies_with_the_default_assumptions() {
    let sig = seqino::sign(BODY.as_bytes(), SECRET);
    let event = verifier()
        .verify(
            BODY.as_bytes(),
            &headers("X-Seqino-Signature", &sig),
            EVENT_MS,
        )
        .unwrap();
    let SeqinoEvent::Test(e) = event else {
        panic!("expected webhook.test")
    };
    assert_eq!(e.event_id, "evt_abc123def456");
    assert_eq!(e.data.test_id, "test_abc123def456");
}

#[test]
fn every_accepted_signature_form_verifies() {
    let tag = HmacKey::new(SECRET.as_bytes()).tag(&[BODY.as_bytes()]);
    let hex = encode_hex(&tag);
    let b64 = encode_base64(&tag);
    let forms = [
        hex.clone(),
        hex.to_uppercase(),
        format!("sha256={hex}"),
        format!("SHA256={hex}"),
        format!("  {hex} "),
        b64.clone(),
        b64.trim_end_matches('=').to_string(),
        b64.replace('+', "-").replace('/', "_"),
        format!("sha256={b64}"),
    ];
    let v = verifier();
    for form in &forms {
        v.verify_signature(BODY.as_bytes(), form, EVENT_MS)
            .unwrap_or_else(|e| panic!("{form}: {e}"));
    }
    // Every default header name is searched.
    for name in seqino::DEFAULT_SIGNATURE_HEADERS {
        v.verify(
            BODY.as_bytes(),
            &headers(&name.to_uppercase(), &hex),
            EVENT_MS,
        )
        .unwrap();
    }
}

#[test]
fn explicit_encoding_header_and_hex_key_form() {
    let key = decode_hex(SECRET).unwrap();
    let tag = HmacKey::new(&key).tag(&[BODY.as_bytes()]);
    let mut opts = SeqinoOptions::new(SECRET);
    opts.key = SeqinoKeyForm::Hex;
    opts.encoding = SignatureEncoding::Base64;
    opts.header = Some("X-PDP-Sig".into());
    let v = SeqinoVerifier::new(opts).unwrap();
    v.verify(
        BODY.as_bytes(),
        &headers("x-pdp-sig", &encode_base64(&tag)),
        EVENT_MS,
    )
    .unwrap();
    // With an explicit header, the default names are not searched.
    assert_eq!(
        code(v.verify(
            BODY.as_bytes(),
            &headers("X-Seqino-Signature", &encode_base64(&tag)),
            EVENT_MS
        )),
        ErrorCode::MissingHeader
    );
    // Hex text under encoding: base64 does not decode to 32 bytes.
    assert_eq!(
        code(v.verify_signature(BODY.as_bytes(), &encode_hex(&tag), EVENT_MS)),
        ErrorCode::MalformedSignature
    );
}

#[test]
fn secret_rotation_accepts_any_configured_secret() {
    let v = SeqinoVerifier::new(SeqinoOptions::with_secrets(vec![
        OTHER_SECRET.into(),
        SECRET.into(),
    ]))
    .unwrap();
    v.verify_signature(
        BODY.as_bytes(),
        &seqino::sign(BODY.as_bytes(), SECRET),
        EVENT_MS,
    )
    .unwrap();
    v.verify_signature(
        BODY.as_bytes(),
        &seqino::sign(BODY.as_bytes(), OTHER_SECRET),
        EVENT_MS,
    )
    .unwrap();
    assert_eq!(
        code(v.verify_signature(
            BODY.as_bytes(),
            &seqino::sign(BODY.as_bytes(), "third"),
            EVENT_MS
        )),
        ErrorCode::SignatureMismatch
    );
}

#[test]
fn tampered_body_and_one_trailing_space_are_mismatches() {
    let sig = seqino::sign(BODY.as_bytes(), SECRET);
    let tampered = BODY.replace("test_abc123def456", "test_abc123def457");
    assert_eq!(
        code(verifier().verify_signature(tampered.as_bytes(), &sig, EVENT_MS)),
        ErrorCode::SignatureMismatch
    );
    let spaced = format!("{BODY} ");
    assert_eq!(
        code(verifier().verify_signature(spaced.as_bytes(), &sig, EVENT_MS)),
        ErrorCode::SignatureMismatch
    );
}

#[test]
fn pretty_printed_body_gets_a_hint_about_raw_bodies() {
    let compact = r#"{"event_id":"evt_1","event_type":"webhook.test","timestamp":"2019-08-24T14:15:22Z","sponsor_id":"s","data":{"test_id":"t"}}"#;
    let sig = seqino::sign(compact.as_bytes(), SECRET);
    let pretty = "{\n  \"event_id\": \"evt_1\"\n}";
    let err = verifier()
        .verify_signature(pretty.as_bytes(), &sig, EVENT_MS)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignatureMismatch);
    assert!(err.hint.unwrap().contains("raw bytes"));
    // A compact body, even one with a line break that indents nothing, gets the other hint.
    for other in [
        format!("{compact}x"),
        format!("{compact}\n"),
        "{\n\"a\": 1}".into(),
    ] {
        let hint = verifier()
            .verify_signature(other.as_bytes(), &sig, EVENT_MS)
            .unwrap_err()
            .hint
            .unwrap();
        assert!(hint.contains("check the secret"), "{other:?}: {hint}");
    }
}

#[test]
fn missing_header_non_hex_and_truncated_signatures() {
    let sig = seqino::sign(BODY.as_bytes(), SECRET);
    assert_eq!(
        code(verifier().verify(BODY.as_bytes(), &headers("X-Other", &sig), EVENT_MS)),
        ErrorCode::MissingHeader
    );
    let not_hex = format!("{}zz", &sig[..62]);
    assert_eq!(
        code(verifier().verify_signature(BODY.as_bytes(), &not_hex, EVENT_MS)),
        ErrorCode::MalformedSignature
    );
    let truncated = verifier()
        .verify_signature(BODY.as_bytes(), &sig[..60], EVENT_MS)
        .unwrap_err();
    assert_eq!(truncated.code, ErrorCode::MalformedSignature);
    assert!(
        truncated.message.contains("30 bytes"),
        "{}",
        truncated.message
    );
    assert_eq!(
        code(verifier().verify_signature(BODY.as_bytes(), "", EVENT_MS)),
        ErrorCode::MalformedSignature
    );
    assert_eq!(
        code(verifier().verify_signature(BODY.as_bytes(), "sha256=", EVENT_MS)),
        ErrorCode::MalformedSignature
    );
}

#[test]
fn invalid_json_with_a_valid_signature_is_invalid_json() {
    let body = b"{\"event_id\": \"evt_1\", ";
    let sig = seqino::sign(body, SECRET);
    assert_eq!(
        code(verifier().verify_signature(body, &sig, EVENT_MS)),
        ErrorCode::InvalidJson
    );
    let deep = "[".repeat(100_000);
    let sig = seqino::sign(deep.as_bytes(), SECRET);
    assert_eq!(
        code(verifier().verify_signature(deep.as_bytes(), &sig, EVENT_MS)),
        ErrorCode::InvalidJson
    );
}

#[test]
fn wrong_shape_with_a_valid_signature_is_schema_mismatch_and_duplicates_are_refused() {
    let body = br#"{"event_id":"evt_1","event_type":"webhook.test"}"#;
    assert_eq!(
        code(verifier().verify_signature(body, &seqino::sign(body, SECRET), EVENT_MS)),
        ErrorCode::SchemaMismatch
    );
    let dup = br#"{"event_id":"evt_1","event_type":"webhook.test","timestamp":"2019-08-24T14:15:22Z","sponsor_id":"s","data":{"test_id":"a"},"data":{"test_id":"b"}}"#;
    assert_eq!(
        code(verifier().verify_signature(dup, &seqino::sign(dup, SECRET), EVENT_MS)),
        ErrorCode::DuplicateKey
    );
}

#[test]
fn bad_secrets_are_refused_when_the_verifier_is_built() {
    assert_eq!(
        code(SeqinoVerifier::new(SeqinoOptions::new(""))),
        ErrorCode::InvalidSecret
    );
    assert_eq!(
        code(SeqinoVerifier::new(SeqinoOptions::new(format!(
            "{SECRET}\n"
        )))),
        ErrorCode::InvalidSecret
    );
    assert_eq!(
        code(SeqinoVerifier::new(SeqinoOptions::with_secrets(vec![]))),
        ErrorCode::InvalidSecret
    );
    let mut hex = SeqinoOptions::new("not-hex");
    hex.key = SeqinoKeyForm::Hex;
    assert_eq!(code(SeqinoVerifier::new(hex)), ErrorCode::InvalidSecret);
}

#[test]
fn stale_and_future_timestamps_when_a_tolerance_is_set() {
    let mut opts = SeqinoOptions::new(SECRET);
    opts.tolerance_seconds = Some(300);
    let v = SeqinoVerifier::new(opts).unwrap();
    let sig = seqino::sign(BODY.as_bytes(), SECRET);
    v.verify_signature(BODY.as_bytes(), &sig, EVENT_MS + 300_000)
        .unwrap();
    assert_eq!(
        code(v.verify_signature(BODY.as_bytes(), &sig, EVENT_MS + 301_000)),
        ErrorCode::TimestampTooOld
    );
    assert_eq!(
        code(v.verify_signature(BODY.as_bytes(), &sig, EVENT_MS - 301_000)),
        ErrorCode::TimestampInFuture
    );
    let bad_ts = BODY.replace("2019-08-24T14:15:22Z", "yesterday");
    assert_eq!(
        code(v.verify_signature(
            bad_ts.as_bytes(),
            &seqino::sign(bad_ts.as_bytes(), SECRET),
            EVENT_MS
        )),
        ErrorCode::TimestampInvalid
    );
    // Without a tolerance, an old delivery (a retry) still verifies.
    verifier()
        .verify_signature(BODY.as_bytes(), &sig, EVENT_MS + 86_400_000 * 365)
        .unwrap();
}

#[test]
fn body_over_the_limit_is_refused_before_hashing() {
    let mut opts = SeqinoOptions::new(SECRET);
    opts.max_body_bytes = 64;
    let v = SeqinoVerifier::new(opts).unwrap();
    let sig = seqino::sign(BODY.as_bytes(), SECRET);
    assert_eq!(
        code(v.verify_signature(BODY.as_bytes(), &sig, EVENT_MS)),
        ErrorCode::BodyTooLarge
    );
    assert_eq!(
        code(v.verify(
            BODY.as_bytes(),
            &headers("x-seqino-signature", &sig),
            EVENT_MS
        )),
        ErrorCode::BodyTooLarge
    );
}

#[test]
fn explain_names_the_matching_variant() {
    // The sender used base64 and the decoded 32-byte key; our options are the defaults.
    let tag = HmacKey::new(&decode_hex(SECRET).unwrap()).tag(&[BODY.as_bytes()]);
    let d = verifier().explain(
        BODY.as_bytes(),
        &headers("X-Webhook-Signature", &encode_base64(&tag)),
        None,
        EVENT_MS,
    );
    assert!(!d.valid);
    assert_eq!(d.code.as_deref(), Some("signature_mismatch"));
    let m = d.matched.expect("a variant matches");
    assert_eq!(
        (m.encoding.as_str(), m.key.as_str(), m.message.as_str()),
        ("base64", "hex", "raw body")
    );
    assert_eq!(d.header.as_deref(), Some("x-webhook-signature"));
    assert!(d.suggested_options.unwrap().contains("key: 'hex'"));

    // A framework appended a newline after the signature was computed.
    let sig = seqino::sign(BODY.trim_end().as_bytes(), SECRET);
    let body = format!("{}\n", BODY.trim_end());
    let d = verifier().explain(body.as_bytes(), &HeaderList::new(), Some(&sig), EVENT_MS);
    assert_eq!(d.matched.unwrap().message, "trimmed body");
    assert!(d
        .findings
        .iter()
        .any(|f| f.contains("ends with whitespace")));

    // Truncated signature: the decoding says so.
    let d = verifier().explain(
        BODY.as_bytes(),
        &HeaderList::new(),
        Some(&seqino::sign(BODY.as_bytes(), SECRET)[..40]),
        EVENT_MS,
    );
    assert!(
        d.signature_decoding.contains("20 bytes"),
        "{}",
        d.signature_decoding
    );
    assert!(d.matched.is_none());

    // Valid delivery.
    let d = verifier().explain(
        BODY.as_bytes(),
        &headers("x-seqino-signature", &seqino::sign(BODY.as_bytes(), SECRET)),
        None,
        EVENT_MS,
    );
    assert!(d.valid && d.code.is_none());
}

#[test]
fn only_the_signature_header_names_matter_to_verify() {
    // The wasm build passes only `signature_header_names()` across: every other header must
    // leave the verdict, error message included, as it is.
    let good = seqino::sign(BODY.as_bytes(), SECRET);
    let bad = seqino::sign(BODY.as_bytes(), OTHER_SECRET);
    let custom = SeqinoVerifier::new(SeqinoOptions {
        header: Some("X-PDP-Signature".into()),
        ..SeqinoOptions::new(SECRET)
    })
    .unwrap();
    let bags: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("Host", "a"),
            ("X-Seqino-Signature", &good),
            ("Content-Length", "3"),
        ],
        vec![("x-signature", &bad), ("X-Hub-Signature-256", &good)],
        vec![("X-WEBHOOK-SIGNATURE", &bad), ("x-seqino-signature", &good)],
        vec![("x-seqino-signature", &bad), ("X-Seqino-Signature", &good)],
        vec![("signature", &good), ("x-pdp-signature", &good)],
        vec![
            ("X-Pdp-Signature", &bad),
            ("x-pdp-signature", &good),
            ("user-agent", "b"),
        ],
        vec![("x-other", &good), ("content-type", "application/json")],
        vec![],
    ];
    for v in [verifier(), custom] {
        let names: Vec<&str> = v.signature_header_names().collect();
        for bag in &bags {
            let (all, kept) = headers::all_and_named(bag, &names);
            let verdict = |h: &HeaderList| {
                v.verify(BODY.as_bytes(), h, EVENT_MS)
                    .map(|e| format!("{e:?}"))
                    .map_err(|e| format!("{e:?}"))
            };
            assert_eq!(verdict(&all), verdict(&kept), "{bag:?}");
        }
    }
}

/// `Skipped::LeftToParser`, as the wasm `verify` calls it (its `JSON.parse` then reads the
/// whole body, and the checked walk runs when that refuses it): the checked verdict on every
/// valid body and on every problem outside what the event's shape skips; only a syntax error
/// inside a skipped value (an invoice's seller, buyer or lines) gets through, for the parser
/// to refuse. A syntax error still wins over a timestamp outside the window.
#[test]
fn syntax_of_skipped_values_is_left_to_the_parser_and_nothing_else() {
    use hookseal::core::wire_shape::Skipped;
    const INVOICE: &str = r#"{"event_id":"evt_1","event_type":"invoice.created","timestamp":"2019-08-24T14:15:22Z","sponsor_id":"s","data":{"invoice_id":"inv_1","status":"DEPOSITED","seller":{"siren":"123456789","name":"Société \"[{\""},"lines":[{"line":1,"label":"n°1 — été","quantity":2,"unit_price":"125.50"}]}}"#;
    let mut opts = SeqinoOptions::new(SECRET);
    opts.tolerance_seconds = Some(300);
    let v = SeqinoVerifier::new(opts).unwrap();
    let run = |body: &str, now: i64, skipped: Skipped| {
        let sig = seqino::sign(body.as_bytes(), SECRET);
        v.verify_signature_raw_skipping(body.as_bytes(), &sig, now, skipped)
            .map(|e| (e.event_id, e.event_type, e.timestamp, e.data.to_owned()))
            .map_err(|e| (e.code, e.message))
    };
    let both = |body: &str, now: i64| {
        (
            run(body, now, Skipped::Checked),
            run(body, now, Skipped::LeftToParser),
        )
    };

    let (checked, left) = both(INVOICE, EVENT_MS);
    assert!(checked.is_ok());
    assert_eq!(checked, left);

    for (from, to) in [
        (r#""quantity":2"#, r#""quantity":02"#),
        (r#""quantity":2"#, r#""quantity":2,"#),
        (r#""line":1"#, r#""line" 1"#),
        (r#""unit_price":"125.50""#, r#""unit_price":"125\x50""#),
        (r#"}]}}"#, r#"}}}}"#),
        (r#""siren":"123456789""#, r#""siren":tru"#),
    ] {
        let broken = INVOICE.replacen(from, to, 1);
        assert_ne!(broken, INVOICE);
        let (checked, left) = both(&broken, EVENT_MS);
        assert_eq!(checked.unwrap_err().0, ErrorCode::InvalidJson, "{broken}");
        assert!(left.is_ok(), "{broken}: left to the parser");
        // Outside the window, the syntax error is still what is reported.
        let (checked, left) = both(&broken, EVENT_MS + 3_600_000);
        assert_eq!(checked.clone().unwrap_err().0, ErrorCode::InvalidJson);
        assert_eq!(checked, left, "{broken}");
    }

    // Problems outside the skipped values: the checked verdict, word for word.
    for (from, to) in [
        (r#""event_id":"evt_1""#, r#""event_id":1"#),
        (r#""status":"DEPOSITED""#, r#""status":7"#),
        (r#""invoice_id":"inv_1""#, r#""invoice_id":"inv_1" "x""#),
        (r#""data":{"#, r#""data":["#),
        ("}}", "}"),
        ("}}", "}}}"),
        (r#""sponsor_id":"s""#, r#""sponsor_id":"s","event_id":"e""#),
    ] {
        let broken = INVOICE.replacen(from, to, 1);
        assert_ne!(broken, INVOICE);
        let (checked, left) = both(&broken, EVENT_MS);
        assert!(checked.is_err(), "{broken}");
        assert_eq!(checked, left, "{broken}");
    }
    let (checked, left) = both(INVOICE, EVENT_MS + 3_600_000);
    assert_eq!(checked.clone().unwrap_err().0, ErrorCode::TimestampTooOld);
    assert_eq!(checked, left);
}
