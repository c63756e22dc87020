//! `dongne stats`: what an index holds — articles, duplicate groups, date span, the most
//! frequent regions, publishers and reporters, size on disk and what it was built with.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::AllQuery;
use tantivy::schema::Facet;
use tantivy::{ReloadPolicy, Searcher};

use super::{IndexError, IndexHandle, IndexMeta};

/// A value and how many articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    /// The value (a facet path, a publisher, a reporter).
    pub value: String,
    /// Number of articles.
    pub articles: u64,
}

/// Bytes an index spends on one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartSize {
    /// A field (`body/positions`, `id/fast`, …) or `store` (the compressed stored fields).
    pub part: String,
    /// Bytes on disk.
    pub bytes: u64,
}

/// What an index holds.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Articles (one per URL).
    pub articles: u64,
    /// Duplicate groups (articles with copies count once).
    pub dup_groups: u64,
    /// Earliest publication time (RFC 3339, UTC).
    pub earliest: Option<String>,
    /// Latest publication time (RFC 3339, UTC).
    pub latest: Option<String>,
    /// Most frequent provinces and municipalities.
    pub top_regions: Vec<Counted>,
    /// Most frequent publishers.
    pub top_press: Vec<Counted>,
    /// Most frequent reporters.
    pub top_reporters: Vec<Counted>,
    /// Bytes of all files in the index directory.
    pub size_on_disk: u64,
    /// tantivy segments.
    pub segments: usize,
    /// The largest parts of the index, largest first.
    pub largest_parts: Vec<PartSize>,
    /// Schema version and analysis fingerprint (dictionary hash) the index records.
    pub meta: IndexMeta,
}

impl IndexStats {
    /// Collects the statistics of an index, with the `top` most frequent values per list.
    pub fn collect(handle: &IndexHandle, top: usize) -> Result<Self, IndexError> {
        let dir = handle.dir();
        let wrap = IndexError::tantivy(dir);
        let reader = handle
            .index()
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(IndexError::tantivy(dir))?;
        let searcher = reader.searcher();
        let schema = handle.index().schema();
        let name = |field| schema.get_field_name(field).to_string();
        let fields = handle.fields();
        let articles = searcher.search(&AllQuery, &Count).map_err(wrap)? as u64;
        let (earliest, latest) =
            date_span(&searcher, &name(fields.published)).map_err(IndexError::tantivy(dir))?;
        let top_regions =
            top_regions(&searcher, &name(fields.region), top).map_err(IndexError::tantivy(dir))?;
        let str_counts = |field| -> Result<HashMap<String, u64>, IndexError> {
            count_values(&searcher, &name(field)).map_err(IndexError::tantivy(dir))
        };
        Ok(Self {
            articles,
            dup_groups: distinct_values(&searcher, &name(fields.dup_group))
                .map_err(IndexError::tantivy(dir))?,
            earliest,
            latest,
            top_regions,
            top_press: top_of(str_counts(fields.press)?, top),
            top_reporters: top_of(str_counts(fields.reporter)?, top),
            size_on_disk: dir_size(dir)?,
            segments: searcher.segment_readers().len(),
            largest_parts: largest_parts(&searcher, top).map_err(|err| IndexError::Io {
                path: dir.to_path_buf(),
                source: err,
            })?,
            meta: handle.meta().clone(),
        })
    }
}

/// The `top` most frequent values, most frequent first (ties by value).
fn top_of(counts: HashMap<String, u64>, top: usize) -> Vec<Counted> {
    let mut list: Vec<Counted> = counts
        .into_iter()
        .map(|(value, articles)| Counted { value, articles })
        .collect();
    list.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.value.cmp(&b.value)));
    list.truncate(top);
    list
}

/// How many live articles have each value of a fast text field.
fn count_values(searcher: &Searcher, field: &str) -> tantivy::Result<HashMap<String, u64>> {
    let mut counts = HashMap::new();
    let mut text = String::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(field)? else {
            continue;
        };
        let mut per_ord: HashMap<u64, u64> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            for ord in column.term_ords(doc) {
                *per_ord.entry(ord).or_default() += 1;
            }
        }
        for (ord, n) in per_ord {
            text.clear();
            column.ord_to_str(ord, &mut text)?;
            *counts.entry(text.clone()).or_default() += n;
        }
    }
    Ok(counts)
}

/// Number of distinct values of a `u64` fast field among the live articles.
fn distinct_values(searcher: &Searcher, field: &str) -> tantivy::Result<u64> {
    let mut seen = std::collections::HashSet::new();
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64(field)?;
        for doc in segment.doc_ids_alive() {
            seen.extend(column.first(doc));
        }
    }
    Ok(seen.len() as u64)
}

/// Earliest and latest publication time of the live articles.
fn date_span(
    searcher: &Searcher,
    field: &str,
) -> tantivy::Result<(Option<String>, Option<String>)> {
    let mut span: Option<(tantivy::DateTime, tantivy::DateTime)> = None;
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().date(field)?;
        for doc in segment.doc_ids_alive() {
            if let Some(t) = column.first(doc) {
                span = Some(span.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
            }
        }
    }
    let format = |t: tantivy::DateTime| {
        chrono::DateTime::from_timestamp(t.into_timestamp_secs(), 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    Ok(match span {
        Some((lo, hi)) => (format(lo), format(hi)),
        None => (None, None),
    })
}

/// The most frequent provinces and municipalities (facets of depth one and two).
fn top_regions(searcher: &Searcher, field: &str, top: usize) -> tantivy::Result<Vec<Counted>> {
    let mut provinces = FacetCollector::for_field(field);
    provinces.add_facet(Facet::root());
    let counts = searcher.search(&AllQuery, &provinces)?;
    let province_facets: Vec<Facet> = counts.get(Facet::root()).map(|(f, _)| f.clone()).collect();
    let mut all: HashMap<String, u64> = counts
        .get(Facet::root())
        .map(|(f, n)| (f.to_string(), n))
        .collect();
    if !province_facets.is_empty() {
        let mut municipalities = FacetCollector::for_field(field);
        for facet in &province_facets {
            municipalities.add_facet(facet.clone());
        }
        let counts = searcher.search(&AllQuery, &municipalities)?;
        for facet in &province_facets {
            all.extend(counts.get(facet.clone()).map(|(f, n)| (f.to_string(), n)));
        }
    }
    Ok(top_of(all, top))
}

/// The `top` largest parts of the index (per field and kind, and the store).
fn largest_parts(searcher: &Searcher, top: usize) -> std::io::Result<Vec<PartSize>> {
    let usage = searcher.space_usage()?;
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for segment in usage.segments() {
        let kinds = [
            ("terms", segment.termdict()),
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fast", segment.fast_fields()),
            ("norms", segment.fieldnorms()),
        ];
        for (kind, per_field) in kinds {
            for field in per_field.fields() {
                *sizes
                    .entry(format!("{}/{kind}", field.field_name()))
                    .or_default() += field.total().get_bytes();
            }
        }
        *sizes.entry("store".into()).or_default() += segment.store().total().get_bytes();
    }
    let mut parts: Vec<PartSize> = sizes
        .into_iter()
        .map(|(part, bytes)| PartSize { part, bytes })
        .collect();
    parts.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.part.cmp(&b.part)));
    parts.truncate(top);
    Ok(parts)
}

/// Total size of the files in `dir`.
fn dir_size(dir: &Path) -> Result<u64, IndexError> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(IndexError::io(dir))? {
        let entry = entry.map_err(IndexError::io(dir))?;
        let meta = entry.metadata().map_err(IndexError::io(entry.path()))?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}
