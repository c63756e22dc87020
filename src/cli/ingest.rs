//! `dongne ingest`: add the articles of dumps to the index.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dongne::analysis::Analyzer;
use dongne::extract::{ExtractOptions, FieldOverride};
use dongne::ingest::pipeline::PipelineOptions;
use dongne::ingest::{IngestOptions, ingest};
use dongne::opensearch::{self, ClusterIndex, Connection};
use dongne::output;
use dongne::regions::Gazetteer;

use super::Context;
use super::cluster::ClusterArgs;

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
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// Ingests the dumps and prints the summary.
pub fn run(args: IngestArgs, context: &Context) -> Result<ExitCode> {
    let analyzer = context.analyzer()?;
    let gazetteer = context.gazetteer()?;
    if let Some(connection) = args.cluster.connection(context)? {
        return into_cluster(args, &connection, analyzer, &gazetteer, context);
    }
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

/// Ingests the dumps into the cluster and prints the summary, with the documents it
/// rejected on stderr.
fn into_cluster(
    args: IngestArgs,
    connection: &Connection,
    analyzer: Analyzer,
    gazetteer: &Gazetteer,
    context: &Context,
) -> Result<ExitCode> {
    let names: Vec<String> = Gazetteer::municipal_names()?
        .into_iter()
        .map(str::to_string)
        .collect();
    let words = opensearch::user_words(&context.home()?.user_rows()?.csv, &names);
    let index = ClusterIndex::open_for_ingest(connection, analyzer.clone(), &words, args.rebuild)?;
    let mut pipeline = PipelineOptions {
        batch_articles: args.batch,
        ..PipelineOptions::default()
    };
    if let Some(threads) = args.threads {
        pipeline.threads = threads;
    }
    let extract = ExtractOptions {
        fields: args.fields,
    };
    let done = opensearch::ingest(
        &index,
        &args.paths,
        &analyzer,
        gazetteer,
        &pipeline,
        &extract,
        !context.quiet,
    )?;
    if !context.quiet {
        let mut err = std::io::stderr().lock();
        for (id, reason) in &done.rejections {
            writeln!(err, "rejected by the cluster: article {id}: {reason}")?;
        }
        if done.retries > 0 {
            writeln!(
                err,
                "{} bulk requests sent again after the cluster asked to wait",
                done.retries
            )?;
        }
        writeln!(
            std::io::stdout().lock(),
            "{}",
            output::ingest::summary_line(&done.summary)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
