//! One module per provider: its verifier, its typed events, its diagnosis.

pub mod numeral;
pub mod sepay;
pub mod seqino;
pub mod treezor;

/// The TypeScript declarations of every provider's typed events (for `emit_typescript`).
#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<String> {
    let mut decls = Vec::new();
    decls.extend(seqino::typescript_declarations(cfg));
    decls.extend(treezor::typescript_declarations(cfg));
    decls.extend(sepay::typescript_declarations(cfg));
    decls.extend(numeral::typescript_declarations(cfg));
    decls
}
