//! EMSA-PSS verification with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 8017 §9.1.2).
//!
//! RFC 9421 §3.3.1 fixes these parameters for `rsa-pss-sha512`, so the salt length is not
//! guessed from the encoding: a signature with another salt length is refused.

use sha2::{Digest, Sha512};

const HASH_LEN: usize = 64;
const SALT_LEN: usize = 64;

/// Whether `em_full` (the signature raised to `e`, as many bytes as the modulus) is a valid
/// PSS encoding of `message` with `em_bits` = modulus bits − 1.
pub fn is_sha512_encoding(em_full: &[u8], em_bits: usize, message: &[u8]) -> bool {
    // I2OSP(m, emLen): when the modulus bit count is 1 mod 8, EM is one byte shorter than
    // the modulus and the extra leading byte must be zero.
    let em_len = em_bits.div_ceil(8);
    let Some(extra) = em_full.len().checked_sub(em_len) else {
        return false;
    };
    let (lead, em) = em_full.split_at(extra);
    if lead.iter().any(|&b| b != 0) || em_len < HASH_LEN + SALT_LEN + 2 {
        return false;
    }
    let Some((&0xbc, rest)) = em.split_last() else {
        return false;
    };
    let (masked_db, h) = rest.split_at(em_len - HASH_LEN - 1);
    // The bits above em_bits must be zero.
    let unused_bits = 8 * em_len - em_bits;
    let top_mask = 0xffu8.checked_shr(unused_bits as u32).unwrap_or(0);
    if masked_db.first().is_some_and(|&b| b & !top_mask != 0) {
        return false;
    }
    let mut db = mgf1_sha512(h, masked_db.len());
    for (d, m) in db.iter_mut().zip(masked_db) {
        *d ^= m;
    }
    if let Some(first) = db.first_mut() {
        *first &= top_mask;
    }
    // DB = zeros ‖ 0x01 ‖ salt, with exactly SALT_LEN bytes of salt.
    let (padding, salt) = db.split_at(db.len() - SALT_LEN);
    let Some((&0x01, zeros)) = padding.split_last() else {
        return false;
    };
    if zeros.iter().any(|&b| b != 0) {
        return false;
    }
    let m_hash = Sha512::digest(message);
    let h_expected = Sha512::new()
        .chain_update([0u8; 8])
        .chain_update(m_hash)
        .chain_update(salt)
        .finalize();
    h_expected.as_slice() == h
}

/// MGF1 (RFC 8017 §B.2.1) with SHA-512: `len` bytes of mask from `seed`.
fn mgf1_sha512(seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + HASH_LEN);
    let mut counter = 0u32;
    while out.len() < len {
        out.extend_from_slice(
            &Sha512::new()
                .chain_update(seed)
                .chain_update(counter.to_be_bytes())
                .finalize(),
        );
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with a chosen salt, to test the checks one by one.
    fn encode(message: &[u8], salt: &[u8], em_bits: usize) -> Vec<u8> {
        let em_len = em_bits.div_ceil(8);
        let h = Sha512::new()
            .chain_update([0u8; 8])
            .chain_update(Sha512::digest(message))
            .chain_update(salt)
            .finalize();
        let mut db = vec![0u8; em_len - salt.len() - HASH_LEN - 2];
        db.push(1);
        db.extend_from_slice(salt);
        for (d, m) in db.iter_mut().zip(mgf1_sha512(&h, em_len - HASH_LEN - 1)) {
            *d ^= m;
        }
        db[0] &= 0xff >> (8 * em_len - em_bits);
        db.extend_from_slice(&h);
        db.push(0xbc);
        db
    }

    #[test]
    fn encodings_round_trip_for_both_alignments() {
        for modulus_bits in [2048usize, 2049, 3072, 4095] {
            let em_bits = modulus_bits - 1;
            let mut em = encode(b"msg", &[7; SALT_LEN], em_bits);
            if em.len() < modulus_bits.div_ceil(8) {
                em.insert(0, 0);
            }
            assert!(is_sha512_encoding(&em, em_bits, b"msg"), "{modulus_bits}");
            assert!(!is_sha512_encoding(&em, em_bits, b"msh"));
            for i in 0..em.len() {
                for bit in 0..8 {
                    let mut bad = em.clone();
                    bad[i] ^= 1 << bit;
                    assert!(!is_sha512_encoding(&bad, em_bits, b"msg"), "{i}.{bit}");
                }
            }
        }
    }

    #[test]
    fn other_salt_lengths_are_refused() {
        for salt_len in [0, 32, 63, 65] {
            let em = encode(b"msg", &vec![9; salt_len], 2047);
            assert!(!is_sha512_encoding(&em, 2047, b"msg"), "{salt_len}");
        }
        assert!(!is_sha512_encoding(&[], 2047, b"msg"));
        assert!(!is_sha512_encoding(&[0xbc; 100], 799, b"msg"));
    }

    #[test]
    fn mgf1_lengths() {
        assert_eq!(mgf1_sha512(b"seed", 0).len(), 0);
        assert_eq!(mgf1_sha512(b"seed", 191).len(), 191);
        assert_eq!(
            &mgf1_sha512(b"seed", 128)[..64],
            &mgf1_sha512(b"seed", 64)[..]
        );
    }
}
