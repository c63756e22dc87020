//! `dongne dict build`: lindera's `DictionaryBuilder` over the prepared sources.

use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

use super::{DictionaryError, DictionaryInfo, INFO_FILE, KO_DIC_METADATA, content_hash, source};

/// What to build from and where to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The wheel, compiled directory, source directory or source tarball.
    pub source: PathBuf,
    /// Output directory (replaced when the build succeeds).
    pub output: PathBuf,
}

/// The lindera metadata every dongne dictionary is built with.
pub fn ko_dic_metadata() -> Result<Metadata, DictionaryError> {
    Metadata::load(KO_DIC_METADATA.as_bytes()).map_err(DictionaryError::lindera)
}

/// Builds the dictionary and writes its [`DictionaryInfo`]. The new dictionary is built
/// beside the old one and swapped in only when complete, so a failed build leaves the
/// previous dictionary usable.
pub fn build_dictionary(options: &BuildOptions) -> Result<DictionaryInfo, DictionaryError> {
    let started = Instant::now();
    let parent = options
        .output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let (sources, kind) = source::prepare(&options.source, &parent)?;
    let entries = count_csv_rows(sources.dir())?;

    let fresh = tempfile::Builder::new()
        .prefix(".dongne-dict-new-")
        .tempdir_in(&parent)
        .map_err(DictionaryError::io(&parent))?;
    DictionaryBuilder::new(ko_dic_metadata()?)
        .build_dictionary(sources.dir(), fresh.path())
        .map_err(DictionaryError::lindera)?;
    drop(sources);

    let info = DictionaryInfo {
        source: format!("{} ({kind})", options.source.display()),
        entries,
        built_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        build_seconds: (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        content_hash: content_hash(fresh.path())?,
        dongne_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let info_path = fresh.path().join(INFO_FILE);
    let json = serde_json::to_string_pretty(&info).map_err(|e| DictionaryError::Info {
        path: info_path.clone(),
        reason: e.to_string(),
    })?;
    fs::write(&info_path, json).map_err(DictionaryError::io(&info_path))?;

    let fresh = fresh.keep();
    if options.output.exists() {
        fs::remove_dir_all(&options.output).map_err(DictionaryError::io(&options.output))?;
    }
    fs::rename(&fresh, &options.output).map_err(DictionaryError::io(&options.output))?;
    Ok(info)
}

/// Lexicon rows in the CSV files of `dir`.
fn count_csv_rows(dir: &Path) -> Result<usize, DictionaryError> {
    let mut rows = 0;
    for entry in fs::read_dir(dir).map_err(DictionaryError::io(dir))? {
        let path = entry.map_err(DictionaryError::io(dir))?.path();
        if path.extension().is_some_and(|x| x == "csv") {
            let file = fs::File::open(&path).map_err(DictionaryError::io(&path))?;
            for line in std::io::BufReader::new(file).split(b'\n') {
                let line = line.map_err(DictionaryError::io(&path))?;
                if !line.is_empty() {
                    rows += 1;
                }
            }
        }
    }
    Ok(rows)
}
