//! Hit counts per region, month, publisher and reporter (BIGKinds-style facets), read from
//! fast fields over all hits.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use serde::Serialize;
use tantivy::Searcher;
use tantivy::schema::Facet;

use super::collect::Hit;
use crate::article::kst;
use crate::index::schema::Fields;

/// Values listed per facet (and per province for regions).
pub const FACET_TOP: usize = 10;

/// A facet `--facets` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    /// Provinces and, below each, its municipalities.
    Region,
    /// Publication month (KST), in order.
    Month,
    /// Publisher.
    Press,
    /// Reporter.
    Reporter,
}

/// One value of a facet and the number of hits that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// The value: a region path (`/전라남도/광양시`), a month (`2024-03`), a name.
    pub value: String,
    /// Hits with this value.
    pub count: u64,
    /// 0 for top-level values, 1 for municipalities below their province, 2 for the 일반구 or
    /// 읍·면·동 below a municipality.
    pub depth: usize,
}

/// The counts of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Which facet.
    pub facet: FacetKind,
    /// Its values, most frequent first (months in time order; municipalities after their
    /// province).
    pub values: Vec<FacetValue>,
}

/// Counts `kind` over `hits`.
pub fn facet_counts(
    searcher: &Searcher,
    fields: &Fields,
    hits: &[Hit],
    kind: FacetKind,
) -> tantivy::Result<FacetCounts> {
    let values = match kind {
        FacetKind::Month => month_counts(hits),
        FacetKind::Press => str_counts(
            searcher,
            searcher.schema().get_field_name(fields.press),
            hits,
        )?,
        FacetKind::Reporter => str_counts(
            searcher,
            searcher.schema().get_field_name(fields.reporter),
            hits,
        )?,
        FacetKind::Region => region_counts(
            searcher,
            searcher.schema().get_field_name(fields.region),
            hits,
        )?,
    };
    Ok(FacetCounts {
        facet: kind,
        values,
    })
}

fn month_counts(hits: &[Hit]) -> Vec<FacetValue> {
    // Counted by (year, month) and named once per month: a common word has tens of
    // thousands of hits.
    let mut months: BTreeMap<(i32, u32), u64> = BTreeMap::new();
    for hit in hits {
        if let Some(time) = hit
            .published
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        {
            let local = time.with_timezone(&kst());
            *months.entry((local.year(), local.month())).or_default() += 1;
        }
    }
    months
        .into_iter()
        .map(|((year, month), count)| FacetValue {
            value: format!("{year:04}-{month:02}"),
            count,
            depth: 0,
        })
        .collect()
}

/// The `FACET_TOP` most frequent of `counts`, ties by value.
/// The [`FACET_TOP`] most frequent of `counts` (ties by value), at `depth`.
pub fn top(counts: HashMap<String, u64>, depth: usize) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue {
            value,
            count,
            depth,
        })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(FACET_TOP);
    values
}

/// Counts of an exact, fast string field (one count per value per hit).
fn str_counts(searcher: &Searcher, field: &str, hits: &[Hit]) -> tantivy::Result<Vec<FacetValue>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for run in hits.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let reader = searcher.segment_reader(run[0].address.segment_ord);
        let Some(column) = reader.fast_fields().str(field)? else {
            continue;
        };
        let mut per_ord = vec![0u64; column.num_terms()];
        for hit in run {
            for ord in column.term_ords(hit.address.doc_id) {
                if let Some(slot) = per_ord.get_mut(ord as usize) {
                    *slot += 1;
                }
            }
        }
        let ords: Vec<u64> = (0..per_ord.len() as u64)
            .filter(|&o| per_ord[o as usize] > 0)
            .collect();
        let mut names = Vec::with_capacity(ords.len());
        column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned())
        })?;
        for (ord, name) in ords.iter().zip(names) {
            *counts.entry(name).or_default() += per_ord[*ord as usize];
        }
    }
    Ok(top(counts, 0))
}

/// Counts per province, per municipality and per place inside it (일반구 or 읍·면·동); a hit
/// tagged with several places of one province counts once for it.
fn region_counts(
    searcher: &Searcher,
    field: &str,
    hits: &[Hit],
) -> tantivy::Result<Vec<FacetValue>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut seen: Vec<usize> = Vec::new();
    for run in hits.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let reader = searcher.segment_reader(run[0].address.segment_ord);
        let Ok(facets) = reader.facet_reader(field) else {
            continue;
        };
        // The province, municipality and place prefixes of every facet of the segment,
        // interned.
        let all: Vec<u64> = (0..facets.num_facets() as u64).collect();
        let mut prefixes: Vec<String> = Vec::new();
        let mut prefix_ids: HashMap<String, usize> = HashMap::new();
        let mut ancestors: Vec<Vec<usize>> = Vec::with_capacity(all.len());
        facets.facet_dict().sorted_ords_to_term_cb(&all, |bytes| {
            let mut own = Vec::new();
            if let Ok(facet) = Facet::from_encoded(bytes.to_vec()) {
                let path = facet.to_path();
                for depth in 1..=path.len().min(REGION_LEVELS) {
                    let prefix = format!("/{}", path[..depth].join("/"));
                    let next = prefixes.len();
                    let id = *prefix_ids.entry(prefix.clone()).or_insert(next);
                    if id == next {
                        prefixes.push(prefix);
                    }
                    own.push(id);
                }
            }
            ancestors.push(own);
        })?;
        let mut per_prefix = vec![0u64; prefixes.len()];
        for hit in run {
            seen.clear();
            for ord in facets.facet_ords(hit.address.doc_id) {
                seen.extend(ancestors.get(ord as usize).into_iter().flatten());
            }
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                per_prefix[id] += 1;
            }
        }
        for (prefix, count) in prefixes.into_iter().zip(per_prefix) {
            if count > 0 {
                *counts.entry(prefix).or_default() += count;
            }
        }
    }
    Ok(region_tree(&counts))
}

/// The region facet from hit counts per region path prefix (`/전라남도`,
/// `/전라남도/광양시`, …): the top provinces, each followed by its top municipalities and
/// theirs by the places inside them.
pub fn region_tree(counts: &HashMap<String, u64>) -> Vec<FacetValue> {
    let mut out = Vec::new();
    push_region_level(&mut out, counts, "", 0);
    out
}

/// Levels of region paths counted: province, municipality, place inside it.
pub const REGION_LEVELS: usize = 3;

/// Appends the top paths of `counts` at `depth` below `parent` (`""` for provinces), each
/// followed by the top paths below it.
fn push_region_level(
    out: &mut Vec<FacetValue>,
    counts: &HashMap<String, u64>,
    parent: &str,
    depth: usize,
) {
    let inside = format!("{parent}/");
    let level: HashMap<String, u64> = counts
        .iter()
        .filter(|(path, _)| path.starts_with(&inside) && path.matches('/').count() == depth + 1)
        .map(|(path, count)| (path.clone(), *count))
        .collect();
    for value in top(level, depth) {
        let path = value.value.clone();
        out.push(value);
        if depth + 1 < REGION_LEVELS {
            push_region_level(out, counts, &path, depth + 1);
        }
    }
}
