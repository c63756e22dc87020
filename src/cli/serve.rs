//! `dongne serve`: the search page and the JSON API.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use dongne::serve::{self, Access, AppState};

use super::Context;
use super::cluster::ClusterArgs;
use dongne::search::Backend;

/// Arguments of `dongne serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The index directory (default: the data home's `index`).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7700")]
    addr: SocketAddr,
    /// Require this token (an `Authorization: Bearer` header, or open the page once with
    /// `?token=TOKEN`); needed to listen on an address other machines can reach.
    #[arg(long, env = "DONGNE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Listen on an address other machines can reach without a token.
    #[arg(long)]
    public: bool,
    #[command(flatten)]
    cluster: ClusterArgs,
}

/// Serves until interrupted.
pub fn run(args: ServeArgs, context: &Context) -> Result<ExitCode> {
    let access = match (&args.token, args.public, args.addr.ip().is_loopback()) {
        (Some(token), _, _) if token.len() < 16 => {
            bail!("the token is too short to guess hard: use 16 characters or more")
        }
        (Some(token), _, _) => Access::Token(token.clone()),
        (None, _, true) => Access::Open,
        (None, true, false) => {
            eprintln!(
                "warning: serving {} without a token: anyone who can reach this address can \
                 read the index",
                args.addr
            );
            Access::Open
        }
        (None, false, false) => bail!(
            "{} can be reached from other machines: give --token TOKEN (or set DONGNE_TOKEN), \
             or --public to serve without one",
            args.addr
        ),
    };
    let dir = context.index_dir(args.index)?;
    let (backend, serving): (Arc<dyn Backend>, String) = match args.cluster.open(context)? {
        Some(cluster) => {
            let name = format!("{} on {}", cluster.client().index, cluster.client().url());
            (Arc::new(cluster), name)
        }
        None => {
            let index = dongne::search::open_live(&dir, context.analyzer()?)?
                .with_synonyms(context.home()?.synonyms()?);
            (Arc::new(index), dir.display().to_string())
        }
    };
    let state = AppState {
        backend,
        gazetteer: Arc::new(context.gazetteer()?),
    };
    let quiet = context.quiet;
    let runtime = tokio::runtime::Runtime::new().context("starting the server's runtime")?;
    runtime
        .block_on(serve::run(
            serve::router(state, access),
            args.addr,
            |bound| {
                if !quiet {
                    eprintln!("dongne: serving {serving} on http://{bound}/ (Ctrl-C stops)");
                }
            },
        ))
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
                "{} is taken by another program (another dongne serve?): stop it, or pick \
                 another port with --addr (127.0.0.1:7701)",
                args.addr
            ),
            _ => anyhow::Error::new(err).context(format!("serving on {}", args.addr)),
        })?;
    Ok(ExitCode::SUCCESS)
}
