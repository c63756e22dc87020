//! The `dongne` command line: parses arguments and calls the library.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use dongne::analysis::{Analyzer, AnalyzerOptions};
use dongne::dictionary;
use dongne::output::analyze::{AnalyzeReport, write_json, write_table};

/// Offline full-text search for Korean local news.
#[derive(Parser)]
#[command(name = "dongne", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or describe the Korean dictionary.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Show how the `ko` analyzer splits a text: tokens with tag, role, offsets, position.
    Analyze {
        /// The text; `-` reads standard input, one text per line.
        text: String,
        /// Print raw morphemes (particles and endings included) instead of search tokens.
        #[arg(long)]
        morphemes: bool,
        /// One JSON object per text.
        #[arg(long)]
        json: bool,
        /// Apply mecab-ko-dic's left-space penalty (slower start-up, see README).
        #[arg(long)]
        space_penalty: bool,
    },
    /// Measure (not test) on the shared corpus; see README.
    #[command(subcommand)]
    Bench(dongne::bench::Bench),
}

#[derive(Subcommand)]
enum DictCommand {
    /// Build the lindera dictionary from mecab-ko-dic (the python-mecab-ko-dic wheel, a
    /// directory of compiled MeCab files, or the mecab-ko-dic source).
    Build {
        /// The wheel / zip, compiled directory, source directory or source .tar.gz.
        #[arg(long)]
        source: PathBuf,
        /// Where to write the built dictionary.
        #[arg(long, default_value = dictionary::DEFAULT_DICTIONARY_DIR)]
        output: PathBuf,
    },
    /// Print source, entry count, build date and content hash of a built dictionary.
    Info {
        /// The built dictionary.
        #[arg(long, default_value = dictionary::DEFAULT_DICTIONARY_DIR)]
        dictionary: PathBuf,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Dict(DictCommand::Build { source, output }) => {
            let info = dictionary::build_dictionary(&dictionary::BuildOptions { source, output })?;
            println!("{}", serde_json::to_string_pretty(&info)?);
        }
        Command::Dict(DictCommand::Info { dictionary }) => {
            let info = dictionary::DictionaryInfo::load(&dictionary)?;
            println!("{}", serde_json::to_string_pretty(&info)?);
        }
        Command::Bench(bench) => bench.run()?,
        Command::Analyze {
            text,
            morphemes,
            json,
            space_penalty,
        } => {
            let options = AnalyzerOptions {
                space_penalty,
                ..AnalyzerOptions::default()
            };
            let analyzer = Analyzer::load(&options)?;
            let texts: Vec<String> = if text == "-" {
                std::io::stdin().lines().collect::<Result<_, _>>()?
            } else {
                vec![text]
            };
            let mut worker = analyzer.worker();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut tokens = Vec::new();
            for text in &texts {
                let found = worker.morphemes(text).to_vec();
                tokens.clear();
                dongne::analysis::filter::search_tokens(&found, &mut tokens);
                let report = AnalyzeReport {
                    text,
                    tokens: (!morphemes).then_some(tokens.as_slice()),
                    morphemes: morphemes.then_some(found.as_slice()),
                };
                if json {
                    write_json(&mut out, &report)?
                } else {
                    write_table(&mut out, &report)?
                }
            }
        }
    }
    Ok(())
}
