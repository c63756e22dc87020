//! Finding region names in analysed text: proper-noun morphemes (or runs of them, with a
//! `시`/`군`/`구`/`도` suffix) whose surface is a name in the gazetteer. Working on
//! morphemes, not substrings, is what keeps `광주리` (basket), `중구난방` (one common noun)
//! and `남구로역` (a station name) from counting as places.

use chrono::NaiveDate;

use super::gazetteer::{Gazetteer, RegionId};
use crate::analysis::Morpheme;

/// Longest run of morphemes joined into one name (`전라` + `남도`, `광양` + `시`).
const MAX_PIECES: usize = 3;

/// A region name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name as written (`광양시`, `중구`).
    pub form: String,
    /// The regions it can denote on the article's date (more than one when ambiguous).
    pub candidates: Vec<RegionId>,
    /// Byte span in the text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Whether a subject particle (`은/는/이/가`) follows, possibly after a parenthesis:
    /// `고흥군(군수 …)은`.
    pub subject: bool,
}

/// A morpheme or a part of a compound morpheme.
struct Piece<'a> {
    surface: &'a str,
    tag: &'a str,
    start: usize,
    end: usize,
}

/// Region names in `text` (analysed into `morphemes`), with their candidates on `date`.
pub fn find_mentions(
    gazetteer: &Gazetteer,
    text: &str,
    morphemes: &[Morpheme],
    date: NaiveDate,
) -> Vec<Mention> {
    let pieces = pieces(morphemes);
    let mut mentions: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match longest_name(gazetteer, &pieces, i) {
            Some((j, form)) => {
                let mut candidates: Vec<RegionId> = gazetteer
                    .by_form(&form)
                    .iter()
                    .map(|&r| gazetteer.as_of(r, date))
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                let end = pieces[j - 1].end;
                mentions.push(Mention {
                    form,
                    candidates,
                    start: pieces[i].start,
                    end,
                    subject: followed_by_subject_particle(text, &pieces[j..], end),
                });
                i = j;
            }
            None => i += 1,
        }
    }
    mentions
}

/// Splits compound morphemes into their parts when the parts spell the surface exactly.
fn pieces(morphemes: &[Morpheme]) -> Vec<Piece<'_>> {
    let mut out = Vec::with_capacity(morphemes.len());
    for m in morphemes {
        let parts = m.expression_parts();
        let spelled: String = parts.iter().map(|(s, _)| *s).collect();
        if parts.len() > 1 && spelled == m.surface {
            let mut start = m.byte_start;
            for (surface, tag) in parts {
                out.push(Piece {
                    surface,
                    tag,
                    start,
                    end: start + surface.len(),
                });
                start += surface.len();
            }
        } else {
            out.push(Piece {
                surface: &m.surface,
                tag: m.first_tag(),
                start: m.byte_start,
                end: m.byte_end,
            });
        }
    }
    out
}

/// The longest name starting at piece `i`: `(index after its last piece, name)`.
///
/// The run must start with a proper noun, continue with adjacent nouns or suffixes, and not
/// run on into another adjacent proper noun (`남구` + `로` of `남구로역`).
fn longest_name(gazetteer: &Gazetteer, pieces: &[Piece], i: usize) -> Option<(usize, String)> {
    if pieces[i].tag != "NNP" {
        return None;
    }
    let mut form = String::new();
    let mut best = None;
    for j in i..pieces.len().min(i + MAX_PIECES) {
        if j > i && (pieces[j].start != pieces[j - 1].end || !is_name_part(pieces[j].tag)) {
            break;
        }
        form.push_str(pieces[j].surface);
        if !gazetteer.by_form(&form).is_empty() {
            best = Some((j + 1, form.clone()));
        }
    }
    let (after, form) = best?;
    let runs_on = pieces
        .get(after)
        .is_some_and(|next| next.start == pieces[after - 1].end && next.tag == "NNP");
    (!runs_on).then_some((after, form))
}

