//! `counterweight`: the desktop app, or with a command, the same work headless.

use std::process::ExitCode;

use clap::Parser as _;
use counterweight::cli::{Cli, EXIT_INVALID, run};

fn main() -> ExitCode {
    // Usage errors exit with 2 (clap's default); --help and --version with 0.
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("counterweight: error: {e:#}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}
