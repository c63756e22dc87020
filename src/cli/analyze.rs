//! `dongne analyze`: how the `ko` analyzer splits a text.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Result;
use dongne::analysis::filter::search_tokens;
use dongne::output::analyze::{AnalyzeReport, write_json, write_table};

use super::Context;

/// Arguments of `dongne analyze`.
#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// The text; `-` reads standard input, one text per line.
    text: String,
    /// Print raw morphemes (particles and endings included) instead of search tokens.
    #[arg(long)]
    morphemes: bool,
    /// One JSON object per text.
    #[arg(long)]
    json: bool,
}

/// Prints the tokens (or morphemes) of each text.
pub fn run(args: AnalyzeArgs, context: &Context) -> Result<ExitCode> {
    let analyzer = context.analyzer()?;
    let texts: Vec<String> = if args.text == "-" {
        std::io::stdin().lock().lines().collect::<Result<_, _>>()?
    } else {
        vec![args.text]
    };
    let mut worker = analyzer.worker();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut tokens = Vec::new();
    for text in &texts {
        let found = worker.morphemes(text);
        tokens.clear();
        search_tokens(&found, &mut tokens);
        let report = AnalyzeReport {
            text,
            tokens: (!args.morphemes).then_some(tokens.as_slice()),
            morphemes: args.morphemes.then_some(found.as_slice()),
        };
        if args.json {
            write_json(&mut out, &report)?
        } else {
            write_table(&mut out, &report)?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
