//! `dongne bench analysis`: what the Korean analysis costs.
//!
//! - dictionary build time (the python-mecab-ko-dic wheel → lindera, into a temp dir);
//! - dictionary load time (memory-mapped) and analyzer construction time (medians of
//!   several runs);
//! - single-thread throughput on the titles and bodies of the shared corpus, in MB/s of
//!   UTF-8 text, for the `ko` analyzer (normalise → segment → search tokens) and, side by
//!   side in the same run over the same texts, for lindera's bare segmenter underneath it
//!   (`Segmenter::segment`, and `SegmentWorker::segment` which reuses its lattice like the
//!   analyzer does). Texts are interleaved, the order of the three rotating per text, and
//!   each variant keeps its fastest round, so a busy machine affects all three alike.

use std::borrow::Cow;
use std::hint::black_box;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use dongne::analysis::{AnalysisError, Analyzer};
use dongne::dictionary::{BuildOptions, DictionaryError, build_dictionary};

/// Options of `dongne bench analysis`.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalysisBenchOptions {
    /// JSONL corpus with `title` and `body` fields [default:
    /// ../shared/corpus/national-dailies-2019.jsonl].
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// The python-mecab-ko-dic wheel to time the dictionary build with [default: the one in
    /// dictionaries/downloads]; the build is skipped when there is none.
    #[arg(long)]
    pub wheel: Option<PathBuf>,
    /// Skip timing the dictionary build.
    #[arg(long)]
    pub no_build: bool,
    /// Passes over the corpus; each variant keeps its fastest.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Use only the first this many megabytes of text.
    #[arg(long)]
    pub max_mb: Option<f64>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Errors of the analysis benchmark.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisBenchError {
    /// The corpus could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The corpus file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A corpus line is not an article.
    #[error("{path}, line {line}: {reason}")]
    Corpus {
        /// The corpus file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The analyzer could not be set up.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// The dictionary could not be built or loaded.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    /// The report could not be written.
    #[error("writing the report: {0}")]
    Report(String),
}

/// Throughput of one variant over the benchmark texts.
#[derive(Debug, Clone, Serialize)]
pub struct Throughput {
    /// What ran.
    pub name: String,
    /// Seconds of the fastest round.
    pub seconds: f64,
    /// Megabytes (10^6 bytes) of UTF-8 text per second, one thread.
    pub mb_per_s: f64,
}

/// What `dongne bench analysis` measured.
#[derive(Debug, Clone, Serialize)]
pub struct AnalysisBenchReport {
    /// Seconds to build the dictionary from the wheel (`None` without a wheel).
    pub dictionary_build_seconds: Option<f64>,
    /// Milliseconds to load (memory-map) the built dictionary; median.
    pub dictionary_load_ms: f64,
    /// Milliseconds to construct the analyzer (dictionary, user dictionary, segmenter);
    /// median.
    pub analyzer_ms: f64,
    /// Number of texts (titles and bodies).
    pub texts: usize,
    /// Megabytes of text per round.
    pub megabytes: f64,
    /// Rounds run.
    pub rounds: usize,
    /// lindera `Segmenter::segment`, lindera `SegmentWorker::segment`, the analyzer without
    /// the eojeol memo, then the analyzer.
    pub throughput: Vec<Throughput>,
    /// Analyzer time over `Segmenter::segment` time, minus one (0.05 = 5% slower).
    pub overhead_vs_segment: f64,
    /// Analyzer time over `SegmentWorker::segment` time, minus one (negative: faster).
    pub overhead_vs_worker: f64,
    /// Time of the analyzer without the eojeol memo over its time with it.
    pub memo_speedup: f64,
}

#[derive(Deserialize)]
struct Article {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

const REPEATS: usize = 5;

/// Runs the benchmark and prints the report; says so and returns when the corpus is absent.
pub fn run(options: &AnalysisBenchOptions) -> Result<(), AnalysisBenchError> {
    let corpus = super::corpus_or_default(options.corpus.as_deref());
    if !corpus.is_file() {
        println!(
            "bench analysis: {} not found (the shared corpus sits beside the project as \
             ../shared); nothing to measure",
            corpus.display()
        );
        return Ok(());
    }
    let report = measure(options, &corpus)?;
    if options.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| AnalysisBenchError::Report(e.to_string()))?;
        println!("{json}");
    } else {
        print_report(&report);
    }
    Ok(())
}

