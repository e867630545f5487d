//! Header bags for the tests that pin which headers a verifier reads (included by path, so a
//! test using only this does not pull in the PHP oracle).

use hookseal::HeaderList;

/// `bag` as a `HeaderList`: all of it, and only the headers named in `names`, compared the
/// way `HeaderList` compares names (ASCII case-insensitively). What the wasm build passes to
/// a verifier that says it reads only `names`.
pub fn all_and_named(bag: &[(&str, &str)], names: &[&str]) -> (HeaderList, HeaderList) {
    let all = bag.iter().copied().collect();
    let named = bag
        .iter()
        .copied()
        .filter(|(n, _)| names.iter().any(|w| w.eq_ignore_ascii_case(n)))
        .collect();
    (all, named)
}
