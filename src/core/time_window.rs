//! Timestamp checks against a window around an injected "now".
//!
//! There is no clock inside wasm (and tests need to pin time), so every check takes `now` in
//! milliseconds since the epoch, the unit of JavaScript's `Date.now()`.

use crate::core::error::{ErrorCode, HooksealError, Provider, Result};

/// How far a signed timestamp may be from now, each way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindow {
    pub tolerance_seconds: u64,
}

impl TimeWindow {
    pub const fn seconds(tolerance_seconds: u64) -> Self {
        TimeWindow { tolerance_seconds }
    }

    /// Checks `timestamp` (seconds since the epoch) against `now_ms`. Exactly `tolerance`
    /// seconds away is still inside the window.
    pub fn check(&self, provider: Provider, timestamp: i64, now_ms: i64) -> Result<()> {
        let now = now_ms.div_euclid(1000);
        let drift = now.saturating_sub(timestamp);
        let limit = i64::try_from(self.tolerance_seconds).unwrap_or(i64::MAX);
        if drift > limit {
            return Err(HooksealError::new(
                provider,
                ErrorCode::TimestampTooOld,
                format!("the signed timestamp is {drift} s old; at most {limit} s is accepted"),
            )
            .with_hint(
                "a replayed or long-delayed delivery; if your clock is wrong, fix it or pass `now`",
            ));
        }
        if -drift > limit {
            return Err(HooksealError::new(
                provider,
                ErrorCode::TimestampInFuture,
                format!(
                    "the signed timestamp is {} s in the future; at most {limit} s is accepted",
                    -drift
                ),
            )
            .with_hint("check this server's clock (NTP), or pass `now`"));
        }
        Ok(())
    }
}

/// Clock drift in seconds between a timestamp and now (positive: the timestamp is older).
pub fn drift_seconds(timestamp: i64, now_ms: i64) -> i64 {
    now_ms.div_euclid(1000).saturating_sub(timestamp)
}

