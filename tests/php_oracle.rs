//! Differential test of `core::php_json` against real PHP.
//!
//! Generates random payloads, hands all of them to ONE `php` process that prints, for each,
//! `json_encode(json_decode($p, false))` and its HMAC-SHA256, and requires hookseal to produce
//! the same bytes and the same signature.
//!
//! `json_decode($p, false)` (stdClass) is the decoding that reproduces the wire: with `true`
//! (arrays) PHP re-encodes `{}` as `[]` and `{"0":"a","1":"b"}` as `["a","b"]`.
//!
//! PHP's round trip is lossy for some number lexemes; all of them are lexemes PHP's
//! `json_encode` never writes, so a payload Treezor produced cannot contain them:
//! - `1.50` -> `1.5`, `1.0` -> `1`, `1e5` / `1E5` -> `100000`, `1e25` -> `1.0e+25`,
//!   `0.00001` -> `1.0e-5` (floats are re-printed in shortest round-trip form);
//! - integers beyond i64 become floats: `12345678901234567890` -> `1.2345678901234567e+19`;
//! - `-0` -> `0` (an integer), although `json_encode(-0.0)` writes `-0`;
//! - `1e400` decodes to INF, which `json_encode` refuses.
//!
//! hookseal copies lexemes as received, so the generator writes numbers the way PHP writes
//! them (i64 integers, floats as `serialize_precision=-1` prints them, never `-0`). Likewise
//! keys are unique within an object (PHP's decoder keeps the last of two) and never start with
//! NUL (stdClass refuses such a property).
//!
//! Without `php` the test prints a notice and passes, except under `CI=true`, where it fails.
//! `HOOKSEAL_ORACLE_SEED=<u64>` explores other payloads.
//!
//! A second test has PHP sign and encode whole Treezor envelopes (flat and wrapped, compact
//! and pretty, escaped and unescaped) and requires `TreezorVerifier` to accept each one and
//! to refuse it with one signed value changed.

use base64::Engine as _;
use hookseal::core::hmac_key::HmacKey;
use hookseal::core::php_json::{to_canonical_string, write_canonical};
use hookseal::Provider;
use std::fmt::Write as _;
use std::path::Path;

mod common;

const RANDOM_PAYLOADS: usize = 1500;
const CORRUPTED_PAYLOADS: usize = 1000;

