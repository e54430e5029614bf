//! The command line (CLI.md): the same work as the app, headless, for
//! scripts, CI and analysts who batch-produce briefing material.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::chart::{self, Basis, ChartKind, Subject};
use crate::model;
use crate::report::{self, Report};
use crate::scenario::{self, LoadError, Loaded};
use crate::uncertainty;

/// Exit code: the input is invalid or cannot be read or written.
pub const EXIT_INVALID: u8 = 1;

/// Exit code: the command line is wrong (clap uses it too).
pub const EXIT_USAGE: u8 = 2;

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
        /// Run Monte Carlo with N draws (0 = off; at most 1,000,000).
        #[arg(long, value_name = "N", default_value_t = 0,
              value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
        draws: u32,
        /// Seed of the Monte Carlo draws (default: the file's): a whole number
        /// from 0 to 18,446,744,073,709,551,615.
        #[arg(long, value_name = "S", value_parser = parse_seed, allow_negative_numbers = true)]
        seed: Option<u64>,
        /// Worker threads for Monte Carlo (0 = one per core; at most 256). Never changes the numbers.
        #[arg(long, value_name = "N", default_value_t = 0,
              value_parser = clap::value_parser!(u16).range(0..=256))]
        threads: u16,
        /// Add the tornado: net social value with each uncertain input at its low and high.
        #[arg(long)]
        tornado: bool,
        /// Also swing every point input by ± PCT percent in the tornado.
        /// From 0 to 100.
        #[arg(long, value_name = "PCT", requires = "tornado", value_parser = parse_swing,
              allow_negative_numbers = true)]
        swing: Option<f64>,
        /// Write every Monte Carlo draw to FILE.csv (with --draws): each
        /// uncertain input by its path, then the four NPVs.
        #[arg(long, value_name = "FILE.csv", requires = "draws")]
        samples: Option<PathBuf>,
    },
    /// Find the value of one input at which net social value is zero.
    ///
    /// All other inputs stay at their central values. An input shared by
    /// several items (such as `assumptions.local_multiplier`) moves for all of
    /// them. Without --range, searches from min(0, 10 × central, low − width)
    /// to max(0, 10 × central, high + width), not below 0 for an input that
    /// cannot be negative (width = high − low of a distribution, 0 for a point).
    Solve {
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The input, by path: `savings[0].amount`, `assumptions.months_out_of_work`, …
        #[arg(long, value_name = "PATH")]
        input: String,
        /// The range to search: two different numbers inside the input's own
        /// valid range (0 to 1 for a probability or a share).
        #[arg(long, num_args = 2, value_names = ["LO", "HI"], allow_negative_numbers = true,
              value_parser = parse_finite)]
        range: Option<Vec<f64>>,
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
    /// Write the briefing pack (Word, .docx) or the audit workbook (Excel, .xlsx).
    ///
    /// The format follows the extension of --out. The .docx is a briefing
    /// note: the marking in every page's header and footer, a summary in
    /// plain English, the headline and year-by-year tables, four charts with
    /// alt text, the assumptions log, Monte Carlo (the file's draws and seed),
    /// the tornado and break-even, the method and a QA box. The .xlsx is the
    /// deterministic model as live formulas: change an input cell and every
    /// line and headline NPV follows; Monte Carlo results are listed as
    /// values. Written atomically: a failed write leaves nothing behind.
    Brief {
        /// The scenario file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write: NAME.docx or NAME.xlsx.
        #[arg(long, value_name = "NAME.docx|NAME.xlsx")]
        out: PathBuf,
    },
    /// Export a chart as SVG or PNG, or its numbers (or the yearly table) as CSV.
    ///
    /// The format follows the extension of --out: .svg, .png or .csv. Charts
    /// carry the scenario's protective marking top and bottom, a title that
    /// states the message, and a source line. --width and --height are the
    /// PNG's size in pixels; the chart is laid out at width/scale ×
    /// height/scale (an SVG is written at that size), so the default 1600 ×
    /// 900 at scale 2 is laid out at 800 × 450 and drawn twice as finely.
    /// --preset briefing gives a chart right at 16 cm wide in Word (labels
    /// 9.75 pt, title 15 pt). A size too small for the chart is refused,
    /// naming the smallest that works. Beside a PNG go its text alternative
    /// (NAME.png.txt) and its numbers (NAME.data.csv). A .csv is the chart's
    /// numbers with --chart, else the yearly table. Files are written
    /// atomically: a failed export leaves nothing behind.
    Export {
        /// The scenario file (several, for --chart compare).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Where to write: NAME.svg, NAME.png or NAME.csv.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Which chart (default: net; for .csv, without it: the yearly table).
        #[arg(long, value_enum)]
        chart: Option<ChartKind>,
        /// A named size instead of --width, --height and --scale: `briefing`,
        /// right at 16 cm wide in a Word document.
        #[arg(long, value_enum, conflicts_with_all = ["width", "height", "scale"])]
        preset: Option<PresetArg>,
        /// Width in pixels.
        #[arg(long, value_name = "PX", default_value_t = 1600, value_parser = clap::value_parser!(u32).range(100..=10_000))]
        width: u32,
        /// Height in pixels.
        #[arg(long, value_name = "PX", default_value_t = 900, value_parser = clap::value_parser!(u32).range(100..=10_000))]
        height: u32,
        /// Pixels per layout unit (1 to 4): a larger scale makes text and lines bigger in the image.
        #[arg(long, value_name = "K", default_value_t = 2.0, value_parser = parse_scale)]
        scale: f32,
    },
    /// What changed between two versions of a scenario, and what each change
    /// did to net social value.
    ///
    /// Every change is listed in the app's words (settings, assumptions,
    /// items added, removed or moved, each field of an item, sources and
    /// notes), then applied to OLD one at a time in that order: each line
    /// shows that step's effect on the NPV of net social value, and the
    /// effects add up to the whole change.
    Diff {
        /// The earlier version.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later version.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Rewrite scenario files in the standard layout and current format.
    ///
    /// Uses the app's own save: the file is replaced atomically and the
    /// previous version is kept as FILE.bak. Comments are not kept (the app keeps
    /// them when it saves an edit).
    Tidy {
        /// The scenario files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

/// `--swing PCT`: a percentage from 0 to 100 (a swing past 100 % would take
/// a point input through zero, to values its file could not hold).
fn parse_swing(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err("give a percentage from 0 to 100, such as 10".to_owned()),
    }
}

/// `--seed S`: a whole number that fits 64 bits.
fn parse_seed(s: &str) -> Result<u64, String> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| "give a whole number from 0 to 18446744073709551615".to_owned())
}

