//! Property test: `php_json::write_canonical` equals PHP 8.2's `json_encode(json_decode($p))`
//! on generated JSON (proptest strategies), in every style the JSON may arrive in (compact,
//! pretty, slashes and non-ASCII escaped or raw, whitespace anywhere).
//!
//! Like `php_oracle.rs`, all cases go to ONE `php` process; a disagreement is then shrunk with
//! proptest's own shrinking, one small php call per step, so the report is a minimal payload.
//! Numbers are generated as PHP writes them (i64 integers, floats in PHP's shortest form):
//! see `php_oracle.rs` for the lexemes PHP's round trip rewrites and why those never occur.
//! Without `php` the test is skipped, except under `CI=true`.
//!
//! Also, without PHP: `is_php_canonical` names exactly the writer's fixed points, on the same
//! generated JSON (the Treezor verifier hashes a payload where it lies when it holds).

use hookseal::core::php_json::to_canonical_string;
use hookseal::core::php_json_fixed_point::is_php_canonical;
use hookseal::Provider;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use std::fmt::Write as _;
use std::path::Path;

mod common;

const CASES: usize = 400;

#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Int(i64),
    /// A float lexeme exactly as PHP's json_encode writes it.
    Float(&'static str),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

const PHP_FLOATS: [&str; 10] = [
    "0.1",
    "17.01",
    "-2.5",
    "1.0e+25",
    "2.5e-5",
    "1.0e-5",
    "0.0001",
    "1.7976931348623157e+308",
    "5.0e-324",
    "-1.5e+300",
];

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _-]{0,12}",
        // Everything PHP escapes: quotes, backslash, slash, controls, DEL, non-ASCII of every
        // UTF-8 length, U+2028/2029, astral (surrogate pairs).
        proptest::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('/'),
                Just('\u{7f}'),
                Just('\u{2028}'),
                Just('\u{2029}'),
                Just('é'),
                Just('€'),
                Just('😀'),
                Just('\u{10ffff}'),
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or(' ')),
                any::<char>(),
                Just('a'),
            ],
            0..10
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn value() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::Int),
        (-1000i64..1000).prop_map(J::Int),
        proptest::sample::select(&PHP_FLOATS[..]).prop_map(J::Float),
        string().prop_map(J::Str),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(J::Arr),
            // PHP keeps the last of duplicate keys and stdClass refuses a NUL-first key: keys
            // are unique and never start with NUL (see php_oracle.rs).
            proptest::collection::vec((string(), inner), 0..6).prop_map(|members| {
                let mut seen = std::collections::HashSet::new();
                J::Obj(
                    members
                        .into_iter()
                        .filter(|(k, _)| !k.starts_with('\0') && seen.insert(k.clone()))
                        .collect(),
                )
            }),
        ]
    })
}

#[derive(Clone, Copy, Debug)]
struct Style {
    pretty: bool,
    escape_slash: bool,
    escape_unicode: bool,
    upper_hex: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(pretty, escape_slash, escape_unicode, upper_hex)| Style {
            pretty,
            escape_slash,
            escape_unicode,
            upper_hex,
        },
    )
}

fn render(v: &J, s: Style, depth: usize, out: &mut String) {
    let nl = |out: &mut String, d: usize| {
        if s.pretty {
            out.push('\n');
            out.push_str(&"    ".repeat(d));
        }
    };
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Int(i) => {
            let _ = write!(out, "{i}");
        }
        J::Float(f) => out.push_str(f),
        J::Str(t) => render_str(t, s, out),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, depth + 1);
                render(item, s, depth + 1, out);
            }
            if !items.is_empty() {
                nl(out, depth);
            }
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, depth + 1);
                render_str(k, s, out);
                out.push_str(if s.pretty { ": " } else { ":" });
                render(item, s, depth + 1, out);
            }
            if !members.is_empty() {
                nl(out, depth);
            }
            out.push('}');
        }
    }
}