#[test]
fn php_json_encode_matches_hookseal() {
    let Some(php) = common::php::find_php("php_oracle") else {
        return;
    };
    let seed = std::env::var("HOOKSEAL_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0074_7265_657a_6f72);
    let mut rng = Rng(seed);

    let mut cases: Vec<Case> = fixed_cases();
    let mut trees = Vec::new();
    for _ in 0..RANDOM_PAYLOADS {
        let value = random_payload(&mut rng);
        let style = Style::random(&mut rng);
        let text = render(&value, style, &mut rng);
        cases.push(Case::exact(secret(&mut rng), text.into_bytes()));
        trees.push((cases.len() - 1, value));
    }
    for _ in 0..CORRUPTED_PAYLOADS {
        let Some(base) = cases.get(rng.below(cases.len())) else {
            continue;
        };
        let corrupted = corrupt(&base.payload, &mut rng);
        cases.push(Case::validity(base.secret.clone(), corrupted));
    }

    let answers = run_php(&php, &cases);
    assert_eq!(
        answers.len(),
        cases.len(),
        "php answered fewer lines than cases"
    );

    let mut failures = Vec::new();
    let (mut exact, mut agreed_invalid, mut agreed_valid) = (0, 0, 0);
    for (case, answer) in cases.iter().zip(&answers) {
        let ours = to_canonical_string(Provider::Treezor, &case.payload);
        match (answer, &ours) {
            (Php::Ok { .. }, Ok(_)) if !case.exact => agreed_valid += 1,
            (
                Php::Ok {
                    canonical,
                    signature,
                },
                Ok(mine),
            ) => {
                let mut stream = HmacKey::new(&case.secret).stream();
                let streamed = write_canonical(Provider::Treezor, &case.payload, &mut stream);
                let tag = base64::engine::general_purpose::STANDARD.encode(stream.finish());
                if mine.as_bytes() != canonical.as_slice() || &tag != signature || streamed.is_err()
                {
                    failures.push(describe(case, answer, &ours));
                } else {
                    exact += 1;
                }
            }
            (Php::DecodeError(_), Err(_)) => agreed_invalid += 1,
            // Documented divergences: a NUL-first key (PHP arrays hold it, stdClass does not)
            // and INF (`json_encode` refuses it; PHP never writes such a lexeme).
            (Php::DecodeError(msg), Ok(_)) if msg.contains("property name") => {}
            (Php::EncodeError(_), _) if !case.exact => {}
            _ => failures.push(describe(case, answer, &ours)),
        }
    }

    // Changing one signed value must change the signature.
    let mut mutated_checked = 0;
    for (index, value) in &trees {
        let (Some(case), Some(Php::Ok { signature, .. })) =
            (cases.get(*index), answers.get(*index))
        else {
            continue;
        };
        let changed = render(&mutate(value, &mut rng), Style::Compact, &mut rng);
        let mut stream = HmacKey::new(&case.secret).stream();
        write_canonical(Provider::Treezor, changed.as_bytes(), &mut stream)
            .expect("a mutated payload is still valid JSON");
        let tag = base64::engine::general_purpose::STANDARD.encode(stream.finish());
        if &tag == signature {
            failures.push(format!(
                "changing a value kept the signature:\n  original {:?}\n  changed  {changed:?}",
                String::from_utf8_lossy(&case.payload)
            ));
        }
        mutated_checked += 1;
    }

    eprintln!(
        "php oracle (seed {seed}): {} cases; {exact} byte-exact with equal signatures, \
         {agreed_valid} corrupted-but-valid, {agreed_invalid} refused by both, \
         {mutated_checked} mutations changed the signature",
        cases.len()
    );
    assert!(
        exact >= RANDOM_PAYLOADS,
        "too few exact comparisons: {exact}"
    );
    assert!(
        failures.is_empty(),
        "{} disagreements with PHP, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Cases and the PHP side

struct Case {
    secret: Vec<u8>,
    payload: Vec<u8>,
    /// true: bytes and signature must equal PHP's; false: only valid/invalid must agree
    /// (corrupted payloads may hold lexemes PHP normalises).
    exact: bool,
}

impl Case {
    fn exact(secret: Vec<u8>, payload: Vec<u8>) -> Self {
        Case {
            secret,
            payload,
            exact: true,
        }
    }
    fn validity(secret: Vec<u8>, payload: Vec<u8>) -> Self {
        Case {
            secret,
            payload,
            exact: false,
        }
    }
}

enum Php {
    Ok {
        canonical: Vec<u8>,
        signature: String,
    },
    DecodeError(String),
    EncodeError(String),
}

/// Default flags everywhere; `-n` ignores any php.ini and `serialize_precision=-1` is PHP 8's
/// default, stated so a local php.ini cannot change float output.
const PHP_SCRIPT: &str = r#"<?php
$in = fopen($argv[1], 'r');
while (($line = fgets($in)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === '') { continue; }
    [$secretHex, $payloadB64] = explode(' ', $line);
    $payload = base64_decode($payloadB64, true);
    $value = json_decode($payload, false);
    if (json_last_error() !== JSON_ERROR_NONE) {
        echo "decode_error ", json_last_error_msg(), "\n";
        continue;
    }
    $canonical = json_encode($value);
    if ($canonical === false) {
        echo "encode_error ", json_last_error_msg(), "\n";
        continue;
    }
    $tag = hash_hmac('sha256', $canonical, hex2bin($secretHex), true);
    echo "ok ", base64_encode($canonical), " ", base64_encode($tag), "\n";
}
"#;

fn run_php(php: &Path, cases: &[Case]) -> Vec<Php> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut lines = String::new();
    for case in cases {
        let _ = writeln!(lines, "{} {}", hex(&case.secret), b64.encode(&case.payload));
    }
    common::php::run_batch(php, "php-oracle", PHP_SCRIPT, &lines)
        .iter()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("ok"), Some(canonical), Some(signature)) => Php::Ok {
                    canonical: b64.decode(canonical).expect("php base64"),
                    signature: signature.to_string(),
                },
                (Some("decode_error"), ..) => Php::DecodeError(line.to_string()),
                (Some("encode_error"), ..) => Php::EncodeError(line.to_string()),
                _ => panic!("unexpected php output line {line:?}"),
            }
        })
        .collect()
}

