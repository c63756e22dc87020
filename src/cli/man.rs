//! `dongne man`: the manual page.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use super::Cli;

/// Prints the manual page as roff.
pub fn run() -> Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(ExitCode::SUCCESS)
}
