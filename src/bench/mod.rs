//! Benchmarks (not tests), run with `dongne bench …` in a release build.

pub mod ingest;
pub mod search;
