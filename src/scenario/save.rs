//! Saving files so that a crash, a full disk, a colleague's program holding
//! the file, or two saves at once never leave a half-written or lost file.
//!
//! Every save — the app's Save, the autosave, `counterweight tidy`, every
//! export — goes through one function, `write_atomic_steps`:
//!
//! 1. follow symbolic links to the real file, so the link is kept and its
//!    target updated;
//! 2. refuse a read-only file (its owner or the shared drive set it so);
//! 3. write a temporary file beside it, with a name unique to this process
//!    and this save, locked while it is written, flushed and synced; it gets
//!    the original's permissions (and owner and group where the process may
//!    set them) before anyone else can see its new content;
//! 4. copy the current file to `NAME.bak` the same way;
//! 5. rename the temporary file over the target (on Windows, retried for a
//!    moment while another program holds the file), then sync the folder.
//!
//! A failure at any step removes what that step wrote and leaves the
//! original untouched. Temporary files left by a save that was killed are
//! removed by the next save of the same file once they are certainly stale:
//! nobody holds their lock and their writer is gone (or, where that cannot be
//! told, they are over a minute old). docs/reliability.md lists what is kept.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::{Scenario, write};

/// Why a save failed. The file on disk is as it was before the save.
#[derive(Debug, thiserror::Error)]
#[error("could not save: {step} ({source}){}; the file on disk was not changed", held_hint(*.step, .source))]
pub struct SaveError {
    pub step: SaveStep,
    #[source]
    pub source: std::io::Error,
}

/// Names the likely cause when Windows says another program holds the file
/// (the rename step says so already).
fn held_hint(step: SaveStep, source: &std::io::Error) -> &'static str {
    if step != SaveStep::Rename && is_sharing_error(source) {
        ": another program has the file open (Excel, an editor, or a sync client \
         such as OneDrive); close it there and save again"
    } else {
        ""
    }
}

/// What a file held when it was read or written: enough to tell, before a
/// save, whether someone else has changed it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OnDisk {
    pub sha256: [u8; 32],
    pub len: u64,
}

impl OnDisk {
    /// The fingerprint of file content.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        use sha2::Digest as _;
        Self {
            sha256: sha2::Sha256::digest(bytes).into(),
            len: bytes.len() as u64,
        }
    }

    /// What is at `path` now; `None` if there is no file.
    pub fn read(path: &Path) -> std::io::Result<Option<Self>> {
        match fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of(&bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The SHA-256 in hexadecimal, as `sha256sum` prints it.
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        use std::fmt::Write as _;
        self.sha256
            .iter()
            .fold(String::with_capacity(64), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            })
    }
}

/// The steps of an atomic save, for messages and for failure-injection tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// The target is marked read-only.
    ReadOnly,
    /// The file on disk is no longer the one that was opened.
    Changed,
    CreateTemp,
    Write,
    Sync,
    Backup,
    Rename,
}

impl std::fmt::Display for SaveStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SaveStep::Changed => {
                "the file changed on disk since it was opened: someone else saved it, \
                 or another program changed it"
            }
            SaveStep::ReadOnly => {
                "the file is read-only (its owner or the shared drive made it so); \
                 use Save As to keep your work in a new file"
            }
            SaveStep::CreateTemp => {
                "could not create a temporary file in the folder (is it read-only?)"
            }
            SaveStep::Write => "could not write the scenario (is the disk full?)",
            SaveStep::Sync => "could not flush the scenario to disk",
            SaveStep::Backup => "could not keep the previous version as a .bak file",
            SaveStep::Rename => {
                "could not replace the file: is it open in another program \
                 (Excel, an editor, or a sync client such as OneDrive)? Close it there and save again"
            }
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

/// The atomic save with a backup; `fail_at` injects a failure at one step
/// (tests only).
pub fn save_bytes_atomic(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
) -> Result<(), SaveError> {
    write_atomic_steps(path, bytes, fail_at, true, None).map(|_| ())
}

/// The atomic save with a backup, refused with [`SaveStep::Changed`] when
/// the file on disk is no longer `expected` (what was opened, or last
/// saved): a colleague's save is never overwritten unseen. `None` saves
/// whatever is there (Save As over a file the user chose). Returns what the
/// file holds now.
pub fn save_bytes_checked(
    path: &Path,
    bytes: &[u8],
    expected: Option<&OnDisk>,
) -> Result<OnDisk, SaveError> {
    write_atomic_steps(path, bytes, None, true, expected)
}

