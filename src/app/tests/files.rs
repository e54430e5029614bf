//! Files: saving, opening, closing, autosave, broken files and files
//! dropped on the window.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{App, Config, Prefs, app, harness, retype, tab};
use crate::scenario::load_path;

#[test]
fn save_as_then_reopen_gives_the_same_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("saved");
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claimed amount", "£90m");
    assert!(tab(&h).is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    retype(&mut h, "File path", &path.display().to_string());
    h.get_by_label("Save").click();
    h.run();

    let saved = dir.path().join("saved.ron");
    let t = tab(&h);
    assert!(!t.is_dirty(), "saved");
    let loaded = load_path(&saved).expect("the saved file loads").scenario;
    assert_eq!(loaded, t.scenario);

    // Opening it again shows the same tab rather than a copy.
    let tabs = h.state().tabs.len();
    h.state_mut()
        .apply(super::Command::OpenPath(saved), &egui::Context::default());
    assert_eq!(h.state().tabs.len(), tabs);
}

#[test]
fn files_named_on_the_command_line_open_as_tabs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.ron");
    let mut s = crate::scenario::Scenario::new("Option A", 2020, 5);
    crate::scenario::save_atomic(&a, &s).expect("save");
    let b = dir.path().join("b.ron");
    s.title = "Option B".into();
    crate::scenario::save_atomic(&b, &s).expect("save");
    let mut h = harness(app(vec![a, b]));
    assert_eq!(h.state().tabs.len(), 2);
    h.get_by_label("Compare scenarios").click();
    h.run();
    h.get_all_by_label("Option A")
        .next()
        .expect("compare column");
}

#[test]
fn closing_a_tab_with_unsaved_changes_asks_first() {
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claimed amount", "£80m");
    h.key_press(Key::Tab);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().tabs.len(), 1);
    assert!(tab(&h).is_dirty(), "cancel keeps the work");

    // The window's close button asks too.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().may_close, "after an answer the window may close");
}

#[test]
fn a_broken_file_shows_its_error_and_keeps_the_open_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(\n    format_version: 1,\n    title: \"Broken\",\n    settings: Settings(start_year: 2014, horizon_years: 10),\n    job_moves: [JobMove(label: \"x\", jobs: 3, year: 2015, salery: 1)],\n)\n")
        .expect("write");
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claimed amount", "£95m");
    let work = tab(&h).scenario.clone();

    h.get_by_label("File").click_accesskit();
    h.run();
    h.get_by_label("Open by typing a path…").click();
    h.run();
    retype(&mut h, "File path", &broken.display().to_string());
    h.get_by_label("Open").click();
    h.run();

    let message = h.state().error.clone().expect("an error is shown");
    assert!(message.contains("broken.ron:5:"), "{message}");
    assert!(message.contains("did you mean `salary`"), "{message}");
    h.get_by_label_contains("did you mean `salary`");
    assert_eq!(h.state().tabs.len(), 1);
    assert_eq!(tab(&h).scenario, work, "the open work is untouched");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().error.is_none());
}

#[test]
fn autosave_offers_unsaved_work_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = || Config {
        autosave_dir: Some(dir.path().to_path_buf()),
        dialogs: false,
        lock_dir: None,
    };
    let mut h = harness(App::new(
        &egui::Context::default(),
        Prefs::default(),
        Vec::new(),
        config(),
    ));
    retype(&mut h, "Claimed amount", "£70m");
    // Past the autosave interval.
    for _ in 0..4 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.state_mut().last_autosave = -100.0;
    h.run();
    let scenario = tab(&h).scenario.clone();
    drop(h); // the "crash": no save, no discard

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut again = App::new(
        &egui::Context::default(),
        Prefs::default(),
        Vec::new(),
        config(),
    );
    while again.recovered.is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        again = App::new(
            &egui::Context::default(),
            Prefs::default(),
            Vec::new(),
            config(),
        );
    }
    let mut h = harness(again);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Recover").click();
    h.run();
    let t = tab(&h);
    assert_eq!(t.scenario, scenario);
    assert!(t.is_dirty(), "recovered work is still unsaved");
    assert!(
        Path::new(dir.path())
            .read_dir()
            .map_or(0, std::iter::Iterator::count)
            <= 2
    );
}

#[test]
fn a_scenario_with_problems_is_not_saved_over_a_good_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("good.ron");
    crate::scenario::save_atomic(&path, &crate::scenario::Scenario::new("Good", 2020, 5))
        .expect("save");
    let before = std::fs::read(&path).expect("read");
    let mut h = harness(app(vec![path.clone()]));
    retype(&mut h, "Claim as written", "£10m over 3 years");
    h.get_by_label("Use this claim").click();
    h.run();
    let growth = crate::app::fields::field_name(
        &crate::app::fields::item_name("Savings", 1, &tab(&h).scenario.savings[0].label),
        "Real growth a year",
        "",
    );
    retype(&mut h, &growth, "500%");
    assert!(tab(&h).has_errors());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state()
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Not saved"))
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the good file is untouched"
    );
    assert!(tab(&h).is_dirty(), "the work is still there");
}

