//! `dongne-bench`: measurements of dongne on real data, not tests. Each benchmark lives in
//! its own module; this one only dispatches. Benchmarks read the shared corpus from
//! `../shared` beside the project and say so (and stop) when it is absent; they use the
//! dictionaries of `DONGNE_HOME`, else of the project itself.
//!
//! `cargo run --release -p dongne-bench -- quality` (and `analysis`, `ingest`,
//! `build-synthetic`, `search`, `serve-load`, `pages`, `cluster --url URL`).

pub mod analysis;
pub mod cluster;
pub mod ingest;
pub mod pages;
pub mod quality;
pub mod search;
pub mod serve_load;

use std::path::{Path, PathBuf};

use clap::Subcommand;
use dongne::analysis::{AnalysisError, Analyzer, AnalyzerOptions};
use dongne::home::Home;
use dongne::regions::Gazetteer;

/// The benchmarks.
#[derive(Debug, Clone, Subcommand)]
pub enum Bench {
    /// Dictionary build/load times and analyzer throughput against bare lindera.
    Analysis(analysis::AnalysisBenchOptions),
    /// Ingest throughput against bare lindera, the ko analyzer and SQLite FTS5; index size
    /// against text size.
    Ingest(ingest::IngestBenchOptions),
    /// Build a labelled synthetic index of many articles for search latency measurements.
    BuildSynthetic(ingest::SyntheticOptions),
    /// Search latency (warm p50/p99 over a fixed query mix) and cold process time.
    Search(search::SearchBenchArgs),
    /// `dongne serve` under concurrent load: requests/s, latency percentiles, failures and
    /// server memory over time.
    ServeLoad(serve_load::ServeLoadOptions),
    /// Search quality as readers type: pasted headlines, rare body words, spaced and joined
    /// word pairs, and the agreement of analyses across contexts.
    Quality(quality::QualityBenchOptions),
    /// Page extraction accuracy per field and body F1 against saved pages with gold.
    Pages(pages::PagesBenchOptions),
    /// dongne on an OpenSearch cluster against the local index: analysis parity (nori
    /// against dongne), ingest throughput, filter counts, top-10 overlap, search latency.
    Cluster(cluster::ClusterBenchOptions),
}

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The analysis benchmark failed.
    #[error(transparent)]
    Analysis(#[from] analysis::AnalysisBenchError),
    /// An ingest benchmark failed.
    #[error(transparent)]
    Ingest(#[from] ingest::IngestBenchError),
    /// The search benchmark failed.
    #[error(transparent)]
    Search(#[from] search::SearchBenchError),
    /// The load benchmark failed.
    #[error(transparent)]
    ServeLoad(#[from] serve_load::ServeLoadError),
    /// The quality benchmark failed.
    #[error(transparent)]
    Quality(#[from] quality::QualityBenchError),
    /// The pages benchmark failed.
    #[error(transparent)]
    Pages(#[from] pages::PagesBenchError),
    /// The cluster benchmark failed.
    #[error(transparent)]
    Cluster(#[from] cluster::ClusterBenchError),
}

impl Bench {
    /// Runs the benchmark and prints its report.
    pub fn run(&self) -> Result<(), BenchError> {
        match self {
            Bench::Analysis(options) => analysis::run(options)?,
            Bench::Ingest(options) => ingest::run(options)?,
            Bench::BuildSynthetic(options) => ingest::run_synthetic(options)?,
            Bench::Search(options) => search::run(options)?,
            Bench::ServeLoad(options) => serve_load::run(options)?,
            Bench::Quality(options) => quality::run(options)?,
            Bench::Pages(options) => pages::run(options)?,
            Bench::Cluster(options) => cluster::run(options)?,
        }
        Ok(())
    }
}

/// The project's directory (the benchmarks' crate sits inside it).
pub fn project_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The shared data directory: `../shared` beside the project.
pub fn shared_dir() -> PathBuf {
    project_dir().join("..").join("shared")
}

/// The data home: `DONGNE_HOME`, else the project itself (its `dictionaries/`).
pub fn home() -> Home {
    std::env::var_os("DONGNE_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| Home::new(project_dir()), Home::new)
}

/// How the analyzer is built from the home, with the gazetteer's place names.
pub fn analyzer_options() -> Result<AnalyzerOptions, AnalysisError> {
    let names = Gazetteer::municipal_names()
        .map(|names| names.into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    home().analyzer_options(names)
}

/// The analyzer of the home.
pub fn analyzer() -> Result<Analyzer, AnalysisError> {
    Analyzer::load(&analyzer_options()?)
}

/// The benchmark corpus: `given`, else the national dailies of the shared data.
pub fn corpus_or_default(given: Option<&Path>) -> PathBuf {
    given.map_or_else(
        || {
            shared_dir()
                .join("corpus")
                .join("national-dailies-2019.jsonl")
        },
        Path::to_path_buf,
    )
}
