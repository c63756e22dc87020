//! `dongne ingest`: add the articles of dumps to the index.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dongne::extract::{ExtractOptions, FieldOverride};
use dongne::ingest::{IngestOptions, ingest};
use dongne::output;

use super::Context;

/// Arguments of `dongne ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The index directory (default: the data home's `index`).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Delete the index and build it afresh (after a dictionary or schema change).
    #[arg(long)]
    rebuild: bool,
    /// Analysis threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per commit.
    #[arg(long, default_value_t = 20_000)]
    batch: usize,
    /// Read an article field from a named column of JSON Lines / CSV / xlsx dumps
    /// (repeatable), e.g. `--field body=article_text`.
    #[arg(long = "field", value_name = "FIELD=COLUMN")]
    fields: Vec<FieldOverride>,
}

/// Ingests the dumps and prints the summary.
pub fn run(args: IngestArgs, context: &Context) -> Result<ExitCode> {
    let analyzer = context.analyzer()?;
    let gazetteer = context.gazetteer()?;
    let mut options = IngestOptions::new(context.index_dir(args.index)?);
    options.rebuild = args.rebuild;
    options.progress = !context.quiet;
    options.pipeline.batch_articles = args.batch;
    if let Some(threads) = args.threads {
        options.pipeline.threads = threads;
    }
    options.extract = ExtractOptions {
        fields: args.fields,
    };
    let summary = ingest(&args.paths, &analyzer, &gazetteer, &options)?;
    if !context.quiet {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            output::ingest::summary_line(&summary)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
