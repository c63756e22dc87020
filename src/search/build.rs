//! From a parsed query to a tantivy query, analysing words with the same `ko` analyzer as
//! the index.
//!
//! tantivy's own query parser turns a word that analyses into several tokens into a phrase;
//! with Korean compounds that phrase often matches nothing. Here each word becomes:
//! - one token: that term (`광양` matches `광양시` too, whose parts are indexed);
//! - a compound (`광양시`, `국회의원`): the compound term OR the phrase of its parts;
//! - a prefixed noun (`비급여`): only the joined term, never the bare noun (`급여`);
//! - several units (`매화축제가` → `매화`, `축제`): all of them ANDed, with the phrase of
//!   them as an optional clause that ranks adjacent matches higher.
//!
//! Particles and endings are dropped by the analyzer, so `광양시에서` searches `광양시`.
//! Words search title and body, title matches boosted.

use tantivy::collector::Count;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};
use unicode_normalization::UnicodeNormalization;

use super::readings;
use super::synonyms::Synonyms;
use super::syntax::{Node, QueryField};
use crate::analysis::{AnalyzerWorker, SearchToken, TokenRole};
use crate::index::schema::Fields;

/// How much more a title match counts than a body match.
pub const TITLE_BOOST: f32 = 2.5;

/// Builds tantivy queries from parsed queries.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    worker: AnalyzerWorker,
    tokens: Vec<SearchToken>,
    synonyms: &'a Synonyms,
    /// The words found in `synonyms`, with the forms they were widened to.
    widened: Vec<(String, Vec<String>)>,
    /// Read words otherwise too, keeping the readings some article of this searcher has.
    other_readings: Option<Searcher>,
    /// The words read otherwise.
    read_otherwise: Vec<String>,
}

/// What one query word or phrase analyses into, per position.
enum Unit {
    /// A single term.
    Term(String),
    /// A compound and its parts (each part one position further).
    Compound { whole: String, parts: Vec<String> },
}

impl<'a> QueryBuilder<'a> {
    /// A builder over the index fields, analysing with `worker`; a word of `synonyms` also
    /// finds the other forms of its group.
    pub fn new(fields: &'a Fields, worker: AnalyzerWorker, synonyms: &'a Synonyms) -> Self {
        Self {
            fields,
            worker,
            tokens: Vec::new(),
            synonyms,
            widened: Vec::new(),
            other_readings: None,
            read_otherwise: Vec::new(),
        }
    }

    /// From now on, builds each plain word (no field, not quoted) to find its other readings
    /// too ([`readings`]: `김정은방중` also finds `김정은 방중`, `가온시` also `가온시는`), those
    /// that some article of `searcher` has.
    pub fn read_words_otherwise(&mut self, searcher: Searcher) {
        self.other_readings = Some(searcher);
    }

    /// The words read otherwise so far.
    pub fn read_otherwise(&self) -> &[String] {
        &self.read_otherwise
    }

    /// The index fields queried.
    pub(crate) fn fields(&self) -> &Fields {
        self.fields
    }

    /// The words found among the synonyms so far, with their other forms.
    pub fn widened(&self) -> &[(String, Vec<String>)] {
        &self.widened
    }