/// `--scale K`: 1 to 4.
fn parse_scale(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (1.0..=4.0).contains(&x) => Ok(x),
        _ => Err("give a number from 1 to 4, such as 2".to_owned()),
    }
}

/// A finite number (the ends of `--range`; each input's own range is checked
/// once the scenario is read).
fn parse_finite(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err("give a finite number such as 25000000 or 0.5".to_owned()),
    }
}

/// Why `lo`..`hi` cannot be searched for the input at `path`, if it cannot:
/// the ends must differ and lie inside the range a file's value for that
/// input is checked against (docs/format.md "Rules").
fn range_problem(path: &str, lo: f64, hi: f64) -> Option<String> {
    let (min, max, _) = scenario::validate::Quantity::of_input(path).range();
    if lo == hi {
        return Some(format!(
            "--range {} {}: LO and HI are the same; give two different values",
            as_given(lo),
            as_given(hi)
        ));
    }
    let (a, b) = (lo.min(hi), lo.max(hi));
    (a < min || b > max).then(|| {
        format!(
            "--range {} {} goes outside what `{path}` may be, {} to {}; give values inside it",
            as_given(lo),
            as_given(hi),
            report::readable(min),
            report::readable(max),
        )
    })
}

/// A number from the command line, shown back briefly: `1e308`, not 309 digits.
fn as_given(x: f64) -> String {
    let a = x.abs();
    if a >= 1e15 || (a != 0.0 && a < 1e-6) {
        format!("{x:e}")
    } else {
        report::readable(x)
    }
}

/// Named export sizes (`--preset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PresetArg {
    /// 1812 × 1359 pixels at scale 3: 16 cm wide in Word, labels 9.75 pt, title 15 pt.
    Briefing,
}

