//! Errors of loading the gazetteer and of resolving what users type.

use std::path::PathBuf;

/// Errors of the regions module.
#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    /// A data file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A line of a data file is malformed.
    #[error("{file}, line {line}: {reason}")]
    Parse {
        /// The file (`regions.tsv`, `local-press.tsv`, or a given path).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// No region has that name, short form, code or facet path.
    #[error("{query}: no such region{}", suggest(.suggestions))]
    Unknown {
        /// What the user typed.
        query: String,
        /// Regions with a similar name.
        suggestions: Vec<String>,
    },
    /// Several unrelated regions have that name.
    #[error("{query}: ambiguous, one of: {}", .candidates.join(", "))]
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The candidates, each as `서울특별시 중구`.
        candidates: Vec<String>,
    },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean: {}?)", suggestions.join(", "))
    }
}
