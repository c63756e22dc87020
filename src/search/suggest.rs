//! Words the index has that are close to one it lacks: one or two jamo apart (`축졔` →
//! `축제`), or with the same initial consonants (`ㄱㅇㅅ` or `강양시` → `광양시`). Read from the
//! index's own vocabulary, so suggestions always find something.

use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::schema::Field;

/// The initial consonants (초성), in syllable order.
const CHOSEONG: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

/// The syllable index of `c` (0 for `가`), if it is a Hangul syllable.
fn syllable_index(c: char) -> Option<u32> {
    (c as u32).checked_sub(0xAC00).filter(|&i| i < 11_172)
}

/// `text` with each syllable spelt out in its jamo (`축제` → `ㅊㅜㄱㅈㅔ` as conjoining jamo).
fn jamo(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match syllable_index(c) {
            Some(i) => {
                let (lead, vowel, tail) = (i / 588, i % 588 / 28, i % 28);
                out.extend(char::from_u32(0x1100 + lead));
                out.extend(char::from_u32(0x1161 + vowel));
                if tail > 0 {
                    out.extend(char::from_u32(0x11A7 + tail));
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// The initial consonants of `text`'s syllables, `None` when it has other characters than
/// syllables and initial consonants.
fn choseong(text: &str) -> Option<String> {
    text.chars()
        .map(|c| match syllable_index(c) {
            Some(i) => Some(CHOSEONG[(i / 588) as usize]),
            None => CHOSEONG.contains(&c).then_some(c),
        })
        .collect()
}

/// Edit distance between two jamo spellings.
fn distance(a: &Vec<char>, b: &Vec<char>) -> usize {
    strsim::generic_levenshtein(a, b)
}

/// The range of terms a suggestion for `word` is looked for in: those starting with a
/// syllable of the same initial consonant as `word`'s first (about a nineteenth of the
/// Hangul vocabulary), or with the same character when it is not Hangul. A word whose first
/// initial consonant is wrong gets no suggestion; scanning the whole vocabulary instead costs
/// tens of milliseconds on a large index.
fn neighbourhood(word: &str) -> (Vec<u8>, Vec<u8>) {
    let first = word.chars().next().unwrap_or('\0');
    let lead = syllable_index(first)
        .map(|i| i / 588)
        .or_else(|| CHOSEONG.iter().position(|&c| c == first).map(|i| i as u32));
    let (from, to) = match lead {
        Some(lead) => (0xAC00 + lead * 588, 0xAC00 + (lead + 1) * 588),
        None => (first as u32, first as u32 + 1),
    };
    let bytes = |point: u32| {
        char::from_u32(point)
            .map(|c| c.to_string().into_bytes())
            .unwrap_or_else(|| vec![0xF4, 0x90])
    };
    (bytes(from), bytes(to))
}

/// Up to `limit` terms of `fields` close to `word`, the closest and most frequent first.
pub fn similar_terms(
    searcher: &Searcher,
    fields: &[Field],
    word: &str,
    limit: usize,
) -> tantivy::Result<Vec<String>> {
    let spelt = jamo(word);
    let initials = choseong(word).filter(|c| c.chars().count() >= 2);
    let only_initials = word.chars().all(|c| CHOSEONG.contains(&c));
    let most = if word.chars().count() <= 2 { 1 } else { 2 };
    // term → (distance, articles)
    let mut found: HashMap<String, (usize, u64)> = HashMap::new();
    for reader in searcher.segment_readers() {
        for &field in fields {
            let index = reader.inverted_index(field)?;
            let (from, to) = neighbourhood(word);
            let mut terms = index.terms().range().ge(from).lt(to).into_stream()?;
            while terms.advance() {
                let Ok(term) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if term == word {
                    continue;
                }
                let by_initials = initials
                    .as_deref()
                    .is_some_and(|i| choseong(term).as_deref() == Some(i));
                let close = !only_initials && {
                    let other = jamo(term);
                    other.len().abs_diff(spelt.len()) <= most && distance(&spelt, &other) <= most
                };
                if !(by_initials || close) {
                    continue;
                }
                let rank = if close {
                    distance(&spelt, &jamo(term))
                } else {
                    most + 1
                };
                let entry = found.entry(term.to_string()).or_insert((rank, 0));
                entry.1 += u64::from(terms.value().doc_freq);
            }
        }
    }
    let mut ranked: Vec<(String, (usize, u64))> = found.into_iter().collect();
    ranked.sort_by(|(a, (da, fa)), (b, (db, fb))| da.cmp(db).then(fb.cmp(fa)).then(a.cmp(b)));
    Ok(ranked.into_iter().take(limit).map(|(t, _)| t).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_spelt_in_jamo() {
        assert_eq!(jamo("축제").len(), 5);
        assert_eq!(distance(&jamo("축졔"), &jamo("축제")), 1);
        assert_eq!(distance(&jamo("광양"), &jamo("강양")), 1);
        assert_eq!(distance(&jamo("광양"), &jamo("순천")), 6);
    }

    #[test]
    fn initial_consonants_read_syllables_and_jamo_alike() {
        assert_eq!(choseong("광양시").as_deref(), Some("ㄱㅇㅅ"));
        assert_eq!(choseong("ㄱㅇㅅ").as_deref(), Some("ㄱㅇㅅ"));
        assert_eq!(choseong("광양1"), None);
    }
}
