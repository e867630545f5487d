//! RSA signature verification, and nothing else: public keys from DER, `s^e mod n`, and the
//! two signature encodings RFC 9421 registers (RSASSA-PKCS1-v1_5 with SHA-256, RSASSA-PSS
//! with SHA-512).
//!
//! Written here instead of using the `rsa` crate because that crate (with its bignum library
//! and DER/PKCS#8 stack) added about 130 KB to the wasm, most of the package's size budget.
//! Verification only ever handles public data — the key, the signature, the signed bytes — so
//! nothing here runs in constant time, and there is deliberately no private-key operation.
//!
//! - [`der`]: the strict DER reader for SPKI and PKCS#1 public keys;
//! - [`montgomery`]: modular exponentiation on 32-bit limbs;
//! - [`pkcs1v15`] and [`pss`]: the encodings checked after the exponentiation.

pub mod der;
pub mod montgomery;
pub mod pkcs1v15;
pub mod pss;

use der::{Reader, TAG_BIT_STRING, TAG_NULL, TAG_OID, TAG_SEQUENCE};
use montgomery::{limbs_from_be, limbs_to_be, Modulus};

/// Smaller moduli are refused: 1024-bit RSA is within reach of a well-funded attacker.
pub const MIN_BITS: usize = 2048;
/// Larger moduli are refused: no webhook sender uses them, and each doubling of the size makes
/// a verification about eight times slower (a hostile key must not stall the verifier).
pub const MAX_BITS: usize = 4096;

/// The `rsaEncryption` OID 1.2.840.113549.1.1.1, DER-encoded.
const RSA_ENCRYPTION_OID: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// An RSA public key, ready to verify signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublicKey {
    modulus: Modulus,
    e: u32,
    bits: usize,
}

impl RsaPublicKey {
    /// A `SubjectPublicKeyInfo` (RFC 5280 §4.1, the `BEGIN PUBLIC KEY` form) holding an
    /// `rsaEncryption` key. The reason for refusing is in the error.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, String> {
        let not_spki = || "the key is not a DER SubjectPublicKeyInfo".to_string();
        let mut outer = Reader::new(der);
        let mut spki = Reader::new(outer.read(TAG_SEQUENCE).ok_or_else(not_spki)?);
        outer.finish().ok_or_else(not_spki)?;
        let mut algorithm = Reader::new(spki.read(TAG_SEQUENCE).ok_or_else(not_spki)?);
        if algorithm.read(TAG_OID).ok_or_else(not_spki)? != RSA_ENCRYPTION_OID {
            return Err("the key is not an RSA key (its algorithm is not rsaEncryption)".into());
        }
        // RFC 3279 §2.3.1: the parameters of rsaEncryption are NULL.
        if algorithm.read(TAG_NULL) != Some(&[]) || algorithm.finish().is_none() {
            return Err("the rsaEncryption parameters are not NULL".into());
        }
        let bits = spki.read(TAG_BIT_STRING).ok_or_else(not_spki)?;
        spki.finish().ok_or_else(not_spki)?;
        match bits {
            [0, pkcs1 @ ..] => Self::from_pkcs1_der(pkcs1),
            _ => Err(not_spki()),
        }
    }

    /// An `RSAPublicKey` (RFC 8017 §A.1.1, the `BEGIN RSA PUBLIC KEY` form).
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, String> {
        let not_pkcs1 = || "the key is not a DER RSAPublicKey (PKCS#1)".to_string();
        let mut outer = Reader::new(der);
        let mut key = Reader::new(outer.read(TAG_SEQUENCE).ok_or_else(not_pkcs1)?);
        outer.finish().ok_or_else(not_pkcs1)?;
        let n = key.read_unsigned_integer().ok_or_else(not_pkcs1)?;
        let e = key.read_unsigned_integer().ok_or_else(not_pkcs1)?;
        key.finish().ok_or_else(not_pkcs1)?;

        let bits = bit_length(n);
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(format!(
                "the RSA key has {bits} bits; {MIN_BITS} to {MAX_BITS} are accepted"
            ));
        }
        // RFC 8017 §3.1: e is odd and at least 3. Keys use 65537 (sometimes 3); an exponent
        // beyond 32 bits is refused as well, as Go's crypto/rsa does.
        let e = (e.len() <= 4)
            .then(|| e.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
            .filter(|&e| e >= 3 && e % 2 == 1)
            .ok_or_else(|| {
                "the RSA public exponent is not an odd number from 3 to 2^32 - 1".to_string()
            })?;
        let limbs = limbs_from_be(n, n.len().div_ceil(4)).ok_or_else(not_pkcs1)?;
        let modulus = Modulus::new(limbs)
            .ok_or_else(|| "the RSA modulus is even, so not a modulus".to_string())?;
        Ok(RsaPublicKey { modulus, e, bits })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus size in bytes: the length of every signature.
    pub fn size(&self) -> usize {
        self.bits.div_ceil(8)
    }

    /// RSAVP1 (RFC 8017 §5.2.2) and I2OSP: `signature^e mod n` as `size()` bytes. `None`
    /// when the signature is not exactly `size()` bytes or not below the modulus.
    fn public_op(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() != self.size() {
            return None;
        }
        let s = limbs_from_be(signature, self.modulus.limbs().len())?;
        let m = self.modulus.pow(&s, self.e)?;
        limbs_to_be(&m, self.size())
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.2).
    pub fn verify_pkcs1v15_sha256(&self, message: &[u8], signature: &[u8]) -> bool {
        self.public_op(signature)
            .is_some_and(|em| pkcs1v15::is_sha256_encoding(&em, message))
    }

    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 8017 §8.1.2, with the
    /// parameters RFC 9421 §3.3.1 fixes).
    pub fn verify_pss_sha512(&self, message: &[u8], signature: &[u8]) -> bool {
        self.public_op(signature)
            .is_some_and(|em| pss::is_sha512_encoding(&em, self.bits - 1, message))
    }
}

