//! RFC 9421 / RFC 9530 verification in `core::http_signatures`: the RFC's Appendix B vectors,
//! an openssl-signed rsa-v1_5-sha256 fixture, and every refusal.
//!
//! Fixtures in `tests/fixtures/numeral/` (see its README.md): a throwaway RSA-2048 test
//! keypair made with openssl, a second "untrusted" one, and one base signed by openssl.

use base64::Engine as _;
use hookseal::core::http_signatures::{
    content_digest_value, Algorithm, DigestAlgorithm, HttpSignatureVerifier, RequestContext,
    TrustedKey,
};
use hookseal::core::time_window::TimeWindow;
use hookseal::{ErrorCode, HeaderList, HooksealError, Provider};
use rsa::signature::{SignatureEncoding as _, Signer as _};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/numeral/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn headers(pairs: &[(&str, &str)]) -> HeaderList {
    pairs.iter().map(|(n, v)| (*n, *v)).collect()
}

// ---------------------------------------------------------------------------------------------
// RFC 9421 Appendix B: keys (B.1), the test request (B.2) and signatures (B.2.x).
// ---------------------------------------------------------------------------------------------

/// B.1.1 test-key-rsa, PKCS#1 form.
const RFC_TEST_KEY_RSA_PKCS1: &str = "-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAhAKYdtoeoy8zcAcR874L8cnZxKzAGwd7v36APp7Pv6Q2jdsPBRrw
WEBnez6d0UDKDwGbc6nxfEXAy5mbhgajzrw3MOEt8uA5txSKobBpKDeBLOsdJKFq
MGmXCQvEG7YemcxDTRPxAleIAgYYRjTSd/QBwVW9OwNFhekro3RtlinV0a75jfZg
kne/YiktSvLG34lw2zqXBDTC5NHROUqGTlML4PlNZS5Ri2U4aCNx2rUPRcKIlE0P
uKxI4T+HIaFpv8+rdV6eUgOrB2xeI1dSFFn/nnv5OoZJEIB+VmuKn3DCUcCZSFlQ
PSXSfBDiUGhwOw76WuSSsf1D4b/vLoJ10wIDAQAB
-----END RSA PUBLIC KEY-----";

/// B.1.2 test-key-rsa-pss (SPKI, rsaEncryption OID).
const RFC_TEST_KEY_RSA_PSS: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2
+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+
oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq
gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W
Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4
aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI
2wIDAQAB
-----END PUBLIC KEY-----";

/// B.1.4 test-key-ed25519: public key (SPKI) and the private seed (JWK `d`, base64url).
const RFC_TEST_KEY_ED25519: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
-----END PUBLIC KEY-----";
const RFC_TEST_KEY_ED25519_SEED_B64URL: &str = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU";

/// B.1.5 test-shared-secret (base64).
const RFC_TEST_SHARED_SECRET: &str =
    "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

/// B.2 test-request: `POST /foo?param=Value&Pet=dog` on example.com.
const RFC_BODY: &[u8] = b"{\"hello\": \"world\"}";
const RFC_URL: &str = "https://example.com/foo?param=Value&Pet=dog";
const RFC_CONTENT_DIGEST: &str = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
/// `created` of every B.2 signature.
const RFC_CREATED: i64 = 1_618_884_473;

fn rfc_request_headers(signature_input: &str, signature: &str) -> HeaderList {
    headers(&[
        ("Host", "example.com"),
        ("Date", "Tue, 20 Apr 2021 02:07:55 GMT"),
        ("Content-Type", "application/json"),
        ("Content-Digest", RFC_CONTENT_DIGEST),
        ("Content-Length", "18"),
        ("Signature-Input", signature_input),
        ("Signature", signature),
    ])
}

