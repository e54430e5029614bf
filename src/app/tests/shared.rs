//! Shared files: a colleague's save is never overwritten unseen, a second
//! window opens a file read-only, a read-only file is not saved over
//! unless asked, and a save changes only what was edited.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{App, Config, EXAMPLES, Prefs, harness, retype, tab};
use crate::scenario::load_path;

/// The `MoJ` example written to `dir`, as a colleague's file would be.
fn moj_file(dir: &Path) -> PathBuf {
    let path = dir.join("moj.ron");
    std::fs::write(&path, EXAMPLES[0].1).expect("write");
    path
}

/// The app with `files` open and one-editor-per-file locks in `locks`.
fn app_with_locks(files: Vec<PathBuf>, locks: &Path) -> App {
    App::new(
        &egui::Context::default(),
        Prefs::default(),
        files,
        Config {
            autosave_dir: None,
            dialogs: false,
            lock_dir: Some(locks.to_path_buf()),
        },
    )
}

/// The colleague's edit, made outside the app: the claim's note.
fn their_edit(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let edited = text.replacen(
        "title: \"MoJ back office",
        "title: \"Their MoJ back office",
        1,
    );
    assert_ne!(edited, text, "the edit applies");
    std::fs::write(path, edited).expect("write");
}

fn save(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
}

fn focus(h: &mut Harness<'_, App>, focused: bool) {
    h.event(egui::Event::WindowFocused(focused));
    h.run();
    // The files are read on another thread: wait for its answer.
    let start = std::time::Instant::now();
    while h.state().checking_files() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run();
    }
    assert!(
        !h.state().checking_files(),
        "the focus check never answered"
    );
    h.run();
}

#[test]
fn a_colleagues_save_is_noticed_before_saving_and_overwrite_keeps_theirs_as_the_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    their_edit(&path);
    let theirs = std::fs::read_to_string(&path).expect("read");

    save(&mut h);
    h.get_by_label("Someone else has changed this file");
    h.get_by_label_contains("Your edits have not been saved.");
    // What they changed, in the app's words.
    h.get_by_label_contains("Their MoJ back office");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        theirs,
        "not overwritten"
    );
    assert!(tab(&h).is_dirty());

    h.get_by_label("Overwrite theirs").click();
    h.run();
    assert!(h.state().conflict.is_none());
    assert!(!tab(&h).is_dirty());
    let saved = load_path(&path).expect("loads").scenario;
    assert_eq!(saved, tab(&h).scenario, "mine won");
    let backup = crate::scenario::file::backup_path(&path);
    assert_eq!(
        std::fs::read_to_string(backup).expect("bak"),
        theirs,
        "theirs is the .bak"
    );
    // The next save is checked against what this save wrote: no false alarm.
    retype(&mut h, "Claimed amount", "£125m");
    save(&mut h);
    assert!(
        h.state().conflict.is_none(),
        "no conflict with our own save"
    );
    assert!(!tab(&h).is_dirty());
}

#[test]
fn reload_theirs_shows_their_version_and_keeps_the_edits_in_a_new_tab_and_in_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    let mine = tab(&h).scenario.clone();
    their_edit(&path);
    save(&mut h);
    h.get_by_label("Reload theirs").click();
    h.run();

    let theirs = load_path(&path).expect("loads").scenario;
    assert_eq!(tab(&h).scenario, theirs);
    assert!(!tab(&h).is_dirty());
    assert_eq!(h.state().tabs.len(), 2, "the edits in a new tab");
    let copy = &h.state().tabs[1];
    assert_eq!(copy.scenario, mine);
    assert!(
        copy.path.is_none() && copy.is_dirty(),
        "unsaved, so autosave keeps it"
    );
    // Undo in the reloaded tab brings the edits back too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(tab(&h).scenario, mine);
}

#[test]
fn keep_both_saves_mine_as_a_new_file_and_leaves_theirs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    their_edit(&path);
    let theirs = std::fs::read_to_string(&path).expect("read");
    save(&mut h);
    h.get_by_label("Keep both…").click();
    h.run();
    let mine = dir.path().join("mine.ron");
    retype(&mut h, "File path", &mine.display().to_string());
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    assert_eq!(load_path(&mine).expect("loads").scenario, tab(&h).scenario);
    assert_eq!(
        tab(&h).path.as_deref(),
        Some(crate::paths::canonical(&mine).as_path())
    );
}

#[test]
fn keep_editing_saves_nothing_and_the_next_save_asks_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    their_edit(&path);
    let theirs = std::fs::read_to_string(&path).expect("read");
    save(&mut h);
    h.get_by_label("Keep editing").click();
    h.run();
    assert!(tab(&h).is_dirty());
    save(&mut h);
    h.get_by_label("Someone else has changed this file");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
}

#[test]
fn coming_back_to_the_window_reloads_an_unedited_tab_and_asks_about_an_edited_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    focus(&mut h, false);
    their_edit(&path);
    focus(&mut h, true);
    assert!(h.state().conflict.is_none(), "nothing to lose: no question");
    assert!(tab(&h).scenario.title.starts_with("Their MoJ"));
    assert!(
        h.state().status.contains("reloaded"),
        "{}",
        h.state().status
    );

    retype(&mut h, "Claimed amount", "£120m");
    focus(&mut h, false);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("Their MoJ", "Their own MoJ", 1)).expect("write");
    focus(&mut h, true);
    h.get_by_label("Someone else has changed this file");
    h.get_by_label("Keep editing").click();
    h.run();
    // Told once: coming back again does not ask about the same version.
    focus(&mut h, false);
    focus(&mut h, true);
    assert!(h.state().conflict.is_none());
}

