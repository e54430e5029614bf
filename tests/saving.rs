//! Saves on real files in a temporary folder, on every system: over an
//! existing file (again and again: Windows once failed every save after the
//! first), over a read-only file, through a symbolic link, keeping a
//! sensitive file's permissions, many saves at once, a save killed part way,
//! and litter from earlier killed saves.

mod common;

use std::path::Path;

use counterweight::scenario::file::{SaveStep, backup_path, save_bytes_atomic, write_atomic};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

#[test]
fn saving_over_an_existing_file_works_every_time_and_keeps_the_previous_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("option.ron");
    std::fs::write(&path, "version 0").expect("write");
    for n in 1..=5 {
        save_bytes_atomic(&path, format!("version {n}").as_bytes(), None)
            .unwrap_or_else(|e| panic!("save {n} over an existing file: {e}"));
        assert_eq!(read(&path), format!("version {n}"));
        assert_eq!(read(&backup_path(&path)), format!("version {}", n - 1));
    }
    assert_eq!(names_in(dir.path()), ["option.ron", "option.ron.bak"]);
    // Exports and autosaves replace without a backup, again and again.
    let export = dir.path().join("chart.svg");
    for n in 0..3 {
        write_atomic(&export, format!("svg {n}").as_bytes()).expect("export over itself");
    }
    assert_eq!(read(&export), "svg 2");
    assert!(!backup_path(&export).exists());
}

#[test]
fn a_read_only_file_is_refused_with_a_message_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("signed-off.ron");
    std::fs::write(&path, "approved").expect("write");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("set read-only");
    let e = save_bytes_atomic(&path, b"changed", None).expect_err("read-only");
    assert_eq!(e.step, SaveStep::ReadOnly, "{e}");
    assert!(e.to_string().contains("the file is read-only"), "{e}");
    assert!(e.to_string().contains("use Save As"), "{e}");
    assert!(
        e.to_string().contains("the file on disk was not changed"),
        "{e}"
    );
    assert_eq!(read(&path), "approved");
    assert_eq!(
        names_in(dir.path()),
        ["signed-off.ron"],
        "no .bak, no litter"
    );
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
    use counterweight::scenario::file::{OnDisk, save_bytes_checked};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, "as opened").expect("write");
    let opened = OnDisk::read(&path).expect("read").expect("exists");
    // A colleague saves their version.
    std::fs::write(&path, "their version").expect("write");
    let e = save_bytes_checked(&path, b"mine", Some(&opened)).expect_err("changed");
    assert_eq!(e.step, SaveStep::Changed, "{e}");
    assert!(
        e.to_string()
            .contains("the file changed on disk since it was opened"),
        "{e}"
    );
    assert_eq!(read(&path), "their version");
    assert_eq!(names_in(dir.path()), ["shared.ron"], "no .bak, no litter");
    // Unchanged since opened (or since the last save): saved, and what is
    // on disk now is returned for the next check.
    let now = OnDisk::read(&path).expect("read").expect("exists");
    let after = save_bytes_checked(&path, b"mine", Some(&now)).expect("unchanged");
    assert_eq!(after, OnDisk::of(b"mine"));
    assert_eq!(read(&backup_path(&path)), "their version");
    save_bytes_checked(&path, b"mine again", Some(&after)).expect("saved twice");
    // Deleted since it was opened.
    std::fs::remove_file(&path).expect("rm");
    let e = save_bytes_checked(&path, b"mine", Some(&after)).expect_err("deleted");
    assert!(e.to_string().contains("deleted or moved"), "{e}");
    assert_eq!(
        OnDisk::of(b"abc").sha256_hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_folder_is_never_saved_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("scenarios.ron");
    std::fs::create_dir(&folder).expect("mkdir");
    let e = save_bytes_atomic(&folder, b"x", None).expect_err("a folder");
    assert!(e.to_string().contains("it is a folder"), "{e}");
    assert!(folder.is_dir());
}

#[test]
fn many_saves_at_once_each_use_their_own_temporary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, "original").expect("write");
    // Windows makes a rename wait while another rename of the same file is
    // under way, and a save gives up after about a second of that: eight
    // threads saving one file non-stop would starve some of them there.
    let threads = if cfg!(windows) { 3 } else { 8 };
    let versions: Vec<String> = (0..threads).map(|t| format!("from thread {t}")).collect();
    std::thread::scope(|s| {
        for v in &versions {
            let path = &path;
            s.spawn(move || {
                for _ in 0..25 {
                    save_bytes_atomic(path, v.as_bytes(), None).expect("a concurrent save");
                }
            });
        }
    });
    let last = read(&path);
    assert!(versions.contains(&last), "{last}");
    let bak = read(&backup_path(&path));
    assert!(
        bak == "original" || versions.contains(&bak),
        "the .bak holds a real earlier version: {bak}"
    );
    assert_eq!(names_in(dir.path()), ["shared.ron", "shared.ron.bak"]);
}