/// Verifies one B.2.x vector and checks that its signature base is the RFC's byte for byte.
fn check_rfc_vector(
    key: TrustedKey,
    signature_input: &str,
    signature: &str,
    expected_base: &str,
    require_digest: bool,
) -> hookseal::core::http_signatures::VerifiedSignature {
    let h = rfc_request_headers(signature_input, signature);
    let req = RequestContext::new(Some("POST"), Some(RFC_URL), &h);
    let verifier = HttpSignatureVerifier::new(vec![key], TimeWindow::seconds(300))
        .unwrap()
        .require_content_digest(require_digest);
    let now_ms = (RFC_CREATED + 10) * 1000;
    let explained = verifier.explain(&req, RFC_BODY, now_ms);
    assert_eq!(explained.signatures.len(), 1);
    assert_eq!(
        explained.signatures[0].base.as_deref(),
        Some(expected_base),
        "signature base differs from the RFC's"
    );
    let verified = verifier.verify(&req, RFC_BODY, now_ms).unwrap();
    assert_eq!(Ok(&verified), explained.result.as_ref());
    verified
}

#[test]
fn rfc9421_b21_minimal_rsa_pss_sha512() {
    // PSS signatures are randomized: verify-only.
    let base = "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
    let key = TrustedKey::from_pem(RFC_TEST_KEY_RSA_PSS, Algorithm::RsaPssSha512)
        .unwrap()
        .with_keyid("test-key-rsa-pss");
    let v = check_rfc_vector(
        key,
        "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
        "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:",
        base,
        false,
    );
    assert_eq!(v.label, "sig-b21");
    assert_eq!(v.algorithm, Algorithm::RsaPssSha512);
    assert_eq!(v.keyid.as_deref(), Some("test-key-rsa-pss"));
    assert!(v.covered.is_empty());
}

#[test]
fn rfc9421_b23_full_coverage_rsa_pss_sha512_with_content_digest() {
    let base = concat!(
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n",
        "\"@method\": POST\n",
        "\"@path\": /foo\n",
        "\"@query\": ?param=Value&Pet=dog\n",
        "\"@authority\": example.com\n",
        "\"content-type\": application/json\n",
        "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n",
        "\"content-length\": 18\n",
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
    );
    let key = TrustedKey::from_pem(RFC_TEST_KEY_RSA_PSS, Algorithm::RsaPssSha512).unwrap();
    let v = check_rfc_vector(
        key,
        "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:",
        base,
        true,
    );
    assert_eq!(v.covered.len(), 8);
}

