//! `dongne bench ingest`: ingest throughput against the bare lindera segmenter and SQLite
//! FTS5 over the same text, and index size against text size; `dongne bench
//! build-synthetic`: a large synthetic index for search latency measurements.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use serde::Serialize;

use dongne::analysis::AnalyzerOptions;
use dongne::article::{Article, Source};
use dongne::extract::{self, ExtractOptions};
use dongne::index::stats::IndexStats;
use dongne::index::{IndexHandle, IngestSummary};
use dongne::ingest::pipeline::{self, PipelineOptions, Progress};
use dongne::ingest::{self, IngestOptions};
use dongne::regions::{Gazetteer, Tagger};

/// Errors of the ingest benchmarks.
#[derive(Debug, thiserror::Error)]
pub enum IngestBenchError {
    /// The corpus yielded no article.
    #[error("{0}: no articles (the benchmark corpus is a JSON Lines file of articles)")]
    EmptyCorpus(PathBuf),
    /// The analyzer could not be set up.
    #[error(transparent)]
    Analysis(#[from] dongne::analysis::AnalysisError),
    /// lindera refused the dictionary.
    #[error("lindera: {0}")]
    Lindera(String),
    /// Indexing failed.
    #[error(transparent)]
    Index(#[from] dongne::index::IndexError),
    /// The gazetteer could not be loaded.
    #[error(transparent)]
    Regions(#[from] dongne::regions::RegionError),
    /// The report could not be written as JSON.
    #[error("report: {0}")]
    Report(String),
    /// A scratch directory could not be made.
    #[error("{path}: {source}")]
    Io {
        /// The directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl IngestBenchError {
    fn io(path: PathBuf) -> impl FnOnce(std::io::Error) -> Self {
        move |source| IngestBenchError::Io { path, source }
    }
}

/// The FTS5 baseline script, relative to the project root.
pub const FTS5_SCRIPT: &str = "scripts/fts5_bench.py";

/// Options of `dongne bench ingest`.
#[derive(Debug, Clone, clap::Args)]
pub struct IngestBenchOptions {
    /// JSONL corpus [default: ../shared/corpus/national-dailies-2019.jsonl].
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Rounds of bare lindera then ingest, measured one right after the other; the round
    /// with the median ratio is reported (the machine's speed drifts between rounds).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `dongne bench build-synthetic`.
#[derive(Debug, Clone, clap::Args)]
pub struct SyntheticOptions {
    /// Number of articles.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// The index directory (rebuilt).
    #[arg(long)]
    pub index: PathBuf,
    /// JSONL corpus [default: ../shared/corpus/national-dailies-2019.jsonl].
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
}

/// Runs `dongne bench ingest` and prints its report.
pub fn run(options: &IngestBenchOptions) -> Result<(), IngestBenchError> {
    let corpus = super::corpus_or_default(options.corpus.as_deref());
    let report = bench_ingest(&corpus, options.threads, options.rounds)?;
    if options.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(err) => return Err(IngestBenchError::Report(err.to_string())),
        }
    } else {
        println!("{report}");
    }
    Ok(())
}

/// Runs `dongne bench build-synthetic` and prints what it wrote.
pub fn run_synthetic(options: &SyntheticOptions) -> Result<(), IngestBenchError> {
    let corpus = super::corpus_or_default(options.corpus.as_deref());
    let summary = build_synthetic(
        &corpus,
        options.articles,
        &options.index,
        options.threads,
        true,
    )?;
    println!("{}", dongne::output::ingest::summary_line(&summary));
    Ok(())
}

/// One throughput measurement.
#[derive(Debug, Clone, Serialize)]
pub struct Throughput {
    /// Threads used.
    pub threads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Megabytes (10^6) of title+body text per second.
    pub mb_per_s: f64,
}

impl Throughput {
    fn of(bytes: u64, threads: usize, seconds: f64) -> Self {
        Self {
            threads,
            seconds,
            mb_per_s: bytes as f64 / 1e6 / seconds.max(1e-9),
        }
    }
}

/// One round of `dongne bench ingest`: bare lindera, then ingest, with the same threads.
#[derive(Debug, Clone, Serialize)]
pub struct Round {
    /// Bare lindera segmentation.
    pub lindera: Throughput,
    /// `dongne ingest` into a fresh index.
    pub ingest: Throughput,
    /// Ingest throughput over bare lindera's.
    pub ratio: f64,
}

/// Results of `dongne bench ingest`.
#[derive(Debug, Clone, Serialize)]
pub struct IngestBench {
    /// The corpus file.
    pub corpus: String,
    /// Articles extracted from it.
    pub articles: usize,
    /// Bytes of title+body text.
    pub text_bytes: u64,
    /// Bare lindera segmentation, one thread.
    pub lindera_1: Throughput,
    /// Bare lindera segmentation, all threads (the median round).
    pub lindera_n: Throughput,
    /// The whole `ko` analyzer (normalisation, segmentation with the user dictionary,
    /// token filters), all threads: the part of ingest that is analysis.
    pub analyzer_n: Throughput,
    /// `dongne ingest` (extract, analyse, write, commit) into a fresh index, all threads
    /// (the median round).
    pub ingest: Throughput,
    /// Ingest throughput over bare lindera with the same threads, in the median round
    /// (target ≥ 0.85).
    pub ingest_vs_lindera: f64,
    /// The fastest ingest round over the fastest bare lindera round: less moved by the
    /// machine's drift than one round's ratio, as each side is timed at its best.
    pub best_ingest_vs_best_lindera: f64,
    /// Every round, in the order run.
    pub rounds: Vec<Round>,
    /// Ingest throughput over the `ko` analyzer's alone with the same threads: what is left
    /// after everything but analysis.
    pub ingest_vs_analyzer: f64,
    /// SQLite FTS5 (unicode61) over the same title+body, if `python3` ran.
    pub fts5: Option<Throughput>,
    /// Ingest throughput over FTS5's.
    pub ingest_vs_fts5: Option<f64>,
    /// Why FTS5 was not measured.
    pub fts5_error: Option<String>,
    /// Index size on disk.
    pub index_bytes: u64,
    /// Index size over text size (target ≤ 0.60).
    pub index_vs_text: f64,
    /// What the ingest did.
    pub summary: IngestSummary,
}

impl std::fmt::Display for IngestBench {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |t: &Throughput| format!("{:.2} MB/s ({:.1} s)", t.mb_per_s, t.seconds);
        writeln!(
            f,
            "corpus               {} ({} articles, {:.1} MB title+body)",
            self.corpus,
            self.articles,
            self.text_bytes as f64 / 1e6
        )?;
        writeln!(f, "bare lindera, 1 thread   {}", mb(&self.lindera_1))?;
        for (n, round) in self.rounds.iter().enumerate() {
            writeln!(
                f,
                "round {}                  bare lindera {}, ingest {}: {:.2}",
                n + 1,
                mb(&round.lindera),
                mb(&round.ingest),
                round.ratio
            )?;
        }
        writeln!(
            f,
            "bare lindera, {} threads  {}",
            self.lindera_n.threads,
            mb(&self.lindera_n)
        )?;
        writeln!(
            f,
            "ko analyzer, {} threads   {}  = {:.0}% of bare lindera",
            self.analyzer_n.threads,
            mb(&self.analyzer_n),
            self.analyzer_n.mb_per_s / self.lindera_n.mb_per_s * 100.0
        )?;
        writeln!(
            f,
            "dongne ingest, {} threads {}  = {:.0}% of bare lindera (median round; target ≥ 85%), \
             {:.0}% of the ko analyzer",
            self.ingest.threads,
            mb(&self.ingest),
            self.ingest_vs_lindera * 100.0,
            self.ingest_vs_analyzer * 100.0
        )?;
        writeln!(
            f,
            "best rounds              fastest ingest / fastest bare lindera = {:.2}",
            self.best_ingest_vs_best_lindera
        )?;
        match (&self.fts5, self.ingest_vs_fts5, &self.fts5_error) {
            (Some(fts5), Some(ratio), _) => writeln!(
                f,
                "SQLite FTS5 unicode61    {}  (dongne = {:.2}× FTS5)",
                mb(fts5),
                ratio
            )?,
            (_, _, Some(err)) => writeln!(f, "SQLite FTS5 unicode61    not measured: {err}")?,
            _ => {}
        }
        writeln!(
            f,
            "index size               {:.1} MB = {:.1}% of the text (target ≤ 60%)",
            self.index_bytes as f64 / 1e6,
            self.index_vs_text * 100.0
        )?;
        write!(
            f,
            "ingest summary           {}",
            dongne::output::ingest::summary_line(&self.summary)
        )
    }
}

/// Runs the ingest benchmark on `corpus` with `threads` threads, in temporary indexes:
/// `rounds` rounds of bare lindera then ingest.
pub fn bench_ingest(
    corpus: &Path,
    threads: usize,
    rounds: usize,
) -> Result<IngestBench, IngestBenchError> {
    let root = crate::project_dir();
    let analyzer = crate::analyzer()?;
    let gazetteer = Gazetteer::load_default()?;
    let articles = load_corpus(corpus);
    if articles.is_empty() {
        return Err(IngestBenchError::EmptyCorpus(corpus.to_path_buf()));
    }
    let texts: Vec<&str> = articles
        .iter()
        .flat_map(|a| [a.title.as_str(), a.body.as_str()])
        .collect();
    let text_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();

    let segmenter = bare_segmenter(&crate::analyzer_options()?)?;
    let segment = |threads| {
        time_all(
            &texts,
            threads,
            || segmenter.new_worker(),
            |worker, text| worker.segment(text).map_or(0, |tokens| tokens.len()),
        )
    };
    // One untimed pass pages the memory-mapped dictionary in, so the first timing is fair.
    segment(threads);
    let lindera_1 = Throughput::of(text_bytes, 1, segment(1));
    let analyzer_n = Throughput::of(
        text_bytes,
        threads,
        time_all(
            &texts,
            threads,
            || (analyzer.worker(), Vec::new()),
            |(worker, tokens), text| {
                tokens.clear();
                worker.tokens(text, tokens);
                tokens.len()
            },
        ),
    );

    let dir = tempfile::tempdir().map_err(IngestBenchError::io(std::env::temp_dir()))?;
    let mut measured = Vec::new();
    for round in 0..rounds.max(1) {
        let lindera = Throughput::of(text_bytes, threads, segment(threads));
        let mut options = IngestOptions::new(dir.path().join(format!("index-{round}")));
        options.pipeline.threads = threads;
        options.progress = false;
        let start = Instant::now();
        let summary = ingest::ingest(&[corpus.to_path_buf()], &analyzer, &gazetteer, &options)?;
        let ingest = Throughput::of(text_bytes, threads, start.elapsed().as_secs_f64());
        let handle = IndexHandle::open(&options.index_dir, &analyzer)?;
        let index_bytes = IndexStats::collect(&handle, 0)?.size_on_disk;
        let round = Round {
            ratio: ingest.mb_per_s / lindera.mb_per_s,
            lindera,
            ingest,
        };
        measured.push((round, summary, index_bytes));
    }
    let mut order: Vec<usize> = (0..measured.len()).collect();
    order.sort_by(|&a, &b| measured[a].0.ratio.total_cmp(&measured[b].0.ratio));
    let (median, summary, index_bytes) = measured[order[order.len() / 2]].clone();
    let (lindera_n, ingest) = (median.lindera, median.ingest);
    let rounds: Vec<Round> = measured.into_iter().map(|(round, ..)| round).collect();
    let best = |side: fn(&Round) -> f64| rounds.iter().map(side).fold(0.0, f64::max);
    let best_ingest_vs_best_lindera = best(|r| r.ingest.mb_per_s) / best(|r| r.lindera.mb_per_s);

    let (fts5, fts5_error) = match run_fts5(&root.join(FTS5_SCRIPT), corpus, dir.path()) {
        Ok(t) => (Some(t), None),
        Err(err) => (None, Some(err)),
    };
    Ok(IngestBench {
        corpus: corpus.display().to_string(),
        articles: articles.len(),
        text_bytes,
        ingest_vs_lindera: median.ratio,
        best_ingest_vs_best_lindera,
        rounds,
        ingest_vs_analyzer: ingest.mb_per_s / analyzer_n.mb_per_s,
        ingest_vs_fts5: fts5.as_ref().map(|t| ingest.mb_per_s / t.mb_per_s),
        fts5,
        fts5_error,
        lindera_1,
        lindera_n,
        analyzer_n,
        ingest,
        index_bytes,
        index_vs_text: index_bytes as f64 / text_bytes as f64,
        summary,
    })
}

/// Builds a synthetic index of `count` articles in `index_dir` (rebuilt from scratch) from
/// the articles of `corpus`: the real articles first, then synthetic ones, each mixing the
/// thirds of three real bodies under a new URL and a shifted date, with the section
/// `synthetic` so they can be told apart.
pub fn build_synthetic(
    corpus: &Path,
    count: usize,
    index_dir: &Path,
    threads: usize,
    progress: bool,
) -> Result<IngestSummary, IngestBenchError> {
    let analyzer = crate::analyzer()?;
    let gazetteer = Gazetteer::load_default()?;
    let articles = load_corpus(corpus);
    if articles.is_empty() {
        return Err(IngestBenchError::EmptyCorpus(corpus.to_path_buf()));
    }
    let handle = IndexHandle::open_or_create(index_dir, &analyzer, true)?;
    let mut writer = handle.writer(&analyzer, ingest::DEFAULT_MEMORY_BUDGET)?;
    let bar = Progress::new(count as u64, progress);
    let options = PipelineOptions {
        threads,
        ..PipelineOptions::default()
    };
    let result = pipeline::run(
        &mut writer,
        &analyzer,
        &Tagger::new(&gazetteer),
        |feed: &mut dyn FnMut(usize)| {
            for n in 0..count {
                feed(n);
                bar.read(1);
            }
        },
        |n| Ok(synthetic_article(&articles, n)),
        &options,
        &bar,
    );
    bar.finish();
    result?;
    Ok(writer.finish()?)
}

/// Article `n` of the synthetic corpus (see [`build_synthetic`]).
fn synthetic_article(articles: &[Article], n: usize) -> Article {
    let len = articles.len();
    let base = &articles[n % len];
    if n < len {
        return base.clone();
    }
    let round = n / len;
    let others = [
        base,
        &articles[(n.wrapping_mul(31) + round) % len],
        &articles[(n.wrapping_mul(97) + 13 * round) % len],
    ];
    let body = others
        .iter()
        .enumerate()
        .map(|(third, article)| third_of(&article.body, third))
        .collect::<Vec<_>>()
        .join("\n");
    let shift = chrono::Duration::days(i64::try_from(round * 37 % 3650).unwrap_or(0));
    Article {
        body,
        url: Some(format!(
            "{}#synthetic-{n}",
            base.url.as_deref().unwrap_or("synthetic")
        )),
        published: base.published.map(|t| t - shift),
        section: Some("synthetic".into()),
        source: Source {
            path: "synthetic".into(),
            record: Some(format!("article {n}")),
        },
        ..base.clone()
    }
}

/// The `third`-th third (0, 1, 2) of `text`, cut at char boundaries.
fn third_of(text: &str, third: usize) -> &str {
    let cut = |i: usize| {
        let mut at = text.len() * i / 3;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    &text[cut(third)..cut(third + 1)]
}

/// Every article of the corpus (skipped records are left out).
fn load_corpus(corpus: &Path) -> Vec<Article> {
    extract::extract_paths(&[corpus.to_path_buf()], &ExtractOptions::default())
        .flatten()
        .collect()
}

/// lindera's segmenter over the dongne dictionary, as the analyzer configures it, without
/// normalisation, filtering or the user dictionary.
fn bare_segmenter(options: &AnalyzerOptions) -> Result<Segmenter, IngestBenchError> {
    let mut dictionary =
        lindera::dictionary::load_fs_dictionary_with_options(&options.dictionary, true)
            .map_err(|err| IngestBenchError::Lindera(err.to_string()))?;
    let mut metadata = (*dictionary.metadata).clone();
    metadata.space_penalty = None;
    dictionary.metadata = std::sync::Arc::new(metadata);
    Ok(Segmenter::new(Mode::Normal, dictionary, None))
}

/// Seconds to run `work` over every text with `threads` threads (texts handed out one at a
/// time), each thread with its own state from `state`.
fn time_all<S, W>(texts: &[&str], threads: usize, state: impl Fn() -> S + Sync, work: W) -> f64
where
    W: Fn(&mut S, &str) -> usize + Sync,
{
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let mut state = state();
                let mut tokens = 0usize;
                while let Some(text) = texts.get(next.fetch_add(1, Ordering::Relaxed)) {
                    tokens += work(&mut state, text);
                }
                std::hint::black_box(tokens);
            });
        }
    });
    start.elapsed().as_secs_f64()
}

/// Runs the FTS5 script on `corpus`, with its database in `scratch`.
fn run_fts5(script: &Path, corpus: &Path, scratch: &Path) -> Result<Throughput, String> {
    #[derive(serde::Deserialize)]
    struct Report {
        text_bytes: u64,
        seconds: f64,
    }
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(corpus)
        .arg(scratch.join("fts5.db"))
        .output()
        .map_err(|err| format!("python3: {err}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    let report: Report =
        serde_json::from_slice(&output.stdout).map_err(|err| format!("fts5 output: {err}"))?;
    Ok(Throughput::of(report.text_bytes, 1, report.seconds))
}
