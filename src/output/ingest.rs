//! `dongne ingest`: the summary of a run.

use super::extract::skip_breakdown;
use crate::index::IngestSummary;

/// `8 added, 0 updated, 1 exact duplicates skipped, 2 syndicated copies grouped, 0 skipped`.
pub fn summary_line(summary: &IngestSummary) -> String {
    format!(
        "{} added, {} updated, {} exact duplicates skipped, {} syndicated copies grouped, {} \
         skipped{}",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.grouped,
        summary.skipped_total(),
        skip_breakdown(&summary.skipped)
    )
}
