//! Collecting every hit of a query with its score and publication time, the input of
//! ranking with duplicate groups, facets and trends.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::index::schema::Fields;

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Where the document is.
    pub address: DocAddress,
    /// BM25 score (0 when the query does not score).
    pub score: Score,
    /// Publication time, seconds since the epoch (UTC).
    pub published: Option<i64>,
}

/// Collects all hits; `scoring` decides whether scores are computed.
struct AllHits {
    scoring: bool,
    published: String,
}

struct SegmentHits {
    segment: SegmentOrdinal,
    published: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    hits: Vec<Hit>,
}

impl Collector for AllHits {
    type Fruit = Vec<Hit>;
    type Child = SegmentHits;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            segment,
            published: reader.fast_fields().date(&self.published).ok(),
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Hit>>) -> tantivy::Result<Vec<Hit>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<Hit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let published = self
            .published
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|t| t.into_timestamp_secs());
        self.hits.push(Hit {
            address: DocAddress::new(self.segment, doc),
            score,
            published,
        });
    }

    fn harvest(self) -> Vec<Hit> {
        self.hits
    }
}

/// Every hit of `query`, in index order.
pub fn all_hits(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn tantivy::query::Query,
    scoring: bool,
) -> tantivy::Result<Vec<Hit>> {
    let published = searcher
        .schema()
        .get_field_name(fields.published)
        .to_string();
    searcher.search(query, &AllHits { scoring, published })
}