    /// The tantivy query for `node`, or `None` when nothing searchable is left (a query of
    /// particles only, or a blank one). A query with only exclusions matches every article
    /// except the excluded ones.
    pub fn build(&mut self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::Word { field, text, .. } => self.leaf(*field, text, false),
            Node::Phrase { field, text, .. } => self.leaf(*field, text, true),
            Node::Not(inner) => {
                let excluded = self.build(inner)?;
                Some(all_except(vec![excluded]))
            }
            Node::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = children
                    .iter()
                    .filter_map(|child| self.build(child))
                    .map(|q| (Occur::Should, q))
                    .collect();
                match clauses.len() {
                    0 => None,
                    1 => clauses.pop().map(|(_, q)| q),
                    _ => Some(Box::new(BooleanQuery::new(clauses))),
                }
            }
            Node::And(children) => {
                let mut required = Vec::new();
                let mut excluded = Vec::new();
                for child in children {
                    match child {
                        Node::Not(inner) => excluded.extend(self.build(inner)),
                        _ => required.extend(self.build(child)),
                    }
                }
                if required.is_empty() {
                    return (!excluded.is_empty()).then(|| all_except(excluded));
                }
                if required.len() == 1 && excluded.is_empty() {
                    return required.pop();
                }
                let clauses = required
                    .into_iter()
                    .map(|q| (Occur::Must, q))
                    .chain(excluded.into_iter().map(|q| (Occur::MustNot, q)))
                    .collect();
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    fn leaf(
        &mut self,
        field: Option<QueryField>,
        text: &str,
        phrase: bool,
    ) -> Option<Box<dyn Query>> {
        let own = self.form_query(field, text, phrase)?;
        if phrase || matches!(field, Some(QueryField::Reporter | QueryField::Press)) {
            return Some(own);
        }
        let mut clauses = vec![(Occur::Should, own)];
        self.tokens.clear();
        self.worker.tokens(text, &mut self.tokens);
        if let Some(others) = self.synonyms.others(&self.tokens) {
            let others: Vec<String> = others.into_iter().map(str::to_string).collect();
            for other in &others {
                clauses.extend(
                    self.form_query(field, other, false)
                        .map(|q| (Occur::Should, q)),
                );
            }
            if !self.widened.iter().any(|(word, _)| word == text) {
                self.widened.push((text.to_string(), others));
            }
        }
        if field.is_none()
            && let Some(searcher) = self.other_readings.clone()
        {
            let found =
                BooleanQuery::new(clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect());
            if let Some(readings) = self.other_readings_of(text, &found, &searcher) {
                clauses.push((Occur::Should, readings));
                if !self.read_otherwise.iter().any(|word| word == text) {
                    self.read_otherwise.push(text.to_string());
                }
            }
        }
        if clauses.len() == 1 {
            return clauses.pop().map(|(_, q)| q);
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The other readings of `text` ([`readings`]) that some article has, any of them: as
    /// phrases, or, when no article has the word as `found` reads it, as words anywhere.
    fn other_readings_of(
        &mut self,
        text: &str,
        found: &dyn Query,
        searcher: &Searcher,
    ) -> Option<Box<dyn Query>> {
        let mut others = readings::spaced(self, text);
        for reading in readings::with_particles(self, text) {
            if !others.contains(&reading) {
                others.push(reading);
            }
        }
        if others.is_empty() {
            return None;
        }
        let count = |query: &dyn Query| searcher.search(query, &Count).unwrap_or(0);
        let nowhere = count(found) == 0;
        let any: Box<dyn Query> = Box::new(BooleanQuery::new(
            others
                .iter()
                .map(|reading| {
                    let query = if nowhere {
                        readings::as_words(self, reading)
                    } else {
                        readings::as_phrase(self, reading)
                    };
                    (Occur::Should, query)
                })
                .collect(),
        ));
        (count(any.as_ref()) > 0).then_some(any)
    }

    /// The query for one word or phrase as written.
    fn form_query(
        &mut self,
        field: Option<QueryField>,
        text: &str,
        phrase: bool,
    ) -> Option<Box<dyn Query>> {
        let exact = |f: Field| -> Option<Box<dyn Query>> {
            let value: String = text.trim().nfc().collect();
            (!value.is_empty()).then(|| term_query(f, &value))
        };
        match field {
            Some(QueryField::Reporter) => exact(self.fields.reporter),
            Some(QueryField::Press) => exact(self.fields.press),
            Some(QueryField::Title) => self.text_query(self.fields.title, text, phrase),
            Some(QueryField::Body) => self.text_query(self.fields.body, text, phrase),
            None => {
                let title = self.text_query(self.fields.title, text, phrase)?;
                let body = self.text_query(self.fields.body, text, phrase)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Should, Box::new(BoostQuery::new(title, TITLE_BOOST))),
                    (Occur::Should, body),
                ])))
            }
        }
    }

    /// The search tokens of `text`.
    pub fn tokens(&mut self, text: &str) -> &[SearchToken] {
        self.tokens.clear();
        self.worker.tokens(text, &mut self.tokens);
        &self.tokens
    }

    /// How many positions the tokens of `text` take (a compound with its parts counts its
    /// parts).
    pub fn positions(&mut self, text: &str) -> usize {
        self.terms_at_positions(text).len()
    }

    /// The terms of `text` at their positions, as a phrase of them needs them.
    pub(crate) fn terms_at_positions(&mut self, text: &str) -> Vec<(usize, String)> {
        self.tokens.clear();
        self.worker.tokens(text, &mut self.tokens);
        phrase_terms(&self.tokens)
    }

    /// The query for one word (or, with `phrase`, one quoted phrase) on one text field.
    fn text_query(&mut self, field: Field, text: &str, phrase: bool) -> Option<Box<dyn Query>> {
        self.tokens.clear();
        self.worker.tokens(text, &mut self.tokens);
        let units = units(&self.tokens);
        let positions = phrase_terms(&self.tokens);
        match units.as_slice() {
            [] => None,
            [unit] => Some(unit_query(field, unit)),
            _ if phrase => Some(phrase_query(field, &positions)),
            _ => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = units
                    .iter()
                    .map(|unit| (Occur::Must, unit_query(field, unit)))
                    .collect();
                clauses.push((Occur::Should, phrase_query(field, &positions)));
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }
}

