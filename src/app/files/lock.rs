//! One editor per file: a window that opens a scenario file holds a lock
//! on it for as long as the tab is open, so a second window (on this
//! computer, or another one using the same data folder) is told that the
//! file is already being edited and opens it read-only.
//!
//! The lock is an operating-system file lock on `open-<hash>.lock` in the
//! app's data folder, where `<hash>` names the scenario file's full path.
//! The system drops it when the process ends however it ends, so a crash
//! never leaves a file locked (the autosave's `alive-` file works the same
//! way). The lock files are not removed on close: removing one while
//! another window is about to take it would let two windows both think
//! they hold it. They are a few bytes each.
//!
//! Where the file system has no locks (some network drives), every window
//! may edit, as before; the check before each save still refuses to
//! overwrite a colleague's save unseen.

use std::fs::{File, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A lock on one scenario file, held until dropped.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

/// Whether this window may edit a file.
#[derive(Debug)]
pub enum Taken {
    /// This window holds the file's lock.
    Mine(FileLock),
    /// Another live window holds it.
    Elsewhere,
    /// Locks do not work here (or the data folder cannot be written): edit
    /// as before, relying on the check before each save.
    Unlocked,
}

/// The lock file for `target` (a canonical path) in `dir`.
#[must_use]
pub fn lock_path(dir: &Path, target: &Path) -> PathBuf {
    use sha2::Digest as _;
    let mut key = target.to_string_lossy().into_owned();
    if cfg!(windows) {
        // One file, however its letters are cased.
        key = key.to_lowercase();
    }
    let hash = sha2::Sha256::digest(key.as_bytes());
    let hex = hash[..10].iter().fold(String::new(), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    dir.join(format!("open-{hex}.lock"))
}

/// Takes the lock on `target` for this window, or says who has it.
#[must_use]
pub fn take(dir: &Path, target: &Path) -> Taken {
    if std::fs::create_dir_all(dir).is_err() {
        return Taken::Unlocked;
    }
    let Ok(file) = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(dir, target))
    else {
        return Taken::Unlocked;
    };
    match file.try_lock() {
        Ok(()) => {
            // For a person looking in the folder: which file, which process.
            let _ = file.set_len(0);
            let _ = writeln!(
                &file,
                "{}\nprocess {}",
                target.display(),
                std::process::id()
            );
            Taken::Mine(FileLock { _file: file })
        }
        Err(TryLockError::WouldBlock) => Taken::Elsewhere,
        Err(TryLockError::Error(_)) => Taken::Unlocked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_told_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("scenario.ron");
        let first = take(dir.path(), &target);
        assert!(matches!(first, Taken::Mine(_)), "{first:?}");
        assert!(matches!(take(dir.path(), &target), Taken::Elsewhere));
        // Another file is not affected.
        let other = take(dir.path(), &dir.path().join("other.ron"));
        assert!(matches!(other, Taken::Mine(_)), "{other:?}");
        drop(first);
        assert!(matches!(take(dir.path(), &target), Taken::Mine(_)));
    }

    #[test]
    fn the_lock_file_names_the_file_for_a_person_looking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("scenario.ron");
        let _held = take(dir.path(), &target);
        let text = std::fs::read_to_string(lock_path(dir.path(), &target)).expect("lock file");
        assert!(text.starts_with(&target.display().to_string()), "{text}");
        assert!(text.contains(&format!("process {}", std::process::id())));
    }

    #[test]
    fn a_data_folder_that_cannot_be_made_leaves_the_file_editable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "x").expect("write");
        let taken = take(&blocker.join("open"), &dir.path().join("a.ron"));
        assert!(matches!(taken, Taken::Unlocked), "{taken:?}");
    }
}
