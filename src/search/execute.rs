//! Running searches: compile the query with the filters, collect every hit, rank with
//! duplicate groups collapsed, load the shown articles, count facets and trends.

use std::cmp::{Ordering, Reverse};
use std::collections::HashSet;
use std::ops::Range;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

use super::SearchError;
use super::build::{QueryBuilder, term_query};
use super::collect::{Hit, all_hits};
use super::explain::Explanation;
use super::facets::{FacetCounts, FacetKind, facet_counts};
use super::filters::Filters;
use super::groups::group_keys;
use super::relax::PlainWords;
use super::synonyms::Synonyms;
use super::syntax::{self, Node, ReadQuery};
use super::trend::{Bucket, Interval, buckets};
use crate::analysis::Analyzer;
use crate::article::Article;
use crate::article::kst;
use crate::index::document::{article_id, format_id, id_for_key, parse_id};
use crate::index::schema::{Fields, dup_group_column, dup_group_query, fields_of};
use crate::regions::{Gazetteer, Tagger};

/// Bytes of decompressed doc-store blocks kept per segment by a long-lived [`SearchIndex`]
/// (tantivy keeps 100 blocks whatever their size): 128 blocks of the 1 MiB that ingest writes.
const DOCSTORE_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// Results on a page when none is asked for (a count): fewer with every word, and the words
/// are read with other spacings and relaxed.
const PAGE: usize = 10;

/// Longest snippet, in bytes of body text (about 120 Hangul syllables).
pub const SNIPPET_BYTES: usize = 360;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best BM25 score first (title matches boosted); newest first among equals.
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Earliest published first.
    Oldest,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in the query language (see [`syntax`]).
    pub query: String,
    /// Resolved filters.
    pub filters: Filters,
    /// Result order.
    pub sort: SortOrder,
    /// Results to return.
    pub limit: usize,
    /// Results to skip.
    pub offset: usize,
    /// List every copy instead of one article per duplicate group.
    pub all_copies: bool,
    /// Facets to count.
    pub facets: Vec<FacetKind>,
    /// Compute highlighted body snippets (for people; costs a re-analysis per result).
    pub snippets: bool,
    /// Explain how the query was read even when it finds something.
    pub explain: bool,
}

impl SearchRequest {
    /// The first ten results of `query`, no filters.
    pub fn new(query: &str) -> Self {
        Self {
            query: query.to_string(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            all_copies: false,
            facets: Vec::new(),
            snippets: false,
            explain: false,
        }
    }
}

/// Everything stored about an article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Article id.
    pub id: String,
    /// URL (or source path).
    pub url: String,
    /// Headline.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Reporters.
    pub reporters: Vec<String>,
    /// Publisher.
    pub press: Option<String>,
    /// Publication time, in KST.
    pub published: Option<DateTime<FixedOffset>>,
    /// Primary region facet path.
    pub region_primary: Option<String>,
    /// Region tags (primary, mentioned), as stored.
    pub region_tags: Option<serde_json::Value>,
    /// Section.
    pub section: Option<String>,
    /// Dateline place.
    pub dateline: Option<String>,
    /// Where it was read from.
    pub source: Option<String>,
    /// Duplicate group.
    pub dup_group: Option<String>,
    /// Other stored details (emails, update time, issuer).
    pub extra: Option<serde_json::Value>,
}

impl StoredArticle {
    /// The article stored as `doc`, in duplicate group `dup_group`.
    pub fn from_document(doc: &TantivyDocument, dup_group: Option<u64>, fields: &Fields) -> Self {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let json = |field| {
            text(field).map(|s| serde_json::from_str(&s).unwrap_or(serde_json::Value::String(s)))
        };
        let url = text(fields.url).unwrap_or_default();
        Self {
            id: format_id(article_id(&url)),
            url,
            title: text(fields.title).unwrap_or_default(),
            body: text(fields.body).unwrap_or_default(),
            reporters: doc
                .get_all(fields.reporter)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            press: text(fields.press),
            published: doc
                .get_first(fields.published)
                .and_then(|v| v.as_datetime())
                .and_then(|t| DateTime::from_timestamp(t.into_timestamp_secs(), 0))
                .map(|t| t.with_timezone(&kst())),
            region_primary: text(fields.region_primary),
            region_tags: json(fields.region_tags),
            section: text(fields.section),
            dateline: text(fields.dateline),
            source: text(fields.source),
            dup_group: dup_group.map(format_id),
            extra: json(fields.extra),
        }
    }
}

