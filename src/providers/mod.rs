//! One module per provider: its verifier, its typed events, its diagnosis. Each is behind the
//! cargo feature of the same name (all on by default).

#[cfg(feature = "numeral")]
pub mod numeral;
#[cfg(feature = "sepay")]
pub mod sepay;
#[cfg(feature = "seqino")]
pub mod seqino;
#[cfg(feature = "treezor")]
pub mod treezor;

/// The TypeScript declarations of every enabled provider's typed events, grouped by provider
/// (for `emit_typescript`; the npm build splits them into each provider's entry).
#[cfg(feature = "ts")]
pub fn typescript_declarations(cfg: &ts_rs::Config) -> Vec<(&'static str, Vec<String>)> {
    let _ = cfg; // unused when no provider is enabled
    vec![
        #[cfg(feature = "seqino")]
        ("seqino", seqino::typescript_declarations(cfg)),
        #[cfg(feature = "treezor")]
        ("treezor", treezor::typescript_declarations(cfg)),
        #[cfg(feature = "sepay")]
        ("sepay", sepay::typescript_declarations(cfg)),
        #[cfg(feature = "numeral")]
        ("numeral", numeral::typescript_declarations(cfg)),
    ]
}
