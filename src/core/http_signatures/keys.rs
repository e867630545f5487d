//! The keys a verifier trusts, and the algorithms of the RFC 9421 registry we verify.
//!
//! A key is bound to one algorithm when it is configured. A signature's `alg` parameter only
//! selects among keys already bound to that algorithm; it can never make us use an RSA key
//! with another padding, or a public key as an HMAC secret (algorithm confusion).

use crate::core::constant_time::ct_eq;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::hmac_key::HmacKey;
use crate::core::rsa_verify::RsaPublicKey;
// Not str's own: see core::text.
use crate::core::text::{contains, find, split_once};

/// Signature algorithms from the RFC 9421 §6.2 registry that hookseal verifies.
///
/// Not here: `ed25519` (an Ed25519 verifier costs about 40 KB of wasm, no provider we support
/// signs with it, and the package has a 150 KB budget) and the ECDSA ones. A signature naming
/// one of them is refused as `malformed_signature`, saying the algorithm is not supported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (what Numeral signs with).
    RsaV1_5Sha256,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    RsaPssSha512,
    HmacSha256,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [
        Algorithm::RsaV1_5Sha256,
        Algorithm::RsaPssSha512,
        Algorithm::HmacSha256,
    ];

    /// The registry name, as in `alg="rsa-v1_5-sha256"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::RsaV1_5Sha256 => "rsa-v1_5-sha256",
            Algorithm::RsaPssSha512 => "rsa-pss-sha512",
            Algorithm::HmacSha256 => "hmac-sha256",
        }
    }

    /// Exact, case-sensitive registry names only.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// RSA keys below this size are refused when configured: they are factorable today.
pub const MIN_RSA_BITS: usize = crate::core::rsa_verify::MIN_BITS;
/// RSA keys above this size are refused (see [`crate::core::rsa_verify::MAX_BITS`]).
pub const MAX_RSA_BITS: usize = crate::core::rsa_verify::MAX_BITS;

enum Material {
    RsaPkcs1v15(RsaPublicKey),
    RsaPss(RsaPublicKey),
    Hmac(HmacKey),
}

/// A key the verifier trusts, bound to one algorithm, with an optional `keyid`.
///
/// A key without `keyid` is tried against every signature; a key with one only against
/// signatures whose `keyid` parameter is equal or absent.
pub struct TrustedKey {
    keyid: Option<String>,
    algorithm: Algorithm,
    material: Material,
}