fn describe(case: &Case, php: &Php, ours: &Result<String, hookseal::HooksealError>) -> String {
    let php = match php {
        Php::Ok { canonical, .. } => String::from_utf8_lossy(canonical).into_owned(),
        Php::DecodeError(m) | Php::EncodeError(m) => m.clone(),
    };
    format!(
        "input {:?}\n  php  {php:?}\n  ours {ours:?}",
        String::from_utf8_lossy(&case.payload)
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hand-picked edges, all in PHP's own output form unless marked as validity-only.
fn fixed_cases() -> Vec<Case> {
    let secret = b"test_secret".to_vec();
    let exact = [
        r#"{"payins":[{"payinId":"8513424","userFirstname":"Élodie","DbtrIBAN":"FR76/1","emoji":"😀","amount":"17.01"}]}"#.to_string(),
        "{}".into(),
        "[]".into(),
        r#"{"a":{},"b":[],"c":[{},[]],"":{"_empty_":""}}"#.into(),
        r#"{"0":"a","1":"b"}"#.into(),
        "[9223372036854775807,-9223372036854775808,0,-1,5.0e-324,1.7976931348623157e+308,0.1,1.0e+25,2.5e-5,1.0e-5,0.0001,1.0e+17,10000000000000000,-1.5e+300]".into(),
        format!("[\"{}\x7f\"]", (0u8..0x20).map(|b| format!("\\u{b:04X}")).collect::<String>()),
        "[\"\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}\u{10000}\u{10ffff}\u{e000}\"]".into(),
        r#"["\/\\\"\b\f\n\r\t\u002F\u005c\u0022"]"#.into(),
        "null".into(),
        "\"just a string\"".into(),
        "  -12  ".into(),
        format!("{}{}", "[".repeat(511), "]".repeat(511)),
        format!("{}1{}", "{\"k\":".repeat(511), "}".repeat(511)),
    ];
    let validity = [
        format!("{}{}", "[".repeat(512), "]".repeat(512)),
        format!("{}1{}", "{\"k\":".repeat(512), "}".repeat(512)),
        "[".repeat(100_000),
        r#"["\ud800"]"#.into(),
        r#"["\udc00\ud800"]"#.into(),
        r#"["\ud83d\u0041"]"#.into(),
        "[\"\x01\"]".into(),
        "\u{feff}[1]".into(),
        "[1,]".into(),
        "01".into(),
        "-".into(),
        "True".into(),
        String::new(),
        "[1e400]".into(),
    ];
    let mut cases: Vec<Case> = exact
        .into_iter()
        .map(|p| Case::exact(secret.clone(), p.into_bytes()))
        .collect();
    cases.extend(
        validity
            .into_iter()
            .map(|p| Case::validity(secret.clone(), p.into_bytes())),
    );
    for raw in [&b"[\"\xc3\"]"[..], b"[\"\xed\xa0\x80\"]", b"[\"\xc0\xaf\"]"] {
        cases.push(Case::validity(secret.clone(), raw.to_vec()));
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// Random payloads

/// SplitMix64: tiny, deterministic, good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }
}

#[derive(Clone)]
enum Value {
    Null,
    Bool(bool),
    /// The lexeme, already in PHP's output form.
    Number(String),
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

fn secret(rng: &mut Rng) -> Vec<u8> {
    if rng.chance(20) {
        return b"test_secret".to_vec();
    }
    (0..rng.range(1, 80)).map(|_| rng.next() as u8).collect()
}

fn random_payload(rng: &mut Rng) -> Value {
    // Treezor's object_payload is an object; other roots are legal JSON and PHP handles them.
    match rng.below(20) {
        0 => random_value(rng, 3),
        1 => Value::Object(Vec::new()),
        _ => random_object(rng, 4),
    }
}

fn random_value(rng: &mut Rng, depth: u32) -> Value {
    let containers = if depth == 0 { 0 } else { 4 };
    match rng.below(8 + containers) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 | 3 => Value::Number(random_integer(rng)),
        4 => Value::Number(random_float(rng)),
        5..=7 => Value::Str(random_string(rng)),
        8 | 9 => {
            let n = if rng.chance(15) { 0 } else { 1 + rng.below(5) };
            Value::Array((0..n).map(|_| random_value(rng, depth - 1)).collect())
        }
        _ => random_object(rng, depth - 1),
    }
}

fn random_object(rng: &mut Rng, depth: u32) -> Value {
    let n = if rng.chance(8) { 0 } else { 1 + rng.below(6) };
    let mut members: Vec<(String, Value)> = Vec::new();
    while members.len() < n {
        let key = random_string(rng);
        // Unique keys (PHP keeps the last of two) and no NUL first (stdClass refuses it).
        if key.starts_with('\0') || members.iter().any(|(k, _)| *k == key) {
            continue;
        }
        members.push((key, random_value(rng, depth)));
    }
    Value::Object(members)
}

/// i64 integers of every length, as PHP prints them (never `-0`).
fn random_integer(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => i64::MAX.to_string(),
        1 => i64::MIN.to_string(),
        _ => {
            let digits = rng.range(1, 19);
            let magnitude = if digits == 19 {
                rng.next() >> 1 // up to i64::MAX
            } else {
                rng.next() % 10u64.pow(digits)
            };
            let value = magnitude as i64;
            if rng.chance(40) && value != 0 {
                (-value).to_string()
            } else {
                value.to_string()
            }
        }
    }
}

/// Floats of every magnitude, printed the way PHP's `json_encode` prints them.
fn random_float(rng: &mut Rng) -> String {
    let value = match rng.below(4) {
        // Amount-like decimals.
        0 => (rng.next() % 10_000_000) as f64 / 100.0,
        // Short decimals at any scale.
        1 => (rng.next() % 100_000) as f64 * 10f64.powi(rng.range(0, 60) as i32 - 30),
        // Arbitrary bit patterns: subnormals to 1.7e308.
        _ => f64::from_bits(rng.next()),
    };
    if !value.is_finite() || value == 0.0 && value.is_sign_negative() {
        return "0.5".into();
    }
    let value = if value != 0.0 && rng.chance(30) {
        -value
    } else {
        value
    };
    php_float(value)
}

/// `json_encode` of a float with serialize_precision=-1 (zend_gcvt with 17 digits, mode 0):
/// shortest round-trip digits; exponent form when the decimal point is more than 17 digits
/// right or more than 3 zeros left of the first digit; integral values without `.0`.
fn php_float(value: f64) -> String {
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let sci = format!("{:e}", value.abs()); // shortest round-trip digits, e.g. "1.25e-7"
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} has an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let point: i32 = exponent.parse::<i32>().expect("exponent") + 1;
    let body = if !(-3..=17).contains(&point) {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        let exp = point - 1;
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{first}.{rest}e{exp_sign}{}", exp.abs())
    } else if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let point = point as usize;
        if digits.len() <= point {
            format!("{digits}{}", "0".repeat(point - digits.len()))
        } else {
            format!("{}.{}", &digits[..point], &digits[point..])
        }
    };
    format!("{sign}{body}")
}

