//! The Korean dictionary: building lindera's ko-dic from mecab-ko-dic (compiled or source),
//! recording what was built, and loading it (memory-mapped) at run time.
//!
//! Data flow: [`source`] finds and reads whatever the user points at (the PyPI wheel, a
//! directory of compiled MeCab files, or the mecab-ko-dic source) and writes lindera's text
//! sources into a staging directory, converting compiled files with [`mecab`]; [`build`] runs
//! lindera's `DictionaryBuilder` over them and writes a [`DictionaryInfo`] beside the result.

pub mod build;
pub mod mecab;
pub mod source;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use build::{BuildOptions, build_dictionary};

/// The user dictionary shipped with dongne, as a path in its source tree (the built-in rows
/// are named by it in messages).
pub const DEFAULT_USER_DICTIONARY: &str = "dictionaries/user.csv";
/// Name of the file, inside a built dictionary, that describes the build.
pub const INFO_FILE: &str = "dongne-dictionary.json";
/// The lindera metadata (schema, space-penalty rules) used for every build.
pub const KO_DIC_METADATA: &str = include_str!("../../dictionaries/ko-dic-metadata.json");

/// Errors of building, finding or loading the dictionary.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A compiled MeCab file does not have the expected layout.
    #[error("{file} is not a valid MeCab dictionary file: {reason}")]
    Format {
        /// The file (e.g. `sys.dic`).
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// The given source is none of the accepted kinds.
    #[error(
        "{0}: not a mecab-ko-dic source. Give the python-mecab-ko-dic wheel, a directory with \
         sys.dic/unk.dic/matrix.bin/char.bin, or the mecab-ko-dic source (directory or .tar.gz \
         with *.csv, matrix.def, char.def, unk.def)"
    )]
    UnknownSource(PathBuf),
    /// No built dictionary where one was expected.
    #[error(
        "no Korean dictionary at {0}. Build it first: `dongne dict build` (see README, set-up)"
    )]
    NotBuilt(PathBuf),
    /// lindera refused the sources or the built files.
    #[error("lindera: {0}")]
    Lindera(String),
    /// The info file of a built dictionary is unreadable.
    #[error("{path}: {reason}")]
    Info {
        /// The info file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

impl DictionaryError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| DictionaryError::Io { path, source }
    }

    pub(crate) fn lindera(err: impl std::fmt::Display) -> Self {
        DictionaryError::Lindera(err.to_string())
    }
}

/// What `dongne dict build` records about a built dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DictionaryInfo {
    /// What the dictionary was built from (file or directory, and its kind).
    pub source: String,
    /// Number of lexicon entries (mecab-ko-dic 2.1.1: 816,283).
    pub entries: usize,
    /// Build time, RFC 3339.
    pub built_at: String,
    /// Seconds the build took.
    pub build_seconds: f64,
    /// BLAKE3 of the built files, in name order: the dictionary's identity.
    pub content_hash: String,
    /// Version of dongne that built it.
    pub dongne_version: String,
}

impl DictionaryInfo {
    /// Reads the info file of the dictionary built in `dir`.
    pub fn load(dir: &Path) -> Result<Self, DictionaryError> {
        let path = dir.join(INFO_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(DictionaryError::NotBuilt(dir.to_path_buf()));
            }
            Err(err) => return Err(DictionaryError::io(&path)(err)),
        };
        serde_json::from_str(&text).map_err(|err| DictionaryError::Info {
            path,
            reason: err.to_string(),
        })
    }
}

/// Hashes the files of a built dictionary (everything but the info file), in name order.
pub fn content_hash(dir: &Path) -> Result<String, DictionaryError> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(DictionaryError::io(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != INFO_FILE))
        .collect();
    names.sort();
    let mut hasher = blake3::Hasher::new();
    for path in names {
        let data = std::fs::read(&path).map_err(DictionaryError::io(&path))?;
        hasher.update(path.file_name().unwrap_or_default().as_encoded_bytes());
        hasher.update(&(data.len() as u64).to_le_bytes());
        hasher.update(&data);
    }
    Ok(hasher.finalize().to_hex()[..16].to_string())
}
