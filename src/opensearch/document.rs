//! Articles as the cluster stores them: the same values as the local index stores, as
//! JSON (`_source`), plus what duplicate detection needs to resume (content hash and body
//! signature), and back.

use serde_json::{Map, Value};
use tantivy::TantivyDocument;
use tantivy::schema::document::Document;
use tantivy::schema::{OwnedValue, Schema};

use crate::index::dedup::Signature;
use crate::index::document::{PreparedArticle, format_id, parse_id};
use crate::index::schema::Fields;
use crate::search::execute::StoredArticle;

/// Fields of `_source` that the local schema does not have.
const CLUSTER_ONLY: [&str; 3] = ["dup_group", "content_hash", "signature"];

/// The fields holding several values (arrays in `_source`).
const MULTI_VALUED: [&str; 3] = ["reporter", "region", "entity"];

/// The `_source` of `prepared` in duplicate group `group`.
pub fn source_of(prepared: &PreparedArticle, group: u64, schema: &Schema) -> Value {
    let mut source = Map::new();
    for (field, value) in prepared.doc.iter_fields_and_values() {
        let name = schema.get_field_name(field);
        let value = match value {
            OwnedValue::Str(text) => Value::String(text.clone()),
            OwnedValue::Facet(facet) => Value::String(facet.to_path_string()),
            OwnedValue::Date(date) => {
                match chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0) {
                    Some(time) => Value::String(time.to_rfc3339()),
                    None => continue,
                }
            }
            _ => continue,
        };
        if MULTI_VALUED.contains(&name) {
            match source
                .entry(name)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(values) => values.push(value),
                other => *other = Value::Array(vec![value]),
            }
        } else {
            source.insert(name.to_string(), value);
        }
    }
    source.insert("dup_group".into(), Value::String(format_id(group)));
    source.insert(
        "content_hash".into(),
        Value::String(format_id(prepared.content_hash)),
    );
    if let Some(signature) = &prepared.signature {
        source.insert("signature".into(), Value::String(hex(signature.as_bytes())));
    }
    Value::Object(source)
}

/// What duplicate detection keeps of a stored article: its content hash, group and
/// signature (`None` for a `_source` not written by dongne).
pub fn dedup_state(source: &Value) -> Option<(u64, u64, Option<Signature>)> {
    let text = |name: &str| source.get(name).and_then(Value::as_str);
    let hash = text("content_hash").and_then(parse_id)?;
    let group = text("dup_group").and_then(parse_id)?;
    let signature = text("signature")
        .and_then(unhex)
        .and_then(|bytes| Signature::from_bytes(&bytes));
    Some((hash, group, signature))
}

/// The stored article of a `_source`, read as the local index reads its documents.
pub fn stored_article(source: &Value, schema: &Schema, fields: &Fields) -> StoredArticle {
    let mut local = source.as_object().cloned().unwrap_or_default();
    let group = local
        .get("dup_group")
        .and_then(Value::as_str)
        .and_then(parse_id);
    for name in CLUSTER_ONLY {
        local.remove(name);
    }
    let doc =
        TantivyDocument::parse_json(schema, &Value::Object(local).to_string()).unwrap_or_default();
    StoredArticle::from_document(&doc, group, fields)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_survive_hex() {
        let bytes = [0u8, 1, 254, 255, 16];
        assert_eq!(unhex(&hex(&bytes)).as_deref(), Some(&bytes[..]));
        assert_eq!(unhex("0g"), None);
    }
}
