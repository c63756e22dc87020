//! dongne on an OpenSearch cluster with the nori analyzer, for archives larger than one
//! machine and for many readers at once. Extraction, region tags, duplicate groups, the
//! query language and its filters stay dongne's; the cluster stores, analyses with nori and
//! searches.
//!
//! [`client`] talks HTTP(S) → [`template`] makes the index (nori settings, mapping) →
//! [`sink`] writes the ingest pipeline's articles in bulk ([`document`] gives their JSON) →
//! [`backend`] searches through [`crate::search::Backend`] ([`query`] translates the query
//! language and filters).

pub mod backend;
pub mod client;
pub mod document;
pub mod query;
pub mod sink;
pub mod template;

use std::path::PathBuf;

use crate::analysis::Analyzer;
use crate::extract::ExtractOptions;
use crate::index::IngestSummary;
use crate::ingest::pipeline::PipelineOptions;
use crate::regions::Gazetteer;

pub use backend::ClusterIndex;
pub use client::{Client, Connection, DEFAULT_INDEX};
pub use sink::ClusterWriter;

/// Errors of talking to the cluster, each saying what to check.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No answer from the node.
    #[error("cannot reach the cluster at {url}: {reason} — is it running, and is the URL right?")]
    Unreachable {
        /// The node's URL.
        url: String,
        /// What failed.
        reason: String,
    },
    /// HTTP 401.
    #[error(
        "the cluster at {url} refused the credentials (HTTP 401): check the user name and password"
    )]
    Unauthorized {
        /// The node's URL.
        url: String,
    },
    /// HTTP 403.
    #[error(
        "the cluster at {url} does not allow this user {what} (HTTP 403): ask for the index's read (search) or write (ingest) permissions"
    )]
    Forbidden {
        /// The node's URL.
        url: String,
        /// What was asked.
        what: String,
    },
    /// The index does not exist.
    #[error("no index `{index}` on the cluster at {url} — ingest into it first")]
    NoIndex {
        /// The index name.
        index: String,
        /// The node's URL.
        url: String,
    },
    /// The index was made by another version of dongne (or by something else).
    #[error(
        "index `{index}` has mapping version {found} but this dongne reads and writes version \
         {expected}: ingest again with a rebuild to recreate it (or name another index)"
    )]
    OtherMapping {
        /// The index name.
        index: String,
        /// The version it records (0: none).
        found: u64,
        /// This dongne's version.
        expected: u64,
    },
    /// Any other error status.
    #[error("the cluster answered HTTP {status} to {what}: {reason}")]
    Status {
        /// What was asked.
        what: String,
        /// The status.
        status: u16,
        /// The cluster's explanation.
        reason: String,
    },
    /// An answer that is not the expected JSON.
    #[error("the cluster's answer to {what} is not what dongne expects: {reason}")]
    Answer {
        /// What was asked.
        what: String,
        /// What is wrong.
        reason: String,
    },
    /// The CA file cannot be used.
    #[error("CA file {}: {reason}", path.display())]
    CaFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// What an ingest into the cluster did.
#[derive(Debug, Clone, Default)]
pub struct ClusterIngest {
    /// Counts, as for the local index (rejected documents among the skipped).
    pub summary: IngestSummary,
    /// Documents the cluster rejected: id and reason.
    pub rejections: Vec<(String, String)>,
    /// Bulk requests sent again after the cluster asked to wait (429, 503).
    pub retries: u64,
}

/// Ingests every file at or below `paths` into `index`, as [`crate::ingest::ingest`] does
/// into the local index; articles already stored unchanged are skipped, so an interrupted
/// run is completed by running it again.
pub fn ingest(
    index: &ClusterIndex,
    paths: &[PathBuf],
    analyzer: &Analyzer,
    gazetteer: &Gazetteer,
    pipeline: &PipelineOptions,
    extract: &ExtractOptions,
    progress: bool,
) -> Result<ClusterIngest, ClusterError> {
    let mut writer = ClusterWriter::new(index)?;
    crate::ingest::feed(
        &mut writer,
        paths,
        analyzer,
        gazetteer,
        pipeline,
        extract,
        progress,
    )?;
    let (rejections, retries) = (std::mem::take(&mut writer.rejections), writer.retries);
    Ok(ClusterIngest {
        summary: writer.finish()?,
        rejections,
        retries,
    })
}

/// nori's user dictionary for an index: dongne's user dictionary rows (`user_csv`) and the
/// gazetteer's place names, as [`crate::analysis`] adds them.
pub fn user_words(user_csv: &str, place_names: &[String]) -> Vec<String> {
    let mut csv = user_csv.to_string();
    if !csv.is_empty() && !csv.ends_with('\n') {
        csv.push('\n');
    }
    csv.push_str(&crate::analysis::user_dictionary::place_rows(place_names));
    template::nori_rules(&csv)
}
