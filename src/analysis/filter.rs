//! From morphemes to search tokens: which parts of speech are kept, and how compounds,
//! inflected forms and prefixed nouns become several tokens.
//!
//! ## The stop set
//! Kept (content): nouns `NNG NNP NNB NNBC NR NP`, roots `XR`, verb and adjective stems
//! `VV VA`, foreign words `SL`, Hanja `SH`, numbers `SN`, and every unknown word (`UNKNOWN`).
//! Dropped: particles `J*`, endings `E*`, suffixes `XSN XSV XSA`, copulas `VCP VCN`,
//! auxiliaries `VX`, determiners `MM`, adverbs `MAG MAJ`, interjections `IC` and punctuation
//! and symbols `SF SE SSO SSC SC SY`. This is nori's default stop set (`E IC J MAG MAJ MM SP
//! SSC SSO SC SE XPN XSA XSN XSV UNA NA VSV`) less one thing: a prefix `XPN` is not thrown
//! away but joined to its noun (`비급여` → `비급여` + `급여`), because dropping it turns
//! `비급여` into `급여` (its opposite).
//!
//! ## Compounds (nori's `decompound_mode: mixed`)
//! A `Compound` entry yields itself and its parts from the expression field (`국회의원` →
//! `국회의원`, `국회`, `의원`); the compound spans the parts' positions (`position_length`), so
//! phrase queries over parts still line up. `Inflect` and `Preanalysis` entries yield the
//! content morphemes of their expression (`갔` → `가`).

use serde::Serialize;

use super::morpheme::MorphemeFields;

/// Longest token kept, in bytes; longer runs (base64, URLs without breaks) are cut at a
/// character boundary so that no token exceeds what an index can store.
pub const MAX_TOKEN_BYTES: usize = 120;

/// How a token relates to the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenRole {
    /// A morpheme on its own.
    Word,
    /// A compound; its parts follow it, starting at the same position.
    Compound,
    /// A part of the preceding compound.
    Part,
}

/// One token for the index or a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchToken {
    /// The indexed text (normalised: NFC, lower-case Latin).
    pub text: String,
    /// Part of speech of the morpheme it came from.
    pub pos: String,
    /// Start byte in the caller's text.
    pub byte_start: usize,
    /// End byte in the caller's text.
    pub byte_end: usize,
    /// Position (word index) for phrase queries.
    pub position: usize,
    /// Number of positions covered (more than 1 for a compound).
    pub position_length: usize,
    /// Word, compound or part.
    pub role: TokenRole,
}

/// A search token as the filter makes it, borrowed; a [`TokenSink`] keeps what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    /// The indexed text (normalised, at most [`MAX_TOKEN_BYTES`]).
    pub text: &'a str,
    /// Part of speech of the morpheme it came from.
    pub pos: &'a str,
    /// Start byte in the caller's text.
    pub byte_start: usize,
    /// End byte in the caller's text.
    pub byte_end: usize,
    /// Position (word index) for phrase queries.
    pub position: usize,
    /// Number of positions covered (more than 1 for a compound).
    pub position_length: usize,
    /// Word, compound or part.
    pub role: TokenRole,
}

