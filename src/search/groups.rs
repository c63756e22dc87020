//! Duplicate groups: copies of one text (agency wire stories, press releases) share a
//! `dup_group`; search shows a group once and counts its copies among the hits.

use std::collections::HashMap;

use tantivy::Searcher;

use super::collect::Hit;
use crate::index::schema::Fields;

/// Marks keys of hits without a group (each its own group).
const UNGROUPED: u64 = 1 << 63;

/// A comparable duplicate-group key for every hit (same key, same group).
///
/// Within one segment the group's term ordinal is the key; across segments ordinals differ,
/// so the group names are read (in one sorted pass over each segment's dictionary).
pub fn group_keys(searcher: &Searcher, fields: &Fields, hits: &[Hit]) -> tantivy::Result<Vec<u64>> {
    let name = searcher.schema().get_field_name(fields.dup_group);
    let mut keys = Vec::with_capacity(hits.len());
    let mut segments = Vec::new();
    for run in hits.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let segment = run[0].address.segment_ord;
        let column = searcher.segment_reader(segment).fast_fields().str(name)?;
        let start = keys.len();
        for (i, hit) in run.iter().enumerate() {
            let ord = column
                .as_ref()
                .and_then(|c| c.term_ords(hit.address.doc_id).next());
            keys.push(ord.unwrap_or(UNGROUPED | (start + i) as u64));
        }
        segments.push((start..keys.len(), column));
    }
    if segments.len() > 1 {
        let mut interned: HashMap<Vec<u8>, u64> = HashMap::new();
        for (range, column) in segments {
            let Some(column) = column else { continue };
            let keys = &mut keys[range];
            let mut ords: Vec<u64> = keys
                .iter()
                .copied()
                .filter(|k| k & UNGROUPED == 0)
                .collect();
            ords.sort_unstable();
            ords.dedup();
            let mut global = Vec::with_capacity(ords.len());
            column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                let next = interned.len() as u64;
                global.push(*interned.entry(bytes.to_vec()).or_insert(next));
            })?;
            for key in keys.iter_mut().filter(|k| **k & UNGROUPED == 0) {
                if let Ok(i) = ords.binary_search(key) {
                    *key = global.get(i).copied().unwrap_or(*key);
                }
            }
        }
    }
    Ok(keys)
}