#[test]
fn rfc9421_b25_hmac_sha256() {
    let base = concat!(
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n",
        "\"@authority\": example.com\n",
        "\"content-type\": application/json\n",
        "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
    );
    let secret = unb64(RFC_TEST_SHARED_SECRET);
    // HMAC is deterministic: the RFC's signature is reproduced, not only accepted.
    let tag = hookseal::core::hmac_key::HmacKey::new(&secret).tag(&[base.as_bytes()]);
    assert_eq!(b64(&tag), "pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
    let key = TrustedKey::hmac_sha256(&secret)
        .unwrap()
        .with_keyid("test-shared-secret");
    // This vector does not cover content-digest, so the body is unprotected: allowed only
    // when the verifier is told so.
    let v = check_rfc_vector(
        key,
        "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
        "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:",
        base,
        false,
    );
    assert_eq!(v.algorithm, Algorithm::HmacSha256);
}

/// hookseal does not verify ed25519 (left out of the wasm for size, see `Algorithm`): the
/// B.2.6 base is still rebuilt byte for byte, and the signature is refused with a clear code.
#[test]
fn rfc9421_b26_ed25519_base_is_rebuilt_but_the_algorithm_is_refused() {
    let base = concat!(
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n",
        "\"@method\": POST\n",
        "\"@path\": /foo\n",
        "\"@authority\": example.com\n",
        "\"content-type\": application/json\n",
        "\"content-length\": 18\n",
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"",
    );
    let expected =
        "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
    // Ed25519 is deterministic: signing the base above with the RFC's private key gives the
    // RFC's signature, so `base` is the RFC's (ed25519-dalek is a dev-dependency only).
    let seed: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(RFC_TEST_KEY_ED25519_SEED_B64URL)
        .unwrap()
        .try_into()
        .unwrap();
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    assert_eq!(b64(&signing.sign(base.as_bytes()).to_bytes()), expected);

    // The Ed25519 public key cannot be configured.
    let e = TrustedKey::from_pem(RFC_TEST_KEY_ED25519, Algorithm::RsaV1_5Sha256).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidKey);
    assert!(e.message.contains("not an RSA key"), "{e}");

    // The vector as published (no `alg`): the base is rebuilt exactly; no trusted key verifies.
    let input = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
    let signature = format!("sig-b26=:{expected}:");
    let key = TrustedKey::from_pem(RFC_TEST_KEY_RSA_PSS, Algorithm::RsaPssSha512).unwrap();
    let verifier = HttpSignatureVerifier::new(vec![key], TimeWindow::seconds(300))
        .unwrap()
        .require_content_digest(false);
    let now_ms = (RFC_CREATED + 10) * 1000;
    let h = rfc_request_headers(input, &signature);
    let req = RequestContext::new(Some("POST"), Some(RFC_URL), &h);
    let explained = verifier.explain(&req, RFC_BODY, now_ms);
    assert_eq!(explained.signatures[0].base.as_deref(), Some(base));
    assert_eq!(
        explained.result.unwrap_err().code,
        ErrorCode::SignatureMismatch
    );

    // Naming the algorithm: `malformed_signature`, "not supported".
    let h = rfc_request_headers(&format!("{input};alg=\"ed25519\""), &signature);
    let req = RequestContext::new(Some("POST"), Some(RFC_URL), &h);
    let e = verifier.verify(&req, RFC_BODY, now_ms).unwrap_err();
    assert_eq!(e.code, ErrorCode::MalformedSignature);
    assert!(
        e.message.contains("`ed25519`, which is not supported"),
        "{e}"
    );
}

#[test]
fn rfc9421_b22_query_param_is_refused_with_a_reason() {
    let key = TrustedKey::from_pem(RFC_TEST_KEY_RSA_PSS, Algorithm::RsaPssSha512).unwrap();
    let h = rfc_request_headers(
        "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"",
        "sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:",
    );
    let req = RequestContext::new(Some("POST"), Some(RFC_URL), &h);
    let e = HttpSignatureVerifier::new(vec![key], TimeWindow::seconds(300))
        .unwrap()
        .verify(&req, RFC_BODY, (RFC_CREATED + 1) * 1000)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::MalformedSignature);
    assert!(e.message.contains("`@query-param`"), "{}", e.message);
}

#[test]
fn rfc9421_b11_pkcs1_public_key_loads_for_both_rsa_algorithms() {
    for alg in [Algorithm::RsaV1_5Sha256, Algorithm::RsaPssSha512] {
        let key = TrustedKey::from_pem(RFC_TEST_KEY_RSA_PKCS1, alg).unwrap();
        assert_eq!(key.algorithm(), alg);
    }
}

// ---------------------------------------------------------------------------------------------
// rsa-v1_5-sha256 (no RFC vector): openssl fixture, then an in-test signer for the refusals.
// ---------------------------------------------------------------------------------------------

const URL: &str = "https://webhooks.example.com/numeral/events?source=test";
const CREATED: i64 = 1_734_087_053;
const NOW_MS: i64 = (CREATED + 30) * 1000;
const COVERED: &str = r#"("@method" "@authority" "@request-target" "content-digest")"#;

fn trusted_public_key() -> TrustedKey {
    TrustedKey::from_pem(
        &fixture("test-key-rsa-public.pem"),
        Algorithm::RsaV1_5Sha256,
    )
    .unwrap()
}

