//! Real PHP as the oracle: where its binary is, and running one script over many cases in one
//! process (a process per case would make thousands of cases take minutes).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `php` binary (`$PHP`, else `php` on the PATH). Without it the calling test is skipped,
/// with a line saying so, except under `CI=true`, where a missing oracle is a failure.
pub fn find_php(test: &str) -> Option<PathBuf> {
    let php = PathBuf::from(std::env::var_os("PHP").unwrap_or_else(|| "php".into()));
    match Command::new(&php).arg("-v").output() {
        Ok(out) if out.status.success() => Some(php),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("php is required for {test} under CI=true: run scripts/setup")
        }
        _ => {
            eprintln!("SKIPPED {test}: `php` not found (run scripts/setup to install it)");
            None
        }
    }
}

/// Runs `script` with `php` over `input` (one case per line) in one process, with the settings
/// every comparison uses (no php.ini, floats in their shortest form, room for large inputs),
/// and returns its output lines. `name` keeps concurrent callers' temporary files apart.
pub fn run_batch(php: &Path, name: &str, script: &str, input: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("hookseal-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (script_file, input_file) = (dir.join("script.php"), dir.join("input.txt"));
    std::fs::write(&script_file, script).expect("write the php script");
    std::fs::write(&input_file, input).expect("write the php input");
    let out = Command::new(php)
        .args([
            "-n",
            "-d",
            "serialize_precision=-1",
            "-d",
            "memory_limit=1G",
        ])
        .arg(&script_file)
        .arg(&input_file)
        .output()
        .expect("run php");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "php failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("php output is ASCII")
        .lines()
        .map(str::to_string)
        .collect()
}