fn random_string(rng: &mut Rng) -> String {
    let len = if rng.chance(10) { 0 } else { rng.below(14) };
    (0..len).map(|_| random_char(rng)).collect()
}

fn random_char(rng: &mut Rng) -> char {
    let code = match rng.below(16) {
        0..=4 => rng.range(0x20, 0x7e),
        5 => [b'/', b'\\', b'"'][rng.below(3)] as u32,
        6 => rng.range(0x00, 0x1f),
        7 => 0x7f,
        8 => [0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0x80, 0xa0][rng.below(7)],
        9 => rng.range(0x80, 0x7ff),
        10 | 11 => rng.range(0x800, 0xffff),
        12 => rng.range(0x1_0000, 0x1_ffff), // plane 1 (emoji live here)
        13 => rng.range(0x2_0000, 0x10_ffff), // planes 2-16
        14 => [0x1f600, 0x1f4b6, 0x10ffff, 0x10000][rng.below(4)],
        _ => ['é', 'É', 'ü', 'ß', '€', 'ñ', 'ç', 'ư', 'ố'][rng.below(9)] as u32,
    };
    // Surrogate code points are not characters; they are produced as pairs from planes 1-16.
    char::from_u32(code).unwrap_or('\u{fffd}')
}

/// A copy with one byte deleted, doubled, swapped or inserted (compared for validity only).
fn corrupt(payload: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = payload.to_vec();
    let at = rng.below(bytes.len() + 1);
    const INTERESTING: &[u8] = b",:[]{}\"\\/0-.eEu +\x01\x7f\x80\xff\xc3\xed";
    match rng.below(4) {
        0 if at < bytes.len() => {
            bytes.remove(at);
        }
        1 if at < bytes.len() => {
            let b = bytes[at];
            bytes.insert(at, b);
        }
        2 if at + 1 < bytes.len() => bytes.swap(at, at + 1),
        _ => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
    }
    bytes
}

