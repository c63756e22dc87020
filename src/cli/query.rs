//! What `search` and `trend` share: the query, the index and the filters.

use std::path::PathBuf;

use anyhow::Result;
use dongne::regions::Gazetteer;
use dongne::search::{Backend, FilterArgs, Filters, dates};

use super::Context;
use super::cluster::ClusterArgs;

/// The query and its filters.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The query (see the query language below; `""` for everything).
    pub query: String,
    /// The index directory (default: the data home's `index`).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Region name, short form, code or facet path (`전라남도`, `광양`, `하당동`, `46230`);
    /// repeatable, a region matches everything inside it.
    #[arg(long)]
    pub region: Vec<String>,
    /// Published on or after: YYYY-MM-DD, YYYY-MM, YYYY, or an age like 7d, 2w, 3m, 1y.
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (the whole day, month or year).
    #[arg(long)]
    pub to: Option<String>,
    /// Exact reporter name; repeatable.
    #[arg(long)]
    pub reporter: Vec<String>,
    /// Exact publisher name; repeatable.
    #[arg(long)]
    pub press: Vec<String>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

impl QueryArgs {
    /// The filters, region names resolved through the gazetteer (loaded only for them).
    pub fn filters(&self) -> Result<Filters> {
        let args = FilterArgs {
            regions: self.region.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            reporters: self.reporter.clone(),
            presses: self.press.clone(),
        };
        let mut gazetteer: Option<Gazetteer> = None;
        Ok(Filters::resolve(&args, dates::today_kst(), |name| {
            let gazetteer = match &mut gazetteer {
                Some(loaded) => loaded,
                None => gazetteer.insert(Gazetteer::load_default()?),
            };
            Ok(gazetteer.resolve_facets(name)?)
        })?)
    }

    /// What to search.
    pub fn open(&self, context: &Context) -> Result<Box<dyn Backend>> {
        context.backend(self.index.clone(), &self.cluster)
    }
}
