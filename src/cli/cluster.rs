//! Choosing the engine (the local index or an OpenSearch cluster) and how to reach the
//! cluster: flags, else the config file (`--config`, else the data home's `config.toml`).
//!
//! ```toml
//! engine = "opensearch"            # the default engine; "local" when absent
//! [opensearch]
//! url = "https://search.example:9200"
//! index = "dongne"
//! user = "dongne"
//! password = "…"
//! ca_file = "/etc/ssl/cluster-ca.pem"
//! insecure = false
//! ```

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;
use dongne::opensearch::{ClusterIndex, Connection, DEFAULT_INDEX};

use super::Context;

/// Where the articles are.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// The local index (the data home's `index`, or `--index`).
    Local,
    /// An OpenSearch cluster with the nori plugin.
    Opensearch,
}

/// The engine and cluster options.
#[derive(clap::Args, Clone, Default)]
pub struct ClusterArgs {
    /// Where the articles are (default: the config file's `engine`, else local).
    #[arg(long, value_enum)]
    engine: Option<Engine>,
    /// URL of an OpenSearch node (implies `--engine opensearch`).
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Index name on the cluster (default: dongne).
    #[arg(long, value_name = "NAME")]
    cluster_index: Option<String>,
    /// User for the cluster.
    #[arg(long)]
    user: Option<String>,
    /// Password for the cluster.
    #[arg(long, env = "DONGNE_OPENSEARCH_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// PEM file of the certificate authorities the cluster's certificate is checked against.
    #[arg(long, value_name = "FILE")]
    ca_file: Option<PathBuf>,
    /// Accept any certificate from the cluster (test clusters only).
    #[arg(long)]
    insecure: bool,
    /// Config file (default: the data home's config.toml, when there is one).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    engine: Option<Engine>,
    opensearch: Option<Connection>,
}

impl ClusterArgs {
    /// The cluster to use, or `None` for the local index.
    pub fn connection(&self, context: &Context) -> Result<Option<Connection>> {
        let config = self.config_file(context)?;
        let engine = match (self.engine, &self.url) {
            (Some(engine), _) => engine,
            (None, Some(_)) => Engine::Opensearch,
            (None, None) => config.engine.unwrap_or(Engine::Local),
        };
        if engine == Engine::Local {
            return Ok(None);
        }
        let mut connection = config.opensearch.unwrap_or_default();
        if let Some(url) = &self.url {
            connection.url = url.clone();
        }
        if connection.url.is_empty() {
            bail!(
                "no cluster URL: give --url or set `url` in the [opensearch] table of the config \
                 file"
            );
        }
        if let Some(index) = &self.cluster_index {
            connection.index = index.clone();
        }
        if connection.index.is_empty() {
            connection.index = DEFAULT_INDEX.to_string();
        }
        if self.user.is_some() {
            connection.user = self.user.clone();
        }
        if self.password.is_some() {
            connection.password = self.password.clone();
        }
        if self.ca_file.is_some() {
            connection.ca_file = self.ca_file.clone();
        }
        connection.insecure |= self.insecure;
        Ok(Some(connection))
    }

    fn config_file(&self, context: &Context) -> Result<ConfigFile> {
        let path = match &self.config {
            Some(path) => path.clone(),
            None => {
                let path = context.home()?.config_file();
                if !path.is_file() {
                    return Ok(ConfigFile::default());
                }
                path
            }
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("config file {}", path.display()))
    }

    /// The cluster's index, opened for searching, or `None` for the local index.
    pub fn open(&self, context: &Context) -> Result<Option<ClusterIndex>> {
        match self.connection(context)? {
            Some(connection) => Ok(Some(
                ClusterIndex::open(&connection, context.analyzer()?)?
                    .with_synonyms(context.home()?.synonyms()?),
            )),
            None => Ok(None),
        }
    }
}