#[test]
fn a_late_answer_from_the_focus_check_leaves_a_tab_that_saved_meanwhile_alone() {
    use crate::app::outside::{FocusCheck, When, outside_change};
    use crate::scenario::file::OnDisk;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    their_edit(&path);
    let found = outside_change(tab(&h), When::Focus).expect("their edit is seen");
    // The check began when the tab had another version (it saved since).
    h.state_mut().focus_check = Some(FocusCheck::answered(vec![(
        found.clone(),
        OnDisk::of(b"an older version"),
    )]));
    h.run();
    assert!(!h.state().checking_files(), "the answer was taken");
    assert!(h.state().conflict.is_none());
    assert!(
        !tab(&h).scenario.title.starts_with("Their MoJ"),
        "not reloaded"
    );
    // The same answer for the version the tab has: it follows the file.
    let was = tab(&h).opened.as_ref().expect("opened").on_disk;
    h.state_mut().focus_check = Some(FocusCheck::answered(vec![(found, was)]));
    h.run();
    assert!(tab(&h).scenario.title.starts_with("Their MoJ"), "reloaded");
}

#[test]
fn a_deleted_file_is_said_so_and_can_be_saved_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    std::fs::remove_file(&path).expect("remove");
    save(&mut h);
    h.get_by_label("The file has been moved or deleted");
    h.get_by_label("Save it here again").click();
    h.run();
    assert_eq!(load_path(&path).expect("loads").scenario, tab(&h).scenario);
}

#[test]
fn a_second_window_opens_the_file_read_only_until_the_first_lets_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    let locks = dir.path().join("locks");
    let path = moj_file(dir.path());
    let first = harness(app_with_locks(vec![path.clone()], &locks));
    assert!(!tab(&first).read_only);

    let mut second = harness(app_with_locks(vec![path.clone()], &locks));
    assert!(tab(&second).read_only);
    second.get_by_label_contains(
        "Read-only: this file is being edited in another Counterweight window",
    );
    // Its editor is disabled, and Save refuses with the way out.
    second.get_by_label("Edit anyway");
    let mut edited = tab(&second).scenario.clone();
    edited.title = "Second window".into();
    second.state_mut().tabs[0].edit(edited, None);
    let before = std::fs::read_to_string(&path).expect("read");
    save(&mut second);
    let message = second.state().error.clone().expect("refused");
    assert!(message.contains("Save As"), "{message}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    second.get_by_label("OK").click();
    second.run();
    // Edit anyway: it saves (the check before saving still guards the first window's work).
    second.get_by_label("Edit anyway").click();
    second.run();
    assert!(!tab(&second).read_only);
    save(&mut second);
    assert!(second.state().error.is_none(), "{:?}", second.state().error);
    assert_eq!(
        load_path(&path).expect("loads").scenario.title,
        "Second window"
    );

    // The lock goes with the window that held it.
    drop(first);
    drop(second);
    let third = harness(app_with_locks(vec![path], &locks));
    assert!(!tab(&third).read_only);
}

#[test]
fn a_read_only_file_is_not_saved_over_unless_asked_and_stays_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    save(&mut h);
    h.get_by_label("The file is read-only");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), EXAMPLES[0].1);
    h.get_by_label("Save anyway").click();
    h.run();
    assert!(!tab(&h).is_dirty(), "{:?}", h.state().error);
    assert_eq!(load_path(&path).expect("loads").scenario, tab(&h).scenario);
    assert!(
        std::fs::metadata(&path)
            .expect("meta")
            .permissions()
            .readonly(),
        "marked read-only again"
    );
    // Cancel leaves it alone.
    retype(&mut h, "Claimed amount", "£130m");
    save(&mut h);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(tab(&h).is_dirty());
    assert!(h.state().read_only_file.is_none());
}

#[test]
fn saving_an_edit_changes_only_that_value_and_keeps_the_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let mut h = harness(App::headless(vec![path.clone()]));
    retype(&mut h, "Claimed amount", "£120m");
    save(&mut h);
    assert!(!tab(&h).is_dirty(), "{:?}", h.state().error);
    let old = EXAMPLES[0].1;
    let new = std::fs::read_to_string(&path).expect("read");
    let changed: Vec<(&str, &str)> = old
        .lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(old.lines().count(), new.lines().count());
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(changed[0].1.contains("120"), "{changed:?}");
    assert!(
        new.starts_with("// Counterweight scenario"),
        "comments kept"
    );
}

#[test]
fn compare_with_lists_each_change_with_its_effect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = moj_file(dir.path());
    let other = dir.path().join("other.ron");
    std::fs::write(&other, EXAMPLES[0].1).expect("write");
    their_edit(&other);
    let mut h = harness(App::headless(vec![path]));
    let id = tab(&h).id;
    h.state_mut().send(super::Command::Compare(id, other));
    h.run();
    assert!(h.state().comparison.is_some(), "{:?}", h.state().comparison);
    h.get_by_label_contains("(as it is now in this window) to");
    h.get_by_label_contains("Their MoJ back office");
    h.get_by_label_contains("Net social value (NPV):");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().comparison.is_none());
}
