//! Morphemes as MeCab reports them: surface, part of speech and the dictionary's feature
//! fields, read from lindera tokens.

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
        self.pos.split('+').next().unwrap_or_default()
    }

    /// The parts of the expression field: `(surface, tag)` pairs, empty for simple entries.
    pub fn expression_parts(&self) -> Vec<(&str, &str)> {
        self.expression
            .as_deref()
            .map(|e| {
                e.split('+')
                    .filter_map(|part| {
                        let mut fields = part.split('/');
                        let surface = fields.next().filter(|s| !s.is_empty())?;
                        let tag = fields.next()?;
                        Some((surface, tag))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Reads an optional feature field: MeCab writes `*` for "none".
pub(crate) fn feature(value: Option<&str>) -> Option<String> {
    value
        .filter(|v| !v.is_empty() && *v != "*")
        .map(str::to_string)
}
