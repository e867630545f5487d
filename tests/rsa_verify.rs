//! `core::rsa_verify` against an independent signer: the `rsa` crate (a dev-dependency only)
//! signs random messages with keys of every accepted size; every signature must verify, and
//! every single-bit change of the signature, the message or the key must be refused.
//!
//! Keys: openssl-made fixtures in `tests/fixtures/rsa/` (2048 with e = 3, 3072, 4096; see the
//! README there) plus the 2048-bit Numeral test key, and odd sizes generated here from a fixed
//! seed (openssl 3 only makes even sizes), which exercise PSS's shorter encoding.

use base64::Engine as _;
use hookseal::core::rsa_verify::RsaPublicKey;
use rand_chacha::rand_core::{RngCore as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use rsa::pkcs1::EncodeRsaPublicKey as _;
use rsa::pkcs8::{DecodePrivateKey as _, EncodePublicKey as _};
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _, Signer as _};
use rsa::traits::PublicKeyParts as _;

fn fixture(path: &str) -> String {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The DER inside a PEM file (a single block).
fn pem_der(pem: &str) -> Vec<u8> {
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

/// A private key for signing and the SPKI DER of its public half, as openssl wrote it.
struct TestKey {
    name: String,
    private: rsa::RsaPrivateKey,
    spki: Vec<u8>,
}

fn openssl_key(private: &str, public: &str) -> TestKey {
    TestKey {
        name: private.to_string(),
        private: rsa::RsaPrivateKey::from_pkcs8_der(&pem_der(&fixture(private))).unwrap(),
        spki: pem_der(&fixture(public)),
    }
}

/// A key made by the `rsa` crate from a fixed seed, its SPKI encoded by the `rsa` crate.
fn generated_key(bits: usize, seed: u64) -> TestKey {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let private = rsa::RsaPrivateKey::new(&mut rng, bits).unwrap();
    assert_eq!(private.n().bits(), bits);
    let spki = private
        .to_public_key()
        .to_public_key_der()
        .unwrap()
        .as_bytes()
        .to_vec();
    TestKey {
        name: format!("generated {bits}"),
        private,
        spki,
    }
}

/// Every test key, made once for all tests (generating keys is the slow part).
fn all_keys() -> &'static [TestKey] {
    static KEYS: std::sync::OnceLock<Vec<TestKey>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        vec![
            openssl_key(
                "numeral/test-key-rsa-private.pem",
                "numeral/test-key-rsa-public.pem",
            ),
            openssl_key("rsa/rsa-2048-e3-private.pem", "rsa/rsa-2048-e3-public.pem"),
            openssl_key("rsa/rsa-3072-private.pem", "rsa/rsa-3072-public.pem"),
            openssl_key("rsa/rsa-4096-private.pem", "rsa/rsa-4096-public.pem"),
            generated_key(2049, 1),
            generated_key(3071, 2),
        ]
    })
}

fn key(name: &str) -> &'static TestKey {
    all_keys().iter().find(|k| k.name == name).unwrap()
}

fn sign_v15(key: &TestKey, message: &[u8]) -> Vec<u8> {
    rsa::pkcs1v15::SigningKey::<rsa_sha2::Sha256>::new(key.private.clone())
        .sign(message)
        .to_vec()
}

fn sign_pss(key: &TestKey, message: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    // Salt length = hash length = 64, as RFC 9421 fixes for rsa-pss-sha512.
    rsa::pss::SigningKey::<rsa_sha2::Sha512>::new(key.private.clone())
        .sign_with_rng(rng, message)
        .to_vec()
}

fn random_message(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut m = vec![0u8; (rng.next_u32() % 600) as usize];
    rng.fill_bytes(&mut m);
    m
}

fn flip(bytes: &[u8], bit: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[bit / 8] ^= 0x80 >> (bit % 8);
    out
}

#[test]
fn signatures_over_random_messages_verify_with_every_key_size() {
    let mut rng = ChaCha8Rng::seed_from_u64(9421);
    for key in all_keys() {
        let public = RsaPublicKey::from_spki_der(&key.spki).unwrap();
        assert_eq!(public.bits(), key.private.n().bits(), "{}", key.name);
        // The same key in PKCS#1 form is the same key.
        let pkcs1 = key.private.to_public_key().to_pkcs1_der().unwrap();
        assert_eq!(
            RsaPublicKey::from_pkcs1_der(pkcs1.as_bytes()).unwrap(),
            public
        );
        for _ in 0..4 {
            let message = random_message(&mut rng);
            let v15 = sign_v15(key, &message);
            let pss = sign_pss(key, &message, &mut rng);
            assert!(
                public.verify_pkcs1v15_sha256(&message, &v15),
                "{}",
                key.name
            );
            assert!(public.verify_pss_sha512(&message, &pss), "{}", key.name);
            // Each scheme refuses the other's signature.
            assert!(!public.verify_pss_sha512(&message, &v15), "{}", key.name);
            assert!(
                !public.verify_pkcs1v15_sha256(&message, &pss),
                "{}",
                key.name
            );
        }
    }
}

