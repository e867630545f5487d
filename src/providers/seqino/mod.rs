//! Seqino PDP