/// Takes every measurement over the texts of `corpus`.
pub fn measure(
    options: &AnalysisBenchOptions,
    corpus: &Path,
) -> Result<AnalysisBenchReport, AnalysisBenchError> {
    let texts = read_texts(corpus, options.max_mb)?;
    let bytes: usize = texts.iter().map(String::len).sum();

    let wheel = if options.no_build {
        None
    } else {
        options.wheel.clone().or_else(default_wheel)
    };
    let dictionary_build_seconds = match wheel {
        Some(wheel) => {
            let tmp = tempfile::tempdir().map_err(|source| AnalysisBenchError::Io {
                path: std::env::temp_dir(),
                source,
            })?;
            let started = Instant::now();
            build_dictionary(&BuildOptions {
                source: wheel,
                output: tmp.path().join("ko-dic"),
            })?;
            Some(started.elapsed().as_secs_f64())
        }
        None => None,
    };

    let defaults = crate::analyzer_options()?;
    let dictionary_load_ms =
        median_ms(|| dongne::analysis::load_dictionary(&defaults.dictionary).map(drop))?;
    let analyzer_ms = median_ms(|| Analyzer::load(&defaults).map(drop))?;

    let analyzer = Analyzer::load(&defaults)?;
    let segmenter = analyzer.segmenter();
    let whole = analyzer.without_eojeol_memo();
    let mut bare_worker = segmenter.new_worker();
    let mut tokens = Vec::new();
    let rounds = options.rounds.max(1);
    let mut best = [Duration::MAX; 4];
    for round in 0..rounds {
        // Every round starts with an empty eojeol memo: it only knows what this round read.
        let mut worker = analyzer.worker();
        let mut whole_worker = whole.worker();
        let mut totals = [Duration::ZERO; 4];
        for (i, text) in texts.iter().enumerate() {
            for k in 0..4 {
                let variant = (i + round + k) % 4;
                let started = Instant::now();
                match variant {
                    0 => {
                        let found = segmenter.segment(Cow::Borrowed(text.as_str()));
                        black_box(found.map(|t| t.len()).unwrap_or_default());
                    }
                    1 => {
                        let found = bare_worker.segment(text);
                        black_box(found.map(|t| t.len()).unwrap_or_default());
                    }
                    2 => {
                        tokens.clear();
                        whole_worker.tokens(text, &mut tokens);
                        black_box(tokens.len());
                    }
                    _ => {
                        tokens.clear();
                        worker.tokens(text, &mut tokens);
                        black_box(tokens.len());
                    }
                }
                totals[variant] += started.elapsed();
            }
        }
        for (best, total) in best.iter_mut().zip(totals) {
            *best = (*best).min(total);
        }
    }
    let megabytes = bytes as f64 / 1e6;
    let names = [
        "lindera Segmenter::segment",
        "lindera SegmentWorker::segment",
        "dongne ko analyzer without the eojeol memo",
        "dongne ko analyzer (tokens)",
    ];
    let throughput = names
        .iter()
        .zip(best)
        .map(|(name, time)| Throughput {
            name: name.to_string(),
            seconds: time.as_secs_f64(),
            mb_per_s: megabytes / time.as_secs_f64(),
        })
        .collect();
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64() - 1.0;
    Ok(AnalysisBenchReport {
        dictionary_build_seconds,
        dictionary_load_ms,
        analyzer_ms,
        texts: texts.len(),
        megabytes,
        rounds,
        throughput,
        overhead_vs_segment: ratio(best[3], best[0]),
        overhead_vs_worker: ratio(best[3], best[1]),
        memo_speedup: best[2].as_secs_f64() / best[3].as_secs_f64(),
    })
}

/// Titles and bodies of the corpus, in file order, up to `max_mb` megabytes.
fn read_texts(path: &Path, max_mb: Option<f64>) -> Result<Vec<String>, AnalysisBenchError> {
    let io = |source| AnalysisBenchError::Io {
        path: path.to_path_buf(),
        source,
    };
    let limit = max_mb.map_or(usize::MAX, |mb| (mb * 1e6) as usize);
    let file = std::fs::File::open(path).map_err(io)?;
    let mut texts = Vec::new();
    let mut bytes = 0;
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let article: Article =
            serde_json::from_str(&line).map_err(|err| AnalysisBenchError::Corpus {
                path: path.to_path_buf(),
                line: index + 1,
                reason: err.to_string(),
            })?;
        for text in [article.title, article.body] {
            if bytes >= limit {
                return Ok(texts);
            }
            if !text.is_empty() {
                bytes += text.len();
                texts.push(text);
            }
        }
    }
    Ok(texts)
}

/// The python-mecab-ko-dic wheel in `dictionaries/downloads`, if any.
fn default_wheel() -> Option<PathBuf> {
    let dir = crate::home().downloads();
    let mut wheels: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name().is_some_and(|name| {
                let name = name.to_string_lossy();
                name.starts_with("python_mecab_ko_dic-") && name.ends_with(".whl")
            })
        })
        .collect();
    wheels.sort();
    wheels.pop()
}

/// Median wall time, in milliseconds, of `REPEATS` runs of `f`.
fn median_ms<E>(mut f: impl FnMut() -> Result<(), E>) -> Result<f64, AnalysisBenchError>
where
    AnalysisBenchError: From<E>,
{
    let mut times = Vec::with_capacity(REPEATS);
    for _ in 0..REPEATS {
        let started = Instant::now();
        f()?;
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[REPEATS / 2])
}

fn print_report(report: &AnalysisBenchReport) {
    match report.dictionary_build_seconds {
        Some(seconds) => println!("dictionary build (wheel → lindera, temp dir): {seconds:.1} s"),
        None => {
            println!("dictionary build: not timed (--no-build, or no python-mecab-ko-dic wheel)")
        }
    }
    println!(
        "dictionary load (mmap): {:.1} ms; analyzer construction: {:.1} ms (medians of {REPEATS})",
        report.dictionary_load_ms, report.analyzer_ms
    );
    println!(
        "throughput, 1 thread, {} texts ({:.1} MB, titles and bodies), best of {} rounds:",
        report.texts, report.megabytes, report.rounds
    );
    for t in &report.throughput {
        println!(
            "  {:<44} {:>7.2} MB/s  ({:.2} s)",
            t.name, t.mb_per_s, t.seconds
        );
    }
    println!(
        "analyzer cost over bare lindera: {:+.1}% vs Segmenter::segment, {:+.1}% vs \
         SegmentWorker::segment",
        report.overhead_vs_segment * 100.0,
        report.overhead_vs_worker * 100.0
    );
    println!(
        "eojeol memo: the analyzer is {:.2}× as fast with it as without",
        report.memo_speedup
    );
}