/// Every article except those matching any of `excluded`.
fn all_except(excluded: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
    clauses.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
    Box::new(BooleanQuery::new(clauses))
}

/// A term query that scores with term frequencies.
pub fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Groups tokens into units: a word, or a compound with its parts. A prefixed noun
/// (`비급여` + part `급여` at the same position) is the joined term alone.
fn units(tokens: &[SearchToken]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        i += 1;
        match token.role {
            TokenRole::Compound => {
                let mut parts = Vec::new();
                while let Some(part) = tokens.get(i).filter(|t| t.role == TokenRole::Part) {
                    parts.push(part.text.clone());
                    i += 1;
                }
                out.push(if token.position_length > 1 && parts.len() > 1 {
                    Unit::Compound {
                        whole: token.text.clone(),
                        parts,
                    }
                } else {
                    Unit::Term(token.text.clone())
                });
            }
            TokenRole::Word | TokenRole::Part => out.push(Unit::Term(token.text.clone())),
        }
    }
    out
}

/// One term per position, as the index has them at consecutive positions: the parts of a
/// compound, the joined form of a prefixed noun, every other word. Returns
/// `(offset from the first position, term text)`.
fn phrase_terms(tokens: &[SearchToken]) -> Vec<(usize, String)> {
    let first = tokens.first().map_or(0, |t| t.position);
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let keep = match token.role {
            TokenRole::Compound => token.position_length == 1,
            TokenRole::Part => {
                // A part standing for a joined prefix is covered by its compound.
                let owner = tokens[..i]
                    .iter()
                    .rev()
                    .find(|t| t.role == TokenRole::Compound);
                owner.is_none_or(|c| c.position_length > 1)
            }
            TokenRole::Word => true,
        };
        let offset = token.position.saturating_sub(first);
        if keep && !out.iter().any(|(o, _)| *o == offset) {
            out.push((offset, token.text.clone()));
        }
    }
    out
}

fn unit_query(field: Field, unit: &Unit) -> Box<dyn Query> {
    match unit {
        Unit::Term(text) => term_query(field, text),
        Unit::Compound { whole, parts } => {
            let parts: Vec<(usize, String)> = parts.iter().cloned().enumerate().collect();
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term_query(field, whole)),
                (Occur::Should, phrase_query(field, &parts)),
            ]))
        }
    }
}

/// A phrase over terms at offsets; one term is a term query.
pub(crate) fn phrase_query(field: Field, terms: &[(usize, String)]) -> Box<dyn Query> {
    match terms {
        [(_, only)] => term_query(field, only),
        _ => Box::new(PhraseQuery::new_with_offset(
            terms
                .iter()
                .map(|(offset, text)| (*offset, Term::from_field_text(field, text)))
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, position: usize, position_length: usize, role: TokenRole) -> SearchToken {
        SearchToken {
            text: text.into(),
            pos: "NNG".into(),
            byte_start: 0,
            byte_end: 0,
            position,
            position_length,
            role,
        }
    }

    /// `광양시 비급여 축제`: a compound, a joined prefix and a word.
    fn sample() -> Vec<SearchToken> {
        vec![
            token("광양시", 0, 2, TokenRole::Compound),
            token("광양", 0, 1, TokenRole::Part),
            token("시", 1, 1, TokenRole::Part),
            token("비급여", 2, 1, TokenRole::Compound),
            token("급여", 2, 1, TokenRole::Part),
            token("축제", 3, 1, TokenRole::Word),
        ]
    }

    #[test]
    fn compounds_prefixes_and_words_become_units() {
        let shown: Vec<String> = units(&sample())
            .iter()
            .map(|u| match u {
                Unit::Term(t) => t.clone(),
                Unit::Compound { whole, parts } => format!("{whole}={}", parts.join("+")),
            })
            .collect();
        assert_eq!(shown, ["광양시=광양+시", "비급여", "축제"]);
    }

    #[test]
    fn phrases_use_parts_and_joined_prefixes_at_their_positions() {
        let terms = phrase_terms(&sample());
        let expected: Vec<(usize, String)> = [(0, "광양"), (1, "시"), (2, "비급여"), (3, "축제")]
            .iter()
            .map(|(o, t)| (*o, t.to_string()))
            .collect();
        assert_eq!(terms, expected);
    }
}
