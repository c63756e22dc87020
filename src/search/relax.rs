//! Plain words are ranked, not all required.
//!
//! A pasted headline, a sentence or a question holds words an article may lack (or
//! analyse otherwise), and requiring every one of them finds nothing. So the plain words of
//! a query, written side by side without `AND`, quotes, `-` or a field prefix, are relaxed:
//! articles with every word come first; when they fill less than the page, articles with
//! most of the words follow, those with more of them first.
//! Everything written explicitly (phrases, exclusions, groups, `AND`, `field:` words) and
//! every filter stays required. The words together, as a phrase in the title, rank an
//! article whose headline they are first.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Weight};
use tantivy::{DocAddress, DocSet, Searcher};

use super::build::{QueryBuilder, TITLE_BOOST};
use super::syntax::{Node, QueryField, ReadQuery};

/// One plain word of a query.
struct PlainWord {
    /// As typed.
    text: String,
    /// Its query (title and body).
    query: Box<dyn Query>,
}

/// The plain words of a query and what stays required.
pub struct PlainWords {
    words: Vec<PlainWord>,
    /// The explicit parts of the query and the filters.
    required: Vec<Box<dyn Query>>,
    /// The words as a phrase in the title, when they make two tokens or more.
    title_phrase: Option<Box<dyn Query>>,
}

impl PlainWords {
    /// The plain words of `read`, built with `builder`; `filters` stay required. `None` when
    /// the query has no plain words.
    pub fn of(
        read: &ReadQuery,
        builder: &mut QueryBuilder<'_>,
        filters: &[Box<dyn Query>],
    ) -> Option<Self> {
        let children = match &read.node {
            Node::And(children) if !read.explicit_and => children.as_slice(),
            word @ Node::Word { .. } => std::slice::from_ref(word),
            _ => return None,
        };
        let mut words = Vec::new();
        let mut required: Vec<Box<dyn Query>> = filters.iter().map(|q| q.box_clone()).collect();
        for child in children {
            match child {
                // The same word twice is the word once.
                Node::Word {
                    field: None, text, ..
                } if words.iter().any(|w: &PlainWord| w.text == *text) => {}
                Node::Word {
                    field: None, text, ..
                } => words.extend(builder.build(child).map(|query| PlainWord {
                    text: text.clone(),
                    query,
                })),
                _ => required.extend(builder.build(child)),
            }
        }
        if words.is_empty() {
            return None;
        }
        let text = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let title_phrase = if builder.positions(&text) >= 2 {
            let phrase = Node::Phrase {
                field: Some(QueryField::Title),
                text,
                span: 0..0,
            };
            builder
                .build(&phrase)
                .map(|q| Box::new(BoostQuery::new(q, TITLE_BOOST)) as Box<dyn Query>)
        } else {
            None
        };
        Some(Self {
            words,
            required,
            title_phrase,
        })
    }

    /// The words as typed.
    pub fn words(&self) -> Vec<String> {
        self.words.iter().map(|w| w.text.clone()).collect()
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no words (never, once built).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The fewest words a partial match must have: most of them (half, rounded up).
    pub fn fewest(&self) -> usize {
        self.words.len().div_ceil(2)
    }

    /// The query for articles with every word and everything required.
    pub fn all(&self) -> Box<dyn Query> {
        self.at_least(self.words.len())
    }

    /// The query for articles with at least `count` of the words and everything required,
    /// ranked by the title phrase too.
    pub fn at_least(&self, count: usize) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .required
            .iter()
            .map(|q| (Occur::Must, q.box_clone()))
            .collect();
        if count >= self.words.len() {
            clauses.extend(
                self.words
                    .iter()
                    .map(|w| (Occur::Must, w.query.box_clone())),
            );
        } else {
            clauses.push((
                Occur::Must,
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    self.words
                        .iter()
                        .map(|w| (Occur::Should, w.query.box_clone()))
                        .collect(),
                    count,
                )),
            ));
        }
        clauses.extend(
            self.title_phrase
                .iter()
                .map(|phrase| (Occur::Should, phrase.box_clone())),
        );
        // One word alone is its own query (a boolean of one clause costs a scorer per hit).
        if let [(Occur::Must, _)] = clauses.as_slice() {
            return clauses
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(AllQuery));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Checks articles for each word.
    pub fn checker(&self, searcher: &Searcher) -> tantivy::Result<WordChecker<'_>> {
        let weights = self
            .words
            .iter()
            .map(|word| {
                Ok((
                    word.text.as_str(),
                    word.query
                        .weight(EnableScoring::disabled_from_searcher(searcher))?,
                ))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(WordChecker {
            searcher: searcher.clone(),
            weights,
        })
    }
}

/// Which words of a query an article has.
pub struct WordChecker<'a> {
    searcher: Searcher,
    weights: Vec<(&'a str, Box<dyn Weight>)>,
}

impl WordChecker<'_> {
    /// The words the article at `address` lacks, in query order.
    pub fn missing(&self, address: DocAddress) -> tantivy::Result<Vec<String>> {
        let reader = self.searcher.segment_reader(address.segment_ord);
        let mut out = Vec::new();
        for (text, weight) in &self.weights {
            let mut scorer = weight.scorer(reader, 1.0)?;
            // A fresh scorer stands on its first document; seek only moves forward.
            let at = match scorer.doc() {
                doc if doc < address.doc_id => scorer.seek(address.doc_id),
                doc => doc,
            };
            if at != address.doc_id {
                out.push(text.to_string());
            }
        }
        Ok(out)
    }
}
