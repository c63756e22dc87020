//! The `dongne` command line: parses arguments and calls the library.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use dongne::dictionary;

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
    }
    Ok(())
}
