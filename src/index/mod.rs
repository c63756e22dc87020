//! The store: the tantivy index, its schema, writing prepared articles, and opening it for
//! search.
//!
//! An index directory holds tantivy's files and [`meta::META_FILE`] (schema version and
//! analysis fingerprint). [`IndexHandle`] creates or opens one (registering the `ko`
//! tokenizer and checking what it was built with); [`ArticleWriter`] writes articles prepared
//! by [`crate::ingest`] into it.

pub mod backlog;
pub mod dedup;
pub mod document;
pub mod meta;
pub mod schema;
pub mod stats;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, META_LOCK, MmapDirectory};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings, TantivyError};

use crate::analysis::{AnalysisError, Analyzer, KoTokenizer, TOKENIZER_NAME};
pub use meta::IndexMeta;
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{ArticleWriter, IngestSummary, WriteOutcome};

/// Name of the file, inside the index directory, naming the process that holds the writer
/// lock (for the "locked by" message).
const OWNER_FILE: &str = "dongne-writer.json";

/// Errors of creating, opening and writing an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The directory holds no dongne index.
    #[error("{0} holds no dongne index. Build one with `dongne ingest PATH… --index {0}`")]
    NotAnIndex(PathBuf),
    /// The directory is not empty and is not a dongne index, so `--rebuild` will not clear it.
    #[error(
        "{0} is not empty and holds no dongne index; refusing to write into it. Choose another \
         `--index` directory"
    )]
    NotEmpty(PathBuf),
    /// An index already exists where a new one was to be created.
    #[error(
        "{0} already holds an index. Add to it with `dongne ingest`, or start afresh with `dongne \
         ingest --rebuild PATH… --index {0}`"
    )]
    Exists(PathBuf),
    /// `dongne-index.json` is unreadable.
    #[error(
        "{path}: not a valid dongne index description ({reason}). Rebuild the index with \
             `dongne ingest --rebuild PATH… --index DIR`"
    )]
    BadMeta {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The index was written with another schema version.
    #[error(
        "{dir} was built with index schema v{found}, but this dongne writes v{current}. Rebuild \
         it: `dongne ingest --rebuild PATH… --index {dir}`",
        current = SCHEMA_VERSION
    )]
    SchemaVersion {
        /// The index directory.
        dir: PathBuf,
        /// The version it recorded.
        found: u32,
    },
    /// The index was built with other analysis.
    #[error("{dir}: {source}")]
    Analysis {
        /// The index directory.
        dir: PathBuf,
        /// The mismatch.
        source: AnalysisError,
    },
    /// Another process is writing to the index.
    #[error(
        "index {dir} is locked by {owner}: another `dongne ingest` is running on it. Wait for it \
         to finish (or stop it) and run again"
    )]
    Locked {
        /// The index directory.
        dir: PathBuf,
        /// Who holds the lock, as far as known.
        owner: String,
    },
    /// tantivy failed.
    #[error("index {dir}: {source}")]
    Tantivy {
        /// The index directory.
        dir: PathBuf,
        /// What tantivy reported.
        source: TantivyError,
    },
}

impl IndexError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| IndexError::Io { path, source }
    }

    pub(crate) fn tantivy(dir: &Path) -> impl FnOnce(TantivyError) -> Self + '_ {
        move |source| match source {
            TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
                dir: dir.to_path_buf(),
                owner: lock_owner(dir),
            },
            source => IndexError::Tantivy {
                dir: dir.to_path_buf(),
                source,
            },
        }
    }
}

/// An open dongne index: the tantivy index with the `ko` tokenizer registered, its fields,
/// and what it records about how it was built.
#[derive(Clone)]
pub struct IndexHandle {
    index: Index,
    fields: Fields,
    dir: PathBuf,
    meta: IndexMeta,
}

impl IndexHandle {
    /// Creates a new, empty index in `dir` (created if missing; must not hold an index).
    pub fn create(dir: &Path, analyzer: &Analyzer) -> Result<Self, IndexError> {
        std::fs::create_dir_all(dir).map_err(IndexError::io(dir))?;
        if is_index(dir) {
            return Err(IndexError::Exists(dir.to_path_buf()));
        }
        if !is_empty_dir(dir)? {
            return Err(IndexError::NotEmpty(dir.to_path_buf()));
        }
        let (schema, fields) = schema::build_schema();
        let settings = IndexSettings {
            docstore_compression: Compressor::Zstd(ZstdCompressor {
                compression_level: Some(DOCSTORE_ZSTD_LEVEL),
            }),
            docstore_blocksize: DOCSTORE_BLOCK_SIZE,
            ..IndexSettings::default()
        };
        // The description goes first: killed before tantivy's `meta.json` exists, the
        // directory still counts as empty; killed after, the index opens.
        let meta = IndexMeta::new(analyzer.fingerprint().clone());
        meta.save(dir)?;
        let index = Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)
            .map_err(IndexError::tantivy(dir))?;
        register_tokenizer(&index, analyzer);
        Ok(Self {
            index,
            fields,
            dir: dir.to_path_buf(),
            meta,
        })
    }

    /// Opens the index in `dir` for reading or writing with `analyzer`: an error when it was
    /// built with another schema version or other analysis.
    pub fn open(dir: &Path, analyzer: &Analyzer) -> Result<Self, IndexError> {
        let handle = Self::open_unchecked(dir)?;
        handle.meta.check(dir, analyzer.fingerprint())?;
        register_tokenizer(&handle.index, analyzer);
        Ok(handle)
    }

    /// Opens the index in `dir` (creating it when there is none); with `rebuild`, clears it
    /// first and starts afresh.
    pub fn open_or_create(
        dir: &Path,
        analyzer: &Analyzer,
        rebuild: bool,
    ) -> Result<Self, IndexError> {
        if rebuild {
            clear(dir)?;
        }
        if is_index(dir) {
            return Self::open(dir, analyzer);
        }
        // Created under the writer lock, so two ingests starting at once do not both create.
        std::fs::create_dir_all(dir).map_err(IndexError::io(dir))?;
        let _lock = writer_lock(dir)?;
        if is_index(dir) {
            Self::open(dir, analyzer)
        } else {
            Self::create(dir, analyzer)
        }
    }

    /// Opens the index in `dir` for inspection only: checks the schema version but not the
    /// analysis, and registers no tokenizer (text queries will fail).
    pub fn open_unchecked(dir: &Path) -> Result<Self, IndexError> {
        if !is_index(dir) {
            return Err(IndexError::NotAnIndex(dir.to_path_buf()));
        }
        let meta = IndexMeta::load(dir)?;
        if meta.schema_version != SCHEMA_VERSION {
            return Err(IndexError::SchemaVersion {
                dir: dir.to_path_buf(),
                found: meta.schema_version,
            });
        }
        let index = Index::open_in_dir(dir).map_err(IndexError::tantivy(dir))?;
        let fields = schema::fields_of(&index.schema()).map_err(IndexError::tantivy(dir))?;
        Ok(Self {
            index,
            fields,
            dir: dir.to_path_buf(),
            meta,
        })
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the index records about how it was built.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Takes the index's writer lock and loads the duplicate-detection state: an
    /// [`IndexError::Locked`] naming the other process when one is writing.
    pub fn writer(
        &self,
        analyzer: &Analyzer,
        memory_budget: usize,
    ) -> Result<ArticleWriter, IndexError> {
        ArticleWriter::new(self, analyzer, memory_budget)
    }
}

