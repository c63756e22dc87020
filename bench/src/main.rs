//! The `dongne-bench` binary: parses the command line and runs one benchmark.

use clap::Parser;
use dongne_bench::Bench;

/// Measurements of dongne on real data.
#[derive(Parser)]
#[command(name = "dongne-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    bench: Bench,
}

fn main() -> anyhow::Result<()> {
    Cli::parse().bench.run()?;
    Ok(())
}