fn verifier() -> HttpSignatureVerifier {
    HttpSignatureVerifier::new(vec![trusted_public_key()], TimeWindow::seconds(300))
        .unwrap()
        .provider(Provider::Numeral)
}

fn body() -> Vec<u8> {
    fixture("body.json").into_bytes()
}

/// An RSA private key from a PKCS#8 PEM fixture, as a PKCS#1 v1.5 SHA-256 signer.
fn rsa_signer(name: &str) -> rsa::pkcs1v15::SigningKey<rsa_sha2::Sha256> {
    use rsa::pkcs8::DecodePrivateKey as _;
    let pem = fixture(name);
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let key = rsa::RsaPrivateKey::from_pkcs8_der(&unb64(&b64)).unwrap();
    rsa::pkcs1v15::SigningKey::new(key)
}

/// Signs `base` with a fixture key and returns the signature bytes.
fn sign(base: &str, private_key: &str) -> Vec<u8> {
    rsa_signer(private_key).sign(base.as_bytes()).to_vec()
}

/// The `Signature-Input` member for `params` appended to [`COVERED`].
fn member(params: &str) -> String {
    format!("{COVERED}{params}")
}

/// A request signed the way Numeral documents it, as a sender would build it.
#[derive(Clone)]
struct Signed {
    method: String,
    url: String,
    body: Vec<u8>,
    headers: HeaderList,
}

impl Signed {
    fn new(label: &str, params: &str, private_key: &str) -> Signed {
        let body = body();
        let digest = content_digest_value(DigestAlgorithm::Sha256, &body);
        let signature_params = member(params);
        let base = format!(
            "\"@method\": POST\n\"@authority\": webhooks.example.com\n\"@request-target\": /numeral/events?source=test\n\"content-digest\": {digest}\n\"@signature-params\": {signature_params}"
        );
        let sig = b64(&sign(&base, private_key));
        Signed {
            method: "POST".into(),
            url: URL.into(),
            body,
            headers: headers(&[
                ("Content-Type", "application/json"),
                ("Content-Digest", &digest),
                ("Signature-Input", &format!("{label}={signature_params}")),
                ("Signature", &format!("{label}=:{sig}:")),
            ]),
        }
    }

    fn numeral(params: &str) -> Signed {
        Signed::new("sig1", params, "test-key-rsa-private.pem")
    }

    fn verify_with(
        &self,
        v: &HttpSignatureVerifier,
        now_ms: i64,
    ) -> Result<hookseal::core::http_signatures::VerifiedSignature, HooksealError> {
        let req = RequestContext::new(Some(&self.method), Some(&self.url), &self.headers);
        v.verify(&req, &self.body, now_ms)
    }

    fn verify(&self) -> Result<hookseal::core::http_signatures::VerifiedSignature, HooksealError> {
        self.verify_with(&verifier(), NOW_MS)
    }

    fn with_header(mut self, name: &str, value: &str) -> Signed {
        let kept: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        self.headers = kept.into_iter().collect();
        self.headers.append(name, value);
        self
    }
}

const NUMERAL_PARAMS: &str = r#";alg="rsa-v1_5-sha256";keyid="test-key-rsa";created=1734087053"#;

fn assert_code(
    result: Result<impl std::fmt::Debug, HooksealError>,
    code: ErrorCode,
) -> HooksealError {
    match result {
        Ok(v) => panic!("expected {code}, verified: {v:?}"),
        Err(e) => {
            assert_eq!(e.code, code, "{e}");
            e
        }
    }
}

