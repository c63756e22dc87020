//! Writing articles into an index: replace-by-URL, skipping unchanged articles, grouping
//! (near-)duplicate bodies, and committing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tantivy::schema::Term;
use tantivy::schema::Value;
use tantivy::{Index, ReloadPolicy, TantivyDocument};

use super::backlog::{BACKLOG_BYTES, Backlog};
use super::dedup::{Decision, DedupIndex, Signature};
use super::document::{ArticleDocument, PreparedArticle, article_id, format_id, stored_hash};
use super::schema::{Fields, dup_group_column};
use super::{IndexError, IndexHandle};
use crate::analysis::{Analyzer, KoTokenizer, TOKENIZER_NAME, TokenHandoff};

/// What writing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The same URL was already indexed with the same content; nothing was written.
    Unchanged,
    /// A new URL was added.
    Added {
        /// It joined the duplicate group of an earlier article.
        grouped: bool,
    },
    /// An indexed URL with other content was replaced.
    Updated {
        /// It joined the duplicate group of an earlier article.
        grouped: bool,
    },
}

/// Counts of what an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    /// New articles (new URLs) written.
    pub added: u64,
    /// Articles whose URL was indexed with other content, replaced.
    pub updated: u64,
    /// Exact duplicates skipped: URLs already indexed (or seen earlier in the run) with the
    /// same content.
    pub unchanged: u64,
    /// Written articles that are syndicated copies of an earlier one (same or nearly the same
    /// body under another URL), grouped with it.
    pub grouped: u64,
    /// Files and records skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Bytes of title and body text read.
    pub text_bytes: u64,
    /// Commits made.
    pub commits: u64,
}

impl IngestSummary {
    /// Counts one outcome.
    pub fn count(&mut self, outcome: WriteOutcome) {
        let grouped = match outcome {
            WriteOutcome::Unchanged => {
                self.unchanged += 1;
                false
            }
            WriteOutcome::Added { grouped } => {
                self.added += 1;
                grouped
            }
            WriteOutcome::Updated { grouped } => {
                self.updated += 1;
                grouped
            }
        };
        if grouped {
            self.grouped += 1;
        }
    }

    /// Counts one skipped file or record.
    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    /// Total skipped files and records.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// Adds articles to an index; holds the index's writer lock while it lives. Nothing is
/// visible (or durable) before [`ArticleWriter::commit`].
pub struct ArticleWriter {
    writer: tantivy::IndexWriter<ArticleDocument>,
    fields: Fields,
    dir: PathBuf,
    dedup: DedupIndex,
    backlog: Arc<Backlog>,
    handoff: Arc<TokenHandoff>,
    summary: IngestSummary,
}

impl ArticleWriter {
    /// Takes the writer lock of `handle`'s index (tantivy indexes with `memory_budget` bytes,
    /// its `ko` tokenizer taking the tokens `analyzer` computed) and loads the
    /// duplicate-detection state from the index.
    pub fn new(
        handle: &IndexHandle,
        analyzer: &Analyzer,
        memory_budget: usize,
    ) -> Result<Self, IndexError> {
        let dir = handle.dir().to_path_buf();
        // tantivy's tokenizer takes the tokens ingest computed instead of analysing again.
        let handoff = Arc::new(TokenHandoff::default());
        handle.index().tokenizers().register(
            TOKENIZER_NAME,
            KoTokenizer::with_handoff(analyzer.clone(), Arc::clone(&handoff)),
        );
        let writer = handle
            .index()
            .writer_with_num_threads(
                INDEXING_THREADS,
                memory_budget.max(INDEXING_THREADS * MIN_MEMORY_BUDGET),
            )
            .map_err(IndexError::tantivy(&dir))?;
        super::write_lock_owner(&dir);
        let dedup =
            load_dedup(handle.index(), handle.fields()).map_err(IndexError::tantivy(&dir))?;
        Ok(Self {
            writer,
            fields: *handle.fields(),
            dir,
            dedup,
            backlog: Backlog::new(BACKLOG_BYTES),
            handoff,
            summary: IngestSummary::default(),
        })
    }

