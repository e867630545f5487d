//! SePay deliveries end to end through the Rust API: every mode accepted and refused with
//! its own code, the clock window's edges, the three body formats typed alike, and the
//! webhook-configuration rules one by one and all at once.
#![cfg(feature = "sepay")]

use hookseal::providers::sepay::{
    self, validate_webhook_config, SepayConfigMode, SepayConfigProblemCode as Code, SepayMode,
    SepayModeName, SepayOptions, SepayTransaction, SepayTransferType, SepayVerifier,
};
use hookseal::{ErrorCode, HeaderList, HooksealError};

#[path = "common/headers.rs"]
mod headers;
use serde_json::{json, Value};

/// The self-made vector of PROVIDERS.md.
const BODY: &str = r#"{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","code":null,"content":"payment content","transferType":"in","transferAmount":2277000,"accumulated":19077000,"subAccount":null,"referenceCode":"MBVCB.3278907687","description":""}"#;
const SECRET: &str = "whsec_test";
const TS: u64 = 1_700_000_000;
const NOW: i64 = 1_700_000_000_000;
const VECTOR: &str = "sha256=0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9";

/// The same transaction's members as form / multipart text (nulls as empty values).
const FIELDS: [(&str, &str); 12] = [
    ("id", "92704"),
    ("gateway", "Vietcombank"),
    ("transactionDate", "2023-03-25 14:02:37"),
    ("accountNumber", "0123499999"),
    ("code", ""),
    ("content", "payment content"),
    ("transferType", "in"),
    ("transferAmount", "2277000"),
    ("accumulated", "19077000"),
    ("subAccount", ""),
    ("referenceCode", "MBVCB.3278907687"),
    ("description", ""),
];

