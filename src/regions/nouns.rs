//! Region names read from the analyzer's proper nouns, for names the word reading does not
//! see: a proper noun (or a run of adjacent nouns and suffixes starting with one) inside a
//! word (`광주전남` → `전남`). Official names tagged as common nouns count too; a short form
//! tagged as a common noun, or that is also a common word, is weak.
//!
//! A name must not run on into a longer word: `광주리` (basket) is one common noun,
//! `중구난방` a compound whose first part is not a proper noun, `남구로역` a station whose
//! `로역` is no ending, `해운대구` is not `대구`.

use super::gazetteer::Gazetteer;
use super::mentions::{Found, Role};
use crate::analysis::MorphemeFields;

/// Longest run of morphemes joined into one name (`전라` + `남도`, `광양` + `시`).
const MAX_PIECES: usize = 3;

/// A morpheme or a part of a compound morpheme.
struct Piece<'a> {
    surface: &'a str,
    tag: &'a str,
    start: usize,
    end: usize,
}

/// Names read from the proper nouns of `morphemes` (of `text`), in text order.
pub(super) fn noun_names<M: MorphemeFields>(
    gazetteer: &Gazetteer,
    text: &str,
    morphemes: &[M],
) -> Vec<Found> {
    let pieces = pieces(morphemes);
    let mut found = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match longest_name(gazetteer, &pieces, i) {
            Some((j, form)) => {
                let end = pieces[j - 1].end;
                let subject = followed_by_subject_particle(text, &pieces[j..], end);
                let weak = (pieces[i].tag != "NNP" || gazetteer.is_homograph(&form))
                    && !gazetteer.is_official_name(&form);
                found.push(Found {
                    span: pieces[i].start..end,
                    word: pieces[i].start..end,
                    form,
                    subject,
                    joined: false,
                    weak,
                    role: Role::Name,
                });
                i = j;
            }
            None => i += 1,
        }
    }
    found
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
