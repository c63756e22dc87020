//! What a dongne index records beside tantivy's files (`dongne-index.json`): the schema
//! version and the analysis fingerprint it was built with.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::IndexError;
use super::schema::SCHEMA_VERSION;
use crate::analysis::AnalysisFingerprint;

/// Name of the metadata file inside the index directory.
pub const META_FILE: &str = "dongne-index.json";
/// The temporary file [`META_FILE`] is written to before it is renamed into place.
pub(crate) const META_TMP_FILE: &str = "dongne-index.json.tmp";

/// The contents of [`META_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// [`SCHEMA_VERSION`] of the dongne that created the index.
    pub schema_version: u32,
    /// The analysis the index was built with.
    pub analysis: AnalysisFingerprint,
    /// Version of dongne that created the index.
    pub created_by: String,
}

impl IndexMeta {
    /// The metadata of a new index built with `analysis`.
    pub fn new(analysis: AnalysisFingerprint) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            analysis,
            created_by: format!("dongne {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Reads the metadata of the index in `dir`.
    pub fn load(dir: &Path) -> Result<Self, IndexError> {
        let path = dir.join(META_FILE);
        let text = std::fs::read_to_string(&path).map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                IndexError::BadMeta {
                    path: path.clone(),
                    reason: "missing".into(),
                }
            } else {
                IndexError::io(&path)(err)
            }
        })?;
        serde_json::from_str(&text).map_err(|err| IndexError::BadMeta {
            path,
            reason: err.to_string(),
        })
    }

    /// Writes the metadata into `dir` (atomically: a temporary file renamed over it).
    pub fn save(&self, dir: &Path) -> Result<(), IndexError> {
        let path = dir.join(META_FILE);
        let tmp = dir.join(META_TMP_FILE);
        let text = serde_json::to_string_pretty(self).map_err(|err| IndexError::BadMeta {
            path: path.clone(),
            reason: err.to_string(),
        })?;
        std::fs::write(&tmp, text).map_err(IndexError::io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(IndexError::io(&path))
    }

    /// Checks that an index with this metadata can be read and written by this dongne with
    /// the analysis `current`.
    pub fn check(&self, dir: &Path, current: &AnalysisFingerprint) -> Result<(), IndexError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(IndexError::SchemaVersion {
                dir: dir.to_path_buf(),
                found: self.schema_version,
            });
        }
        current
            .check_compatible(&self.analysis)
            .map_err(|source| IndexError::Analysis {
                dir: dir.to_path_buf(),
                source,
            })
    }
}
