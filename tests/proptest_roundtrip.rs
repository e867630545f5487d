//! Property tests, time-boxed for `npm test` (no nightly needed): for every provider, what its
//! signer produces verifies, and one flipped bit of the signed bytes is refused as a mismatch.
//! Secrets, bodies and clock drift are generated. `PROPTEST_CASES` raises the case count.
#![cfg(all(feature = "seqino", feature = "treezor", feature = "sepay"))]

use hookseal::core::hmac_key::HmacKey;
use hookseal::core::signature_encoding::{encode_base64, encode_hex};
use hookseal::providers::sepay::{self, SepayMode, SepayOptions, SepayVerifier};
use hookseal::providers::seqino::{self, SeqinoKeyForm, SeqinoOptions, SeqinoVerifier};
use hookseal::providers::treezor::{self, TreezorVerifier};
use hookseal::{ErrorCode, HeaderList};
use proptest::prelude::*;
use serde_json::json;

/// Secrets as users paste them: printable, no surrounding whitespace (refused at construction).
fn secret() -> impl Strategy<Value = String> {
    "[!-~][ -~]{0,70}[!-~]|[!-~]"
}

/// Any text, non-ASCII and escapes included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_./-]{0,24}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
        "[éèàüß€😀\u{2028}\"\\\\/\t\n ]{0,12}",
    ]
}

/// A Treezor-like `object_payload`: nested objects and arrays, strings with every escape,
/// integers beyond 2^53, decimals as strings.
fn treezor_payload() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
        "[0-9]{1,6}\\.[0-9]{2}".prop_map(serde_json::Value::from),
    ];
    let tree = leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-zA-Z_]{1,10}", inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    proptest::collection::btree_map("[a-z]{1,12}", tree, 1..4)
        .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()))
}

