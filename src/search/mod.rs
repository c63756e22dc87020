//! Search: the query language, filters, ranking with duplicate groups collapsed, facets,
//! trends and single articles.
//!
//! [`syntax`] parses the query language → [`build`] turns it into tantivy queries with the
//! `ko` analyzer → [`filters`] (with [`dates`]) add region, date, reporter and publisher
//! restrictions → [`execute`] collects the hits ([`collect`]), collapses duplicate groups
//! ([`groups`]) and counts [`facets`] and [`trend`]s.

pub mod backend;
pub mod build;
pub mod collect;
pub mod dates;
pub mod execute;
pub mod explain;
pub mod facets;
pub mod filters;
pub mod groups;
pub mod readings;
pub mod relax;
pub mod suggest;
pub mod synonyms;
pub mod syntax;
pub mod trend;

use std::path::{Path, PathBuf};

use crate::analysis::Analyzer;
use crate::index::{IndexError, IndexHandle};
use crate::regions::Gazetteer;

pub use backend::Backend;
pub use execute::{SearchHit, SearchIndex, SearchRequest, SearchResults, ShownArticle, SortOrder};
pub use facets::FacetKind;
pub use filters::{FilterArgs, FilterKind, Filters};
pub use synonyms::Synonyms;
pub use trend::Interval;

/// Errors of searching, each saying what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// There is no index in the directory.
    #[error("no index at {} — run `dongne ingest PATH…` first", .0.display())]
    NoIndex(PathBuf),
    /// The query does not parse.
    #[error(transparent)]
    Syntax(#[from] syntax::SyntaxError),
    /// A date filter is malformed.
    #[error(transparent)]
    Date(#[from] dates::DateError),
    /// The start date is after the end date.
    #[error("the start date {from} is after the end date {to}: no article can match")]
    EmptyDateRange {
        /// The start as given.
        from: String,
        /// The end as given.
        to: String,
    },
    /// A region filter names no region, or several.
    #[error("region filter: {0}")]
    Region(crate::regions::RegionError),
    /// Every word of the query is a particle or an ending.
    #[error(
        "nothing to search in `{0}`: the analyzer drops all of it (particles, endings); \
         try the noun or stem alone"
    )]
    NothingSearchable(String),
    /// `show` found no article.
    #[error("no article with id or URL `{0}`")]
    NotFound(String),
    /// A trend would have too many periods.
    #[error(
        "the hits span {periods} periods; count by a longer period (week or month) or narrow \
         the dates"
    )]
    TooManyPeriods {
        /// How many there would be.
        periods: usize,
    },
    /// The analyzer could not be set up.
    #[error(transparent)]
    Analysis(#[from] crate::analysis::AnalysisError),
    /// The index could not be opened (wrong schema version or analysis, unreadable).
    #[error(transparent)]
    Open(Box<IndexError>),
    /// The index could not be read.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The synonyms file could not be read.
    #[error(transparent)]
    Synonyms(#[from] synonyms::SynonymsError),
    /// The cluster could not be searched.
    #[error(transparent)]
    Cluster(Box<crate::opensearch::ClusterError>),
}

impl From<crate::opensearch::ClusterError> for SearchError {
    fn from(err: crate::opensearch::ClusterError) -> Self {
        Self::Cluster(Box::new(err))
    }
}

impl From<crate::regions::RegionError> for SearchError {
    fn from(err: crate::regions::RegionError) -> Self {
        Self::Region(err)
    }
}

/// Opens the index in `dir` for searching with `analyzer` (checking that the index was built
/// with the same analysis).
pub fn open(dir: &Path, analyzer: Analyzer) -> Result<SearchIndex, SearchError> {
    SearchIndex::new(open_handle(dir, &analyzer)?.index(), analyzer)
}

/// Like [`open`], but searches see each commit of a running ingest a moment after it is
/// made.
pub fn open_live(dir: &Path, analyzer: Analyzer) -> Result<SearchIndex, SearchError> {
    SearchIndex::live(open_handle(dir, &analyzer)?.index(), analyzer)
}

fn open_handle(dir: &Path, analyzer: &Analyzer) -> Result<IndexHandle, SearchError> {
    IndexHandle::open(dir, analyzer).map_err(|err| match err {
        IndexError::NotAnIndex(dir) => SearchError::NoIndex(dir),
        other => SearchError::Open(Box::new(other)),
    })
}

/// Resolves filters as typed: dates against today in Korea, region names through
/// `gazetteer`.
pub fn resolve_filters(args: &FilterArgs, gazetteer: &Gazetteer) -> Result<Filters, SearchError> {
    Filters::resolve(args, dates::today_kst(), |name| {
        Ok(gazetteer.resolve_facets(name)?)
    })
}