/// A copy of `value` with exactly one scalar changed (or, with none, wrapped in an array).
fn mutate(value: &Value, rng: &mut Rng) -> Value {
    let mut copy = value.clone();
    let leaves = count_leaves(&copy);
    if leaves == 0 {
        return Value::Array(vec![copy]);
    }
    let mut target = rng.below(leaves);
    change_leaf(&mut copy, &mut target);
    copy
}

fn count_leaves(value: &Value) -> usize {
    match value {
        Value::Array(items) => items.iter().map(count_leaves).sum(),
        Value::Object(members) => members.iter().map(|(_, v)| count_leaves(v)).sum(),
        _ => 1,
    }
}

/// Changes the `target`-th scalar (document order); `target` counts down as leaves pass.
fn change_leaf(value: &mut Value, target: &mut usize) -> bool {
    match value {
        Value::Array(items) => items.iter_mut().any(|v| change_leaf(v, target)),
        Value::Object(members) => members.iter_mut().any(|(_, v)| change_leaf(v, target)),
        _ if *target > 0 => {
            *target -= 1;
            false
        }
        leaf => {
            let changed = match &*leaf {
                Value::Null => Value::Bool(false),
                Value::Bool(b) => Value::Bool(!*b),
                Value::Number(n) if n == "0" => Value::Number("1".into()),
                Value::Number(_) => Value::Number("0".into()),
                Value::Str(s) => Value::Str(format!("{s}x")),
                Value::Array(_) | Value::Object(_) => return false,
            };
            *leaf = changed;
            true
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering the input text: PHP-like pretty printing, random whitespace, random escapes

#[derive(Clone, Copy)]
enum Style {
    Compact,
    Pretty,
    RandomWhitespace,
}

impl Style {
    fn random(rng: &mut Rng) -> Self {
        [Style::Compact, Style::Pretty, Style::RandomWhitespace][rng.below(3)]
    }
}

fn render(value: &Value, style: Style, rng: &mut Rng) -> String {
    let mut out = String::new();
    write_value(value, style, 0, rng, &mut out);
    if let Style::RandomWhitespace = style {
        out = format!("{}{out}{}", whitespace(rng), whitespace(rng));
    }
    out
}

fn whitespace(rng: &mut Rng) -> String {
    (0..rng.below(4))
        .map(|_| [' ', '\t', '\n', '\r'][rng.below(4)])
        .collect()
}

fn write_value(value: &Value, style: Style, indent: usize, rng: &mut Rng, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::Str(s) => write_string(s, rng, out),
        Value::Array(items) => {
            let items: Vec<_> = items.iter().map(|v| (None, v)).collect();
            write_container(&items, ('[', ']'), style, indent, rng, out);
        }
        Value::Object(members) => {
            let items: Vec<_> = members.iter().map(|(k, v)| (Some(k), v)).collect();
            write_container(&items, ('{', '}'), style, indent, rng, out);
        }
    }
}

fn write_container(
    items: &[(Option<&String>, &Value)],
    (open, close): (char, char),
    style: Style,
    indent: usize,
    rng: &mut Rng,
    out: &mut String,
) {
    let gap = |rng: &mut Rng| match style {
        Style::RandomWhitespace => whitespace(rng),
        _ => String::new(),
    };
    out.push(open);
    if items.is_empty() {
        out.push_str(&gap(rng));
        out.push(close);
        return;
    }
    for (i, (key, value)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&gap(rng));
            out.push(',');
        }
        match style {
            Style::Pretty => {
                out.push('\n');
                out.push_str(&"    ".repeat(indent + 1));
            }
            _ => out.push_str(&gap(rng)),
        }
        if let Some(key) = key {
            write_string(key, rng, out);
            out.push_str(&gap(rng));
            out.push(':');
            out.push_str(match style {
                Style::Pretty => " ",
                _ => "",
            });
            out.push_str(&gap(rng));
        }
        write_value(value, style, indent + 1, rng, out);
    }
    match style {
        Style::Pretty => {
            out.push('\n');
            out.push_str(&"    ".repeat(indent));
        }
        _ => out.push_str(&gap(rng)),
    }
    out.push(close);
}