    /// Writes an article prepared (analysed) elsewhere: skips it when unchanged, replaces
    /// an older version of its URL, and puts it in the group of an earlier copy.
    pub fn write(&mut self, prepared: PreparedArticle) -> Result<WriteOutcome, IndexError> {
        self.summary.text_bytes += prepared.text_len as u64;
        let outcome =
            match self
                .dedup
                .decide(prepared.id, prepared.content_hash, prepared.signature)
            {
                Decision::Unchanged => WriteOutcome::Unchanged,
                Decision::Write {
                    group,
                    replaces,
                    grouped,
                } => {
                    if replaces {
                        self.writer.delete_term(Term::from_field_text(
                            self.fields.id,
                            &format_id(prepared.id),
                        ));
                    }
                    let ticket = self.backlog.admit(prepared.weight);
                    let doc = prepared.into_document(&self.fields, group, ticket, &self.handoff);
                    self.writer
                        .add_document(doc)
                        .map_err(IndexError::tantivy(&self.dir))?;
                    if replaces {
                        WriteOutcome::Updated { grouped }
                    } else {
                        WriteOutcome::Added { grouped }
                    }
                }
            };
        self.summary.count(outcome);
        Ok(outcome)
    }

    /// The index's field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Counts a skipped file or record in the summary.
    pub fn skip(&mut self, reason: &str) {
        self.summary.skip(reason);
    }

    /// Makes everything written so far durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer
            .commit()
            .map_err(IndexError::tantivy(&self.dir))?;
        self.summary.commits += 1;
        Ok(())
    }

    /// Where the writer leaves each document's tokens for the index's tokenizer.
    pub fn handoff(&self) -> Arc<TokenHandoff> {
        Arc::clone(&self.handoff)
    }

    /// What was done so far.
    pub fn summary(&self) -> &IngestSummary {
        &self.summary
    }

    /// Commits, waits for background merges, releases the lock and returns the summary.
    pub fn finish(mut self) -> Result<IngestSummary, IndexError> {
        self.commit()?;
        let Self {
            writer,
            dir,
            summary,
            ..
        } = self;
        writer
            .wait_merging_threads()
            .map_err(IndexError::tantivy(&dir))?;
        Ok(summary)
    }
}

/// tantivy refuses less than this per indexing thread.
const MIN_MEMORY_BUDGET: usize = 15_000_000;

/// tantivy's indexing threads (each builds its own segment from the workers' tokens). With the
/// eojeol memo, analysis outruns one of them, but two leave two segments per commit: on the
/// national dailies ingest was about 20% faster and the index 63% of the text instead of 59%
/// (the limit is 60%).
const INDEXING_THREADS: usize = 1;

/// Derives every live article's id (from its URL), content hash, group (from the fast field)
/// and signature from the stored documents (read block by block, in order).
fn load_dedup(index: &Index, fields: &Fields) -> tantivy::Result<DedupIndex> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut dedup = DedupIndex::default();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1)?;
        let Some(groups) = dup_group_column(segment, fields) else {
            continue;
        };
        // The store yields the live documents in id order.
        let alive = (0..segment.max_doc()).filter(|&doc| !segment.is_deleted(doc));
        for (doc_id, doc) in alive.zip(store.iter::<TantivyDocument>(segment.alive_bitset())) {
            let doc = doc?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str());
            let (Some(url), Some(group)) = (text(fields.url), groups.first(doc_id)) else {
                continue;
            };
            let id = article_id(url);
            let signature = Signature::of(text(fields.body).unwrap_or_default());
            dedup.insert(id, stored_hash(&doc, fields), group, signature);
        }
    }
    Ok(dedup)
}
