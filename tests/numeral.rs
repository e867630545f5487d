//! NumeralVerifier end to end: deliveries signed with a throwaway RSA key in exactly the shape
//! Numeral documents, every refusal, the older `TX-Numeral-Signature` scheme, `explain()`, and
//! the published example event parsed to its typed form.
#![cfg(feature = "numeral")]

use base64::Engine as _;
use hookseal::core::http_signatures::{content_digest_value, DigestAlgorithm};
use hookseal::providers::numeral::{
    NumeralEvent, NumeralLegacyMessage, NumeralOptions, NumeralPaymentOrderEventType,
    NumeralPaymentOrderStatus, NumeralRequest, NumeralScheme, NumeralVerifier,
};
use hookseal::{ErrorCode, HeaderList, HooksealError, Provider};
use rsa::signature::{SignatureEncoding as _, Signer as _};

const URL: &str = "https://webhooks.example.com/numeral/events?source=test";
const CREATED: i64 = 1_734_087_053;
const NOW_MS: i64 = (CREATED + 30) * 1000;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/numeral/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Signs `message` with a fixture private key (RSASSA-PKCS1-v1_5, SHA-256).
fn sign(message: &[u8], private_key: &str) -> Vec<u8> {
    use rsa::pkcs8::DecodePrivateKey as _;
    let pem = fixture(private_key);
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let key = rsa::RsaPrivateKey::from_pkcs8_der(&der).unwrap();
    rsa::pkcs1v15::SigningKey::<rsa_sha2::Sha256>::new(key)
        .sign(message)
        .to_vec()
}

const TRUSTED: &str = "test-key-rsa-private.pem";
const UNTRUSTED: &str = "other-key-rsa-private.pem";

fn verifier() -> NumeralVerifier {
    NumeralVerifier::new(NumeralOptions::with_public_keys(vec![fixture(
        "test-key-rsa-public.pem",
    )]))
    .unwrap()
}

fn event_body() -> Vec<u8> {
    fixture("event-payment-order.json").into_bytes()
}

/// The `Signature-Input` member Numeral documents, for a given keyid and created.
fn numeral_params(keyid: &str, created: i64) -> String {
    format!(
        r#"("@method" "@authority" "@request-target" "content-digest");alg="rsa-v1_5-sha256";keyid="{keyid}";created={created}"#
    )
}

/// A delivery as Numeral sends it: `POST URL`, the body, Content-Digest, one signature `sigx`.
#[derive(Clone)]
struct Delivery {
    method: String,
    url: String,
    body: Vec<u8>,
    headers: HeaderList,
}

/// The label, the signed member and the signature header member for one signer.
fn signature_members(
    label: &str,
    body: &[u8],
    private_key: &str,
    created: i64,
) -> (String, String) {
    let digest = content_digest_value(DigestAlgorithm::Sha256, body);
    let params = numeral_params("numeral-test", created);
    let base = format!(
        "\"@method\": POST\n\"@authority\": webhooks.example.com\n\"@request-target\": /numeral/events?source=test\n\"content-digest\": {digest}\n\"@signature-params\": {params}"
    );
    let sig = b64(&sign(base.as_bytes(), private_key));
    (format!("{label}={params}"), format!("{label}=:{sig}:"))
}

impl Delivery {
    fn signed_by(private_key: &str, created: i64) -> Delivery {
        let body = event_body();
        let (input, signature) = signature_members("sigx", &body, private_key, created);
        Delivery {
            method: "POST".into(),
            url: URL.into(),
            headers: [
                ("Content-Type", "application/json".to_string()),
                (
                    "Content-Digest",
                    content_digest_value(DigestAlgorithm::Sha256, &body),
                ),
                ("Signature-Input", input),
                ("Signature", signature),
            ]
            .into_iter()
            .collect(),
            body,
        }
    }

    fn numeral() -> Delivery {
        Delivery::signed_by(TRUSTED, CREATED)
    }

    fn request(&self) -> NumeralRequest<'_> {
        NumeralRequest::new(&self.method, &self.url)
    }

    fn verify_at(&self, now_ms: i64) -> Result<NumeralEvent, HooksealError> {
        verifier().verify(&self.body, &self.headers, self.request(), now_ms)
    }

    fn verify(&self) -> Result<NumeralEvent, HooksealError> {
        self.verify_at(NOW_MS)
    }

    fn with_header(mut self, name: &str, value: &str) -> Delivery {
        let mut kept: HeaderList = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
            .collect();
        kept.append(name, value);
        self.headers = kept;
        self
    }
}

