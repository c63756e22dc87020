//! Why a search found nothing: how each word of the query was read and how many articles
//! have it, words of the index close to those no article has ([`super::suggest`]), and how
//! many articles each filter left out (`0 in 고흥군 · 12 in 전라남도`).

use serde::Serialize;
use tantivy::Searcher;
use tantivy::collector::Count;
use tantivy::query::{AllQuery, BooleanQuery, Occur};

use super::build::QueryBuilder;
use super::filters::{FilterKind, Filters};
use super::suggest::similar_terms;
use super::syntax::{Node, QueryField};
use crate::analysis::TokenRole;
use crate::index::schema::Fields;

/// Suggestions per word at most.
const SUGGESTIONS: usize = 5;

/// Why a search found nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// Each word and phrase of the query, in order.
    pub words: Vec<WordReport>,
    /// The region paths filtered on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Articles the query finds with the filters changed, each change on its own.
    pub filters: Vec<FilterReport>,
}

/// One word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordReport {
    /// As typed (a phrase in quotes, a field with its prefix).
    pub text: String,
    /// The search tokens it was read as.
    pub tokens: Vec<String>,
    /// Articles that have it, filters aside.
    pub articles: usize,
    /// Words of the index close to it, when no article has it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// How many articles the query finds with its filters changed one way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterReport {
    /// The change.
    pub change: FilterChange,
    /// Articles found then.
    pub articles: usize,
}

/// A change of the filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterChange {
    /// One filter left out.
    Without(FilterKind),
    /// The regions widened to the regions containing them.
    WiderRegions(Vec<String>),
    /// Every filter left out.
    NoFilters,
}

impl Explanation {
    /// Explains `node` searched with `filters`.
    pub fn new(
        node: &Node,
        filters: &Filters,
        builder: &mut QueryBuilder<'_>,
        searcher: &Searcher,
        fields: &Fields,
    ) -> tantivy::Result<Self> {
        let mut leaves = Vec::new();
        collect_leaves(node, &mut leaves);
        let mut words = Vec::new();
        for leaf in leaves {
            words.push(word_report(leaf, builder, searcher, fields)?);
        }
        let text = builder.build(node).unwrap_or_else(|| Box::new(AllQuery));
        let count = |filters: &Filters| -> tantivy::Result<usize> {
            let clauses = std::iter::once(text.box_clone())
                .chain(filters.queries(fields))
                .map(|q| (Occur::Must, q))
                .collect();
            searcher.search(&BooleanQuery::new(clauses), &Count)
        };
        let mut reports = Vec::new();
        let active = filters.active();
        if !filters.regions.is_empty() {
            let wider = filters.with_wider_regions();
            if wider.regions != filters.regions {
                reports.push(FilterReport {
                    articles: count(&wider)?,
                    change: FilterChange::WiderRegions(wider.regions),
                });
            }
        }
        if active.len() > 1 {
            for kind in &active {
                reports.push(FilterReport {
                    change: FilterChange::Without(*kind),
                    articles: count(&filters.without(*kind))?,
                });
            }
        }
        if !active.is_empty() {
            reports.push(FilterReport {
                change: FilterChange::NoFilters,
                articles: count(&Filters::default())?,
            });
        }
        Ok(Self {
            words,
            regions: filters.regions.clone(),
            filters: reports,
        })
    }
}

/// The words and phrases below `node`, in order.
fn collect_leaves<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    match node {
        Node::Word { .. } | Node::Phrase { .. } => out.push(node),
        Node::And(children) | Node::Or(children) => {
            children.iter().for_each(|c| collect_leaves(c, out));
        }
        Node::Not(child) => collect_leaves(child, out),
    }
}

fn word_report(
    leaf: &Node,
    builder: &mut QueryBuilder<'_>,
    searcher: &Searcher,
    fields: &Fields,
) -> tantivy::Result<WordReport> {
    let (field, text, shown) = match leaf {
        Node::Word { field, text, .. } => (*field, text.as_str(), text.clone()),
        Node::Phrase { field, text, .. } => (*field, text.as_str(), format!("\"{text}\"")),
        _ => unreachable!("leaves are words and phrases"),
    };
    let prefix = match field {
        Some(QueryField::Title) => "title:",
        Some(QueryField::Body) => "body:",
        Some(QueryField::Reporter) => "reporter:",
        Some(QueryField::Press) => "press:",
        None => "",
    };
    let exact = matches!(field, Some(QueryField::Reporter | QueryField::Press));
    let tokens: Vec<String> = if exact {
        vec![text.trim().to_string()]
    } else {
        builder
            .tokens(text)
            .iter()
            .filter(|t| t.role != TokenRole::Part)
            .map(|t| t.text.clone())
            .collect()
    };
    let articles = match builder.build(leaf) {
        Some(query) => searcher.search(query.as_ref(), &Count)?,
        None => 0,
    };
    let mut suggestions: Vec<String> = Vec::new();
    if articles == 0 {
        let vocabulary = match field {
            Some(QueryField::Reporter) => vec![fields.reporter],
            Some(QueryField::Press) => vec![fields.press],
            _ => vec![fields.title, fields.body],
        };
        // The word as typed first (`ㄱㅇㅅ`, a misspelt compound), then each token no article
        // has; none when every token is in some article (a field or a filter left it out).
        let mut unknown = Vec::new();
        for token in &tokens {
            if !exact && term_articles(searcher, &vocabulary, token)? == 0 {
                unknown.push(token.clone());
            }
        }
        if exact || !unknown.is_empty() || tokens.is_empty() {
            unknown.insert(0, text.trim().to_string());
        }
        for word in &unknown {
            for similar in similar_terms(searcher, &vocabulary, word, SUGGESTIONS)? {
                if !suggestions.contains(&similar) && !tokens.contains(&similar) {
                    suggestions.push(similar);
                }
            }
        }
        suggestions.truncate(SUGGESTIONS);
    }
    Ok(WordReport {
        text: format!("{prefix}{shown}"),
        tokens,
        articles,
        suggestions,
    })
}

/// Articles with `term` in any of `fields`, counted per field (an upper bound).
fn term_articles(
    searcher: &Searcher,
    fields: &[tantivy::schema::Field],
    term: &str,
) -> tantivy::Result<u64> {
    let mut total = 0;
    for &field in fields {
        total += searcher.doc_freq(&tantivy::Term::from_field_text(field, term))?;
    }
    Ok(total)
}
