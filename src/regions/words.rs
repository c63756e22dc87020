//! Region names read from the words of a text: at the start of a word, the longest form of
//! the gazetteer (`나주시는`, `나주문화재단`, `하당동`, `용당2동`, `용당 2동`) and a 시·도 right
//! after it (`광주전남`); inside a word, the official name of a 시·군·구 or 시·도 of three
//! syllables or more (`한국생활개선무안군연합회`).
//!
//! Words are runs of Hangul syllables; a 읍·면·동 name may hold digits and `·` (`용당2동`,
//! `두류1·2동`) and a space before its number. The analyzer's morphemes are asked only where
//! they divide the text ([`Cuts`]): a short form must end where a morpheme ends (`고양이가` is
//! not `고양` and particles), a name inside a word must start where one starts (`보여주시길`
//! holds no `여주시`), and a name that starts a longer word without ending where a morpheme
//! ends (`나주시립`), or with two syllables only (`남구로역`, `중구난방`), is weak; so is a
//! two-syllable 읍·면·동 name anywhere (`이동` movement, `서면` writing, `중동` the Middle East).

use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::mentions::{Found, Role};
use crate::analysis::MorphemeFields;
use crate::utf8;

/// What may follow a name inside one word and still leave it a name on its own: an office
/// or people suffix (`시청`, `시장`, `군수`, `도지사`), then particles.
const NAME_SUFFIXES: [&str; 17] = [
    "청장",
    "청",
    "장",
    "수",
    "지사",
    "의원",
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
const PARTICLES: [&str; 27] = [
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
    "로",
    "도",
    "만",
];
/// Particles that make the word the subject or topic of its sentence, whichever their
/// spelling after the name (`무안군(군수 김산)는`).
const SUBJECT_PARTICLES: [&str; 8] = ["은", "는", "이", "가", "도", "에서는", "께서", "께서는"];

/// Where the analyzer's morphemes divide a text.
pub(super) struct Cuts<'m, M> {
    morphemes: &'m [M],
}

impl<'m, M: MorphemeFields> Cuts<'m, M> {
    /// The cuts of `morphemes` (in text order).
    pub(super) fn new(morphemes: &'m [M]) -> Self {
        Cuts { morphemes }
    }

    /// The morpheme holding byte `at`, if any.
    fn holding(&self, at: usize) -> Option<&'m M> {
        let next = self.morphemes.partition_point(|m| m.byte_start() <= at);
        let m = &self.morphemes[next.checked_sub(1)?];
        (at < m.byte_end()).then_some(m)
    }

    /// Whether no morpheme runs across byte `at`: one starts there, or `at` is outside them
    /// all, or a compound entry's parts divide there (`무안` + `군`).
    pub(super) fn at(&self, at: usize) -> bool {
        match self.holding(at) {
            None => true,
            Some(m) if m.byte_start() == at => true,
            Some(m) => part_starts(m).any(|start| start == at),
        }
    }
}

/// Where the parts of a compound entry start in the text, when the parts spell its surface
/// exactly.
fn part_starts<M: MorphemeFields>(m: &M) -> impl Iterator<Item = usize> {
    let spelled: String = m.expression_parts().map(|(surface, _)| surface).collect();
    let exact = m.kind() == Some("Compound")
        && spelled == m.surface()
        && m.surface().len() == m.byte_end() - m.byte_start();
    let mut start = m.byte_start();
    m.expression_parts()
        .filter(move |_| exact)
        .map(move |(surface, _)| {
            let at = start;
            start += surface.len();
            at
        })
}

/// Names at the start of words and official names inside them, in text order.
pub(super) fn word_names<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    cuts: &Cuts<'_, M>,
) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut key = String::new();
    let mut at = 0;
    while at < bytes.len() {
        if !utf8::is_syllable_at(bytes, at) {
            at += utf8::width(bytes[at]);
            continue;
        }
        let word_end = at + syllables_from(&bytes[at..]);
        let next = match name_at(gazetteer, text, at, cuts, &mut key) {
            Some(name) => {
                let end = name.word.end;
                // `광주전남`: a 시·도 right after a name that starts a word.
                let joined = (name.role == Role::Compound)
                    .then(|| name_at(gazetteer, text, name.span.end, cuts, &mut key))
                    .flatten()
                    .filter(|next| names_province(gazetteer, &next.form));
                found.push(name);
                found.extend(joined);
                end
            }
            None => word_end,
        };
        at = next.max(word_end);
    }
    let inner = inner_names(gazetteer, text, cuts, &found);
    found.extend(inner);
    found.sort_by_key(|f| f.span.start);
    found
}