/// Runs a parsed command line. Problems with the input are reported on
/// stderr and give exit code 1; `Err` is for failures writing the output.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Windows shells leave `scenarios\*.ron` to the program: expand it here.
    let expanded = |files: Vec<PathBuf>| {
        crate::paths::expand_wildcards(files).map_err(|message| {
            eprintln!("counterweight: error: {message}");
            ExitCode::from(EXIT_INVALID)
        })
    };
    let one = |file: PathBuf| {
        let pattern = display(&file);
        let mut files = expanded(vec![file])?;
        match files.len() {
            1 => Ok(files.remove(0)),
            n => {
                let names: Vec<String> = files.iter().map(|f| display(f)).collect();
                eprintln!(
                    "counterweight: error: `{pattern}` matches {n} files ({}); this command takes one",
                    names.join(", ")
                );
                Err(ExitCode::from(EXIT_USAGE))
            }
        }
    };
    macro_rules! or_exit {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(code) => return Ok(code),
            }
        };
    }
    match cli.command {
        None => open_app(or_exit!(expanded(cli.files))),
        Some(Command::Report {
            file,
            json,
            draws,
            seed,
            threads,
            tornado,
            swing,
            samples,
        }) => report_cmd(
            &or_exit!(one(file)),
            &ReportOptions {
                json,
                draws: draws as usize,
                seed,
                threads: usize::from(threads),
                tornado,
                swing,
                samples,
            },
        ),
        Some(Command::Solve { file, input, range }) => {
            solve_cmd(&or_exit!(one(file)), &input, range.as_deref())
        }
        Some(Command::Brief { file, out }) => Ok(brief_cmd(&or_exit!(one(file)), &out)),
        Some(Command::Check { files }) => Ok(check_cmd(&or_exit!(expanded(files)))),
        Some(Command::Tidy { files }) => Ok(tidy_cmd(&or_exit!(expanded(files)))),
        Some(Command::Diff { old, new, json }) => {
            diff_cmd(&or_exit!(one(old)), &or_exit!(one(new)), json)
        }
        Some(Command::Export {
            files,
            out,
            chart,
            preset,
            width,
            height,
            scale,
        }) => {
            let size = match preset {
                Some(PresetArg::Briefing) => {
                    let b = chart::BRIEFING;
                    (b.width, b.height, b.scale)
                }
                None => (width, height, scale),
            };
            Ok(export_cmd(&or_exit!(expanded(files)), &out, chart, size))
        }
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

/// A path as messages show it, as text: a file name cannot forge a line.
fn display(path: &Path) -> String {
    crate::text::printable(&crate::paths::shown(path))
}

/// Loads a scenario, printing its problems to stderr on failure.
fn load_or_report(path: &Path) -> Option<Loaded> {
    scenario::load_path(path)
        .map_err(|e| report_load_error(path, &e))
        .ok()
}

/// Prints why `path` could not be read, on stderr.
fn report_load_error(path: &Path, e: &LoadError) {
    eprintln!("{}", e.display_in(&display(path)));
    if let LoadError::Invalid(_) = e {
        eprintln!(
            "counterweight: {} was not read; fix the problems above and try again",
            display(path)
        );
    }
}

/// True when every figure of `results` (of `s`) is finite; otherwise names
/// the item that caused it, on stderr, so no `inf` or `NaN` is ever printed
/// or exported.
fn finite_or_report(path: &Path, s: &scenario::Scenario, results: &model::Results) -> bool {
    match model::non_finite_cause(s, results) {
        None => true,
        Some(why) => {
            eprintln!("{}: error: {why}", display(path));
            false
        }
    }
}

/// `brief`: the Word briefing pack or the Excel audit workbook, by the
/// extension of `out`.
fn brief_cmd(path: &Path, out: &Path) -> ExitCode {
    let Some(format) = crate::brief::Format::of(out) else {
        eprintln!(
            "counterweight: error: --out must end in .docx (the briefing pack) or .xlsx (the audit workbook), not `{}`",
            display(out)
        );
        return ExitCode::from(EXIT_USAGE);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report_load_error(path, &LoadError::Io { source: e });
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let Some(loaded) = load_or_report(path) else {
        return ExitCode::from(EXIT_INVALID);
    };
    let sha = scenario::save::OnDisk::of(&bytes).sha256_hex();
    let name = path.file_name().map_or_else(
        || display(path),
        |n| crate::text::printable(&n.to_string_lossy()),
    );
    let never = AtomicBool::new(false);
    let made = crate::brief::Pack::new(
        &loaded.scenario,
        &name,
        &sha,
        &crate::brief::today(),
        &never,
        &|_| {},
    )
    .and_then(|pack| pack.to_bytes(format));
    let bytes = match made {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: error: {e}", display(path));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    if let Err(e) = scenario::save::write_atomic(out, &bytes) {
        eprintln!(
            "counterweight: error: could not write the {} ({}); nothing was written; check the folder exists and the file is not open in Word or Excel: {}",
            match format {
                crate::brief::Format::Docx => "briefing pack",
                crate::brief::Format::Xlsx => "audit workbook",
            },
            e.source,
            display(out)
        );
        return ExitCode::from(EXIT_INVALID);
    }
    eprintln!("wrote {}", display(out));
    ExitCode::SUCCESS
}

/// What `report` was asked for.
/// "Monte Carlo: 42 %" on standard error, rewritten in place, while a long
/// run goes, when standard error is a terminal (never in a pipe or a log,
/// whose reader wants the result alone). Shown only once a run has taken
/// half a second, so short runs print nothing.
struct Progress {
    what: &'static str,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicU32,
    terminal: bool,
}

impl Progress {
    fn new(what: &'static str) -> Self {
        use std::io::IsTerminal as _;
        Self {
            what,
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicU32::new(u32::MAX),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Reports `fraction` done (0–1), from any thread.
    fn at(&self, fraction: f32) {
        use std::sync::atomic::Ordering;
        if !self.terminal || self.started.elapsed() < std::time::Duration::from_millis(500) {
            return;
        }
        let pct = (fraction.clamp(0.0, 1.0) * 100.0) as u32;
        if self.shown.swap(pct, Ordering::Relaxed) != pct {
            eprint!("\r{}: {pct:>3} %", self.what);
        }
    }

    /// Clears the line, if anything was shown.
    fn done(&self) {
        use std::sync::atomic::Ordering;
        if self.shown.load(Ordering::Relaxed) != u32::MAX {
            eprint!("\r{}\r", " ".repeat(self.what.len() + 7));
        }
    }
}

struct ReportOptions {
    json: bool,
    draws: usize,
    seed: Option<u64>,
    threads: usize,
    tornado: bool,
    /// ± percent for point inputs in the tornado.
    swing: Option<f64>,
    /// Where to write the draws (model 2).
    samples: Option<PathBuf>,
}

fn report_cmd(path: &Path, o: &ReportOptions) -> anyhow::Result<ExitCode> {
    if o.samples.is_some() && o.draws == 0 {
        eprintln!("counterweight: --samples writes the Monte Carlo draws; give --draws N too");
        return Ok(ExitCode::from(2));
    }
    let Some(loaded) = load_or_report(path) else {
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let s = &loaded.scenario;
    let results = model::evaluate(s);
    if !finite_or_report(path, s, &results) {
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    let plan = model::Plan::new(s);
    let most = uncertainty::most_draws(&plan);
    if o.draws > most {
        eprintln!(
            "counterweight: --draws {} is too many for {}: a file this large ({} work units a draw: its items over its horizon) allows at most {most} draws in bounded time; use --draws {most} or fewer",
            o.draws,
            display(path),
            plan.work_per_draw()
        );
        return Ok(ExitCode::from(2));
    }
    if let Some(out) = &o.samples {
        let seed = o.seed.unwrap_or(s.settings.monte_carlo.seed);
        let written = std::fs::File::create(out).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            uncertainty::write_samples(&plan, o.draws, seed, &mut w)
        });
        if let Err(e) = written {
            eprintln!(
                "counterweight: cannot write the draws: {e}; check the folder exists and the file is not open in another program: {}",
                out.display()
            );
            return Ok(ExitCode::from(EXIT_INVALID));
        }
    }
    let summary = if o.draws > 0 {
        let mc = uncertainty::MonteCarlo {
            draws: o.draws,
            seed: o.seed.unwrap_or(s.settings.monte_carlo.seed),
            threads: o.threads,
        };
        let never = AtomicBool::new(false);
        let shown = Progress::new("Monte Carlo");
        let summary = mc
            .run(&plan, &never, &|p| shown.at(p))
            .context("the Monte Carlo analysis failed")?;
        shown.done();
        Some(summary)
    } else {
        None
    };
    let bars = o.tornado.then(|| {
        let never = AtomicBool::new(false);
        let shown = Progress::new("Tornado");
        let bars = uncertainty::tornado_with(&plan, o.swing.map(|pct| pct / 100.0), &never, &|p| {
            shown.at(p);
        })
        .unwrap_or_default();
        shown.done();
        bars
    });
    let text = if o.json {
        let mut r = Report::new(s, &results);
        r.monte_carlo = summary.as_ref().map(Into::into);
        r.tornado = bars.as_ref().map(|b| b.iter().map(Into::into).collect());
        r.to_json()
    } else {
        let mut t = report::table(s, &results);
        if let Some(m) = &summary {
            t.push('\n');
            t.push_str(&report::monte_carlo_table(m));
        }
        if let Some(b) = &bars {
            t.push('\n');
            t.push_str(&report::tornado_table(b));
        }
        t
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn solve_cmd(path: &Path, input: &str, range: Option<&[f64]>) -> anyhow::Result<ExitCode> {
    let Some(loaded) = load_or_report(path) else {
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let plan = model::Plan::new(&loaded.scenario);
    let Some(param) = plan.find(input) else {
        let near = uncertainty::break_even::nearest_paths(&plan, input, 5);
        eprintln!(
            "counterweight: `{}` is not an input of this scenario; the nearest are: {} — in {}",
            crate::text::printable(input),
            near.join(", "),
            display(path)
        );
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let (lo, hi) = match range {
        Some(&[lo, hi]) => {
            if let Some(problem) = range_problem(input, lo, hi) {
                eprintln!("counterweight: error: {problem}");
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            (lo, hi)
        }
        Some(r) => {
            eprintln!(
                "counterweight: error: --range takes two numbers, LO and HI; got {}",
                r.len()
            );
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        None => uncertainty::break_even::default_range_within_limits(&plan, param),
    };
    let p = &plan.params[param];
    let central = p.value.central_as(plan.central_as);
    let (min, max, _) = scenario::validate::Quantity::of_input(input).range();
    let text = match uncertainty::break_even(&plan, param, lo, hi) {
        Ok(v) if !v.is_finite() => {
            eprintln!(
                "{}: error: the search for `{}` gave no finite answer; give a narrower --range",
                display(path),
                crate::text::printable(input)
            );
            return Ok(ExitCode::from(EXIT_INVALID));
        }
        Ok(v) => format!(
            "{} (--input {}): net social value is zero at {} (central {}; searched {} to {})\n",
            crate::text::printable(&p.label),
            crate::text::printable(input),
            report::readable(v),
            report::readable(central),
            report::readable(lo.min(hi)),
            report::readable(lo.max(hi)),
        ),
        Err(e) => format!(
            "{} (--input {}): net social value does not cross zero between {} and {} \
             (NPV {} at {}, {} at {}); {}\n",
            crate::text::printable(&p.label),
            crate::text::printable(input),
            report::readable(e.lo),
            report::readable(e.hi),
            report::pounds(e.npv_at_lo),
            report::readable(e.lo),
            report::pounds(e.npv_at_hi),
            report::readable(e.hi),
            if e.lo.min(e.hi) <= min && e.lo.max(e.hi) >= max {
                "that is everything it may be, so no value of it alone breaks even"
            } else {
                "try a wider --range"
            },
        ),
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
        let (loaded, opened) = match scenario::file::load_path_kept(path) {
            Ok(read) => read,
            Err(e) => {
                report_load_error(path, &e);
                failed = true;
                continue;
            }
        };
        // Refused if someone else saved the file while it was being tidied:
        // their work is never overwritten unseen.
        let text = scenario::write::to_ron(&loaded.scenario);
        match scenario::file::save_bytes_checked(path, text.as_bytes(), Some(&opened.on_disk)) {
            Ok(_) => eprintln!(
                "tidied {} (previous version kept as {})",
                display(path),
                display(&scenario::file::backup_path(path))
            ),
            Err(e) if e.step == scenario::file::SaveStep::Changed => {
                eprintln!(
                    "{}: error: not tidied: {e:#}; run tidy again to tidy the new version",
                    display(path)
                );
                failed = true;
            }
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

fn diff_cmd(old_path: &Path, new_path: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let (Some(old), Some(new)) = (load_or_report(old_path), load_or_report(new_path)) else {
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let d = crate::diff::diff(&old.scenario, &new.scenario);
    let text = if json {
        let totals = |t: &model::Totals| {
            serde_json::json!({
                "net_savings": t.net_savings,
                "social_cost": t.social_cost,
                "net_social_value": t.net_social_value,
                "exchequer_net": t.exchequer_net,
            })
        };
        let changes: Vec<serde_json::Value> = d
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "path": c.path,
                    "what": c.what,
                    "old": c.old,
                    "new": c.new,
                    "effect_on_net_social_value": c.effect_on_net_social_value,
                })
            })
            .collect();
        let mut j = serde_json::to_string_pretty(&serde_json::json!({
            "changes": changes,
            "old": totals(&d.old),
            "new": totals(&d.new),
        }))?;
        j.push('\n');
        j
    } else if d.changes.is_empty() {
        "no changes\n".to_owned()
    } else {
        let mut out = format!(
            "Changes from {} to {}, each with its effect on the NPV of net social value:\n\n",
            display(old_path),
            display(new_path)
        );
        for c in &d.changes {
            let values = match (c.old.is_empty(), c.new.is_empty()) {
                (false, false) => format!(" {} → {}", c.old, c.new),
                (false, true) => format!(" ({})", c.old),
                (true, false) => format!(" ({})", c.new),
                (true, true) => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}{values}\n      {}",
                c.what,
                report::signed_pounds(c.effect_on_net_social_value)
            );
        }
        let _ = writeln!(
            out,
            "\nNet social value (NPV): {} → {} ({})",
            report::pounds(d.old.net_social_value),
            report::pounds(d.new.net_social_value),
            report::signed_pounds(d.new.net_social_value - d.old.net_social_value)
        );
        out
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("could not write the report to standard output"),
    }
}

/// What `export` writes, from the extension of `--out`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExportFormat {
    Svg,
    Png,
    Csv,
}

fn export_format(out: &Path) -> Option<ExportFormat> {
    let ext = out.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "svg" => Some(ExportFormat::Svg),
        "png" => Some(ExportFormat::Png),
        "csv" => Some(ExportFormat::Csv),
        _ => None,
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!(
        "counterweight: error: {message}\n\nFor more information, try 'counterweight export --help'."
    );
    ExitCode::from(EXIT_USAGE)
}

fn export_cmd(
    files: &[PathBuf],
    out: &Path,
    chart_arg: Option<ChartKind>,
    (width, height, scale): (u32, u32, f32),
) -> ExitCode {
    let Some(format) = export_format(out) else {
        return usage(&format!(
            "cannot tell the format of {}: --out must end in .svg, .png or .csv",
            display(out)
        ));
    };
    if !(1.0..=4.0).contains(&scale) {
        return usage(&format!("--scale {scale} is outside 1 to 4"));
    }
    let (layout_w, layout_h) = (
        f64::from(width) / f64::from(scale),
        f64::from(height) / f64::from(scale),
    );
    let drawn = format != ExportFormat::Csv;
    if drawn && (layout_w < 320.0 || layout_h < 180.0) {
        return usage(&format!(
            "at --scale {scale}, {width} × {height} pixels leaves {layout_w:.0} × {layout_h:.0} for the chart, too small to read; \
             give at least 320 × 180 (width and height divided by the scale)"
        ));
    }
    let kind = chart_arg.unwrap_or(ChartKind::Net);
    let several = (drawn || chart_arg.is_some()) && kind == ChartKind::Compare;
    if files.len() > 1 && !several {
        return usage(&format!(
            "{} files given: only --chart compare takes several; export one file at a time",
            files.len()
        ));
    }
    let mut loaded = Vec::new();
    for path in files {
        let Some(l) = load_or_report(path) else {
            return ExitCode::from(EXIT_INVALID);
        };
        loaded.push(l);
    }
    let results: Vec<model::Results> = loaded
        .iter()
        .map(|l| model::evaluate(&l.scenario))
        .collect();
    if !files
        .iter()
        .zip(loaded.iter().zip(&results))
        .all(|(p, (l, r))| finite_or_report(p, &l.scenario, r))
    {
        return ExitCode::from(EXIT_INVALID);
    }
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let subjects: Vec<Subject> = loaded
        .iter()
        .zip(&results)
        .zip(&names)
        .map(|((l, r), name)| Subject {
            scenario: &l.scenario,
            results: r,
            file_name: name,
        })
        .collect();

    // (path, bytes): the export, and beside a PNG its text and its numbers.
    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if format == ExportFormat::Csv && chart_arg.is_none() {
        writes.push((
            out.to_owned(),
            chart::csv(&loaded[0].scenario, &results[0]).into_bytes(),
        ));
    } else {
        let Some(c) = build_chart(kind, &subjects) else {
            eprintln!(
                "counterweight: error: the uncertainty analysis for the {} chart failed; try --chart net, breakdown, waterfall or compare",
                kind.name()
            );
            return ExitCode::from(EXIT_INVALID);
        };
        if drawn && let Err(e) = chart::try_svg(&c, layout_w, layout_h) {
            let k = f64::from(scale);
            let fit = (f64::from(width) / e.need_width).min(f64::from(height) / e.need_height);
            let smaller_scale = (fit * 10.0).floor() / 10.0;
            let or_scale = if smaller_scale >= 1.0 {
                format!(", or keep {width} × {height} at --scale {smaller_scale}")
            } else {
                String::new()
            };
            return usage(&format!(
                "at --scale {scale}, {width} × {height} pixels leaves {layout_w:.0} × {layout_h:.0} for the {} chart, too small to read: \
                 it needs at least {:.0} × {:.0}; give --width {:.0} --height {:.0} at --scale {scale}{or_scale}",
                kind.name(),
                e.need_width,
                e.need_height,
                (e.need_width * k).ceil(),
                (e.need_height * k).ceil(),
            ));
        }
        match format {
            ExportFormat::Csv => writes.push((out.to_owned(), chart::chart_csv(&c).into_bytes())),
            ExportFormat::Svg => {
                writes.push((
                    out.to_owned(),
                    chart::svg(&c, layout_w, layout_h).into_bytes(),
                ));
            }
            ExportFormat::Png => match chart::png(&c, width, height, scale) {
                Ok(b) => {
                    writes.push((out.to_owned(), b));
                    writes.extend(chart::png_companions(&c, out));
                }
                Err(e) => {
                    eprintln!("counterweight: error: {e}");
                    return ExitCode::from(EXIT_INVALID);
                }
            },
        }
    }
    for (path, bytes) in &writes {
        if let Err(e) = scenario::file::write_atomic(path, bytes) {
            eprintln!(
                "counterweight: error: could not write the export ({}); nothing was written: {}",
                e.source,
                display(path)
            );
            return ExitCode::from(EXIT_INVALID);
        }
        eprintln!("wrote {}", display(path));
    }
    ExitCode::SUCCESS
}

/// The chart of `kind` for `subjects`; `None` when there is no subject or
/// the Monte Carlo run fails. The tornado swings distributions only; the
/// distribution chart uses the file's own draws and seed.
fn build_chart(kind: ChartKind, subjects: &[Subject]) -> Option<chart::Chart> {
    let first = subjects.first()?;
    let settings = &first.scenario.settings.monte_carlo;
    let tornado: Vec<chart::TornadoBar> = if kind == ChartKind::Tornado {
        let plan = model::Plan::new(first.scenario);
        uncertainty::tornado(&plan, None)
            .iter()
            .map(chart::TornadoBar::from)
            .collect()
    } else {
        Vec::new()
    };
    let summary = if kind == ChartKind::Distribution {
        let plan = model::Plan::new(first.scenario);
        // A file too large for its own draws in bounded time gets the most
        // it may have; the chart's subtitle says how many were drawn.
        let mc = uncertainty::MonteCarlo {
            draws: (settings.draws as usize).min(uncertainty::most_draws(&plan)),
            seed: settings.seed,
            threads: 0,
        };
        let never = AtomicBool::new(false);
        Some(mc.run(&plan, &never, &|_| {}).ok()?)
    } else {
        None
    };
    kind.chart(&chart::Sources {
        subjects,
        basis: Basis::Discounted,
        tornado: &tornado,
        monte_carlo: summary.as_ref().map(|s| (s, settings.draws)),
    })
}
