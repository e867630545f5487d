//! Compact JSON text for `JSON.parse`, exact for every number.
//!
//! Handing JS a JSON string and letting its native parser build the object is the fast path
//! (see bench/). The one thing `JSON.parse` gets wrong for money is integers beyond 2^53: it
//! rounds them. So integer lexemes beyond ±(2^53 − 1) are written as strings; every other
//! token is copied byte for byte, only insignificant whitespace is dropped. Numbers with a
//! fraction or exponent are left as numbers (providers send money as decimal strings).

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

const MAX_SAFE_INTEGER: &[u8] = b"9007199254740991";

/// Whether `JSON.parse` reads `json` (already validated JSON) exactly as it is: true when no
/// integer could lie beyond 2^53, i.e. no run of 16 or more digits appears anywhere (inside
/// strings too: a false alarm only costs the rewrite). Then the JS side can parse the body it
/// already holds instead of a rewritten copy; whitespace does not matter to `JSON.parse`.
pub fn is_js_exact(json: &[u8]) -> bool {
    // Any 16 consecutive positions hold exactly one index ≡ 15 (mod 16), so a run of 16 digits
    // has a digit there: look only at those bytes, and measure the run around each digit found.
    const RUN: usize = MAX_SAFE_INTEGER.len();
    let mut i = RUN - 1;
    while i < json.len() {
        if json[i].is_ascii_digit() {
            let before = json[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let after = json[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if before + after >= RUN {
                return false;
            }
            // No run through i is long enough; the next one starts after it.
            i += after.max(1);
            i += (RUN - 1) - (i % RUN).min(RUN - 1);
            continue;
        }
        i += RUN;
    }
    true
}

/// Appends the JS-safe compact form of `json` (already validated JSON) to `out`.
pub fn write_js_json(provider: Provider, json: &[u8], out: &mut String) -> Result<()> {
    let text = std::str::from_utf8(json).map_err(|_| {
        HooksealError::new(
            provider,
            ErrorCode::InvalidJson,
            "the JSON text is not valid UTF-8",
        )
    })?;
    write_js_json_str(provider, text, out)
}

/// [`write_js_json`] for text already known to be UTF-8 (a slice of a body serde_json has
/// read): one pass, copying runs of the input straight into `out`, without re-validating.
pub fn write_js_json_str(provider: Provider, text: &str, out: &mut String) -> Result<()> {
    let json = text.as_bytes();
    out.reserve(json.len());
    // Every position where a run starts or ends is at an ASCII byte (whitespace, a quote, a
    // digit), hence a char boundary: the `get`s below never miss.
    let mut copied = 0;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.push_str(text.get(copied..i).unwrap_or_default());
                i += 1;
                copied = i;
            }
            b'"' => i = string_end(json, i).ok_or_else(|| unterminated(provider))?,
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < json.len()
                    && matches!(json[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                if is_unsafe_integer(&json[start..i]) {
                    out.push_str(text.get(copied..start).unwrap_or_default());
                    out.push('"');
                    out.push_str(text.get(start..i).unwrap_or_default());
                    out.push('"');
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Ok(())
}

/// Convenience form returning a new string.
pub fn to_js_json(provider: Provider, json: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(json.len());
    write_js_json(provider, json, &mut out)?;
    Ok(out)
}

/// Index just past the closing quote of the string starting at `start`.
fn string_end(json: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < json.len() {
        match json[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn unterminated(provider: Provider) -> HooksealError {
    HooksealError::new(
        provider,
        ErrorCode::InvalidJson,
        "a JSON string is not terminated",
    )
}

/// An integer lexeme (no fraction, no exponent) whose magnitude exceeds 2^53 − 1.
pub fn is_unsafe_integer(lexeme: &[u8]) -> bool {
    let digits = lexeme.strip_prefix(b"-").unwrap_or(lexeme);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    match digits.len().cmp(&MAX_SAFE_INTEGER.len()) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => digits > MAX_SAFE_INTEGER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(s: &str) -> String {
        to_js_json(Provider::Core, s.as_bytes()).unwrap()
    }

    #[test]
    fn compacts_and_keeps_every_lexeme() {
        assert_eq!(
            js(" { \"a\" : [ 1 , 2.50 , -0 , 1e3 ] ,\n\t\"b\" : \"x y \\\" z\" } "),
            r#"{"a":[1,2.50,-0,1e3],"b":"x y \" z"}"#
        );
    }

    #[test]
    fn integers_beyond_2_pow_53_become_strings() {
        assert_eq!(
            js("[9007199254740991,9007199254740992,-9007199254740992,12345678901234567890]"),
            r#"[9007199254740991,"9007199254740992","-9007199254740992","12345678901234567890"]"#
        );
        assert_eq!(
            js("[1.5e300, 12345678901234567890.5]"),
            "[1.5e300,12345678901234567890.5]"
        );
    }

    #[test]
    fn strings_that_look_like_numbers_or_whitespace_are_untouched() {
        assert_eq!(
            js(r#"{"n":"12345678901234567890","s":"  "}"#),
            r#"{"n":"12345678901234567890","s":"  "}"#
        );
    }

    #[test]
    fn js_exact_means_no_integer_can_be_rounded() {
        assert!(is_js_exact(
            br#"{"a":[1,2.50,-0,1e3,900719925474099],"s":"123456789012345"}"#
        ));
        assert!(!is_js_exact(b"[9007199254740992]"));
        assert!(
            !is_js_exact(b"[1000000000000000]"),
            "16 digits: conservative"
        );
        assert!(
            !is_js_exact(br#"{"ref":"12345678901234567890"}"#),
            "inside a string: a false alarm, never a miss"
        );
        // Whenever the check passes, the rewrite changes nothing but whitespace.
        for json in [
            &br#" { "a" : [ 1 , 2 ] } "#[..],
            br#"{"n":123456789012345}"#,
        ] {
            assert!(is_js_exact(json));
            let compact: Vec<u8> = json.iter().copied().filter(|b| *b != b' ').collect();
            assert_eq!(js(std::str::from_utf8(json).unwrap()).as_bytes(), compact);
        }
    }

    #[test]
    fn js_exact_finds_every_run_of_16_digits_wherever_it_starts() {
        for len in 0..40 {
            for start in 0..40 {
                for run in [15, 16, 17, 30] {
                    let mut json = vec![b'x'; len + start + run + 3];
                    json[start..start + run].fill(b'7');
                    assert_eq!(
                        is_js_exact(&json),
                        run < 16,
                        "len {len} start {start} run {run}"
                    );
                }
            }
        }
        assert!(is_js_exact(b""));
        assert!(is_js_exact(&[b'1'; 15]));
        assert!(!is_js_exact(&[b'1'; 16]));
        // Many short numbers next to each other, separated by one byte.
        assert!(is_js_exact("123456789012345,".repeat(50).as_bytes()));
    }

    #[test]
    fn appends_after_existing_text() {
        let mut out = String::from("x=");
        write_js_json(Provider::Core, b"[1, 2]", &mut out).unwrap();
        assert_eq!(out, "x=[1,2]");
    }

    #[test]
    fn unterminated_string_is_an_error_not_a_panic() {
        assert!(to_js_json(Provider::Core, b"\"abc\\").is_err());
        assert!(to_js_json(Provider::Core, b"\"\xff\"").is_err());
    }
}
