//! The app driven headless by its labels, as a screen reader sees it
//! (`egui_kittest`: no display, no GPU).

use std::path::Path;

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::plot::MIN_PLOT_HEIGHT;
use super::{App, Config, Prefs};
use crate::chart::{self, Basis};
use crate::model::evaluate;
use crate::report::pounds;
use crate::scenario::load_path;

fn app(files: Vec<std::path::PathBuf>) -> App {
    App::headless(files)
}

/// The whole app in a `size` window, driven headless; not stepped yet.
/// (The app's other test modules use this too.)
pub(super) fn harness_of_size(app: App, size: [f32; 2]) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut App| app.frame_ui(ui), app)
}

fn harness(app: App) -> Harness<'static, App> {
    let mut h = harness_of_size(app, [1600.0, 1200.0]);
    h.run();
    h
}

/// Replaces the text of the field labelled `label` with `text`, as typing would.
fn retype(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn tab<'a>(h: &'a Harness<'_, App>) -> &'a super::Tab {
    let app = h.state();
    &app.tabs[app.active]
}

fn net_savings_label(npv: f64) -> String {
    format!("Net savings: {}", pounds(npv))
}

#[test]
fn typing_a_claim_updates_the_headline_to_what_the_model_gives() {
    let mut h = harness(app(Vec::new()));
    let before = tab(&h).results.npv.net_savings;
    h.get_by_label(&net_savings_label(before));

    retype(&mut h, "Claimed amount", "£120m");
    h.key_press(Key::Tab);
    h.run();

    let t = tab(&h);
    let claim = t
        .scenario
        .savings
        .iter()
        .find(|f| f.claim)
        .expect("a claim flow");
    assert!(
        (claim.amount.central() - 120e6).abs() < 1e-3,
        "claim is {:?}",
        claim.amount
    );
    let expected = evaluate(&t.scenario).npv.net_savings;
    assert!((t.results.npv.net_savings - expected).abs() < 1e-6);
    assert!(
        (expected - before).abs() > 1e6,
        "the claim should move net savings"
    );
    h.get_by_label(&net_savings_label(expected));
    // The field shows the amount back in the house style.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Claimed amount")
            .value()
            .as_deref(),
        Some("£120.0m")
    );
}

#[test]
fn money_that_is_not_money_is_marked_and_results_stay() {
    let mut h = harness(app(Vec::new()));
    let before = tab(&h).results.clone();
    retype(&mut h, "Claimed amount", "a lot");
    h.get_by_label_contains("expected an amount of money");
    assert_eq!(tab(&h).results, before);
}

#[test]
fn quick_entry_of_a_claim_as_written() {
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claim as written", "£100m over 7 years");
    h.get_by_label("Use this claim").click();
    h.run();
    let t = tab(&h);
    let claim = t
        .scenario
        .savings
        .iter()
        .find(|f| f.claim)
        .expect("a claim flow");
    assert_eq!(claim.amount, crate::scenario::Value::Point(100e6));
    assert_eq!(
        claim.profile,
        crate::scenario::Profile::Spread {
            from: 2014,
            years: 7
        }
    );
    h.get_by_label_contains("£100.0m in total, spread evenly over 2014–2020");

    retype(&mut h, "Claim as written", "savings of some sort");
    h.get_by_label("Use this claim").click();
    h.run();
    h.get_by_label_contains("expected an amount and a period");
}

#[test]
fn adding_and_deleting_a_job_move_can_be_undone() {
    let mut h = harness(app(Vec::new()));
    let original = tab(&h).scenario.job_moves.len();
    h.get_by_label(&format!("Jobs moved offshore ({original})"))
        .click_accesskit();
    h.run();
    h.get_by_label("➕ Add job move").click_accesskit();
    h.run();
    assert_eq!(tab(&h).scenario.job_moves.len(), original + 1);
    h.get_by_label(&format!("Delete job move {}", original + 1))
        .click_accesskit();
    h.run();
    assert_eq!(tab(&h).scenario.job_moves.len(), original);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        tab(&h).scenario.job_moves.len(),
        original + 1,
        "undo brings the deleted job move back"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(tab(&h).scenario.job_moves.len(), original);
    assert!(
        !tab(&h).is_dirty(),
        "undoing every edit is back to the saved scenario"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(tab(&h).scenario.job_moves.len(), original + 1, "redo");
}

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
fn invalid_values_are_marked_at_the_field() {
    let mut h = harness(app(Vec::new()));
    let before = tab(&h).results.clone();
    h.get_by_label_contains("Data risk (").click_accesskit();
    h.run();
    retype(&mut h, "Share exposed", "150%");
    assert!(tab(&h).has_errors());
    assert_eq!(tab(&h).results, before, "the last valid results stay");
    // At the field, and in the list of problems above the results.
    assert_eq!(
        h.get_all_by_label_contains("exposed_share` 1.5 is outside 0–1")
            .count(),
        2
    );
}

#[test]
fn autosave_offers_unsaved_work_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = || Config {
        autosave_dir: Some(dir.path().to_path_buf()),
        dialogs: false,
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
    retype(&mut h, "Real growth a year", "500%");
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
fn every_results_view_draws_for_every_bundled_scenario() {
    let mut h = harness(app(Vec::new()));
    for i in 1..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::OpenExample(i), &egui::Context::default());
    }
    h.run();
    assert_eq!(h.state().tabs.len(), super::EXAMPLES.len());
    for i in 0..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::SelectTab(i), &egui::Context::default());
        for view in super::View::ALL {
            h.get_by_label(view.name()).click_accesskit();
            // The uncertainty panel keeps repainting while Monte Carlo runs
            // in the background, so step a few frames rather than settle.
            h.run_steps(3);
        }
    }
    // The tornado names the input that matters most.
    h.get_by_label("What matters most").click_accesskit();
    h.run_steps(3);
    h.get_by_label_contains("matters most:");
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

