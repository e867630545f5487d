//! `webhook_created_at` in milliseconds, whatever unit it was sent in.
//!
//! Treezor documents an integer in 10^-4 s (`17114708930494`); a 2022 example has
//! microseconds (`1642581655729821`); other sources show seconds or a string. The unit is
//! read from the magnitude: it is the power of ten that puts the value between 2001-09-09
//! (10^9 s) and 2286-11-20 (10^10 s), i.e. the value has 10 integer digits in seconds, 13 in
//! milliseconds, 14 in Treezor's unit, 16 in microseconds. A webhook from before 2001 cannot
//! exist, so the reading is unambiguous. The raw value is always kept beside the result.

use crate::core::json::RawJson;

use crate::core::time_window::{format_iso_ms, parse_rfc3339_ms};

/// The normalised time, or a note saying why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedAt {
    pub ms: Option<i64>,
    /// How the value was read (`"10^-4 s"`, `"microseconds"`, `"RFC 3339"`), for `explain`.
    pub unit: Option<String>,
    pub note: Option<String>,
}

impl CreatedAt {
    pub fn iso(&self) -> Option<String> {
        self.ms.map(format_iso_ms)
    }

    fn read(ms: i64, unit: impl Into<String>) -> Self {
        CreatedAt {
            ms: Some(ms),
            unit: Some(unit.into()),
            note: None,
        }
    }

    fn unreadable(raw: &str, why: &str) -> Self {
        CreatedAt {
            ms: None,
            unit: None,
            note: Some(format!(
                "webhook_created_at {raw} {why}; created_at_ms is null"
            )),
        }
    }
}

/// Normalises the raw JSON value of `webhook_created_at`.
pub fn normalise(raw: RawJson<'_>) -> CreatedAt {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => from_decimal(text, text),
        Some(b'"') => match raw.as_string().ok_or(()) {
            Ok(s) if s.bytes().next().is_some_and(|b| b.is_ascii_digit()) && !s.contains('-') => {
                from_decimal(&s, text)
            }
            Ok(s) => match parse_rfc3339_ms(s.trim()) {
                Some(ms) => CreatedAt::read(ms, "RFC 3339"),
                None => {
                    CreatedAt::unreadable(text, "is neither a number nor an RFC 3339 date-time")
                }
            },
            Err(_) => CreatedAt::unreadable(text, "is not a readable string"),
        },
        _ => CreatedAt::unreadable(text, "is not a number or a string"),
    }
}

/// A plain decimal (`digits[.digits]`, no sign, no exponent) read by magnitude. `raw` is the
/// value as received, for the note.
fn from_decimal(decimal: &str, raw: &str) -> CreatedAt {
    let (int, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let int = int.trim_start_matches('0');
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !plain(int) || !plain(frac) || (decimal.contains('.') && frac.is_empty()) {
        return CreatedAt::unreadable(raw, "is not a plain decimal number");
    }
    // 10 integer digits = seconds; each further digit is one more power of ten.
    let Some(shift) = int.len().checked_sub(10).filter(|s| *s <= 9) else {
        return CreatedAt::unreadable(
            raw,
            "is not a time between 2001 and 2286 in any unit from seconds to nanoseconds",
        );
    };
    // Milliseconds in that range always have 13 digits: the first 13 of int + frac.
    // Thirteen ASCII digits (checked above) fit an i64 with room to spare.
    let ms = int
        .bytes()
        .chain(frac.bytes())
        .chain(std::iter::repeat(b'0'))
        .take(13)
        .fold(0i64, |ms, digit| ms * 10 + i64::from(digit - b'0'));
    CreatedAt::read(ms, unit_name(shift))
}

fn unit_name(shift: usize) -> String {
    match shift {
        0 => "seconds".into(),
        3 => "milliseconds".into(),
        4 => "10^-4 s".into(),
        6 => "microseconds".into(),
        9 => "nanoseconds".into(),
        n => format!("10^-{n} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(json: &str) -> Option<i64> {
        normalise(RawJson::checked(json)).ms
    }

    #[test]
    fn every_unit_of_the_same_instant_gives_the_same_milliseconds() {
        // 2024-03-26T16:34:53.049Z, the SCTE Inst payout example (17114708930494).
        let expected = Some(1_711_470_893_049);
        for json in [
            "17114708930494",
            "1711470893049",
            "1711470893049400",
            "1711470893049400000",
            "1711470893.0494",
            "\"17114708930494\"",
            "\"2024-03-26T16:34:53.049Z\"",
            "\"2024-03-26T17:34:53.049+01:00\"",
        ] {
            assert_eq!(ms(json), expected, "{json}");
        }
        assert_eq!(ms("1711470893"), Some(1_711_470_893_000));
        let c = normalise(RawJson::checked("17114708930494"));
        assert_eq!(c.unit.as_deref(), Some("10^-4 s"));
        assert_eq!(c.iso().as_deref(), Some("2024-03-26T16:34:53.049Z"));
    }

    #[test]
    fn the_2022_microsecond_example_is_read_as_microseconds() {
        let c = normalise(RawJson::checked("1642581655729821"));
        assert_eq!(c.unit.as_deref(), Some("microseconds"));
        assert_eq!(c.iso().as_deref(), Some("2022-01-19T08:40:55.729Z"));
    }

    #[test]
    fn implausible_values_are_null_with_a_note() {
        for json in [
            "0",
            "-17114708930494",
            "123",
            "1.7114708930494e13",
            "null",
            "true",
            "{}",
            "\"yesterday\"",
            "\"2024-03-26 16:34:53\"",
            "17114708930494123456789",
        ] {
            let c = normalise(RawJson::checked(json));
            assert_eq!(c.ms, None, "{json}");
            assert!(c.note.is_some(), "{json}");
        }
    }
}
