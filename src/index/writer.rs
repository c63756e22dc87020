//! Writing articles into an index: replace-by-URL, skipping unchanged articles, grouping
//! (near-)duplicate bodies, and committing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use tantivy::schema::Term;
use tantivy::{Index, ReloadPolicy};

use super::dedup::{Decision, DedupIndex, Signature};
use super::document::{PreparedArticle, format_id, parse_id};
use super::schema::Fields;
use super::{IndexError, IndexHandle};
use crate::analysis::{Analyzer, AnalyzerWorker};
use crate::article::Article;

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

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} exact duplicates skipped, {} syndicated copies grouped, {} \
             skipped",
            self.added,
            self.updated,
            self.unchanged,
            self.grouped,
            self.skipped_total()
        )?;
        if !self.skipped.is_empty() {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            write!(f, " ({})", kinds.join(", "))?;
        }
        Ok(())
    }
}

/// Adds articles to an index; holds the index's writer lock while it lives. Nothing is
/// visible (or durable) before [`ArticleWriter::commit`].
pub struct ArticleWriter {
    writer: tantivy::IndexWriter,
    fields: Fields,
    dir: PathBuf,
    dedup: DedupIndex,
    worker: AnalyzerWorker,
    summary: IngestSummary,
}

impl ArticleWriter {
    /// Takes the writer lock of `handle`'s index (tantivy gets one indexing thread and
    /// `memory_budget` bytes) and loads the duplicate-detection state from the index.
    pub fn new(
        handle: &IndexHandle,
        analyzer: &Analyzer,
        memory_budget: usize,
    ) -> Result<Self, IndexError> {
        let dir = handle.dir().to_path_buf();
        let writer = handle
            .index()
            .writer_with_num_threads(1, memory_budget.max(MIN_MEMORY_BUDGET))
            .map_err(IndexError::tantivy(&dir))?;
        super::write_lock_owner(&dir);
        let dedup =
            load_dedup(handle.index(), handle.fields()).map_err(IndexError::tantivy(&dir))?;
        Ok(Self {
            writer,
            fields: *handle.fields(),
            dir,
            dedup,
            worker: analyzer.worker(),
            summary: IngestSummary::default(),
        })
    }

    /// Analyses and writes one article (on this thread).
    pub fn add(&mut self, article: &Article) -> Result<WriteOutcome, IndexError> {
        let prepared = PreparedArticle::prepare(article.clone(), &mut self.worker);
        self.write(prepared)
    }

    /// Writes an article prepared (analysed) elsewhere: skips it when unchanged, replaces
    /// an older version of its URL, and puts it in the group of an earlier copy.
    pub fn write(&mut self, prepared: PreparedArticle) -> Result<WriteOutcome, IndexError> {
        self.summary.text_bytes += prepared.text_len() as u64;
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
                    let doc = prepared.into_document(&self.fields, group);
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

/// Reads every live article's id, content hash, group and signature from the fast fields.
fn load_dedup(index: &Index, fields: &Fields) -> tantivy::Result<DedupIndex> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let name = |field| schema.get_field_name(field).to_string();
    let (id_name, hash_name, minhash_name, group_name) = (
        name(fields.id),
        name(fields.content_hash),
        name(fields.minhash),
        name(fields.dup_group),
    );
    let mut dedup = DedupIndex::default();
    let (mut text, mut bytes) = (String::new(), Vec::new());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(ids), Some(groups)) = (fast.str(&id_name)?, fast.str(&group_name)?) else {
            continue;
        };
        let hashes = fast.u64(&hash_name)?;
        let minhashes = fast.bytes(&minhash_name)?;
        for doc in segment.doc_ids_alive() {
            let mut read_id = |column: &tantivy::columnar::StrColumn| -> Option<u64> {
                let ord = column.term_ords(doc).next()?;
                text.clear();
                column.ord_to_str(ord, &mut text).ok()?;
                parse_id(&text)
            };
            if let (Some(id), Some(group), Some(hash)) =
                (read_id(&ids), read_id(&groups), hashes.first(doc))
            {
                let signature = minhashes.as_ref().and_then(|column| {
                    let ord = column.term_ords(doc).next()?;
                    bytes.clear();
                    column.ord_to_bytes(ord, &mut bytes).ok()?;
                    Signature::from_bytes(&bytes)
                });
                dedup.insert(id, hash, group, signature);
            }
        }
    }
    Ok(dedup)
}