/// Writes `bytes` to `path` atomically without keeping a backup: for exports
/// and autosaves, where a failure must never leave half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_steps(path, bytes, None, false, None).map(|_| ())
}

fn write_atomic_steps(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
    keep_backup: bool,
    expected: Option<&OnDisk>,
) -> Result<OnDisk, SaveError> {
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
    let target = resolve_links(path).map_err(step_err(SaveStep::CreateTemp))?;
    let dir = folder_of(&target);
    let name = target
        .file_name()
        .map_or_else(|| OsString::from("scenario"), std::ffi::OsStr::to_os_string);
    // What the current file is: its permissions go to the new version.
    let existing = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            return Err(SaveError {
                step: SaveStep::CreateTemp,
                source: std::io::Error::other("it is a folder, not a file"),
            });
        }
        Ok(meta) => Some(meta),
        Err(_) => None,
    };
    inject(SaveStep::ReadOnly)?;
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(SaveError {
            step: SaveStep::ReadOnly,
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, "marked read-only"),
        });
    }
    clean_stale_temps(&dir, &name);

    inject(SaveStep::CreateTemp)?;
    let mut temp =
        Temp::create(&dir, &name, existing.as_ref()).map_err(step_err(SaveStep::CreateTemp))?;
    let result = (|| {
        let mut file = temp.file.as_ref().ok_or_else(|| SaveError {
            step: SaveStep::CreateTemp,
            source: std::io::Error::other("the temporary file was closed"),
        })?;
        inject(SaveStep::Write)?;
        file.write_all(bytes).map_err(step_err(SaveStep::Write))?;
        file.flush().map_err(step_err(SaveStep::Write))?;
        inject(SaveStep::Sync)?;
        file.sync_all().map_err(step_err(SaveStep::Sync))?;
        // What is there now: checked against what was opened, then kept as
        // the .bak, so the backup is exactly the version this save replaces.
        let current = if existing.is_some() && (keep_backup || expected.is_some()) {
            Some(fs::read(&target).map_err(step_err(SaveStep::Backup))?)
        } else {
            None
        };
        if let Some(expected) = expected
            && current.as_deref().map(OnDisk::of).as_ref() != Some(expected)
        {
            return Err(SaveError {
                step: SaveStep::Changed,
                source: std::io::Error::other(match &current {
                    Some(_) => "its content is not what was opened",
                    None => "it has been deleted or moved",
                }),
            });
        }
        if keep_backup && let Some(current) = &current {
            inject(SaveStep::Backup)?;
            backup(&target, current, &dir, existing.as_ref())
                .map_err(step_err(SaveStep::Backup))?;
        }
        inject(SaveStep::Rename)?;
        temp.commit(&target).map_err(step_err(SaveStep::Rename))?;
        sync_dir(&dir);
        Ok(OnDisk::of(bytes))
    })();
    // A committed temporary file is the target now; anything else goes.
    drop(temp);
    result
}

/// The folder a file is in, `.` for a bare name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follows symbolic links (a chain of them too) to the file they name, so a
/// save updates the real file and keeps the link. A dangling link gives the
/// path it points at, which the save then creates.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    folder_of(&current).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(
        "too many levels of symbolic links (is there a loop?)",
    ))
}

/// Numbers each temporary file this process makes, so no two saves share one.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// A temporary file beside the target: `.NAME.PID.N.tmp`, locked while it
/// is written so a cleaner can tell it from litter. Removed on drop unless
/// committed.
struct Temp {
    path: PathBuf,
    file: Option<fs::File>,
    committed: bool,
}

