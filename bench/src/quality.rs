//! `dongne bench quality`: does search find what readers type? Over every article of each
//! corpus set (by default the national dailies, and the municipal press releases together):
//!
//! - **headline**: recall@10 of every title pasted as written;
//! - **keyword**: recall@10 and zero-result rate of three rare words cut from the body with a
//!   plain particle strip (not the analyzer), each in at most 15 articles;
//! - **spaced / joined**: recall@10 of two adjacent title words typed with and without their
//!   space, where the joined form occurs in no article;
//! - **agreement**: the share of the corpus's distinct eojeols whose tokens are the same
//!   alone, between other words, in quotes and before a comma.
//!
//! The query sets are drawn as `../shared/eval/search_quality.py` draws its samples, but from
//! every article rather than a sample, so the figures move with the code, not with the draw.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use dongne::analysis::{Analyzer, SearchToken};
use dongne::index::IndexHandle;
use dongne::ingest::{self, IngestOptions};
use dongne::regions::Gazetteer;
use dongne::search::{SearchIndex, SearchRequest};

/// Options of `dongne bench quality`.
#[derive(Debug, Clone, clap::Args)]
pub struct QualityBenchOptions {
    /// A corpus set: JSON Lines files joined with commas (repeatable). Default: the shared
    /// national dailies, then the shared Naju and Jeonnam press releases together.
    #[arg(long = "corpus", value_delimiter = ';')]
    pub corpora: Vec<String>,
    /// Seed of the keyword draw.
    #[arg(long, default_value_t = 11)]
    pub seed: u64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print up to this many missed queries of each kind, for reading.
    #[arg(long, default_value_t = 0)]
    pub misses: usize,
}

/// Errors of the quality benchmark.
#[derive(Debug, thiserror::Error)]
pub enum QualityBenchError {
    /// A corpus file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The analyzer could not be set up.
    #[error(transparent)]
    Analysis(#[from] dongne::analysis::AnalysisError),
    /// Indexing failed.
    #[error(transparent)]
    Index(#[from] dongne::index::IndexError),
    /// The gazetteer could not be loaded.
    #[error(transparent)]
    Regions(#[from] dongne::regions::RegionError),
    /// The index could not be searched.
    #[error(transparent)]
    Search(#[from] dongne::search::SearchError),
    /// The substring counter could not be built.
    #[error("substring counter: {0}")]
    Counter(String),
}

/// One article of a corpus, as the yardstick reads it.
#[derive(Debug, Clone, Deserialize)]
struct CorpusArticle {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    url: String,
}

/// A recall figure.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Recall {
    /// Queries run.
    pub queries: usize,
    /// Queries whose article was in the top 10.
    pub found: usize,
    /// Queries whose article was not in the top 10 itself, but a copy of it was (a result
    /// stands for its duplicate group); not counted in `found`.
    pub copy_shown: usize,
    /// Queries with no result at all.
    pub zero: usize,
}

impl Recall {
    fn add(&mut self, outcome: Outcome) {
        self.queries += 1;
        self.found += usize::from(outcome == Outcome::Found);
        self.copy_shown += usize::from(outcome == Outcome::CopyShown);
        self.zero += usize::from(outcome == Outcome::Zero);
    }

    /// Found over queries.
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.queries.max(1) as f64
    }

    /// Zero results over queries.
    pub fn zero_rate(&self) -> f64 {
        self.zero as f64 / self.queries.max(1) as f64
    }
}

/// What became of one query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Found,
    CopyShown,
    Missed,
    Zero,
}

/// The figures of one corpus set.
#[derive(Debug, Clone, Serialize)]
pub struct QualityReport {
    /// The corpus files.
    pub corpora: Vec<String>,
    /// Articles with a URL and a title.
    pub articles: usize,
    /// Titles pasted as written.
    pub headline: Recall,
    /// Three rare body words.
    pub keyword: Recall,
    /// Two title words with their space.
    pub spaced: Recall,
    /// The same two words joined.
    pub joined: Recall,
    /// Distinct eojeols analysed the same in every context, and how many there are.
    pub agreement: (usize, usize),
    /// Up to ten eojeols whose analysis differs by context, for reading.
    pub disagreeing: Vec<String>,
}

impl std::fmt::Display for QualityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = |r: &Recall| {
            format!(
                "{:.3} (zero {:.3}, a copy shown instead {:.3}, n={})",
                r.recall(),
                r.zero_rate(),
                r.copy_shown as f64 / r.queries.max(1) as f64,
                r.queries
            )
        };
        writeln!(
            f,
            "corpus     {} ({} articles)",
            self.corpora.join(" + "),
            self.articles
        )?;
        writeln!(
            f,
            "headline   recall@10 {}  target ≥ 0.99",
            line(&self.headline)
        )?;
        writeln!(
            f,
            "keyword    recall@10 {}  target ≥ 0.97, zero ≤ 0.01",
            line(&self.keyword)
        )?;
        writeln!(f, "spaced     recall@10 {}", line(&self.spaced))?;
        writeln!(
            f,
            "joined     recall@10 {}  = {:.3} × spaced, target ≥ 0.95",
            line(&self.joined),
            self.joined.recall() / self.spaced.recall().max(1e-9)
        )?;
        let (same, all) = self.agreement;
        writeln!(
            f,
            "agreement  {:.4} of {all} eojeols alike alone, between words, quoted, before a comma  target ≥ 0.999",
            same as f64 / all.max(1) as f64
        )?;
        if !self.disagreeing.is_empty() {
            writeln!(f, "           e.g. {}", self.disagreeing.join("  "))?;
        }
        Ok(())
    }
}

