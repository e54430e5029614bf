//! Recent files and autosave.

use super::*;

#[test]
fn recent_files_are_unique_newest_first_and_capped() {
    let mut recent = Vec::new();
    for i in 0..12 {
        remember(&mut recent, Path::new(&format!("/tmp/{i}.ron")));
    }
    remember(&mut recent, Path::new("/tmp/5.ron"));
    assert_eq!(recent.len(), 10);
    assert_eq!(recent[0], PathBuf::from("/tmp/5.ron"));
    assert_eq!(
        recent
            .iter()
            .filter(|p| p.as_path() == Path::new("/tmp/5.ron"))
            .count(),
        1
    );
}

#[test]
fn autosaved_work_is_found_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = Autosave::new(dir.path().to_path_buf());
    let s = Scenario::new("Lost work", 2020, 5);
    a.write(7, 1, &s, Some(Path::new("/shared/x.ron")));
    drop(a.alive.take()); // as if the window crashed: its lock is gone
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut found = Vec::new();
    while found.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        found = Autosave::new(dir.path().to_path_buf()).find_recoverable();
        if found.first().is_some_and(|r| r.origin.is_none()) {
            found.clear();
        }
    }
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].scenario, s);
    assert_eq!(found[0].origin.as_deref(), Some(Path::new("/shared/x.ron")));
}

#[test]
fn discarded_work_is_not_offered_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = Autosave::new(dir.path().to_path_buf());
    a.write(1, 1, &Scenario::new("Thrown away", 2020, 5), None);
    a.remove(1);
    drop(a); // quitting waits for the queue
    assert!(
        Autosave::new(dir.path().to_path_buf())
            .find_recoverable()
            .is_empty()
    );
}

#[test]
fn a_window_still_open_keeps_its_own_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut open = Autosave::new(dir.path().to_path_buf());
    open.heartbeat();
    open.write(1, 1, &Scenario::new("Still being edited", 2020, 5), None);
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_dir(dir.path()).map_or(0, Iterator::count) < 3 && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        Autosave::new(dir.path().to_path_buf())
            .find_recoverable()
            .is_empty(),
        "the other window is alive"
    );
    // It crashes: the operating system drops its lock, and nothing is
    // cleaned up. Its work is offered at once, not 30 seconds later.
    drop(open.alive.take());
    std::mem::forget(open);
    assert_eq!(
        Autosave::new(dir.path().to_path_buf())
            .find_recoverable()
            .len(),
        1
    );
}
