//! Synonyms and abbreviations, applied to queries: `한전` also finds `한국전력공사`.
//!
//! `dictionaries/synonyms.tsv` holds one group of equivalent forms a line, separated by
//! tabs (`#` starts a comment). A query word whose tokens are those of a form (so `한전이`
//! and `한전` alike) also finds every other form of its group: a form of several words finds
//! articles with all of them. Applied when searching, so editing the file needs no
//! re-index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::{Analyzer, SearchToken};

/// Default synonyms file, relative to the project root.
pub const DEFAULT_SYNONYMS: &str = "dictionaries/synonyms.tsv";

/// The synonyms file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("synonyms {path}: {source}")]
pub struct SynonymsError {
    /// The file.
    pub path: PathBuf,
    /// What the OS said.
    pub source: std::io::Error,
}

/// Groups of equivalent forms, looked up by their tokens.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Each group's forms with their tokens.
    groups: Vec<Vec<(String, Vec<String>)>>,
    /// The tokens of each form → its group.
    by_tokens: HashMap<Vec<String>, usize>,
}

impl Synonyms {
    /// Reads `path`, analysing its forms with `analyzer`; a missing file gives no synonyms.
    pub fn load(path: &Path, analyzer: &Analyzer) -> Result<Self, SynonymsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Self::parse(&text, analyzer)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(SynonymsError {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// The groups of `text` (one a line, forms separated by tabs).
    pub fn parse(text: &str, analyzer: &Analyzer) -> Self {
        let mut out = Self::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let forms: Vec<String> = line
                .split('\t')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect();
            if forms.len() < 2 {
                continue;
            }
            let group = out.groups.len();
            let forms: Vec<(String, Vec<String>)> = forms
                .into_iter()
                .map(|form| {
                    let tokens = token_texts(&analyzer.tokens(&form));
                    (form, tokens)
                })
                .filter(|(_, tokens)| !tokens.is_empty())
                .collect();
            for (_, tokens) in &forms {
                out.by_tokens.entry(tokens.clone()).or_insert(group);
            }
            out.groups.push(forms);
        }
        out
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The other forms of the group that has a form with `tokens`, if any.
    pub fn others(&self, tokens: &[SearchToken]) -> Option<Vec<&str>> {
        let own = token_texts(tokens);
        let group = *self.by_tokens.get(&own)?;
        let others: Vec<&str> = self.groups[group]
            .iter()
            .filter(|(_, tokens)| *tokens != own)
            .map(|(form, _)| form.as_str())
            .collect();
        (!others.is_empty()).then_some(others)
    }
}

/// The token texts of a word, compounds' parts left out (they repeat the compound).
fn token_texts(tokens: &[SearchToken]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t.role != crate::analysis::TokenRole::Part)
        .map(|t| t.text.clone())
        .collect()
}
