//! `dongne show`: one article in full.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dongne::output::{self, style::Style};

use super::Context;
use super::cluster::ClusterArgs;

/// Arguments of `dongne show`.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// Article id or URL.
    key: String,
    /// The index directory (default: the data home's `index`).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// Prints the article with its region evidence and its copies.
pub fn run(args: ShowArgs, context: &Context) -> Result<ExitCode> {
    let index = context.backend(args.index, &args.cluster)?;
    let shown = index.show(&args.key, &context.gazetteer()?)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        output::search::write_json_line(&mut out, &shown)?;
    } else {
        output::show::write_article(&mut out, &shown, Style::detect())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
