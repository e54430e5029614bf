//! The command line (CLI.md): the same work as the app, headless, for
//! scripts, CI and analysts who batch-produce briefing material.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::model;
use crate::report::{self, Report};
use crate::scenario::{self, LoadError, Loaded};

/// Exit code: the input is invalid or cannot be read or written.
pub const EXIT_INVALID: u8 = 1;

/// Weigh an outsourcing or offshoring savings claim against its social cost,
/// the HM Treasury Green Book way.
///
/// With no command, opens the desktop app on the scenario files given (or on
/// a bundled example). Scenario files are RON text (`.ron`); see the README.
#[derive(Debug, Parser)]
#[command(
    name = "counterweight",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files to open in the app, each as a tab.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the results of a scenario: headline figures and a row per year.
    ///
    /// Money is in £ million, real terms, in the scenario's price base year.
    /// With --json, prints every figure in pounds at full precision.
    Report {
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print JSON (keys as in the documentation) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files and list every problem as `FILE:LINE:COL: message`.
    ///
    /// Warnings (such as amounts cut off by the horizon) are listed too; only
    /// errors make the exit code 1.
    Check {
        /// The scenario files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite scenario files in the standard layout and current format.
    ///
    /// Uses the app's own save: the file is replaced atomically and the
    /// previous version is kept as FILE.bak. Comments are not kept.
    Tidy {
        /// The scenario files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs a parsed command line. Problems with the input are reported on
/// stderr and give exit code 1; `Err` is for failures writing the output.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => open_app(cli.files),
        Some(Command::Report { file, json }) => report_cmd(&file, json),
        Some(Command::Check { files }) => Ok(check_cmd(&files)),
        Some(Command::Tidy { files }) => Ok(tidy_cmd(&files)),
    }
}

#[cfg(feature = "gui")]
fn open_app(files: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    crate::app::run(files)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
#[allow(clippy::unnecessary_wraps)] // the same signature as the `gui` build's
fn open_app(_files: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    eprintln!(
        "counterweight: this build has no desktop app (built without the `gui` feature); \
         use a command such as `counterweight report FILE` — see `counterweight --help`"
    );
    Ok(ExitCode::from(2))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Loads a scenario, printing its problems to stderr on failure.
fn load_or_report(path: &Path) -> Option<Loaded> {
    match scenario::load_path(path) {
        Ok(loaded) => Some(loaded),
        Err(e) => {
            eprintln!("{}", e.display_in(&display(path)));
            if let LoadError::Invalid(_) = e {
                eprintln!(
                    "counterweight: {} was not read; fix the problems above and try again",
                    display(path)
                );
            }
            None
        }
    }
}

fn report_cmd(path: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let Some(loaded) = load_or_report(path) else {
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let results = model::evaluate(&loaded.scenario);
    let text = if json {
        Report::new(&loaded.scenario, &results).to_json()
    } else {
        report::table(&loaded.scenario, &results)
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn check_cmd(files: &[PathBuf]) -> ExitCode {
    let mut out = String::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for path in files {
        let name = display(path);
        let diags = match scenario::load_path(path) {
            Ok(loaded) => loaded.warnings,
            Err(e) => e.diagnostics(),
        };
        if diags.is_empty() {
            out.push_str(&name);
            out.push_str(": ok\n");
        }
        for d in &diags {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            out.push_str(&d.display_in(&name));
            out.push('\n');
        }
    }
    // A closed pipe (`check … | head`) is not the scenario's fault.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    eprintln!(
        "checked {} file{}: {errors} error{}, {warnings} warning{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    if errors > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

fn tidy_cmd(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let Some(loaded) = load_or_report(path) else {
            failed = true;
            continue;
        };
        match scenario::save_atomic(path, &loaded.scenario) {
            Ok(()) => eprintln!(
                "tidied {} (previous version kept as {})",
                display(path),
                display(&scenario::file::backup_path(path))
            ),
            Err(e) => {
                eprintln!("{}: error: {e:#}", display(path));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("could not write the report to standard output"),
    }
}
