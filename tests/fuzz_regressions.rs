//! Replays the fuzz targets' checks (`fuzz/src/checks.rs`) on every input kept under
//! `tests/fixtures/fuzz/<target>/` — crashers found by `npm run fuzz` are copied there with a
//! name that says what they found — and on the repository's own fixtures, so the properties
//! the fuzzers check also hold under plain `cargo test`, without nightly.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8]), extra_seeds: &[Vec<u8>]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut inputs: Vec<(String, Vec<u8>)> = extra_seeds
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("seed {i}"), s.clone()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            inputs.push((
                entry.path().display().to_string(),
                std::fs::read(entry.path()).expect("readable"),
            ));
        }
    }
    for (name, input) in &inputs {
        if let Err(panic) = std::panic::catch_unwind(|| check(input)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("{target}: {name}: {}", message.unwrap_or_default());
        }
    }
}

fn fixtures(dir: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| std::fs::read(p).expect("readable"))
        .collect()
}

fn with_selectors(bodies: &[Vec<u8>], text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for body in bodies {
        for selector in [0u8, 1, 2, 3, 4, 8, 16, 0x43, 0x81, 0xc2] {
            let mut input = vec![selector];
            input.extend_from_slice(text.as_bytes());
            input.push(0);
            input.extend_from_slice(body);
            out.push(input);
        }
    }
    out
}

#[test]
fn php_json() {
    let mut seeds = fixtures("tests/fixtures/treezor");
    seeds.extend(
        [
            &b"[\"\\ud83d\\ude00\\/\"]"[..],
            b"{\"a\":-0.0e+1}",
            b"[1,]",
            b"\"\\u0000\"",
            b"[9007199254740993]",
        ]
        .map(|s| s.to_vec()),
    );
    replay("php_json", checks::php_json, &seeds);
}

#[test]
fn signature_decoding() {
    let seeds = [
        "sha256=0774c7717ffe7655f7e92a6ea129490cad878f177a4d9fab969f83783951a1d9",
        "v1,AAAA",
        "2019-08-24T14:15:22Z",
        "2019-08-24T14:15:22.123+02:00",
        "Bearer Apikey x, Apikey y",
        "1700000000",
    ];
    replay(
        "signature_decoding",
        checks::signature_decoding,
        &seeds.map(|s| s.as_bytes().to_vec()),
    );
}

#[test]
fn seqino_verify() {
    let bodies = vec![
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seqino/webhook-test.json"),
        )
        .expect("fixture"),
        // An invoice with lines: what the walk skips is most of a real delivery.
        r#"{"event_id":"evt_7c1f","event_type":"invoice.created","timestamp":"2026-11-22T10:00:00Z","sponsor_id":"sandbox-1234/5678","data":{"invoice_id":"inv_01HZX3K9QW","status":"DEPOSITED","seller":{"siren":"123456789","name":"Société \"Générale\""},"lines":[{"line":1,"label":"Conseil n°0 — été [1/2]","quantity":1,"unit_price":"125.50","id":1000000000},{"line":2,"label":"a\\b","quantity":7e0,"vat":null,"tags":[true,false,{}]}]}}"#
            .as_bytes()
            .to_vec(),
    ];
    replay(
        "seqino_verify",
        checks::seqino_verify,
        &with_selectors(&bodies, "sha256=00"),
    );
}

#[test]
fn sepay_verify() {
    let json = br#"{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","code":null,"content":"payment content","transferType":"in","transferAmount":2277000,"accumulated":19077000,"subAccount":null,"referenceCode":"MBVCB.3278907687","description":""}"#.to_vec();
    let form = b"id=1&gateway=g&transactionDate=2023-03-25+14%3A02%3A37&accountNumber=1&code=&content=c&transferType=in&transferAmount=1&accumulated=1&subAccount=&referenceCode=r&description=".to_vec();
    replay(
        "sepay_verify",
        checks::sepay_verify,
        &with_selectors(
            &[json.clone(), form.clone()],
            "content-type:application/x-www-form-urlencoded\nauthorization:Apikey k1",
        ),
    );
    replay(
        "sepay_verify",
        checks::sepay_verify,
        &with_selectors(&[json, form], "Bearer tok"),
    );
}

#[test]
fn treezor_verify() {
    replay(
        "treezor_verify",
        checks::treezor_verify,
        &fixtures("tests/fixtures/treezor"),
    );
}

/// Every fixture's payload under its event name, as Treezor sends it (PHP's form) and
/// re-encoded the ways a proxy or a framework might (slashes and accents unescaped, pretty
/// printed): the walk's "already in PHP's form" must hold for the first alone.
#[test]
fn treezor_payload() {
    let mut seeds = Vec::new();
    for body in fixtures("tests/fixtures/treezor") {
        let body = String::from_utf8(body).expect("UTF-8 fixture");
        let (name, payload) = checks::treezor_name_and_payload(&body).expect("an envelope");
        let value: serde_json::Value = serde_json::from_str(&payload).expect("JSON");
        for text in [
            payload,
            serde_json::to_string(&value).expect("JSON"),
            serde_json::to_string_pretty(&value).expect("JSON"),
        ] {
            seeds.push([&[0u8][..], name.as_bytes(), &[0], text.as_bytes()].concat());
        }
    }
    assert!(seeds.len() >= 3 * 63);
    replay("treezor_payload", checks::treezor_payload, &seeds);
}

#[test]
fn structured_fields() {
    let seeds = [
        r#"sig1=("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="k";created=1734087053"#,
        "sig1=:dGVzdA==:, sig2=:YQ==:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:AA==:",
        "a=1, a=2",
        "a=(1 2;x=?0);y=1.5",
    ];
    replay(
        "structured_fields",
        checks::structured_fields,
        &seeds.map(|s| s.as_bytes().to_vec()),
    );
}

#[test]
fn numeral_verify() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numeral");
    let body = std::fs::read(root.join("event-payment-order.json")).expect("fixture");
    let headers = "content-type:application/json\ncontent-digest:sha-256=:AA==:\nsignature-input:sigx=(\"@method\");created=1734087053\nsignature:sigx=:AA==:\ntx-numeral-signature-1:AA==\ntx-numeral-timestamp:1734087053";
    replay(
        "numeral_verify",
        checks::numeral_verify,
        &with_selectors(&[body], headers),
    );
}

#[test]
fn rsa_verify() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numeral");
    let pem = std::fs::read_to_string(root.join("test-key-rsa-public.pem")).expect("fixture");
    let der: Vec<u8> = {
        use base64::Engine as _;
        let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("PEM body")
    };
    let mut truncated = der.clone();
    truncated.truncate(der.len() / 2);
    replay(
        "rsa_verify",
        checks::rsa_verify,
        &[der, truncated, vec![0x30, 0x82, 0xff, 0xff], vec![0; 300]],
    );
}
