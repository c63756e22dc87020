//! Morphemes as MeCab reports them: surface, part of speech and the dictionary's feature
//! fields, read from lindera tokens.
//!
//! The analyzer reads each entry once and hands out [`MorphemeRef`]s (borrowed from the text
//! and the analyzer's entries, no allocation); [`Morpheme`] is its owned form, for callers
//! that keep morphemes. The token filter works on either through [`MorphemeFields`].

use std::sync::Arc;

use serde::Serialize;

/// One morpheme of the segmentation, particles and punctuation included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Morpheme {
    /// Surface form as it appears in the (normalised) text.
    pub surface: String,
    /// mecab-ko-dic tag, possibly joined (`NNP`, `VV+EP`, `UNKNOWN` for unknown words).
    pub pos: String,
    /// Semantic class of the entry (`지명`, `인명`, ...), when the dictionary gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic: Option<String>,
    /// Entry type: `Compound`, `Inflect` or `Preanalysis`, when not a simple entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Decomposition of a compound or inflected entry (`국회/NNG/*+의원/NNG/*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// Start byte in the caller's text.
    pub byte_start: usize,
    /// End byte in the caller's text.
    pub byte_end: usize,
}

impl Morpheme {
    /// The first tag of the (possibly joined) part of speech: `VV` for `VV+EP`.
    pub fn first_tag(&self) -> &str {
        MorphemeFields::first_tag(self)
    }

    /// The parts of the expression field: `(surface, tag)` pairs, empty for simple entries.
    pub fn expression_parts(&self) -> Vec<(&str, &str)> {
        MorphemeFields::expression_parts(self).collect()
    }
}

/// What the analyzer keeps of a dictionary entry, in 32 bytes (a morpheme read from the
/// eojeol memo points at one). Its tag, semantic class and type take a few thousand
/// combinations: each is kept once, so that reading them touches memory that stays in the
/// cache. What the token filter and region tagging ask of every morpheme (the first tag,
/// whether the expression holds a proper noun) is kept inline, so that answering it reads
/// nothing beyond the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryDetails {
    labels: Arc<EntryLabels>,
    /// Decomposition of a compound or inflected entry.
    expression: Option<Box<str>>,
    /// The first tag of `labels.pos` as an index into [`FIRST_TAGS`] (`NO_FIRST_TAG` when
    /// it is not there).
    first_tag: u8,
    /// Whether `expression` has a proper-noun part.
    proper_part: bool,
}

const _: () = assert!(std::mem::size_of::<EntryDetails>() == 32);

/// The tags of mecab-ko-dic (and `UNKNOWN`), for [`EntryDetails::first_tag`].
const FIRST_TAGS: [&str; 46] = [
    "NNG", "NNP", "NNB", "NNBC", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ",
    "IC", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN",
    "ETM", "XPN", "XSN", "XSV", "XSA", "XR", "SF", "SE", "SSO", "SSC", "SC", "SY", "SL", "SH",
    "SN", "UNKNOWN", "SP", "NA",
];
/// [`EntryDetails::first_tag`] of a tag not in [`FIRST_TAGS`].
const NO_FIRST_TAG: u8 = u8::MAX;

impl EntryDetails {
    /// An entry of part of speech `labels.pos`, with `expression` when it has one.
    pub(crate) fn new(labels: Arc<EntryLabels>, expression: Option<Box<str>>) -> Self {
        let first = first_tag_of(&labels.pos);
        let first_tag = FIRST_TAGS
            .iter()
            .position(|&tag| tag == first)
            .and_then(|at| u8::try_from(at).ok())
            .unwrap_or(NO_FIRST_TAG);
        let proper_part = expression.as_deref().is_some_and(has_proper_part);
        Self {
            labels,
            expression,
            first_tag,
            proper_part,
        }
    }
}

/// The first tag of a (possibly joined) part of speech: `VV` for `VV+EP`.
fn first_tag_of(pos: &str) -> &str {
    // A byte scan: tags are a few ASCII letters, too short for `str::split`'s searcher.
    match pos.bytes().position(|b| b == b'+') {
        Some(plus) => &pos[..plus],
        None => pos,
    }
}

/// Whether an expression field (`서울/NNP/*+시/NNG/*`) has a proper-noun part.
fn has_proper_part(expression: &str) -> bool {
    expression.as_bytes().windows(4).any(|w| w == b"/NNP")
}

/// The tag, semantic class and type of an entry (see [`Morpheme`]).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct EntryLabels {
    pub(crate) pos: Box<str>,
    pub(crate) semantic: Option<Box<str>>,
    pub(crate) kind: Option<Box<str>>,
}

/// A morpheme borrowed from the segmented text and the analyzer's dictionary entries; read
/// it through [`MorphemeFields`] or make it a [`Morpheme`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MorphemeRef<'a> {
    surface: &'a str,
    details: &'a EntryDetails,
    byte_start: usize,
    byte_end: usize,
}

impl<'a> MorphemeRef<'a> {
    /// The morpheme `surface` of the entry `details`, at `byte_start..byte_end` of the
    /// caller's text.
    pub(crate) fn new(
        surface: &'a str,
        details: &'a EntryDetails,
        byte_start: usize,
        byte_end: usize,
    ) -> Self {
        Self {
            surface,
            details,
            byte_start,
            byte_end,
        }
    }