fn form_body(fields: &[(&str, &str)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                b => format!("%{b:02X}"),
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

const BOUNDARY: &str = "----sepay7MA4YWxkTrZu0gW";

fn multipart_body(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    out.push_str(&format!("--{BOUNDARY}--\r\n"));
    out
}

fn headers(pairs: &[(&str, &str)]) -> HeaderList {
    pairs.iter().copied().collect()
}

const JSON_CT: (&str, &str) = ("Content-Type", "application/json");
const FORM_CT: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

fn multipart_ct() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

fn verifier(mode: SepayMode) -> SepayVerifier {
    SepayVerifier::new(SepayOptions::new(mode)).unwrap()
}

fn hmac() -> SepayVerifier {
    verifier(SepayMode::hmac(SECRET))
}

fn code<T: std::fmt::Debug>(r: Result<T, HooksealError>) -> ErrorCode {
    r.unwrap_err().code
}

fn expected_transaction() -> SepayTransaction {
    SepayTransaction {
        id: 92704,
        gateway: "Vietcombank".into(),
        transaction_date: "2023-03-25 14:02:37".into(),
        transaction_date_iso: Some("2023-03-25T14:02:37+07:00".into()),
        account_number: "0123499999".into(),
        sub_account: None,
        code: None,
        content: "payment content".into(),
        transfer_type: SepayTransferType::In,
        transfer_amount: 2_277_000,
        accumulated: 19_077_000,
        reference_code: "MBVCB.3278907687".into(),
        description: String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// HMAC

#[test]
fn the_documented_self_made_vector() {
    let signed = sepay::sign(BODY.as_bytes(), SECRET, TS);
    assert_eq!(signed.signature, VECTOR);
    assert_eq!(signed.timestamp, "1700000000");
    assert_eq!(signed.content_type, "application/json");
    let h = headers(&[
        JSON_CT,
        ("X-SePay-Signature", VECTOR),
        ("X-SePay-Timestamp", "1700000000"),
    ]);
    assert_eq!(
        hmac().verify(BODY.as_bytes(), &h, NOW).unwrap(),
        expected_transaction()
    );
    // The helper's own header list verifies too.
    hmac()
        .verify(BODY.as_bytes(), &signed.header_list(), NOW)
        .unwrap();
}

#[test]
fn hmac_accepts_header_variants_and_rotation() {
    let hex = VECTOR.trim_start_matches("sha256=");
    for sig in [
        VECTOR.to_string(),
        VECTOR.to_uppercase().replace("SHA256=", "sha256="),
        format!("SHA256={hex}"),
        hex.to_string(),
        format!(" {VECTOR} "),
    ] {
        let h = headers(&[
            ("x-sepay-signature", &sig),
            ("X-SEPAY-TIMESTAMP", " 1700000000 "),
        ]);
        hmac()
            .verify(BODY.as_bytes(), &h, NOW)
            .unwrap_or_else(|e| panic!("{sig}: {e}"));
    }
    let rotated = verifier(SepayMode::Hmac {
        secrets: vec!["whsec_new".into(), SECRET.into()],
        tolerance_seconds: 300,
    });
    rotated
        .verify(
            BODY.as_bytes(),
            &sepay::sign(BODY.as_bytes(), SECRET, TS).header_list(),
            NOW,
        )
        .unwrap();
}

#[test]
fn hmac_refusals_each_have_their_code() {
    let v = hmac();
    let body = BODY.as_bytes();
    let sig = ("X-SePay-Signature", VECTOR);
    let ts = ("X-SePay-Timestamp", "1700000000");
    assert_eq!(
        code(v.verify(body, &headers(&[ts]), NOW)),
        ErrorCode::MissingSignature
    );
    assert_eq!(
        code(v.verify(body, &headers(&[sig]), NOW)),
        ErrorCode::MissingHeader
    );
    for bad_ts in ["", "abc", "-1700000000", "1700000000.5", "1.7e9"] {
        assert_eq!(
            code(v.verify(body, &headers(&[sig, ("X-SePay-Timestamp", bad_ts)]), NOW)),
            ErrorCode::TimestampInvalid,
            "{bad_ts:?}"
        );
    }
    for bad_sig in [
        "",
        "sha256=",
        "sha256=xyz",
        "sha256=0774c7",
        "sha256=dGVzdA==",
    ] {
        assert_eq!(
            code(v.verify(body, &headers(&[("X-SePay-Signature", bad_sig), ts]), NOW)),
            ErrorCode::MalformedSignature,
            "{bad_sig:?}"
        );
    }
    // Another secret, the secret without its prefix, a changed body, a changed timestamp.
    for secret in ["whsec_other", "test"] {
        let signed = sepay::sign(body, secret, TS);
        assert_eq!(
            code(v.verify(body, &signed.header_list(), NOW)),
            ErrorCode::SignatureMismatch
        );
    }
    let tampered = BODY.replace("2277000", "9277000");
    assert_eq!(
        code(v.verify(tampered.as_bytes(), &headers(&[sig, ts]), NOW)),
        ErrorCode::SignatureMismatch
    );
    assert_eq!(
        code(v.verify(
            body,
            &headers(&[sig, ("X-SePay-Timestamp", "1700000001")]),
            NOW
        )),
        ErrorCode::SignatureMismatch
    );
    // A forged delivery is refused before its body is read.
    assert_eq!(
        code(v.verify(b"{not json", &headers(&[sig, ts]), NOW)),
        ErrorCode::SignatureMismatch
    );
}

#[test]
fn window_edges_at_300_and_301_seconds() {
    let v = hmac();
    let at = |ts: u64, now_ms: i64| {
        v.verify(
            BODY.as_bytes(),
            &sepay::sign(BODY.as_bytes(), SECRET, ts).header_list(),
            now_ms,
        )
    };
    assert!(at(TS - 300, NOW).is_ok(), "300 s old");
    assert!(at(TS + 300, NOW).is_ok(), "300 s ahead");
    assert_eq!(code(at(TS - 301, NOW)), ErrorCode::TimestampTooOld);
    assert_eq!(code(at(TS + 301, NOW)), ErrorCode::TimestampInFuture);
    // Milliseconds of `now` do not push an exact edge over.
    assert!(at(TS - 300, NOW + 999).is_ok());
    // A configured tolerance replaces the default.
    let strict = verifier(SepayMode::Hmac {
        secrets: vec![SECRET.into()],
        tolerance_seconds: 10,
    });
    let signed = sepay::sign(BODY.as_bytes(), SECRET, TS - 11).header_list();
    assert_eq!(
        code(strict.verify(BODY.as_bytes(), &signed, NOW)),
        ErrorCode::TimestampTooOld
    );
}

// ---------------------------------------------------------------------------------------
// API key, OAuth2, none

#[test]
fn api_key_mode() {
    let v = verifier(SepayMode::ApiKey(vec![
        "key_old_1234567890".into(),
        "key_new_abcdefghij".into(),
    ]));
    let body = BODY.as_bytes();
    for auth in [
        "Apikey key_old_1234567890",
        "Apikey key_new_abcdefghij",
        "Bearer Apikey key_new_abcdefghij",
        "apikey key_new_abcdefghij",
        "Apikey key_new_abcdefghij, something else",
        "Apikey wrong, Apikey key_new_abcdefghij",
    ] {
        v.verify(body, &headers(&[JSON_CT, ("Authorization", auth)]), NOW)
            .unwrap_or_else(|e| panic!("{auth}: {e}"));
    }
    for auth in [
        "Apikey key_new_abcdefghi",
        "Apikey KEY_NEW_ABCDEFGHIJ",
        "Apikey ",
        "Bearer key_new_abcdefghij",
        "key_new_abcdefghij",
    ] {
        assert_eq!(
            code(v.verify(body, &headers(&[("Authorization", auth)]), NOW)),
            ErrorCode::CredentialsMismatch,
            "{auth}"
        );
    }
    assert_eq!(
        code(v.verify(body, &headers(&[JSON_CT]), NOW)),
        ErrorCode::MissingHeader
    );
}

#[test]
fn oauth2_mode() {
    let v = verifier(SepayMode::OAuth2(vec!["eyJhbGci.token.one".into()]));
    let body = BODY.as_bytes();
    for auth in ["Bearer eyJhbGci.token.one", "bearer  eyJhbGci.token.one "] {
        assert_eq!(
            v.verify(body, &headers(&[("Authorization", auth)]), NOW)
                .unwrap(),
            expected_transaction()
        );
    }
    for auth in [
        "Bearer eyJhbGci.token.two",
        "Apikey eyJhbGci.token.one",
        "Basic abc",
    ] {
        assert_eq!(
            code(v.verify(body, &headers(&[("Authorization", auth)]), NOW)),
            ErrorCode::CredentialsMismatch,
            "{auth}"
        );
    }
    assert_eq!(
        code(v.verify(body, &headers(&[]), NOW)),
        ErrorCode::MissingHeader
    );
}

#[test]
fn none_mode_checks_nothing_but_still_types_the_body() {
    let v = verifier(SepayMode::None);
    assert_eq!(
        v.verify(BODY.as_bytes(), &headers(&[]), NOW).unwrap(),
        expected_transaction()
    );
    assert_eq!(
        code(v.verify(b"{\"id\":1}", &headers(&[]), NOW)),
        ErrorCode::SchemaMismatch
    );
    assert_eq!(
        code(v.verify(b"{\"id\":", &headers(&[JSON_CT]), NOW)),
        ErrorCode::InvalidJson
    );
}

#[test]
fn unusable_configuration_is_refused_at_construction() {
    for mode in [
        SepayMode::ApiKey(vec![]),
        SepayMode::ApiKey(vec!["".into()]),
        SepayMode::OAuth2(vec!["token\n".into()]),
        SepayMode::hmac(" whsec_x"),
    ] {
        assert_eq!(
            code(SepayVerifier::new(SepayOptions::new(mode))),
            ErrorCode::InvalidSecret
        );
    }
}

#[test]
fn body_size_limit() {
    let mut options = SepayOptions::new(SepayMode::None);
    options.max_body_bytes = BODY.len() - 1;
    let v = SepayVerifier::new(options).unwrap();
    assert_eq!(
        code(v.verify(BODY.as_bytes(), &headers(&[]), NOW)),
        ErrorCode::BodyTooLarge
    );
}

// ---------------------------------------------------------------------------------------
// Body formats

fn js(v: &SepayVerifier, body: &str, h: &HeaderList) -> Value {
    let text = v.verify_to_js_json(body.as_bytes(), h, NOW).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_form_and_multipart_are_typed_the_same() {
    let v = verifier(SepayMode::None);
    let form = form_body(&FIELDS);
    let multipart = multipart_body(&FIELDS);
    let mp_ct = multipart_ct();
    let cases: [(&str, HeaderList); 3] = [
        (BODY, headers(&[JSON_CT])),
        (&form, headers(&[FORM_CT])),
        (&multipart, headers(&[("Content-Type", &mp_ct)])),
    ];
    let expected_js = json!({
        "id": 92704, "gateway": "Vietcombank", "transactionDate": "2023-03-25 14:02:37",
        "transactionDateIso": "2023-03-25T14:02:37+07:00", "accountNumber": "0123499999",
        "code": null, "content": "payment content", "transferType": "in",
        "transferAmount": 2277000, "accumulated": 19077000, "subAccount": null,
        "referenceCode": "MBVCB.3278907687", "description": ""
    });
    for (body, h) in &cases {
        assert_eq!(
            v.verify(body.as_bytes(), h, NOW).unwrap(),
            expected_transaction(),
            "{body}"
        );
        assert_eq!(js(&v, body, h), expected_js, "{body}");
    }
    // The typed struct serializes to exactly what JS receives.
    assert_eq!(
        serde_json::to_value(expected_transaction()).unwrap(),
        expected_js
    );
    // Without a Content-Type the format is recognised from the bytes.
    for (body, _) in &cases {
        assert_eq!(
            v.verify(body.as_bytes(), &headers(&[]), NOW).unwrap(),
            expected_transaction()
        );
    }
}

#[test]
fn form_nulls_may_be_absent_and_extra_members_are_kept() {
    let v = verifier(SepayMode::None);
    // PHP's http_build_query drops null members.
    let without_nulls: Vec<_> = FIELDS
        .iter()
        .copied()
        .filter(|(k, _)| *k != "code" && *k != "subAccount")
        .chain([("bankBrandName", "VCB"), ("id_extra", "0012")])
        .collect();
    let out = js(&v, &form_body(&without_nulls), &headers(&[FORM_CT]));
    assert_eq!(out["code"], Value::Null);
    assert_eq!(out["subAccount"], Value::Null);
    assert_eq!(out["bankBrandName"], "VCB");
    assert_eq!(out["id_extra"], "0012", "undocumented members stay text");
    // A JSON body keeps every member and lexeme it had.
    let extra = BODY.replace(
        "\"description\":\"\"",
        "\"description\":\"\",\"big\":12345678901234567890,\"rate\":1.50",
    );
    let text = v
        .verify_to_js_json(extra.as_bytes(), &headers(&[JSON_CT]), NOW)
        .unwrap();
    assert!(
        text.contains(r#""big":"12345678901234567890","rate":1.50,"transactionDateIso""#),
        "{text}"
    );
}

#[test]
fn form_values_with_special_characters_round_trip() {
    let v = verifier(SepayMode::None);
    let content = "Chuyển tiền \"đơn #42\" & 100% \\ ok\nnext";
    let mut fields = FIELDS.to_vec();
    fields[5] = ("content", content);
    for (body, ct) in [
        (form_body(&fields), FORM_CT.1.to_string()),
        (multipart_body(&fields), multipart_ct()),
    ] {
        let h = headers(&[("Content-Type", &ct)]);
        assert_eq!(v.verify(body.as_bytes(), &h, NOW).unwrap().content, content);
        assert_eq!(js(&v, &body, &h)["content"], content);
    }
}

#[test]
fn non_integers_are_schema_mismatch_in_every_format() {
    let v = verifier(SepayMode::None);
    for bad in [
        "2277000.5",
        "2277000.0",
        "1e6",
        "",
        " 2277000",
        "9007199254740992",
        "abc",
    ] {
        let mut fields = FIELDS.to_vec();
        fields[7] = ("transferAmount", bad);
        for (body, ct) in [
            (form_body(&fields), FORM_CT.1.to_string()),
            (multipart_body(&fields), multipart_ct()),
        ] {
            assert_eq!(
                code(v.verify(body.as_bytes(), &headers(&[("Content-Type", &ct)]), NOW)),
                ErrorCode::SchemaMismatch,
                "{bad:?} in {ct}"
            );
        }
    }
    for bad in [
        "2277000.0",
        "2.277e6",
        "\"2277000\"",
        "null",
        "9007199254740992",
    ] {
        let body = BODY.replace("2277000", bad);
        assert_eq!(
            code(v.verify(body.as_bytes(), &headers(&[JSON_CT]), NOW)),
            ErrorCode::SchemaMismatch,
            "{bad}"
        );
    }
    let outward = BODY.replace("\"in\"", "\"sideways\"");
    assert_eq!(
        code(v.verify(outward.as_bytes(), &headers(&[JSON_CT]), NOW)),
        ErrorCode::SchemaMismatch
    );
    let missing = BODY.replace("\"gateway\":\"Vietcombank\",", "");
    assert_eq!(
        code(v.verify(missing.as_bytes(), &headers(&[JSON_CT]), NOW)),
        ErrorCode::SchemaMismatch
    );
}

#[test]
fn a_documented_member_twice_is_refused() {
    let v = verifier(SepayMode::None);
    let json = BODY.replace("\"id\":92704,", "\"id\":92704,\"id\":1,");
    assert_eq!(
        code(v.verify(json.as_bytes(), &headers(&[JSON_CT]), NOW)),
        ErrorCode::DuplicateKey
    );
    let form = format!("{}&transferAmount=1", form_body(&FIELDS));
    assert_eq!(
        code(v.verify(form.as_bytes(), &headers(&[FORM_CT]), NOW)),
        ErrorCode::DuplicateKey
    );
}

#[test]
fn hmac_covers_form_and_multipart_bodies_as_raw_bytes() {
    let v = hmac();
    for (body, ct) in [
        (form_body(&FIELDS), FORM_CT.1.to_string()),
        (multipart_body(&FIELDS), multipart_ct()),
    ] {
        let signed = sepay::sign(body.as_bytes(), SECRET, TS);
        let h = headers(&[
            ("Content-Type", &ct),
            ("X-SePay-Signature", &signed.signature),
            ("X-SePay-Timestamp", &signed.timestamp),
        ]);
        assert_eq!(
            v.verify(body.as_bytes(), &h, NOW).unwrap(),
            expected_transaction()
        );
        let reordered = body.replacen("id=92704&", "", 1) + "&id=92704";
        if ct == FORM_CT.1 {
            assert_eq!(
                code(v.verify(reordered.as_bytes(), &h, NOW)),
                ErrorCode::SignatureMismatch,
                "same members, other bytes"
            );
        }
    }
}

#[test]
fn hostile_bodies_never_panic() {
    let v = verifier(SepayMode::None);
    let mp_ct = multipart_ct();
    let seeds = [
        form_body(&FIELDS),
        multipart_body(&FIELDS),
        BODY.to_string(),
    ];
    let content_types = [FORM_CT.1, mp_ct.as_str(), "application/json", "text/plain"];
    for seed in &seeds {
        let bytes = seed.as_bytes();
        for end in (0..=bytes.len()).step_by(7) {
            for ct in content_types {
                let _ = v.verify(&bytes[..end], &headers(&[("Content-Type", ct)]), NOW);
            }
        }
        for i in (0..bytes.len()).step_by(3) {
            for b in [0u8, b'\r', b'\n', b'-', b'%', b'"', 0xc3, 0xff] {
                let mut copy = bytes.to_vec();
                copy[i] = b;
                for ct in content_types {
                    let _ = v.verify(&copy, &headers(&[("Content-Type", ct)]), NOW);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// explain()

#[test]
fn explain_says_what_is_wrong() {
    let v = hmac();
    let signed = sepay::sign(BODY.as_bytes(), SECRET, TS - 400);
    let d = v.explain(BODY.as_bytes(), &signed.header_list(), NOW);
    assert!(!d.valid);
    assert_eq!(d.code.as_deref(), Some("timestamp_too_old"));
    assert_eq!(d.mode, SepayModeName::Hmac);
    assert_eq!(d.looks_like, Some(SepayModeName::Hmac));
    assert_eq!(d.drift_seconds, Some(400));
    assert_eq!(d.tolerance_seconds, Some(300));
    assert_eq!(d.expected, [signed.signature.as_str()]);
    assert_eq!(d.received.as_deref(), Some(signed.signature.as_str()));
    assert!(d.findings.iter().any(|f| f.contains("400 s before now")));

    // An API-key delivery reaching an HMAC verifier.
    let d = v.explain(
        BODY.as_bytes(),
        &headers(&[JSON_CT, ("Authorization", "Apikey secret-key-123456")]),
        NOW,
    );
    assert_eq!(d.code.as_deref(), Some("missing_signature"));
    assert_eq!(d.looks_like, Some(SepayModeName::ApiKey));
    assert_eq!(d.missing, ["x-sepay-signature", "x-sepay-timestamp"]);
    assert!(d.findings[0].contains("look like mode `api_key`"));

    // The secret was configured without its prefix.
    let bare = verifier(SepayMode::hmac("test"));
    let d = bare.explain(
        BODY.as_bytes(),
        &sepay::sign(BODY.as_bytes(), SECRET, TS).header_list(),
        NOW,
    );
    assert_eq!(d.code.as_deref(), Some("signature_mismatch"));
    assert!(
        d.findings
            .iter()
            .any(|f| f.contains("with a `whsec_` prefix")),
        "{:?}",
        d.findings
    );

    // Keys are masked on both sides.
    let keyed = verifier(SepayMode::ApiKey(vec!["abcdefghijklmnop".into()]));
    let d = keyed.explain(
        BODY.as_bytes(),
        &headers(&[("Authorization", "Apikey abcdefghijklmnoX")]),
        NOW,
    );
    assert_eq!(d.code.as_deref(), Some("credentials_mismatch"));
    assert_eq!(d.expected, ["Apikey ab…op (16 characters)"]);
    assert_eq!(d.received.as_deref(), Some("Apikey ab…oX (16 characters)"));

    let ok = hmac().explain(
        BODY.as_bytes(),
        &sepay::sign(BODY.as_bytes(), SECRET, TS).header_list(),
        NOW,
    );
    assert!(
        ok.valid && ok.code.is_none() && ok.findings.is_empty(),
        "{ok:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Webhook configuration

fn valid_request() -> Value {
    json!({
        "bank_account_id": 19,
        "name": "Online shop integration",
        "event_type": "In_only",
        "authen_type": "Api_Key",
        "webhook_url": "https://example.com/webhook/payment",
        "is_verify_payment": 1,
        "skip_if_no_code": 1,
        "active": 1,
        "retry_conditions": ["non_2xx_status_code"],
        "only_va": 1,
        "bank_sub_account_ids": [25, 26],
        "api_key": "a7c3b4e5f6a7b8c9d0e1f2a3b4c5d6e7",
        "request_content_type": "Json"
    })
}

/// `(field, code)` of every problem of `request` with one change applied.
fn problems_with(mode: SepayConfigMode, change: impl FnOnce(&mut Value)) -> Vec<(String, Code)> {
    let mut request = valid_request();
    change(&mut request);
    validate_webhook_config(&request, mode)
        .into_iter()
        .map(|p| {
            assert!(!p.message.is_empty());
            (p.field, p.code)
        })
        .collect()
}

fn create(change: impl FnOnce(&mut Value)) -> Vec<(String, Code)> {
    problems_with(SepayConfigMode::Create, change)
}

fn one(field: &str, code: Code) -> Vec<(String, Code)> {
    vec![(field.to_string(), code)]
}

fn remove(request: &mut Value, fields: &[&str]) {
    let object = request.as_object_mut().unwrap();
    for f in fields {
        object.remove(*f);
    }
}

#[test]
fn config_valid_requests_have_no_problems() {
    assert!(create(|_| {}).is_empty());
    assert!(problems_with(SepayConfigMode::Update, |r| *r = json!({})).is_empty());
    assert!(problems_with(SepayConfigMode::Update, |r| *r = json!({"active": 0})).is_empty());
    // Optional members may be absent or null.
    assert!(create(|r| {
        remove(
            r,
            &[
                "skip_if_no_code",
                "active",
                "retry_conditions",
                "only_va",
                "bank_sub_account_ids",
            ],
        );
        r["only_va"] = Value::Null;
    })
    .is_empty());
    // The response shape of retry_conditions is accepted as well.
    assert!(create(|r| r["retry_conditions"] = json!({"non_2xx_status_code": 0})).is_empty());
}

#[test]
fn config_each_rule() {
    use Code::*;
    // Not an object.
    assert_eq!(
        problems_with(SepayConfigMode::Create, |r| *r = json!([1])),
        one("", NotAnObject)
    );
    // Required on create, one at a time.
    for field in [
        "bank_account_id",
        "name",
        "event_type",
        "webhook_url",
        "is_verify_payment",
    ] {
        assert_eq!(
            create(|r| remove(r, &[field])),
            one(field, Required),
            "{field}"
        );
    }
    assert_eq!(create(|r| r["name"] = Value::Null), one("name", Required));
    // authen_type: required, and it decides which members are required.
    assert_eq!(
        create(|r| remove(r, &["authen_type"])),
        one("authen_type", Required)
    );
    assert_eq!(
        create(|r| remove(r, &["api_key"])),
        one("api_key", Required)
    );
    assert_eq!(
        create(|r| remove(r, &["request_content_type"])),
        one("request_content_type", Required)
    );
    assert_eq!(
        create(|r| {
            r["authen_type"] = json!("No_Authen");
            remove(r, &["api_key", "request_content_type"]);
        }),
        one("request_content_type", Required)
    );
    assert_eq!(
        create(|r| {
            r["authen_type"] = json!("OAuth2.0");
            remove(r, &["api_key", "request_content_type"]);
        }),
        vec![
            ("oauth2_access_token_url".into(), Required),
            ("oauth2_client_id".into(), Required),
            ("oauth2_client_secret".into(), Required),
        ]
    );
    assert!(create(|r| {
        r["authen_type"] = json!("OAuth2.0");
        r["oauth2_access_token_url"] = json!("https://shop.example/oauth/token");
        r["oauth2_client_id"] = json!("client");
        r["oauth2_client_secret"] = json!("secret");
        remove(r, &["api_key", "request_content_type"]);
    })
    .is_empty());
    assert!(create(|r| {
        r["authen_type"] = json!("HMAC_SHA256");
        remove(r, &["api_key", "request_content_type"]);
    })
    .is_empty());
    // Enumerations.
    assert_eq!(
        create(|r| r["event_type"] = json!("in_only")),
        one("event_type", InvalidEnum)
    );
    assert_eq!(
        create(|r| r["authen_type"] = json!("Basic")),
        one("authen_type", InvalidEnum)
    );
    assert_eq!(
        create(|r| r["request_content_type"] = json!("application/json")),
        one("request_content_type", InvalidEnum)
    );
    assert_eq!(
        create(|r| r["event_type"] = json!(1)),
        one("event_type", InvalidType)
    );
    // 0/1 flags.
    assert_eq!(
        create(|r| r["is_verify_payment"] = json!(2)),
        one("is_verify_payment", InvalidFlag)
    );
    assert_eq!(
        create(|r| r["active"] = json!(true)),
        one("active", InvalidType)
    );
    assert_eq!(
        create(|r| r["skip_if_no_code"] = json!("1")),
        one("skip_if_no_code", InvalidType)
    );
    assert_eq!(
        create(|r| r["only_va"] = json!(0.5)),
        one("only_va", InvalidType)
    );
    // only_va = 1 needs virtual accounts.
    assert_eq!(
        create(|r| remove(r, &["bank_sub_account_ids"])),
        one("bank_sub_account_ids", Required)
    );
    assert_eq!(
        create(|r| r["bank_sub_account_ids"] = json!([])),
        one("bank_sub_account_ids", Empty)
    );
    assert!(create(|r| {
        r["only_va"] = json!(0);
        remove(r, &["bank_sub_account_ids"]);
    })
    .is_empty());
    assert_eq!(
        create(|r| r["bank_sub_account_ids"] = json!([25, "26", 0])),
        vec![
            ("bank_sub_account_ids[1]".into(), InvalidType),
            ("bank_sub_account_ids[2]".into(), InvalidType),
        ]
    );
    assert_eq!(
        create(|r| r["bank_sub_account_ids"] = json!(25)),
        one("bank_sub_account_ids", InvalidType)
    );
    // URLs.
    assert_eq!(
        create(|r| r["webhook_url"] = json!("example.com/webhook")),
        one("webhook_url", InvalidUrl)
    );
    assert_eq!(
        create(|r| r["webhook_url"] = json!("https://exa mple.com/")),
        one("webhook_url", InvalidUrl)
    );
    assert_eq!(
        create(|r| r["webhook_url"] = json!("")),
        one("webhook_url", Empty)
    );
    // Other types and values.
    assert_eq!(create(|r| r["name"] = json!("  ")), one("name", Empty));
    assert_eq!(
        create(|r| r["api_key"] = json!(123)),
        one("api_key", InvalidType)
    );
    assert_eq!(
        create(|r| r["bank_account_id"] = json!("19")),
        one("bank_account_id", InvalidType)
    );
    assert_eq!(
        create(|r| r["bank_account_id"] = json!(-1)),
        one("bank_account_id", OutOfRange)
    );
    assert_eq!(
        create(|r| r["retry_conditions"] = json!("always")),
        one("retry_conditions", InvalidType)
    );
    // Unknown members, with the likely intended one named.
    let typo = validate_webhook_config(
        &json!({"webhook_ulr": "https://x.vn"}),
        SepayConfigMode::Update,
    );
    assert_eq!(typo.len(), 1);
    assert_eq!(
        (typo[0].field.as_str(), typo[0].code),
        ("webhook_ulr", UnknownField)
    );
    assert!(typo[0].message.contains("did you mean `webhook_url`"));
    // Update: nothing is required, but what is given is checked.
    assert_eq!(
        problems_with(SepayConfigMode::Update, |r| *r =
            json!({"event_type": "Both", "active": 3})),
        vec![
            ("event_type".into(), InvalidEnum),
            ("active".into(), InvalidFlag)
        ]
    );
    assert!(problems_with(SepayConfigMode::Update, |r| *r =
        json!({"authen_type": "OAuth2.0"}))
    .is_empty());
}

#[test]
fn config_every_rule_broken_at_once() {
    use Code::*;
    let request = json!({
        "bank_account_id": "nineteen",
        "name": "",
        "event_type": "Everything",
        "authen_type": "OAuth2.0",
        "webhook_url": "ftp://example.com",
        "is_verify_payment": true,
        "skip_if_no_code": 2,
        "active": "yes",
        "retry_conditions": 5,
        "only_va": 1,
        "oauth2_access_token_url": "not a url",
        "oauth2_client_id": 42,
        "request_content_type": "XML",
        "webhookurl": "https://x.vn"
    });
    let got: Vec<(String, Code)> = validate_webhook_config(&request, SepayConfigMode::Create)
        .into_iter()
        .map(|p| (p.field, p.code))
        .collect();
    let expected: Vec<(String, Code)> = [
        ("bank_account_id", InvalidType),
        ("name", Empty),
        ("event_type", InvalidEnum),
        ("webhook_url", InvalidUrl),
        ("is_verify_payment", InvalidType),
        ("skip_if_no_code", InvalidFlag),
        ("active", InvalidType),
        ("retry_conditions", InvalidType),
        ("bank_sub_account_ids", Required),
        ("oauth2_access_token_url", InvalidUrl),
        ("oauth2_client_id", InvalidType),
        ("oauth2_client_secret", Required),
        ("request_content_type", InvalidEnum),
        ("webhookurl", UnknownField),
    ]
    .into_iter()
    .map(|(f, c)| (f.to_string(), c))
    .collect();
    assert_eq!(got, expected);
    // And a request missing everything at once.
    let empty: Vec<_> = validate_webhook_config(&json!({}), SepayConfigMode::Create)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        empty,
        [
            "bank_account_id",
            "name",
            "event_type",
            "authen_type",
            "webhook_url",
            "is_verify_payment"
        ]
    );
}

#[test]
fn only_the_header_names_matter_to_verify() {
    // The wasm build passes only `header_names()` across: every other header must leave the
    // verdict, error message included, as it is.
    let form = form_body(&FIELDS);
    let multipart = multipart_body(&FIELDS);
    let ct = multipart_ct();
    let bags: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            BODY,
            vec![
                JSON_CT,
                ("X-SePay-Signature", VECTOR),
                ("X-SePay-Timestamp", "1700000000"),
                ("Host", "a"),
            ],
        ),
        (
            BODY,
            vec![
                ("x-sepay-timestamp", "1700000000"),
                ("X-SEPAY-SIGNATURE", VECTOR),
                ("content-type", "text/plain"),
            ],
        ),
        (
            BODY,
            vec![("Authorization", "Apikey k1"), JSON_CT, ("X-Other", "y")],
        ),
        (
            BODY,
            vec![
                ("authorization", "Bearer t1"),
                ("Authorization", "Apikey k1"),
            ],
        ),
        (
            &form,
            vec![
                FORM_CT,
                ("Authorization", "Apikey k1"),
                ("Content-type", "application/json"),
            ],
        ),
        (
            &multipart,
            vec![("Content-Type", &ct), ("Authorization", "Bearer t1")],
        ),
        (BODY, vec![("User-Agent", "SePay"), ("Accept", "*/*")]),
        // The content type decides the body's format: a JSON body declared a form, and back.
        (BODY, vec![FORM_CT, ("Authorization", "Bearer t1")]),
        (&form, vec![JSON_CT]),
        (BODY, vec![]),
    ];
    for v in [
        hmac(),
        verifier(SepayMode::ApiKey(vec!["k1".into()])),
        verifier(SepayMode::OAuth2(vec!["t1".into()])),
        verifier(SepayMode::None),
    ] {
        let names = v.header_names();
        for (body, bag) in &bags {
            let (all, kept) = headers::all_and_named(bag, &names);
            let verdict = |h: &HeaderList| {
                v.verify(body.as_bytes(), h, NOW)
                    .map(|t| format!("{t:?}"))
                    .map_err(|e| format!("{e:?}"))
            };
            assert_eq!(verdict(&all), verdict(&kept), "{bag:?}");
        }
    }
}
