//! Morphemes as MeCab reports them.

/// One morpheme of the segmentation, particles and punctuation included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morpheme {
    /// Surface form as it appears in the text.
    pub surface: String,
    /// mecab-ko-dic tag, possibly joined (`NNP`, `VV+EP`).
    pub pos: String,
    /// Semantic class of the entry (`지명`, `인명`, ...), when the dictionary gives one.
    pub semantic: Option<String>,
    /// Entry type: `Compound`, `Inflect` or `Preanalysis`, when not a simple entry.
    pub kind: Option<String>,
    /// Decomposition of a compound or inflected entry (`국회/NNG/*+의원/NNG/*`).
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
