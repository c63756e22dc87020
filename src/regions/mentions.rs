//! Finding region names in analysed text, two ways whose results are merged:
//!
//! - morphemes: a proper noun (or a run of adjacent nouns and suffixes starting with one)
//!   whose surface is a name or short form (`광양`, `전남`, `광양` + `시`); an official
//!   name tagged as a common noun (`고흥군`, `중구`) counts too; a short form tagged as a
//!   common noun (`나주`, but also `예산` budget, `고성` loud voice, `경기` game) is only a
//!   *weak* mention, which the tagger keeps when the article names that region otherwise;
//! - words: mecab-ko-dic mis-segments some official names followed by a particle
//!   (`나주시는` → `나/NP 주/VV 시/EP 는/ETM`, `남구` → `남/VV 구/EC`), so a word that begins
//!   with an official name (`나주시`, `남구`, never a short form) counts when the rest of the
//!   word is only particles or an office suffix (`나주시는`, `나주시청에서`, `북구(`).
//!
//! Both reject names that run on into a longer word: `광주리` (basket) is one common noun,
//! `중구난방` a compound whose first part is not a proper noun, `남구로역` a station whose
//! `로역` is no ending, `해운대구` is not `대구`.

use chrono::NaiveDate;

use super::gazetteer::{Gazetteer, RegionId};
#[cfg(test)]
use crate::analysis::Morpheme;
use crate::analysis::MorphemeFields;
use crate::utf8;

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
    /// A short form tagged as a common noun: a place only if the article names it otherwise.
    pub weak: bool,
}

/// A morpheme or a part of a compound morpheme.
struct Piece<'a> {
    surface: &'a str,
    tag: &'a str,
    start: usize,
    end: usize,
}

/// Region names in `text` (analysed into `morphemes`), with their candidates on `date`.
pub fn find_mentions<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    morphemes: &[M],
    date: NaiveDate,
) -> Vec<Mention> {
    let pieces = pieces(morphemes);
    let mut found: Vec<(usize, usize, String, bool, bool)> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match longest_name(gazetteer, &pieces, i) {
            Some((j, form)) => {
                let end = pieces[j - 1].end;
                let subject = followed_by_subject_particle(text, &pieces[j..], end);
                let weak = pieces[i].tag != "NNP" && !is_official_name(gazetteer, &form);
                found.push((pieces[i].start, end, form, subject, weak));
                i = j;
            }
            None => i += 1,
        }
    }
    for (start, end, form, subject) in word_initial_names(gazetteer, text) {
        if !found.iter().any(|f| f.0 < end && start < f.1) {
            found.push((start, end, form, subject, false));
        }
    }
    found.sort_by_key(|f| f.0);
    found
        .into_iter()
        .map(|(start, end, form, subject, weak)| Mention {
            candidates: gazetteer.all_as_of(gazetteer.by_form(&form), date),
            form,
            start,
            end,
            subject,
            weak,
        })
        .collect()
}

/// What may follow an official name inside one word: an office or people suffix, then
/// particles.
const NAME_SUFFIXES: [&str; 14] = [
    "청장",
    "청",
    "장",
    "의회",
    "민",
    "교육청",
    "보건소",
    "지역",
    "일대",
    "일원",
    "전역",
    "관내",
    "내",
    "권",
];
const PARTICLES: [&str; 24] = [
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로",
    "에서",
    "에게",
    "에는",
    "에도",
    "까지",
    "부터",
    "과의",
    "와의",
    "이다",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
];
const MORE_PARTICLES: [&str; 3] = ["로", "도", "만"];