/// Part of a body with the byte ranges of the matched words in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    /// The excerpt.
    pub text: String,
    /// Sorted, non-overlapping byte ranges in `text` to highlight.
    pub ranges: Vec<Range<usize>>,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// BM25 score.
    pub score: f32,
    /// Hits in this article's duplicate group (1 when it has no copies among the hits).
    pub copies: u64,
    /// The article.
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Body excerpt around the matches, when asked for.
    #[serde(skip)]
    pub snippet: Option<Highlighted>,
    /// Words of the query this article lacks (it has most of them, not all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Matching articles, copies included.
    pub hits: usize,
    /// Results: duplicate groups (or `hits` with `all_copies`).
    pub total: usize,
    /// The requested page of results.
    pub results: Vec<SearchHit>,
    /// The requested facets.
    pub facets: Vec<FacetCounts>,
    /// What search made of the query.
    pub notes: QueryNotes,
}

/// What search made of a query, for the reader.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QueryNotes {
    /// Why the query was read as plain words, when it does not parse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as_plain_words: Option<String>,
    /// Results with every word of the query: less than the results when articles with most
    /// of the words follow them.
    pub complete: usize,
    /// The words not all required, when articles with most of them follow.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_all_required: Vec<String>,
    /// Words also read with other spacings or particles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read_otherwise: Vec<String>,
    /// Words found among the synonyms, with the other forms searched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Synonym>,
    /// Why nothing was found (or, when asked, how the query was read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// A query word that is a synonym.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Synonym {
    /// The word as typed.
    pub word: String,
    /// The other forms searched with it.
    pub also: Vec<String>,
}

/// A query compiled for searching.
pub struct CompiledQuery<'a> {
    /// The query as read.
    pub read: ReadQuery,
    /// The filters.
    pub filters: Filters,
    /// Every word, phrase and filter required.
    pub strict: Box<dyn Query>,
    /// The plain words, which may be relaxed.
    pub plain: Option<PlainWords>,
    /// The builder, to read the words again.
    builder: QueryBuilder<'a>,
}

/// An article as `dongne show` prints it, with its copies.
#[derive(Debug, Clone, Serialize)]
pub struct ShownArticle {
    /// The article.
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Why it is tagged with its regions, strongest first (`dateline 광양`, `title 광양시`).
    pub region_evidence: Vec<String>,
    /// Other articles of its duplicate group, oldest first.
    pub copies: Vec<StoredArticle>,
}

/// An opened index with its analyzer, ready to search.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzer: Analyzer,
    synonyms: Synonyms,
}

impl SearchIndex {
    /// Searches `index` (whose `ko` tokenizer is registered) with `analyzer`.
    pub fn new(index: &Index, analyzer: Analyzer) -> Result<Self, SearchError> {
        // Searches see the index as opened; no thread watches for new commits.
        Self::with_reload(index, analyzer, ReloadPolicy::Manual)
    }

    /// Like [`SearchIndex::new`], but searches see each commit of a running ingest a moment
    /// after it is made (a thread watches the index), for long-lived processes.
    pub fn live(index: &Index, analyzer: Analyzer) -> Result<Self, SearchError> {
        Self::with_reload(index, analyzer, ReloadPolicy::OnCommitWithDelay)
    }

    fn with_reload(
        index: &Index,
        analyzer: Analyzer,
        policy: ReloadPolicy,
    ) -> Result<Self, SearchError> {
        let fields = fields_of(&index.schema())?;
        // A process that searches many times keeps the doc-store blocks it decompressed (see
        // DOCSTORE_CACHE_BYTES, counted in this index's blocks); a single search only fills
        // what it reads.
        let cache_blocks = DOCSTORE_CACHE_BYTES / index.settings().docstore_blocksize.max(1);
        let reader = index
            .reader_builder()
            .reload_policy(policy)
            .doc_store_cache_num_blocks(cache_blocks.max(1))
            .try_into()?;
        Ok(Self {
            reader,
            fields,
            analyzer,
            synonyms: Synonyms::default(),
        })
    }

    /// Searches with `synonyms`.
    pub fn with_synonyms(self, synonyms: Synonyms) -> Self {
        Self { synonyms, ..self }
    }