/// The corpus sets measured by default, under the shared data directory.
fn default_sets() -> Vec<Vec<PathBuf>> {
    let corpus = super::shared_dir().join("corpus");
    vec![
        vec![corpus.join("national-dailies-2019.jsonl")],
        vec![
            corpus.join("naju-press-releases-2025.jsonl"),
            corpus.join("jeonnam-press-releases-2025-12-dev.jsonl"),
        ],
    ]
}

/// Runs the benchmark over every corpus set and prints the reports.
pub fn run(options: &QualityBenchOptions) -> Result<(), QualityBenchError> {
    let sets: Vec<Vec<PathBuf>> = if options.corpora.is_empty() {
        default_sets()
    } else {
        options
            .corpora
            .iter()
            .map(|set| set.split(',').map(PathBuf::from).collect())
            .collect()
    };
    if let Some(missing) = sets.iter().flatten().find(|path| !path.is_file()) {
        println!(
            "{} is absent: the quality benchmark needs the shared corpora (or --corpus FILE)",
            missing.display()
        );
        return Ok(());
    }
    let analyzer = crate::analyzer()?;
    let gazetteer = Gazetteer::load_default()?;
    for set in &sets {
        let report = measure(&analyzer, &gazetteer, set, options.seed, options.misses)?;
        if options.json {
            println!("{}", serde_json::to_string(&report).unwrap_or_default());
        } else {
            println!("{report}");
        }
    }
    Ok(())
}

