//! `dongne bench search`: warm query latency (p50/p99) over a fixed mix of queries with
//! filters and facets, and cold `dongne search` process time, on an index of synthetic
//! articles (built from the corpus by [`super::ingest::build_synthetic`] when missing).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dongne::search::{
    self, FacetKind, FilterArgs, SearchError, SearchIndex, SearchRequest, SortOrder,
};

/// Options of `dongne bench search`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchBenchArgs {
    /// The benchmark index; built from the corpus when it holds no index.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Articles of the synthetic index to build.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// The corpus (JSON Lines) the synthetic index is built from.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Timed rounds over the query mix (after one warm-up round).
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
    /// `dongne search` processes to time for the cold start.
    #[arg(long, default_value_t = 30)]
    pub cold_runs: usize,
}

/// Index directory used when none is given (under the git-ignored `target/`).
pub fn default_bench_index() -> PathBuf {
    crate::project_dir()
        .join("target")
        .join("bench-search-index")
}

const WORDS: [&str; 40] = [
    "경제",
    "정부",
    "대통령",
    "서울",
    "부산",
    "교육",
    "학교",
    "선거",
    "국회",
    "환경",
    "일자리",
    "기업",
    "주택",
    "부동산",
    "교통",
    "병원",
    "문화",
    "축제",
    "관광",
    "농업",
    "청년",
    "노인",
    "복지",
    "안전",
    "사고",
    "화재",
    "경찰",
    "법원",
    "검찰",
    "수출",
    "투자",
    "기술",
    "반도체",
    "자동차",
    "날씨",
    "미세먼지",
    "지진",
    "태풍",
    "시장에서",
    "지역경제",
];

const PHRASES: [&str; 20] = [
    "\"미세 먼지\"",
    "\"일자리 정책\"",
    "\"부동산 대책\"",
    "\"국회 의원\"",
    "\"지방 선거\"",
    "\"경제 성장\"",
    "\"교통 사고\"",
    "\"최저 임금\"",
    "\"남북 정상\"",
    "\"기준 금리\"",
    "\"청년 일자리\"",
    "\"주택 가격\"",
    "\"수출 규제\"",
    "\"대학 입시\"",
    "\"소방 당국\"",
    "\"지역 경제\"",
    "\"환경 오염\"",
    "\"고용 노동\"",
    "\"문화 재단\"",
    "\"공공 기관\"",
];

const REGIONS: [&str; 4] = ["전라남도", "서울", "부산", "경기도"];

/// The fixed query mix: plain words, word pairs, OR and exclusions, phrases, region and
/// date filters, other orders and facets (260 queries).
pub fn query_mix() -> Vec<(String, FilterArgs, SortOrder, Vec<FacetKind>)> {
    let mut out = Vec::new();
    let plain = FilterArgs::default;
    for (i, word) in WORDS.iter().enumerate() {
        let next = WORDS[(i + 7) % WORDS.len()];
        out.push((word.to_string(), plain(), SortOrder::Relevance, vec![]));
        out.push((
            format!("{word} {next}"),
            plain(),
            SortOrder::Relevance,
            vec![],
        ));
        out.push((
            format!("{word} OR {next} -{}", WORDS[(i + 3) % WORDS.len()]),
            plain(),
            SortOrder::Relevance,
            vec![],
        ));
        out.push((
            word.to_string(),
            FilterArgs {
                regions: vec![REGIONS[i % REGIONS.len()].to_string()],
                ..plain()
            },
            SortOrder::Newest,
            vec![],
        ));
        out.push((
            format!("title:{word}"),
            FilterArgs {
                from: Some(format!("2019-{:02}", i % 10 + 1)),
                to: Some(format!("2019-{:02}", i % 10 + 3)),
                ..plain()
            },
            SortOrder::Relevance,
            vec![],
        ));
        if i % 2 == 0 {
            out.push((
                word.to_string(),
                plain(),
                SortOrder::Relevance,
                vec![FacetKind::Region, FacetKind::Month, FacetKind::Press],
            ));
        }
    }
    for (i, phrase) in PHRASES.iter().enumerate() {
        out.push((phrase.to_string(), plain(), SortOrder::Relevance, vec![]));
        out.push((
            phrase.to_string(),
            FilterArgs {
                regions: vec![REGIONS[i % REGIONS.len()].to_string()],
                from: Some("2019-01".into()),
                to: Some("2019-12".into()),
                ..plain()
            },
            SortOrder::Relevance,
            vec![FacetKind::Reporter],
        ));
    }
    out
}

/// The `p` quantile (0–1) of `sorted`, by nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or_default()
}