#[track_caller]
fn code<T: std::fmt::Debug>(r: Result<T, HooksealError>, expected: ErrorCode) -> HooksealError {
    let e = r.unwrap_err();
    assert_eq!(e.code, expected, "{e}");
    assert_eq!(e.provider, Provider::Numeral, "{e}");
    e
}

#[test]
fn a_documented_delivery_verifies_and_returns_the_typed_event() {
    let d = Delivery::numeral();
    let NumeralEvent::PaymentOrder(e) = d.verify().unwrap() else {
        panic!("not a payment order event")
    };
    assert_eq!(e.id, "35bb6411-290d-478e-a478-2f84146c2ddf");
    assert_eq!(e.event_type, NumeralPaymentOrderEventType::Executed);
    assert_eq!(e.status.as_deref(), Some("delivered"));
    assert_eq!(e.created_at, "2023-02-01T17:13:15.087995Z");
    let order = &e.data;
    assert_eq!((order.amount, order.currency.as_str()), (75000, "EUR"));
    assert_eq!(order.status, NumeralPaymentOrderStatus::Executed);
    assert_eq!(order.direction.as_str(), "credit");
    assert_eq!(order.payment_type.as_str(), "sepa");
    let receiving = order.receiving_account.as_ref().unwrap();
    assert_eq!(
        receiving.account_number.as_deref(),
        Some("FR7601234567891127967100082")
    );
    assert_eq!(
        receiving.holder_address.as_ref().unwrap().city.as_deref(),
        Some("Lille")
    );
    assert!(order.direct_debit_mandate.is_none());
    assert_eq!(order.metadata.as_ref().unwrap().0.get(), "{}");
    assert_eq!(order.reconciled_amount, Some(0));
    assert_eq!(
        order.bank_data.as_ref().unwrap().message_id.as_deref(),
        Some("230201030031Fzmc")
    );
    // Which signature verified.
    let scheme = verifier()
        .authenticate(&d.body, &d.headers, d.request(), NOW_MS)
        .unwrap();
    let NumeralScheme::HttpMessageSignatures(sig) = scheme else {
        panic!()
    };
    assert_eq!(
        (sig.label.as_str(), sig.keyid.as_deref()),
        ("sigx", Some("numeral-test"))
    );
}

#[test]
fn changed_body_method_authority_path_or_query_is_refused() {
    let mut d = Delivery::numeral();
    d.body = String::from_utf8(d.body)
        .unwrap()
        .replace("75000", "95000")
        .into_bytes();
    let e = code(d.verify(), ErrorCode::SignatureMismatch);
    assert!(e.message.contains("Content-Digest"), "{e}");
    for (method, url) in [
        ("PUT", URL),
        (
            "POST",
            "https://attacker.example.com/numeral/events?source=test",
        ),
        (
            "POST",
            "https://webhooks.example.com/numeral/other?source=test",
        ),
        (
            "POST",
            "https://webhooks.example.com/numeral/events?source=prod",
        ),
        ("POST", "https://webhooks.example.com/numeral/events"),
    ] {
        let mut d = Delivery::numeral();
        d.method = method.into();
        d.url = url.into();
        code(d.verify(), ErrorCode::SignatureMismatch);
    }
}

#[test]
fn wrong_digest_is_refused() {
    let forged = content_digest_value(DigestAlgorithm::Sha256, b"{}");
    code(
        Delivery::numeral()
            .with_header("Content-Digest", &forged)
            .verify(),
        ErrorCode::SignatureMismatch,
    );
    // Body and digest replaced together: the digest is signed, so the signature breaks.
    let mut d = Delivery::numeral().with_header("Content-Digest", &forged);
    d.body = b"{}".to_vec();
    let e = code(d.verify(), ErrorCode::SignatureMismatch);
    assert!(e.message.contains("does not verify"), "{e}");
}

#[test]
fn created_outside_the_window_is_refused() {
    let d = Delivery::numeral();
    d.verify_at((CREATED + 300) * 1000).unwrap();
    code(
        d.verify_at((CREATED + 301) * 1000),
        ErrorCode::TimestampTooOld,
    );
    code(
        d.verify_at((CREATED - 301) * 1000),
        ErrorCode::TimestampInFuture,
    );
    let tolerant = NumeralVerifier::new(NumeralOptions {
        tolerance_seconds: 3600,
        ..NumeralOptions::with_public_keys(vec![fixture("test-key-rsa-public.pem")])
    })
    .unwrap();
    tolerant
        .verify(&d.body, &d.headers, d.request(), (CREATED + 3000) * 1000)
        .unwrap();
}

