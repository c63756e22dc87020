//! Duplicate groups: copies of one text (agency wire stories, press releases) share a
//! `dup_group`; search shows a group once and counts its copies among the hits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

use super::collect::Hit;
use crate::index::schema::Fields;

/// Marks keys of hits without a group (each its own group).
const UNGROUPED: u64 = 1 << 63;

/// Per segment, the 64-bit key of every `dup_group` value by term ordinal, built on first
/// use: term ordinals differ between segments, group names do not, and reading names per
/// query would cost more than the search.
#[derive(Default)]
pub struct GroupTables {
    tables: Mutex<HashMap<SegmentId, Arc<Vec<u64>>>>,
}

/// FNV-1a of a group name, high bit cleared (the high bit marks ungrouped hits).
fn name_key(name: &[u8]) -> u64 {
    let hash = name.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash & !UNGROUPED
}

impl GroupTables {
    fn table(&self, reader: &SegmentReader, field: &str) -> tantivy::Result<Option<Arc<Vec<u64>>>> {
        let id = reader.segment_id();
        if let Some(table) = self.tables.lock().ok().and_then(|t| t.get(&id).cloned()) {
            return Ok(Some(table));
        }
        let Some(column) = reader.fast_fields().str(field)? else {
            return Ok(None);
        };
        let mut keys = Vec::with_capacity(column.num_terms());
        let mut names = column.dictionary().stream()?;
        while names.advance() {
            keys.push(name_key(names.key()));
        }
        let table = Arc::new(keys);
        if let Ok(mut tables) = self.tables.lock() {
            tables.insert(id, table.clone());
        }
        Ok(Some(table))
    }

    /// A comparable duplicate-group key for every hit (same key, same group).
    pub fn keys(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        hits: &[Hit],
    ) -> tantivy::Result<Vec<u64>> {
        let name = searcher.schema().get_field_name(fields.dup_group);
        let mut keys = Vec::with_capacity(hits.len());
        for run in hits.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
            let reader = searcher.segment_reader(run[0].address.segment_ord);
            let column = reader.fast_fields().str(name)?;
            let table = self.table(reader, name)?;
            for hit in run {
                let key = column
                    .as_ref()
                    .and_then(|c| c.term_ords(hit.address.doc_id).next())
                    .and_then(|ord| table.as_ref()?.get(ord as usize).copied());
                keys.push(key.unwrap_or(UNGROUPED | keys.len() as u64));
            }
        }
        Ok(keys)
    }
}