    /// A searcher over the current state of the index.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The query for `query` and `filters`, with its plain words apart.
    pub fn compile(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<CompiledQuery<'_>, SearchError> {
        let read = syntax::read(query)?;
        let mut builder = QueryBuilder::new(&self.fields, self.analyzer.worker(), &self.synonyms);
        let (strict, plain) = self.assemble(&read, filters, &mut builder);
        let Some(strict) = strict else {
            return Err(SearchError::NothingSearchable(query.to_string()));
        };
        Ok(CompiledQuery {
            read,
            filters: filters.clone(),
            strict,
            plain,
            builder,
        })
    }

    /// The strict query of `read` with `filters` (`None` when nothing is searchable), and
    /// its plain words.
    fn assemble(
        &self,
        read: &ReadQuery,
        filters: &Filters,
        builder: &mut QueryBuilder<'_>,
    ) -> (Option<Box<dyn Query>>, Option<PlainWords>) {
        let text = builder.build(&read.node);
        if text.is_none() && read.node != Node::And(Vec::new()) {
            return (None, None);
        }
        let filters = filters.queries(&self.fields);
        let plain = PlainWords::of(read, builder, &filters);
        let strict: Box<dyn Query> = match &plain {
            Some(plain) => plain.all(),
            None if filters.is_empty() => text.unwrap_or_else(|| Box::new(AllQuery)),
            None => Box::new(BooleanQuery::new(
                text.into_iter()
                    .chain(filters)
                    .map(|q| (Occur::Must, q))
                    .collect(),
            )),
        };
        (Some(strict), plain)
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.searcher();
        let mut compiled = self.compile(&request.query, &request.filters)?;
        let scoring = request.sort == SortOrder::Relevance;
        let wanted = request.offset.saturating_add(request.limit);
        // A page, for counts too.
        let page = request.offset.saturating_add(match request.limit {
            0 => PAGE,
            limit => limit,
        });
        let mut hits = all_hits(&searcher, &self.fields, compiled.strict.as_ref(), scoring)?;
        let mut keys = group_keys(&searcher, &self.fields, &hits)?;
        // Fewer than a page with the words as typed: read the words otherwise too.
        if fewer_groups_than(&keys, page) {
            compiled.builder.read_words_otherwise(searcher.clone());
            let (strict, plain) =
                self.assemble(&compiled.read, &compiled.filters, &mut compiled.builder);
            if !compiled.builder.read_otherwise().is_empty()
                && let Some(strict) = strict
            {
                (compiled.strict, compiled.plain) = (strict, plain);
                hits = all_hits(&searcher, &self.fields, compiled.strict.as_ref(), scoring)?;
                keys = group_keys(&searcher, &self.fields, &hits)?;
            }
        }
        let complete_hits = hits.len();
        // Words matched per hit, for hits with only some of the words (every hit so far has
        // all of them).
        let mut matched = vec![usize::MAX; hits.len()];
        let relaxed = match &compiled.plain {
            Some(plain) if fewer_groups_than(&keys, page) => {
                let mut seen: HashSet<DocAddress> = hits.iter().map(|h| h.address).collect();
                for count in (plain.fewest()..plain.len()).rev() {
                    let query = plain.at_least(count);
                    let more: Vec<Hit> =
                        all_hits(&searcher, &self.fields, query.as_ref(), scoring)?
                            .into_iter()
                            .filter(|h| seen.insert(h.address))
                            .collect();
                    keys.extend(group_keys(&searcher, &self.fields, &more)?);
                    matched.extend(std::iter::repeat_n(count, more.len()));
                    hits.extend(more);
                }
                hits.len() > complete_hits
            }
            _ => false,
        };

        let order = |a: &usize, b: &usize| {
            matched[*b]
                .cmp(&matched[*a])
                .then_with(|| compare(request.sort, &hits[*a], &hits[*b]))
        };
        // Per group: its best hit and its size (a query may have tens of thousands of hits:
        // a fast hash).
        let mut groups: FxHashMap<u128, (usize, u64)> = FxHashMap::default();
        for (i, key) in keys.iter().enumerate() {
            let entry = groups.entry(*key).or_insert((i, 0));
            entry.1 += 1;
            if order(&i, &entry.0) == Ordering::Less {
                entry.0 = i;
            }
        }
        let mut shown: Vec<usize> = if request.all_copies {
            (0..hits.len()).collect()
        } else {
            groups.values().map(|(best, _)| *best).collect()
        };
        let total = shown.len();
        let wanted = wanted.min(total);
        if wanted > 0 && wanted < total {
            shown.select_nth_unstable_by(wanted - 1, order);
        }
        shown.truncate(wanted);
        shown.sort_unstable_by(order);

        let query = compiled.strict;
        let snippets = if request.snippets {
            let mut generator =
                SnippetGenerator::create(&searcher, query.as_ref(), self.fields.body)?;
            generator.set_max_num_chars(SNIPPET_BYTES);
            let mut terms = Vec::new();
            query.query_terms(&mut |term, _| {
                if term.field() == self.fields.body
                    && let Some(text) = term.value().as_str()
                {
                    terms.push(text.to_string());
                }
            });
            Some((generator, terms))
        } else {
            None
        };
        // A highlighted result costs an analysis of its excerpt and, in a fresh process, the
        // decompression of its doc-store block: such a page is made on all cores. Without
        // snippets a result is read from cached blocks in microseconds, less than a thread.
        let page: Vec<usize> = shown.iter().skip(request.offset).copied().collect();
        let checker = match &compiled.plain {
            Some(plain) if relaxed => Some(plain.checker(&searcher)?),
            _ => None,
        };
        let result = |&i: &usize| {
            let hit = &hits[i];
            let article = self.load(&searcher, hit.address)?;
            let snippet = snippets
                .as_ref()
                .map(|(generator, terms)| highlight(generator, terms, &article.body));
            let missing = match &checker {
                Some(checker) if matched[i] != usize::MAX => checker.missing(hit.address)?,
                _ => Vec::new(),
            };
            Ok(SearchHit {
                score: hit.score,
                copies: groups.get(&keys[i]).map_or(1, |g| g.1),
                article,
                snippet,
                missing,
            })
        };
        let results = if snippets.is_some() {
            page.par_iter()
                .map(result)
                .collect::<Result<Vec<_>, SearchError>>()?
        } else {
            page.iter()
                .map(result)
                .collect::<Result<Vec<_>, SearchError>>()?
        };
        // Facets count the articles with every word, or, without any, those with most.
        let counted = if complete_hits > 0 {
            &hits[..complete_hits]
        } else {
            &hits[..]
        };
        let facets = request
            .facets
            .iter()
            .map(|kind| facet_counts(&searcher, &self.fields, counted, *kind))
            .collect::<tantivy::Result<_>>()?;
        let explanation = if total == 0 || request.explain {
            Some(Explanation::new(
                &compiled.read.node,
                &request.filters,
                &mut compiled.builder,
                &searcher,
                &self.fields,
            )?)
        } else {
            None
        };
        let notes = QueryNotes {
            read_as_plain_words: compiled
                .read
                .not_parsed
                .as_ref()
                .map(|err| format!("{} at column {}", err.reason, err.column())),
            complete: match (request.all_copies, relaxed) {
                (true, _) => complete_hits,
                (false, false) => total,
                (false, true) => keys[..complete_hits].iter().collect::<HashSet<_>>().len(),
            },
            not_all_required: match &compiled.plain {
                Some(plain) if relaxed => plain.words(),
                _ => Vec::new(),
            },
            read_otherwise: compiled.builder.read_otherwise().to_vec(),
            synonyms: compiled
                .builder
                .widened()
                .iter()
                .map(|(word, also)| Synonym {
                    word: word.clone(),
                    also: also.clone(),
                })
                .collect(),
            explanation,
        };
        Ok(SearchResults {
            hits: hits.len(),
            total,
            results,
            facets,
            notes,
        })
    }

