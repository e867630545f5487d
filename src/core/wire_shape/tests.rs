//! The checker on its own: every kind, nesting, paths in messages, serde's quirks, hostile
//! input. (`tests/wire_shape_agreement.rs` compares it with serde on the provider types.)

use serde::Deserialize;

use super::scan::{overflows_f64, plain_end, same_bytes};
use super::*;

/// Every kind of field, with serde's attributes, so the derive and serde see the same type.
#[derive(Debug, Deserialize, WireShape)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Row {
    text: String,
    flag: bool,
    small: i32,
    unsigned: u8,
    ratio: f64,
    maybe: Option<String>,
    #[serde(default)]
    list: Vec<String>,
    #[serde(rename = "IBAN")]
    iban: Option<String>,
    inner: Option<Inner>,
    items: Option<Vec<Inner>>,
    raw: Option<Box<RawValue>>,
    either: Option<Either>,
}

#[derive(Debug, Default, Deserialize, WireShape)]
#[serde(default)]
#[allow(dead_code)]
struct Inner {
    a_b: Option<String>,
    n: Option<i64>,
}

#[derive(Debug, Deserialize, WireShape)]
#[serde(untagged)]
#[allow(dead_code)]
enum Either {
    Text(String),
    Date(Dated),
}

#[derive(Debug, Deserialize, WireShape)]
#[allow(dead_code)]
struct Dated {
    date: String,
    #[serde(default)]
    zone: Option<i32>,
}

#[derive(Debug, Deserialize, WireShape)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Closed {
    only: Option<bool>,
}

const GOOD: &str = r#"{"text":"t","flag":true,"small":-5,"unsigned":255,"ratio":1.5e3,"maybe":null,
    "list":["a","b"],"IBAN":"FR76","inner":{"a_b":"x","n":-9223372036854775808},
    "items":[{},{"n":1}],"raw":{"any":[1,{"x":null}]},"either":{"date":"2024-01-01","zone":3}}"#;

fn row() -> &'static Kind {
    kind_of::<Row>()
}

fn verdict(json: &str) -> Result<(), String> {
    check(json.as_bytes(), row()).map_err(|m| m.describe("row"))
}

fn serde_ok(json: &str) -> bool {
    serde_json::from_str::<Row>(json).is_ok()
}

/// Both verdicts, which must agree.
fn agreed(json: &str) -> Result<(), String> {
    let ours = verdict(json);
    assert_eq!(ours.is_ok(), serde_ok(json), "{json}\nours: {ours:?}");
    ours
}

fn with(member: &str, value: &str) -> String {
    let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(GOOD).unwrap();
    let mut out = String::from("{");
    for (i, (k, old)) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{k:?}:"));
        if k == member {
            out.push_str(value);
        } else {
            out.push_str(&old.to_string());
        }
    }
    out.push('}');
    out
}

#[test]
fn the_derived_table_reads_serde_attributes() {
    let Kind::Object(shape) = row() else {
        panic!("{:?}", row())
    };
    let names: Vec<_> = shape.fields.iter().map(|f| f.wire_name).collect();
    assert_eq!(
        names,
        [
            "text", "flag", "small", "unsigned", "ratio", "maybe", "list", "IBAN", "inner",
            "items", "raw", "either"
        ]
    );
    let list = &shape.fields[6];
    assert!(list.default && !list.optional && !list.required());
    let maybe = &shape.fields[5];
    assert!(!maybe.default && maybe.optional && !maybe.required());
    assert!(shape.fields[0].required());
    assert_eq!(shape.fields[2].kind, &Kind::Integer(Int::I32));
    assert!(matches!(
        shape.fields[11].kind,
        Kind::Nullable(Kind::AnyOf([Kind::String, Kind::Object(_)]))
    ));
    let Kind::Object(closed) = kind_of::<Closed>() else {
        panic!()
    };
    assert!(!closed.open);
}

#[test]
fn a_good_value_passes() {
    agreed(GOOD).unwrap();
}

#[test]
fn each_kind_refuses_the_other_kinds() {
    let values = [
        "\"s\"", "true", "1", "-1", "1.5", "null", "[]", "{}", "[\"a\"]",
    ];
    for member in [
        "text", "flag", "small", "unsigned", "ratio", "maybe", "list", "IBAN", "inner", "items",
        "raw", "either",
    ] {
        for value in values {
            let _ = agreed(&with(member, value));
        }
    }
}