impl Temp {
    fn create(dir: &Path, name: &OsString, like: Option<&fs::Metadata>) -> std::io::Result<Self> {
        let pid = std::process::id();
        let base = name.to_string_lossy();
        for _ in 0..100 {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{base}.{pid}.{n}.tmp"));
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            // Nobody but us may read the new content before it has the
            // original's permissions (an OFFICIAL-SENSITIVE file is 0600).
            #[cfg(unix)]
            if like.is_some() {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            match options.open(&path) {
                Ok(file) => {
                    // Best effort: a file system without locks still saves.
                    let _ = file.try_lock();
                    let temp = Self {
                        path,
                        file: Some(file),
                        committed: false,
                    };
                    if let Some(meta) = like {
                        copy_ownership(&temp.path, meta);
                        fs::set_permissions(&temp.path, meta.permissions())?;
                    }
                    return Ok(temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other(
            "too many temporary files in the folder",
        ))
    }

    /// Closes the file and renames it over `target`.
    fn commit(&mut self, target: &Path) -> std::io::Result<()> {
        // Windows renames a file only once every handle to it is closed.
        drop(self.file.take());
        rename_retrying(&self.path, target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Gives the new file the old one's owner and group, where this process may
/// (root may; an owner may set a group it belongs to). Elsewhere the new file
/// is the saver's, as any editor's save makes it.
fn copy_ownership(path: &Path, like: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if std::os::unix::fs::chown(path, Some(like.uid()), Some(like.gid())).is_err() {
            let _ = std::os::unix::fs::chown(path, None, Some(like.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, like);
}

/// Renames `from` over `to`. On Windows another program that has `to` open
/// (Excel, an antivirus scan, a sync client) makes the rename fail for a
/// moment: try again for about a second before giving up.
fn rename_retrying(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut waited = Duration::ZERO;
    loop {
        match fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if is_sharing_error(&e) && waited < Duration::from_secs(1) => {
                let pause = Duration::from_millis(100);
                std::thread::sleep(pause);
                waited += pause;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Access denied (5), sharing violation (32), lock violation (33): what
/// Windows says while another program holds the file.
fn is_sharing_error(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Writes `current` (the target's content) to `NAME.bak` through its own
/// temporary file, so the backup is never half-written, and two saves at
/// once never share one.
fn backup(
    target: &Path,
    current: &[u8],
    dir: &Path,
    like: Option<&fs::Metadata>,
) -> std::io::Result<()> {
    let bak = backup_path(target);
    let bak_name = bak
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    let mut temp = Temp::create(dir, &bak_name, like)?;
    {
        let mut out = temp
            .file
            .as_ref()
            .ok_or_else(|| std::io::Error::other("the temporary file was closed"))?;
        out.write_all(current)?;
        out.flush()?;
        // Synced through the handle it was written with: Windows refuses to
        // flush a file opened read-only.
        out.sync_all()?;
    }
    temp.commit(&bak)
}

/// How old an unlocked temporary file must be before it is taken for litter
/// where its writer's life cannot be checked.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Removes temporary files an earlier, killed save of `name` (or of its
/// `.bak`) left in `dir`: `.NAME.PID.N.tmp`, `.NAME.bak.PID.N.tmp`, and the
/// older `NAME.bak.tmp`. Only files nobody holds locked are touched, and only
/// once their writer is certainly gone.
fn clean_stale_temps(dir: &Path, name: &OsString) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let name = name.to_string_lossy();
    let ours = format!(".{name}.");
    let ours_bak = format!(".{name}.bak.");
    let legacy = format!("{name}.bak.tmp");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = if file_name == legacy {
            None
        } else if let Some(rest) = file_name
            .strip_prefix(&ours_bak)
            .or_else(|| file_name.strip_prefix(&ours))
            .and_then(|r| r.strip_suffix(".tmp"))
        {
            match temp_writer(rest) {
                Some(pid) => Some(pid),
                None => continue,
            }
        } else {
            continue;
        };
        if pid == Some(std::process::id()) {
            continue; // this process's own saves clean up after themselves
        }
        let path = entry.path();
        if is_stale(&path, pid) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// `PID.N` → PID.
fn temp_writer(rest: &str) -> Option<u32> {
    let (pid, n) = rest.split_once('.')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

fn is_stale(path: &Path, pid: Option<u32>) -> bool {
    let Ok(file) = fs::OpenOptions::new().write(true).open(path) else {
        return false;
    };
    if file.try_lock().is_err() {
        return false; // a live save is writing it
    }
    let old = file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER);
    drop(file);
    old || pid.is_some_and(|p| process_is_gone(p) == Some(true))
}

/// Whether process `pid` has ended: known on Linux, unknown elsewhere.
fn process_is_gone(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        Some(!Path::new(&format!("/proc/{pid}")).exists())
    } else {
        None
    }
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
