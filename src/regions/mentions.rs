//! Finding region names in analysed text. Names are read from the words of the text itself
//! ([words](super::words)): the analyzer's segmentation of names it does not know changes from
//! one version to the next (`나주시는` → `나/NP 주/VV 시/EP 는/ETM`, `고서면은` → `고서/NNG
//! 면은/VCP+EC`), so its morphemes are only asked where words divide. A name followed only by
//! an office suffix and particles stands on its own ([`Role::Name`]); one that starts or sits
//! inside a longer word names an organisation or a place after the region
//! ([`Role::Compound`]: `나주문화재단`, `한국생활개선무안군연합회`).
//!
//! Some mentions are *weak* (a place only if the article names it otherwise): short forms
//! that are also common words (`예산` budget, [`Gazetteer::is_homograph`]), two-syllable
//! 읍·면·동 names (`이동`, `서면`, `중동`), and names that start a longer word with two syllables
//! only or without ending where a morpheme ends (`중구난방`, `나주시립`). Names are read as of
//! a date: versions valid on it are preferred.

use std::ops::Range;

use chrono::NaiveDate;

use super::gazetteer::{Gazetteer, RegionId};
use super::words::{Cuts, word_names};
#[cfg(test)]
use crate::analysis::Morpheme;
use crate::analysis::MorphemeFields;

/// How a name stands in its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Alone, or followed only by an office suffix and particles (`나주시는`, `나주시청에서`).
    Name,
    /// Starting or inside a longer word: an organisation or a place named after the region
    /// (`나주문화재단`, `목포시학교밖청소년지원센터`).
    Compound,
}

/// A region name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name as written (`광양시`, `중구`, `용당2동`).
    pub form: String,
    /// The regions it can denote on the article's date (more than one when ambiguous).
    pub candidates: Vec<RegionId>,
    /// Byte span in the text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Whether the word is the subject or topic of its sentence: a subject particle follows,
    /// possibly after a parenthesis (`고흥군(군수 …)은`, `나주문화재단이`).
    pub subject: bool,
    /// Whether it is joined to the next name by `와`/`과` or `·`, so that both share what
    /// follows (`담양군과 순창군이`).
    pub joined: bool,
    /// A place only if the article names it otherwise.
    pub weak: bool,
    /// How the name stands in its word.
    pub role: Role,
}

/// A name found by one of the readings, before its candidates are looked up.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The name's bytes.
    pub span: Range<usize>,
    /// The bytes of the word it starts or sits in, to its end.
    pub word: Range<usize>,
    pub form: String,
    pub subject: bool,
    /// Joined to the next name by `와`/`과` or `·` (`담양군과 순창군이`).
    pub joined: bool,
    pub weak: bool,
    pub role: Role,
}

/// Region names in `text` (analysed into `morphemes`), with their candidates on `date`.
pub fn find_mentions<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    morphemes: &[M],
    date: NaiveDate,
) -> Vec<Mention> {
    word_names(gazetteer, text, &Cuts::new(morphemes))
        .into_iter()
        .filter_map(|f| {
            let candidates = candidates_on(gazetteer, &f.form, date);
            (!candidates.is_empty()).then_some(Mention {
                form: f.form,
                candidates,
                start: f.span.start,
                end: f.span.end,
                subject: f.subject,
                joined: f.joined,
                weak: f.weak,
                role: f.role,
            })
        })
        .collect()
}

/// The regions `form` denotes on `date`: each version as of that day, and only those valid
/// on it when there are any (a 읍·면·동 created later, or gone without a known successor,
/// gives way to one that exists).
fn candidates_on(gazetteer: &Gazetteer, form: &str, date: NaiveDate) -> Vec<RegionId> {
    let mut ids = gazetteer.all_as_of(gazetteer.by_form(form), date);
    if ids.iter().any(|&r| gazetteer.region(r).valid_on(date)) {
        ids.retain(|&r| gazetteer.region(r).valid_on(date));
    }
    ids
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
            .filter(|m| !m.weak)
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
    fn provinces_inside_words_and_not_other_names() {
        assert_eq!(
            forms("광주/NNP+전남/NNP+지역/NNG"),
            [("광주".into(), false), ("전남".into(), false)]
        );
        assert_eq!(
            forms("순천/NNP+성남/NNP+교회/NNG+는/JX"),
            [("순천".into(), true)]
        );
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
    fn homographs_are_weak_whatever_their_tag_and_other_short_forms_count() {
        let g = Gazetteer::load_default().unwrap();
        let (text, morphemes) = segment("예산/NNG+을/JKO 예산/NNP+에서/JKB 나주/NNG 이동/NNG");
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let weak: Vec<(String, bool)> = find_mentions(&g, &text, &morphemes, date)
            .into_iter()
            .map(|m| (m.form, m.weak))
            .collect();
        assert_eq!(
            weak,
            [
                ("예산".into(), true),
                ("예산".into(), true),
                ("나주".into(), false),
                ("이동".into(), true)
            ]
        );
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
        assert_eq!(found[0].form, "광양시");
        assert_eq!(found[0].role, Role::Name);
    }

    #[test]
    fn names_are_read_as_of_the_date() {
        let g = Gazetteer::load_default().unwrap();
        let (text, morphemes) = segment("금수면/NNP 금수강산면/NNP 하당동/NNP");
        let paths = |y: i32| -> Vec<Vec<String>> {
            let date = NaiveDate::from_ymd_opt(y, 9, 1).unwrap();
            find_mentions(&g, &text, &morphemes, date)
                .into_iter()
                .map(|m| {
                    m.candidates
                        .iter()
                        .map(|&r| g.region(r).path.clone())
                        .collect()
                })
                .collect()
        };
        let geumsu = vec!["/경상북도/성주군/금수면".to_string()];
        assert_eq!(
            paths(2020),
            [
                geumsu.clone(),
                geumsu,
                vec!["/전라남도/목포시/하당동".to_string()]
            ]
        );
        assert_eq!(paths(2027)[2], ["/전남광주통합특별시/목포시/하당동"]);
        assert_eq!(paths(2027)[0], ["/경상북도/성주군/금수강산면"]);
    }
}