fn is_name_part(tag: &str) -> bool {
    matches!(tag, "NNP" | "NNG" | "XSN")
}

/// Whether the pieces after a name start (after an optional parenthesis) with a subject or
/// topic particle.
fn followed_by_subject_particle(text: &str, rest: &[Piece], end: usize) -> bool {
    let tail = text.get(end..).unwrap_or_default();
    let skipped = match tail.strip_prefix('(') {
        Some(inner) => inner.find(')').map_or(0, |close| close + 2),
        None => 0,
    };
    let at = end + skipped;
    rest.iter()
        .find(|p| p.start >= at)
        .is_some_and(|p| p.start == at && (p.tag.starts_with("JX") || p.tag.starts_with("JKS")))
}

/// Hand-made segmentations for unit tests: words separated by spaces, morphemes of a word by
/// `+`, each `surface/TAG` (`광양시/NNP+는/JX 축제/NNG`).
#[cfg(test)]
pub(crate) fn segment(spec: &str) -> (String, Vec<Morpheme>) {
    let mut text = String::new();
    let mut morphemes = Vec::new();
    for word in spec.split(' ') {
        if !text.is_empty() {
            text.push(' ');
        }
        for part in word.split('+') {
            let (surface, tag) = part.rsplit_once('/').unwrap_or((part, "SY"));
            morphemes.push(Morpheme {
                surface: surface.to_string(),
                pos: tag.to_string(),
                semantic: None,
                kind: None,
                expression: None,
                byte_start: text.len(),
                byte_end: text.len() + surface.len(),
            });
            text.push_str(surface);
        }
    }
    (text, morphemes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(spec: &str) -> Vec<(String, bool)> {
        let g = Gazetteer::load_default().unwrap();
        let (text, morphemes) = segment(spec);
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        find_mentions(&g, &text, &morphemes, date)
            .into_iter()
            .map(|m| (m.form, m.subject))
            .collect()
    }

    #[test]
    fn names_are_proper_nouns_or_runs_of_them() {
        assert_eq!(
            forms("광양/NNP+시/NNG+는/JX 전라/NNP+남도/NNP+의/JKG 도시/NNG"),
            [("광양시".into(), true), ("전라남도".into(), false)]
        );
        assert_eq!(
            forms("고흥군/NNP+(/SSO+군수/NNG 홍길동/NNP+)/SSC+은/JX"),
            [("고흥군".into(), true)]
        );
        assert_eq!(forms("고흥군/NNP+에서/JKB"), [("고흥군".into(), false)]);
    }

    #[test]
    fn common_nouns_and_longer_names_are_not_places() {
        assert!(forms("광주리/NNG+에/JKB 담/VV+았/EP+다/EF").is_empty());
        assert!(forms("중구난방/NNG+으로/JKB").is_empty());
        assert!(forms("남구로역/NNP+에서/JKB").is_empty());
        assert!(forms("남구/NNP+로/NNP+역/NNG+에서/JKB").is_empty());
        assert!(forms("예산/NNG+을/JKO 늘리/VV+다/EF").is_empty());
    }

    #[test]
    fn compound_entries_are_split_by_their_expression() {
        let g = Gazetteer::load_default().unwrap();
        let text = "광양시청에서";
        let morphemes = vec![
            Morpheme {
                surface: "광양시청".into(),
                pos: "NNP".into(),
                semantic: None,
                kind: Some("Compound".into()),
                expression: Some("광양/NNP/지명+시청/NNG/*".into()),
                byte_start: 0,
                byte_end: "광양시청".len(),
            },
            Morpheme {
                surface: "에서".into(),
                pos: "JKB".into(),
                semantic: None,
                kind: None,
                expression: None,
                byte_start: "광양시청".len(),
                byte_end: text.len(),
            },
        ];
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let found = find_mentions(&g, text, &morphemes, date);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].form, "광양");
    }
}
