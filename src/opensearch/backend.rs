//! Searching the cluster through dongne's [`Backend`] interface: the query and filters as
//! dongne reads them, duplicate groups collapsed on `dup_group`, facets and trends as
//! aggregations, articles read back as the local index reads them.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use serde_json::{Value, json};
use tantivy::schema::Schema;

use super::ClusterError;
use super::client::{Client, Connection};
use super::document::stored_article;
use super::query::{Translator, with_filters};
use super::template::{MAPPING_VERSION, index_body, mapping_version};
use crate::analysis::Analyzer;
use crate::index::document::id_for_key;
use crate::index::schema::{Fields, build_schema};
use crate::regions::Gazetteer;
use crate::search::execute::{
    Highlighted, QueryNotes, SNIPPET_BYTES, SearchHit, SearchRequest, SearchResults, ShownArticle,
    SortOrder, region_evidence,
};
use crate::search::facets::{
    FACET_TOP, FacetCounts, FacetKind, FacetValue, REGION_LEVELS, region_tree, top,
};
use crate::search::filters::Filters;
use crate::search::synonyms::Synonyms;
use crate::search::syntax::{self, Node};
use crate::search::trend::{Bucket, Interval, MAX_BUCKETS};
use crate::search::{Backend, SearchError};

/// Most copies of an article `show` lists.
const MAX_COPIES: usize = 1000;
/// Groups counted exactly by the cardinality aggregation (above, it estimates).
const EXACT_GROUPS: u64 = 40_000;
/// Markers around highlighted words in the cluster's snippets.
const MARK_START: &str = "\u{e000}";
const MARK_END: &str = "\u{e001}";

/// dongne's index on a cluster, with the analyzer that reads queries.
pub struct ClusterIndex {
    pub(crate) client: Client,
    schema: Schema,
    fields: Fields,
    analyzer: Analyzer,
    synonyms: Synonyms,
}

impl ClusterIndex {
    /// The index `connection` names, for searching: it must exist and have this dongne's
    /// mapping.
    pub fn open(connection: &Connection, analyzer: Analyzer) -> Result<Self, ClusterError> {
        let index = Self::connect(connection, analyzer)?;
        match index.mapping_version()? {
            None => Err(ClusterError::NoIndex {
                index: index.client.index.clone(),
                url: index.client.url().to_string(),
            }),
            Some(version) => index.check_version(version).map(|()| index),
        }
    }

    /// The index `connection` names, for ingesting: created from dongne's template when
    /// missing (or deleted and created again when `rebuild`), with nori's user dictionary
    /// `user_words`.
    pub fn open_for_ingest(
        connection: &Connection,
        analyzer: Analyzer,
        user_words: &[String],
        rebuild: bool,
    ) -> Result<Self, ClusterError> {
        let index = Self::connect(connection, analyzer)?;
        let path = format!("/{}", index.client.index);
        let existing = index.mapping_version()?;
        if rebuild && existing.is_some() {
            index
                .client
                .json("DELETE", &path, None, "deleting the index")?;
        }
        match existing {
            Some(version) if !rebuild => index.check_version(version)?,
            _ => {
                let health =
                    index
                        .client
                        .json("GET", "/_cluster/health", None, "cluster health")?;
                let nodes = health
                    .get("number_of_data_nodes")
                    .and_then(Value::as_u64)
                    .unwrap_or(1);
                let body = index_body(user_words, u64::from(nodes > 1));
                index
                    .client
                    .json("PUT", &path, Some(&body), "creating the index")?;
                index.client.json(
                    "GET",
                    &format!(
                        "/_cluster/health/{}?wait_for_status=yellow&timeout=60s",
                        index.client.index
                    ),
                    None,
                    "waiting for the new index",
                )?;
            }
        }
        Ok(index)
    }