/// zstd level of the document store. Stored text is most of the index; on a year of national
/// dailies, level 4 over 1 MiB blocks stores the documents in 28% of the text's size (level 5
/// over 512 KiB blocks: 27%, level 5 over 1 MiB: 26%) and compresses in two thirds of level
/// 5's time (level 4 is zstd's double-fast strategy, level 5 its greedy one).
const DOCSTORE_ZSTD_LEVEL: i32 = 4;
/// Document store block size: larger blocks compress better; fetching a document
/// decompresses its block (about a millisecond; tantivy caches recent blocks).
const DOCSTORE_BLOCK_SIZE: usize = 1024 * 1024;

fn register_tokenizer(index: &Index, analyzer: &Analyzer) {
    index
        .tokenizers()
        .register(TOKENIZER_NAME, KoTokenizer::new(analyzer.clone()));
}

/// Whether `dir` holds a tantivy index.
fn is_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Whether `dir` holds nothing but files that do not make an index (see [`is_leftover`]).
fn is_empty_dir(dir: &Path) -> Result<bool, IndexError> {
    for entry in std::fs::read_dir(dir).map_err(IndexError::io(dir))? {
        if !is_leftover(&entry.map_err(IndexError::io(dir))?.file_name()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Files a directory may hold without holding an index: the placeholder that keeps the
/// default index directory in version control, tantivy's lock files, the lock owner and the
/// description of an index whose creation was interrupted.
fn is_leftover(name: &std::ffi::OsStr) -> bool {
    name == ".gitkeep"
        || name == meta::META_FILE
        || name == meta::META_TMP_FILE
        || name == INDEX_WRITER_LOCK.filepath.as_os_str()
        || name == META_LOCK.filepath.as_os_str()
        || name == OWNER_FILE
}

/// Removes the index in `dir` (after taking its writer lock, so a running ingest is not
/// pulled from under its feet). A missing or empty directory is fine; a directory with other
/// files is refused.
fn clear(dir: &Path) -> Result<(), IndexError> {
    if !dir.exists() || is_empty_dir(dir)? {
        return Ok(());
    }
    if !is_index(dir) && !dir.join(meta::META_FILE).is_file() {
        return Err(IndexError::NotEmpty(dir.to_path_buf()));
    }
    let _lock = writer_lock(dir)?;
    for entry in std::fs::read_dir(dir).map_err(IndexError::io(dir))? {
        let entry = entry.map_err(IndexError::io(dir))?;
        if is_leftover(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(IndexError::io(&path))?;
    }
    Ok(())
}

/// Takes the writer lock of `dir` (held until dropped): [`IndexError::Locked`] when another
/// process holds it.
fn writer_lock(dir: &Path) -> Result<tantivy::directory::DirectoryLock, IndexError> {
    let directory = MmapDirectory::open(dir).map_err(|err| IndexError::Tantivy {
        dir: dir.to_path_buf(),
        source: err.into(),
    })?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| IndexError::tantivy(dir)(TantivyError::LockFailure(err, None)))
}

/// Who holds the writer lock of `dir`, from the owner file the holder wrote.
fn lock_owner(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(OWNER_FILE))
        .ok()
        .and_then(|text| serde_json::from_str::<LockOwner>(&text).ok())
        .map(|owner| format!("process {} (since {})", owner.pid, owner.since))
        .unwrap_or_else(|| "another process".to_string())
}

/// Contents of [`OWNER_FILE`].
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct LockOwner {
    pid: u32,
    since: String,
}

/// Records this process as the holder of `dir`'s writer lock (best effort: only the lock
/// message depends on it).
fn write_lock_owner(dir: &Path) {
    let owner = LockOwner {
        pid: std::process::id(),
        since: chrono::Utc::now()
            .format("%Y-%m-%d %H:%M:%S UTC")
            .to_string(),
    };
    if let Ok(text) = serde_json::to_string(&owner) {
        let _ = std::fs::write(dir.join(OWNER_FILE), text);
    }
}