/// Official names at the start of a word whose rest is only a suffix and particles:
/// `(start, end, name, followed by a subject particle)`.
fn word_initial_names(gazetteer: &Gazetteer, text: &str) -> Vec<(usize, usize, String, bool)> {
    let bytes = text.as_bytes();
    // An official name ends with one of a few syllables (`시`, `군`, `구`, `도`), so only the
    // words holding one are read: from their start to each such syllable, in order, the
    // longest name kept.
    let mut endings: Vec<std::ops::Range<usize>> = gazetteer.name_endings_in(text).collect();
    endings.sort_unstable_by_key(|ending| ending.start);
    let mut out: Vec<(usize, usize, String, bool)> = Vec::new();
    for ending in endings {
        if !utf8::is_syllable_at(bytes, ending.start) {
            continue;
        }
        let Some(start) = word_start(bytes, ending.start, gazetteer.longest_name()) else {
            continue;
        };
        let e = ending.end;
        let word_end = e + syllables_from(&bytes[e..]);
        let (name, rest) = (&text[start..e], &text[e..word_end]);
        if !(is_official_name(gazetteer, name) && is_ending(rest)) {
            continue;
        }
        let after = &text[e..];
        let subject = ["은", "는", "이", "가"].contains(&rest)
            || (rest.is_empty()
                && after.starts_with('(')
                && after.find(')').is_some_and(|c| {
                    ["은", "는", "이", "가"]
                        .iter()
                        .any(|p| after[c + 1..].starts_with(p))
                }));
        // Endings come in order: a later name from the same start is longer.
        if out.last().is_some_and(|last| last.0 == start) {
            out.pop();
        }
        out.push((start, e, name.to_string(), subject));
    }
    out
}

/// The start of the run of Hangul syllables that holds the syllable at byte `at`, if it is
/// at most `limit` bytes before `at`.
fn word_start(bytes: &[u8], at: usize, limit: usize) -> Option<usize> {
    let mut start = at;
    // A byte `EA` to `ED` three bytes back is the lead of the character ending here.
    while start >= 3 && utf8::is_syllable_at(bytes, start - 3) {
        if at - start >= limit {
            return None;
        }
        start -= 3;
    }
    Some(start)
}

/// Bytes of the Hangul syllables at the start of `bytes`.
fn syllables_from(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() && utf8::is_syllable_at(bytes, at) {
        at += 3;
    }
    at
}

fn is_official_name(gazetteer: &Gazetteer, form: &str) -> bool {
    gazetteer
        .by_form(form)
        .iter()
        .any(|&r| gazetteer.region(r).name == form)
}

/// Whether `rest` is empty, or an optional name suffix followed by particles.
fn is_ending(rest: &str) -> bool {
    NAME_SUFFIXES
        .iter()
        .filter_map(|s| rest.strip_prefix(s))
        .chain(std::iter::once(rest))
        .any(only_particles)
}

