//! One module per provider: its verifier, its typed events, its diagnosis.

pub mod seqino;