/// Parses a whole number of seconds since the epoch, as sent in `X-…-Timestamp` headers.
pub fn parse_unix_seconds(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 15 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Parses an RFC 3339 date-time (`2019-08-24T14:15:22Z`, fractional seconds and numeric
/// offsets allowed, `t`/`z` and a space separator tolerated) to milliseconds since the epoch.
pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')),
        )
    };
    let year = num(0..4)?;
    let month = num(5..7)?;
    let day = num(8..10)?;
    let hour = num(11..13)?;
    let minute = num(14..16)?;
    let second = num(17..19)?;
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let h = num(i + 1..i + 3)?;
            let m = num(i + 4..i + 6)?;
            if h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (what JS's
/// `Date.prototype.toISOString` prints, so the two agree in tests).
pub fn format_iso_ms(ms: i64) -> String {
    // 24 characters for years 0-9999: one allocation, not three from an empty string.
    let mut out = String::with_capacity(24);
    push_iso_ms(&mut out, ms);
    out
}

/// [`format_iso_ms`], appended to `out` (which a JSON writer can do without escaping: digits
/// and `-:.TZ` only). Treezor's result writes it on every delivery, where a string of its
/// own cost an allocation.
pub fn push_iso_ms(out: &mut String, ms: i64) {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss, mmm) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    if !(0..=9999).contains(&y) {
        out.push_str(&format!(
            "{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{mmm:03}Z"
        ));
        return;
    }
    // Four-digit years (every real timestamp) without the formatting machinery: this runs
    // on every Treezor delivery.
    let mut text = [0u8; 24];
    let fields = [
        (y, 4, b'-'),
        (m, 2, b'-'),
        (d, 2, b'T'),
        (hh, 2, b':'),
        (mm, 2, b':'),
        (ss, 2, b'.'),
        (mmm, 3, b'Z'),
    ];
    let mut at = 0;
    for (value, width, after) in fields {
        let mut rest = value;
        for i in (0..width).rev() {
            if let Some(slot) = text.get_mut(at + i) {
                *slot = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
        }
        if let Some(slot) = text.get_mut(at + width) {
            *slot = after;
        }
        at += width + 1;
    }
    // ASCII by construction.
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit writer agrees with `format!` on four-digit years, and the two meet at
    /// both ends of that range.
    #[test]
    fn iso_formatting_agrees_with_format() {
        let reference = |ms: i64| {
            let days = ms.div_euclid(86_400_000);
            let rem = ms.rem_euclid(86_400_000);
            let (y, m, d) = civil_from_days(days);
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
                rem / 3_600_000,
                rem / 60_000 % 60,
                rem / 1000 % 60,
                rem % 1000
            )
        };
        let mut ms: i64 = -62_167_219_200_000 - 1; // just before year 0
        let mut checked = 0;
        while ms < 253_402_300_800_000 + 86_400_000 {
            for delta in [0, 1, 999, 59_999, 3_599_999] {
                assert_eq!(format_iso_ms(ms + delta), reference(ms + delta));
            }
            ms += 7_777_777_777; // about 90 days, landing on every hour and millisecond
            checked += 1;
        }
        assert!(checked > 30_000);
        assert_eq!(format_iso_ms(1_763_784_000_000), "2025-11-22T04:00:00.000Z");
        // Appended after what the writer already holds, as a JSON string's content.
        let mut json = String::from("\"");
        push_iso_ms(&mut json, 1_763_784_000_000);
        assert_eq!(json, "\"2025-11-22T04:00:00.000Z");
    }

    #[test]
    fn window_edges_are_inclusive() {
        let w = TimeWindow::seconds(300);
        let now = 1_700_000_000_000;
        assert!(w.check(Provider::Sepay, 1_700_000_000 - 300, now).is_ok());
        assert!(w.check(Provider::Sepay, 1_700_000_000 + 300, now).is_ok());
        assert_eq!(
            w.check(Provider::Sepay, 1_700_000_000 - 301, now)
                .unwrap_err()
                .code,
            ErrorCode::TimestampTooOld
        );
        assert_eq!(
            w.check(Provider::Sepay, 1_700_000_000 + 301, now)
                .unwrap_err()
                .code,
            ErrorCode::TimestampInFuture
        );
        assert_eq!(
            w.check(Provider::Sepay, i64::MIN, now).unwrap_err().code,
            ErrorCode::TimestampTooOld
        );
        assert_eq!(
            w.check(Provider::Sepay, i64::MAX, now).unwrap_err().code,
            ErrorCode::TimestampInFuture
        );
    }

    #[test]
    fn rfc3339_forms() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2019-08-24T14:15:22Z"),
            Some(1_566_656_122_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2019-08-24T16:15:22+02:00"),
            Some(1_566_656_122_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2023-02-01T17:13:15.087995Z"),
            Some(1_675_271_595_087)
        );
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T00:00:00Z"),
            Some(1_709_164_800_000)
        );
        for bad in [
            "",
            "2019-08-24",
            "2019-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2019-08-24T14:15:22",
            "2019-08-24T14:15:22.Z",
            "2019-08-24T14:15:22+0200",
            "é019-08-24T14:15:22Z",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_format_round_trips() {
        for ms in [
            0,
            1_566_656_122_000,
            1_675_271_595_087,
            -86_400_000,
            253_402_300_799_999,
        ] {
            assert_eq!(parse_rfc3339_ms(&format_iso_ms(ms)), Some(ms));
        }
        assert_eq!(format_iso_ms(1_675_271_595_087), "2023-02-01T17:13:15.087Z");
    }

    #[test]
    fn unix_seconds() {
        assert_eq!(parse_unix_seconds(" 1700000000 "), Some(1_700_000_000));
        for bad in ["", "-5", "1.5", "17e8", "9999999999999999999"] {
            assert_eq!(parse_unix_seconds(bad), None, "{bad}");
        }
    }
}