#[test]
fn untrusted_keys_are_refused_and_the_published_keys_are_the_default() {
    code(
        Delivery::signed_by(UNTRUSTED, CREATED).verify(),
        ErrorCode::SignatureMismatch,
    );
    // The default trust set is Numeral's two published keys: a test key is not among them.
    let d = Delivery::numeral();
    let default = NumeralVerifier::new(NumeralOptions::default()).unwrap();
    let e = code(
        default.verify(&d.body, &d.headers, d.request(), NOW_MS),
        ErrorCode::SignatureMismatch,
    );
    assert!(e.message.contains("2 trusted key(s)"), "{e}");
    // Rotation: any configured key may match.
    let both = NumeralVerifier::new(NumeralOptions::with_public_keys(vec![
        fixture("other-key-rsa-public.pem"),
        fixture("test-key-rsa-public.pem"),
    ]))
    .unwrap();
    both.verify(&d.body, &d.headers, d.request(), NOW_MS)
        .unwrap();
}

#[test]
fn two_signatures_where_only_one_is_trusted() {
    let body = event_body();
    let (in_a, sig_a) = signature_members("proxy", &body, UNTRUSTED, CREATED);
    let (in_b, sig_b) = signature_members("sigx", &body, TRUSTED, CREATED);
    for (inputs, sigs) in [
        (format!("{in_a}, {in_b}"), format!("{sig_a}, {sig_b}")),
        (format!("{in_b}, {in_a}"), format!("{sig_b}, {sig_a}")),
    ] {
        let d = Delivery::numeral()
            .with_header("Signature-Input", &inputs)
            .with_header("Signature", &sigs);
        d.verify().unwrap();
    }
    let (in_c, sig_c) = signature_members("sigx", &body, UNTRUSTED, CREATED);
    let d = Delivery::numeral()
        .with_header("Signature-Input", &format!("{in_a}, {in_c}"))
        .with_header("Signature", &format!("{sig_a}, {sig_c}"));
    let e = code(d.verify(), ErrorCode::SignatureMismatch);
    assert!(
        e.message.contains("`proxy`") && e.message.contains("`sigx`"),
        "{e}"
    );
}

#[test]
fn missing_method_or_url_says_they_are_signed_and_how_to_pass_them() {
    let d = Delivery::numeral();
    for (method, url, missing) in [
        (None, Some(URL), "`method` was not given"),
        (Some("POST"), None, "`url` was not given"),
        (None, None, "`method` and `url` were not given"),
        (Some(""), Some(""), "`method` and `url` were not given"),
    ] {
        let request = NumeralRequest { method, url };
        let e = code(
            verifier().verify(&d.body, &d.headers, request, NOW_MS),
            ErrorCode::InvalidInput,
        );
        assert!(e.message.contains(missing), "{e}");
        assert!(
            e.message.contains("signs the request method and URL"),
            "{e}"
        );
        let hint = e.hint.unwrap();
        assert!(
            hint.contains("method: req.method") && hint.contains("public URL"),
            "{hint}"
        );
    }
    // A path instead of a URL (Node's req.url) is refused with a hint too.
    let e = code(
        verifier().verify(
            &d.body,
            &d.headers,
            NumeralRequest::new("POST", "/numeral/events"),
            NOW_MS,
        ),
        ErrorCode::InvalidInput,
    );
    assert!(e.hint.unwrap().contains("full URL"));
}

