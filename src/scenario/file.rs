//! Reading scenario files safely and saving them atomically.
//!
//! Reading: the size is checked before a byte is read (a hostile 100 MB file
//! is refused at once), then encoding, then syntax, structure and rules, each
//! problem placed at its line and column. Saving: a temporary file in the same
//! folder, flushed and synced, the previous version kept as `NAME.bak`, then
//! renamed over the target, so a crash or a full disk never leaves a
//! half-written scenario.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::decode::{decode, locate};
use super::diagnostic::Diagnostic;
use super::limits::MAX_FILE_BYTES;
use super::syntax::{self, Pos};
use super::{Scenario, migrate, validate, write};

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
    #[error("the file is {} MB; a scenario may be at most 8 MiB — is this the right file?", .size / 1_000_000)]
    TooLarge { size: u64 },
    #[error("the file is empty; a scenario starts with `Scenario(`")]
    Empty,
    #[error("{0}")]
    Encoding(String),
    #[error("{} problem(s) in the file", .0.iter().filter(|d| d.is_error()).count())]
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

/// Reads at most [`MAX_FILE_BYTES`], refusing larger files before reading.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = fs::File::open(path).map_err(|source| LoadError::Io { source })?;
    let meta = file.metadata().map_err(|source| LoadError::Io { source })?;
    if meta.is_dir() {
        return Err(LoadError::Io {
            source: std::io::Error::other("it is a folder, not a scenario file"),
        });
    }
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
        LoadError::Invalid(place(src, vec![(Diagnostic::error("", e.message), e.at)]))
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
    if total > MAX_REPORTED {
        diags.push(Diagnostic::error(
            "",
            format!(
                "…and {} more problems; fix the ones above first (is this file damaged?)",
                total - MAX_REPORTED
            ),
        ));
    }
    diags
}

/// Why a save failed. The file on disk is as it was before the save.
#[derive(Debug, thiserror::Error)]
#[error("could not save: {step} ({source}); the file on disk was not changed")]
pub struct SaveError {
    pub step: SaveStep,
    #[source]
    pub source: std::io::Error,
}

/// The steps of an atomic save, for messages and for failure-injection tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    Write,
    Sync,
    Backup,
    Rename,
}

impl std::fmt::Display for SaveStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SaveStep::CreateTemp => {
                "could not create a temporary file in the folder (is it read-only?)"
            }
            SaveStep::Write => "could not write the scenario (is the disk full?)",
            SaveStep::Sync => "could not flush the scenario to disk",
            SaveStep::Backup => "could not keep the previous version as a .bak file",
            SaveStep::Rename => "could not replace the file (is it open in another program?)",
        })
    }
}

/// Saves `scenario` to `path` atomically, keeping the previous file as `path.bak`.
pub fn save_atomic(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    save_bytes_atomic(path, write::to_ron(scenario).as_bytes(), None)
}

/// `NAME.ron` → `NAME.ron.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// The atomic save; `fail_at` injects a failure at one step (tests only).
pub fn save_bytes_atomic(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
) -> Result<(), SaveError> {
    write_atomic_steps(path, bytes, fail_at, true)
}

/// Writes `bytes` to `path` atomically (temporary file, sync, rename) without
/// keeping a backup: for exports, where a failure must never leave half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_steps(path, bytes, None, false)
}

fn write_atomic_steps(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
    keep_backup: bool,
) -> Result<(), SaveError> {
    let step_err = |step: SaveStep| move |source: std::io::Error| SaveError { step, source };
    let inject = |step: SaveStep| -> Result<(), SaveError> {
        if fail_at == Some(step) {
            Err(SaveError {
                step,
                source: std::io::Error::other("injected failure"),
            })
        } else {
            Ok(())
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());

    inject(SaveStep::CreateTemp)?;
    let (tmp_path, mut tmp) =
        create_temp(&dir, &file_name).map_err(step_err(SaveStep::CreateTemp))?;
    let result = (|| {
        inject(SaveStep::Write)?;
        tmp.write_all(bytes).map_err(step_err(SaveStep::Write))?;
        tmp.flush().map_err(step_err(SaveStep::Write))?;
        inject(SaveStep::Sync)?;
        tmp.sync_all().map_err(step_err(SaveStep::Sync))?;
        drop(tmp);
        if keep_backup && path.exists() {
            inject(SaveStep::Backup)?;
            backup(path).map_err(step_err(SaveStep::Backup))?;
        }
        inject(SaveStep::Rename)?;
        fs::rename(&tmp_path, path).map_err(step_err(SaveStep::Rename))?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

fn create_temp(dir: &Path, file_name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    for n in 0..100u32 {
        let candidate = dir.join(format!(".{file_name}.{pid}.{n}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "too many temporary files in the folder",
    ))
}

/// Copies the current file to `NAME.bak` through its own temporary file, so
/// the backup is never half-written either.
fn backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let mut tmp_name = bak
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    tmp_name.push(".tmp");
    let tmp = bak.with_file_name(tmp_name);
    fs::copy(path, &tmp)?;
    fs::File::open(&tmp)?.sync_all()?;
    fs::rename(&tmp, &bak)
}

/// Makes the rename durable on Unix; a no-op where directories cannot be opened.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