    /// Matching articles (copies included) per period.
    pub fn trend(
        &self,
        query: &str,
        filters: &Filters,
        interval: Interval,
    ) -> Result<Vec<Bucket>, SearchError> {
        let searcher = self.searcher();
        let query = self.compile(query, filters)?.strict;
        let hits = all_hits(&searcher, &self.fields, query.as_ref(), false)?;
        buckets(&hits, interval).map_err(|periods| SearchError::TooManyPeriods { periods })
    }

    /// The article with id or URL `key`, with the other articles of its duplicate group and
    /// the evidence for its regions from `gazetteer`.
    pub fn show(&self, key: &str, gazetteer: &Gazetteer) -> Result<ShownArticle, SearchError> {
        let searcher = self.searcher();
        let key = key.trim();
        let id = term_query(self.fields.id, &id_for_key(key));
        let found = all_hits(&searcher, &self.fields, id.as_ref(), false)?;
        let hit = *found
            .first()
            .ok_or_else(|| SearchError::NotFound(key.to_string()))?;
        let article = self.load(&searcher, hit.address)?;
        let mut copies = Vec::new();
        if let Some(group) = article.dup_group.as_deref().and_then(parse_id) {
            let group = dup_group_query(&self.fields, group);
            let mut members = all_hits(&searcher, &self.fields, &group, false)?;
            members.sort_by(|a, b| compare(SortOrder::Oldest, a, b));
            for member in members.iter().filter(|m| m.address != hit.address) {
                copies.push(self.load(&searcher, member.address)?);
            }
        }
        let region_evidence = region_evidence(&self.analyzer, &article, gazetteer);
        Ok(ShownArticle {
            article,
            region_evidence,
            copies,
        })
    }

