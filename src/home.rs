//! The data home: the directory that holds the built dictionary, the user dictionary, the
//! synonyms and the default index. Which directory it is, the caller decides (the command
//! line: `DONGNE_HOME`, else the platform's data directory); everything else is read from
//! inside it, or from the copies built into the program when it has none.

use std::path::{Path, PathBuf};

use crate::analysis::{AnalysisError, AnalyzerOptions, UserRows};
use crate::search::synonyms::{Synonyms, SynonymsError};

/// A data home and the layout of what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    root: PathBuf,
}

impl Home {
    /// The home at `root` (it need not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The built Korean dictionary: `dictionaries/ko-dic`.
    pub fn dictionary(&self) -> PathBuf {
        self.root.join("dictionaries").join("ko-dic")
    }

    /// Downloaded dictionary sources: `dictionaries/downloads`.
    pub fn downloads(&self) -> PathBuf {
        self.root.join("dictionaries").join("downloads")
    }

    /// The user dictionary file: `dictionaries/user.csv`.
    pub fn user_dictionary(&self) -> PathBuf {
        self.root.join("dictionaries").join("user.csv")
    }

    /// The synonyms file: `dictionaries/synonyms.tsv`.
    pub fn synonyms_file(&self) -> PathBuf {
        self.root.join("dictionaries").join("synonyms.tsv")
    }

    /// The default index: `index`.
    pub fn index(&self) -> PathBuf {
        self.root.join("index")
    }

    /// The config file (`config.toml`): which engine to use and how to reach a cluster.
    pub fn config_file(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    /// The user dictionary's rows: the home's file when it has one, else the built-in rows.
    pub fn user_rows(&self) -> Result<UserRows, AnalysisError> {
        let file = self.user_dictionary();
        if file.is_file() {
            UserRows::read(&file)
        } else {
            Ok(UserRows::built_in())
        }
    }

    /// The synonyms: the home's file when it has one, else the built-in groups.
    pub fn synonyms(&self) -> Result<Synonyms, SynonymsError> {
        let file = self.synonyms_file();
        if file.is_file() {
            Synonyms::load(&file)
        } else {
            Ok(Synonyms::built_in())
        }
    }

    /// How to build the analyzer from this home, with `place_names` as proper nouns.
    pub fn analyzer_options(
        &self,
        place_names: Vec<String>,
    ) -> Result<AnalyzerOptions, AnalysisError> {
        Ok(AnalyzerOptions {
            dictionary: self.dictionary(),
            user_dictionary: Some(self.user_rows()?),
            place_names,
        })
    }
}
