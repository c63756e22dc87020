//! Finding the files below the paths given on the command line.

use std::path::{Path, PathBuf};

use crate::article::Source;

use super::{SkipReason, SkippedRecord};

/// Lists the files to read: each given file as is, and every file below each given
/// directory (recursively, in name order, hidden files skipped). Paths that cannot be
/// listed come back as skips.
pub fn find_files(paths: &[PathBuf]) -> Vec<Result<PathBuf, SkippedRecord>> {
    let mut files = Vec::new();
    for path in paths {
        for entry in walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()))
        {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => files.push(Ok(entry.into_path())),
                Err(err) => {
                    let at = err.path().unwrap_or(path);
                    files.push(Err(SkippedRecord {
                        source: Source {
                            path: at.display().to_string(),
                            record: None,
                        },
                        reason: SkipReason::Unreadable(err.to_string()),
                    }));
                }
            }
        }
    }
    files
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}
