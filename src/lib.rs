//! dongne (동네): offline full-text search for Korean local news.
//!
//! The pipeline, one module per stage:
//! [`dump`] reads article dumps → [`extract`] pulls clean articles out of pages →
//! [`regions`] tags each with the municipality it is about → [`analysis`] splits Korean
//! text into searchable morphemes (over the [`dictionary`]) → [`index`] writes the tantivy
//! index → [`search`] answers queries → [`output`] prints results. [`opensearch`] stores and
//! searches the same articles on an OpenSearch cluster instead.

pub mod analysis;
pub mod article;
pub mod dictionary;
pub mod dump;
pub mod extract;
pub mod home;
pub mod index;
pub mod ingest;
pub mod opensearch;
pub mod output;
pub mod regions;
pub mod search;
pub mod serve;
mod utf8;
