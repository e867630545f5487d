//! Constant-time comparison of secret-derived bytes.
//!
//! Every comparison of a MAC, API key or bearer token goes through here, so a timing side
//! channel cannot reveal how many leading bytes of a forged value were right. For MACs only the
//! lengths may leak, and those are public (a SHA-256 MAC is always 32 bytes). API keys and
//! bearer tokens have secret lengths too: [`ct_eq_any_secret`] compares their SHA-256 digests,
//! so neither the content nor the length of a configured value shows in the timing.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// True when `a` and `b` are equal, in time that depends only on their lengths.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// True when `received` equals any of `candidates`. Every candidate is compared in full (no
/// early exit), so timing does not tell which configured secret matched either.
pub fn ct_eq_any<'a>(received: &[u8], candidates: impl IntoIterator<Item = &'a [u8]>) -> bool {
    let mut found = subtle::Choice::from(0u8);
    for candidate in candidates {
        if candidate.len() == received.len() {
            found |= candidate.ct_eq(received);
        }
    }
    bool::from(found)
}

/// True when `received` equals any of `candidates` (API keys, tokens: values whose length is
/// secret). Both sides are reduced to SHA-256 digests and those 32 bytes compared with
/// [`ct_eq_any`]: the time depends on the lengths only through hashing, which does not branch
/// on the content and does not compare lengths. Equal digests mean equal values (SHA-256 is
/// collision resistant).
pub fn ct_eq_any_secret<'a>(
    received: &[u8],
    candidates: impl IntoIterator<Item = &'a [u8]>,
) -> bool {
    let received = Sha256::digest(received);
    let digests: Vec<[u8; 32]> = candidates
        .into_iter()
        .map(|c| Sha256::digest(c).into())
        .collect();
    ct_eq_any(&received, digests.iter().map(|d| d.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_unequal_and_length_mismatch() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"abcd"));
        assert!(ct_eq(b"", b""));
    }

    #[test]
    fn any_of_several() {
        let keys: [&[u8]; 3] = [b"one", b"two", b"three"];
        assert!(ct_eq_any(b"two", keys));
        assert!(ct_eq_any(b"three", keys));
        assert!(!ct_eq_any(b"four", keys));
        assert!(!ct_eq_any(b"two", std::iter::empty()));
    }

    #[test]
    fn secrets_of_any_length() {
        let keys: [&[u8]; 3] = [b"k", b"a-much-longer-api-key", b""];
        for k in keys {
            assert!(ct_eq_any_secret(k, keys), "{k:?}");
        }
        assert!(!ct_eq_any_secret(b"a-much-longer-api-kez", keys));
        assert!(!ct_eq_any_secret(b"kk", keys));
        assert!(!ct_eq_any_secret(b"k", std::iter::empty()));
    }
}