/// The form starting at byte `start` (a word start), classified by the rest of its word: the
/// longest one after which the word ends or only a suffix and particles follow (`나주시청에서`),
/// else the longest one that ends where a morpheme ends (`평창동계올림픽` → `평창`, not
/// `평창동`), else the longest official name (weak). A short form must end where a morpheme
/// ends: `고양이가` is not `고양` + `이가`.
fn name_at<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    start: usize,
    cuts: &Cuts<'_, M>,
    key: &mut String,
) -> Option<Found> {
    let bytes = text.as_bytes();
    key.clear();
    let mut at = start;
    // (end in the text, length of the form in `key`), shortest first.
    let mut forms: Vec<(usize, usize)> = Vec::new();
    while at < bytes.len() && key.len() < gazetteer.longest_form() {
        let c = text[at..].chars().next()?;
        match c {
            '가'..='힣' | '0'..='9' => key.push(c),
            '·' | 'ㆍ' | '‧' | '・' => key.push('·'),
            // `용당 2동`: a space before the number of a 동.
            ' ' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
                && key
                    .chars()
                    .next_back()
                    .is_some_and(|k| ('가'..='힣').contains(&k)) =>
            {
                at += 1;
                continue;
            }
            _ => break,
        }
        if !gazetteer.starts_a_form(key) {
            break;
        }
        at += c.len_utf8();
        if !gazetteer.by_form(key).is_empty() {
            forms.push((at, key.len()));
        }
    }
    let full = key.clone();
    let official = |len: usize| gazetteer.is_official_name(&full[..len]);
    let word_end = |end: usize| end + syllables_from(&bytes[end..]);
    let stands = |&&(end, len): &&(usize, usize)| {
        (official(len) || cuts.at(end)) && name_ending(&text[end..word_end(end)]).is_some()
    };
    let (end, len) = *forms
        .iter()
        .rev()
        .find(stands)
        .or_else(|| forms.iter().rev().find(|&&(end, _)| cuts.at(end)))
        .or_else(|| forms.iter().rev().find(|&&(_, len)| official(len)))?;
    key.truncate(len);
    let word = start..word_end(end);
    let Standing {
        role,
        subject,
        joined,
    } = classify(text, end, word.end);
    let weak = if official(len) {
        let short = key.chars().count() <= 2;
        (short && is_sub_municipal(gazetteer, key))
            || (role == Role::Compound && (short || !cuts.at(end)))
    } else {
        gazetteer.is_homograph(key)
    };
    Some(Found {
        span: start..end,
        word,
        form: key.clone(),
        subject,
        joined,
        weak,
        role,
    })
}

/// Official names of 시·도 and 시·군·구 of three syllables or more that start inside a word
/// where a morpheme starts, outside the names already `found`.
fn inner_names<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    cuts: &Cuts<'_, M>,
    found: &[Found],
) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut endings: Vec<Range<usize>> = gazetteer.name_endings_in(text).collect();
    endings.sort_unstable_by_key(|ending| ending.start);
    let mut out: Vec<Found> = Vec::new();
    for ending in endings {
        let inside = |f: &Found| f.span.start <= ending.start && ending.start < f.span.end;
        if !utf8::is_syllable_at(bytes, ending.start)
            || found.iter().any(inside)
            || out.last().is_some_and(inside)
        {
            continue;
        }
        let end = ending.end;
        let mut start = ending.start;
        let mut longest = None;
        while start >= 3 && end - start < gazetteer.longest_form() {
            if !utf8::is_syllable_at(bytes, start - 3) {
                break;
            }
            start -= 3;
            let name = &text[start..end];
            let inner = start >= 3 && utf8::is_syllable_at(bytes, start - 3);
            if inner
                && name.chars().count() >= 3
                && gazetteer.is_official_name(name)
                && !is_sub_municipal(gazetteer, name)
                && cuts.at(start)
            {
                longest = Some(start);
            }
        }
        let Some(start) = longest else {
            continue;
        };
        let word_end = end + syllables_from(&bytes[end..]);
        let Standing {
            role,
            subject,
            joined,
        } = classify(text, end, word_end);
        out.push(Found {
            span: start..end,
            word: start..word_end,
            form: text[start..end].to_string(),
            subject,
            joined,
            weak: role == Role::Compound && !cuts.at(end),
            role,
        });
    }
    out
}

/// How a name ending at byte `end` stands in its word ending at `word_end`: its role,
/// whether the word is the subject of its sentence (the rest of the word is a subject
/// particle, or a parenthesis and a subject particle follow it: `고흥군(군수 …)은`), and whether
/// it is joined to the next name (`담양군과`, `창평면(면장 …)과`, `담양군·`).
fn classify(text: &str, end: usize, word_end: usize) -> Standing {
    let rest = &text[end..word_end];
    let after = &text[word_end..];
    let after_parenthesis = after
        .strip_prefix('(')
        .and_then(|inner| inner.find(')').map(|close| &inner[close + 1..]))
        .map(|after| &after[..syllables_from(after.as_bytes())]);
    let ending = name_ending(rest);
    let role = if ending.is_some() {
        Role::Name
    } else {
        Role::Compound
    };
    let is_subject = |p: &str| SUBJECT_PARTICLES.contains(&p);
    let is_joining = |p: &str| ["와", "과"].contains(&p);
    let subject = ending.is_some_and(is_subject)
        || (role == Role::Compound && SUBJECT_PARTICLES.iter().any(|p| rest.ends_with(p)))
        || ((ending == Some("") || role == Role::Compound)
            && after_parenthesis.is_some_and(is_subject));
    let joined = ending.is_some_and(is_joining)
        || (role == Role::Compound && ["와", "과"].iter().any(|p| rest.ends_with(p)))
        || after_parenthesis.is_some_and(is_joining)
        || after.starts_with(['·', 'ㆍ', ',', '‧', '・']);
    Standing {
        role,
        subject,
        joined,
    }
}

