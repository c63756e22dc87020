//! Ingest: the stage that chains the others. Dump files are read ([`crate::dump`]), their
//! articles extracted ([`crate::extract`]), tagged with regions ([`crate::regions`]) and
//! analysed ([`crate::analysis`]) on a pool of workers ([`pipeline`], [`prepare`]), and
//! written to the index ([`crate::index`]).

pub mod pipeline;
pub mod prepare;

use std::path::{Path, PathBuf};

use crate::analysis::Analyzer;
use crate::dump::{self, RawDocument, SkippedRecord};
use crate::extract::{self, ExtractOptions};
use crate::index::{IndexError, IndexHandle, IngestSummary};
use crate::regions::{Gazetteer, Tagger};
use pipeline::{PipelineOptions, Progress, Sink, Skip};
pub use prepare::prepare;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The index directory.
    pub index_dir: PathBuf,
    /// Clear the index first and build it afresh.
    pub rebuild: bool,
    /// Threads and batch size.
    pub pipeline: PipelineOptions,
    /// tantivy's indexing memory budget in bytes.
    pub memory_budget: usize,
    /// Draw a progress bar (only when stderr is a terminal).
    pub progress: bool,
    /// Field mapping for record dumps.
    pub extract: ExtractOptions,
}

impl IngestOptions {
    /// Default options for the index in `index_dir`.
    pub fn new(index_dir: PathBuf) -> Self {
        Self {
            index_dir,
            rebuild: false,
            pipeline: PipelineOptions::default(),
            memory_budget: DEFAULT_MEMORY_BUDGET,
            progress: true,
            extract: ExtractOptions::default(),
        }
    }
}

/// Default tantivy memory budget: 256 MB keeps the peak RSS well under 1 GiB.
pub const DEFAULT_MEMORY_BUDGET: usize = 256 * 1024 * 1024;

/// Ingests every file at or below `paths` into the index (created when missing), analysing
/// with `analyzer` and tagging regions from `gazetteer`, and returns what was done. Batches
/// are committed as they fill, so an interrupted run keeps them, and running it again
/// completes the rest.
pub fn ingest(
    paths: &[PathBuf],
    analyzer: &Analyzer,
    gazetteer: &Gazetteer,
    options: &IngestOptions,
) -> Result<IngestSummary, IndexError> {
    let handle = IndexHandle::open_or_create(&options.index_dir, analyzer, options.rebuild)?;
    let mut writer = handle.writer(analyzer, options.memory_budget)?;
    feed(
        &mut writer,
        paths,
        analyzer,
        gazetteer,
        &options.pipeline,
        &options.extract,
        options.progress,
    )?;
    writer.finish()
}

/// Reads, extracts, tags and analyses every file at or below `paths` and writes the
/// articles to `sink` (which the caller commits at the end); a progress bar is drawn when
/// `progress`.
pub fn feed<W: Sink>(
    sink: &mut W,
    paths: &[PathBuf],
    analyzer: &Analyzer,
    gazetteer: &Gazetteer,
    pipeline: &PipelineOptions,
    extract_options: &ExtractOptions,
    progress: bool,
) -> Result<(), W::Error> {
    let files = dump::find_files(paths);
    let total: u64 = files.iter().flatten().map(|path| file_size(path)).sum();
    let progress = Progress::new(total, progress);
    let result = pipeline::run(
        sink,
        analyzer,
        &Tagger::new(gazetteer),
        |feed: &mut dyn FnMut(Result<RawDocument, SkippedRecord>)| {
            for file in files {
                match file {
                    Ok(path) => {
                        dump::read_file(&path, &mut |document| feed(document));
                        progress.read(file_size(&path));
                    }
                    Err(skipped) => feed(Err(skipped)),
                }
            }
        },
        |document| {
            document
                .and_then(|document| extract::extract_document(document, extract_options))
                .map_err(|skipped| Skip {
                    kind: skipped.reason.kind().to_string(),
                    detail: skipped.to_string(),
                })
        },
        pipeline,
        &progress,
    );
    progress.finish();
    result
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}