#[test]
fn malformed_structured_fields_give_coded_errors_and_never_panic() {
    let d = Delivery::numeral();
    let v = verifier();
    let allowed = [
        ErrorCode::MissingSignature,
        ErrorCode::MalformedSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::MissingHeader,
        ErrorCode::TimestampInvalid,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampInFuture,
        ErrorCode::InvalidInput,
    ];
    for name in ["Signature-Input", "Signature", "Content-Digest"] {
        let full = d.headers.first(name).unwrap().to_string();
        let chars: Vec<char> = full.chars().collect();
        let mut variants: Vec<String> = (0..chars.len())
            .map(|end| chars[..end].iter().collect())
            .collect();
        for at in (0..chars.len()).step_by(3) {
            for noise in [
                '(', ')', '"', ':', ';', '=', ',', ' ', '\\', '*', '\u{e9}', '\0',
            ] {
                let mut v = chars.clone();
                v[at] = noise;
                variants.push(v.into_iter().collect());
            }
        }
        variants.extend(
            [
                "sigx=",
                "sigx",
                "=",
                ",",
                "sigx=();",
                "sigx=(\"@method\"",
                "sigx=:",
                "sigx=?2",
                "sigx=(\"@method\";x)",
                "a=1, a=2",
                "sigx=:AAAA:;alg",
                "sigx=1.2345",
            ]
            .map(String::from),
        );
        for text in variants {
            if text == full {
                continue;
            }
            let e = d
                .clone()
                .with_header(name, &text)
                .verify_at(NOW_MS)
                .map(|_| ())
                .unwrap_err();
            assert!(allowed.contains(&e.code), "{name}={text}: {e}");
            // explain never fails either.
            let _ = v.explain(
                &d.body,
                &d.clone().with_header(name, &text).headers,
                d.request(),
                NOW_MS,
            );
        }
    }
}

#[test]
fn bad_public_keys_are_invalid_key_naming_which() {
    for pems in [
        vec!["not a key".to_string()],
        vec![
            fixture("test-key-rsa-public.pem"),
            fixture("test-key-rsa-private.pem"),
        ],
        vec![fixture("test-key-rsa-public.pem").replace("MII", "MIJ")],
    ] {
        let last = pems.len() - 1;
        let e = code(
            NumeralVerifier::new(NumeralOptions::with_public_keys(pems)),
            ErrorCode::InvalidKey,
        );
        assert!(e.message.starts_with(&format!("publicKeys[{last}]")), "{e}");
    }
    // The same key as PKCS#1 works too.
    NumeralVerifier::new(NumeralOptions::with_public_keys(vec![fixture(
        "test-key-rsa-public-pkcs1.pem",
    )]))
    .unwrap();
}

/// A delivery of the older scheme: the signature over `variant`'s bytes in `header`.
fn legacy_delivery(
    variant: NumeralLegacyMessage,
    header: &str,
    timestamp: i64,
) -> (Vec<u8>, HeaderList) {
    let body = event_body();
    let ts = timestamp.to_string();
    let message = variant.message(&ts, &body).unwrap();
    let headers: HeaderList = [
        ("TX-Numeral-Request-Timestamp", ts),
        (header, b64(&sign(&message, TRUSTED))),
    ]
    .into_iter()
    .collect();
    (body, headers)
}

#[test]
fn legacy_scheme_default_and_configured_variants() {
    let none = NumeralRequest::default();
    let (body, h) = legacy_delivery(
        NumeralLegacyMessage::TimestampDotBody,
        "TX-Numeral-Signature-1",
        CREATED,
    );
    let ev = verifier().verify(&body, &h, none, NOW_MS).unwrap();
    assert_eq!(ev.topic(), "payment_order");
    // Any -N suffix; the method and URL are not needed for this scheme.
    let (body, h) = legacy_delivery(
        NumeralLegacyMessage::TimestampDotBody,
        "tx-numeral-signature-2",
        CREATED,
    );
    assert_eq!(
        verifier().authenticate(&body, &h, none, NOW_MS).unwrap(),
        NumeralScheme::Legacy {
            header: "tx-numeral-signature-2".into()
        }
    );
    code(
        verifier().verify(&body, &h, none, (CREATED + 301) * 1000),
        ErrorCode::TimestampTooOld,
    );

    // Body-only signatures need `legacy: 'body'`, and explain() says so.
    let (body, h) = legacy_delivery(
        NumeralLegacyMessage::Body,
        "TX-Numeral-Signature-1",
        CREATED,
    );
    let e = code(
        verifier().verify(&body, &h, none, NOW_MS),
        ErrorCode::SignatureMismatch,
    );
    assert!(e.hint.unwrap().contains("explain()"));
    let d = verifier().explain(&body, &h, none, NOW_MS);
    assert_eq!(d.scheme.as_deref(), Some("legacy"));
    let legacy = d.legacy.unwrap();
    assert_eq!(legacy.matched.as_deref(), Some("body"));
    assert_eq!(
        legacy.suggested_options.as_deref(),
        Some("{ legacy: 'body' }")
    );
    assert_eq!(legacy.candidates.len(), 3);
    let body_mode = NumeralVerifier::new(NumeralOptions {
        legacy: NumeralLegacyMessage::Body,
        ..NumeralOptions::with_public_keys(vec![fixture("test-key-rsa-public.pem")])
    })
    .unwrap();
    body_mode.verify(&body, &h, none, NOW_MS).unwrap();

    let off = NumeralVerifier::new(NumeralOptions {
        legacy: NumeralLegacyMessage::Off,
        ..NumeralOptions::with_public_keys(vec![fixture("test-key-rsa-public.pem")])
    })
    .unwrap();
    code(
        off.verify(&body, &h, none, NOW_MS),
        ErrorCode::MissingSignature,
    );

    // Broken legacy headers.
    let mut h2 = HeaderList::new();
    h2.append("TX-Numeral-Signature-1", "!!!");
    h2.append("TX-Numeral-Request-Timestamp", CREATED.to_string());
    code(
        verifier().verify(&body, &h2, none, NOW_MS),
        ErrorCode::MalformedSignature,
    );
    let mut h3 = HeaderList::new();
    h3.append("TX-Numeral-Signature-1", "AAAA");
    code(
        verifier().verify(&body, &h3, none, NOW_MS),
        ErrorCode::MissingHeader,
    );
    h3.append("TX-Numeral-Request-Timestamp", "yesterday");
    code(
        verifier().verify(&body, &h3, none, NOW_MS),
        ErrorCode::TimestampInvalid,
    );
    code(
        verifier().verify(&body, &HeaderList::new(), none, NOW_MS),
        ErrorCode::MissingSignature,
    );
}

