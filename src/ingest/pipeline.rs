//! The parallel ingest pipeline: one thread reads inputs, a pool of workers turns each into
//! an analysed article (extract, tag, analyse: each worker owns an
//! [`AnalyzerWorker`](crate::analysis::AnalyzerWorker) and its eojeol memo), and the calling
//! thread writes them in input order, committing every batch.
//!
//! Channels between the stages are bounded, so memory stays flat whatever the dump size;
//! tantivy's indexing threads only build postings from tokens made by the workers, and the documents
//! waiting for them are bounded by the writer's [`backlog`](super::backlog).

use std::collections::BTreeMap;
use std::time::Duration;

use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::prepare::prepare;
use crate::analysis::Analyzer;
use crate::article::Article;
use crate::index::document::PreparedArticle;
use crate::index::schema::Fields;
use crate::index::{ArticleWriter, IndexError};
use crate::regions::Tagger;

/// Where the pipeline writes its articles: the local index or a cluster.
pub trait Sink {
    /// What writing can fail with.
    type Error;
    /// The fields the articles are prepared with.
    fn fields(&self) -> &Fields;
    /// Writes (or skips as unchanged) one prepared article.
    fn write(&mut self, prepared: PreparedArticle) -> Result<(), Self::Error>;
    /// Counts a skipped file or record.
    fn skip(&mut self, reason: &str);
    /// Makes what was written so far durable.
    fn commit(&mut self) -> Result<(), Self::Error>;
    /// Articles added or updated so far.
    fn written(&self) -> u64;
}

impl Sink for ArticleWriter {
    type Error = IndexError;

    fn fields(&self) -> &Fields {
        ArticleWriter::fields(self)
    }

    fn write(&mut self, prepared: PreparedArticle) -> Result<(), IndexError> {
        ArticleWriter::write(self, prepared).map(drop)
    }

    fn skip(&mut self, reason: &str) {
        ArticleWriter::skip(self, reason);
    }

    fn commit(&mut self) -> Result<(), IndexError> {
        ArticleWriter::commit(self)
    }

    fn written(&self) -> u64 {
        self.summary().added + self.summary().updated
    }
}

/// A file or record that yields no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// Short reason, for counting (`unreadable`, `malformed`).
    pub kind: String,
    /// What was skipped and why, for the log.
    pub detail: String,
}

/// How to run the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineOptions {
    /// Analysis worker threads.
    pub threads: usize,
    /// Articles written between commits.
    pub batch_articles: usize,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            batch_articles: 20_000,
        }
    }
}

/// Inputs queued per worker before the reader waits.
const QUEUE_PER_WORKER: usize = 32;

/// Runs every item `read` feeds (on a reader thread) through `convert` (on the workers),
/// analyses the articles there and tags them with `tagger`, and writes them with `writer` in
/// feeding order,
/// committing every [`PipelineOptions::batch_articles`] articles. The caller commits at the
/// end.
pub fn run<W, J, R, C>(
    writer: &mut W,
    analyzer: &Analyzer,
    tagger: &Tagger,
    read: R,
    convert: C,
    options: &PipelineOptions,
    progress: &Progress,
) -> Result<(), W::Error>
where
    W: Sink,
    J: Send,
    R: FnOnce(&mut dyn FnMut(J)) + Send,
    C: Fn(J) -> Result<Article, Skip> + Sync,
{
    let threads = options.threads.max(1);
    let fields = *writer.fields();
    let fields = &fields;
    let (in_tx, in_rx) = bounded::<(u64, J)>(threads * QUEUE_PER_WORKER);
    let (out_tx, out_rx) =
        bounded::<(u64, Result<PreparedArticle, Skip>)>(threads * QUEUE_PER_WORKER);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0u64;
            // After a write error the workers are gone and sends fail; the rest is dropped.
            read(&mut |item| {
                let _ = in_tx.send((seq, item));
                seq += 1;
            });
        });
        for _ in 0..threads {
            let (in_rx, out_tx, convert) = (in_rx.clone(), out_tx.clone(), &convert);
            scope.spawn(move || {
                let mut worker = analyzer.worker();
                for (seq, item) in in_rx {
                    let prepared =
                        convert(item).map(|article| prepare(article, &mut worker, tagger, fields));
                    if out_tx.send((seq, prepared)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((in_rx, out_tx));
        // Results arrive out of order; write them in input order, so which copy leads a
        // duplicate group does not depend on thread timing.
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        let mut since_commit = 0usize;
        for (seq, result) in out_rx {
            pending.insert(seq, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                match result {
                    Ok(prepared) => {
                        writer.write(prepared)?;
                        since_commit += 1;
                    }
                    Err(skip) => {
                        progress.warn(&skip.detail);
                        writer.skip(&skip.kind);
                    }
                }
                if since_commit >= options.batch_articles.max(1) {
                    writer.commit()?;
                    since_commit = 0;
                }
                progress.wrote(writer.written());
            }
        }
        Ok(())
    })
}

/// The progress bar: input MB/s and ETA from the bytes read, articles/s from the articles
/// written. Hidden unless stderr is a terminal.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `total_bytes` of input, drawn when `visible` and stderr is a terminal.
    pub fn new(total_bytes: u64, visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total_bytes), target);
        if let Ok(style) = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Self { bar }
    }

    /// A progress bar that never draws.
    pub fn hidden() -> Self {
        Self::new(0, false)
    }

    /// Advances the bar by `bytes` of input read.
    pub fn read(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn wrote(&self, articles: u64) {
        if self.bar.is_hidden() {
            return;
        }
        let secs = self.bar.elapsed().as_secs_f64().max(0.001);
        self.bar.set_message(format!(
            "{articles} articles, {:.0} articles/s",
            articles as f64 / secs
        ));
    }

    fn warn(&self, line: &str) {
        self.bar.suspend(|| eprintln!("skipped {line}"));
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