/// Any valid JSON spelling of `s`: raw where JSON allows it, otherwise (or at random) short
/// escapes, `\/`, and `\uXXXX` in either hex case (surrogate pairs above U+FFFF).
fn write_string(s: &str, rng: &mut Rng, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            '\u{8}' => Some('b'),
            '\u{c}' => Some('f'),
            '\n' => Some('n'),
            '\r' => Some('r'),
            '\t' => Some('t'),
            _ => None,
        };
        let must_escape = c < ' ' || c == '"' || c == '\\';
        if !must_escape && rng.chance(75) {
            out.push(c);
        } else if let Some(e) = short.filter(|_| rng.chance(60)) {
            out.push('\\');
            out.push(e);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let text = format!("\\u{unit:04x}");
                if rng.chance(50) {
                    out.push_str(&text.to_uppercase().replacen("\\U", "\\u", 1));
                } else {
                    out.push_str(&text);
                }
            }
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// Whole Treezor envelopes: PHP signs and encodes the body, TreezorVerifier checks it

const ENVELOPES: usize = 1200;

/// `json_encode` flags PHP may have written the body with: default, pretty, unescaped slashes
/// and unicode, both. The signature is always over the default encoding of object_payload.
const BODY_FLAGS: [u32; 4] = [0, 128, 64 | 256, 128 | 64 | 256];

const PHP_ENVELOPE_SCRIPT: &str = r#"<?php
$in = fopen($argv[1], 'r');
while (($line = fgets($in)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === '') { continue; }
    [$secretHex, $flags, $envelopeB64, $tamperedB64] = explode(' ', $line);
    $envelope = json_decode(base64_decode($envelopeB64, true), false);
    if (json_last_error() !== JSON_ERROR_NONE) { echo "decode_error ", json_last_error_msg(), "\n"; continue; }
    $flat = (isset($envelope->webhook) && is_object($envelope->webhook)) ? $envelope->webhook : $envelope;
    $flat->object_payload_signature = base64_encode(
        hash_hmac('sha256', json_encode($flat->object_payload), hex2bin($secretHex), true));
    $good = json_encode($envelope, (int) $flags);
    // The same delivery with one signed value changed, the signature kept.
    $flat->object_payload = json_decode(base64_decode($tamperedB64, true), false);
    $tampered = json_encode($envelope, (int) $flags);
    if ($good === false || $tampered === false) { echo "encode_error ", json_last_error_msg(), "\n"; continue; }
    echo "ok ", base64_encode($good), " ", base64_encode($tampered), "\n";
}
"#;