#[test]
fn every_file_in_the_bad_corpus_shows_its_message_and_keeps_the_open_work() {
    // The same corpus `check` and `report` are tested on
    // (tests/data/bad/, with the reviewed NAME.expected messages).
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claimed amount", "£95m");
    let work = tab(&h).scenario.clone();
    let mut corpus: Vec<std::path::PathBuf> = std::fs::read_dir("tests/data/bad")
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    corpus.sort();
    assert!(corpus.len() >= 20);
    for path in corpus {
        let expected = std::fs::read_to_string(path.with_extension("expected")).expect("expected");
        let first = expected.lines().next().expect("a message");
        // `check` prints `FILE:LINE:COL: error: message`; the app shows the message.
        let message_part = first.split(": error: ").nth(1).unwrap_or(first);
        h.state_mut().apply(
            super::Command::OpenPath(path.clone()),
            &egui::Context::default(),
        );
        h.run();
        let shown = h
            .state()
            .error
            .clone()
            .unwrap_or_else(|| panic!("{}: no error shown", path.display()));
        assert!(
            shown.contains(message_part),
            "{}: shows\n{shown}\nexpected\n{message_part}",
            path.display()
        );
        assert_eq!(h.state().tabs.len(), 1, "{}", path.display());
        assert_eq!(
            tab(&h).scenario,
            work,
            "{}: the open work is untouched",
            path.display()
        );
        h.get_by_label("OK").click();
        h.run();
    }
}

/// A file dropped on the window, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A `.ron` file dropped on the window opens as a new tab, and a broken one
/// dropped after it shows its message and leaves the open tabs as they were.
#[test]
fn files_dropped_on_the_window_open_as_tabs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("dropped.ron");
    let s = crate::scenario::Scenario::new("Dropped option", 2020, 5);
    crate::scenario::save_atomic(&good, &s).expect("save");
    let mut h = harness(app(Vec::new()));
    let before = h.state().tabs.len();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(good.clone())));
    h.run();
    assert_eq!(h.state().tabs.len(), before + 1);
    assert_eq!(tab(&h).scenario.title, "Dropped option");
    assert_eq!(tab(&h).path.as_deref(), Some(good.as_path()));

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(format_version: 1, title: ").expect("write");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(broken)));
    h.run();
    assert_eq!(h.state().tabs.len(), before + 1);
    assert_eq!(tab(&h).scenario.title, "Dropped option");
    h.get_all_by_label_contains("broken.ron")
        .next()
        .expect("the broken file's message names it");
}

#[test]
fn quit_remembers_the_open_files_as_closing_the_window_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    for p in [&a, &b] {
        crate::scenario::save_atomic(p, &crate::scenario::Scenario::new("One", 2020, 5))
            .expect("save");
    }
    for edited in [false, true] {
        let mut h = harness(app(vec![a.clone(), b.clone()]));
        if edited {
            let mut s = tab(&h).scenario.clone();
            s.title.push_str(", edited");
            h.state_mut().send(super::super::Command::Edit {
                scenario: Box::new(s),
                key: None,
            });
            h.run();
        }
        h.state_mut().send(super::super::UiCommand::Quit);
        h.run_steps(3);
        if edited {
            assert!(tab(&h).is_dirty(), "the edit should leave the tab unsaved");
            h.get_by_label("Don't save").click();
            h.run();
        }
        assert!(
            h.state().tabs.is_empty(),
            "edited {edited}: Quit closed every tab"
        );
        // What eframe does as the window closes.
        h.state_mut().remember_open_files();
        assert_eq!(
            h.state().prefs.open_files,
            vec![a.clone(), b.clone()],
            "edited {edited}"
        );
    }
}

#[test]
fn a_restart_brings_back_the_tab_that_was_in_front() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    for (p, title) in [(&a, "First"), (&b, "Second")] {
        crate::scenario::save_atomic(p, &crate::scenario::Scenario::new(title, 2020, 5))
            .expect("save");
    }
    let mut h = harness(app(vec![a.clone(), b.clone()]));
    // The last opened is in front; the user goes back to the first.
    assert_eq!(tab(&h).scenario.title, "Second");
    h.get_all_by_role(egui::accesskit::Role::Tab)
        .find(|t| {
            t.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("First"))
        })
        .expect("the first file's tab")
        .click();
    h.run();
    assert_eq!(tab(&h).scenario.title, "First");
    h.state_mut().send(super::super::UiCommand::Quit);
    h.run_steps(3);
    h.state_mut().remember_open_files();
    let prefs = h.state().prefs.clone();
    assert_eq!(prefs.active_file.as_deref(), Some(a.as_path()));

    let config = Config {
        autosave_dir: None,
        dialogs: false,
        lock_dir: None,
    };
    let again = App::new(&egui::Context::default(), prefs, Vec::new(), config);
    let h = harness(again);
    assert_eq!(h.state().tabs.len(), 2, "both files reopen");
    assert_eq!(tab(&h).scenario.title, "First", "in front as it was");
}

#[test]
fn one_draws_setting_kept_in_the_scenario_and_shown_in_both_places() {
    let mut h = harness(app(Vec::new()));
    h.get_by_label("Settings").click_accesskit();
    h.run_steps(3);
    let shown = |h: &egui_kittest::Harness<'_, App>| {
        let value = |name: &str| {
            h.get_by_role_and_label(egui::Role::SpinButton, name)
                .value()
                .unwrap_or_default()
        };
        (value("Draws"), value("Monte Carlo draws"))
    };
    // From the uncertainty panel...
    let id = tab(&h).id;
    h.state_mut()
        .send(super::super::Command::SetDraws(id, 20_000));
    h.run_steps(3);
    assert_eq!(tab(&h).scenario.settings.monte_carlo.draws, 20_000);
    assert_eq!(shown(&h), ("20000".to_owned(), "20000".to_owned()));
    assert!(
        tab(&h).is_dirty(),
        "a changed setting is saved with the file"
    );
    // ... and from Settings.
    let mut s = tab(&h).scenario.clone();
    s.settings.monte_carlo.draws = 5_000;
    h.state_mut().send(super::super::Command::Edit {
        scenario: Box::new(s),
        key: None,
    });
    h.run_steps(3);
    assert_eq!(shown(&h), ("5000".to_owned(), "5000".to_owned()));
    // Undo takes it back, in both.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(shown(&h), ("20000".to_owned(), "20000".to_owned()));
}