/// Where [`search_tokens`] puts its tokens.
pub trait TokenSink {
    /// Takes one token.
    fn push_token(&mut self, token: TokenRef<'_>);
}

impl TokenSink for Vec<SearchToken> {
    fn push_token(&mut self, token: TokenRef<'_>) {
        self.push(SearchToken {
            text: token.text.to_string(),
            pos: token.pos.to_string(),
            byte_start: token.byte_start,
            byte_end: token.byte_end,
            position: token.position,
            position_length: token.position_length,
            role: token.role,
        });
    }
}

/// Whether a tag is content that search keeps.
pub fn is_content_tag(tag: &str) -> bool {
    matches!(
        tag,
        "NNG"
            | "NNP"
            | "NNB"
            | "NNBC"
            | "NR"
            | "NP"
            | "XR"
            | "VV"
            | "VA"
            | "SL"
            | "SH"
            | "SN"
            | "UNKNOWN"
    )
}

fn is_noun_tag(tag: &str) -> bool {
    tag.starts_with("NN") || tag == "NR" || tag == "NP"
}

fn clipped(text: &str) -> &str {
    if text.len() <= MAX_TOKEN_BYTES {
        return text;
    }
    let mut end = MAX_TOKEN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Turns a segmentation into search tokens, handing them to `out` in order.
pub fn search_tokens<M: MorphemeFields>(morphemes: &[M], out: &mut impl TokenSink) {
    let mut position = 0;
    let mut i = 0;
    while i < morphemes.len() {
        let m = &morphemes[i];
        let tag = m.first_tag();
        // A prefix joined to the noun right after it.
        if tag == "XPN"
            && let Some(next) = morphemes.get(i + 1)
            && next.byte_start() == m.byte_end()
            && is_noun_tag(next.first_tag())
        {
            let joined = format!("{}{}", m.surface(), next.surface());
            out.push_token(token(
                &joined,
                next.pos(),
                m.byte_start(),
                next.byte_end(),
                position,
                1,
                TokenRole::Compound,
            ));
            out.push_token(token(
                next.surface(),
                next.pos(),
                next.byte_start(),
                next.byte_end(),
                position,
                1,
                TokenRole::Part,
            ));
            position += 1;
            i += 2;
            continue;
        }
        // Digit groups written with thousands separators are one number: `1,766` → `1766`.
        if tag == "SN" {
            let (digits, end, consumed) = joined_number(&morphemes[i..]);
            if consumed > 1 {
                out.push_token(token(
                    &digits,
                    "SN",
                    m.byte_start(),
                    end,
                    position,
                    1,
                    TokenRole::Word,
                ));
                position += 1;
                i += consumed;
                continue;
            }
        }
        match m.kind() {
            Some("Compound") if is_noun_tag(tag) => position = push_compound(m, position, out),
            Some("Inflect") | Some("Preanalysis") => {
                let mut emitted = false;
                for (surface, part_tag) in m.expression_parts() {
                    if is_content_tag(part_tag) {
                        emitted = true;
                        out.push_token(token(
                            surface,
                            part_tag,
                            m.byte_start(),
                            m.byte_end(),
                            position,
                            1,
                            TokenRole::Word,
                        ));
                        position += 1;
                    }
                }
                if !emitted && is_content_tag(tag) {
                    out.push_token(whole_word(m, position));
                    position += 1;
                }
            }
            _ if is_content_tag(tag) => {
                out.push_token(whole_word(m, position));
                position += 1;
            }
            _ => {}
        }
        i += 1;
    }
}

/// A morpheme as one word token.
fn whole_word<M: MorphemeFields>(m: &M, position: usize) -> TokenRef<'_> {
    token(
        m.surface(),
        m.pos(),
        m.byte_start(),
        m.byte_end(),
        position,
        1,
        TokenRole::Word,
    )
}

/// Joins `SN (SC "," SN{3})*` written without spaces; returns the digits (empty when there
/// was nothing to join), the end byte and how many morphemes were used.
fn joined_number<M: MorphemeFields>(morphemes: &[M]) -> (String, usize, usize) {
    let mut digits = String::new();
    let mut end = morphemes[0].byte_end();
    let mut used = 1;
    while let [comma, group, ..] = &morphemes[used..] {
        let continues = comma.surface() == ","
            && comma.byte_start() == end
            && group.byte_start() == comma.byte_end()
            && group.first_tag() == "SN"
            && group.surface().len() == 3
            && group.surface().bytes().all(|b| b.is_ascii_digit());
        if !continues {
            break;
        }
        if digits.is_empty() {
            digits.push_str(morphemes[0].surface());
        }
        digits.push_str(group.surface());
        end = group.byte_end();
        used += 2;
    }
    (digits, end, used)
}

/// Emits a compound and its content parts; returns the next free position.
fn push_compound<M: MorphemeFields>(m: &M, position: usize, out: &mut impl TokenSink) -> usize {
    let parts = || m.expression_parts().filter(|(_, tag)| is_content_tag(tag));
    let count = parts().count();
    if count < 2 {
        out.push_token(whole_word(m, position));
        return position + 1;
    }
    out.push_token(token(
        m.surface(),
        m.pos(),
        m.byte_start(),
        m.byte_end(),
        position,
        count,
        TokenRole::Compound,
    ));
    // Parts are located inside the surface in order; a part that is not found verbatim
    // takes the whole compound's offsets.
    let mut cursor = 0;
    for (offset, (surface, tag)) in parts().enumerate() {
        // Most parts start right at the cursor: `find` builds a searcher for each part.
        let found_in = |rest: &str| {
            if rest.starts_with(surface) {
                Some(0)
            } else {
                rest.find(surface)
            }
        };
        let (start, end) = match m.surface().get(cursor..).and_then(found_in) {
            Some(found) => {
                let start = cursor + found;
                cursor = start + surface.len();
                (m.byte_start() + start, m.byte_start() + cursor)
            }
            None => (m.byte_start(), m.byte_end()),
        };
        out.push_token(token(
            surface,
            tag,
            start,
            end,
            position + offset,
            1,
            TokenRole::Part,
        ));
    }
    position + count
}

fn token<'a>(
    text: &'a str,
    pos: &'a str,
    byte_start: usize,
    byte_end: usize,
    position: usize,
    position_length: usize,
    role: TokenRole,
) -> TokenRef<'a> {
    TokenRef {
        text: clipped(text),
        pos,
        byte_start,
        byte_end,
        position,
        position_length,
        role,
    }
}
