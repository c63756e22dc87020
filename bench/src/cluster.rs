//! `dongne-bench cluster --url URL`: dongne on an OpenSearch cluster against the local
//! index, on the same corpus (the national dailies by default):
//!
//! - analysis parity: nori (the index's `dongne_ko` analyzer, through `_analyze`) against
//!   dongne's `ko` analyzer on the opening of every article: token F1 over multisets of
//!   token texts, and the kinds of difference;
//! - ingest throughput into the cluster and into a local index;
//! - search parity: top-10 overlap of the search benchmark's query mix, and the counts of
//!   region, press, reporter and date filters (which must be identical);
//! - search latency through the cluster and locally (warm p50/p90/p99).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dongne::analysis::{Analyzer, SearchToken};
use dongne::extract::ExtractOptions;
use dongne::ingest::pipeline::PipelineOptions;
use dongne::ingest::{IngestOptions, ingest};
use dongne::opensearch::{self, ClusterError, ClusterIndex, Connection};
use dongne::regions::Gazetteer;
use dongne::search::{self, Backend, FacetKind, Filters, SearchError, SearchRequest};
use serde_json::{Value, json};

/// Options of `dongne-bench cluster`.
#[derive(Debug, Clone, clap::Args)]
pub struct ClusterBenchOptions {
    /// URL of an OpenSearch node with nori (`scripts/opensearch.sh start` prints one).
    #[arg(long)]
    pub url: String,
    /// Index on the cluster (rebuilt).
    #[arg(long, default_value = "dongne-bench")]
    pub cluster_index: String,
    /// The corpus (JSON Lines).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Characters of each article compared in the analysis parity.
    #[arg(long, default_value_t = 600)]
    pub chars: usize,
    /// Timed rounds over the query mix.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

/// Errors of the cluster benchmark.
#[derive(Debug, thiserror::Error)]
pub enum ClusterBenchError {
    /// The cluster failed.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// A search failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The local index failed.
    #[error(transparent)]
    Index(#[from] dongne::index::IndexError),
    /// The analyzer failed.
    #[error(transparent)]
    Analysis(#[from] dongne::analysis::AnalysisError),
    /// The gazetteer failed.
    #[error(transparent)]
    Regions(#[from] dongne::regions::RegionError),
    /// Reading the corpus failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs the benchmark and prints its report.
pub fn run(options: &ClusterBenchOptions) -> Result<(), ClusterBenchError> {
    let corpus = super::corpus_or_default(options.corpus.as_deref());
    if !corpus.is_file() {
        println!("skipped: {} is absent", corpus.display());
        return Ok(());
    }
    let analyzer = super::analyzer()?;
    let gazetteer = Gazetteer::load_default()?;
    let connection = Connection {
        url: options.url.clone(),
        index: options.cluster_index.clone(),
        ..Connection::default()
    };
    let names: Vec<String> = Gazetteer::municipal_names()?
        .into_iter()
        .map(str::to_string)
        .collect();
    let words = opensearch::user_words(&super::home().user_rows()?.csv, &names);
    println!("corpus: {}", corpus.display());

    // Ingest throughput, cluster and local, on the same machine.
    let cluster = ClusterIndex::open_for_ingest(&connection, analyzer.clone(), &words, true)?;
    let pipeline = PipelineOptions::default();
    let paths = [corpus.clone()];
    let start = Instant::now();
    let done = opensearch::ingest(
        &cluster,
        &paths,
        &analyzer,
        &gazetteer,
        &pipeline,
        &ExtractOptions::default(),
        false,
    )?;
    let cluster_secs = start.elapsed().as_secs_f64();
    let written = done.summary.added + done.summary.updated;
    let dir = tempfile::tempdir()?;
    let mut local_options = IngestOptions::new(dir.path().to_path_buf());
    local_options.progress = false;
    let start = Instant::now();
    let local_summary = ingest(&paths, &analyzer, &gazetteer, &local_options)?;
    let local_secs = start.elapsed().as_secs_f64();
    let local_written = local_summary.added + local_summary.updated;
    let mb = local_summary.text_bytes as f64 / 1e6;
    println!(
        "ingest into the cluster: {written} articles in {cluster_secs:.1} s = {:.0} articles/s, {:.2} MB/s of text ({} rejected, {} bulk retries)",
        written as f64 / cluster_secs,
        mb / cluster_secs,
        done.rejections.len(),
        done.retries
    );
    println!(
        "ingest into the local index: {local_written} articles in {local_secs:.1} s = {:.0} articles/s, {:.2} MB/s of text",
        local_written as f64 / local_secs,
        mb / local_secs
    );

    let synonyms = super::home()
        .synonyms()
        .unwrap_or_else(|_| search::Synonyms::default());
    let local = search::open(dir.path(), analyzer.clone())?.with_synonyms(synonyms.clone());
    let cluster = ClusterIndex::open(&connection, analyzer.clone())?.with_synonyms(synonyms);

    analysis_parity(&cluster, &analyzer, &corpus, options.chars)?;
    filter_parity(&local, &cluster)?;
    search_parity(&local, &cluster, &gazetteer, options.rounds)?;
    Ok(())
}

/// Token F1 of nori against dongne on the opening of every article, and the kinds of
/// difference.
fn analysis_parity(
    cluster: &ClusterIndex,
    analyzer: &Analyzer,
    corpus: &std::path::Path,
    chars: usize,
) -> Result<(), ClusterBenchError> {
    let text = std::fs::read_to_string(corpus)?;
    let mut worker = analyzer.worker();
    let mut tokens: Vec<SearchToken> = Vec::new();
    let (mut both, mut only_dongne, mut only_nori) = (0u64, 0u64, 0u64);
    let mut kinds: BTreeMap<&'static str, HashMap<String, u64>> = BTreeMap::new();
    let mut f1_sum = 0.0;
    let mut articles = 0u64;
    let path = format!("/{}/_analyze", cluster.client().index);
    for line in text.lines() {
        let Ok(record) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let body = record.get("body").and_then(Value::as_str).unwrap_or("");
        let sample: String = body.chars().take(chars).collect();
        if sample.trim().is_empty() {
            continue;
        }
        tokens.clear();
        worker.tokens(&sample, &mut tokens);
        let ours: Vec<(String, String)> = tokens
            .iter()
            .map(|t| (t.text.clone(), t.pos.clone()))
            .collect();
        let answer = cluster.client().json(
            "POST",
            &path,
            Some(&json!({"analyzer": "dongne_ko", "text": sample})),
            "an analysis",
        )?;
        let theirs: Vec<String> = answer
            .get("tokens")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(|t| t.get("token").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut counts: HashMap<&str, i64> = HashMap::new();
        for (token, _) in &ours {
            *counts.entry(token).or_default() += 1;
        }
        let mut common = 0u64;
        let mut extra_nori = Vec::new();
        for token in &theirs {
            match counts.get_mut(token.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    common += 1;
                }
                _ => extra_nori.push(token.as_str()),
            }
        }
        let ours_set: HashSet<&str> = ours.iter().map(|(t, _)| t.as_str()).collect();
        let theirs_set: HashSet<&str> = theirs.iter().map(String::as_str).collect();
        for (token, pos) in &ours {
            if counts.get(token.as_str()).copied().unwrap_or(0) > 0 {
                counts.insert(token, counts[token.as_str()] - 1);
                *kinds
                    .entry(kind(token, pos, &theirs_set))
                    .or_default()
                    .entry(token.clone())
                    .or_default() += 1;
            }
        }
        for token in &extra_nori {
            *kinds
                .entry(kind_nori(token, &ours_set))
                .or_default()
                .entry(token.to_string())
                .or_default() += 1;
        }
        both += common;
        only_dongne += ours.len() as u64 - common;
        only_nori += theirs.len() as u64 - common;
        let precision = common as f64 / theirs.len().max(1) as f64;
        let recall = common as f64 / ours.len().max(1) as f64;
        f1_sum += if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        articles += 1;
    }
    let precision = both as f64 / (both + only_nori).max(1) as f64;
    let recall = both as f64 / (both + only_dongne).max(1) as f64;
    println!(
        "analysis parity over {articles} articles (first {chars} characters each): token F1 {:.3} (micro; nori precision {precision:.3}, recall {recall:.3} against dongne), {:.3} mean per article",
        2.0 * precision * recall / (precision + recall),
        f1_sum / articles.max(1) as f64
    );
    println!("  tokens in both {both}, only dongne {only_dongne}, only nori {only_nori}");
    let mut kinds: Vec<KindReport> = kinds
        .into_iter()
        .map(|(kind, tokens)| {
            let total = tokens.values().sum();
            let mut tokens: Vec<(String, u64)> = tokens.into_iter().collect();
            tokens.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            tokens.truncate(8);
            (kind, total, tokens)
        })
        .collect();
    kinds.sort_by_key(|(_, total, _)| std::cmp::Reverse(*total));
    for (kind, total, tokens) in kinds {
        let examples: Vec<String> = tokens.iter().map(|(t, n)| format!("{t} {n}")).collect();
        println!(
            "  difference: {kind}: {total} (most often: {})",
            examples.join(", ")
        );
    }
    Ok(())
}

/// A kind of difference: its name, its tokens and the most frequent of them.
type KindReport = (&'static str, u64, Vec<(String, u64)>);

/// The kind of a token dongne makes and nori does not.
fn kind(token: &str, pos: &str, nori: &HashSet<&str>) -> &'static str {
    if token.is_ascii() {
        "dongne only: Latin letters or digits"
    } else if pos.starts_with('V') {
        "dongne only: verb or adjective stem (nori keeps another form)"
    } else if nori
        .iter()
        .any(|t| t.len() > token.len() && t.contains(token))
    {
        "dongne only: part of a longer nori token (dongne splits more)"
    } else if nori
        .iter()
        .any(|t| token.len() > t.len() && token.contains(t))
    {
        "dongne only: joins what nori splits (compound, user or place noun)"
    } else {
        "dongne only: other"
    }
}

/// The kind of a token nori makes and dongne does not.
fn kind_nori(token: &str, dongne: &HashSet<&str>) -> &'static str {
    if token.is_ascii() {
        "nori only: Latin letters or digits"
    } else if dongne
        .iter()
        .any(|t| t.len() > token.len() && t.contains(token))
    {
        "nori only: part of a longer dongne token (nori splits more)"
    } else if dongne
        .iter()
        .any(|t| token.len() > t.len() && token.contains(t))
    {
        "nori only: joins what dongne splits, or keeps an inflected form"
    } else {
        "nori only: other"
    }
}

/// The ids of a search's results.
fn ids(
    backend: &dyn Backend,
    request: &SearchRequest,
) -> Result<(usize, Vec<String>), SearchError> {
    let results = backend.search(request)?;
    Ok((
        results.hits,
        results
            .results
            .iter()
            .map(|h| h.article.id.clone())
            .collect(),
    ))
}

/// Counts of the top region, press, reporter and month filters on both engines.
fn filter_parity(local: &dyn Backend, cluster: &dyn Backend) -> Result<(), ClusterBenchError> {
    let facets = local
        .search(&SearchRequest {
            facets: vec![
                FacetKind::Region,
                FacetKind::Press,
                FacetKind::Reporter,
                FacetKind::Month,
            ],
            limit: 0,
            ..SearchRequest::new("")
        })?
        .facets;
    let (mut same, mut total) = (0, 0);
    for counts in facets {
        for value in counts.values.iter().take(10) {
            let mut filters = Filters::default();
            match counts.facet {
                FacetKind::Region => filters.regions.push(value.value.clone()),
                FacetKind::Press => filters.presses.push(value.value.clone()),
                FacetKind::Reporter => filters.reporters.push(value.value.clone()),
                FacetKind::Month => {
                    let Ok(month) = chrono::NaiveDate::parse_from_str(
                        &format!("{}-01", value.value),
                        "%Y-%m-%d",
                    ) else {
                        continue;
                    };
                    let next = month + chrono::Months::new(1);
                    filters.from = Some(search::dates::start_of_day(month));
                    filters.until = Some(search::dates::start_of_day(next));
                }
            }
            let request = SearchRequest {
                filters,
                limit: 0,
                ..SearchRequest::new("")
            };
            let (here, _) = ids(local, &request)?;
            let (there, _) = ids(cluster, &request)?;
            total += 1;
            if here == there {
                same += 1;
            } else {
                println!(
                    "  filter {:?} {}: local {here}, cluster {there}",
                    counts.facet, value.value
                );
            }
        }
    }
    println!("filter counts: {same} of {total} filters identical on both engines");
    Ok(())
}

/// Top-10 overlap and latency over the search benchmark's query mix.
fn search_parity(
    local: &dyn Backend,
    cluster: &dyn Backend,
    gazetteer: &Gazetteer,
    rounds: usize,
) -> Result<(), ClusterBenchError> {
    let requests = super::search::query_mix()
        .into_iter()
        .map(|(query, filters, sort, facets)| {
            Ok(SearchRequest {
                filters: search::resolve_filters(&filters, gazetteer)?,
                sort,
                facets,
                ..SearchRequest::new(&query)
            })
        })
        .collect::<Result<Vec<_>, SearchError>>()?;
    let (mut sum, mut counted, mut same_hits) = (0.0, 0usize, 0usize);
    for request in &requests {
        let request = SearchRequest {
            all_copies: true,
            ..request.clone()
        };
        let (Ok((here_hits, here)), Ok((there_hits, there))) =
            (ids(local, &request), ids(cluster, &request))
        else {
            continue;
        };
        let longer = here.len().max(there.len());
        let share = if longer == 0 {
            1.0
        } else {
            let here: HashSet<&String> = here.iter().collect();
            there.iter().filter(|id| here.contains(id)).count() as f64 / longer as f64
        };
        sum += share;
        counted += 1;
        same_hits += usize::from(here_hits == there_hits);
    }
    println!(
        "search parity: top-10 overlap {:.3} on average over {counted} queries of the search benchmark's mix; same hit count for {same_hits}",
        sum / counted.max(1) as f64
    );
    for (name, backend) in [("cluster", cluster), ("local", local)] {
        let mut times: Vec<Duration> = Vec::new();
        for request in &requests {
            let _ = backend.search(request);
        }
        for _ in 0..rounds {
            for request in &requests {
                let start = Instant::now();
                let _ = backend.search(request);
                times.push(start.elapsed());
            }
        }
        times.sort();
        let at = |p: f64| {
            let i = ((times.len() as f64 - 1.0) * p).round() as usize;
            times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        println!(
            "search latency, {name}: {} searches, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms",
            times.len(),
            at(0.5),
            at(0.9),
            at(0.99)
        );
    }
    Ok(())
}