/// Ingests `files` into a scratch index and measures them.
pub fn measure(
    analyzer: &Analyzer,
    gazetteer: &Gazetteer,
    files: &[PathBuf],
    seed: u64,
    misses: usize,
) -> Result<QualityReport, QualityBenchError> {
    let articles = read_articles(files)?;
    let dir = tempfile::tempdir().map_err(|source| QualityBenchError::Read {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut options = IngestOptions::new(dir.path().join("index"));
    options.progress = false;
    ingest::ingest(files, analyzer, gazetteer, &options)?;
    let handle = IndexHandle::open(&options.index_dir, analyzer)?;
    let index = SearchIndex::new(handle.index(), analyzer.clone())?;

    let texts: Vec<String> = articles
        .iter()
        .map(|a| format!("{} {}", a.title, a.body))
        .collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let keyword_candidates: Vec<Vec<String>> = articles
        .iter()
        .map(|a| {
            let mut stems = unique(plain_stems(&a.body));
            rng.shuffle(&mut stems);
            stems
        })
        .collect();
    let pair_candidates: Vec<Vec<(String, String)>> = articles
        .iter()
        .map(|a| adjacent_title_words(&a.title))
        .collect();
    let mut patterns: Vec<String> = keyword_candidates.iter().flatten().cloned().collect();
    for (a, b) in pair_candidates.iter().flatten() {
        patterns.push(format!("{a}{b}"));
        patterns.push(format!("{a} {b}"));
    }
    let counts = DocumentFrequency::count(unique(patterns), &texts)?;

    let found = |query: &str, url: &str| -> Outcome {
        let Ok(results) = index.search(&SearchRequest::new(query)) else {
            return Outcome::Zero;
        };
        if results.results.iter().any(|hit| hit.article.url == url) {
            return Outcome::Found;
        }
        if results.results.is_empty() {
            return Outcome::Zero;
        }
        let group = index
            .show(url, gazetteer)
            .ok()
            .and_then(|shown| shown.article.dup_group);
        let copy = group.is_some_and(|group| {
            results
                .results
                .iter()
                .any(|hit| hit.article.dup_group.as_ref() == Some(&group))
        });
        if copy {
            Outcome::CopyShown
        } else {
            Outcome::Missed
        }
    };
    let tally = |queries: Vec<(String, &str)>| -> Recall {
        let outcomes: Vec<Outcome> = queries
            .par_iter()
            .map(|(query, url)| found(query, url))
            .collect();
        let mut recall = Recall::default();
        let mut shown = 0;
        for (outcome, (query, url)) in outcomes.into_iter().zip(&queries) {
            recall.add(outcome);
            if outcome != Outcome::Found && shown < misses {
                shown += 1;
                eprintln!("{outcome:?}: {query}  [{url}]");
            }
        }
        recall
    };

    let headline = tally(
        articles
            .iter()
            .map(|a| (a.title.clone(), a.url.as_str()))
            .collect(),
    );
    let keyword = tally(
        articles
            .iter()
            .zip(&keyword_candidates)
            .filter_map(|(a, stems)| {
                let words: Vec<&str> = stems
                    .iter()
                    .filter(|w| (1..=15).contains(&counts.of(w)))
                    .take(3)
                    .map(String::as_str)
                    .collect();
                (words.len() == 3).then(|| (words.join(" "), a.url.as_str()))
            })
            .collect(),
    );
    let pairs: Vec<(String, String, &str)> = articles
        .iter()
        .zip(&pair_candidates)
        .filter_map(|(a, pairs)| {
            pairs
                .iter()
                .find(|(x, y)| {
                    counts.of(&format!("{x}{y}")) == 0 && counts.of(&format!("{x} {y}")) <= 10
                })
                .map(|(x, y)| (x.clone(), y.clone(), a.url.as_str()))
        })
        .collect();
    let spaced = tally(
        pairs
            .iter()
            .map(|(a, b, u)| (format!("{a} {b}"), *u))
            .collect(),
    );
    let joined = tally(
        pairs
            .iter()
            .map(|(a, b, u)| (format!("{a}{b}"), *u))
            .collect(),
    );
    let (agreement, disagreeing) = agreement(analyzer, &texts);
    Ok(QualityReport {
        corpora: files.iter().map(|f| display_name(f)).collect(),
        articles: articles.len(),
        headline,
        keyword,
        spaced,
        joined,
        agreement,
        disagreeing,
    })
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The articles with a URL and a title, first of each URL.
fn read_articles(files: &[PathBuf]) -> Result<Vec<CorpusArticle>, QualityBenchError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|source| QualityBenchError::Read {
            path: file.clone(),
            source,
        })?;
        for line in text.lines() {
            let Ok(article) = serde_json::from_str::<CorpusArticle>(line) else {
                continue;
            };
            if !article.url.is_empty()
                && !article.title.is_empty()
                && seen.insert(article.url.clone())
            {
                out.push(article);
            }
        }
    }
    Ok(out)
}

fn unique(items: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(item.clone()))
        .collect()
}

/// Particles and endings the yardstick strips, longest first.
const PLAIN_SUFFIXES: [&str; 30] = [
    "에서", "으로", "까지", "부터", "에게", "께서", "한테", "보다", "처럼", "이다", "했다", "한다",
    "하고", "하는", "하여", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도",
    "만", "및", "등",
];

fn is_syllable(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Runs of Hangul syllables in `text`.
fn hangul_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_syllable(c))
        .filter(|w| !w.is_empty())
}

/// Words cut from `text` as a person would type them: Hangul runs with one particle or
/// ending stripped when at least two syllables remain, kept at 2–8 syllables.
fn plain_stems(text: &str) -> Vec<String> {
    hangul_words(text)
        .filter_map(|word| {
            let syllables = word.chars().count();
            let stem = PLAIN_SUFFIXES
                .iter()
                .find(|suffix| word.ends_with(*suffix) && syllables - suffix.chars().count() >= 2)
                .map_or(word, |suffix| &word[..word.len() - suffix.len()]);
            (2..=8)
                .contains(&stem.chars().count())
                .then(|| stem.to_string())
        })
        .collect()
}

