//! `dongne extract`: the articles of dumps, without indexing them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use dongne::extract::report::Report;
use dongne::extract::{self, ExtractOptions, FieldOverride, Summary};
use dongne::output;
use dongne::regions::Tagger;

use super::Context;

/// Arguments of `dongne extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print one JSON object per article instead of a readable summary.
    #[arg(long)]
    json: bool,
    /// Print only a report of the dump: coverage of title, date, reporters and press, body
    /// lengths and the most frequent skip reasons (JSON with `--json`).
    #[arg(long)]
    report: bool,
    /// Read an article field from a named column of JSON Lines / CSV / xlsx dumps
    /// (repeatable), e.g. `--field body=article_text`.
    #[arg(long = "field", value_name = "FIELD=COLUMN")]
    fields: Vec<FieldOverride>,
}

/// Prints the articles (or the report); exits with 1 when something was skipped.
pub fn run(args: ExtractArgs, context: &Context) -> Result<ExitCode> {
    let options = ExtractOptions {
        fields: args.fields,
    };
    let summary = if args.report {
        report(&args.paths, args.json, &options)?
    } else {
        let summary = articles(&args.paths, args.json, &options, context)?;
        if !context.quiet {
            eprintln!("{}", output::extract::summary_line(&summary));
        }
        summary
    };
    Ok(if summary.skipped_total() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints a coverage report of the articles below `paths`.
fn report(paths: &[PathBuf], json: bool, options: &ExtractOptions) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut report = Report::default();
    for result in extract::extract_paths(paths, options) {
        summary.add(&result);
        report.add(&result);
    }
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else {
        output::extract::write_report(&mut out, &report)?;
    }
    Ok(summary)
}

/// Prints every article below `paths`, tagged with regions, and reports skips on stderr.
fn articles(
    paths: &[PathBuf],
    json: bool,
    options: &ExtractOptions,
    context: &Context,
) -> Result<Summary> {
    let analyzer = context.analyzer()?;
    let gazetteer = context.gazetteer()?;
    let tagger = Tagger::new(&gazetteer);
    let mut summary = Summary::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for result in extract::extract_paths(paths, options) {
        summary.add(&result);
        match result {
            Ok(mut article) => {
                if article.regions.is_none() {
                    article.regions = Some(tagger.tag_with(&analyzer, &article));
                }
                if json {
                    writeln!(out, "{}", serde_json::to_string(&article)?)?;
                } else {
                    writeln!(out, "{}\n", output::extract::describe(&article))?;
                }
            }
            Err(skipped) if !context.quiet => eprintln!("skipped {skipped}"),
            Err(_) => {}
        }
    }
    out.flush()?;
    Ok(summary)
}
