//! Duplicate groups: copies of one text (agency wire stories, press releases) share a
//! `dup_group`; search shows a group once and counts its copies among the hits.

use tantivy::Searcher;

use super::collect::Hit;
use crate::index::schema::{Fields, dup_group_column};

/// A comparable duplicate-group key for every hit (same key, same group): its `dup_group`
/// fast value, read per hit; a hit without one is a group of its own.
pub fn group_keys(
    searcher: &Searcher,
    fields: &Fields,
    hits: &[Hit],
) -> tantivy::Result<Vec<u128>> {
    let mut keys = Vec::with_capacity(hits.len());
    for run in hits.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let reader = searcher.segment_reader(run[0].address.segment_ord);
        let column = dup_group_column(reader, fields);
        for hit in run {
            let group = column.as_ref().and_then(|c| c.first(hit.address.doc_id));
            // Above every u64: the ungrouped never meet a group or each other.
            keys.push(group.map_or(1 << 64 | keys.len() as u128, u128::from));
        }
    }
    Ok(keys)
}