/// `d` in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Errors of the search benchmark.
#[derive(Debug, thiserror::Error)]
pub enum SearchBenchError {
    /// The synthetic index could not be built.
    #[error(transparent)]
    Build(#[from] super::ingest::IngestBenchError),
    /// A search failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The analyzer could not be set up.
    #[error(transparent)]
    Analysis(#[from] dongne::analysis::AnalysisError),
    /// The gazetteer could not be loaded.
    #[error(transparent)]
    Regions(#[from] dongne::regions::RegionError),
    /// The `dongne search` process could not be started.
    #[error("starting `dongne search`: {0}")]
    Process(#[from] std::io::Error),
    /// A cold `dongne search` run exited with an error.
    #[error("`dongne search {0}` failed")]
    ColdRun(String),
}

/// The benchmark index `index` (default [`default_bench_index`]), built first with
/// `articles` synthetic articles from `corpus` when it holds no index.
pub fn synthetic_index(
    index: Option<&Path>,
    articles: usize,
    corpus: Option<&Path>,
) -> Result<PathBuf, SearchBenchError> {
    let dir = index.map_or_else(default_bench_index, Path::to_path_buf);
    if !dir.join("meta.json").is_file() {
        let corpus = super::corpus_or_default(corpus);
        eprintln!(
            "building a synthetic index of {articles} articles from {} in {}",
            corpus.display(),
            dir.display()
        );
        super::ingest::build_synthetic(&corpus, articles, &dir, 2, true)?;
    }
    Ok(dir)
}

/// Runs the benchmark and prints its report.
pub fn run(args: &SearchBenchArgs) -> Result<(), SearchBenchError> {
    let dir = synthetic_index(args.index.as_deref(), args.articles, args.corpus.as_deref())?;
    let index = search::open(&dir, crate::analyzer()?)?;
    let gazetteer = dongne::regions::Gazetteer::load_default()?;
    let articles = index.searcher().num_docs();
    let mix = query_mix();
    let requests = mix
        .iter()
        .map(|(query, filters, sort, facets)| {
            Ok(SearchRequest {
                filters: search::resolve_filters(filters, &gazetteer)?,
                sort: *sort,
                facets: facets.clone(),
                ..SearchRequest::new(query)
            })
        })
        .collect::<Result<Vec<_>, SearchError>>()?;

    let (warm, hits) = warm_latencies(&index, &requests, args.rounds)?;
    let mut sorted = warm.clone();
    sorted.sort();
    println!(
        "index: {} (synthetic: the corpus's articles, then mixes of them), {articles} articles",
        dir.display()
    );
    println!(
        "warm: {} queries x {} rounds = {} searches (top 10 loaded, no snippets), {hits} hits in total per round",
        requests.len(),
        args.rounds,
        warm.len()
    );
    println!(
        "warm latency: p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(&sorted, 0.50)),
        ms(percentile(&sorted, 0.90)),
        ms(percentile(&sorted, 0.99)),
        ms(percentile(&sorted, 1.0))
    );
    for (query, median) in slowest(&mix, &warm, 3) {
        println!("  slow: {query:?}, median {:.3} ms", ms(median));
    }

    let mut cold = Vec::new();
    // The `dongne` binary built beside this one.
    let exe = std::env::current_exe()?.with_file_name("dongne");
    for i in 0..args.cold_runs {
        let (query, ..) = &mix[(i * 7) % mix.len()];
        let start = Instant::now();
        let status = Command::new(&exe)
            .args(["search", query, "--index"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        cold.push(start.elapsed());
        if !status.success() {
            return Err(SearchBenchError::ColdRun(query.clone()));
        }
    }
    cold.sort();
    println!(
        "cold `dongne search` process (start, open index, build analyzer, search, 10 results with snippets): p50 {:.1} ms, max {:.1} ms over {} runs",
        ms(percentile(&cold, 0.50)),
        ms(percentile(&cold, 1.0)),
        cold.len()
    );
    Ok(())
}

/// One warm-up round, then `rounds` timed rounds; returns every latency and the hits of a
/// round.
/// The `n` queries of `mix` with the longest median latency, from `latencies` (round by
/// round, each round in mix order): where the tail of the distribution comes from.
fn slowest<'m, F, S, A>(
    mix: &'m [(String, F, S, A)],
    latencies: &[Duration],
    n: usize,
) -> Vec<(&'m str, Duration)> {
    let mut medians: Vec<(&str, Duration)> = mix
        .iter()
        .enumerate()
        .map(|(i, (query, ..))| {
            let mut own: Vec<Duration> = latencies
                .iter()
                .skip(i)
                .step_by(mix.len())
                .copied()
                .collect();
            own.sort();
            (
                query.as_str(),
                own.get(own.len() / 2).copied().unwrap_or_default(),
            )
        })
        .collect();
    medians.sort_by_key(|m| std::cmp::Reverse(m.1));
    medians.truncate(n);
    medians
}

fn warm_latencies(
    index: &SearchIndex,
    requests: &[SearchRequest],
    rounds: usize,
) -> Result<(Vec<Duration>, usize), SearchError> {
    let mut hits = 0;
    for request in requests {
        hits += index.search(request)?.hits;
    }
    let mut latencies = Vec::with_capacity(requests.len() * rounds);
    for _ in 0..rounds {
        for request in requests {
            let start = Instant::now();
            let results = index.search(request)?;
            latencies.push(start.elapsed());
            std::hint::black_box(results);
        }
    }
    Ok((latencies, hits))
}
