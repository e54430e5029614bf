//! Reading scenario files safely (and, from [`save`](super::save), saving
//! them atomically).
//!
//! Reading: only a regular file is opened (a pipe or a device would block or
//! never end), its size is checked before a byte is read (a hostile 100 MB
//! file is refused at once), then encoding, then syntax, structure and rules,
//! each problem placed at its line and column.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::decode::{decode, locate};
use super::diagnostic::Diagnostic;
use super::limits::MAX_FILE_BYTES;
pub use super::save::{
    OnDisk, SaveError, SaveStep, backup_path, save_atomic, save_bytes_atomic, save_bytes_checked,
    write_atomic,
};
use super::syntax::{self, Pos};
use super::{Scenario, migrate, validate};

/// A scenario read from a file, with the warnings that apply to it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Why a file could not be opened as a scenario.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("could not read the file: {source}")]
    Io {
        #[source]
        source: std::io::Error,
    },
    #[error("{} — is this the right file?", too_large(*.size))]
    TooLarge { size: u64 },
    #[error("{0}")]
    NotAFile(&'static str),
    #[error("the file is empty; a scenario starts with `Scenario(`")]
    Empty,
    #[error("{0}")]
    Encoding(String),
    #[error("{} in the file", super::names::count(.0.iter().filter(|d| d.is_error()).count(), "problem", "problems"))]
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// Every problem, for `check` and the app's message panel.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Invalid(d) => d.clone(),
            other => vec![Diagnostic {
                pos: match other {
                    LoadError::Encoding(_) | LoadError::Empty => Some(Pos { line: 1, col: 1 }),
                    _ => None,
                },
                ..Diagnostic::error("", other.to_string())
            }],
        }
    }

    /// All problems as `FILE:LINE:COL: error: …` lines.
    #[must_use]
    pub fn display_in(&self, file: &str) -> String {
        let lines: Vec<String> = self
            .diagnostics()
            .iter()
            .map(|d| d.display_in(file))
            .collect();
        lines.join("\n")
    }
}

/// Reads and validates the scenario at `path`.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read_capped(path)?;
    load_bytes(&bytes)
}

/// A file as it was opened: its text, for a save that changes only what was
/// edited ([`patch`](super::patch)), and its fingerprint, to notice before a
/// save that someone else has changed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub text: String,
    pub on_disk: OnDisk,
}

/// [`load_path`], keeping what was read.
pub fn load_path_kept(path: &Path) -> Result<(Loaded, Opened), LoadError> {
    let bytes = read_capped(path)?;
    let loaded = load_bytes(&bytes)?;
    let on_disk = OnDisk::of(&bytes);
    // Valid UTF-8: load_bytes refuses anything else.
    let text = String::from_utf8(bytes).unwrap_or_default();
    Ok((loaded, Opened { text, on_disk }))
}

/// "the file is 95.4 MiB; a scenario may be at most 8 MiB", in one unit;
/// in bytes when the two would read alike in MiB.
fn too_large(size: u64) -> String {
    let mib = |b: u64| b as f64 / f64::from(1u32 << 20);
    let shown = format!("{:.1}", mib(size));
    let limit = format!("{:.1}", mib(MAX_FILE_BYTES));
    if shown == limit {
        format!("the file is {size} bytes; a scenario may be at most {MAX_FILE_BYTES} bytes")
    } else {
        format!(
            "the file is {shown} MiB; a scenario may be at most {} MiB",
            MAX_FILE_BYTES >> 20
        )
    }
}

/// Reads at most [`MAX_FILE_BYTES`], refusing larger files before reading.
/// Only regular files are opened: a folder, a pipe, a device or a socket
/// gets a message at once instead of an error code or a wait for ever.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    // Asked of the path before opening it: opening a pipe blocks, and
    // Windows refuses to open a folder with "Access denied".
    let kind = fs::metadata(path).map_err(|source| LoadError::Io { source })?;
    if kind.is_dir() {
        return Err(LoadError::NotAFile("it is a folder, not a scenario file"));
    }
    if !kind.is_file() {
        return Err(LoadError::NotAFile(
            "it is not a regular file (a pipe, a device or a socket), so it is not a scenario file",
        ));
    }
    let file = fs::File::open(path).map_err(|source| LoadError::Io { source })?;
    let meta = file.metadata().map_err(|source| LoadError::Io { source })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { size: meta.len() });
    }
    // The length can change after the check (a growing file, a pipe): read
    // one byte past the cap so growth is caught too.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io { source })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Decodes file bytes: encoding, syntax, structure, rules.
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Encoding(
            "the file is UTF-16 text; save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"
                .into(),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let pos = syntax::pos_of(prefix, prefix.len());
            let what = if bytes.contains(&0) {
                "the file is binary, not a scenario (RON text)".to_owned()
            } else {
                "the file is not UTF-8 text".to_owned()
            };
            return Err(LoadError::Encoding(format!(
                "{what}: byte 0x{:02X} at line {} column {} is not valid UTF-8; save the file as UTF-8",
                bytes[e.valid_up_to()],
                pos.line,
                pos.col
            )));
        }
    };
    if src.contains('\0') {
        let at = src.find('\0').unwrap_or(0);
        let pos = syntax::pos_of(src, at);
        return Err(LoadError::Encoding(format!(
            "the file is binary, not a scenario (RON text): it has a NUL byte at line {} column {}",
            pos.line, pos.col
        )));
    }
    load_str(src)
}