/// How a name stands in its word and sentence.
pub(super) struct Standing {
    pub role: Role,
    pub subject: bool,
    pub joined: bool,
}

/// The particles of `rest` when it is empty or an optional name suffix followed by
/// particles.
fn name_ending(rest: &str) -> Option<&str> {
    NAME_SUFFIXES
        .iter()
        .filter_map(|s| rest.strip_prefix(s))
        .chain(std::iter::once(rest))
        .find(|particles| only_particles(particles))
}

fn only_particles(mut rest: &str) -> bool {
    for _ in 0..3 {
        if rest.is_empty() {
            return true;
        }
        match PARTICLES.iter().find(|p| rest.starts_with(*p)) {
            Some(p) => rest = &rest[p.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether `form` names a 시·도 (`전남`, `경북`).
fn names_province(gazetteer: &Gazetteer, form: &str) -> bool {
    gazetteer
        .by_form(form)
        .iter()
        .any(|&r| gazetteer.region(r).kind.is_provincial())
}

/// Whether `form` names a 읍·면·동.
fn is_sub_municipal(gazetteer: &Gazetteer, form: &str) -> bool {
    gazetteer
        .by_form(form)
        .iter()
        .any(|&r| gazetteer.region(r).kind.is_sub_municipal())
}

/// Bytes of the Hangul syllables at the start of `bytes`.
fn syllables_from(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at + 2 < bytes.len() && utf8::is_syllable_at(bytes, at) {
        at += 3;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::mentions::segment;

    fn names(spec: &str) -> Vec<(String, Role, bool, bool)> {
        let g = Gazetteer::load_default().unwrap();
        let (text, morphemes) = segment(spec);
        word_names(&g, &text, &Cuts::new(&morphemes))
            .into_iter()
            .map(|f| (f.form, f.role, f.subject, f.weak))
            .collect()
    }

    /// A name read: form, role, subject, weak.
    type Read<'a> = (&'a str, Role, bool, bool);

    /// Each segmented text with the names read from it.
    fn check(cases: &[(&str, &[Read])]) {
        for (spec, expected) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|&(form, role, subject, weak)| (form.to_string(), role, subject, weak))
                .collect();
            assert_eq!(names(spec), expected, "{spec}");
        }
    }

    use Role::{Compound, Name};

    #[test]
    fn names_at_word_starts_with_particles_or_suffixes() {
        check(&[
            (
                "나/NP+주/VV+시/EP+는/ETM 나주시청/NNG+에서/JKB",
                &[
                    ("나주시", Name, true, false),
                    ("나주시", Name, false, false),
                ],
            ),
            (
                "무안군/NNP+(/SSO+군수/NNG 김산/NNP+)/SSC+는/JX",
                &[("무안군", Name, true, false)],
            ),
            (
                "고서/NNG+면은/VCP+EC 수북/NNG+면장/NNG+은/JX",
                &[("고서면", Name, true, false), ("수북면", Name, true, false)],
            ),
        ]);
    }

    #[test]
    fn sub_municipal_names_with_numbers_and_spaces() {
        check(&[
            (
                "용당/NNP+2/SN+동/NNBC 용당/NNP 2/SN+동/NNBC+에서/JKB 왕조/NNG+1/SN+동/NNBC",
                &[
                    ("용당2동", Name, false, false),
                    ("용당2동", Name, false, false),
                    ("왕조1동", Name, false, false),
                ],
            ),
            ("이동/NNG+을/JKO", &[("이동", Name, false, true)]),
        ]);
    }

    #[test]
    fn organisations_named_after_regions() {
        check(&[
            (
                "나주/NNG+문화/NNG+재단/NNG+이/JKS 목포시/NNP+학교/NNG+밖/NNG",
                &[
                    ("나주", Compound, true, false),
                    ("목포시", Compound, false, false),
                ],
            ),
            (
                "한국/NNP+생활/NNG+개선/NNG+무안군/NNG+연합회/NNG+(/SSO+회장/NNG+)/SSC+은/JX",
                &[("무안군", Compound, true, false)],
            ),
            (
                "나주/NNG+시립/NNG+합창단/NNG 나주시/NNP+립/XSN",
                &[
                    ("나주", Compound, false, false),
                    ("나주시", Compound, false, false),
                ],
            ),
            ("남구로역/NNP", &[("남구", Compound, false, true)]),
        ]);
    }

    #[test]
    fn words_that_only_look_like_names() {
        check(&[
            ("고양이/NNG+가/JKS 광주리/NNG+에/JKB", &[]),
            ("보여/VV+EC+주/VX+시/EP+길/ETN", &[]),
            (
                "예산/NNG+을/JKO 중구난방/NNG",
                &[("예산", Name, false, true), ("중구", Compound, false, true)],
            ),
        ]);
    }
}