/// Bits in a big-endian magnitude without leading zero octets.
fn bit_length(magnitude: &[u8]) -> usize {
    match magnitude.iter().position(|&b| b != 0) {
        Some(at) => (magnitude.len() - at) * 8 - magnitude[at].leading_zeros() as usize,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0]), 0);
        assert_eq!(bit_length(&[1]), 1);
        assert_eq!(bit_length(&[0x80, 0]), 16);
        assert_eq!(bit_length(&[0x7f, 0, 0]), 23);
    }

    /// A PKCS#1 RSAPublicKey with the given modulus and exponent magnitudes.
    fn pkcs1(n: &[u8], e: &[u8]) -> Vec<u8> {
        fn int(m: &[u8]) -> Vec<u8> {
            let mut body = Vec::new();
            if m.first().is_some_and(|b| *b >= 0x80) {
                body.push(0);
            }
            body.extend_from_slice(m);
            tlv(0x02, &body)
        }
        fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            match body.len() {
                l if l < 0x80 => out.push(l as u8),
                l if l < 0x100 => out.extend([0x81, l as u8]),
                l => out.extend([0x82, (l >> 8) as u8, l as u8]),
            }
            out.extend_from_slice(body);
            out
        }
        let mut seq = int(n);
        seq.extend(int(e));
        tlv(0x30, &seq)
    }

    #[test]
    fn key_sizes_and_exponents() {
        let n = |bits: usize| {
            let mut n = vec![0xffu8; bits.div_ceil(8)];
            if bits % 8 != 0 {
                n[0] = (1u8 << (bits % 8)) - 1;
            }
            n
        };
        for bits in [2048, 2049, 3072, 4095, 4096] {
            let key = RsaPublicKey::from_pkcs1_der(&pkcs1(&n(bits), &[1, 0, 1])).unwrap();
            assert_eq!(key.bits(), bits);
            assert_eq!(key.size(), bits.div_ceil(8));
        }
        for bits in [1024, 2047, 4097, 8192] {
            let e = RsaPublicKey::from_pkcs1_der(&pkcs1(&n(bits), &[1, 0, 1])).unwrap_err();
            assert!(e.contains(&format!("{bits} bits")), "{e}");
        }
        for e in [&[1u8][..], &[2], &[1, 0, 0], &[1, 0, 0, 0, 1], &[0]] {
            let err = RsaPublicKey::from_pkcs1_der(&pkcs1(&n(2048), e)).unwrap_err();
            assert!(err.contains("exponent"), "{e:?}: {err}");
        }
        assert!(RsaPublicKey::from_pkcs1_der(&pkcs1(&n(2048), &[3])).is_ok());
        let mut even = n(2048);
        even[255] = 0xfe;
        assert!(RsaPublicKey::from_pkcs1_der(&pkcs1(&even, &[1, 0, 1]))
            .unwrap_err()
            .contains("even"));
    }

    #[test]
    fn trailing_or_truncated_der_is_refused() {
        let good = pkcs1(&[0xff; 256], &[1, 0, 1]);
        assert!(RsaPublicKey::from_pkcs1_der(&good).is_ok());
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(RsaPublicKey::from_pkcs1_der(&trailing).is_err());
        for end in 0..good.len() {
            assert!(RsaPublicKey::from_pkcs1_der(&good[..end]).is_err(), "{end}");
            assert!(RsaPublicKey::from_spki_der(&good[..end]).is_err(), "{end}");
        }
        assert!(
            RsaPublicKey::from_spki_der(&good).is_err(),
            "PKCS#1 is not SPKI"
        );
    }

    #[test]
    fn wrong_signature_lengths_are_refused_before_any_arithmetic() {
        let key = RsaPublicKey::from_pkcs1_der(&pkcs1(&[0xff; 256], &[1, 0, 1])).unwrap();
        assert!(key.public_op(&[0; 255]).is_none());
        assert!(key.public_op(&[0; 257]).is_none());
        assert!(key.public_op(&[0xff; 256]).is_none(), "s == n");
        assert_eq!(key.public_op(&[0; 256]), Some(vec![0; 256]));
    }
}
