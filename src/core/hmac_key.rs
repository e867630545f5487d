//! HMAC-SHA256 with the key state computed once.
//!
//! HMAC hashes `key ^ ipad` and `key ^ opad` before it ever sees the message. A verifier is
//! built once and called for every delivery, so it keeps those two absorbed SHA-256 states and
//! clones them per call instead of re-deriving them from the secret each time.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Length in bytes of an HMAC-SHA256 tag.
pub const TAG_LEN: usize = 32;

type HmacSha256 = Hmac<Sha256>;

/// An HMAC-SHA256 key with its inner and outer pad states already absorbed.
#[derive(Clone)]
pub struct HmacKey {
    keyed: HmacSha256,
}

impl HmacKey {
    /// Any key length is valid for HMAC (long keys are hashed first, as RFC 2104 says).
    pub fn new(key: &[u8]) -> Self {
        // `new_from_slice` only fails for fixed-size-key MACs; HMAC takes any length.
        let keyed = match HmacSha256::new_from_slice(key) {
            Ok(mac) => mac,
            Err(_) => unreachable_hmac_key_error(),
        };
        HmacKey { keyed }
    }

    /// The tag over the concatenation of `parts`, without building the concatenation.
    pub fn tag(&self, parts: &[&[u8]]) -> [u8; TAG_LEN] {
        let mut stream = self.stream();
        for part in parts {
            stream.update(part);
        }
        stream.finish()
    }

    /// A running MAC to feed piece by piece (Treezor's canonical form streams into this).
    pub fn stream(&self) -> HmacStream {
        HmacStream {
            mac: self.keyed.clone(),
        }
    }
}

impl std::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.write_str("HmacKey(..)")
    }
}

#[cold]
fn unreachable_hmac_key_error() -> ! {
    // HMAC accepts keys of every length; this is only reachable if the `hmac` crate changes
    // its contract. Even then we must not silently use a wrong key.
    panic!("HMAC-SHA256 rejected a key; the hmac crate contract changed")
}

/// An HMAC computation in progress.
pub struct HmacStream {
    mac: HmacSha256,
}

impl HmacStream {
    pub fn update(&mut self, bytes: &[u8]) {
        self.mac.update(bytes);
    }

    pub fn finish(self) -> [u8; TAG_LEN] {
        self.mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 4231 §4.2–4.8, the HMAC-SHA-256 lines (case 5 is truncated output, checked as a
    /// prefix).
    #[test]
    fn rfc4231_test_vectors() {
        let aa131 = "aa".repeat(131);
        let cases: [(&str, &str, &str); 7] = [
            (
                "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
                "4869205468657265",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                "4a656665",
                "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                "0102030405060708090a0b0c0d0e0f10111213141516171819",
                "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
                "546573742057697468205472756e636174696f6e",
                "a3b6167473100ee06e0c796c2955552b",
            ),
            (
                &aa131,
                "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &aa131,
                "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, expected) in cases {
            let tag = HmacKey::new(&unhex(key)).tag(&[&unhex(data)]);
            assert!(hex(&tag).starts_with(expected), "key {key}");
        }
    }

    #[test]
    fn key_state_is_reusable_and_parts_concatenate() {
        let key = HmacKey::new(b"secret");
        let whole = key.tag(&[b"1700000000.{\"a\":1}"]);
        assert_eq!(key.tag(&[b"1700000000", b".", b"{\"a\":1}"]), whole);
        assert_eq!(
            key.tag(&[b"1700000000.{\"a\":1}"]),
            whole,
            "second use gives the same tag"
        );
        let mut s = key.stream();
        s.update(b"1700000000.");
        s.update(b"{\"a\":1}");
        assert_eq!(s.finish(), whole);
    }

    #[test]
    fn debug_hides_the_key() {
        assert_eq!(format!("{:?}", HmacKey::new(b"topsecret")), "HmacKey(..)");
    }
}
