//! Treezor deliveries end to end through the Rust API: the PROVIDERS.md vector, every seed
//! example (signed by PHP with the fixture secret, see tests/fixtures/treezor/generate.php),
//! the duplicate-member attack, 64-bit ids, hostile input, leniency and the JS output.
#![cfg(feature = "treezor")]

use std::path::PathBuf;

use hookseal::core::hmac_key::HmacKey;
use hookseal::core::signature_encoding::encode_base64;
use hookseal::providers::treezor::{
    self, TreezorAdded, TreezorDateValue, TreezorEnvelopeShape, TreezorJsText,
    TreezorPayinEventName, TreezorStatus, TreezorStringOrNumber, TreezorVerifier, TreezorWebhook,
};
use hookseal::ErrorCode;
use serde_json::Value;

/// The secret `generate.php` signs the fixtures with.
const FIXTURE_SECRET: &str = "hookseal-fixture-secret";
const MAX: usize = 1 << 20;

fn verifier(secret: &str) -> TreezorVerifier {
    TreezorVerifier::new(vec![secret.to_string()], MAX).unwrap()
}

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/treezor");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".json")
                .then(|| (name, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 63, "one fixture per seed example");
    out
}

fn fixture(prefix: &str) -> String {
    fixtures()
        .into_iter()
        .find(|(name, _)| name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no fixture {prefix}"))
        .1
}

fn verify(body: &str) -> TreezorWebhook {
    verifier(FIXTURE_SECRET)
        .verify(body.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn refusal(v: &TreezorVerifier, body: &[u8]) -> hookseal::HooksealError {
    match v.verify(body) {
        Ok(w) => panic!("accepted: {w:?}"),
        Err(e) => e,
    }
}

fn js(v: &TreezorVerifier, body: &str) -> Value {
    let (_, text) = v.verify_with_js_json(body.as_bytes()).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn signature(payload_canonical: &str, secret: &str) -> String {
    encode_base64(&HmacKey::new(secret.as_bytes()).tag(&[payload_canonical.as_bytes()]))
}

fn text(v: &Option<TreezorStringOrNumber>) -> &str {
    v.as_ref()
        .map(TreezorStringOrNumber::as_str)
        .unwrap_or("<none>")
}

// ---------------------------------------------------------------------------------------------
// The documented vector and the seed examples

const VECTOR_PAYLOAD: &str = r#"{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}"#;
const VECTOR_SIGNATURE: &str = "6JjZD/GchUarjsTEPh4v0feKYs5NFxZM4AVsItDkq2g=";

#[test]
fn the_providers_md_payin_vector_verifies_with_plain_and_escaped_slashes() {
    for sig in [
        VECTOR_SIGNATURE.to_string(),
        VECTOR_SIGNATURE.replace('/', "\\/"),
    ] {
        let body = format!(
            r#"{{"webhook":"payin.create","webhook_id":"1","object":"payin","object_id":"8513424","object_payload":{VECTOR_PAYLOAD},"object_payload_signature":"{sig}","webhook_created_at":17114708930494}}"#
        );
        let TreezorWebhook::Payin(w) = verifier("test_secret").verify(body.as_bytes()).unwrap()
        else {
            panic!("not a payin")
        };
        assert_eq!(w.webhook, TreezorPayinEventName::Create);
        let payin = &w.object_payload.payins[0];
        assert_eq!(payin.amount.as_deref(), Some("17.01"));
        assert_eq!(payin.user_firstname.as_deref(), Some("Élodie"));
        assert_eq!(payin.dbtr_iban.as_deref(), Some("FR76/1"));
        assert_eq!(w.envelope.object_payload_signature, VECTOR_SIGNATURE);
    }
}

/// hookseal's members as the wasm build sets them on the body's object; the lists it may pass
/// as JSON text are the same lists.
fn added_members(added: &TreezorAdded<'_>) -> Value {
    let unverified: Vec<&str> = added.unverified().collect();
    let as_text: Value = serde_json::from_str(&added.unverified_json()).unwrap();
    assert_eq!(as_text, serde_json::json!(unverified));
    let as_text: Value = serde_json::from_str(&added.notes_json()).unwrap();
    assert_eq!(as_text, serde_json::json!(added.notes()));
    serde_json::json!({
        "envelope": "flat",
        "payload_typed": added.payload_typed(),
        "created_at_ms": added.created_at_ms(),
        "created_at_iso": added.created_at_ms().map(hookseal::core::time_window::format_iso_ms),
        "verified": ["object_payload"],
        "unverified": unverified,
        "notes": added.notes(),
    })
}

/// The wasm build's one verification: a flat envelope gives hookseal's members alone, which
/// set on the body's object give the whole object; a wrapped one (or a member named like an
/// added one) gives the whole object's text itself, as `verify_with_js_json` writes it.
#[test]
fn the_added_or_whole_text_is_the_whole_objects() {
    let v = verifier(FIXTURE_SECRET);
    // Not signed: only `object_payload` is, so the signature still holds.
    let colliding = fixture("01-").replacen('{', r#"{"notes":"theirs","#, 1);
    let mut bodies = fixtures();
    bodies.push(("a member named like an added one".into(), colliding));
    let (mut added, mut whole) = (0, 0);
    for (name, body) in bodies {
        let (_, expected) = v.verify_with_js_json(body.as_bytes()).unwrap();
        let expected: Value = serde_json::from_str(&expected).unwrap();
        // Not asked for the added members alone: the whole text.
        let not_asked = v.js_text(body.as_bytes(), false).unwrap();
        assert!(matches!(not_asked, TreezorJsText::Whole(_)), "{name}");
        match v.js_text(body.as_bytes(), true).unwrap() {
            TreezorJsText::Added(members) => {
                added += 1;
                let mut object: Value = serde_json::from_str(&body).unwrap();
                let object_members = object.as_object_mut().unwrap();
                for (key, value) in added_members(&members).as_object().unwrap() {
                    assert!(object_members.insert(key.clone(), value.clone()).is_none());
                }
                assert_eq!(object, expected, "{name}");
            }
            TreezorJsText::Whole(text) => {
                whole += 1;
                assert!(
                    name.ends_with("-wrapped.json") || name.contains("named like"),
                    "{name}"
                );
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    expected,
                    "{name}"
                );
            }
        }
    }
    assert!(added > 0 && whole > 1, "{added} added, {whole} whole");
}

/// The members hookseal adds are written from the envelope as received (`js_text`, which the
/// wasm `verify` uses), not from the `TreezorEnvelope` of `verify_raw`: the two must say the
/// same, over every fixture and envelopes with members of other types than documented,
/// unreadable or microsecond times, odd member names and a payload off its event's shape.
#[test]
fn the_added_members_are_the_envelope_verify_raw_gives() {
    let v = verifier(FIXTURE_SECRET);
    let flat = fixture("01-");
    // Unsigned members changed or added after the first `{` (only `object_payload` is signed).
    let with = |members: &str| flat.replacen('{', &format!("{{{members},"), 1);
    let off_shape = treezor::sign(
        br#"{"webhook":"payin.create","webhook_created_at":"2025-11-22T04:00:00Z","object_payload":{"payins":"not a list"}}"#,
        FIXTURE_SECRET,
    )
    .unwrap();
    let mut bodies = fixtures();
    for (name, body) in [
        (
            "other types",
            flat.replace(r#""webhook_id":"647192090""#, r#""webhook_id":true"#)
                .replace(r#""object":"payin""#, r#""object":5"#)
                .replace(r#""object_id":"8513424""#, r#""object_id":[1]"#),
        ),
        (
            "wrapper members of other types",
            with(r#""clientId":{"a":1},"messageId":"\ud800","webhookId":"ok\/x""#),
        ),
        (
            "numbers where numbers are allowed",
            with(r#""clientId":-12.5e3"#),
        ),
        ("unreadable time", with(r#""webhook_created_at":"abc""#)),
        (
            "microseconds",
            with(r#""webhook_created_at":1642581655729821"#),
        ),
        (
            "odd names",
            with(r#""we\"ird\u0001\/":1,"note \u00e9\u2028":"x""#),
        ),
        ("off its shape", off_shape),
    ] {
        bodies.push((name.to_string(), body));
    }
    for (name, body) in bodies {
        let verified = v
            .verify_raw(body.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let meta = &verified.envelope;
        let expected = serde_json::json!({
            "envelope": meta.shape.as_str(),
            "payload_typed": verified.payload_typed,
            "created_at_ms": meta.created_at_ms,
            "created_at_iso": meta.created_at_iso,
            "verified": meta.verified,
            "unverified": meta.unverified,
            "notes": meta.notes,
        });
        let object: Value = match v.js_text(body.as_bytes(), true).unwrap() {
            TreezorJsText::Added(members) => added_members(&members),
            TreezorJsText::Whole(text) => {
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
            }
        };
        for (key, value) in expected.as_object().unwrap() {
            assert_eq!(&object[key], value, "{name}: {key}");
        }
        // A typed member gets its note exactly when it is there, not null, and not decoded.
        // (serde_json refuses a lone surrogate; only which members are there matters here.)
        let wire: Value = serde_json::from_str(&body.replace(r"\ud800", "?")).unwrap();
        let inner = wire
            .get("webhook")
            .filter(|w| w.is_object())
            .unwrap_or(&wire);
        for (key, decoded) in [
            ("webhook_id", meta.webhook_id.is_some()),
            ("object", meta.object.is_some()),
            ("object_id", meta.object_id.is_some()),
            ("messageId", meta.message_id.is_some()),
            ("webhookId", meta.outer_webhook_id.is_some()),
            ("clientId", meta.client_id.is_some()),
        ] {
            let raw = inner.get(key).or_else(|| wire.get(key));
            let noted = meta
                .notes
                .iter()
                .any(|n| n.starts_with(&format!("the envelope member \"{key}\" is ")));
            let expected = raw.is_some_and(|r| !r.is_null()) && !decoded;
            assert_eq!(noted, expected, "{name}: {key} ({raw:?})");
        }
    }
}

#[test]
fn every_seed_example_verifies_and_is_typed_field_for_field() {
    for (name, body) in fixtures() {
        let w = verifier(FIXTURE_SECRET)
            .verify(body.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let event = name.split('-').nth(1).unwrap();
        assert_eq!(w.event_name(), event, "{name}");
        assert!(w.is_typed(), "{name}: {:?}", w.notes());
        assert!(w.notes().is_empty(), "{name}: {:?}", w.notes());
        let shape = if name.ends_with("-wrapped.json") {
            TreezorEnvelopeShape::Wrapped
        } else {
            TreezorEnvelopeShape::Flat
        };
        assert_eq!(w.envelope().shape, shape, "{name}");

        // Every member of the wire payload is typed, under its wire name, with its value.
        let wire: Value = serde_json::from_str(&body).unwrap();
        let flat = if shape == TreezorEnvelopeShape::Wrapped {
            &wire["webhook"]
        } else {
            &wire
        };
        let typed = typed_payload_as_json(&w);
        let mut missing = Vec::new();
        compare(
            &flat["object_payload"],
            &typed,
            "object_payload",
            &mut missing,
        );
        assert!(missing.is_empty(), "{name}: not typed: {missing:?}");
    }
}

/// The typed payload serialized back (the item structs derive Serialize for this).
fn typed_payload_as_json(w: &TreezorWebhook) -> Value {
    let v = match w {
        TreezorWebhook::Transaction(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Payin(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Payinrefund(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Payout(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::PayoutRefund(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::SepaSctr(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::SepaSddr(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::SepaSddrReception(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::SepaSctrInst(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::SepaRecallSctrInst(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::RecallR(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Mandate(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Beneficiary(w) => serde_json::to_value(&w.object_payload),
        TreezorWebhook::Untyped(_) => Ok(Value::Null),
    };
    v.unwrap()
}

/// Records wire members the typed value lacks or holds differently. `timesone_type` (a typo
/// in one seed example, next to the real `timezone`) is the one member left untyped.
fn compare(wire: &Value, typed: &Value, path: &str, missing: &mut Vec<String>) {
    match (wire, typed) {
        (Value::Object(w), Value::Object(t)) => {
            for (k, v) in w {
                match t.get(k) {
                    Some(tv) => compare(v, tv, &format!("{path}.{k}"), missing),
                    None if k == "timesone_type" => {}
                    None => missing.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(w), Value::Array(t)) if w.len() == t.len() => {
            for (i, (a, b)) in w.iter().zip(t).enumerate() {
                compare(a, b, &format!("{path}[{i}]"), missing);
            }
        }
        (a, b) if a == b => {}
        (a, b) => missing.push(format!("{path}: wire {a} typed {b}")),
    }
}

#[test]
fn seed_transactions_payins_and_refunds_keep_amounts_ids_and_names() {
    let TreezorWebhook::Transaction(t) = verify(&fixture("00-")) else {
        panic!()
    };
    let tx = &t.object_payload.transactions[0];
    assert_eq!(text(&tx.transaction_id), "139166477");
    assert_eq!(text(&tx.wallet_credit_id), "3404621");
    assert_eq!(tx.amount.as_deref(), Some("17.01"));
    assert_eq!(tx.transaction_type.as_deref(), Some("Payin"));
    assert_eq!(text(&t.envelope.webhook_id), "647192092");
    assert_eq!(t.envelope.object.as_deref(), Some("transaction"));
    assert_eq!(
        t.envelope.created_at_ms, None,
        "this example has no webhook_created_at"
    );

    // SCTR Inst payin, wrapped, `webhook_created_at` in microseconds.
    let TreezorWebhook::Payin(p) = verify(&fixture("02-")) else {
        panic!()
    };
    let payin = &p.object_payload.payins[0];
    assert_eq!(text(&payin.payin_id), "xxxxxx-xxxx-5xxx-9xxx-xxxxxxxxxxxx");
    assert_eq!(payin.amount.as_deref(), Some("10.00"));
    assert_eq!(payin.payin_status, Some(TreezorStatus::Validated));
    assert_eq!(
        payin.dbtr_iban.as_deref(),
        Some("FR7630003045100002009351319")
    );
    assert_eq!(payin.creditor_bic.as_deref(), Some("TRZOFR21XXX"));
    assert_eq!(p.envelope.shape, TreezorEnvelopeShape::Wrapped);
    assert_eq!(
        p.envelope.message_id.as_deref(),
        Some("51c9616b-34b3-5d47-8a17-3b0ae4648a85")
    );
    assert_eq!(text(&p.envelope.client_id), "927919");
    assert_eq!(
        p.envelope.created_at_iso.as_deref(),
        Some("2022-01-19T08:40:55.729Z")
    );

    let TreezorWebhook::Payin(p) = verify(&fixture("04-")) else {
        panic!()
    };
    let payin = &p.object_payload.payins[0];
    assert_eq!(payin.payin_status, Some(TreezorStatus::Canceled));
    assert_eq!(payin.amount.as_deref(), Some("20.00"));
    assert_eq!(
        payin.created_date.as_deref(),
        Some("0001-01-01 00:00:00 +0000 UTC")
    );

    let TreezorWebhook::Payinrefund(r) = verify(&fixture("07-")) else {
        panic!()
    };
    let refund = &r.object_payload.payinrefunds[0];
    assert_eq!(refund.amount.as_deref(), Some("157989.10"));
    assert_eq!(text(&refund.payinrefund_id), "6037");
    assert_eq!(refund.payinrefund_status, Some(TreezorStatus::Canceled));
    assert_eq!(refund.payinrefund_date.as_deref(), Some("0000-00-00"));
}

#[test]
fn seed_payouts_and_payout_refunds_keep_amounts_ids_and_names() {
    let TreezorWebhook::Payout(p) = verify(&fixture("09-")) else {
        panic!()
    };
    let payout = &p.object_payload.payouts[0];
    assert_eq!(
        text(&payout.payout_id),
        "a9cbb04d-443a-4bd1-bfc2-82daxxxxdbe3"
    );
    assert_eq!(
        payout.payout_type.as_deref(),
        Some("Instant Credit Transfer")
    );
    assert_eq!(payout.amount.as_deref(), Some("10.00"));
    assert_eq!(p.envelope.created_at_ms, Some(1_711_470_893_049));
    assert_eq!(
        p.envelope.created_at_iso.as_deref(),
        Some("2024-03-26T16:34:53.049Z")
    );

    let TreezorWebhook::Payout(p) = verify(&fixture("38-")) else {
        panic!()
    };
    let payout = &p.object_payload.payouts[0];
    assert_eq!(payout.payout_type.as_deref(), Some("Direct Debit"));
    assert_eq!(payout.label.as_deref(), Some("XXXX/ADD TO BALANCE"));
    assert_eq!(text(&payout.bankaccount_id), "123654");

    let TreezorWebhook::PayoutRefund(r) = verify(&fixture("13-")) else {
        panic!()
    };
    let refund = &r.object_payload.payout_refunds[0];
    assert_eq!(
        refund.code_status,
        Some(TreezorStringOrNumber::Number("790001".into()))
    );
    assert_eq!(refund.request_amount.as_deref(), Some("18.83"));
    assert_eq!(refund.reason_code.as_deref(), Some("MD06"));
    assert_eq!(refund.information_status, Some(TreezorStatus::Pending));
}

#[test]
fn seed_sepa_family_keeps_amounts_ids_and_names() {
    let TreezorWebhook::SepaSctr(s) = verify(&fixture("18-")) else {
        panic!()
    };
    let sctr = &s.object_payload.sepa_sctrs[0];
    assert_eq!(sctr.interbank_settlement_amount.as_deref(), Some("48.10"));
    assert_eq!(sctr.return_reason_code.as_deref(), Some("AC04"));
    assert_eq!(s.envelope.object.as_deref(), Some("sepaSctr"));

    let TreezorWebhook::SepaSddr(s) = verify(&fixture("19-")) else {
        panic!()
    };
    assert_eq!(s.webhook.as_str(), "sepa.reject_sddr_core");
    let sddr = &s.object_payload.sepa_sddrs[0];
    assert_eq!(
        sddr.wallet_id,
        Some(TreezorStringOrNumber::Number("500003".into()))
    );
    assert_eq!(text(&sddr.beneficiary_id), "1000089");
    assert_eq!(sddr.interbank_settlement_amount.as_deref(), Some("33.97"));
    assert_eq!(sddr.reject_reason_code.as_deref(), Some("MS02"));

    let TreezorWebhook::SepaSddr(s) = verify(&fixture("26-")) else {
        panic!()
    };
    assert_eq!(s.webhook.as_str(), "sepa.refund_sddr");
    assert_eq!(
        s.object_payload.sepa_sddrs[0].reason_code.as_deref(),
        Some("MD06")
    );

    let TreezorWebhook::SepaSctrInst(s) = verify(&fixture("21-")) else {
        panic!()
    };
    let inst = &s.object_payload.sepa_sctr_insts[0];
    assert_eq!(
        inst.settlement_amount,
        Some(TreezorStringOrNumber::Number("3225.55".into()))
    );
    assert_eq!(inst.creditor_bic.as_deref(), Some("TRZOFR21"));
    assert_eq!(inst.return_reason_code.as_deref(), Some("AC04"));

    // SDDR reception: one object, PHP DateTime dates.
    let TreezorWebhook::SepaSddrReception(s) = verify(&fixture("24-")) else {
        panic!()
    };
    let sddr = &s.object_payload.sepa_sddr;
    assert_eq!(
        text(&sddr.wallet_id),
        "8500000",
        "redacted 8500xxx, cleaned"
    );
    assert_eq!(sddr.interbank_settlement_amount.as_deref(), Some("36.00"));
    let Some(TreezorDateValue::PhpDateTime(date)) = &sddr.requested_collection_date else {
        panic!("{:?}", sddr.requested_collection_date)
    };
    assert_eq!(date.date, "2022-05-04 00:00:00.000000");
    assert_eq!(date.utc_ms(), Some(1_651_622_400_000));
    assert_eq!(text(&s.envelope.client_id), "1111111");
}

#[test]
fn seed_recalls_mandates_and_beneficiaries_keep_amounts_ids_and_names() {
    let TreezorWebhook::SepaRecallSctrInst(r) = verify(&fixture("22-")) else {
        panic!()
    };
    let recall = &r.object_payload;
    assert_eq!(recall.sctr_amount.as_deref(), Some("500.00"));
    assert_eq!(
        recall.recall_id.as_deref(),
        Some("dea754f8-f8bd-4b80-a3f6-42f72d1234681")
    );
    assert_eq!(
        recall.sctr_dbtr_iban.as_deref(),
        Some("FR7613485008000416151234543")
    );
    assert_eq!(
        recall.client_id,
        Some(TreezorStringOrNumber::Number("12345".into()))
    );
    assert_eq!(
        recall.response_type,
        Some(TreezorStringOrNumber::Number("-1".into()))
    );

    let TreezorWebhook::RecallR(r) = verify(&fixture("23-")) else {
        panic!()
    };
    let recall = &r.object_payload.recallrs[0];
    assert_eq!(recall.sctr_amount.as_deref(), Some("3011.00"));
    assert_eq!(text(&recall.id), "9");
    assert_eq!(text(&recall.payinrefund_id), "3521");
    assert_eq!(recall.reason_code.as_deref(), Some("TECH"));

    let TreezorWebhook::Mandate(m) = verify(&fixture("27-")) else {
        panic!()
    };
    let mandate = &m.object_payload.mandates[0];
    assert_eq!(text(&mandate.mandate_id), "7004");
    assert_eq!(mandate.mandate_status, Some(TreezorStatus::Pending));
    assert_eq!(mandate.is_paper, Some(true));
    assert_eq!(
        mandate.information_status.as_deref(),
        Some("Mandat complété")
    );

    let TreezorWebhook::Beneficiary(b) = verify(&fixture("28-")) else {
        panic!()
    };
    let beneficiary = &b.object_payload.beneficiaries[0];
    assert_eq!(text(&beneficiary.id), "131680");
    let whitelist = beneficiary.sdd_b2b_whitelist.as_ref().unwrap();
    assert_eq!(text(&whitelist[0].wallet_id), "334886");
    assert_eq!(whitelist[0].is_recurrent, Some(false));
    let TreezorWebhook::Beneficiary(b) = verify(&fixture("34-")) else {
        panic!()
    };
    assert_eq!(b.object_payload.beneficiaries[0].sdd_core_blacklist, None);
}

// ---------------------------------------------------------------------------------------------
// Attacks and hostile input

/// A second `object_payload` after the signed one: JSON.parse (and serde maps) keep the last,
/// so a verifier checking the first would hand the attacker's copy to the application.
#[test]
fn a_second_object_payload_or_signature_is_refused_as_duplicate_key() {
    let v = verifier(FIXTURE_SECRET);
    let flat = fixture("01-");
    let evil_payload = r#""object_payload":{"payins":[{"payinId":"1","amount":"99999.00"}]}"#;
    let evil_signature =
        r#""object_payload_signature":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=""#;
    let evil_name = r#""webhook":"payout.create""#;
    for extra in [evil_payload, evil_signature, evil_name] {
        for body in [
            flat.replacen('{', &format!("{{{extra},"), 1),
            format!("{},{extra}}}", flat.trim_end().trim_end_matches('}')),
        ] {
            let e = refusal(&v, body.as_bytes());
            assert_eq!(e.code, ErrorCode::DuplicateKey, "{extra}: {e}");
        }
    }
    // Wrapped: inside the wrapper, and beside it.
    let wrapped = fixture("02-");
    let inside = wrapped.replacen(
        "\"webhook\":{",
        &format!("\"webhook\":{{{evil_payload},"),
        1,
    );
    assert_eq!(refusal(&v, inside.as_bytes()).code, ErrorCode::DuplicateKey);
    let beside = wrapped.replacen('{', &format!("{{{evil_payload},"), 1);
    assert_eq!(refusal(&v, beside.as_bytes()).code, ErrorCode::DuplicateKey);
    let second_wrapper =
        wrapped.replacen('{', r#"{"webhook":{"webhook":"x","object_payload":{}},"#, 1);
    assert_eq!(
        refusal(&v, second_wrapper.as_bytes()).code,
        ErrorCode::DuplicateKey
    );
    // A duplicate spelt with an escape is the same member.
    let escaped = format!(
        "{},\"object_p\\u0061yload\":{{}}}}",
        flat.trim_end().trim_end_matches('}')
    );
    assert_eq!(
        refusal(&v, escaped.as_bytes()).code,
        ErrorCode::DuplicateKey
    );
}

#[test]
fn a_64_bit_id_round_trips_exactly_and_reaches_javascript_as_a_string() {
    let payload = r#"{"payins":[{"payinId":9223372036854775807,"walletId":12345678901234567890,"userId":9007199254740991,"amount":"1.00"}]}"#;
    let body = treezor::sign(
        format!(r#"{{"webhook":"payin.create","webhook_id":18446744073709551615,"object_payload":{payload}}}"#).as_bytes(),
        FIXTURE_SECRET,
    )
    .unwrap();
    let v = verifier(FIXTURE_SECRET);
    let (w, js) = v.verify_with_js_json(body.as_bytes()).unwrap();
    let TreezorWebhook::Payin(p) = w else {
        panic!()
    };
    let payin = &p.object_payload.payins[0];
    assert_eq!(text(&payin.payin_id), "9223372036854775807");
    assert_eq!(text(&payin.wallet_id), "12345678901234567890");
    assert!(js.contains(r#""payinId":"9223372036854775807""#), "{js}");
    assert!(js.contains(r#""walletId":"12345678901234567890""#), "{js}");
    assert!(
        js.contains(r#""userId":9007199254740991"#),
        "2^53-1 stays a number: {js}"
    );
    assert!(
        js.contains(r#""webhook_id":"18446744073709551615""#),
        "{js}"
    );
}

#[test]
fn invalid_utf8_anywhere_is_invalid_json() {
    let v = verifier(FIXTURE_SECRET);
    let mut body = fixture("00-").into_bytes();
    let at = body.windows(7).position(|w| w == b"Paiemen").unwrap();
    body[at] = 0xff;
    assert_eq!(refusal(&v, &body).code, ErrorCode::InvalidJson);
    assert_eq!(refusal(&v, b"\xef\xbb\xbf{}").code, ErrorCode::InvalidJson);
    assert_eq!(
        refusal(&v, b"{\"webhook\":\"\xc3\"}").code,
        ErrorCode::InvalidJson
    );
}

#[test]
fn a_lone_surrogate_escape_in_object_payload_is_invalid_json_with_a_hint() {
    let v = verifier(FIXTURE_SECRET);
    for lone in [r"\ud800", r"\udc00", r"\ud83d\u0041"] {
        let body = format!(
            r#"{{"webhook":"payin.create","object_payload":{{"payins":[{{"userFirstname":"{lone}"}}]}},"object_payload_signature":"{VECTOR_SIGNATURE}"}}"#
        );
        let e = refusal(&v, body.as_bytes());
        assert_eq!(e.code, ErrorCode::InvalidJson, "{lone}: {e}");
        assert!(e.message.contains("surrogate") && e.hint.is_some(), "{e}");
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let v = verifier(FIXTURE_SECRET);
    let deep = "[".repeat(100_000);
    for body in [
        format!(r#"{{"webhook":"payin.create","object_payload":{deep}"#),
        format!(
            r#"{{"webhook":"payin.create","object_payload_signature":"{VECTOR_SIGNATURE}","object_payload":{deep}{}}}"#,
            "]".repeat(100_000)
        ),
        format!(r#"{{"webhook":{{"webhook":{deep}"#),
        deep.clone(),
    ] {
        let code = refusal(&v, body.as_bytes()).code;
        // A top-level array is not an envelope: refused as such before its depth matters.
        assert!(
            matches!(code, ErrorCode::InvalidJson | ErrorCode::SchemaMismatch),
            "{code}"
        );
        let d = v.explain(body.as_bytes());
        assert!(!d.valid);
    }
}

#[test]
fn bodies_over_max_body_bytes_are_refused_before_reading() {
    let v = TreezorVerifier::new(vec![FIXTURE_SECRET.into()], 100).unwrap();
    assert_eq!(
        refusal(&v, fixture("00-").as_bytes()).code,
        ErrorCode::BodyTooLarge
    );
    assert_eq!(
        v.explain(fixture("00-").as_bytes()).code.as_deref(),
        Some("body_too_large")
    );
}

// ---------------------------------------------------------------------------------------------
// Signatures

fn with_signature(body: &str, signature_json: &str) -> String {
    let start = body.find("\"object_payload_signature\"").unwrap();
    let colon = start + body[start..].find(':').unwrap();
    let value_end = colon
        + 1
        + body[colon + 1..]
            .find(['\n', ','].as_ref())
            .map_or(0, |i| i);
    let value_end = if body[value_end..].starts_with('\n') || body[value_end..].starts_with(',') {
        value_end
    } else {
        body.len()
    };
    format!(
        "{}{signature_json}{}",
        &body[..colon + 1],
        &body[value_end..]
    )
}

#[test]
fn signature_forms_and_refusals_each_have_their_code() {
    let v = verifier(FIXTURE_SECRET);
    let body = fixture("07-"); // payinrefund.cancel: its seed signature was escaped twice
    let w = verify(&body);
    let sig = &w.envelope().object_payload_signature;
    // Escaped slashes, doubly escaped slashes (the seed's form), whitespace.
    for form in [
        format!("{sig:?}").replace('/', "\\/"),
        format!("{sig:?}").replace('/', "\\\\\\/"),
        format!("\" {} \"", sig),
    ] {
        let b = with_signature(&body, &form);
        v.verify(b.as_bytes())
            .unwrap_or_else(|e| panic!("{form}: {e}"));
    }
    let cases: [(&str, ErrorCode); 8] = [
        ("null", ErrorCode::MissingSignature),
        ("\"\"", ErrorCode::MissingSignature),
        ("42", ErrorCode::MalformedSignature),
        (
            "\"yRo0000000000000000000000000000000000\"",
            ErrorCode::MalformedSignature,
        ),
        ("\"not base64!\"", ErrorCode::MalformedSignature),
        (
            "\"0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9\"",
            ErrorCode::MalformedSignature,
        ),
        (
            "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"",
            ErrorCode::SignatureMismatch,
        ),
        (
            "\"P1owAqakFuHStU/NLK5+xxx9jit6UGFfK/JZXzCS+9I=\"",
            ErrorCode::SignatureMismatch,
        ),
    ];
    for (form, code) in cases {
        let e = refusal(&v, with_signature(&body, form).as_bytes());
        assert_eq!(e.code, code, "{form}: {e}");
        assert!(
            e.hint.is_some() || code == ErrorCode::MalformedSignature && form == "42",
            "{form}: {e}"
        );
    }
    let hex = refusal(&v, with_signature(&body, cases[5].0).as_bytes());
    assert!(hex.hint.unwrap().contains("hex"));
    // No signature member at all (the seed's recallR example as documented).
    let unsigned = body.replace("\"object_payload_signature\"", "\"something_else\"");
    assert_eq!(
        refusal(&v, unsigned.as_bytes()).code,
        ErrorCode::MissingSignature
    );
    // A wrong secret.
    assert_eq!(
        refusal(&verifier("another-secret"), body.as_bytes()).code,
        ErrorCode::SignatureMismatch
    );
}

#[test]
fn any_of_several_secrets_verifies_during_a_rotation() {
    let v = TreezorVerifier::new(vec!["old-secret".into(), FIXTURE_SECRET.into()], MAX).unwrap();
    assert!(v.is_valid(fixture("02-").as_bytes()));
    assert_eq!(
        v.explain(fixture("02-").as_bytes()).matched_secret_index,
        Some(1)
    );
    for bad in [
        vec![],
        vec![String::new()],
        vec![" s".to_string()],
        vec!["s\n".to_string()],
    ] {
        assert_eq!(
            TreezorVerifier::new(bad, MAX).unwrap_err().code,
            ErrorCode::InvalidSecret
        );
    }
}

#[test]
fn a_forgery_gets_the_same_hint_whether_or_not_its_payload_is_in_php_form() {
    // The refusal reads a payload in PHP's form as its own canonical string and writes any
    // other; the hint cannot depend on which. An integer beyond 2^53 is placed at every
    // offset of the 16-byte steps its search takes, once inside a string (no hint of it).
    let v = verifier("test_secret");
    for pad in 0..17 {
        let filler = "x".repeat(pad);
        for (big, expect_big) in [
            ("12345678901234567890", true),
            ("\"12345678901234567890\"", false),
        ] {
            let php =
                format!(r#"{{"a":"{filler}","id":{big},"iban":"FR76\/1","n":"\u00c9lodie"}}"#);
            let other = format!(r#"{{"a":"{filler}", "id":{big},"iban":"FR76/1","n":"Élodie"}}"#);
            let hints: Vec<String> = [&php, &other]
                .iter()
                .map(|payload| {
                    let body = format!(
                        r#"{{"webhook":"payin.create","object_payload":{payload},"object_payload_signature":"{}"}}"#,
                        signature(&php, "another_secret")
                    );
                    let e = refusal(&v, body.as_bytes());
                    assert_eq!(e.code, ErrorCode::SignatureMismatch);
                    e.hint.unwrap()
                })
                .collect();
            assert_eq!(hints[0], hints[1], "pad {pad}, {big}");
            assert_eq!(
                hints[0].contains("2^53"),
                expect_big,
                "pad {pad}, {big}: {}",
                hints[0]
            );
        }
    }
    // A JSON.stringify-style signature over a payload in PHP's form is still recognised.
    let php = r#"{"iban":"FR76\/1","n":"\u00c9lodie"}"#;
    let body = format!(
        r#"{{"webhook":"payin.create","object_payload":{php},"object_payload_signature":"{}"}}"#,
        signature(r#"{"iban":"FR76/1","n":"Élodie"}"#, "test_secret")
    );
    assert!(refusal(&v, body.as_bytes())
        .hint
        .unwrap()
        .contains("JSON.stringify"));
}

#[test]
fn a_json_stringify_style_signer_gets_a_mismatch_that_says_so() {
    // Signed over "FR76/1" and "Élodie" unescaped: what a JavaScript sender would do.
    let naive = r#"{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}"#;
    let body = format!(
        r#"{{"webhook":"payin.create","object_payload":{VECTOR_PAYLOAD},"object_payload_signature":"{}"}}"#,
        signature(naive, "test_secret")
    );
    let v = verifier("test_secret");
    let e = refusal(&v, body.as_bytes());
    assert_eq!(e.code, ErrorCode::SignatureMismatch);
    assert!(e.hint.as_deref().unwrap().contains("JSON.stringify"), "{e}");
    let d = v.explain(body.as_bytes());
    assert!(d.naive_signature_matches && d.naive_differs);
    assert_eq!(d.naive_first_difference, Some(49));
    assert_eq!(&d.canonical.as_deref().unwrap()[49..51], "\\u");
}

#[test]
fn reformatted_bodies_still_verify_since_the_canonical_form_is_rebuilt() {
    // JSON.stringify(JSON.parse(body), null, 2) of a body without big integers: unescaped
    // slashes and unicode, new whitespace. The signature covers PHP's re-encoding, not the
    // bytes, so it still verifies.
    let v = verifier("test_secret");
    let body = format!(
        "{{\n  \"webhook\": \"payin.create\",\n  \"object_payload\": {{\n    \"payins\": [\n      {{ \"payinId\": \"8513424\", \"userFirstname\": \"\\u00c9lodie\", \"DbtrIBAN\": \"FR76\\/1\", \"emoji\": \"\\ud83d\\ude00\", \"amount\": \"17.01\" }}\n    ]\n  }},\n  \"object_payload_signature\": \"{VECTOR_SIGNATURE}\"\n}}\n"
    );
    assert!(v.is_valid(body.as_bytes()));
    // But a changed amount is refused.
    assert!(!v.is_valid(body.replace("17.01", "17.02").as_bytes()));
}

#[test]
fn is_valid_gives_verifys_verdict_without_building_the_result() {
    // `is_valid` stops after the signature and the event name; every way `verify` can fail
    // must fail it too, and nothing else.
    let v = verifier("test_secret");
    let sig = VECTOR_SIGNATURE;
    let p = VECTOR_PAYLOAD;
    let flat = |head: &str, tail: &str| {
        format!(r#"{{{head}"object_payload":{p},"object_payload_signature":"{sig}"{tail}}}"#)
    };
    let mut bodies = vec![
        flat(
            r#""webhook":"payin.create","#,
            r#","webhook_created_at":17114708930494"#,
        ),
        // Signed, but the event name is missing, a number or null: verify refuses.
        flat("", ""),
        flat(r#""webhook":12,"#, ""),
        flat(r#""webhook":null,"#, ""),
        // An unknown event name verifies, untyped.
        flat(r#""webhook":"payin.someday","#, ""),
        // Envelope members of unexpected types are notes, not refusals.
        flat(
            r#""webhook":"payin.create","object_id":[1],"webhook_id":{},"#,
            r#","webhook_created_at":"soon""#,
        ),
        // A member named like one hookseal adds.
        flat(r#""webhook":"payin.create","notes":"x","#, ""),
        // Wrapped, and a name at both levels.
        format!(
            r#"{{"messageId":"m","webhook":{},"clientId":"7"}}"#,
            flat(r#""webhook":"payin.create","#, "")
        ),
        format!(
            r#"{{"clientId":"7","webhook":{}}}"#,
            flat(r#""webhook":"payin.create","clientId":"8","#, "")
        ),
        // Refusals before the signature.
        flat(r#""webhook":"payin.create","webhook":"payin.create","#, ""),
        format!(r#"{{"webhook":"payin.create","object_payload":{p}}}"#),
        format!(r#"{{"webhook":"payin.create","object_payload_signature":"{sig}"}}"#),
        "{".into(),
        String::new(),
        "[]".into(),
    ];
    bodies.push(bodies[0].replace("17.01", "17.02"));
    bodies.push(bodies[0].replace(sig, "abc"));
    for body in &bodies {
        let verdict = v.verify(body.as_bytes());
        assert_eq!(
            v.is_valid(body.as_bytes()),
            verdict.is_ok(),
            "{body}: verify gave {verdict:?}"
        );
    }
    // Both verdicts occur.
    assert!(bodies.iter().any(|b| v.is_valid(b.as_bytes())));
    assert!(bodies.iter().any(|b| !v.is_valid(b.as_bytes())));
    // Too large: refused by both.
    let small = TreezorVerifier::new(vec!["test_secret".into()], 64).unwrap();
    assert!(!small.is_valid(bodies[0].as_bytes()) && small.verify(bodies[0].as_bytes()).is_err());
}

// ---------------------------------------------------------------------------------------------
// What is and is not covered; leniency

#[test]
fn envelope_members_are_unverified_and_changing_them_keeps_the_signature_valid() {
    let v = verifier(FIXTURE_SECRET);
    let body = fixture("09-");
    let w = verify(&body);
    assert_eq!(w.envelope().verified, ["object_payload"]);
    assert_eq!(
        w.envelope().unverified,
        [
            "webhook",
            "object_id",
            "object",
            "webhook_created_at",
            "webhook_id"
        ]
    );
    // Only object_payload is signed: a different event name or id still verifies. This is
    // Treezor's scheme; `unverified` says so.
    let renamed = body.replace(
        "\"webhook\": \"payout.create\"",
        "\"webhook\": \"payout.cancel\"",
    );
    assert_eq!(
        v.verify(renamed.as_bytes()).unwrap().event_name(),
        "payout.cancel"
    );
    let wrapped = verify(&fixture("02-"));
    assert_eq!(
        wrapped.envelope().unverified,
        [
            "webhook",
            "object_id",
            "object",
            "webhook_created_at",
            "webhook_id",
            "messageId",
            "webhookId",
            "clientId"
        ]
    );
}

#[test]
fn unexpected_types_never_refuse_a_validly_signed_delivery() {
    let secret = "s3cret";
    let v = verifier(secret);
    let sign = |envelope: &str| treezor::sign(envelope.as_bytes(), secret).unwrap();

    // A payin whose amount is a number: untyped, with a note, still verified.
    let body = sign(r#"{"webhook":"payin.create","object_payload":{"payins":[{"amount":17.01}]}}"#);
    let (w, js) = v.verify_with_js_json(body.as_bytes()).unwrap();
    assert!(!w.is_typed());
    assert_eq!(w.event_name(), "payin.create");
    assert!(w.notes()[0].contains("payin.create"), "{:?}", w.notes());
    assert!(
        js.contains(r#""payload_typed":false"#) && js.contains(r#""amount":17.01"#),
        "{js}"
    );

    // Payloads that are not even objects.
    for payload in ["[]", "null", "\"x\"", "0"] {
        let body = sign(&format!(
            r#"{{"webhook":"transaction.create","object_payload":{payload}}}"#
        ));
        assert!(!v.verify(body.as_bytes()).unwrap().is_typed(), "{payload}");
    }

    // Envelope members of unexpected types: None and a note; the JS object keeps them.
    let body = sign(
        r#"{"webhook":"payin.create","webhook_id":true,"object":["x"],"webhook_created_at":"yesterday","object_payload":{"payins":[]}}"#,
    );
    let (w, js) = v.verify_with_js_json(body.as_bytes()).unwrap();
    assert!(w.is_typed());
    assert_eq!(w.envelope().webhook_id, None);
    assert_eq!(w.envelope().created_at_ms, None);
    assert_eq!(w.notes().len(), 3, "{:?}", w.notes());
    assert!(js.contains(r#""webhook_id":true"#) && js.contains(r#""object":["x"]"#));

    // A member named like one of hookseal's own fields is left out, with a note.
    let body = sign(
        r#"{"webhook":"payin.create","verified":["everything"],"object_payload":{"payins":[]}}"#,
    );
    let (w, js) = v.verify_with_js_json(body.as_bytes()).unwrap();
    assert!(w.notes()[0].contains("verified"));
    let js: Value = serde_json::from_str(&js).unwrap();
    assert_eq!(js["verified"], serde_json::json!(["object_payload"]));

    // The event name decides the type: without it (or not a string) the delivery is refused
    // even with a good signature.
    for envelope in [
        r#"{"object_payload":{"payins":[]}}"#,
        r#"{"webhook":5,"object_payload":{"payins":[]}}"#,
    ] {
        assert_eq!(
            refusal(&v, sign(envelope).as_bytes()).code,
            ErrorCode::SchemaMismatch
        );
    }
    // And without object_payload there is nothing signed.
    let e = refusal(
        &v,
        br#"{"webhook":"payin.create","object_payload_signature":"x"}"#,
    );
    assert_eq!(e.code, ErrorCode::SchemaMismatch);
}

// ---------------------------------------------------------------------------------------------
// The JavaScript object

#[test]
fn the_js_object_mirrors_the_wire_and_adds_named_fields() {
    let v = verifier(FIXTURE_SECRET);
    let flat = js(&v, &fixture("09-"));
    let keys: Vec<&str> = flat
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "webhook",
        "object_payload",
        "object_id",
        "object",
        "webhook_created_at",
        "webhook_id",
        "object_payload_signature",
        "envelope",
        "payload_typed",
        "created_at_ms",
        "created_at_iso",
        "verified",
        "unverified",
        "notes",
    ];
    let mut sorted = keys.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    assert_eq!(flat["envelope"], "flat");
    assert_eq!(flat["payload_typed"], true);
    assert_eq!(flat["webhook_created_at"], 17_114_708_930_494u64);
    assert_eq!(flat["created_at_ms"], 1_711_470_893_049u64);
    assert_eq!(flat["created_at_iso"], "2024-03-26T16:34:53.049Z");
    assert_eq!(flat["object_payload"]["payouts"][0]["amount"], "10.00");

    // Wrapped: flattened, the wrapper's members after the inner ones, no `webhook` object.
    let wrapped = js(&v, &fixture("02-"));
    assert_eq!(wrapped["envelope"], "wrapped");
    assert_eq!(wrapped["webhook"], "payin.create");
    assert_eq!(wrapped["messageId"], "51c9616b-34b3-5d47-8a17-3b0ae4648a85");
    assert_eq!(wrapped["clientId"], "927919");
    assert_eq!(wrapped["object_payload"]["payins"][0]["amount"], "10.00");
    // The payload is the wire payload, member for member.
    let wire: Value = serde_json::from_str(&fixture("02-")).unwrap();
    assert_eq!(wrapped["object_payload"], wire["webhook"]["object_payload"]);
    assert_eq!(wrapped["webhookId"], wire["webhookId"]);
    assert!(wrapped["webhook_id"].is_string());
}

// ---------------------------------------------------------------------------------------------
// explain() and sign()

#[test]
fn explain_shows_canonical_string_signatures_shape_and_duplicates() {
    let v = verifier("test_secret");
    let body = format!(
        r#"{{"messageId":"m","webhook":{{"webhook":"payin.create","object_payload":{VECTOR_PAYLOAD},"object_payload_signature":"{VECTOR_SIGNATURE}","webhook_created_at":1642581655729821}}}}"#
    );
    let d = v.explain(body.as_bytes());
    assert!(d.valid, "{d:?}");
    assert_eq!(d.envelope.as_deref(), Some("wrapped"));
    assert_eq!(d.event_name.as_deref(), Some("payin.create"));
    assert_eq!(
        d.canonical.as_deref(),
        Some(
            r#"{"payins":[{"payinId":"8513424","userFirstname":"\u00c9lodie","DbtrIBAN":"FR76\/1","emoji":"\ud83d\ude00","amount":"17.01"}]}"#
        )
    );
    assert_eq!(d.expected_signatures, [VECTOR_SIGNATURE]);
    assert_eq!(d.matched_secret_index, Some(0));
    assert!(d.naive_differs && !d.naive_signature_matches);
    assert_eq!(d.naive_first_difference, Some(49));
    assert_eq!(d.created_at_unit.as_deref(), Some("microseconds"));

    let dup = body.replacen(
        "\"messageId\":\"m\"",
        &format!("\"object_payload\":{VECTOR_PAYLOAD}"),
        1,
    );
    let d = v.explain(dup.as_bytes());
    assert_eq!(d.code.as_deref(), Some("duplicate_key"));
    assert_eq!(d.duplicates, ["object_payload and webhook.object_payload"]);
    assert!(d.canonical.is_some(), "diagnosis goes on past the refusal");

    let d = v.explain(b"not json");
    assert_eq!(d.code.as_deref(), Some("invalid_json"));
    assert_eq!(d.envelope, None);
}

#[test]
fn signed_bodies_verify_and_are_php_encoded() {
    let v = verifier(FIXTURE_SECRET);
    for (name, body) in fixtures() {
        let resigned = treezor::sign(body.as_bytes(), FIXTURE_SECRET).unwrap();
        assert!(!resigned.contains('\n'), "compact");
        assert_eq!(
            v.verify(resigned.as_bytes()).unwrap().event_name(),
            v.verify(body.as_bytes()).unwrap().event_name(),
            "{name}"
        );
        // Same signature as PHP's (the fixture's own).
        assert_eq!(
            v.verify(resigned.as_bytes())
                .unwrap()
                .envelope()
                .object_payload_signature,
            v.verify(body.as_bytes())
                .unwrap()
                .envelope()
                .object_payload_signature,
        );
    }
    let bare = treezor::sign(VECTOR_PAYLOAD.as_bytes(), FIXTURE_SECRET).unwrap();
    let w = v.verify(bare.as_bytes()).unwrap();
    assert_eq!(w.event_name(), treezor::BARE_PAYLOAD_EVENT);
}

// ---------------------------------------------------------------------------------------------
// Never panics

/// Every public entry point on corrupted copies of every fixture: any result but a panic.
#[test]
fn corrupted_deliveries_never_panic() {
    let v = verifier(FIXTURE_SECRET);
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const BYTES: &[u8] = b"{}[]\",:\\/u0123456789.-+eEtrufalsn \n\xff\xc3\xed\xa0\x80";
    for (_, body) in fixtures() {
        for _ in 0..40 {
            let mut b = body.clone().into_bytes();
            for _ in 0..1 + next() % 3 {
                let at = (next() as usize) % (b.len() + 1);
                match next() % 3 {
                    0 if at < b.len() => {
                        b.remove(at);
                    }
                    1 if at < b.len() => b[at] = BYTES[(next() as usize) % BYTES.len()],
                    _ => b.insert(at, BYTES[(next() as usize) % BYTES.len()]),
                }
            }
            let _ = v.verify_with_js_json(&b);
            let _ = v.explain(&b);
            let _ = treezor::sign(&b, "s");
        }
    }
}
