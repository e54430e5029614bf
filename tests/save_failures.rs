//! Saves against a real full disk and a real read-only folder: a clear
//! message, and the original file untouched. These need a tiny tmpfs, which
//! only root can mount (CI runs as root); elsewhere they say so and pass,
//! and `tests/format_rules.rs` still injects a failure at every save step.
//! On Windows there is no tmpfs: the tests are marked ignored there, so the
//! test summary counts them as not run rather than passed.

use std::path::{Path, PathBuf};
use std::process::Command;

use counterweight::scenario::{Flow, Profile, Scenario, file::SaveStep, load_path, save_atomic};

struct TinyFs {
    dir: PathBuf,
}

impl TinyFs {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?.keep();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            Some(Self { dir })
        } else {
            eprintln!("skipping: cannot mount a tmpfs here (not root?)");
            None
        }
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for TinyFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
        let _ = std::fs::remove_dir(&self.dir);
    }
}

fn big_scenario() -> Scenario {
    let mut s = Scenario::new("A scenario too big for the disk", 2014, 10);
    for i in 0..2000 {
        s.costs.push(Flow::new(
            format!("Cost line {i} with a long label to take space"),
            1e6,
            Profile::Once(2014),
        ));
    }
    s
}

fn write_original(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("option.ron");
    let original = counterweight::scenario::write::to_ron(&Scenario::new("Original", 2014, 10));
    std::fs::write(&path, &original).expect("write original");
    (path, original)
}

#[test]
#[cfg_attr(
    windows,
    ignore = "needs a Linux tmpfs: a real full disk and read-only folder"
)]
fn a_full_disk_gives_a_message_and_keeps_the_original() {
    let Some(fs) = TinyFs::mount("64k") else {
        return;
    };
    let (path, original) = write_original(&fs.dir);
    let err = save_atomic(&path, &big_scenario()).expect_err("the disk is full");
    assert_eq!(err.step, SaveStep::Write, "{err}");
    assert!(err.to_string().contains("is the disk full?"), "{err}");
    assert!(
        err.to_string().contains("the file on disk was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
    assert!(load_path(&path).is_ok());
    let names: Vec<String> = std::fs::read_dir(&fs.dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["option.ron".to_owned()],
        "no temporary file left behind"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "needs a Linux tmpfs: a real full disk and read-only folder"
)]
fn a_read_only_folder_gives_a_message_and_keeps_the_original() {
    let Some(fs) = TinyFs::mount("1m") else {
        return;
    };
    let (path, original) = write_original(&fs.dir);
    assert!(fs.remount_read_only(), "remount read-only");
    let err = save_atomic(&path, &Scenario::new("New", 2014, 10)).expect_err("read-only");
    assert_eq!(err.step, SaveStep::CreateTemp, "{err}");
    assert!(err.to_string().contains("is it read-only?"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "needs a Linux tmpfs: a real full disk and read-only folder"
)]
fn tidy_on_a_full_disk_exits_1_with_the_message() {
    let Some(fs) = TinyFs::mount("64k") else {
        return;
    };
    let path = fs.dir.join("big.ron");
    // Written compactly by hand so it fits; tidy's pretty layout does not.
    let items: Vec<String> = (0..300)
        .map(|i| format!("Flow(label:\"c{i}\",amount:1,profile:Once(2014))"))
        .collect();
    let compact = format!(
        "Scenario(format_version:1,title:\"t\",settings:Settings(start_year:2014,horizon_years:3),costs:[{}])",
        items.join(",")
    );
    std::fs::write(&path, &compact).expect("write");
    // Fill the rest of the disk.
    let filler = vec![0u8; 1024];
    let mut n = 0;
    while std::fs::write(fs.dir.join(format!("fill{n}")), &filler).is_ok() {
        n += 1;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_counterweight"))
        .arg("tidy")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could not save"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), compact);
}