/// Steps the app until the Monte Carlo run has reported, for at most a minute.
fn wait_for_uncertainty(h: &mut Harness<'_, App>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while h
        .query_by_label_contains("chance the UK is better off")
        .is_none()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the uncertainty never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn at_1280_by_720_the_headline_chart_keeps_its_height_and_its_source_line_shows() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    wait_for_uncertainty(&mut h);
    let chart = tab(&h).with_subject(|s| chart::net(s, Basis::Discounted));
    let status_top = h
        .get_by_label_contains("Not saved to a file yet")
        .rect()
        .top();
    // The plot lies between the title (and subtitle) and the source line.
    let plot_room = |h: &Harness<'_, App>| {
        h.get_by_label(&chart.source).rect().top() - h.get_by_label(&chart.title).rect().bottom()
    };
    let source = |h: &Harness<'_, App>| h.get_by_label(&chart.source).rect();

    // At this size the uncertainty panel starts closed, its header giving
    // the chance of a gain, and the whole chart fits without scrolling.
    assert!(
        source(&h).bottom() <= status_top,
        "source line at {:?}, hidden under the status bar at {status_top}",
        source(&h)
    );
    assert!(source(&h).right() <= 1280.0, "{:?}", source(&h));
    assert!(plot_room(&h) >= MIN_PLOT_HEIGHT, "{}", plot_room(&h));

    // Opened, the panel pushes the chart down, but not into a sliver: the
    // results scroll, the source line can be scrolled to, and scrolling
    // does not resize the chart.
    h.get_by_label_contains("chance the UK is better off")
        .click();
    h.run();
    h.get_by_label("NPV, 10000 draws");
    let open = plot_room(&h);
    assert!(open >= MIN_PLOT_HEIGHT, "{open}");
    assert!(
        source(&h).bottom() > status_top,
        "expected to need scrolling"
    );
    h.get_by_label(&chart.source).scroll_to_me();
    h.run();
    assert!(
        source(&h).bottom() <= status_top,
        "after scrolling: {:?}",
        source(&h)
    );
    assert_eq!(plot_room(&h), open, "scrolling resized the chart");
}

#[test]
fn lines_named_at_their_ends_are_not_named_again_in_the_legend() {
    let h = harness(app(Vec::new()));
    let chart = tab(&h).with_subject(|s| chart::net(s, Basis::Discounted));
    let mut labelled = 0;
    for s in &chart.series {
        match &s.direct_label {
            Some(label) => {
                labelled += 1;
                // Written beside the line, where a screen reader finds it
                // too, and only there: not again in the legend.
                assert_eq!(
                    h.query_all_by_role_and_label(Role::Label, label).count(),
                    1,
                    "“{label}” is in the legend as well"
                );
            }
            None => {
                // In the legend above the plot.
                h.get_by_role_and_label(Role::Label, &s.name);
            }
        }
    }
    assert!(labelled >= 2, "the headline chart labels its lines");
}

#[test]
fn at_1280_by_720_every_scenario_in_the_compare_table_can_be_brought_into_view() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    for i in 1..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::OpenExample(i), &egui::Context::default());
    }
    h.state_mut().apply(
        super::Command::SetView(super::View::Compare),
        &egui::Context::default(),
    );
    h.run_steps(3);
    let last = tab(&h).name();
    // Asks to scroll the column header into view; gives where it is now.
    // It is the lower of the two places the name shows (the other is its tab).
    let scroll_to_column = |h: &Harness<'_, App>| {
        h.get_all_by_label(&last)
            .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .map(|n| {
                n.scroll_to_me();
                n.rect()
            })
            .expect("the last scenario's column")
    };
    scroll_to_column(&h);
    h.run_steps(3);
    // Before, the table ran off the side with no way to reach this column.
    let r = scroll_to_column(&h);
    assert!(
        r.right() <= 1280.0 && r.width() <= 200.0,
        "the last column is at {r:?}"
    );
}

#[test]
fn a_negative_claim_keeps_a_ranged_claim_in_order() {
    // The claim is Tri(£30m, £100m, £120m): scaling it to −£10m used to give
    // low −£3m above the central −£10m, an error the user had not typed.
    let mut h = harness(app(Vec::new()));
    retype(&mut h, "Claimed amount", "-£10m");
    let t = tab(&h);
    assert!(!t.has_errors(), "{:?}", t.field_errors);
    assert_eq!(
        t.scenario.savings[0].amount,
        crate::scenario::Value::Tri {
            low: -12e6,
            mode: -10e6,
            high: -3e6
        }
    );
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
