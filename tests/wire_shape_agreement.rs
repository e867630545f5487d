//! The derived shape tables (`core::wire_shape`) against serde, on the provider types: the
//! same verdict for every fixture, and for every fixture with each value replaced by one of
//! another kind, each member removed, each object given a member twice, and each object
//! written in serde's sequence form. serde is the oracle: the tables decide in the wasm build
//! (and first in native builds), serde only builds the Rust structs afterwards.

#![cfg(all(
    feature = "seqino",
    feature = "treezor",
    feature = "sepay",
    feature = "numeral"
))]

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::PathBuf;

use hookseal::core::wire_shape::{self, Kind};
use hookseal::providers::seqino::SeqinoVerified;
use hookseal::providers::treezor::{self, *};
use hookseal::ErrorCode;
use serde_json::value::RawValue;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Mutations of a JSON value

/// Values of every kind, as raw JSON text (some no `Value` can hold).
const REPLACEMENTS: &[&str] = &[
    "null",
    "true",
    "0",
    "-0",
    "-7",
    "1.5",
    "1e400",
    "123456789012345678901234567890",
    "\"\"",
    "\"text\"",
    "\"\\ud800\"",
    "[]",
    "[\"a\"]",
    "[{}]",
    "{}",
    r#"{"date":"2022-05-04 00:00:00.000000","timezone_type":3,"timezone":"UTC"}"#,
    r#"{"date":"2022-05-04","timezone_type":3.5}"#,
];