    /// The owned form.
    pub fn to_morpheme(&self) -> Morpheme {
        let labels = &self.details.labels;
        Morpheme {
            surface: self.surface.to_string(),
            pos: labels.pos.to_string(),
            semantic: labels.semantic.as_deref().map(str::to_string),
            kind: labels.kind.as_deref().map(str::to_string),
            expression: self.details.expression.as_deref().map(str::to_string),
            byte_start: self.byte_start,
            byte_end: self.byte_end,
        }
    }
}

/// What the token filter reads from a morpheme, owned or borrowed.
pub trait MorphemeFields {
    /// Surface form.
    fn surface(&self) -> &str;
    /// Part of speech, possibly joined (`VV+EP`).
    fn pos(&self) -> &str;
    /// Entry type (`Compound`, `Inflect`, `Preanalysis`).
    fn kind(&self) -> Option<&str>;
    /// Expression field of a compound or inflected entry.
    fn expression(&self) -> Option<&str>;
    /// Start byte in the caller's text.
    fn byte_start(&self) -> usize;
    /// End byte in the caller's text.
    fn byte_end(&self) -> usize;

    /// The first tag of the (possibly joined) part of speech: `VV` for `VV+EP`.
    fn first_tag(&self) -> &str {
        first_tag_of(self.pos())
    }

    /// Whether the expression field has a proper-noun part (`서울/NNP/*+시/NNG/*`).
    fn has_proper_part(&self) -> bool {
        self.expression().is_some_and(has_proper_part)
    }

    /// The parts of the expression field: `(surface, tag)` pairs, none for simple entries.
    fn expression_parts(&self) -> ExpressionParts<'_> {
        ExpressionParts {
            rest: self.expression().unwrap_or_default(),
        }
    }
}

/// The `(surface, tag)` parts of an expression field (`국회/NNG/*+의원/NNG/*`), read in
/// place; parts without a surface or a tag are left out.
pub struct ExpressionParts<'a> {
    rest: &'a str,
}

impl<'a> Iterator for ExpressionParts<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        // Byte scans: the fields are a few bytes long, too short for `str::split`'s searcher.
        let position = |text: &str, byte: u8| text.bytes().position(|b| b == byte);
        while !self.rest.is_empty() {
            let (part, rest) = match position(self.rest, b'+') {
                Some(plus) => (&self.rest[..plus], &self.rest[plus + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            let Some(slash) = position(part, b'/').filter(|&slash| slash > 0) else {
                continue;
            };
            let tag = &part[slash + 1..];
            return Some((
                &part[..slash],
                &tag[..position(tag, b'/').unwrap_or(tag.len())],
            ));
        }
        None
    }
}

impl MorphemeFields for Morpheme {
    fn surface(&self) -> &str {
        &self.surface
    }
    fn pos(&self) -> &str {
        &self.pos
    }
    fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }
    fn expression(&self) -> Option<&str> {
        self.expression.as_deref()
    }
    fn byte_start(&self) -> usize {
        self.byte_start
    }
    fn byte_end(&self) -> usize {
        self.byte_end
    }
}

impl MorphemeFields for MorphemeRef<'_> {
    fn surface(&self) -> &str {
        self.surface
    }
    fn pos(&self) -> &str {
        &self.details.labels.pos
    }
    fn kind(&self) -> Option<&str> {
        self.details.labels.kind.as_deref()
    }
    fn expression(&self) -> Option<&str> {
        self.details.expression.as_deref()
    }
    fn byte_start(&self) -> usize {
        self.byte_start
    }
    fn byte_end(&self) -> usize {
        self.byte_end
    }
    fn first_tag(&self) -> &str {
        match FIRST_TAGS.get(usize::from(self.details.first_tag)) {
            Some(tag) => tag,
            None => first_tag_of(self.pos()),
        }
    }
    fn has_proper_part(&self) -> bool {
        self.details.proper_part
    }
}

/// Reads an optional feature field: MeCab writes `*` for "none".
pub(crate) fn feature(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty() && *v != "*")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_answers_as_its_labels_and_expression_do() {
        let poses = FIRST_TAGS
            .iter()
            .map(|tag| tag.to_string())
            .chain(["VV+EP", "VCP+EF", "NNG+JKS", "XYZ", "XYZ+EC", "", "+EC"].map(String::from));
        let expressions = [
            None,
            Some("서울/NNP/지명+시/NNG/*"),
            Some("국회/NNG/*+의원/NNG/*"),
            Some("가/VV/*+았/EP/*"),
        ];
        for pos in poses {
            for expression in expressions {
                let labels = Arc::new(EntryLabels {
                    pos: pos.clone().into(),
                    semantic: None,
                    kind: None,
                });
                let details = EntryDetails::new(labels, expression.map(Box::from));
                let borrowed = MorphemeRef::new("서울시", &details, 0, 9);
                let owned = borrowed.to_morpheme();
                assert_eq!(borrowed.first_tag(), first_tag_of(&owned.pos), "{pos}");
                assert_eq!(MorphemeFields::first_tag(&owned), first_tag_of(&pos));
                assert_eq!(
                    borrowed.has_proper_part(),
                    owned.has_proper_part(),
                    "{expression:?}"
                );
                assert_eq!(
                    owned.has_proper_part(),
                    expression.is_some_and(|e| e.contains("/NNP"))
                );
            }
        }
    }
}
