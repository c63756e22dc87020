//! One interface to search, whatever holds the articles: the local tantivy index
//! ([`SearchIndex`]) or a cluster. The command line and the web server search through it.

use super::SearchError;
use super::execute::{SearchIndex, SearchRequest, SearchResults, ShownArticle};
use super::filters::Filters;
use super::trend::{Bucket, Interval};
use crate::regions::Gazetteer;

/// What a searchable store of articles answers.
pub trait Backend: Send + Sync {
    /// Runs a search: results, facets and the notes on the query.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError>;

    /// Articles (copies included) matching `query` and `filters`, per period.
    fn trend(
        &self,
        query: &str,
        filters: &Filters,
        interval: Interval,
    ) -> Result<Vec<Bucket>, SearchError>;

    /// The article with id or URL `key`, its copies and the evidence for its regions.
    fn show(&self, key: &str, gazetteer: &Gazetteer) -> Result<ShownArticle, SearchError>;
}

impl Backend for SearchIndex {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        SearchIndex::search(self, request)
    }

    fn trend(
        &self,
        query: &str,
        filters: &Filters,
        interval: Interval,
    ) -> Result<Vec<Bucket>, SearchError> {
        SearchIndex::trend(self, query, filters, interval)
    }

    fn show(&self, key: &str, gazetteer: &Gazetteer) -> Result<ShownArticle, SearchError> {
        SearchIndex::show(self, key, gazetteer)
    }
}