#[test]
fn openssl_signed_fixture_verifies_and_its_base_is_rebuilt_byte_exactly() {
    let signature = fixture("openssl-signature.b64");
    let body = body();
    let digest = content_digest_value(DigestAlgorithm::Sha256, &body);
    let h = headers(&[
        ("content-digest", &digest),
        (
            "signature-input",
            &format!("sig1={}", member(NUMERAL_PARAMS)),
        ),
        ("signature", &format!("sig1=:{}:", signature.trim())),
    ]);
    let req = RequestContext::new(Some("POST"), Some(URL), &h);
    let v = verifier();
    let explained = v.explain(&req, &body, NOW_MS);
    assert_eq!(
        explained.signatures[0].base.as_deref(),
        Some(fixture("openssl-signature-base.txt").as_str())
    );
    assert_eq!(explained.body_content_digest, digest);
    let ok = v.verify(&req, &body, NOW_MS).unwrap();
    assert_eq!(ok.algorithm, Algorithm::RsaV1_5Sha256);
    assert_eq!(ok.created, Some(CREATED));
    // The same key in PKCS#1 form.
    let pkcs1 = TrustedKey::from_pem(
        &fixture("test-key-rsa-public-pkcs1.pem"),
        Algorithm::RsaV1_5Sha256,
    )
    .unwrap();
    HttpSignatureVerifier::new(vec![pkcs1], TimeWindow::seconds(300))
        .unwrap()
        .verify(&req, &body, NOW_MS)
        .unwrap();
}

#[test]
fn numeral_style_request_verifies_and_without_alg_uses_the_keys_algorithm() {
    let ok = Signed::numeral(NUMERAL_PARAMS).verify().unwrap();
    assert_eq!(ok.label, "sig1");
    assert_eq!(ok.keyid.as_deref(), Some("test-key-rsa"));
    assert_eq!(
        ok.covered,
        ["@method", "@authority", "@request-target", "content-digest"]
    );
    let no_alg = Signed::numeral(";keyid=\"test-key-rsa\";created=1734087053");
    assert_eq!(no_alg.verify().unwrap().algorithm, Algorithm::RsaV1_5Sha256);
    // Header names are case-insensitive, and the URL's host case and default port do not
    // change @authority.
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.url = "HTTPS://WebHooks.Example.com:443/numeral/events?source=test".into();
    s.verify().unwrap();
}

#[test]
fn changed_body_is_a_content_digest_mismatch() {
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.body = s.body.replace_first(b"12345", b"99999");
    let e = assert_code(s.verify(), ErrorCode::SignatureMismatch);
    assert!(
        e.message
            .contains("Content-Digest does not match the body received"),
        "{e}"
    );
    assert_eq!(e.provider, Provider::Numeral);
    // Re-serialized JSON (whitespace added) is a changed body too.
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.body = String::from_utf8(s.body)
        .unwrap()
        .replace(',', ", ")
        .into_bytes();
    assert_code(s.verify(), ErrorCode::SignatureMismatch);
}

#[test]
fn digest_replaced_along_with_the_body_breaks_the_signature() {
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.body = b"{\"forged\":true}".to_vec();
    let forged = content_digest_value(DigestAlgorithm::Sha256, &s.body);
    let s = s.with_header("Content-Digest", &forged);
    let e = assert_code(s.verify(), ErrorCode::SignatureMismatch);
    assert!(e.message.contains("does not verify"), "{e}");
}

#[test]
fn wrong_or_unusable_digest_headers() {
    let wrong = content_digest_value(DigestAlgorithm::Sha256, b"something else");
    let s = Signed::numeral(NUMERAL_PARAMS).with_header("Content-Digest", &wrong);
    assert_code(s.verify(), ErrorCode::SignatureMismatch);
    for bad in ["sha-256=:AAAA:", "md5=:AAAA:", "sha-256=abc", "sha-256=:"] {
        let s = Signed::numeral(NUMERAL_PARAMS).with_header("Content-Digest", bad);
        assert_code(s.verify(), ErrorCode::MalformedSignature);
    }
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.headers = s
        .headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("content-digest"))
        .collect();
    let e = assert_code(s.verify(), ErrorCode::MissingHeader);
    assert!(e.message.contains("`content-digest`"));
}

