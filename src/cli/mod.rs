//! The `dongne` command line: one module per command, each with its arguments and its run.
//! Paths and settings are resolved here, once ([`context`]); the library takes them as
//! parameters.

mod analyze;
mod cluster;
mod completions;
mod context;
mod dict;
mod extract;
mod ingest;
mod man;
mod query;
mod regions;
mod search;
mod serve;
mod show;
mod stats;
mod trend;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use context::Context;

/// Offline full-text search for Korean local news.
#[derive(Parser)]
#[command(name = "dongne", version, about, long_about = None)]
pub struct Cli {
    /// Print nothing but results and errors (no progress, summaries or notes on stderr).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or describe the Korean dictionary.
    #[command(subcommand)]
    Dict(dict::DictCommand),
    /// Show how the `ko` analyzer splits a text: tokens with tag, role, offsets, position.
    Analyze(analyze::AnalyzeArgs),
    /// Pull clean articles out of saved pages and dumps (HTML, text, gz, zip, WARC, JSON
    /// Lines, CSV, xlsx, NewsML); skipped files and records are reported on stderr.
    Extract(extract::ExtractArgs),
    /// Add the articles of dumps to the index: replaces changed articles (same URL), skips
    /// unchanged ones, groups syndicated copies; prints a summary.
    Ingest(ingest::IngestArgs),
    /// Describe the index: articles, date span, top regions, press and reporters, size,
    /// dictionary hash.
    Stats(stats::StatsArgs),
    /// List the gazetteer of regions, or show how an article is tagged.
    Regions(regions::RegionsArgs),
    /// Search the index.
    #[command(after_long_help = dongne::search::syntax::QUERY_HELP)]
    Search(search::SearchArgs),
    /// Count matching articles per day, week or month.
    #[command(after_long_help = dongne::search::syntax::QUERY_HELP)]
    Trend(trend::TrendArgs),
    /// Print one article in full (by id or URL) with its region evidence and its copies.
    Show(show::ShowArgs),
    /// Serve the search page and the JSON API (http://127.0.0.1:7700/ by default).
    Serve(serve::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff; `dongne man | man -l -`).
    Man,
}

/// Runs the command `cli` names.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let context = Context::new(cli.quiet);
    match cli.command {
        Command::Dict(command) => dict::run(command, &context),
        Command::Analyze(args) => analyze::run(args, &context),
        Command::Extract(args) => extract::run(args, &context),
        Command::Ingest(args) => ingest::run(args, &context),
        Command::Stats(args) => stats::run(args, &context),
        Command::Regions(args) => regions::run(args, &context),
        Command::Search(args) => search::run(args, &context),
        Command::Trend(args) => trend::run(args, &context),
        Command::Show(args) => show::run(args, &context),
        Command::Serve(args) => serve::run(args, &context),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
    }
}
