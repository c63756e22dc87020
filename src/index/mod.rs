//! The tantivy index: schema, writing articles (ingest), and opening it for search.

pub mod schema;