impl std::fmt::Debug for TrustedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material (an HMAC key is a secret).
        f.debug_struct("TrustedKey")
            .field("keyid", &self.keyid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl TrustedKey {
    /// An RSA public key in PEM: SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`).
    /// Anything unreadable, a private key, a key of another type or an RSA modulus outside
    /// 2048–4096 bits is `invalid_key`.
    pub fn from_pem(pem: &str, algorithm: Algorithm) -> Result<Self> {
        let (label, der) = decode_pem(pem)?;
        let material =
            match algorithm {
                Algorithm::RsaV1_5Sha256 => Material::RsaPkcs1v15(rsa_key(&label, &der)?),
                Algorithm::RsaPssSha512 => Material::RsaPss(rsa_key(&label, &der)?),
                Algorithm::HmacSha256 => return Err(invalid_key(
                    "hmac-sha256 takes a shared secret, not a PEM key: use TrustedKey::hmac_sha256",
                )),
            };
        Ok(TrustedKey {
            keyid: None,
            algorithm,
            material,
        })
    }

    /// A shared secret for `hmac-sha256`. An empty secret is `invalid_secret`.
    pub fn hmac_sha256(secret: &[u8]) -> Result<Self> {
        if secret.is_empty() {
            return Err(HooksealError::new(
                Provider::Core,
                ErrorCode::InvalidSecret,
                "the hmac-sha256 secret is empty",
            ));
        }
        Ok(TrustedKey {
            keyid: None,
            algorithm: Algorithm::HmacSha256,
            material: Material::Hmac(HmacKey::new(secret)),
        })
    }

    /// Binds the key to a `keyid`.
    pub fn with_keyid(mut self, keyid: impl Into<String>) -> Self {
        self.keyid = Some(keyid.into());
        self
    }

    pub fn keyid(&self) -> Option<&str> {
        self.keyid.as_deref()
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Whether `signature` over `base` verifies with this key. Malformed signatures (wrong
    /// length, out of range) are simply `false`.
    pub fn verify(&self, base: &[u8], signature: &[u8]) -> bool {
        match &self.material {
            Material::RsaPkcs1v15(key) => key.verify_pkcs1v15_sha256(base, signature),
            Material::RsaPss(key) => key.verify_pss_sha512(base, signature),
            Material::Hmac(key) => ct_eq(&key.tag(&[base]), signature),
        }
    }
}

fn invalid_key(message: impl Into<String>) -> HooksealError {
    HooksealError::new(Provider::Core, ErrorCode::InvalidKey, message)
        .with_hint("pass the sender's public key in PEM, `-----BEGIN PUBLIC KEY-----` included")
}

fn rsa_key(label: &str, der: &[u8]) -> Result<RsaPublicKey> {
    match label {
        "PUBLIC KEY" => RsaPublicKey::from_spki_der(der),
        "RSA PUBLIC KEY" => RsaPublicKey::from_pkcs1_der(der),
        other => {
            return Err(invalid_key(format!(
                "expected `BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`, found `BEGIN {other}`"
            )))
        }
    }
    .map_err(invalid_key)
}

/// Decodes one PEM block (RFC 7468): returns its label and DER bytes. Text around the block
/// is ignored; line breaks may be LF or CRLF.
fn decode_pem(pem: &str) -> Result<(String, Vec<u8>)> {
    let text = pem.trim();
    let after_begin = find(text, "-----BEGIN ")
        .and_then(|i| text.get(i + "-----BEGIN ".len()..))
        .ok_or_else(|| invalid_key("the key is not PEM: no `-----BEGIN ...-----` line"))?;
    let (label, rest) = split_once(after_begin, "-----")
        .ok_or_else(|| invalid_key("the PEM `BEGIN` line is not closed with `-----`"))?;
    if contains(label, "PRIVATE") {
        return Err(invalid_key(format!(
            "this is a private key (`BEGIN {label}`): configure the public key only"
        )));
    }
    let end_line = format!("-----END {label}-----");
    let (body, _) = split_once(rest, &end_line)
        .ok_or_else(|| invalid_key(format!("the PEM has no `{end_line}` line")))?;
    if contains(body, "-----") || body.contains(':') {
        return Err(invalid_key(
            "the PEM holds several blocks or encryption headers; pass one public key",
        ));
    }
    let mut b64 = Vec::with_capacity(body.len());
    for &b in body.as_bytes() {
        if !b.is_ascii_whitespace() {
            b64.push(b);
        }
    }
    let der = crate::core::base64::decode(
        &b64,
        crate::core::base64::Alphabet::Standard,
        crate::core::base64::Padding::Canonical,
    )
    .ok_or_else(|| invalid_key("the PEM body is not valid base64"))?;
    if der.is_empty() {
        return Err(invalid_key("the PEM body is empty"));
    }
    Ok((label.to_string(), der))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9421 Appendix B.1.4, test-key-ed25519.
    const ED25519_PEM: &str = "-----BEGIN PUBLIC KEY-----\n\
        MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n\
        -----END PUBLIC KEY-----\n";
    /// A throwaway RSA-2048 test key (see tests/fixtures/numeral/README.md).
    const RSA_PEM: &str = include_str!("../../../tests/fixtures/numeral/test-key-rsa-public.pem");

    #[test]
    fn algorithm_names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.as_str()), Some(a));
        }
        assert_eq!(Algorithm::from_name("RSA-V1_5-SHA256"), None);
        assert_eq!(Algorithm::from_name("ecdsa-p256-sha256"), None);
        assert_eq!(Algorithm::from_name("ed25519"), None, "left out for size");
    }

    #[test]
    fn bad_keys_are_invalid_key() {
        let cases = [
            ("", Algorithm::RsaV1_5Sha256),
            ("MIIBIjANBgkq", Algorithm::RsaV1_5Sha256),
            ("-----BEGIN PUBLIC KEY-----\nAAAA", Algorithm::RsaV1_5Sha256),
            (
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
                Algorithm::RsaV1_5Sha256,
            ),
            (
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
                Algorithm::RsaV1_5Sha256,
            ),
            (
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                Algorithm::RsaV1_5Sha256,
            ),
            (
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                Algorithm::RsaPssSha512,
            ),
            (ED25519_PEM, Algorithm::RsaV1_5Sha256),
            (ED25519_PEM, Algorithm::RsaPssSha512),
            (ED25519_PEM, Algorithm::HmacSha256),
            (RSA_PEM, Algorithm::HmacSha256),
            (
                "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----",
                Algorithm::RsaV1_5Sha256,
            ),
        ];
        for (pem, alg) in cases {
            let e = TrustedKey::from_pem(pem, alg).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidKey, "{pem} {alg:?}");
        }
        assert_eq!(
            TrustedKey::hmac_sha256(b"").unwrap_err().code,
            ErrorCode::InvalidSecret
        );
    }

    #[test]
    fn pem_with_crlf_and_debug_hides_material() {
        let key = TrustedKey::from_pem(&RSA_PEM.replace('\n', "\r\n"), Algorithm::RsaPssSha512)
            .unwrap()
            .with_keyid("test-key-rsa");
        assert_eq!(key.keyid(), Some("test-key-rsa"));
        assert_eq!(key.algorithm(), Algorithm::RsaPssSha512);
        let ed = TrustedKey::from_pem(ED25519_PEM, Algorithm::RsaV1_5Sha256).unwrap_err();
        assert!(ed.message.contains("not an RSA key"), "{}", ed.message);
        let debug = format!("{:?}", TrustedKey::hmac_sha256(b"topsecret").unwrap());
        assert!(!debug.contains("topsecret"), "{debug}");
        assert!(!key.verify(b"x", &[0u8; 256]));
        assert!(!key.verify(b"x", &[0u8; 3]));
    }
}
