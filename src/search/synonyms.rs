//! Synonyms and abbreviations, applied to queries: `한전` also finds `한국전력공사`.
//!
//! `dictionaries/synonyms.tsv` holds one group of equivalent forms a line, separated by
//! tabs (`#` starts a comment). A query word whose tokens spell a form (so `한전이` and `한전`
//! alike, and `COVID-19` for `covid19`) also finds every other form of its group: a form of
//! several words finds articles with all of them. Applied when searching, so editing the
//! file needs no re-index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::SearchToken;

/// The synonyms dongne ships, built into the program.
pub const BUILT_IN: &str = include_str!("../../dictionaries/synonyms.tsv");

/// The synonyms file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("synonyms {path}: {source}")]
pub struct SynonymsError {
    /// The file.
    pub path: PathBuf,
    /// What the OS said.
    pub source: std::io::Error,
}

/// Groups of equivalent forms, looked up by their spelling.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Each group's forms.
    groups: Vec<Vec<String>>,
    /// The spelling of each form ([`spelling`]) → its group.
    by_spelling: HashMap<String, usize>,
}

impl Synonyms {
    /// Reads `path`.
    pub fn load(path: &Path) -> Result<Self, SynonymsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SynonymsError {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self::parse(&text))
    }

    /// The synonyms dongne ships ([`BUILT_IN`]).
    pub fn built_in() -> Self {
        Self::parse(BUILT_IN)
    }

    /// The groups of `text` (one a line, forms separated by tabs).
    pub fn parse(text: &str) -> Self {
        let mut out = Self::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let forms: Vec<String> = line
                .split('\t')
                .map(str::trim)
                .filter(|f| !spelling(f).is_empty())
                .map(str::to_string)
                .collect();
            if forms.len() < 2 {
                continue;
            }
            for form in &forms {
                out.by_spelling
                    .entry(spelling(form))
                    .or_insert(out.groups.len());
            }
            out.groups.push(forms);
        }
        out
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The other forms of the group with a form that `tokens` spell, if any.
    pub fn others(&self, tokens: &[SearchToken]) -> Option<Vec<&str>> {
        let own = spelling(&token_texts(tokens).concat());
        let group = *self.by_spelling.get(&own)?;
        let others: Vec<&str> = self.groups[group]
            .iter()
            .filter(|form| spelling(form) != own)
            .map(String::as_str)
            .collect();
        (!others.is_empty()).then_some(others)
    }
}

/// How a form or a word's tokens are compared: letters and digits only, lower-cased.
fn spelling(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The token texts of a word, compounds' parts left out (they repeat the compound).
fn token_texts(tokens: &[SearchToken]) -> Vec<&str> {
    tokens
        .iter()
        .filter(|t| t.role != crate::analysis::TokenRole::Part)
        .map(|t| t.text.as_str())
        .collect()
}
