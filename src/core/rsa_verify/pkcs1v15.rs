//! EMSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §9.2), checked by rebuilding the encoding.
//!
//! RFC 8017 §8.2.2 compares the whole expected encoding instead of parsing the received one:
//! parsers that skipped padding or read the DigestInfo loosely are how PKCS#1 v1.5 signatures
//! were forged (Bleichenbacher 2006). So the encoding is built in full, at the exact length.

use sha2::{Digest, Sha256};

/// DER of `DigestInfo { sha256, NULL }` up to the 32 hash bytes (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Whether `em` (the signature raised to `e`, as many bytes as the modulus) is exactly
/// `00 01 FF…FF 00 DigestInfo SHA-256(message)`.
pub fn is_sha256_encoding(em: &[u8], message: &[u8]) -> bool {
    let hash = Sha256::digest(message);
    let tail = SHA256_DIGEST_INFO.len() + hash.len();
    // At least 8 bytes of 0xFF padding (RFC 8017 §9.2 step 3).
    let Some(padding) = em.len().checked_sub(3 + tail).filter(|&p| p >= 8) else {
        return false;
    };
    let mut expected = Vec::with_capacity(em.len());
    expected.extend_from_slice(&[0x00, 0x01]);
    expected.resize(2 + padding, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(&SHA256_DIGEST_INFO);
    expected.extend_from_slice(&hash);
    expected == em
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(len: usize, message: &[u8]) -> Vec<u8> {
        let mut em = vec![0x00, 0x01];
        em.resize(len - 3 - 51, 0xff);
        em.push(0);
        em.extend_from_slice(&SHA256_DIGEST_INFO);
        em.extend_from_slice(&Sha256::digest(message));
        em
    }

    #[test]
    fn exact_encoding_only() {
        let em = encode(256, b"hello");
        assert!(is_sha256_encoding(&em, b"hello"));
        assert!(!is_sha256_encoding(&em, b"hellO"));
        for i in 0..em.len() {
            let mut bad = em.clone();
            bad[i] ^= 0x01;
            assert!(!is_sha256_encoding(&bad, b"hello"), "byte {i}");
        }
        assert!(!is_sha256_encoding(&em[1..], b"hello"));
        assert!(!is_sha256_encoding(&[], b"hello"));
        assert!(
            !is_sha256_encoding(&[0; 61], b"hello"),
            "too short for 8 bytes of padding"
        );
    }
}