    fn load(&self, searcher: &Searcher, address: DocAddress) -> Result<StoredArticle, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let segment = searcher.segment_reader(address.segment_ord);
        let group = dup_group_column(segment, &self.fields).and_then(|c| c.first(address.doc_id));
        Ok(StoredArticle::from_document(&doc, group, &self.fields))
    }
}

/// Why `stored` was tagged with its regions: indexes do not store the evidence, so the
/// tagger of `gazetteer` runs again on the stored article.
pub fn region_evidence(
    analyzer: &Analyzer,
    stored: &StoredArticle,
    gazetteer: &Gazetteer,
) -> Vec<String> {
    let issuer = stored
        .extra
        .as_ref()
        .and_then(|e| e.get("issuer"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let article = Article {
        title: stored.title.clone(),
        body: stored.body.clone(),
        press: stored.press.clone(),
        published: stored.published,
        dateline: stored.dateline.clone(),
        issuer,
        ..Article::default()
    };
    Tagger::new(gazetteer)
        .tag_with(analyzer, &article)
        .region_evidence
}

/// Whether `keys` hold fewer than `n` duplicate groups (read only until `n` are seen).
fn fewer_groups_than(keys: &[u128], n: usize) -> bool {
    let mut seen = rustc_hash::FxHashSet::default();
    for key in keys {
        if seen.insert(key) && seen.len() >= n {
            return false;
        }
    }
    true
}

/// `Less` when `a` ranks before `b`. Undated articles come last in date orders; ties go to
/// index order so results are stable.
fn compare(sort: SortOrder, a: &Hit, b: &Hit) -> Ordering {
    let newest = |h: &Hit| (h.published.is_none(), Reverse(h.published));
    let oldest = |h: &Hit| (h.published.is_none(), h.published);
    let by_score = b.score.total_cmp(&a.score);
    match sort {
        SortOrder::Relevance => by_score.then_with(|| newest(a).cmp(&newest(b))),
        SortOrder::Newest => newest(a).cmp(&newest(b)).then(by_score),
        SortOrder::Oldest => oldest(a).cmp(&oldest(b)).then(by_score),
    }
    .then_with(|| a.address.cmp(&b.address))
}

/// The best-matching excerpt of `body` near the first occurrence of a body term of the query
/// (`terms`), or its beginning when no body word matched (a title match). Ranges are merged
/// and kept on character boundaries.
fn highlight(generator: &SnippetGenerator, terms: &[String], body: &str) -> Highlighted {
    // Analysing a whole body costs milliseconds; only the text around the first match is.
    let first = terms.iter().filter_map(|t| body.find(t.as_str())).min();
    let window = first.map_or(body, |at| {
        let mut start = at.saturating_sub(SNIPPET_BYTES / 3);
        while !body.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = at
            .saturating_add(SNIPPET_BYTES + SNIPPET_BYTES / 2)
            .min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        &body[start..end]
    });
    let snippet = generator.snippet(window);
    if snippet.is_empty() {
        let mut end = body.len().min(SNIPPET_BYTES);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        return Highlighted {
            text: body[..end].to_string(),
            ranges: Vec::new(),
        };
    }
    let text = snippet.fragment().to_string();
    let mut ranges: Vec<Range<usize>> = snippet
        .highlighted()
        .iter()
        .filter(|r| r.start < r.end && text.get(r.start..r.end).is_some())
        .cloned()
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    Highlighted {
        text,
        ranges: merged,
    }
}