#[test]
fn two_tidy_processes_racing_leave_a_valid_file_a_real_backup_and_no_litter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("moj.ron");
    let original = read(Path::new("scenarios/moj-back-office.ron"));
    let arg = path.to_str().expect("utf-8").to_owned();
    for round in 0..100 {
        std::fs::write(&path, &original).expect("write");
        let _ = std::fs::remove_file(backup_path(&path));
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_counterweight"))
                .args(["tidy", &arg])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            let stderr = common::text(&out.stderr);
            // One may find the other has saved first: it then refuses,
            // never overwriting the other's work unseen.
            assert!(
                out.status.success()
                    || stderr.contains("not tidied: could not save: the file changed on disk"),
                "round {round}: {stderr}"
            );
        }
        let tidied = read(&path);
        assert!(
            counterweight::scenario::load_str(&tidied).is_ok(),
            "round {round}"
        );
        let bak = read(&backup_path(&path));
        assert!(
            bak == original || bak == tidied,
            "round {round}: the .bak is a real earlier version"
        );
        assert_eq!(
            names_in(dir.path()),
            ["moj.ron", "moj.ron.bak"],
            "round {round}"
        );
    }
}

#[test]
fn litter_from_a_killed_save_is_removed_by_the_next_save_once_certainly_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("option.ron");
    std::fs::write(&path, "v0").expect("write");
    // A process number no live process has (Linux's maximum is 2^22).
    let dead = dir.path().join(".option.ron.4999999.0.tmp");
    let dead_bak = dir.path().join(".option.ron.bak.4999999.3.tmp");
    let legacy = dir.path().join("option.ron.bak.tmp");
    // Another file's temporary file, and one a live writer holds locked.
    let other = dir.path().join(".other.ron.4999999.0.tmp");
    let held = dir.path().join(".option.ron.4999998.1.tmp");
    for p in [&dead, &dead_bak, &legacy, &other, &held] {
        std::fs::write(p, "partial").expect("write litter");
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&legacy, &held] {
        let f = std::fs::File::options().write(true).open(p).expect("open");
        f.set_modified(hour_ago).expect("age it");
    }
    let lock = std::fs::File::options()
        .write(true)
        .open(&held)
        .expect("open");
    lock.try_lock().expect("hold the writer's lock");

    save_bytes_atomic(&path, b"v1", None).expect("save");
    let left = names_in(dir.path());
    assert!(
        left.contains(&".other.ron.4999999.0.tmp".to_owned()),
        "{left:?}"
    );
    assert!(
        left.contains(&".option.ron.4999998.1.tmp".to_owned()),
        "a held file stays: {left:?}"
    );
    if cfg!(target_os = "linux") {
        assert!(
            !left.contains(&".option.ron.4999999.0.tmp".to_owned()),
            "{left:?}"
        );
        assert!(
            !left.contains(&".option.ron.bak.4999999.3.tmp".to_owned()),
            "{left:?}"
        );
    }
    assert!(!left.contains(&"option.ron.bak.tmp".to_owned()), "{left:?}");
    drop(lock);
}