/// The text of `object_payload_signature` in a signed body.
fn signature_text(body: &str) -> &str {
    let start = body
        .find("\"object_payload_signature\":\"")
        .map(|i| i + 28)
        .unwrap_or(0);
    let len = body[start..].find('"').unwrap_or(0);
    &body[start..start + len]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn flip_bit(bytes: &[u8], index: usize, bit: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let i = index % out.len();
    out[i] ^= 1 << (bit % 8);
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn seqino_sign_then_verify(
        secret in secret(),
        event_type in prop_oneof![Just("webhook.test".to_string()), Just("invoice.created".to_string()), Just("mandate.failed".to_string()), "[a-z]{1,8}\\.[a-z_]{1,12}"],
        id in text(), sponsor in text(), value in text(),
        pretty in any::<bool>(), hex_key in any::<bool>(), base64 in any::<bool>(), prefix in any::<bool>(),
        flip in any::<(usize, u8)>(),
    ) {
        let data = match event_type.as_str() {
            "webhook.test" => json!({ "test_id": value }),
            "invoice.created" => json!({ "invoice_id": value, "status": "DEPOSITED", "lines": [{ "label": value, "n": 1 }] }),
            "mandate.failed" => json!({ "mandate_id": value, "status": value }),
            _ => json!({ "anything": [value, 12345678901234567890u64, null, true] }),
        };
        let event = json!({ "event_id": id, "event_type": event_type, "timestamp": "2026-11-22T10:00:00Z", "sponsor_id": sponsor, "data": data });
        let body = if pretty { serde_json::to_vec_pretty(&event) } else { serde_json::to_vec(&event) }.unwrap();
        // With key: 'hex' the secret is the hex of the key bytes.
        let secret = if hex_key { encode_hex(secret.as_bytes()) } else { secret };
        let key = if hex_key { HmacKey::new(&hookseal::core::signature_encoding::decode_hex(&secret).unwrap()) } else { HmacKey::new(secret.as_bytes()) };
        let tag = key.tag(&[&body]);
        let mut signature = if base64 { encode_base64(&tag) } else { encode_hex(&tag) };
        if prefix { signature.insert_str(0, "sha256="); }
        if !hex_key && !base64 { prop_assert_eq!(&seqino::sign(&body, &secret), &encode_hex(&tag)); }

        let mut options = SeqinoOptions::new(secret.clone());
        if hex_key { options.key = SeqinoKeyForm::Hex; }
        let v = SeqinoVerifier::new(options).unwrap();
        let headers: HeaderList = [("X-Seqino-Signature", signature.as_str())].into_iter().collect();
        let e = v.verify(&body, &headers, 0).unwrap();
        prop_assert_eq!(e.event_id(), id.as_str());
        prop_assert_eq!(e.event_type(), event_type.as_str());

        let tampered = flip_bit(&body, flip.0, flip.1);
        prop_assert_eq!(v.verify(&tampered, &headers, 0).unwrap_err().code, ErrorCode::SignatureMismatch);
    }

    #[test]
    fn sepay_hmac_sign_then_verify(
        secret in secret(), id in 1i64..9_007_199_254_740_991, amount in 0i64..1_000_000_000_000,
        content in text(), out in any::<bool>(), ts in 1_000_000_000u64..4_000_000_000,
        drift in -300i64..=300, flip in any::<(usize, u8)>(),
    ) {
        let body = serde_json::to_vec(&json!({
            "id": id, "gateway": "Vietcombank", "transactionDate": "2023-03-25 14:02:37", "accountNumber": "0123499999",
            "code": null, "content": content, "transferType": if out { "out" } else { "in" }, "transferAmount": amount,
            "accumulated": amount, "subAccount": null, "referenceCode": "MBVCB.3278907687", "description": content,
        })).unwrap();
        let v = SepayVerifier::new(SepayOptions::new(SepayMode::hmac(secret.clone()))).unwrap();
        let signed = sepay::sign(&body, &secret, ts);
        let now = (ts as i64 + drift) * 1000;
        let tx = v.verify(&body, &signed.header_list(), now).unwrap();
        prop_assert_eq!(tx.id, id);
        prop_assert_eq!(tx.transfer_amount, amount);
        prop_assert_eq!(&tx.content, &content);

        let tampered = flip_bit(&body, flip.0, flip.1);
        prop_assert_eq!(v.verify(&tampered, &signed.header_list(), now).unwrap_err().code, ErrorCode::SignatureMismatch);
        let late = now + 301_000 * if drift >= 0 { 1 } else { -1 };
        prop_assert!(v.verify(&body, &signed.header_list(), late).is_err());
    }

    #[test]
    fn sepay_api_key_and_bearer_round_trip(key in "[A-Za-z0-9_.~+/=-]{1,64}", other in "[A-Za-z0-9]{1,64}") {
        let body = br#"{"id":1,"gateway":"g","transactionDate":"2023-03-25 14:02:37","accountNumber":"1","code":null,"content":"c","transferType":"in","transferAmount":1,"accumulated":1,"subAccount":null,"referenceCode":"r","description":""}"#;
        let api = SepayVerifier::new(SepayOptions::new(SepayMode::ApiKey(vec![key.clone()]))).unwrap();
        let bearer = SepayVerifier::new(SepayOptions::new(SepayMode::OAuth2(vec![key.clone()]))).unwrap();
        let h = |v: String| -> HeaderList { [("Authorization", v)].into_iter().collect() };
        let (api_value, bearer_value) = (format!("Apikey {key}"), format!("Bearer {key}"));
        prop_assert!(api.verify(body, &h(api_value), 0).is_ok());
        prop_assert!(bearer.verify(body, &h(bearer_value), 0).is_ok());
        if other != key {
            prop_assert_eq!(api.verify(body, &h(format!("Apikey {other}")), 0).unwrap_err().code, ErrorCode::CredentialsMismatch);
            prop_assert_eq!(bearer.verify(body, &h(format!("Bearer {other}")), 0).unwrap_err().code, ErrorCode::CredentialsMismatch);
        }
    }

    #[test]
    fn treezor_sign_then_verify(
        secret in secret(), payload in treezor_payload(), other in treezor_payload(),
        shape in 0u8..3, event in prop_oneof![Just("payin.create"), Just("transaction.create"), Just("card.update"), Just("unknown.event")],
    ) {
        let envelope = |p: &serde_json::Value| match shape {
            0 => json!({ "webhook": event, "webhook_id": "1", "object": "payin", "object_id": "2", "object_payload": p, "webhook_created_at": 17114708930494u64 }),
            1 => json!({ "messageId": "m", "webhookId": "w", "webhook": { "webhook": event, "webhook_id": "1", "object_payload": p, "webhook_created_at": 17114708930494u64 }, "clientId": "c" }),
            _ => p.clone(),
        };
        let v = TreezorVerifier::new(vec!["rotated-out".into(), secret.clone()], 1 << 20).unwrap();
        let body = treezor::sign(serde_json::to_string(&envelope(&payload)).unwrap().as_bytes(), &secret).unwrap();
        let webhook = v.verify(body.as_bytes());
        prop_assert!(webhook.is_ok(), "{:?}\n{}", webhook.err(), body);
        let (_, js) = v.verify_with_js_json(body.as_bytes()).unwrap();
        prop_assert!(serde_json::from_str::<serde_json::Value>(&js).is_ok());

        // Another payload under this payload's signature is refused.
        let forged = treezor::sign(serde_json::to_string(&envelope(&other)).unwrap().as_bytes(), &secret).unwrap();
        let forged = forged.replace(signature_text(&forged), signature_text(&body));
        if other != payload {
            prop_assert_eq!(v.verify(forged.as_bytes()).unwrap_err().code, ErrorCode::SignatureMismatch);
        }
    }
}
