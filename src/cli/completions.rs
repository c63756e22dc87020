//! `dongne completions`: a completion script for a shell.

use std::io::Write;
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
    // Generated into memory first: clap_complete panics when its writer fails, and a closed
    // pipe (`dongne completions bash | grep -q …`) must end dongne quietly instead.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "dongne", &mut script);
    std::io::stdout().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
