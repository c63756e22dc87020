//! Other readings of a query word, for when the words as typed find less than a page.
//!
//! Each word is segmented on its own, so a word reads the same in an article and in a query;
//! but a word typed otherwise than an article writes it can read differently:
//! - **without its spaces**: `김정은방중` alone is `김정은` + `방중`, while `김정은 방중` is
//!   `김정` + `방중`; `나주배축제` is `나` + `주배` + `축제`, `나주 배 축제` is `나주` + `배` +
//!   `축제`. [`spaced`] reads the word with one or two spaces inside it;
//! - **without its particle**: `가온시` alone is `가온` + `씨`, while `가온시는` is `가온` +
//!   `시` + `는`. [`with_particles`] reads the word as articles write it, followed by a
//!   particle (and without the one it was typed with).
//!
//! A reading is the terms of the parts, at their positions; it is kept when it differs from
//! the word's own terms.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};

use super::build::{QueryBuilder, TITLE_BOOST, phrase_query, term_query};

/// A word read otherwise: its terms at their positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// `(offset from the first position, term)`.
    pub terms: Vec<(usize, String)>,
}

/// Words of this many syllables or more are read with one space inside them, not two.
const MAX_SYLLABLES_SPLIT_TWICE: usize = 10;
/// Words of more syllables than this are not read with spaces inside (a compound typed
/// without its spaces is shorter; a longer run is no word, and its readings grow with the
/// square of its length).
const MAX_SYLLABLES_SPLIT: usize = 24;

/// Particles that follow a syllable with a final consonant, and one without.
const AFTER_CONSONANT: [&str; 5] = ["은", "이", "을", "과", "으로"];
const AFTER_VOWEL: [&str; 5] = ["는", "가", "를", "와", "로"];
/// Particles that follow either.
const AFTER_EITHER: [&str; 6] = ["의", "에", "에서", "에게", "도", "만"];

fn is_syllable(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Whether syllable `c` ends in a consonant (받침).
fn has_final_consonant(c: char) -> bool {
    is_syllable(c) && !(c as u32 - 0xAC00).is_multiple_of(28)
}

/// Every reading of `text` in `variants` (each a list of parts read alone, then joined)
/// whose terms differ from the word's own and from the other readings.
fn distinct_readings(
    builder: &mut QueryBuilder<'_>,
    text: &str,
    variants: impl IntoIterator<Item = Vec<String>>,
) -> Vec<Reading> {
    let own = builder.terms_at_positions(text);
    let mut out: Vec<Reading> = Vec::new();
    for parts in variants {
        let mut terms: Vec<(usize, String)> = Vec::new();
        let mut every_part = true;
        for part in &parts {
            let part_terms = builder.terms_at_positions(part);
            let shift = terms.last().map_or(0, |(offset, _)| offset + 1);
            every_part &= !part_terms.is_empty();
            terms.extend(part_terms.into_iter().map(|(o, t)| (o + shift, t)));
        }
        if every_part && terms != own && !out.iter().any(|r| r.terms == terms) {
            out.push(Reading { terms });
        }
    }
    out
}

/// `text` read with one or two spaces inside it, between Hangul syllables.
pub fn spaced(builder: &mut QueryBuilder<'_>, text: &str) -> Vec<Reading> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let cuts: Vec<usize> = chars
        .windows(2)
        .filter(|pair| is_syllable(pair[0].1) && is_syllable(pair[1].1))
        .map(|pair| pair[1].0)
        .collect();
    if cuts.len() >= MAX_SYLLABLES_SPLIT {
        return Vec::new();
    }
    let mut splits: Vec<Vec<usize>> = cuts.iter().map(|&cut| vec![cut]).collect();
    if cuts.len() < MAX_SYLLABLES_SPLIT_TWICE {
        for (i, &first) in cuts.iter().enumerate() {
            splits.extend(cuts[i + 1..].iter().map(|&second| vec![first, second]));
        }
    }
    let variants = splits.into_iter().map(|split| {
        let bounds: Vec<usize> = std::iter::once(0)
            .chain(split)
            .chain(std::iter::once(text.len()))
            .collect();
        bounds
            .windows(2)
            .map(|part| text[part[0]..part[1]].to_string())
            .collect()
    });
    distinct_readings(builder, text, variants)
}

/// `text` read as articles write it before a particle: its stem (`text` without the particle
/// it ends with, if any, or `text`) followed by each common particle, and the stem alone.
pub fn with_particles(builder: &mut QueryBuilder<'_>, text: &str) -> Vec<Reading> {
    let stem = AFTER_CONSONANT
        .iter()
        .chain(&AFTER_VOWEL)
        .chain(&AFTER_EITHER)
        .filter_map(|particle| text.strip_suffix(particle))
        .filter(|stem| stem.chars().count() >= 2)
        .max_by_key(|stem| stem.len())
        .unwrap_or(text);
    let Some(last) = stem.chars().last().filter(|&c| is_syllable(c)) else {
        return Vec::new();
    };
    let fitting: &[&str] = if has_final_consonant(last) {
        &AFTER_CONSONANT
    } else {
        &AFTER_VOWEL
    };
    let variants = std::iter::once(vec![stem.to_string()]).chain(
        fitting
            .iter()
            .chain(&AFTER_EITHER)
            .map(|particle| vec![format!("{stem}{particle}")]),
    );
    distinct_readings(builder, text, variants)
}

/// Articles with the terms of `reading` next to each other (in the title, boosted, or the
/// body).
pub fn as_phrase(builder: &QueryBuilder<'_>, reading: &Reading) -> Box<dyn Query> {
    let fields = builder.fields();
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                phrase_query(fields.title, &reading.terms),
                TITLE_BOOST,
            )),
        ),
        (Occur::Should, phrase_query(fields.body, &reading.terms)),
    ]))
}

/// Articles with every term of `reading`, anywhere in the title (boosted) or the body, the
/// terms next to each other ranking first.
pub fn as_words(builder: &QueryBuilder<'_>, reading: &Reading) -> Box<dyn Query> {
    let fields = builder.fields();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = reading
        .terms
        .iter()
        .map(|(_, term)| {
            let either: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(term_query(fields.title, term), TITLE_BOOST)),
                ),
                (Occur::Should, term_query(fields.body, term)),
            ]));
            (Occur::Must, either)
        })
        .collect();
    clauses.push((Occur::Should, as_phrase(builder, reading)));
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_consonants_choose_the_particle() {
        assert!(has_final_consonant('산'));
        assert!(!has_final_consonant('시'));
        assert!(!has_final_consonant('a'));
    }
}
