//! `dongne stats`: what an index holds.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dongne::index::IndexHandle;
use dongne::index::stats::IndexStats;
use dongne::output;

use super::Context;

/// Arguments of `dongne stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    /// The index directory (default: the data home's `index`).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// How many top values to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// Prints the statistics of the index.
pub fn run(args: StatsArgs, context: &Context) -> Result<ExitCode> {
    let handle = IndexHandle::open_unchecked(&context.index_dir(args.index)?)?;
    let stats = IndexStats::collect(&handle, args.top)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
    } else {
        output::stats::write_stats(&mut out, &stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
