//! Constant-time comparison of secret-derived bytes.
//!
//! Every comparison of a MAC, API key or bearer token goes through here, so a timing side
//! channel cannot reveal how many leading bytes of a forged value were right. Only the lengths
//! may leak, and those are public (a SHA-256 MAC is always 32 bytes).

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
}