    fn connect(connection: &Connection, analyzer: Analyzer) -> Result<Self, ClusterError> {
        let (schema, fields) = build_schema();
        Ok(Self {
            client: Client::new(connection)?,
            schema,
            fields,
            analyzer,
            synonyms: Synonyms::default(),
        })
    }

    /// The mapping version of the index: `None` when there is no index, `Some(0)` for an
    /// index without one.
    fn mapping_version(&self) -> Result<Option<u64>, ClusterError> {
        let path = format!("/{}/_mapping", self.client.index);
        let response = self.client.send("GET", &path, None)?;
        if response.status == 404 {
            return Ok(None);
        }
        self.client
            .check(&response, "reading the index's mapping")?;
        let mappings: Value = serde_json::from_slice(&response.body).unwrap_or_default();
        let version = mappings
            .as_object()
            .and_then(|indexes| indexes.values().next())
            .and_then(mapping_version);
        Ok(Some(version.unwrap_or(0)))
    }

    fn check_version(&self, found: u64) -> Result<(), ClusterError> {
        if found == MAPPING_VERSION {
            Ok(())
        } else {
            Err(ClusterError::OtherMapping {
                index: self.client.index.clone(),
                found,
                expected: MAPPING_VERSION,
            })
        }
    }

    /// Searches with `synonyms`.
    pub fn with_synonyms(self, synonyms: Synonyms) -> Self {
        Self { synonyms, ..self }
    }

    /// The client, for ingest.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn search_body(&self, body: &Value, what: &str) -> Result<Value, SearchError> {
        let path = format!("/{}/_search", self.client.index);
        self.client
            .json("POST", &path, Some(body), what)
            .map_err(SearchError::from)
    }

    /// The text query of `query` (`None` for everything).
    fn text_query(&self, query: &str) -> Result<(Option<Value>, Option<String>), SearchError> {
        let read = syntax::read(query)?;
        let mut worker = self.analyzer.worker();
        let mut tokens = Vec::new();
        let text = Translator {
            forms: |word: &str| {
                tokens.clear();
                worker.tokens(word, &mut tokens);
                if tokens.is_empty() {
                    return None;
                }
                let others = self.synonyms.others(&tokens).unwrap_or_default();
                Some(others.into_iter().map(str::to_string).collect())
            },
        }
        .translate(&read.node);
        if text.is_none() && read.node != Node::And(Vec::new()) {
            return Err(SearchError::NothingSearchable(query.to_string()));
        }
        let not_parsed = read
            .not_parsed
            .as_ref()
            .map(|err| format!("{} at column {}", err.reason, err.column()));
        Ok((text, not_parsed))
    }
}

fn sort_of(order: SortOrder) -> Value {
    let newest = json!({"published": {"order": "desc", "missing": "_last"}});
    let oldest = json!({"published": {"order": "asc", "missing": "_last"}});
    match order {
        SortOrder::Relevance => json!(["_score", newest, {"id": "asc"}]),
        SortOrder::Newest => json!([newest, "_score", {"id": "asc"}]),
        SortOrder::Oldest => json!([oldest, "_score", {"id": "asc"}]),
    }
}

fn facet_aggregation(kind: FacetKind) -> Value {
    match kind {
        FacetKind::Month => json!({"date_histogram": {
            "field": "published", "calendar_interval": "month", "time_zone": "+09:00",
            "format": "yyyy-MM", "min_doc_count": 1}}),
        FacetKind::Press => json!({"terms": {"field": "press", "size": FACET_TOP * 10}}),
        FacetKind::Reporter => json!({"terms": {"field": "reporter", "size": FACET_TOP * 10}}),
        FacetKind::Region => json!({"terms": {"field": "region.tree", "size": 10_000}}),
    }
}

fn facet_name(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Month => "month",
        FacetKind::Press => "press",
        FacetKind::Reporter => "reporter",
        FacetKind::Region => "region",
    }
}

