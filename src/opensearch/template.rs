//! dongne's index on the cluster: nori analysis as close to dongne's `ko` analyzer as nori
//! allows, and a mapping that keeps every field the local index keeps.
//!
//! - `nori_tokenizer` in `decompound_mode: mixed` (compounds and their parts, as dongne
//!   indexes them), its user dictionary made of dongne's user dictionary and the
//!   gazetteer's place names;
//! - `nori_part_of_speech` with dongne's stop set (see [`STOP_TAGS`]);
//! - lower-case, as dongne's tokens are.
//!
//! Reporters, press, section, dateline and duplicate groups are keywords; region paths are
//! keywords with a `tree` sub-field (path hierarchy), so a filter on a path matches every
//! region inside it.

use serde_json::{Value, json};

/// Version of the mapping below, recorded in the index's `_meta`; an index with another
/// version must be rebuilt.
pub const MAPPING_VERSION: u64 = 1;

/// The parts of speech dropped, in nori's tags: nori's default stop set less `XPN` (dongne
/// joins a prefix to its noun instead), plus copulas, auxiliaries and sentence punctuation
/// and symbols, which dongne drops too.
pub const STOP_TAGS: &[&str] = &[
    "E", "IC", "J", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XSA", "XSN", "XSV", "UNA",
    "NA", "VSV", "VCP", "VCN", "VX", "SF", "SY",
];

/// Shards of a new index; replicas follow the cluster's size (see [`settings`]).
const SHARDS: u64 = 1;

/// The index body: settings (analysis) and mappings, with `user_words` as nori's user
/// dictionary and `replicas` replica copies of each shard.
pub fn index_body(user_words: &[String], replicas: u64) -> Value {
    json!({
        "settings": settings(user_words, replicas),
        "mappings": mappings(),
    })
}

fn settings(user_words: &[String], replicas: u64) -> Value {
    json!({
        "index": {
            "number_of_shards": SHARDS,
            "number_of_replicas": replicas,
            "refresh_interval": super::sink::REFRESH,
        },
        "analysis": {
            "tokenizer": {
                "dongne_nori": {
                    "type": "nori_tokenizer",
                    "decompound_mode": "mixed",
                    "discard_punctuation": true,
                    "user_dictionary_rules": user_words,
                },
                "dongne_path": {"type": "path_hierarchy", "delimiter": "/"},
            },
            "filter": {
                "dongne_pos": {"type": "nori_part_of_speech", "stoptags": STOP_TAGS},
            },
            "analyzer": {
                "dongne_ko": {
                    "type": "custom",
                    "tokenizer": "dongne_nori",
                    "filter": ["dongne_pos", "lowercase"],
                },
                "dongne_region_tree": {"type": "custom", "tokenizer": "dongne_path"},
            },
        },
    })
}

/// A keyword that is stored in `_source` only (not searchable, no doc values).
fn stored_only() -> Value {
    json!({"type": "keyword", "index": false, "doc_values": false})
}

fn mappings() -> Value {
    let text = json!({"type": "text", "analyzer": "dongne_ko"});
    let keyword = json!({"type": "keyword"});
    json!({
        "dynamic": "strict",
        "_meta": {"dongne": {"mapping_version": MAPPING_VERSION}},
        "properties": {
            "id": keyword,
            "url": stored_only(),
            "title": text,
            "body": text,
            "reporter": keyword,
            "press": keyword,
            "published": {"type": "date", "format": "strict_date_optional_time||epoch_second"},
            "region": {
                "type": "keyword",
                "fields": {"tree": {"type": "text", "analyzer": "dongne_region_tree",
                                    "fielddata": true}},
            },
            "region_primary": keyword,
            "region_tags": stored_only(),
            "section": keyword,
            "dateline": keyword,
            "source": stored_only(),
            "dup_group": keyword,
            "extra": stored_only(),
            "entity": keyword,
            "content_hash": stored_only(),
            "signature": stored_only(),
        },
    })
}

/// nori's `user_dictionary_rules` for dongne's user dictionary rows (mecab-ko-dic CSV):
/// each surface once, a `Compound` row followed by its parts (`나주시 나주 시`) so that nori
/// splits it the way dongne does. Rows nori cannot take (with spaces) are left out.
pub fn nori_rules(csv: &str) -> Vec<String> {
    let mut rules: std::collections::BTreeMap<String, String> = Default::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    for row in reader.records().flatten() {
        let Some(surface) = row.get(0).map(str::trim) else {
            continue;
        };
        if surface.is_empty() || surface.contains(char::is_whitespace) {
            continue;
        }
        let parts: Vec<&str> = match (row.get(8), row.get(11)) {
            (Some("Compound"), Some(expression)) if expression != "*" => expression
                .split('+')
                .filter_map(|part| part.split('/').next())
                .filter(|part| !part.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let rule = if parts.len() > 1 && parts.concat() == surface {
            format!("{surface} {}", parts.join(" "))
        } else {
            surface.to_string()
        };
        rules.entry(surface.to_string()).or_insert(rule);
    }
    rules.into_values().collect()
}

/// The mapping version an index's mapping (as `GET INDEX/_mapping` answers for it)
/// records, `None` when it records none (not made by dongne, or by a dongne before
/// versions were recorded).
pub fn mapping_version(mapping: &Value) -> Option<u64> {
    mapping
        .pointer("/mappings/_meta/dongne/mapping_version")
        .and_then(Value::as_u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_become_nori_rules_with_their_parts() {
        let csv = "나주시,1789,3552,4000,NNP,지명,F,나주시,Compound,*,*,나주/NNP/지명+시/NNG/*\n\
                   동네,1,1,0,NNG,*,F,동네,*,*,*,*\n\
                   나주시,1,1,0,NNG,*,F,나주시,*,*,*,*\n";
        assert_eq!(nori_rules(csv), ["나주시 나주 시", "동네"]);
    }

    #[test]
    fn the_template_records_its_version_and_dictionary() {
        let body = index_body(&["광양시청".to_string()], 0);
        assert_eq!(mapping_version(&body), Some(MAPPING_VERSION));
        assert_eq!(
            body.pointer("/settings/analysis/tokenizer/dongne_nori/user_dictionary_rules/0"),
            Some(&json!("광양시청"))
        );
        assert_eq!(
            body.pointer("/settings/analysis/tokenizer/dongne_nori/decompound_mode"),
            Some(&json!("mixed"))
        );
    }
}
