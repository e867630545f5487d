//! The few DER (X.690) shapes an RSA public key is made of, read strictly.
//!
//! Only definite, minimal lengths are accepted (one or two length octets, which covers every
//! key up to 64 KiB), integers must be minimal and non-negative, and nothing may follow a
//! value where the structure ends. A reader that is lenient here would accept two encodings of
//! one key, which buys nothing for a verifier. Every read returns `None` on malformed input;
//! nothing indexes out of bounds.

pub const TAG_INTEGER: u8 = 0x02;
pub const TAG_BIT_STRING: u8 = 0x03;
pub const TAG_NULL: u8 = 0x05;
pub const TAG_OID: u8 = 0x06;
pub const TAG_SEQUENCE: u8 = 0x30;

/// A cursor over DER bytes.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Reader { rest: input }
    }

    /// Reads one value with the given tag and returns its contents.
    pub fn read(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&found, rest) = self.rest.split_first()?;
        if found != tag {
            return None;
        }
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = match first {
            0..=0x7f => (usize::from(first), rest),
            0x81 => {
                let (&b, rest) = rest.split_first()?;
                // Long form only where the short form cannot say it.
                if b < 0x80 {
                    return None;
                }
                (usize::from(b), rest)
            }
            0x82 => {
                let (bytes, rest) = rest.split_at_checked(2)?;
                let len = usize::from(bytes[0]) << 8 | usize::from(bytes[1]);
                if len < 0x100 {
                    return None;
                }
                (len, rest)
            }
            // 0x80 is the indefinite form (BER, not DER); longer forms are never needed here.
            _ => return None,
        };
        let (contents, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        Some(contents)
    }

    /// Reads a non-negative INTEGER and returns its magnitude without the sign octet (so zero
    /// is the empty magnitude).
    pub fn read_unsigned_integer(&mut self) -> Option<&'a [u8]> {
        let contents = self.read(TAG_INTEGER)?;
        match contents {
            [] => None,
            // A leading 0x00 is only allowed (and required) before an octet with the top bit set.
            [0, next, ..] if *next < 0x80 => None,
            [0, rest @ ..] => Some(rest),
            [first, ..] if *first >= 0x80 => None, // negative
            _ => Some(contents),
        }
    }

    /// Succeeds only if every byte was read.
    pub fn finish(self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_must_be_minimal_and_definite() {
        assert_eq!(Reader::new(&[0x05, 0x00]).read(TAG_NULL), Some(&[][..]));
        assert_eq!(Reader::new(&[0x05, 0x81, 0x00]).read(TAG_NULL), None);
        assert_eq!(Reader::new(&[0x05, 0x80, 0x00, 0x00]).read(TAG_NULL), None);
        let mut long = vec![0x04, 0x82, 0x01, 0x00];
        long.extend([7u8; 256]);
        assert_eq!(Reader::new(&long).read(0x04).map(<[u8]>::len), Some(256));
        assert_eq!(Reader::new(&[0x04, 0x82, 0x00, 0xff]).read(0x04), None);
        assert_eq!(Reader::new(&[0x04, 0x83, 0, 1, 0]).read(0x04), None);
        assert_eq!(Reader::new(&[0x04, 0x03, 1, 2]).read(0x04), None, "short");
        assert_eq!(Reader::new(&[0x04]).read(0x04), None);
        assert_eq!(Reader::new(&[]).read(0x04), None);
        assert_eq!(Reader::new(&[0x02, 0x01, 0x01]).read(0x04), None, "tag");
    }

    #[test]
    fn integers_must_be_minimal_and_non_negative() {
        let int = |bytes: &[u8]| {
            Reader::new(bytes)
                .read_unsigned_integer()
                .map(<[u8]>::to_vec)
        };
        assert_eq!(int(&[0x02, 0x01, 0x00]), Some(vec![]), "zero");
        assert_eq!(int(&[0x02, 0x03, 0x01, 0x00, 0x01]), Some(vec![1, 0, 1]));
        assert_eq!(int(&[0x02, 0x02, 0x00, 0x80]), Some(vec![0x80]));
        assert_eq!(int(&[0x02, 0x02, 0x00, 0x7f]), None, "padded");
        assert_eq!(int(&[0x02, 0x01, 0x80]), None, "negative");
        assert_eq!(int(&[0x02, 0x00]), None, "empty");
    }

    #[test]
    fn finish_refuses_trailing_bytes() {
        let mut r = Reader::new(&[0x05, 0x00, 0x00]);
        r.read(TAG_NULL).unwrap();
        assert_eq!(r.finish(), None);
    }
}