#[test]
fn explain_shows_bases_keys_digest_time_and_missing_parts() {
    let d = Delivery::numeral();
    let ok = verifier().explain(&d.body, &d.headers, d.request(), NOW_MS);
    assert!(ok.valid, "{ok:?}");
    assert_eq!(ok.scheme.as_deref(), Some("http_message_signatures"));
    assert_eq!(ok.content_digest_matches, Some(true));
    let sig = &ok.signatures[0];
    assert_eq!(sig.matched_key.as_deref(), Some("publicKeys[0]"));
    assert_eq!(sig.age_seconds, Some(30));
    assert!(sig
        .signature_base
        .as_deref()
        .unwrap()
        .starts_with("\"@method\": POST\n\"@authority\": webhooks.example.com\n\"@request-target\": /numeral/events?source=test\n"));

    // Proxy rewrote the URL: the base shows the internal host, no key matches.
    let mut behind_proxy = d.clone();
    behind_proxy.url = "http://localhost:3000/numeral/events?source=test".into();
    let x = verifier().explain(
        &behind_proxy.body,
        &behind_proxy.headers,
        behind_proxy.request(),
        NOW_MS,
    );
    assert!(!x.valid);
    assert_eq!(x.signatures[0].matched_key, None);
    assert!(x.signatures[0]
        .signature_base
        .as_deref()
        .unwrap()
        .contains("\"@authority\": localhost:3000"));
    assert!(
        x.findings.iter().any(|f| f.contains("proxies")),
        "{:?}",
        x.findings
    );

    let missing = verifier().explain(&d.body, &d.headers, NumeralRequest::default(), NOW_MS);
    assert_eq!(missing.missing, ["method", "url"]);
    assert_eq!(missing.code.as_deref(), Some("invalid_input"));

    let mut changed = d.clone();
    changed.body.push(b'\n');
    let x = verifier().explain(&changed.body, &changed.headers, changed.request(), NOW_MS);
    assert_eq!(x.content_digest_matches, Some(false));
    assert!(x.findings.iter().any(|f| f.contains("raw body")));
}

#[test]
fn the_published_example_event_is_typed() {
    let e = NumeralEvent::from_json(&event_body()).unwrap();
    assert_eq!((e.topic(), e.event_type()), ("payment_order", "executed"));
    let NumeralEvent::PaymentOrder(p) = e else {
        panic!()
    };
    assert_eq!(p.related_object_type.as_deref(), Some("payment_order"));
    let originating = p.data.originating_account.as_ref().unwrap();
    assert_eq!(originating.bank_code.as_deref(), Some("SOGEFRPP"));
    assert_eq!(p.data.auto_approval, Some(false));
    assert_eq!(
        p.data.reconciliation_status.as_ref().unwrap().as_str(),
        "unreconciled"
    );
    assert_eq!(p.data.value_date.as_deref(), Some("2023-02-01"));
}