struct EnvelopeCase {
    secret: String,
    name: String,
    wrapped: bool,
    flags: u32,
    envelope: String,
    tampered_payload: String,
}

#[test]
#[cfg(feature = "treezor")]
fn php_signed_treezor_envelopes_verify_and_tampered_ones_are_refused() {
    use hookseal::providers::treezor::{TreezorEnvelopeShape, TreezorVerifier};
    use hookseal::ErrorCode;

    let Some(php) = common::php::find_php("php_oracle") else {
        return;
    };
    let mut rng = Rng(0x656e_7665_6c6f_7065);
    let seed_payloads = seed_payloads();
    let cases: Vec<EnvelopeCase> = (0..ENVELOPES)
        .map(|i| random_envelope(&mut rng, &seed_payloads, i))
        .collect();
    let answers = run_php_envelopes(&php, &cases);
    assert_eq!(
        answers.len(),
        cases.len(),
        "php answered fewer lines than cases"
    );

    let (mut verified, mut refused, mut typed, mut pretty, mut wrapped) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for (case, answer) in cases.iter().zip(&answers) {
        let Some((good, tampered)) = answer else {
            failures.push(format!("php refused {:?}", case.envelope));
            continue;
        };
        let v = TreezorVerifier::new(vec![case.secret.clone()], 1 << 20).unwrap();
        match v.verify_with_js_json(good) {
            Ok((w, js)) => {
                let shape = if case.wrapped {
                    TreezorEnvelopeShape::Wrapped
                } else {
                    TreezorEnvelopeShape::Flat
                };
                if w.event_name() != case.name || w.envelope().shape != shape {
                    failures.push(format!(
                        "wrong name/shape for {}",
                        String::from_utf8_lossy(good)
                    ));
                }
                if serde_json::from_str::<serde_json::Value>(&js).is_err() {
                    failures.push(format!("JS output is not JSON: {js}"));
                }
                verified += 1;
                typed += usize::from(w.is_typed());
                pretty += usize::from(case.flags & 128 != 0);
                wrapped += usize::from(case.wrapped);
            }
            Err(e) => failures.push(format!(
                "PHP-signed body refused ({e}), flags {}:\n  {}",
                case.flags,
                String::from_utf8_lossy(good)
            )),
        }
        match v.verify(tampered) {
            Err(e) if e.code == ErrorCode::SignatureMismatch => refused += 1,
            other => failures.push(format!(
                "tampered body not refused as signature_mismatch ({:?}):\n  {}",
                other.map(|w| w.event_name().to_string()),
                String::from_utf8_lossy(tampered)
            )),
        }
    }
    eprintln!(
        "php envelopes: {verified} PHP-signed bodies verified ({typed} typed, {pretty} pretty, \
         {wrapped} wrapped), {refused} with one signed value changed refused"
    );
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        verified >= 1000 && refused >= 1000,
        "too few cases: {verified}/{refused}"
    );
    assert!(
        typed >= 100 && pretty >= 200 && wrapped >= 200,
        "{typed}/{pretty}/{wrapped}"
    );
}

/// Event names: typed ones (with random payloads these exercise the untyped fallback), one
/// Treezor documents but hookseal does not type, and one that does not exist.
const EVENT_NAMES: [&str; 8] = [
    "payin.create",
    "payout.update",
    "transaction.create",
    "sepa.return_sddr",
    "sepa_sddr.reception",
    "beneficiary.update",
    "card.create",
    "hookseal.unknown",
];

