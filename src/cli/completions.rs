//! `dongne completions`: a completion script for a shell.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Arguments of `dongne completions`.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    shell: Shell,
}

/// Prints the completion script (`dongne completions bash > ~/.local/share/bash-completion/
/// completions/dongne`).
pub fn run(args: CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "dongne", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
