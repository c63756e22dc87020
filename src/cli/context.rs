//! Where dongne's data lives and the parts every command loads from it, resolved once.
//!
//! The data home is `DONGNE_HOME` when set, else the platform's data directory
//! (`~/.local/share/dongne` on Linux). A source checkout's scripts set `DONGNE_HOME` to the
//! checkout.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use dongne::analysis::Analyzer;
use dongne::home::Home;
use dongne::regions::Gazetteer;
use dongne::search::{self, Backend, SearchIndex};

/// The environment variable naming the data home.
pub const HOME_VARIABLE: &str = "DONGNE_HOME";

/// What a command runs with.
pub struct Context {
    /// Print nothing but results and errors.
    pub quiet: bool,
}

impl Context {
    /// The context of a run, `quiet` or not.
    pub fn new(quiet: bool) -> Self {
        Self { quiet }
    }

    /// The data home: `DONGNE_HOME`, else the platform's data directory.
    pub fn home(&self) -> Result<Home> {
        if let Some(root) = std::env::var_os(HOME_VARIABLE).filter(|v| !v.is_empty()) {
            return Ok(Home::new(root));
        }
        let dirs = directories::ProjectDirs::from("", "", "dongne").with_context(|| {
            format!("no home directory to keep dongne's data in; set {HOME_VARIABLE}")
        })?;
        Ok(Home::new(dirs.data_dir()))
    }

    /// The index directory given, else the home's.
    pub fn index_dir(&self, given: Option<PathBuf>) -> Result<PathBuf> {
        match given {
            Some(dir) => Ok(dir),
            None => Ok(self.home()?.index()),
        }
    }

    /// The analyzer of the home's dictionaries, with the gazetteer's place names.
    pub fn analyzer(&self) -> Result<Analyzer> {
        let names = Gazetteer::municipal_names()?
            .into_iter()
            .map(str::to_string)
            .collect();
        let options = self.home()?.analyzer_options(names)?;
        Ok(Analyzer::load(&options)?)
    }

    /// The built-in gazetteer.
    pub fn gazetteer(&self) -> Result<Gazetteer> {
        Ok(Gazetteer::load_default()?)
    }

    /// The index in `dir` (else the home's), opened for searching with the home's synonyms.
    pub fn search_index(&self, dir: Option<PathBuf>) -> Result<SearchIndex> {
        let dir = self.index_dir(dir)?;
        let analyzer = self.analyzer()?;
        let synonyms = self.home()?.synonyms()?;
        Ok(search::open(&dir, analyzer)?.with_synonyms(synonyms))
    }

    /// What to search: the cluster `cluster` names, else the index in `dir` (else the
    /// home's).
    pub fn backend(
        &self,
        dir: Option<PathBuf>,
        cluster: &super::cluster::ClusterArgs,
    ) -> Result<Box<dyn Backend>> {
        if let Some(index) = cluster.open(self)? {
            return Ok(Box::new(index));
        }
        Ok(Box::new(self.search_index(dir)?))
    }
}