fn only_particles(mut rest: &str) -> bool {
    for _ in 0..3 {
        if rest.is_empty() {
            return true;
        }
        match PARTICLES
            .iter()
            .chain(&MORE_PARTICLES)
            .find(|p| rest.starts_with(*p))
        {
            Some(p) => rest = &rest[p.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Splits compound morphemes into their parts when the parts spell the surface exactly and
/// the first part is a proper noun (`광양/NNP` + `시청`, but not `중구` + `난방`), and keeps
/// only the pieces a name is read from: nouns, noun suffixes and particles. Leaving the
/// others out changes nothing: each test that looks at a neighbouring piece wants it glued
/// and one of those, and a piece beyond a left-out one is never glued.
fn pieces<M: MorphemeFields>(morphemes: &[M]) -> Vec<Piece<'_>> {
    let matters = |tag: &str| tag.starts_with('N') || tag.starts_with('J') || tag == "XSN";
    let mut out = Vec::with_capacity(morphemes.len());
    for m in morphemes {
        if let Some(parts) = proper_compound_parts(m) {
            let mut start = m.byte_start();
            for (surface, tag) in parts {
                if matters(tag) {
                    out.push(Piece {
                        surface,
                        tag,
                        start,
                        end: start + surface.len(),
                    });
                }
                start += surface.len();
            }
        } else if matters(m.first_tag()) {
            out.push(Piece {
                surface: m.surface(),
                tag: m.first_tag(),
                start: m.byte_start(),
                end: m.byte_end(),
            });
        }
    }
    out
}

/// The parts of a compound morpheme whose first part is a proper noun and whose parts spell
/// its surface exactly.
fn proper_compound_parts<M: MorphemeFields>(m: &M) -> Option<Vec<(&str, &str)>> {
    // Most morphemes have no expression, or one without a proper noun: skip them unparsed.
    if !m.has_proper_part() {
        return None;
    }
    let parts: Vec<(&str, &str)> = m.expression_parts().collect();
    let proper_first = parts.first().is_some_and(|(_, tag)| *tag == "NNP");
    let mut rest = m.surface();
    let spells_surface = parts
        .iter()
        .all(|(surface, _)| match rest.strip_prefix(surface) {
            Some(after) => {
                rest = after;
                true
            }
            None => false,
        })
        && rest.is_empty();
    (parts.len() > 1 && proper_first && spells_surface).then_some(parts)
}

/// The longest name starting at piece `i`: `(index after its last piece, name)`.
///
/// The run starts with a noun not glued to a preceding common noun (`해운` + `대구`),
/// continues with adjacent nouns or suffixes, and must not run on into an adjacent proper
/// noun or into a particle glued to a noun (`남구` + `로` + `역`). A run starting with a
/// common noun must not be followed by another glued noun.
fn longest_name(gazetteer: &Gazetteer, pieces: &[Piece], i: usize) -> Option<(usize, String)> {
    let proper = pieces[i].tag == "NNP";
    if !proper && pieces[i].tag != "NNG" {
        return None;
    }
    let glued = |a: &Piece, b: &Piece| a.end == b.start;
    if i > 0 && glued(&pieces[i - 1], &pieces[i]) && pieces[i - 1].tag == "NNG" {
        return None;
    }
    if !gazetteer.starts_a_form(pieces[i].surface) {
        return None;
    }
    let mut form = String::new();
    let mut best = None;
    for j in i..pieces.len().min(i + MAX_PIECES) {
        if j > i && (!glued(&pieces[j - 1], &pieces[j]) || !is_name_part(pieces[j].tag)) {
            break;
        }
        form.push_str(pieces[j].surface);
        if !gazetteer.starts_a_form(&form) {
            break;
        }
        if !gazetteer.by_form(&form).is_empty() {
            best = Some((j + 1, form.clone()));
        }
    }
    let (after, form) = best?;
    let last = &pieces[after - 1];
    let next = pieces.get(after).filter(|n| glued(last, n));
    let runs_on = next.is_some_and(|n| {
        n.tag == "NNP"
            || (!proper && n.tag.starts_with("NN"))
            || (n.tag.starts_with('J')
                && pieces
                    .get(after + 1)
                    .is_some_and(|m| glued(n, m) && m.tag.starts_with("NN")))
    });
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
            .filter(|m| !m.weak)
            .map(|m| (m.form, m.subject))
            .collect()
    }

    /// Official names at the start of a word, read character by character from each run
    /// of syllables: what [`word_initial_names`] finds from the name endings.
    fn word_initial_names_by_runs(g: &Gazetteer, text: &str) -> Vec<(usize, usize, String)> {
        let is_syllable = |c: char| ('가'..='힣').contains(&c);
        let mut out = Vec::new();
        for (start, c) in text.char_indices() {
            if !is_syllable(c) || text[..start].chars().next_back().is_some_and(is_syllable) {
                continue;
            }
            let rest = &text[start..];
            let word = &rest[..rest.find(|c| !is_syllable(c)).unwrap_or(rest.len())];
            let longest = word
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .rfind(|&e| is_official_name(g, &word[..e]) && is_ending(&word[e..]));
            if let Some(e) = longest {
                out.push((start, start + e, word[..e].to_string()));
            }
        }
        out
    }

    #[test]
    fn names_are_found_at_word_starts_from_their_endings() {
        let g = Gazetteer::load_default().unwrap();
        let texts = [
            "(나주시는) 나주시청에서 해운대구에 남구로역 북구( 중구난방 대구시",
            "광양시광양시 서울특별시의회 전라남도는 고흥군(군수)은 시시시 구구",
            "제주특별자치도에서도 세종특별자치시민 2024年나주시 나주시\u{d7a4}는",
            &"가".repeat(40),
            &format!("{}나주시", "가".repeat(40)),
            "",
            "시 군 구 도 나주 시",
        ];
        for text in texts {
            let found: Vec<(usize, usize, String)> = word_initial_names(&g, text)
                .into_iter()
                .map(|(start, end, name, _)| (start, end, name))
                .collect();
            assert_eq!(found, word_initial_names_by_runs(&g, text), "{text}");
        }
        let found = word_initial_names(&g, "(나주시는) 해운대구에");
        assert_eq!(found[0], (1, 10, "나주시".to_string(), true));
        assert_eq!(found[1].2, "해운대구");
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
    fn short_forms_tagged_as_common_nouns_are_weak() {
        let g = Gazetteer::load_default().unwrap();
        let (text, morphemes) = segment("예산/NNG+을/JKO 나주/NNG 노안면/NNP");
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let found = find_mentions(&g, &text, &morphemes, date);
        assert!(found.iter().all(|m| m.weak), "{found:?}");
        assert_eq!(found.len(), 2);
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