fn render_str(t: &str, s: Style, out: &mut String) {
    let unit = |out: &mut String, u: u32| {
        let _ = if s.upper_hex {
            write!(out, "\\u{u:04X}")
        } else {
            write!(out, "\\u{u:04x}")
        };
    };
    out.push('"');
    for c in t.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if s.escape_slash => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => unit(out, c as u32),
            c if (c as u32) >= 0x80 && s.escape_unicode => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    unit(out, u32::from(*u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn payload(v: &J, s: Style) -> String {
    let mut out = String::new();
    render(v, s, 0, &mut out);
    out
}

const PHP_SCRIPT: &str = r#"<?php
$in = fopen($argv[1], 'r');
while (($line = fgets($in)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === '') { continue; }
    $value = json_decode(base64_decode($line, true), false);
    if (json_last_error() !== JSON_ERROR_NONE) { echo "error ", json_last_error_msg(), "\n"; continue; }
    $out = json_encode($value);
    echo $out === false ? "error encode\n" : "ok " . base64_encode($out) . "\n";
}
"#;

/// PHP's canonical form of each payload (`Err` when PHP refuses it), from one php process.
fn php_canonical(php: &Path, payloads: &[String]) -> Vec<Result<String, String>> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let input: String = payloads.iter().map(|p| b64.encode(p) + "\n").collect();
    common::php::run_batch(php, "proptest-php", PHP_SCRIPT, &input)
        .into_iter()
        .map(|l| match l.strip_prefix("ok ") {
            Some(b) => {
                Ok(String::from_utf8(b64.decode(b).expect("b64")).expect("php writes ASCII"))
            }
            None => Err(l),
        })
        .collect()
}

fn agrees(ours: &Result<String, hookseal::HooksealError>, php: &Result<String, String>) -> bool {
    matches!((ours, php), (Ok(a), Ok(b)) if a == b)
}

#[test]
fn canonical_equals_php_on_generated_json() {
    let Some(php) = common::php::find_php("proptest_php_canonical") else {
        return;
    };
    let seed: u64 = std::env::var("HOOKSEAL_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7068_705f_6a73_6f6e);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = (value(), style());
    let mut trees = Vec::with_capacity(CASES);
    let mut payloads = Vec::with_capacity(CASES);
    for _ in 0..CASES {
        let tree = strategy.new_tree(&mut runner).expect("a value");
        let (v, s) = tree.current();
        payloads.push(payload(&v, s));
        trees.push(tree);
    }
    let answers = php_canonical(&php, &payloads);
    assert_eq!(
        answers.len(),
        payloads.len(),
        "php answered fewer lines than cases"
    );
    let failing = payloads
        .iter()
        .zip(&answers)
        .position(|(p, php)| !agrees(&to_canonical_string(Provider::Treezor, p.as_bytes()), php));
    let Some(index) = failing else {
        eprintln!("proptest_php_canonical (seed {seed}): {CASES} generated payloads, all byte-exact with PHP");
        return;
    };
    // Shrink: keep simplifying while the simpler payload still disagrees.
    let mut tree = trees.swap_remove(index);
    let mut minimal = payloads[index].clone();
    let fails = |candidate: &String| {
        let answer = php_canonical(&php, std::slice::from_ref(candidate));
        !agrees(
            &to_canonical_string(Provider::Treezor, candidate.as_bytes()),
            &answer[0],
        )
    };
    let mut more = tree.simplify();
    for _ in 0..500 {
        if !more {
            break;
        }
        let (v, s) = tree.current();
        let candidate = payload(&v, s);
        more = if fails(&candidate) {
            minimal = candidate;
            tree.simplify()
        } else {
            tree.complicate()
        };
    }
    let answer = php_canonical(&php, std::slice::from_ref(&minimal));
    panic!("canonical form differs from PHP (seed {seed}), minimal payload:\n  input {minimal:?}\n  php   {:?}\n  ours  {:?}",
        answer[0], to_canonical_string(Provider::Treezor, minimal.as_bytes()));
}

proptest! {
    #![proptest_config(Config { cases: 3000, ..Config::default() })]

    /// True exactly when rewriting the text changes nothing; always true of the writer's own
    /// output.
    #[test]
    fn the_fixed_point_check_agrees_with_the_writer((v, s) in (value(), style())) {
        let text = payload(&v, s);
        let canonical = to_canonical_string(Provider::Treezor, text.as_bytes());
        let fixed = canonical.as_ref().is_ok_and(|c| *c == text);
        prop_assert_eq!(is_php_canonical(text.as_bytes()), fixed, "{}", text);
        if let Ok(c) = canonical {
            prop_assert!(is_php_canonical(c.as_bytes()), "{}", c);
        }
    }
}