/// Most problems listed for one file; a damaged file could otherwise list
/// hundreds of thousands.
pub const MAX_REPORTED: usize = 200;

/// Decodes scenario text.
pub fn load_str(src: &str) -> Result<Loaded, LoadError> {
    let mut tree = syntax::parse(src).map_err(|e| {
        // "in Savings 2. Back-office savings: expected a value…": the item
        // the error is inside, when it is inside one.
        let message = match super::enclosing::item_at(src, e.at) {
            Some(item) => format!("in {item}: {}", e.message),
            None => e.message,
        };
        LoadError::Invalid(place(src, vec![(Diagnostic::error("", message), e.at)]))
    })?;
    if let Some((version, at)) = super::decode::format_version_of(&tree)
        && version < super::FORMAT_VERSION
        && version > 0
    {
        migrate::migrate(&mut tree, version, migrate::STEPS).map_err(|e| {
            LoadError::Invalid(place(
                src,
                vec![(Diagnostic::error("format_version", e), at)],
            ))
        })?;
        set_format_version(&mut tree, super::FORMAT_VERSION);
    }
    let (scenario, problems) = decode(&tree);
    let Some(scenario) = scenario else {
        return Err(LoadError::Invalid(place(src, problems)));
    };
    let located: Vec<(Diagnostic, usize)> = validate(&scenario)
        .into_iter()
        .map(|d| {
            let at = locate(&tree, &d.path).start;
            (d, at)
        })
        .collect();
    let diags = place(src, located);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(LoadError::Invalid(diags));
    }
    Ok(Loaded {
        scenario,
        warnings: diags,
    })
}

/// After a migration the tree is at the current version.
fn set_format_version(tree: &mut syntax::Node, version: u32) {
    if let syntax::Kind::Struct { fields, .. } = &mut tree.kind
        && let Some(f) = fields.iter_mut().find(|f| f.name == "format_version")
    {
        f.value.kind = syntax::Kind::Number(syntax::Number {
            value: f64::from(version),
            integer: true,
        });
    }
}

/// Orders problems (errors first, then by place in the file), keeps the
/// first [`MAX_REPORTED`], and gives each its line and column in one pass
/// over the text, so even a damaged one-line 8 MiB file is quick.
fn place(src: &str, mut problems: Vec<(Diagnostic, usize)>) -> Vec<Diagnostic> {
    problems.sort_by_key(|(d, at)| (d.severity, *at));
    let total = problems.len();
    problems.truncate(MAX_REPORTED);
    let mut order: Vec<usize> = (0..problems.len()).collect();
    order.sort_by_key(|&i| problems[i].1);
    let (mut line, mut col, mut offset) = (1usize, 1usize, 0usize);
    for i in order {
        let mut at = problems[i].1.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        if at > offset {
            for c in src[offset..at].chars() {
                if c == '\n' {
                    line += 1;
                    col = 1;
                } else if c != '\u{feff}' {
                    col += 1;
                }
            }
            offset = at;
        }
        problems[i].0.pos = Some(Pos { line, col });
    }
    let mut diags: Vec<Diagnostic> = problems.into_iter().map(|(d, _)| d).collect();
    let left_out = total.saturating_sub(MAX_REPORTED);
    if left_out > 0 {
        // Errors sort first, so what was left out is errors only if the last
        // one kept is an error. Warnings never stop a file opening, however
        // many there are.
        if diags.last().is_some_and(Diagnostic::is_error) {
            diags.push(Diagnostic::error(
                "",
                format!(
                    "…and {left_out} more problems; fix the ones above first (is this file damaged?)"
                ),
            ));
        } else {
            diags.push(Diagnostic::warning(
                "",
                format!("…and {left_out} more warnings like the ones above"),
            ));
        }
    }
    diags
}
