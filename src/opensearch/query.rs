//! The query language and the filters as OpenSearch queries. dongne reads the query
//! ([`crate::search::syntax`]) and resolves the filters (region lineage through its
//! gazetteer); the cluster's nori analyses the words.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::search::build::TITLE_BOOST;
use crate::search::filters::Filters;
use crate::search::syntax::{Node, QueryField};

/// Translates words and phrases. `forms` reads a word with dongne's analyzer: `None` when
/// it has nothing to search (a word of particles only is left out, as locally), else the
/// word's other forms from the synonyms (searched too).
pub struct Translator<F: FnMut(&str) -> Option<Vec<String>>> {
    /// A word's synonyms, `None` when it has no search token.
    pub forms: F,
}

impl<F: FnMut(&str) -> Option<Vec<String>>> Translator<F> {
    /// The query for `node`, `None` when nothing searchable is left. A query with only
    /// exclusions matches every article except the excluded ones.
    pub fn translate(&mut self, node: &Node) -> Option<Value> {
        match node {
            Node::Word { field, text, .. } => self.leaf(*field, text, false),
            Node::Phrase { field, text, .. } => self.leaf(*field, text, true),
            Node::Not(inner) => {
                let excluded = self.translate(inner)?;
                Some(all_except(vec![excluded]))
            }
            Node::Or(children) => {
                let mut clauses: Vec<Value> =
                    children.iter().filter_map(|c| self.translate(c)).collect();
                match clauses.len() {
                    0 => None,
                    1 => clauses.pop(),
                    _ => Some(json!({"bool": {"should": clauses, "minimum_should_match": 1}})),
                }
            }
            Node::And(children) => {
                let mut required = Vec::new();
                let mut excluded = Vec::new();
                for child in children {
                    match child {
                        Node::Not(inner) => excluded.extend(self.translate(inner)),
                        _ => required.extend(self.translate(child)),
                    }
                }
                if required.is_empty() {
                    return (!excluded.is_empty()).then(|| all_except(excluded));
                }
                if required.len() == 1 && excluded.is_empty() {
                    return required.pop();
                }
                Some(json!({"bool": {"must": required, "must_not": excluded}}))
            }
        }
    }

    fn leaf(&mut self, field: Option<QueryField>, text: &str, phrase: bool) -> Option<Value> {
        let exact = |name: &str| {
            let value: String = text.trim().nfc().collect();
            (!value.is_empty()).then(|| json!({"term": {name: value}}))
        };
        match field {
            Some(QueryField::Reporter) => return exact("reporter"),
            Some(QueryField::Press) => return exact("press"),
            _ => {}
        }
        let others = (self.forms)(text)?;
        let own = form_query(field, &text.nfc().collect::<String>(), phrase);
        if phrase || others.is_empty() {
            return Some(own);
        }
        let mut any = vec![own];
        any.extend(others.iter().map(|other| form_query(field, other, false)));
        Some(json!({"bool": {"should": any, "minimum_should_match": 1}}))
    }
}

/// One form of a word (or a phrase) on the field asked for, else on title (boosted) and
/// body.
fn form_query(field: Option<QueryField>, text: &str, phrase: bool) -> Value {
    match field {
        Some(QueryField::Title) => text_query("title", text, phrase, 1.0),
        Some(QueryField::Body) => text_query("body", text, phrase, 1.0),
        _ => json!({"bool": {"should": [
            text_query("title", text, phrase, TITLE_BOOST),
            text_query("body", text, phrase, 1.0),
        ], "minimum_should_match": 1}}),
    }
}

/// One word (all its tokens, adjacent ones ranking higher) or phrase on one field.
fn text_query(field: &str, text: &str, phrase: bool, boost: f32) -> Value {
    if phrase {
        return json!({"match_phrase": {field: {"query": text, "boost": boost}}});
    }
    json!({"bool": {
        "must": {"match": {field: {"query": text, "operator": "and", "zero_terms_query": "all"}}},
        "should": {"match_phrase": {field: {"query": text}}},
        "boost": boost,
    }})
}

/// Every article except those matching any of `excluded`.
fn all_except(excluded: Vec<Value>) -> Value {
    json!({"bool": {"must": {"match_all": {}}, "must_not": excluded}})
}

/// One filter clause per active filter: region paths (an article matches a path or
/// anything inside it), the date range, reporters, publishers.
pub fn filter_clauses(filters: &Filters) -> Vec<Value> {
    let mut out = Vec::new();
    if !filters.regions.is_empty() {
        out.push(json!({"terms": {"region.tree": filters.regions}}));
    }
    if filters.from.is_some() || filters.until.is_some() {
        let mut range = serde_json::Map::new();
        if let Some(from) = filters.from {
            range.insert("gte".into(), json!(instant(from)));
        }
        if let Some(until) = filters.until {
            range.insert("lt".into(), json!(instant(until)));
        }
        out.push(json!({"range": {"published": range}}));
    }
    if !filters.reporters.is_empty() {
        out.push(json!({"terms": {"reporter": filters.reporters}}));
    }
    if !filters.presses.is_empty() {
        out.push(json!({"terms": {"press": filters.presses}}));
    }
    out
}

fn instant(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The query of `text` (already translated, `None` for everything) restricted by
/// `filters`, which do not score.
pub fn with_filters(text: Option<Value>, filters: &Filters) -> Value {
    json!({"bool": {
        "must": text.unwrap_or_else(|| json!({"match_all": {}})),
        "filter": filter_clauses(filters),
    }})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax;

    fn translated(query: &str) -> Value {
        let read = syntax::read(query).unwrap();
        Translator {
            forms: |word: &str| match word {
                "은" => None,
                "한전" => Some(vec!["한국전력".to_string()]),
                _ => Some(Vec::new()),
            },
        }
        .translate(&read.node)
        .unwrap()
    }

    #[test]
    fn exclusions_and_alternatives_keep_their_meaning() {
        let query = translated("광양 -순천");
        assert!(query.pointer("/bool/must_not/0").is_some());
        let query = translated("광양 OR 순천");
        assert_eq!(query.pointer("/bool/minimum_should_match"), Some(&json!(1)));
        let query = translated("reporter:홍길동");
        assert_eq!(query, json!({"term": {"reporter": "홍길동"}}));
    }

    #[test]
    fn words_with_nothing_to_search_are_left_out() {
        let query = translated("광양 은");
        assert!(
            query
                .pointer("/bool/should/0/bool/must/match/title")
                .is_some()
        );
    }

    #[test]
    fn synonyms_are_searched_too() {
        let query = translated("한전");
        assert_eq!(
            query.pointer("/bool/should/1/bool/should/0/bool/must/match/title/query"),
            Some(&json!("한국전력"))
        );
    }

    #[test]
    fn regions_filter_on_the_path_tree() {
        let filters = Filters {
            regions: vec!["/전라남도/광양시".into()],
            ..Filters::default()
        };
        assert_eq!(
            filter_clauses(&filters),
            [json!({"terms": {"region.tree": ["/전라남도/광양시"]}})]
        );
    }
}
