//! The keys a verifier trusts, and the algorithms of the RFC 9421 registry we verify.
//!
//! A key is bound to one algorithm when it is configured. A signature's `alg` parameter only
//! selects among keys already bound to that algorithm; it can never make us use an RSA key
//! with another padding, or a public key as an HMAC secret (algorithm confusion).

use crate::core::constant_time::ct_eq;
use crate::core::error::{ErrorCode, HooksealError, Provider, Result};
use crate::core::hmac_key::HmacKey;
use base64::Engine as _;
use rsa::signature::Verifier as _;

/// Signature algorithms from the RFC 9421 §6.2 registry that hookseal verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (what Numeral signs with).
    RsaV1_5Sha256,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    RsaPssSha512,
    HmacSha256,
    Ed25519,
}

impl Algorithm {
    pub const ALL: [Algorithm; 4] = [
        Algorithm::RsaV1_5Sha256,
        Algorithm::RsaPssSha512,
        Algorithm::HmacSha256,
        Algorithm::Ed25519,
    ];

    /// The registry name, as in `alg="rsa-v1_5-sha256"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::RsaV1_5Sha256 => "rsa-v1_5-sha256",
            Algorithm::RsaPssSha512 => "rsa-pss-sha512",
            Algorithm::HmacSha256 => "hmac-sha256",
            Algorithm::Ed25519 => "ed25519",
        }
    }

    /// Exact, case-sensitive registry names only.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// RSA keys below this size are refused when configured: they are factorable today.
pub const MIN_RSA_BITS: usize = 2048;