fn random_envelope(rng: &mut Rng, seeds: &[(String, Value)], i: usize) -> EnvelopeCase {
    // One case in four carries a real seed payload (typed), the rest random payloads.
    let (name, payload) = match seeds.get(rng.below(seeds.len())) {
        Some((name, payload)) if i % 4 == 0 => (name.clone(), payload.clone()),
        _ => (
            EVENT_NAMES[rng.below(EVENT_NAMES.len())].to_string(),
            random_payload(rng),
        ),
    };
    let created_at = match rng.below(4) {
        0 => Value::Number(format!(
            "1{}",
            rng.range(6_000_000, 7_999_999) as u64 * 1_000_000 + rng.below(1_000_000) as u64
        )),
        1 => Value::Number(format!("16{:014}", rng.next() % 100_000_000_000_000)),
        2 => Value::Number(format!("17{:08}", rng.below(100_000_000))),
        _ => Value::Str(format!("17{:012}", rng.next() % 1_000_000_000_000)),
    };
    let id = |rng: &mut Rng| match rng.below(3) {
        0 => Value::Str(format!("{}", rng.below(1_000_000_000))),
        1 => Value::Number(format!("{}", rng.below(1_000_000_000))),
        _ => Value::Str(format!(
            "{:08x}-{:04x}-4{:03x}",
            rng.next() as u32,
            rng.below(65536),
            rng.below(4096)
        )),
    };
    let mut flat = vec![
        ("webhook".to_string(), Value::Str(name.clone())),
        ("webhook_id".to_string(), id(rng)),
        (
            "object".to_string(),
            Value::Str(name.split('.').next().unwrap_or("").to_string()),
        ),
        ("object_id".to_string(), id(rng)),
        ("object_payload".to_string(), payload.clone()),
        ("webhook_created_at".to_string(), created_at),
    ];
    // Treezor's member order varies between examples.
    if rng.chance(50) {
        flat.swap(1, 4);
    }
    let wrapped = rng.chance(50);
    let envelope = if wrapped {
        Value::Object(vec![
            ("messageId".into(), id(rng)),
            ("webhookId".into(), id(rng)),
            ("webhook".into(), Value::Object(flat)),
            ("clientId".into(), id(rng)),
        ])
    } else {
        Value::Object(flat)
    };
    let secret: String = (0..rng.range(1, 64))
        .map(|_| {
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/+="[rng.below(67)]
                as char
        })
        .collect();
    EnvelopeCase {
        secret,
        name,
        wrapped,
        flags: BODY_FLAGS[rng.below(BODY_FLAGS.len())],
        envelope: render(&envelope, Style::Compact, rng),
        tampered_payload: render(&mutate(&payload, rng), Style::Compact, rng),
    }
}

/// The object_payload of every seed example (tests/fixtures/treezor), with its event name.
fn seed_payloads() -> Vec<(String, Value)> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/treezor");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("fixture");
        let flat = if json["webhook"].is_object() {
            &json["webhook"]
        } else {
            &json
        };
        let name = flat["webhook"].as_str().expect("webhook").to_string();
        out.push((name, from_serde(&flat["object_payload"])));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn from_serde(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_serde).collect()),
        serde_json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), from_serde(v)))
                .collect(),
        ),
    }
}

fn run_php_envelopes(php: &Path, cases: &[EnvelopeCase]) -> Vec<Option<(Vec<u8>, Vec<u8>)>> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut lines = String::new();
    for case in cases {
        let _ = writeln!(
            lines,
            "{} {} {} {}",
            hex(case.secret.as_bytes()),
            case.flags,
            b64.encode(&case.envelope),
            b64.encode(&case.tampered_payload)
        );
    }
    common::php::run_batch(php, "php-envelopes", PHP_ENVELOPE_SCRIPT, &lines)
        .iter()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("ok"), Some(good), Some(tampered)) => Some((
                    b64.decode(good).expect("php base64"),
                    b64.decode(tampered).expect("php base64"),
                )),
                _ => None,
            }
        })
        .collect()
}