#[test]
fn a_fresh_unlocked_temporary_file_of_a_live_process_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("option.ron");
    std::fs::write(&path, "v0").expect("write");
    // Process 1 is always alive; its file is new: maybe a save just starting.
    let young = dir.path().join(".option.ron.1.0.tmp");
    std::fs::write(&young, "partial").expect("write");
    save_bytes_atomic(&path, b"v1", None).expect("save");
    assert!(young.exists());
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::fmt::Write as _;
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};

    #[test]
    fn a_save_through_a_symbolic_link_updates_the_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real_dir = dir.path().join("shared-drive");
        std::fs::create_dir(&real_dir).expect("mkdir");
        let target = real_dir.join("option.ron");
        std::fs::write(&target, "original").expect("write");
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        // A link to a link, written relative.
        let link2 = dir.path().join("link2.ron");
        std::os::unix::fs::symlink("link.ron", &link2).expect("symlink");

        save_bytes_atomic(&link2, b"edited", None).expect("save through links");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&link2)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&target), "edited");
        assert_eq!(read(&backup_path(&target)), "original");
        assert_eq!(
            names_in(dir.path()),
            ["link.ron", "link2.ron", "shared-drive"]
        );
    }

    #[test]
    fn a_link_loop_gives_a_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::os::unix::fs::symlink(&b, &a).expect("symlink");
        std::os::unix::fs::symlink(&a, &b).expect("symlink");
        let e = save_bytes_atomic(&a, b"x", None).expect_err("a loop");
        assert!(e.to_string().contains("symbolic links"), "{e}");
    }

    #[test]
    fn a_sensitive_files_permissions_are_kept_by_the_file_and_its_backup() {
        for mode in [0o600, 0o640, 0o664] {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("sensitive.ron");
            std::fs::write(&path, "v0").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
            save_bytes_atomic(&path, b"v1", None).expect("save");
            let got = std::fs::metadata(&path).expect("meta").mode() & 0o777;
            assert_eq!(got, mode, "the file keeps {mode:o}");
            let bak = std::fs::metadata(backup_path(&path)).expect("meta").mode() & 0o777;
            assert_eq!(bak, mode, "the .bak keeps {mode:o}");
        }
    }

    #[test]
    fn a_colleagues_file_keeps_its_owner_when_root_saves_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("colleague.ron");
        std::fs::write(&path, "v0").expect("write");
        // Only root can give a file away; as anyone else there is nothing to test.
        if std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_err() {
            eprintln!("skipped: needs root to give the file another owner");
            return;
        }
        save_bytes_atomic(&path, b"v1", None).expect("save");
        let meta = std::fs::metadata(&path).expect("meta");
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    }

    #[test]
    fn a_hard_link_keeps_the_previous_version() {
        // Documented in docs/reliability.md: the save replaces the name it was
        // given; another name for the same file keeps what it had.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("option.ron");
        std::fs::write(&path, "v0").expect("write");
        let other = dir.path().join("other-name.ron");
        std::fs::hard_link(&path, &other).expect("hard link");
        save_bytes_atomic(&path, b"v1", None).expect("save");
        assert_eq!(read(&path), "v1");
        assert_eq!(read(&other), "v0");
    }

    #[test]
    fn a_killed_tidy_leaves_the_old_or_new_file_and_the_next_save_cleans_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.ron");
        // Large enough that a kill lands inside the save now and then.
        let mut text = String::from(
            "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 3), costs: [",
        );
        for i in 0..5000 {
            let _ = write!(
                text,
                "Flow(label: \"cost {i}\", amount: {i}, profile: Once(2014)),"
            );
        }
        text.push_str("])");
        let arg = path.to_str().expect("utf-8").to_owned();
        let mut tidied: Option<String> = None;
        for round in 0..40u64 {
            std::fs::write(&path, &text).expect("write");
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_counterweight"))
                .args(["tidy", &arg])
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn");
            std::thread::sleep(std::time::Duration::from_micros(
                500 * (round % 20) * (round % 7 + 1),
            ));
            let _ = child.kill();
            let _ = child.wait();
            let now = read(&path);
            if now != text {
                let t = tidied.get_or_insert_with(|| now.clone());
                assert_eq!(
                    &now, t,
                    "round {round}: the old or the new file, never half"
                );
            }
            assert!(
                counterweight::scenario::load_str(&now).is_ok(),
                "round {round}"
            );
            // The next save leaves nothing behind.
            save_bytes_atomic(&path, text.as_bytes(), None).expect("next save");
            let left: Vec<String> = names_in(dir.path())
                .into_iter()
                .filter(|n| n.contains(".tmp"))
                .collect();
            assert!(left.is_empty(), "round {round}: litter {left:?}");
        }
    }
}

#[cfg(windows)]
mod windows {
    use super::*;
    use std::os::windows::fs::OpenOptionsExt as _;

    #[test]
    fn a_file_held_open_by_another_program_gives_a_message_and_keeps_the_work() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("open-in-excel.ron");
        std::fs::write(&path, "theirs").expect("write");
        // As Excel holds a workbook: others may read it, not replace it.
        const FILE_SHARE_READ: u32 = 1;
        let held = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .share_mode(FILE_SHARE_READ)
            .open(&path)
            .expect("hold the file");
        let e = save_bytes_atomic(&path, b"mine", None).expect_err("held open");
        let text = e.to_string();
        assert!(text.contains("open in another program"), "{text}");
        assert!(text.contains("the file on disk was not changed"), "{text}");
        drop(held);
        assert_eq!(read(&path), "theirs");
        let litter: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.contains(".tmp"))
            .collect();
        assert!(litter.is_empty(), "{litter:?}");
        // Once the other program lets go, the same save works.
        save_bytes_atomic(&path, b"mine", None).expect("save after release");
        assert_eq!(read(&path), "mine");
    }

    #[test]
    fn a_file_held_with_no_sharing_at_all_names_the_other_program() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("locked.ron");
        std::fs::write(&path, "theirs").expect("write");
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(&path)
            .expect("hold the file");
        let e = save_bytes_atomic(&path, b"mine", None).expect_err("held open");
        assert!(e.to_string().contains("another program"), "{e}");
        drop(held);
        assert_eq!(read(&path), "theirs");
    }

    #[test]
    fn paths_shown_have_no_verbatim_prefix() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("option.ron");
        std::fs::write(&path, "x").expect("write");
        let shown = counterweight::paths::canonical(&path);
        assert!(
            !shown.to_string_lossy().starts_with(r"\\?\"),
            "{}",
            shown.display()
        );
    }
}