enum Material {
    RsaPkcs1v15(rsa::pkcs1v15::VerifyingKey<sha2::Sha256>),
    RsaPss(rsa::pss::VerifyingKey<sha2::Sha512>),
    Hmac(HmacKey),
    Ed25519(ed25519_dalek::VerifyingKey),
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
    /// A public key in PEM for an asymmetric algorithm: SPKI (`BEGIN PUBLIC KEY`) for all
    /// three, or PKCS#1 (`BEGIN RSA PUBLIC KEY`) for the RSA ones. Anything unreadable,
    /// a private key, a key of the wrong type or an RSA key under 2048 bits is `invalid_key`.
    pub fn from_pem(pem: &str, algorithm: Algorithm) -> Result<Self> {
        let (label, der) = decode_pem(pem)?;
        let material =
            match algorithm {
                Algorithm::RsaV1_5Sha256 => {
                    Material::RsaPkcs1v15(rsa::pkcs1v15::VerifyingKey::new(rsa_key(&label, &der)?))
                }
                Algorithm::RsaPssSha512 => {
                    Material::RsaPss(rsa::pss::VerifyingKey::new(rsa_key(&label, &der)?))
                }
                Algorithm::Ed25519 => {
                    if label != "PUBLIC KEY" {
                        return Err(invalid_key(format!(
                            "an Ed25519 key must be `BEGIN PUBLIC KEY` (SPKI), not `{label}`"
                        )));
                    }
                    // The SPKI of an Ed25519 key is a fixed 12-byte header (RFC 8410 §4) and the
                    // 32-byte point: no general DER parser needed.
                    const PREFIX: [u8; 12] = [
                        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
                    ];
                    match der.strip_prefix(&PREFIX[..]) {
                        Some(raw) if raw.len() == 32 => return Self::ed25519_raw(raw),
                        _ => {
                            return Err(invalid_key(
                                "the PEM is not an Ed25519 public key (SPKI, OID 1.3.101.112)",
                            ))
                        }
                    }
                }
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

    /// A raw 32-byte Ed25519 public key (a JWK's `x`, decoded).
    pub fn ed25519_raw(bytes: &[u8]) -> Result<Self> {
        let point: [u8; 32] = bytes.try_into().map_err(|_| {
            invalid_key(format!(
                "an Ed25519 public key is 32 bytes, not {}",
                bytes.len()
            ))
        })?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&point)
            .map_err(|_| invalid_key("the bytes are not a valid Ed25519 public key"))?;
        Ok(TrustedKey {
            keyid: None,
            algorithm: Algorithm::Ed25519,
            material: Material::Ed25519(key),
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
            Material::RsaPkcs1v15(key) => rsa::pkcs1v15::Signature::try_from(signature)
                .is_ok_and(|sig| key.verify(base, &sig).is_ok()),
            Material::RsaPss(key) => rsa::pss::Signature::try_from(signature)
                .is_ok_and(|sig| key.verify(base, &sig).is_ok()),
            Material::Hmac(key) => ct_eq(&key.tag(&[base]), signature),
            Material::Ed25519(key) => ed25519_dalek::Signature::from_slice(signature)
                // verify_strict refuses small-order keys and non-canonical encodings, so one
                // message has one valid signature per key.
                .is_ok_and(|sig| key.verify_strict(base, &sig).is_ok()),
        }
    }
}

fn invalid_key(message: impl Into<String>) -> HooksealError {
    HooksealError::new(Provider::Core, ErrorCode::InvalidKey, message)
        .with_hint("pass the sender's public key in PEM, `-----BEGIN PUBLIC KEY-----` included")
}

fn rsa_key(label: &str, der: &[u8]) -> Result<rsa::RsaPublicKey> {
    use rsa::pkcs1::DecodeRsaPublicKey as _;
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::traits::PublicKeyParts as _;
    let key = match label {
        "PUBLIC KEY" => rsa::RsaPublicKey::from_public_key_der(der)
            .map_err(|_| invalid_key("the PEM is not an RSA public key (SPKI)"))?,
        "RSA PUBLIC KEY" => rsa::RsaPublicKey::from_pkcs1_der(der)
            .map_err(|_| invalid_key("the PEM is not an RSA public key (PKCS#1)"))?,
        other => {
            return Err(invalid_key(format!(
                "expected `BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`, found `BEGIN {other}`"
            )))
        }
    };
    let bits = key.size() * 8;
    if bits < MIN_RSA_BITS {
        return Err(invalid_key(format!(
            "the RSA key has {bits} bits; at least {MIN_RSA_BITS} are required"
        )));
    }
    Ok(key)
}

/// Decodes one PEM block (RFC 7468): returns its label and DER bytes. Text around the block
/// is ignored; line breaks may be LF or CRLF.
fn decode_pem(pem: &str) -> Result<(String, Vec<u8>)> {
    let text = pem.trim();
    let after_begin = text
        .find("-----BEGIN ")
        .and_then(|i| text.get(i + "-----BEGIN ".len()..))
        .ok_or_else(|| invalid_key("the key is not PEM: no `-----BEGIN ...-----` line"))?;
    let (label, rest) = after_begin
        .split_once("-----")
        .ok_or_else(|| invalid_key("the PEM `BEGIN` line is not closed with `-----`"))?;
    if label.contains("PRIVATE") {
        return Err(invalid_key(format!(
            "this is a private key (`BEGIN {label}`): configure the public key only"
        )));
    }
    let end_line = format!("-----END {label}-----");
    let (body, _) = rest
        .split_once(&end_line)
        .ok_or_else(|| invalid_key(format!("the PEM has no `{end_line}` line")))?;
    if body.contains("-----") || body.contains(':') {
        return Err(invalid_key(
            "the PEM holds several blocks or encryption headers; pass one public key",
        ));
    }
    let b64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| invalid_key("the PEM body is not valid base64"))?;
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

    #[test]
    fn algorithm_names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.as_str()), Some(a));
        }
        assert_eq!(Algorithm::from_name("RSA-V1_5-SHA256"), None);
        assert_eq!(Algorithm::from_name("ecdsa-p256-sha256"), None);
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
            (ED25519_PEM, Algorithm::HmacSha256),
            (
                "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----",
                Algorithm::Ed25519,
            ),
        ];
        for (pem, alg) in cases {
            let e = TrustedKey::from_pem(pem, alg).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidKey, "{pem} {alg:?}");
        }
        assert_eq!(
            TrustedKey::ed25519_raw(&[1; 31]).unwrap_err().code,
            ErrorCode::InvalidKey
        );
        assert_eq!(
            TrustedKey::hmac_sha256(b"").unwrap_err().code,
            ErrorCode::InvalidSecret
        );
    }

    #[test]
    fn ed25519_pem_with_crlf_and_debug_hides_material() {
        let key = TrustedKey::from_pem(&ED25519_PEM.replace('\n', "\r\n"), Algorithm::Ed25519)
            .unwrap()
            .with_keyid("test-key-ed25519");
        assert_eq!(key.keyid(), Some("test-key-ed25519"));
        assert_eq!(key.algorithm(), Algorithm::Ed25519);
        let debug = format!("{:?}", TrustedKey::hmac_sha256(b"topsecret").unwrap());
        assert!(!debug.contains("topsecret"), "{debug}");
        assert!(!key.verify(b"x", &[0u8; 64]));
        assert!(!key.verify(b"x", &[0u8; 3]));
    }
}
