//! `dongne bench`: measurements on real data, not tests. Each benchmark lives in its own
//! module; this one only dispatches. Benchmarks read the shared corpus from `../shared`
//! beside the project root and say so (and stop) when it is absent.

pub mod analysis;

use std::path::PathBuf;

use clap::Subcommand;

/// The benchmarks `dongne bench` runs.
#[derive(Debug, Clone, Subcommand)]
pub enum Bench {
    /// Dictionary build/load times and analyzer throughput against bare lindera.
    Analysis(analysis::AnalysisBenchOptions),
}

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The analysis benchmark failed.
    #[error(transparent)]
    Analysis(#[from] analysis::AnalysisBenchError),
}

impl Bench {
    /// Runs the benchmark and prints its report.
    pub fn run(&self) -> Result<(), BenchError> {
        match self {
            Bench::Analysis(options) => analysis::run(options)?,
        }
        Ok(())
    }
}

/// The shared data directory: `../shared` relative to the project root.
pub fn shared_dir() -> PathBuf {
    crate::analysis::project_root().join("..").join("shared")
}