/// Adjacent pairs of Hangul words of 2–5 syllables written with one space between them.
fn adjacent_title_words(title: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = hangul_words(title)
        .filter(|w| w.chars().count() >= 2)
        .collect();
    words
        .windows(2)
        .filter(|pair| {
            let short = |w: &str| (2..=5).contains(&w.chars().count());
            short(pair[0]) && short(pair[1]) && title.contains(&format!("{} {}", pair[0], pair[1]))
        })
        .map(|pair| (pair[0].to_string(), pair[1].to_string()))
        .collect()
}

/// In how many texts each pattern occurs as a substring.
struct DocumentFrequency {
    index: std::collections::HashMap<String, usize>,
    counts: Vec<usize>,
}

impl DocumentFrequency {
    fn count(patterns: Vec<String>, texts: &[String]) -> Result<Self, QualityBenchError> {
        let automaton = AhoCorasick::new(&patterns)
            .map_err(|err| QualityBenchError::Counter(err.to_string()))?;
        let counts = texts
            .par_iter()
            .fold(
                || (vec![0usize; patterns.len()], Vec::new()),
                |(mut counts, mut seen): (Vec<usize>, Vec<usize>), text| {
                    seen.clear();
                    for found in automaton.find_overlapping_iter(text) {
                        seen.push(found.pattern().as_usize());
                    }
                    seen.sort_unstable();
                    seen.dedup();
                    for &p in &seen {
                        counts[p] += 1;
                    }
                    (counts, seen)
                },
            )
            .map(|(counts, _)| counts)
            .reduce(
                || vec![0; patterns.len()],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let index = patterns
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, i))
            .collect();
        Ok(Self { index, counts })
    }

    fn of(&self, pattern: &str) -> usize {
        self.index.get(pattern).map_or(0, |&i| self.counts[i])
    }
}

/// The contexts an eojeol is analysed in: alone, between words, quoted, before a comma.
const CONTEXTS: [(&str, &str); 4] = [("", ""), ("그리고 ", " 있다"), ("‘", "’"), ("", ",")];

/// The tokens of `text` that lie in `start..start + len`, shifted to start at 0.
fn tokens_within(tokens: &[SearchToken], start: usize, len: usize) -> Vec<(String, usize, usize)> {
    tokens
        .iter()
        .filter(|t| t.byte_start >= start && t.byte_end <= start + len)
        .map(|t| (t.text.clone(), t.byte_start - start, t.byte_end - start))
        .collect()
}

/// How many of the distinct eojeols of `texts` analyse alike in every context, of how many;
/// and a few that do not.
fn agreement(analyzer: &Analyzer, texts: &[String]) -> ((usize, usize), Vec<String>) {
    let eojeols = unique(
        texts
            .iter()
            .flat_map(|t| t.split_whitespace())
            .map(str::to_string)
            .collect(),
    );
    let differing: Vec<&String> = eojeols
        .par_iter()
        .map_init(
            || (analyzer.worker(), Vec::new()),
            |(worker, tokens), eojeol| {
                let mut first: Option<Vec<(String, usize, usize)>> = None;
                for (before, after) in CONTEXTS {
                    tokens.clear();
                    worker.tokens(&format!("{before}{eojeol}{after}"), tokens);
                    let seen = tokens_within(tokens, before.len(), eojeol.len());
                    match &first {
                        None => first = Some(seen),
                        Some(alone) if *alone != seen => return Some(eojeol),
                        Some(_) => {}
                    }
                }
                None
            },
        )
        .flatten()
        .collect();
    let examples = differing.iter().take(10).map(|e| e.to_string()).collect();
    ((eojeols.len() - differing.len(), eojeols.len()), examples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_stems_strip_one_particle_and_keep_two_to_eight_syllables() {
        assert_eq!(
            plain_stems("광양시에서 매화축제를 열었다. 그는"),
            ["광양시", "매화축제", "열었다", "그는"]
        );
    }

    #[test]
    fn adjacent_title_words_need_one_space_between_them() {
        assert_eq!(
            adjacent_title_words("나주 배 축제, 빛가람 혁신도시"),
            [("빛가람".to_string(), "혁신도시".to_string())]
        );
    }
}