fn facet_counts(kind: FacetKind, aggregation: Option<&Value>) -> FacetCounts {
    let buckets: Vec<(String, u64)> = aggregation
        .and_then(|a| a.get("buckets"))
        .and_then(Value::as_array)
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| {
                    let key = b
                        .get("key_as_string")
                        .or_else(|| b.get("key"))
                        .and_then(Value::as_str)?;
                    let count = b.get("doc_count").and_then(Value::as_u64)?;
                    Some((key.to_string(), count))
                })
                .collect()
        })
        .unwrap_or_default();
    let values = match kind {
        FacetKind::Month => buckets
            .into_iter()
            .map(|(value, count)| FacetValue {
                value,
                count,
                depth: 0,
            })
            .collect(),
        FacetKind::Press | FacetKind::Reporter => top(buckets.into_iter().collect(), 0),
        FacetKind::Region => {
            let counts: HashMap<String, u64> = buckets
                .into_iter()
                .filter(|(path, _)| path.matches('/').count() <= REGION_LEVELS)
                .collect();
            region_tree(&counts)
        }
    };
    FacetCounts {
        facet: kind,
        values,
    }
}

/// A highlighted fragment from the cluster, its markers turned into byte ranges.
fn highlighted(fragment: &str) -> Highlighted {
    let mut text = String::with_capacity(fragment.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut rest = fragment;
    while let Some(start) = rest.find(MARK_START) {
        text.push_str(&rest[..start]);
        rest = &rest[start + MARK_START.len()..];
        let end = rest.find(MARK_END).unwrap_or(rest.len());
        let from = text.len();
        text.push_str(&rest[..end]);
        match ranges.last_mut() {
            Some(last) if last.end == from => last.end = text.len(),
            _ => ranges.push(from..text.len()),
        }
        rest = rest.get(end + MARK_END.len()..).unwrap_or("");
    }
    text.push_str(rest);
    Highlighted { text, ranges }
}

impl Backend for ClusterIndex {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let (text, not_parsed) = self.text_query(&request.query)?;
        let mut body = json!({
            "query": with_filters(text, &request.filters),
            "track_total_hits": true,
            "from": request.offset,
            "size": request.limit,
            "sort": sort_of(request.sort),
            "aggs": {"groups": {"cardinality": {"field": "dup_group", "precision_threshold": EXACT_GROUPS}}},
        });
        if !request.all_copies {
            body["collapse"] = json!({"field": "dup_group",
                "inner_hits": {"name": "copies", "size": 0}});
        }
        for kind in &request.facets {
            body["aggs"][facet_name(*kind)] = facet_aggregation(*kind);
        }
        if request.snippets {
            body["highlight"] = json!({"fields": {"body": {
                "fragment_size": SNIPPET_BYTES / 3, "number_of_fragments": 1,
                "no_match_size": SNIPPET_BYTES / 3,
                "pre_tags": [MARK_START], "post_tags": [MARK_END]}}});
        }
        let answer = self.search_body(&body, "a search")?;
        let hits = answer
            .pointer("/hits/total/value")
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let groups = answer
            .pointer("/aggregations/groups/value")
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let total = if request.all_copies { hits } else { groups };
        let results = answer
            .pointer("/hits/hits")
            .and_then(Value::as_array)
            .map(|hits| {
                hits.iter()
                    .map(|hit| SearchHit {
                        score: hit.get("_score").and_then(Value::as_f64).unwrap_or(0.0) as f32,
                        copies: hit
                            .pointer("/inner_hits/copies/hits/total/value")
                            .and_then(Value::as_u64)
                            .unwrap_or(1),
                        article: stored_article(
                            hit.get("_source").unwrap_or(&Value::Null),
                            &self.schema,
                            &self.fields,
                        ),
                        snippet: hit
                            .pointer("/highlight/body/0")
                            .and_then(Value::as_str)
                            .map(highlighted),
                        missing: Vec::new(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let facets = request
            .facets
            .iter()
            .map(|kind| {
                facet_counts(
                    *kind,
                    answer.pointer(&format!("/aggregations/{}", facet_name(*kind))),
                )
            })
            .collect();
        Ok(SearchResults {
            hits,
            total,
            results,
            facets,
            notes: QueryNotes {
                read_as_plain_words: not_parsed,
                complete: total,
                ..QueryNotes::default()
            },
        })
    }

    fn trend(
        &self,
        query: &str,
        filters: &Filters,
        interval: Interval,
    ) -> Result<Vec<Bucket>, SearchError> {
        let (text, _) = self.text_query(query)?;
        let calendar = match interval {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        };
        let body = json!({
            "query": with_filters(text, filters),
            "size": 0,
            "aggs": {
                "span": {"stats": {"field": "published"}},
                "periods": {"date_histogram": {"field": "published", "calendar_interval": calendar,
                    "time_zone": "+09:00", "format": "yyyy-MM-dd", "min_doc_count": 1}},
            },
        });
        let answer = self.search_body(&body, "a trend")?;
        let mut counts: Vec<(NaiveDate, u64)> = answer
            .pointer("/aggregations/periods/buckets")
            .and_then(Value::as_array)
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        let day = b.get("key_as_string")?.as_str()?.parse().ok()?;
                        Some((day, b.get("doc_count")?.as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        counts.sort();
        let (Some(&(first, _)), Some(&(last, _))) = (counts.first(), counts.last()) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut start = Some(interval.start_of(first));
        let mut counts = counts.into_iter().peekable();
        while let Some(day) = start.filter(|d| *d <= last) {
            if out.len() >= MAX_BUCKETS {
                let mut periods = out.len();
                let mut more = Some(day);
                while let Some(d) = more.filter(|d| *d <= last) {
                    periods += 1;
                    more = interval.next(d);
                }
                return Err(SearchError::TooManyPeriods { periods });
            }
            let count = match counts.peek() {
                Some(&(at, count)) if interval.start_of(at) == day => {
                    counts.next();
                    count
                }
                _ => 0,
            };
            out.push(Bucket {
                period: interval.label(day),
                start: day,
                count,
            });
            start = interval.next(day);
        }
        Ok(out)
    }

    fn show(&self, key: &str, gazetteer: &Gazetteer) -> Result<ShownArticle, SearchError> {
        let key = key.trim();
        let body = json!({"query": {"term": {"id": id_for_key(key)}}, "size": 1});
        let answer = self.search_body(&body, "looking up an article")?;
        let source = answer
            .pointer("/hits/hits/0/_source")
            .ok_or_else(|| SearchError::NotFound(key.to_string()))?;
        let article = stored_article(source, &self.schema, &self.fields);
        let mut copies = Vec::new();
        if let Some(group) = &article.dup_group {
            let body = json!({
                "query": {"bool": {"filter": {"term": {"dup_group": group}},
                                    "must_not": {"term": {"id": article.id}}}},
                "size": MAX_COPIES,
                "sort": sort_of(SortOrder::Oldest),
            });
            let answer = self.search_body(&body, "finding an article's copies")?;
            if let Some(hits) = answer.pointer("/hits/hits").and_then(Value::as_array) {
                copies = hits
                    .iter()
                    .filter_map(|hit| hit.get("_source"))
                    .map(|source| stored_article(source, &self.schema, &self.fields))
                    .collect();
            }
        }
        let region_evidence = region_evidence(&self.analyzer, &article, gazetteer);
        Ok(ShownArticle {
            article,
            region_evidence,
            copies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_ranges() {
        let shown = highlighted(&format!(
            "가 {MARK_START}광양{MARK_END}{MARK_START}시{MARK_END} 나"
        ));
        assert_eq!(shown.text, "가 광양시 나");
        assert_eq!(shown.ranges, vec![(4..13)]);
    }
}