#[test]
fn changed_request_line_parts_break_the_signature() {
    let cases = [
        ("method", "PUT", URL),
        ("method case", "post", URL),
        (
            "authority",
            "POST",
            "https://evil.example.com/numeral/events?source=test",
        ),
        (
            "port",
            "POST",
            "https://webhooks.example.com:8443/numeral/events?source=test",
        ),
        (
            "path",
            "POST",
            "https://webhooks.example.com/numeral/other?source=test",
        ),
        (
            "query",
            "POST",
            "https://webhooks.example.com/numeral/events?source=prod",
        ),
        (
            "no query",
            "POST",
            "https://webhooks.example.com/numeral/events",
        ),
    ];
    for (what, method, url) in cases {
        let mut s = Signed::numeral(NUMERAL_PARAMS);
        s.method = method.into();
        s.url = url.into();
        let e = assert_code(s.verify(), ErrorCode::SignatureMismatch);
        assert!(e.message.contains("does not verify"), "{what}: {e}");
        assert!(e.hint.unwrap().contains("`explain`"), "{what}");
    }
}

#[test]
fn missing_method_or_url_says_to_pass_them() {
    let s = Signed::numeral(NUMERAL_PARAMS);
    for (method, url) in [(None, Some(URL)), (Some("POST"), None), (None, None)] {
        let req = RequestContext::new(method, url, &s.headers);
        let e = assert_code(
            verifier().verify(&req, &s.body, NOW_MS),
            ErrorCode::InvalidInput,
        );
        assert_eq!(
            e.hint.as_deref(),
            Some("pass `method` and `url`, they are signed")
        );
        assert_eq!(e.provider, Provider::Numeral);
    }
    let req = RequestContext::new(Some("POST"), Some("/numeral/events"), &s.headers);
    assert_code(
        verifier().verify(&req, &s.body, NOW_MS),
        ErrorCode::InvalidInput,
    );
}