/// Every bit for the keys of about 2048 bits; for the larger ones (each verification costs
/// 3 to 6 times more), the first and last 64 bits and every 7th bit between: the arithmetic
/// is the same code at every size, so this keeps the suite fast without a blind spot.
#[test]
fn every_single_bit_flip_of_the_signature_is_refused() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for key in all_keys() {
        let public = RsaPublicKey::from_spki_der(&key.spki).unwrap();
        let message = random_message(&mut rng);
        let v15 = sign_v15(key, &message);
        let pss = sign_pss(key, &message, &mut rng);
        let total = v15.len() * 8;
        let bits = (0..total)
            .filter(|&b| public.bits() <= 2049 || b < 64 || b >= total - 64 || b % 7 == 0);
        for bit in bits {
            assert!(
                !public.verify_pkcs1v15_sha256(&message, &flip(&v15, bit)),
                "{} v1.5 bit {bit}",
                key.name
            );
            assert!(
                !public.verify_pss_sha512(&message, &flip(&pss, bit)),
                "{} pss bit {bit}",
                key.name
            );
        }
        // Leading zeros added or dropped change the length: refused too.
        for sig in [&v15, &pss] {
            let mut longer = vec![0u8];
            longer.extend_from_slice(sig);
            assert!(!public.verify_pkcs1v15_sha256(&message, &longer));
            assert!(!public.verify_pss_sha512(&message, &longer));
            assert!(!public.verify_pkcs1v15_sha256(&message, &sig[1..]));
        }
    }
}

#[test]
fn every_single_bit_flip_of_the_message_is_refused() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let key = key("rsa/rsa-3072-private.pem");
    let public = RsaPublicKey::from_spki_der(&key.spki).unwrap();
    let message = b"\"@method\": POST\n\"@signature-params\": ();created=1".to_vec();
    let v15 = sign_v15(key, &message);
    let pss = sign_pss(key, &message, &mut rng);
    for bit in 0..message.len() * 8 {
        let changed = flip(&message, bit);
        assert!(!public.verify_pkcs1v15_sha256(&changed, &v15), "bit {bit}");
        assert!(!public.verify_pss_sha512(&changed, &pss), "bit {bit}");
    }
    let mut longer = message.clone();
    longer.push(b'\n');
    assert!(!public.verify_pkcs1v15_sha256(&longer, &v15));
    assert!(!public.verify_pss_sha512(&message[1..], &pss));
}

#[test]
fn every_single_bit_flip_of_the_key_is_refused() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for key in [
        key("numeral/test-key-rsa-private.pem"),
        key("generated 2049"),
    ] {
        let message = random_message(&mut rng);
        let v15 = sign_v15(key, &message);
        let pss = sign_pss(key, &message, &mut rng);
        let (mut unreadable, mut mismatched) = (0, 0);
        for bit in 0..key.spki.len() * 8 {
            // Either the flipped key is refused when loaded, or it refuses the signature.
            match RsaPublicKey::from_spki_der(&flip(&key.spki, bit)) {
                Err(_) => unreadable += 1,
                Ok(changed) => {
                    assert!(
                        !changed.verify_pkcs1v15_sha256(&message, &v15),
                        "{} bit {bit}",
                        key.name
                    );
                    assert!(!changed.verify_pss_sha512(&message, &pss), "bit {bit}");
                    mismatched += 1;
                }
            }
        }
        // Most flips land in the modulus and give a loadable, wrong key.
        assert!(
            mismatched > 2000 && unreadable > 10,
            "{unreadable} {mismatched}"
        );
    }
}

#[test]
fn keys_outside_2048_to_4096_bits_are_refused() {
    // Only the size matters here, so odd numbers of the right length stand in for moduli,
    // encoded by the `rsa` crate.
    for bits in [1024, 2047, 4097, 8192] {
        let n = (rsa::BigUint::from(1u8) << (bits - 1)) + 1u8;
        let spki = rsa::RsaPublicKey::new_unchecked(n, 65537u32.into())
            .to_public_key_der()
            .unwrap();
        let e = RsaPublicKey::from_spki_der(spki.as_bytes()).unwrap_err();
        assert!(e.contains(&format!("{bits} bits")), "{e}");
    }
}