/// Writes `v` with the value at `path` replaced by the raw text `raw`.
fn with_raw(v: &Value, path: &[PathStep], raw: &str) -> String {
    const MARK: &str = "\u{1}hookseal-mark\u{1}";
    let mut copy = v.clone();
    *at(&mut copy, path) = Value::String(MARK.into());
    let marked = serde_json::to_string(&Value::String(MARK.into())).unwrap();
    serde_json::to_string(&copy)
        .unwrap()
        .replacen(&marked, raw, 1)
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'v>(v: &'v mut Value, path: &[PathStep]) -> &'v mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// Every path in `v`, the root included.
fn paths(v: &Value, prefix: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let mut p = prefix.clone();
                p.push(PathStep::Key(k.clone()));
                paths(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(PathStep::Index(i));
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

fn object_text(members: &[(String, String)]) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// The fixture itself and its mutations, as JSON texts.
fn mutations(json: &str) -> Vec<String> {
    let root: Value = serde_json::from_str(json).unwrap();
    let mut all = Vec::new();
    paths(&root, Vec::new(), &mut all);
    let mut out = vec![json.to_string()];
    for path in &all {
        for raw in REPLACEMENTS {
            out.push(with_raw(&root, path, raw));
        }
        let mut copy = root.clone();
        let Value::Object(members) = at(&mut copy, path).clone() else {
            continue;
        };
        let pairs: Vec<(String, String)> = members
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        for i in 0..pairs.len() {
            // Without the member, and with it twice (both copies, or a copy of another kind).
            let mut fewer = pairs.clone();
            fewer.remove(i);
            out.push(with_raw(&root, path, &object_text(&fewer)));
            let mut twice = pairs.clone();
            twice.push(pairs[i].clone());
            out.push(with_raw(&root, path, &object_text(&twice)));
            let mut other = pairs.clone();
            other.push((pairs[i].0.clone(), "7".into()));
            out.push(with_raw(&root, path, &object_text(&other)));
        }
        // An unknown member, and serde's sequence form (the values in document order, and
        // one value fewer / more).
        let mut extra = pairs.clone();
        extra.push(("notDocumented".into(), r#"{"x":["\ud800",1e400]}"#.into()));
        out.push(with_raw(&root, path, &object_text(&extra)));
        let values: Vec<&str> = pairs.iter().map(|(_, v)| v.as_str()).collect();
        out.push(with_raw(&root, path, &format!("[{}]", values.join(","))));
        if let Some((_, rest)) = values.split_last() {
            out.push(with_raw(&root, path, &format!("[{}]", rest.join(","))));
        }
        out.push(with_raw(
            &root,
            path,
            &format!("[{},null]", values.join(",")),
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Treezor

fn treezor_fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/treezor");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".json")
                .then(|| (name, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    out.sort();
    assert!(out.len() >= 63);
    out
}

/// serde's verdict on `payload` for the event `name`; `None` for a name not typed (shared with
/// the `treezor_payload` fuzz target, which compares the two on fuzzed payloads).
fn serde_treezor(name: &str, payload: &str) -> Option<bool> {
    checks::serde_treezor(name, payload.as_bytes())
}

#[test]
fn every_typed_treezor_event_has_a_shape_and_a_serde_type() {
    for name in typed_event_names() {
        assert!(treezor::payload_kind(name).is_some(), "{name}");
        assert!(serde_treezor(name, "{}").is_some(), "{name}");
    }
    assert!(treezor::payload_kind("card.create").is_none());
}

/// The shape's verdict against serde's on `payload` (typed as it is) of the event `name` and
/// on each of its mutations; how many were compared and how many serde refused.
fn agree_on_mutations(file: &str, name: &str, payload: &str) -> (usize, usize) {
    let kind = treezor::payload_kind(name).unwrap();
    let mut refused = 0;
    let texts = mutations(payload);
    for (i, text) in texts.iter().enumerate() {
        let ours = wire_shape::check(text.as_bytes(), kind);
        let serde = serde_treezor(name, text).unwrap();
        assert_eq!(
            ours.is_ok(),
            serde,
            "{file} mutation {i}: {text}\nshape: {ours:?}"
        );
        if i == 0 {
            assert!(serde, "{file} is typed as it is");
        }
        refused += usize::from(!serde);
    }
    (texts.len(), refused)
}

/// [`agree_on_mutations`] on `payload_of` each fixture's payload (fixtures it gives `None`
/// for are left out), and enough of them compared and refused to mean something.
fn fixtures_agree_on_mutations(payload_of: impl Fn(&str) -> Option<String>) {
    let mut compared = 0;
    let mut refused = 0;
    for (file, body) in treezor_fixtures() {
        let (name, payload) = checks::treezor_name_and_payload(&body).unwrap();
        let Some(payload) = payload_of(&payload) else {
            continue;
        };
        let (c, r) = agree_on_mutations(&file, &name, &payload);
        compared += c;
        refused += r;
    }
    assert!(
        compared > 20_000 && refused > compared / 4,
        "{compared} compared, {refused} refused"
    );
}

#[test]
fn treezor_shapes_agree_with_serde_on_every_fixture_and_its_mutations() {
    fixtures_agree_on_mutations(|payload| Some(payload.to_string()));
}

/// `json` with the items of every array of objects written twice, so that each object has a
/// copy after it whose members are written the same way.
fn doubled(json: &str) -> Option<String> {
    fn double(v: &mut Value) -> bool {
        match v {
            Value::Array(items) => {
                let mut any = items.iter_mut().fold(false, |any, item| double(item) | any);
                if !items.is_empty() && items.iter().all(Value::is_object) {
                    items.extend(items.clone());
                    any = true;
                }
                any
            }
            Value::Object(members) => members.values_mut().fold(false, |any, m| double(m) | any),
            _ => false,
        }
    }
    let mut root: Value = serde_json::from_str(json).unwrap();
    double(&mut root).then(|| serde_json::to_string(&root).unwrap())
}

/// An object whose members are written as in the previous object of its shape is read as a
/// copy of it (`members_as_before`, Treezor's `transactions`): the same verdicts, the copy's
/// members removed, doubled, retyped or unknown, or the copy in serde's sequence form.
#[test]
fn treezor_shapes_agree_with_serde_on_objects_written_like_the_one_before() {
    fixtures_agree_on_mutations(doubled);
}

#[test]
fn the_treezor_note_names_the_path_and_the_kinds() {
    let raw =
        RawValue::from_string(r#"{"payins":[{"payinId":"1","amount":17.01}]}"#.into()).unwrap();
    let env = TreezorEnvelope {
        shape: TreezorEnvelopeShape::Flat,
        webhook_id: None,
        object: None,
        object_id: None,
        object_payload_signature: String::new(),
        webhook_created_at: None,
        message_id: None,
        outer_webhook_id: None,
        client_id: None,
        created_at_ms: None,
        created_at_iso: None,
        verified: Vec::new(),
        unverified: Vec::new(),
        notes: Vec::new(),
    };
    let kind = treezor::payload_kind("payin.create").unwrap();
    let m = wire_shape::check(raw.get().as_bytes(), kind).unwrap_err();
    assert_eq!(
        m.describe("object_payload"),
        "object_payload.payins[0].amount: expected a string or null, got a number"
    );
    let _ = env;
}

// ---------------------------------------------------------------------------------------------
// Seqino

/// What `SeqinoEvent::from_json` did with serde alone, before the shape tables: the oracle.
// serde's verdict and hookseal's on a Seqino body (shared with the `seqino_verify` fuzz target).
use checks::{ours_seqino, serde_seqino};

fn seqino_bodies() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seqino");
    let fixture = std::fs::read_to_string(dir.join("webhook-test.json")).unwrap();
    let event = |event_type: &str, data: &str| {
        format!(
            r#"{{"event_id":"evt_1","event_type":"{event_type}","timestamp":"2026-01-01T00:00:00Z","sponsor_id":"sandbox-1/2","data":{data}}}"#
        )
    };
    vec![
        fixture,
        event(
            "invoice.status_updated",
            r#"{"invoice_id":"inv_1","status":"CASHED","amount":"12.30"}"#,
        ),
        event("invoice.created", "{}"),
        event(
            "mandate.activated",
            r#"{"mandate_id":"m_1","status":"ACTIVE"}"#,
        ),
        event("invoice.archived", r#"{"x":[1,{"y":null}]}"#),
    ]
}

#[test]
fn seqino_shapes_give_serde_error_codes_on_every_body_and_its_mutations() {
    let mut compared = 0;
    for body in seqino_bodies() {
        let mut texts = mutations(&body);
        // Syntax and encoding problems, which decide the code before any shape.
        texts.push(body.replacen("evt_", "evt_\\ud800", 1));
        texts.push(body.replacen("\"event_id\"", "\"event_\\ud800id\"", 1));
        texts.push(body.replacen('}', "} x", 1));
        texts.push(body[..body.len() / 2].to_string());
        for (i, text) in texts.iter().enumerate() {
            let ours = ours_seqino(text.as_bytes());
            let serde = serde_seqino(text.as_bytes());
            assert_eq!(ours, serde, "mutation {i}: {text}");
            compared += 1;
        }
        // Invalid UTF-8 in a member serde skips, in one it reads, and in `data`.
        for (needle, bad) in [
            ("\"event_id\"", "\"skipped\":\"\u{1}\",\"event_id\""),
            ("evt_", "evt_\u{2}"),
        ] {
            let mut bytes = body.replacen(needle, bad, 1).into_bytes();
            for b in &mut bytes {
                if *b == 1 || *b == 2 {
                    *b = 0xff;
                }
            }
            if needle == "\"event_id\"" {
                // serde_json accepts invalid UTF-8 in a member it skips; hookseal checks the
                // whole body's UTF-8 first (a fuzzing finding, see tests/fixtures/fuzz/).
                assert_eq!(serde_seqino(&bytes), Ok(()), "serde skips it");
                assert_eq!(ours_seqino(&bytes), Err(ErrorCode::InvalidJson), "{needle}");
            } else {
                assert_eq!(ours_seqino(&bytes), serde_seqino(&bytes), "{needle}");
            }
        }
    }
    assert!(compared > 300, "{compared}");
}

#[test]
fn seqino_messages_name_the_member() {
    let body = br#"{"event_id":5,"event_type":"webhook.test","timestamp":"t","sponsor_id":"s","data":{"test_id":"x"}}"#;
    let e = SeqinoVerified::parse(body).unwrap_err();
    assert_eq!(e.code, ErrorCode::SchemaMismatch);
    assert!(
        e.message
            .ends_with("event_id: expected a string, got a number"),
        "{}",
        e.message
    );
    let body = br#"{"event_id":"e","event_type":"webhook.test","timestamp":"t","sponsor_id":"s","data":{"test_id":[]}}"#;
    let e = SeqinoVerified::parse(body).unwrap_err();
    assert!(
        e.message
            .ends_with("data.test_id: expected a string, got an array"),
        "{}",
        e.message
    );
}

/// The kinds of the provider wire types, as the derive reads them.
#[test]
fn provider_wire_types_have_the_kinds_serde_reads() {
    assert_eq!(
        wire_shape::kind_of::<TreezorStringOrNumber>(),
        &Kind::StringOrNumber
    );
    assert_eq!(wire_shape::kind_of::<TreezorAnyJson>(), &Kind::Any);
    assert_eq!(wire_shape::kind_of::<TreezorStatus>(), &Kind::String);
    let Kind::AnyOf([Kind::String, Kind::Object(php)]) = wire_shape::kind_of::<TreezorDateValue>()
    else {
        panic!("{:?}", wire_shape::kind_of::<TreezorDateValue>())
    };
    assert_eq!(php.name, "TreezorPhpDateTime");
    let names: Vec<_> = php
        .fields
        .iter()
        .map(|f| (f.wire_name, f.required()))
        .collect();
    assert_eq!(
        names,
        [
            ("date", true),
            ("timezone_type", false),
            ("timezone", false)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// SePay: typed from any body format by its MEMBERS table (no serde there); the object handed to
// JavaScript has the shape derived from `SepayTransaction`, whatever the format.

#[test]
fn sepay_objects_for_javascript_have_the_derived_transaction_shape() {
    use hookseal::providers::sepay::{self, SepayTransaction};
    let kind = wire_shape::kind_of::<SepayTransaction>();
    let fields = [
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
        ("extra", "kept"),
    ];
    let json = r#"{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","content":"payment content","transferType":"out","transferAmount":-2277000,"accumulated":19077000,"referenceCode":"MBVCB.3278907687","description":"","extra":[1]}"#;
    let form: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
        .collect();
    let boundary = "b0undary";
    let multipart: String = fields
        .iter()
        .map(|(k, v)| {
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
        })
        .chain([format!("--{boundary}--\r\n")])
        .collect();
    let multipart_ct = format!("multipart/form-data; boundary={boundary}");
    for (body, ct) in [
        (json.to_string(), "application/json"),
        (form.join("&"), "application/x-www-form-urlencoded"),
        (multipart, multipart_ct.as_str()),
        (
            json.replace("2023-03-25 14:02:37", "yesterday"),
            "application/json",
        ),
    ] {
        let decoded = sepay::decode(body.as_bytes(), Some(ct)).unwrap();
        let js = decoded.to_js_json().unwrap();
        wire_shape::check(js.as_bytes(), kind).unwrap_or_else(|m| panic!("{ct}: {m}\n{js}"));
        let rust = serde_json::to_string(&decoded.transaction).unwrap();
        wire_shape::check(rust.as_bytes(), kind).unwrap();
    }
}