#[test]
fn created_outside_the_window_and_other_timestamp_problems() {
    let s = Signed::numeral(NUMERAL_PARAMS);
    let created_ms = CREATED * 1000;
    // Exactly at the edge of the 300 s window is accepted.
    s.verify_with(&verifier(), created_ms + 300_000).unwrap();
    s.verify_with(&verifier(), created_ms - 300_000).unwrap();
    assert_code(
        s.verify_with(&verifier(), created_ms + 301_000),
        ErrorCode::TimestampTooOld,
    );
    assert_code(
        s.verify_with(&verifier(), created_ms - 301_000),
        ErrorCode::TimestampInFuture,
    );
    let expired = Signed::numeral(&format!("{NUMERAL_PARAMS};expires=1734087060"));
    expired.verify().map(|_| ()).unwrap_err();
    assert_code(expired.verify(), ErrorCode::TimestampTooOld);
    expired
        .verify_with(&verifier(), 1_734_087_060 * 1000)
        .unwrap();
    let backwards = Signed::numeral(&format!("{NUMERAL_PARAMS};expires=1734087000"));
    assert_code(backwards.verify(), ErrorCode::TimestampInvalid);
    let no_created = Signed::numeral(r#";alg="rsa-v1_5-sha256";keyid="test-key-rsa""#);
    let e = assert_code(no_created.verify(), ErrorCode::TimestampInvalid);
    assert!(e.message.contains("`created`"));
    no_created
        .verify_with(&verifier().require_created(false), NOW_MS)
        .unwrap();
    for bad in [
        r#";created="1734087053""#,
        ";created=-5",
        ";created=1734087053.5",
        ";created=?1",
    ] {
        assert_code(Signed::numeral(bad).verify(), ErrorCode::TimestampInvalid);
    }
}

#[test]
fn untrusted_key_keyid_and_alg_are_refused() {
    let other = Signed::new("sig1", NUMERAL_PARAMS, "other-key-rsa-private.pem");
    let e = assert_code(other.verify(), ErrorCode::SignatureMismatch);
    assert!(e.message.contains("does not verify"), "{e}");

    // A verifier whose key is bound to a keyid refuses another keyid before any crypto.
    let bound = HttpSignatureVerifier::new(
        vec![trusted_public_key().with_keyid("numeral-2024")],
        TimeWindow::seconds(300),
    )
    .unwrap();
    let e = assert_code(
        Signed::numeral(NUMERAL_PARAMS).verify_with(&bound, NOW_MS),
        ErrorCode::SignatureMismatch,
    );
    assert!(e.message.contains("untrusted key"), "{e}");

    // The key is bound to rsa-v1_5-sha256: alg="rsa-pss-sha512" cannot select it.
    let pss = Signed::numeral(r#";alg="rsa-pss-sha512";keyid="test-key-rsa";created=1734087053"#);
    let e = assert_code(pss.verify(), ErrorCode::SignatureMismatch);
    assert!(e.message.contains("untrusted key"), "{e}");

    let unknown = Signed::numeral(r#";alg="ecdsa-p256-sha256";created=1734087053"#);
    let e = assert_code(unknown.verify(), ErrorCode::MalformedSignature);
    assert!(e.message.contains("not supported"), "{e}");
    for bad in [";alg=rsa", ";keyid=5"] {
        assert_code(
            Signed::numeral(&format!("{bad};created=1734087053")).verify(),
            ErrorCode::MalformedSignature,
        );
    }
}

/// Two signatures in one request: `Signature-Input: a=..., b=...` and `Signature: a=..., b=...`.
fn two_signatures(first_key: &str, second_key: &str) -> Signed {
    let a = Signed::new("proxy", NUMERAL_PARAMS, first_key);
    let b = Signed::new("sig1", NUMERAL_PARAMS, second_key);
    let get = |s: &Signed, n: &str| s.headers.first(n).unwrap().to_string();
    let mut s = Signed::numeral(NUMERAL_PARAMS);
    s.headers = headers(&[
        ("Content-Digest", &get(&a, "content-digest")),
        ("Signature-Input", &get(&a, "signature-input")),
        ("Signature-Input", &get(&b, "signature-input")),
        (
            "Signature",
            &format!("{}, {}", get(&a, "signature"), get(&b, "signature")),
        ),
    ]);
    s
}

#[test]
fn two_signatures_where_only_one_is_trusted() {
    let ok = two_signatures("other-key-rsa-private.pem", "test-key-rsa-private.pem")
        .verify()
        .unwrap();
    assert_eq!(ok.label, "sig1");
    let ok = two_signatures("test-key-rsa-private.pem", "other-key-rsa-private.pem")
        .verify()
        .unwrap();
    assert_eq!(ok.label, "proxy");
    let both_bad = two_signatures("other-key-rsa-private.pem", "other-key-rsa-private.pem");
    let e = assert_code(both_bad.verify(), ErrorCode::SignatureMismatch);
    assert!(
        e.message.contains("`proxy`") && e.message.contains("`sig1`"),
        "{e}"
    );
    let req = RequestContext::new(Some("POST"), Some(URL), &both_bad.headers);
    let explained = verifier().explain(&req, &both_bad.body, NOW_MS);
    assert_eq!(explained.signatures.len(), 2);
    assert!(explained.signatures.iter().all(|c| c
        .base
        .as_deref()
        .is_some_and(|b| b.starts_with("\"@method\": POST\n"))));
}

#[test]
fn body_must_be_covered_by_content_digest_unless_configured_otherwise() {
    let body = body();
    let input = r#"sig1=("@method" "@authority");created=1734087053"#;
    let base = "\"@method\": POST\n\"@authority\": webhooks.example.com\n\"@signature-params\": (\"@method\" \"@authority\");created=1734087053";
    let h = headers(&[
        ("Signature-Input", input),
        (
            "Signature",
            &format!("sig1=:{}:", b64(&sign(base, "test-key-rsa-private.pem"))),
        ),
    ]);
    let req = RequestContext::new(Some("POST"), Some(URL), &h);
    let e = assert_code(
        verifier().verify(&req, &body, NOW_MS),
        ErrorCode::SignatureMismatch,
    );
    assert!(e.message.contains("does not cover `content-digest`"), "{e}");
    verifier()
        .require_content_digest(false)
        .verify(&req, &body, NOW_MS)
        .unwrap();
    // An empty body needs no digest.
    verifier().verify(&req, b"", NOW_MS).unwrap();
}

#[test]
fn missing_and_mismatched_signature_headers() {
    let s = Signed::numeral(NUMERAL_PARAMS);
    let without = |name: &str| -> HeaderList {
        s.headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
            .collect()
    };
    for name in ["signature-input", "signature"] {
        let h = without(name);
        let req = RequestContext::new(Some("POST"), Some(URL), &h);
        assert_code(
            verifier().verify(&req, &s.body, NOW_MS),
            ErrorCode::MissingSignature,
        );
    }
    let renamed = Signed::numeral(NUMERAL_PARAMS).with_header("Signature", "other=:AAAA:");
    let e = assert_code(renamed.verify(), ErrorCode::MissingSignature);
    assert!(e.message.contains("`sig1`"));
    for bad in ["sig1=AAAA", "sig1=(:AAAA:)", "sig1=::", "sig1=:!!:"] {
        let s = Signed::numeral(NUMERAL_PARAMS).with_header("Signature", bad);
        assert_code(s.verify(), ErrorCode::MalformedSignature);
    }
    let s = Signed::numeral(NUMERAL_PARAMS).with_header("Signature-Input", "sig1=:AAAA:");
    assert_code(s.verify(), ErrorCode::MalformedSignature);
    let many: Vec<String> = (0..17).map(|i| format!("s{i}=()")).collect();
    let s = Signed::numeral(NUMERAL_PARAMS).with_header("Signature-Input", &many.join(", "));
    assert_code(s.verify(), ErrorCode::MalformedSignature);
    let e = assert_code(
        HttpSignatureVerifier::new(vec![], TimeWindow::seconds(300)),
        ErrorCode::InvalidKey,
    );
    assert!(e.message.contains("no trusted key"));
}

#[test]
fn truncated_and_mutated_headers_give_coded_errors_never_panics() {
    // Signed once: RSA signing is the slow part.
    let s = Signed::numeral(NUMERAL_PARAMS);
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
        let full = s.headers.first(name).unwrap().to_string();
        let mut variants: Vec<String> =
            (0..full.len()).map(|end| full[..end].to_string()).collect();
        for at in 0..full.len() {
            for noise in ['(', ')', '"', ':', ';', '=', ',', ' ', '\\', 'A', '\u{e9}'] {
                let mut v: Vec<char> = full.chars().collect();
                v[at] = noise;
                variants.push(v.into_iter().collect());
            }
        }
        for text in variants {
            if text == full {
                continue;
            }
            // Every one of these headers is signed (or carries the signature): any change
            // must fail, with a code, and must not panic.
            let mutated = s.clone().with_header(name, &text);
            let e = mutated.verify_with(&v, NOW_MS).unwrap_err();
            assert!(allowed.contains(&e.code), "{name}={text}: {e}");
        }
    }
}

trait ReplaceFirst {
    fn replace_first(self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl ReplaceFirst for Vec<u8> {
    fn replace_first(self, from: &[u8], to: &[u8]) -> Vec<u8> {
        let at = self
            .windows(from.len())
            .position(|w| w == from)
            .expect("pattern present");
        let mut out = self[..at].to_vec();
        out.extend_from_slice(to);
        out.extend_from_slice(&self[at + from.len()..]);
        out
    }
}