#[test]
fn paths_and_messages_name_the_place_and_the_kinds() {
    assert_eq!(
        agreed(&with("text", "5")).unwrap_err(),
        "row.text: expected a string, got a number"
    );
    assert_eq!(
        agreed(&with("items", r#"[{}, {"n": "1"}]"#)).unwrap_err(),
        "row.items[1].n: expected an integer from -9223372036854775808 to 9223372036854775807 or null, got a string"
    );
    assert_eq!(
        agreed(&with("list", r#"["a", null]"#)).unwrap_err(),
        "row.list[1]: expected a string, got null"
    );
    assert_eq!(
        agreed(&with("either", r#"{"date": 5}"#)).unwrap_err(),
        "row.either.date: expected a string, got a number"
    );
    assert_eq!(
        agreed(&with("either", "5")).unwrap_err(),
        "row.either: expected a string or an object or null, got a number"
    );
    assert_eq!(
        agreed(r#"{"flag":true}"#).unwrap_err(),
        "row: the member `text` is missing"
    );
    assert_eq!(
        agreed(&with("inner", r#"{"n":1,"n":2}"#)).unwrap_err(),
        "row.inner: the member `n` appears twice"
    );
    let m = check(br#"{"only":true,"other":1}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(m.describe(""), "`other` is not a member of this object");
    assert!(serde_json::from_str::<Closed>(r#"{"only":true,"other":1}"#).is_err());
}

#[test]
fn integers_follow_serde_json_reading_of_numbers() {
    for (value, ok) in [
        ("2147483647", true),
        ("2147483648", false),
        ("-2147483648", true),
        ("-2147483649", false),
        ("0", true),
        ("-0", false), // serde_json reads -0 as a float
        ("1.0", false),
        ("1e2", false),
        ("1E2", false),
        ("99999999999999999999999", false),
        ("\"1\"", false),
    ] {
        assert_eq!(agreed(&with("small", value)).is_ok(), ok, "{value}");
    }
    for (value, ok) in [("255", true), ("256", false), ("-1", false), ("0", true)] {
        assert_eq!(agreed(&with("unsigned", value)).is_ok(), ok, "{value}");
    }
    for value in [
        "9223372036854775807",
        "-9223372036854775808",
        "-9223372036854775809",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "-18446744073709551616",
    ] {
        agreed(&with("inner", &format!("{{\"n\":{value}}}"))).ok();
    }
}

#[test]
fn numbers_must_fit_a_double_where_serde_computes_them() {
    for value in [
        "1e308",
        "1.7976931348623157e308",
        "1e309",
        "-1e400",
        "0e99999",
        "1e-400",
    ] {
        agreed(&with("ratio", value)).ok();
        // In an untagged enum's buffer too, even in a member no type reads.
        agreed(&with(
            "either",
            &format!("{{\"date\":\"d\",\"x\":{value}}}"),
        ))
        .ok();
        // Skipped members are only scanned.
        agreed(&with("inner", &format!("{{\"x\":{value}}}"))).unwrap();
    }
    assert!(!overflows_f64(b"179769313486231570000e288"));
    assert!(overflows_f64(b"0.0000018e315"));
    assert!(!overflows_f64(b"-0.000"));
    assert!(overflows_f64(b"1e1000000000000000000000000"));
    assert!(!overflows_f64(b"1e-1000000000000000000000000"));
    // Around the shortcut for numbers without an exponent: 308 characters never overflow,
    // 309 may (2×10^308 does, 10^308 does not).
    let digits = |first: &str, zeros: usize| format!("{first}{}", "0".repeat(zeros));
    assert!(!overflows_f64("9".repeat(308).as_bytes()));
    assert!(!overflows_f64(digits("-9", 307).as_bytes()));
    assert!(!overflows_f64(digits("1", 308).as_bytes()));
    assert!(overflows_f64(digits("2", 308).as_bytes()));
    assert!(overflows_f64(digits("-2", 308).as_bytes()));
    for value in [
        digits("1", 308),
        digits("2", 308),
        digits("-2", 308),
        format!("{}.5", digits("2", 308)),
    ] {
        agreed(&with("ratio", &value)).ok();
    }
}

#[test]
fn strings_that_serde_decodes_must_be_proper_unicode() {
    // Escapes are decoded before matching member names.
    agreed(&with("text", r#""\u00e9\ud83d\ude00\n\/""#)).unwrap();
    let escaped_name = GOOD.replacen("\"text\"", "\"t\\u0065xt\"", 1);
    agreed(&escaped_name).unwrap();
    // A lone surrogate: refused in a string serde decodes, not in one it skips.
    assert!(agreed(&with("text", r#""\ud800""#)).is_err());
    assert!(agreed(&with("text", r#""\udc00x""#)).is_err());
    assert!(agreed(&with("text", r#""\ud800\u0041""#)).is_err());
    agreed(&with("inner", r#"{"skipped":"\ud800"}"#)).unwrap();
    agreed(&with("raw", r#""\ud800""#)).unwrap();
    // Buffered by an untagged enum: decoded, skipped member included.
    assert!(agreed(&with("either", r#"{"date":"d","x":"\ud800"}"#)).is_err());
    let m = check(br#""\ud800""#, kind_of::<String>()).unwrap_err();
    assert_eq!(m.category, Category::Json);
    // Invalid escapes and raw control characters are refused everywhere.
    assert!(agreed(&with("inner", r#"{"x":"\q"}"#)).is_err());
    assert!(agreed(&with("inner", "{\"x\":\"a\u{1}\"}")).is_err());
}

#[test]
fn invalid_utf8_is_refused_where_serde_json_decodes_from_bytes() {
    let body = |value: &[u8]| {
        let mut b = br#"{"text":"#.to_vec();
        b.extend_from_slice(value);
        b.extend_from_slice(br#","flag":true,"small":1,"unsigned":1,"ratio":1}"#);
        b
    };
    let cases: [(&[u8], &str); 3] = [
        (b"\"\xff\"", "decoded string"),
        (b"\"x\",\"skipped\":\"\xff\"", "skipped string"),
        (b"\"x\",\"raw\":\"\xff\"", "raw value"),
    ];
    for (value, what) in cases {
        let json = body(value);
        let ours = check(&json, row()).is_ok();
        let serde = serde_json::from_slice::<Row>(&json).is_ok();
        assert_eq!(ours, serde, "{what}");
    }
}

#[test]
fn structs_also_read_serde_sequence_form() {
    // Fields in declaration order; the default-able tail may be left off.
    agreed(r#"["t", true, 1, 2, 3.5, null, [], "IBAN", null, null, null, null]"#).unwrap();
    // `list` has a default, but `maybe` before it is an Option without one: required here.
    let short = agreed(r#"["t", true, 1, 2, 3.5]"#).unwrap_err();
    assert_eq!(
        short,
        "row: an array in place of an object lists its 12 members in order; got 5 items"
    );
    let m = check(
        br#"["t",true,1,2,3.5,null,[],"I",null,null,null,null,1]"#,
        row(),
    )
    .unwrap_err();
    assert_eq!(
        m.category,
        Category::Json,
        "serde_json: trailing characters"
    );
    assert!(!serde_ok(
        r#"["t",true,1,2,3.5,null,[],"I",null,null,null,null,1]"#
    ));
    // A struct with defaults reads an empty array.
    agreed(&with("inner", "[]")).unwrap();
    agreed(&with("inner", r#"["x", 5]"#)).unwrap();
    assert_eq!(
        agreed(&with("inner", r#"["x", "5"]"#)).unwrap_err(),
        "row.inner[1]: expected an integer from -9223372036854775808 to 9223372036854775807 or null, got a string"
    );
    agreed(&with("either", r#"["2024-01-01", 3]"#)).unwrap();
    assert!(agreed(&with("either", r#"["2024-01-01", 3, 4]"#)).is_err());
}

#[test]
fn categories_say_how_serde_would_report_it() {
    let dup = check(br#"{"only":true,"only":false}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(dup.category, Category::Duplicate);
    let e = serde_json::from_str::<Closed>(r#"{"only":true,"only":false}"#).unwrap_err();
    assert!(e.to_string().contains("duplicate field"));
    let shape = check(br#"{"only":1}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(shape.category, Category::Shape);
    let syntax = check(br#"{"only":tru}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(syntax.category, Category::Json);
    // serde_json reads a scalar of the wrong kind to name it, and reports its own problem.
    let m = check(br#"{"only":"\ud800"}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(m.category, Category::Json);
    let m = check(br#"{"only":1e400}"#, kind_of::<Closed>()).unwrap_err();
    assert_eq!(m.category, Category::Json);
    assert!(serde_json::from_str::<Closed>(r#"{"only":1e400}"#)
        .unwrap_err()
        .is_syntax());
    // Inside an untagged enum a duplicate is just "no variant matched".
    let m = check(br#"{"date":"a","date":"b"}"#, kind_of::<Either>()).unwrap_err();
    assert_eq!(m.category, Category::Shape);
}

#[test]
fn one_of_and_any() {
    static COLORS: Kind = Kind::OneOf(&["red", "dark blue"]);
    assert!(check(br#""red""#, &COLORS).is_ok());
    assert!(check(br#""dark\u0020blue""#, &COLORS).is_ok());
    let m = check(br#""green""#, &COLORS).unwrap_err();
    assert_eq!(
        m.to_string(),
        "expected one of \"red\", \"dark blue\", got another string"
    );
    assert!(check(b"1", &COLORS).is_err());
    static ANY: Kind = Kind::Any;
    for ok in ["1", "\"x\"", "[[[]]]", "{\"a\":{}}", " null "] {
        assert!(check(ok.as_bytes(), &ANY).is_ok(), "{ok}");
    }
    static EITHER: Kind = Kind::StringOrNumber;
    for (v, ok) in [
        ("\"1\"", true),
        ("1e999", true),
        ("-0.5", true),
        ("true", false),
        ("{}", false),
    ] {
        assert_eq!(check(v.as_bytes(), &EITHER).is_ok(), ok, "{v}");
    }
}

#[test]
fn top_level_spans_point_at_each_member() {
    let json = br#" {"text" : "a\"b", "flag":true,"small":1,"unsigned":2,"ratio":3} "#;
    let spans = check_fields(json, row()).unwrap();
    let text = &json[spans[0].clone().unwrap()];
    assert_eq!(text, br#""a\"b""#);
    assert_eq!(decode_string(text).as_deref(), Some("a\"b"));
    assert_eq!(&json[spans[4].clone().unwrap()], b"3");
    assert_eq!(spans[5], None);
    let seq = br#"["a",false,1,2,3,null,[],null,null,null,null,null]"#;
    let spans = check_fields(seq, row()).unwrap();
    assert_eq!(&seq[spans[1].clone().unwrap()], b"false");
    assert_eq!(decode_string(b"\"\\ud800\""), None);
    assert_eq!(decode_string(b"\"a\" x"), None);
    assert_eq!(decode_string(b"5"), None);
}

/// `decode_string` agrees with serde_json on string tokens with and without escapes: the
/// plain ones take a shortcut (their content copied as it is), the others are decoded.
#[test]
fn decode_string_agrees_with_serde_on_plain_and_escaped_tokens() {
    let tokens: &[&[u8]] = &[
        b"\"\"",
        b"\"a\"",
        b"\"caf\xc3\xa9\"",
        b"\"a\" ",
        b"\"a\"x",
        b"\"a\x01\"",
        b"\"a\x01",
        b"\"\xff\"",
        b"\"\xc3\"",
        b"\"",
        b"\"a",
        b"\"a\\\"",
        b"\"a\\\"b\"",
        b"\"a\\u00e9\"",
        b"\"\\ud83d\\ude00\"",
        b"\"\\ud800\"",
        b"\"a\"b\"",
        b"a\"",
        b"\"\\/\"",
        b"\"x\ty\"",
    ];
    for &token in tokens {
        let serde = serde_json::from_slice::<String>(token).ok();
        assert_eq!(
            decode_string(token),
            serde,
            "{:?}",
            String::from_utf8_lossy(token)
        );
        // `decode_str` gives the same value, borrowed when the token is a string without an
        // escape and nothing else (in the builds with the shortcut).
        let value = decode_str(token);
        assert_eq!(value.as_deref(), serde.as_deref());
        if let Some(value) = value {
            let plain = !token.contains(&b'\\') && token.last() == Some(&b'"');
            assert_eq!(
                matches!(value, std::borrow::Cow::Borrowed(_)),
                plain && cfg!(feature = "fast-json"),
                "{:?}",
                String::from_utf8_lossy(token)
            );
        }
    }
}

#[test]
fn hostile_input_is_refused_without_panic_or_deep_recursion() {
    // Deep nesting in a skipped member, in a raw value, at the top.
    for depth in [126usize, 127, 128, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let in_member = with("inner", &format!("{{\"x\":{deep}}}"));
        agreed(&in_member).ok();
        let raw = with("raw", &deep);
        agreed(&raw).ok();
        assert!(check(deep.as_bytes(), kind_of::<Vec<Vec<String>>>()).is_err());
        let unclosed = "[".repeat(depth);
        assert!(check(unclosed.as_bytes(), &Kind::Any).is_err());
    }
    // What serde reads stops at the 128th level; what it skips does not.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(check(deep.as_bytes(), &Kind::Any).is_ok());
    let m = check(deep.as_bytes(), kind_of::<Either>()).unwrap_err();
    assert_eq!((m.problem, m.category), (Problem::TooDeep, Category::Json));
    // Every prefix of a good value, and stray bytes at every position.
    let good = GOOD.as_bytes();
    for end in 0..good.len() {
        let _ = check(&good[..end], row());
    }
    for i in 0..good.len() {
        for b in [b'"', b'\\', b'{', b']', b',', 0xff, 0x00, b'-', b'e'] {
            let mut bad = good.to_vec();
            bad[i] = b;
            let ours = check(&bad, row()).is_ok();
            assert_eq!(
                ours,
                serde_json::from_slice::<Row>(&bad).is_ok(),
                "{}",
                String::from_utf8_lossy(&bad)
            );
        }
    }
    for junk in [
        "",
        " ",
        "{",
        "[",
        "\"",
        "nul",
        "-",
        "1.",
        "1e",
        "{\"a\"",
        "{\"a\":",
        "[1,]",
        "{,}",
        "\"\\u12\"",
    ] {
        assert!(check(junk.as_bytes(), row()).is_err(), "{junk}");
        assert!(check(junk.as_bytes(), &Kind::Any).is_err(), "{junk}");
    }
    assert!(check(b"{} {}", row()).is_err());
}

/// A small deterministic generator (no dependency): xorshift.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_values_get_serde_verdicts() {
    let atoms = [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "1.5",
        "1e3",
        "2147483648",
        "\"\"",
        "\"x\"",
        "\"\\ud800\"",
        "[]",
        "{}",
        "[\"a\"]",
        "1e400",
    ];
    let members = [
        "text", "flag", "small", "unsigned", "ratio", "maybe", "list", "IBAN", "inner", "items",
        "raw", "either", "n", "a_b", "date", "zone", "extra",
    ];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    // Values built from random members and atoms, nested up to three levels.
    fn value(rng: &mut Rng, atoms: &[&str], members: &[&str], depth: u32) -> String {
        match rng.next() % 4 {
            0 if depth < 3 => {
                let n = rng.next() % 4;
                let items: Vec<_> = (0..n)
                    .map(|_| value(rng, atoms, members, depth + 1))
                    .collect();
                format!("[{}]", items.join(","))
            }
            1 if depth < 3 => {
                let n = rng.next() % 5;
                let items: Vec<_> = (0..n)
                    .map(|_| {
                        format!(
                            "{:?}:{}",
                            rng.pick(members),
                            value(rng, atoms, members, depth + 1)
                        )
                    })
                    .collect();
                format!("{{{}}}", items.join(","))
            }
            _ => rng.pick(atoms).to_string(),
        }
    }
    let mut accepted = 0;
    for _ in 0..20_000 {
        let member = rng.pick(&members[..12]);
        let json = with(member, &value(&mut rng, &atoms, &members, 1));
        accepted += usize::from(agreed(&json).is_ok());
        let kind_json = value(&mut rng, &atoms, &members, 0);
        let ours = check(kind_json.as_bytes(), kind_of::<Either>()).is_ok();
        let theirs = serde_json::from_str::<Either>(&kind_json).is_ok();
        assert_eq!(ours, theirs, "{kind_json}");
        let ours = check(kind_json.as_bytes(), kind_of::<Inner>()).is_ok();
        let theirs = serde_json::from_str::<Inner>(&kind_json).is_ok();
        assert_eq!(ours, theirs, "{kind_json}");
    }
    assert!(
        accepted > 1000,
        "the generator should also make valid values: {accepted}"
    );
}

/// A string read in PHP's form with nothing to write takes a shortcut (`php_string_end`):
/// the same verdict, end and form as the general loop, which a string read into a buffer
/// takes, on PHP's spellings, on the ones PHP never writes, on broken ones, and on every
/// one-byte change of a string with every kind of escape in it.
#[test]
fn strings_in_php_form_read_as_the_general_loop_reads_them() {
    use super::scan::{Cursor, Strings};
    let read = |bytes: &[u8], buffered: bool| {
        let mut cursor = Cursor::new(bytes);
        cursor.track_php_form();
        let mut out = Vec::new();
        let result = cursor.string(Strings::Decode, buffered.then_some(&mut out));
        (result, cursor.pos(), cursor.take_php_form())
    };
    let mut cases: Vec<Vec<u8>> = [
        r#""plain","#,
        r#""a\/b\u00e9\u2014\ud83d\ude00\n\t\"\\\u001f","#,
        r#""\u00E9""#,
        r#""\u000a""#,
        r#""\u0041""#,
        r#""\udc00x""#,
        r#""\ud800x""#,
        r#""\ud800\u0041""#,
        r#""a/b""#,
        "\"caf\u{e9}\"",
        "\"tab\there\"",
        r#""\x""#,
        r#""\u12""#,
        r#""unterminated"#,
        r#""ends in a backslash\"#,
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    cases.push(b"\"bad \xff utf-8\"".to_vec());
    let base = br#""x\/y\u00e7\u2014 \ud83d\ude00\n\"z\\","#;
    for at in 1..base.len() {
        for b in [
            b'a', b'"', b'\\', b'/', b'u', b'0', b'D', b'd', 0x1f, 0x7f, 0xc3, 0xff,
        ] {
            let mut changed = base.to_vec();
            changed[at] = b;
            cases.push(changed);
        }
    }
    for bytes in &cases {
        let (quick, general) = (read(bytes, false), read(bytes, true));
        assert_eq!(
            quick.0.is_ok(),
            general.0.is_ok(),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        if quick.0.is_ok() {
            assert_eq!(
                (quick.1, quick.2),
                (general.1, general.2),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    assert!(cases.len() > 300);
}

/// The word-at-a-time scan stops where the byte loop it replaced stops, wherever the stop byte
/// lies in a word and whatever the bytes around it (non-ASCII included).
#[test]
fn plain_end_stops_where_a_byte_loop_stops() {
    let byte_loop = |bytes: &[u8], start: usize| {
        start
            + bytes[start..]
                .iter()
                .take_while(|&&b| !(b < 0x20 || b == b'"' || b == b'\\'))
                .count()
    };
    let mut checked = 0;
    for fill in [
        b'a', b' ', b'/', 0x7f, 0x80, 0xc3, 0xff, b'!', b'#', b'[', b']',
    ] {
        for len in 0..40 {
            let plain = vec![fill; len];
            assert_eq!(plain_end(&plain, 0), len);
            for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                for at in 0..len {
                    let mut bytes = plain.clone();
                    bytes[at] = stop;
                    for start in 0..=at {
                        assert_eq!(plain_end(&bytes, start), byte_loop(&bytes, start));
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000);
}

/// Member names are matched in place when written plainly, decoded otherwise: the same field
/// either way, in any order, and an escaped duplicate is still a duplicate.
#[test]
fn member_names_match_plain_or_escaped_in_any_order() {
    let good =
        r#"{"inner":null,"IBAN":"x","text":"t","flag":true,"small":1,"unsigned":2,"ratio":1.5}"#;
    assert_eq!(agreed(good), Ok(()));
    let escaped = r#"{"t\u0065xt":"t","fl\u0061g":true,"small":1,"unsigned":2,"ratio":1.5}"#;
    assert_eq!(agreed(escaped), Ok(()));
    let duplicate =
        r#"{"text":"t","t\u0065xt":"u","flag":true,"small":1,"unsigned":2,"ratio":1.5}"#;
    assert!(agreed(duplicate).is_err());
    let unknown = r#"{"text":"t","flag":true,"small":1,"unsigned":2,"ratio":1.5,"te":1,"textt":2}"#;
    assert_eq!(agreed(unknown), Ok(()));
}

/// The word-at-a-time comparison of member names is slice equality.
#[test]
fn same_bytes_is_slice_equality() {
    let text = b"transactionId walletDebitBalance x";
    for len_a in 0..20 {
        for len_b in 0..20 {
            for start in [0, 1, 14] {
                let a = &text[start..start + len_a];
                let b = &text[..len_b];
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
    let mut changed = *b"walletDebitBalance";
    for i in 0..changed.len() {
        changed[i] ^= 1;
        assert!(!same_bytes(&changed, b"walletDebitBalance"));
        changed[i] ^= 1;
    }
    assert!(same_bytes(&changed, b"walletDebitBalance"));
}

/// The k-th member of an object is first looked for where the previous object of the same
/// shape had it (`member_order`): a guess that is right, wrong, or about an unknown member
/// never changes serde's verdict, its path or duplicate detection.
#[test]
fn later_objects_get_the_same_verdicts_whatever_order_was_learnt() {
    let cases = [
        (r#"[{"n":1,"a_b":"x"},{"n":2,"a_b":"y"},{"n":3}]"#, None),
        (
            r#"[{"n":1,"zz":0,"a_b":"x"},{"n":2,"zz":[0],"a_b":"y"}]"#,
            None,
        ),
        (r#"[{"zz":1,"n":1},{"n":2,"zz":1},{"a_b":"x","n":3}]"#, None),
        (r#"[{"n":1},{"nn":"x"},{"n":"bad"}]"#, Some("items[2].n")),
        (r#"[{"nn":1},{"n":"bad"}]"#, Some("items[1].n")),
        (r#"[{"n":1,"a_b":"x"},{"n":1,"n":2}]"#, Some("items[1]")),
        (r#"[{"n":1},{"\u006e":2,"n":3}]"#, Some("items[1]")),
        (r#"[{"\u006e":2},{"n":3,"\u006e":4}]"#, Some("items[1]")),
        (
            r#"[{"é/":1,"n":1},{"é/":"x","n":2},{"é/":null,"n":{}}]"#,
            Some("items[2].n"),
        ),
        (
            r#"[{"zz":1,"a_b":"x"},{"zz":1,"a_b":1}]"#,
            Some("items[1].a_b"),
        ),
    ];
    for (items, error_at) in cases {
        let json = with("items", items);
        let verdict = agreed(&json);
        match error_at {
            None => assert_eq!(verdict, Ok(()), "{items}"),
            Some(place) => {
                let message = verdict.expect_err(items);
                assert!(message.contains(place), "{items}: {message}");
            }
        }
    }
}

/// What `check_in_place` says of the PHP form of the value it read: `is_php_canonical` of the
/// value's text (always false in builds without `walk-php-form`).
/// Tracking the form never changes the verdict: the same as `check_str`'s, message included.
fn php_form_verdict(text: &str, kind: &'static Kind) -> Option<(bool, bool)> {
    let mut cur = scan::Cursor::new_str(text);
    cur.skip_ws();
    let start = cur.pos();
    let tracked = check_in_place(&mut cur, kind);
    let plain = check_str(text.get(..cur.pos().max(start)).unwrap_or(text), kind);
    if tracked.is_err() {
        let alone = check_str(text, kind);
        assert_eq!(
            tracked.as_ref().map_err(|m| m.describe("v")).err(),
            alone.map_err(|m| m.describe("v")).err(),
            "{text}"
        );
        return None;
    }
    assert!(plain.is_ok(), "{text}");
    let walked = tracked.ok()?;
    let value = &text.as_bytes()[start..cur.pos()];
    let expected = cfg!(feature = "walk-php-form")
        && crate::core::php_json_fixed_point::is_php_canonical(value);
    Some((walked, expected))
}

/// Invalid UTF-8 in a decoded string is refused whether the PHP form is tracked or not:
/// tracking skips the UTF-8 check only of runs it read as ASCII, and the first non-ASCII
/// byte turns it off for the rest of the string.
#[test]
fn invalid_utf8_is_refused_while_the_php_form_is_tracked() {
    let cases: [(&[u8], bool); 8] = [
        (b"\"\xc3\"", false),
        (b"\"a\\/b\xff\"", false),
        (b"\"\\u00e9 r\xc3(\"", false),
        (b"\"\xe2\x80\"", false),
        (b"\"ok\\nthen \xed\xa0\x80\"", false),
        (b"\"\xc3\xa9\"", true),
        (b"\"\\u00e9\\/\xc3\xa9 x\"", true),
        (b"\"plain\\/ascii\"", true),
    ];
    for (text, valid) in cases {
        assert_tracking_changes_nothing(text, &Kind::String, valid);
    }
}

/// Escapes get the same verdicts whether the PHP form is tracked or not, in decoded strings and
/// in scanned ones: while it holds, an escape in PHP's spelling is stepped over unread a second
/// time, so that spelling must never let through what decoding refuses (a lone or misordered
/// surrogate).
#[test]
fn escapes_get_the_same_verdicts_while_the_php_form_is_tracked() {
    let cases: [(&[u8], bool); 15] = [
        (br#""caf\u00e9 \/ \n\t\"\\ \u001f""#, true),
        (br#""\ud83d\ude00 then \u00e9""#, true),
        (br#""\ud83d\ude00\ud83d\ude01""#, true),
        // Valid, but not PHP's spelling: the form goes off and decoding takes over.
        (br#""\u0041 \u00E9""#, true),
        (br#""\ud83d\uDE00""#, true),
        (br#""\uD83D\ude00""#, true),
        (br#""\udc00""#, false),
        (br#""a\/b \ud800""#, false),
        (br#""\ud800\u0041""#, false),
        (br#""\ud800\n""#, false),
        (br#""\ud800\ud800""#, false),
        (br#""\ude00\ud83d""#, false),
        (br#""\u00e9\uDC00""#, false),
        (br#""\u00e""#, false),
        (br#""\x""#, false),
    ];
    for (text, valid) in cases {
        assert_tracking_changes_nothing(text, &Kind::String, valid);
        // An untyped value is only scanned: four hex digits are all it requires of a `\u`.
        let well_formed = !text.ends_with(br#"\u00e""#) && text != br#""\x""#;
        assert_tracking_changes_nothing(text, &Kind::Any, well_formed);
    }
}

/// Reads `text` as `kind` with PHP's form tracked (`check_in_place`) and without (`check`):
/// the verdict is `valid` both ways, with the same message.
fn assert_tracking_changes_nothing(text: &[u8], kind: &'static Kind, valid: bool) {
    let mut cur = scan::Cursor::new(text);
    let tracked = check_in_place(&mut cur, kind);
    let untracked = check(text, kind);
    assert_eq!(tracked.is_ok(), valid, "{}", String::from_utf8_lossy(text));
    assert_eq!(
        tracked.map_err(|m| m.describe("v")).err(),
        untracked.map_err(|m| m.describe("v")).err(),
        "{}",
        String::from_utf8_lossy(text)
    );
}

/// The walk's PHP-form flag agrees with `is_php_canonical` on every value it accepts: random
/// values in every spelling (`/` and non-ASCII raw or escaped, either hex case, surrogate
/// pairs whole or halved, `\u` for what has a short escape, whitespace between tokens), read
/// as `Any`, as a struct (names matched in place, unknown members skipped) and as an array of
/// structs (names guessed from the previous item).
#[test]
fn the_walk_tells_the_php_form_as_is_php_canonical_does() {
    let strings = [
        r#""""#,
        r#""abc""#,
        r#""a b""#,
        r#""a/b""#,
        r#""a\/b""#,
        "\"é\"",
        r#""\u00e9""#,
        r#""\u00E9""#,
        r#""\ud83d\ude00""#,
        r#""\uD83D\uDE00""#,
        r#""\ud83d\uDE00""#,
        "\"\u{1F600}\"",
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\u0041""#,
        r#""\n""#,
        r#""\u000a""#,
        r#""\u001f""#,
        r#""\u001F""#,
        r#""\"""#,
        r#""\\""#,
        r#""\u0022""#,
        r#""\u002f""#,
        r#""\u2028""#,
        "\"\u{2028}\"",
        r#""\b\f\r\t""#,
        r#""\u007f""#,
        "\"\u{7f}\"",
        r#""r\u00e9f. 0\/2026""#,
    ];
    let scalars = ["1", "-0", "1.5e3", "2.50", "true", "false", "null"];
    let names = [
        "a_b",
        "n",
        "zz",
        "a\\/b",
        "a/b",
        "é",
        "\\u00e9",
        "t\\u0065xt",
        "\\u0061_b",
    ];
    let spaces = [" ", "\n", "\t", "\r"];
    fn value(rng: &mut Rng, parts: [&[&str]; 4], depth: u32) -> String {
        let [strings, scalars, names, spaces] = parts;
        // Whitespace, rarely, anywhere between tokens.
        let ws = |rng: &mut Rng| {
            if rng.next() % 12 == 0 {
                rng.pick(spaces).to_string()
            } else {
                String::new()
            }
        };
        match rng.next() % 5 {
            0 if depth < 3 => {
                let items: Vec<_> = (0..rng.next() % 4)
                    .map(|_| format!("{}{}{}", ws(rng), value(rng, parts, depth + 1), ws(rng)))
                    .collect();
                format!("[{}]", items.join(","))
            }
            1 | 2 if depth < 3 => {
                let items: Vec<_> = (0..rng.next() % 5)
                    .map(|_| {
                        let (a, b, c) = (ws(rng), ws(rng), ws(rng));
                        let name = rng.pick(names);
                        format!("{a}\"{name}\"{b}:{c}{}", value(rng, parts, depth + 1))
                    })
                    .collect();
                format!("{{{}}}", items.join(","))
            }
            3 => rng.pick(strings).to_string(),
            _ => rng.pick(scalars).to_string(),
        }
    }
    let kinds = [
        kind_of::<RawValue>(),
        kind_of::<Inner>(),
        kind_of::<Vec<Inner>>(),
    ];
    let mut rng = Rng(0x2545f4914f6cdd1d);
    let (mut in_form, mut not_in_form) = (0, 0);
    for _ in 0..30_000 {
        let mut text = value(&mut rng, [&strings, &scalars, &names, &spaces], 0);
        if rng.next() % 3 == 0 {
            // An array of objects written alike: the learnt-order path.
            let item = value(&mut rng, [&strings, &scalars, &names, &spaces], 1);
            text = format!("[{item},{item},{item}]");
        }
        for kind in kinds {
            if let Some((walked, expected)) = php_form_verdict(&text, kind) {
                assert_eq!(walked, expected, "{text}");
                in_form += usize::from(expected);
                not_in_form += usize::from(!expected);
            }
        }
    }
    if cfg!(feature = "walk-php-form") {
        assert!(
            in_form > 2_000 && not_in_form > 2_000,
            "{in_form} {not_in_form}"
        );
    }
}

/// PHP's `json_decode` refuses 512 levels, so no deeper value is in its writer's form, even
/// where the walk skips it (a member the shape does not list).
#[test]
fn the_php_form_stops_at_json_decode_s_depth() {
    for levels in 508..=513 {
        let text = format!("{{\"zz\":{}{}}}", "[".repeat(levels), "]".repeat(levels));
        let (walked, expected) = php_form_verdict(&text, kind_of::<Inner>()).unwrap();
        assert_eq!(walked, expected, "{levels}");
        assert_eq!(
            expected,
            cfg!(feature = "walk-php-form") && levels < 511,
            "{levels}"
        );
    }
}

/// `Skipped::LeftToParser` (wasm `verify`, which has `JSON.parse` read the text next): on
/// valid JSON the same verdict, message and spans as the checked walk; on anything else any
/// verdict, but no panic. Random values and mutations of them, with skipped containers holding
/// brackets and escaped quotes inside strings.
#[test]
fn skipping_unchecked_changes_nothing_on_valid_json() {
    let atoms = [
        "null",
        "1",
        "-1.5e3",
        "\"\"",
        "\"x\"",
        r#""a]}[{\"\\""#,
        r#""\\""#,
        r#""\u005d""#,
        "[]",
        "{}",
        r#"[1,{"x":"]"},[[]]]"#,
    ];
    let members = ["text", "raw", "inner", "items", "list", "extra", "n", "a_b"];
    let mut rng = Rng(0x2545f4914f6cdd1d);
    fn value(rng: &mut Rng, atoms: &[&str], members: &[&str], depth: u32) -> String {
        match rng.next() % 3 {
            0 if depth < 4 => {
                let items: Vec<_> = (0..rng.next() % 4)
                    .map(|_| value(rng, atoms, members, depth + 1))
                    .collect();
                format!("[{}]", items.join(","))
            }
            1 if depth < 4 => {
                let items: Vec<_> = (0..rng.next() % 4)
                    .map(|_| {
                        let v = value(rng, atoms, members, depth + 1);
                        format!("{:?}:{v}", rng.pick(members))
                    })
                    .collect();
                format!("{{{}}}", items.join(","))
            }
            _ => rng.pick(atoms).to_string(),
        }
    }
    let spans = |json: &str, skipped: Skipped| {
        fields_of(scan::Cursor::new_str(json).skipping(skipped), row(), None)
            .map_err(|m| m.describe("row"))
    };
    let (mut valid, mut accepted, mut unchecked_only) = (0, 0, 0);
    for _ in 0..20_000 {
        let member = rng.pick(&["raw", "extra", "inner", "items"]);
        let good = with(member, &value(&mut rng, &atoms, &members, 1));
        let mut texts = vec![good.clone()];
        let at = (rng.next() % good.len() as u64) as usize;
        for edit in ["", "]", "}", "\"", "\\", ",", "x"] {
            if good.is_char_boundary(at) && good.is_char_boundary(at + 1) {
                let mut mutated = good.clone();
                mutated.replace_range(at..at + 1, edit);
                texts.push(mutated);
            }
        }
        for text in &texts {
            let checked = spans(text, Skipped::Checked);
            let unchecked = spans(text, Skipped::LeftToParser);
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
                valid += 1;
                accepted += usize::from(checked.is_ok());
                assert_eq!(checked, unchecked, "{text}");
            } else {
                assert!(checked.is_err(), "{text}");
                unchecked_only += usize::from(unchecked.is_ok());
            }
        }
    }
    // Both sides exercised: valid texts the walk accepts, and invalid ones that only the
    // unchecked skip lets through (so it did skip unchecked).
    assert!(
        valid > 10_000 && accepted > 5_000,
        "{valid} valid, {accepted} accepted"
    );
    if cfg!(feature = "skips-left-to-parser") {
        assert!(unchecked_only > 1_000, "{unchecked_only}");
    }
}

/// Where `Skipped::LeftToParser` ends a skipped container: at its own closing bracket,
/// whatever brackets and quotes its strings hold; an unclosed one is an error.
#[test]
#[cfg(feature = "skips-left-to-parser")]
fn unchecked_skip_ends_at_the_matching_bracket() {
    for (text, end) in [
        (r#"[1,2] ,"#, Some(5)),
        (r#"{"a":"]}\"]","b":[{}]}x"#, Some(22)),
        (r#"[["\\"],"[[["]]"#, Some(14)),
        (r#"{"a":[}]"#, Some(8)),
        (r#"[[]"#, None),
        (r#"["]"#, None),
        (r#"["\"#, None),
        ("[\"\\", None),
    ] {
        let mut cur = scan::Cursor::new(text.as_bytes()).skipping(Skipped::LeftToParser);
        let got = cur.skip_value(scan::Strings::Scan, 0).map(|()| cur.pos());
        assert_eq!(got.ok(), end, "{text}");
    }
}

/// `Skipped::LeftToParser`'s skip against the plain reading it does sixteen bytes at a time:
/// where it ends (or that it fails) on random texts of brackets, quotes, backslashes and
/// other bytes, in runs that put every kind of byte at every position of a block and across
/// blocks.
#[test]
#[cfg(feature = "skips-left-to-parser")]
fn unchecked_skip_agrees_with_a_byte_at_a_time_reading() {
    /// The end of the container opening `text`, a byte at a time: strings stepped over with
    /// their escapes, brackets counted outside them.
    fn byte_at_a_time(text: &[u8]) -> Option<usize> {
        let (mut depth, mut in_string, mut i) = (0usize, false, 0);
        while let Some(&b) = text.get(i) {
            match (in_string, b) {
                (true, b'\\') => i += 1,
                (true, b'"') | (false, b'"') => in_string = !in_string,
                (false, b'{' | b'[') => depth += 1,
                (false, b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
    let pieces: [&[u8]; 12] = [
        b"[",
        b"]",
        b"{",
        b"}",
        b"\"",
        b"\\",
        b"\\\"",
        b"a",
        b"0123456789abcdef",
        b",",
        b" ",
        b"\xc3\xa9",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut closed, mut open) = (0, 0);
    for _ in 0..100_000 {
        let mut text = vec![if rng.next() % 2 == 0 { b'[' } else { b'{' }];
        let len = rng.next() % 60;
        for _ in 0..len {
            text.extend_from_slice(pieces[(rng.next() % pieces.len() as u64) as usize]);
        }
        let mut cur = scan::Cursor::new(&text).skipping(Skipped::LeftToParser);
        let got = cur.skip_value(scan::Strings::Scan, 0).map(|()| cur.pos());
        let expected = byte_at_a_time(&text);
        assert_eq!(got.ok(), expected, "{}", String::from_utf8_lossy(&text));
        if expected.is_some() {
            closed += 1;
        } else {
            open += 1;
        }
    }
    assert!(
        closed > 10_000 && open > 10_000,
        "{closed} closed, {open} open"
    );
}
