//! Saving an opened file changes only what was edited: comments, blank
//! lines, field order and untouched numbers' spelling stay as they were.
//! The property: for every bundled scenario and for a file with comments in
//! every place RON allows them, change any one value (as the app's edit path
//! does, through `Scenario::value_mut`) and save: the old and new text differ
//! only inside that value's span, and the saved text loads as the edited
//! scenario.

mod common;

use counterweight::model::plan::Plan;
use counterweight::scenario::decode::locate;
use counterweight::scenario::patch::patch;
use counterweight::scenario::{Flow, Profile, Scenario, Value, load_str, syntax};

/// A file with a comment in every place RON allows one: before and after
/// the whole, between fields, after a field name and its colon, inside
/// tuples, lists and structs, block comments, nested block comments, blank
/// lines, numbers written with `_`, an unnamed struct and a `Some(…)`.
const COMMENTED: &str = r#"// A colleague's notes at the top.
/* and a block comment
   over two lines */
#![enable(implicit_some)]
Scenario( // after the opening bracket
    format_version: 1,

    title /* before the colon */ : /* after it */ "Commented option",
    settings: Settings(
        start_year: 2014, // the contract starts
        horizon_years: 10,
        /* nested /* block */ comment */
        discounting: GreenBook,
    ),
    assumptions: ( // an unnamed struct
        months_out_of_work: Tri(/* low */ 3, 9 /* mode */, 18),
        local_multiplier: Some(1.3),
        notes: {"local_multiplier": "ONS regional figure"}, // why it was changed
    ),

    // Savings, as claimed.
    savings: [
        Flow(
            label: "Back office", // MoJ's figure
            amount: Tri(70_000_000, 100_000_000, 110_000_000),
            profile: Spread(from: 2014, years: 7),
            claim: true,
        ), // trailing comment after an item
        /* between items */
        Flow(label: "Estates", amount: 2_000_000, profile: Annual(from: 2016)),
    ],
    costs: [Flow(label: "Set-up", amount: 15_000_000, profile: Once(2014))], // one line
    job_moves: [
        JobMove(label: "Payroll", jobs: 300, year: 2015, salary: 24_000),
    ],
) // after the closing bracket
// and at the very end
"#;

fn files() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = common::scenarios_and_example()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (p.display().to_string(), text)
        })
        .collect();
    all.push(("COMMENTED".to_owned(), COMMENTED.to_owned()));
    all
}

/// The value moved to something else of the same shape.
fn changed(v: &Value) -> Value {
    let bump = |x: f64| if x == 0.0 { 0.25 } else { x * 0.5 };
    match *v {
        Value::Point(x) => Value::Point(bump(x)),
        Value::Tri { low, mode, high } => Value::Tri {
            low: bump(low),
            mode: bump(mode),
            high: bump(high),
        },
        Value::Pert { low, mode, high } => Value::Pert {
            low: bump(low),
            mode: bump(mode),
            high: bump(high),
        },
        Value::Uniform { low, high } => Value::Uniform {
            low: bump(low),
            high: bump(high),
        },
    }
}

/// The byte range of `old` that differs from `new` (common prefix and suffix
/// taken off).
fn changed_range(old: &str, new: &str) -> (usize, usize) {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    (prefix, old.len() - suffix)
}

#[test]
fn changing_any_one_value_changes_only_that_values_span() {
    let mut checked = 0;
    for (name, text) in files() {
        let loaded = load_str(&text).unwrap_or_else(|e| panic!("{name}: {}", e.display_in(&name)));
        let tree = syntax::parse(&text).expect("parses");
        let plan = Plan::new(&loaded.scenario);
        for param in &plan.params {
            let mut edited = loaded.scenario.clone();
            let Some(v) = edited.value_mut(&param.path) else {
                continue;
            };
            *v = changed(v);
            if counterweight::scenario::validate(&edited)
                .iter()
                .any(counterweight::scenario::Diagnostic::is_error)
            {
                continue; // a changed value the rules refuse (a share over 1)
            }
            let saved = patch(&text, &edited);
            assert!(
                saved.kept_layout,
                "{name} {}: fell back to the standard layout",
                param.path
            );
            let back = load_str(&saved.text).expect("the saved text loads");
            assert_eq!(back.scenario, edited, "{name} {}", param.path);
            let span = locate(&tree, &param.path);
            let (from, to) = changed_range(&text, &saved.text);
            assert!(
                span.start <= from && to <= span.end,
                "{name} {}: changed {from}..{to} ({:?} → {:?}), outside the value at {}..{} ({:?})",
                param.path,
                &text[from..to.max(from)],
                &saved.text[from..saved.text.len() - (text.len() - to)],
                span.start,
                span.end,
                &text[span.start..span.end],
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} values tried");
}

#[test]
fn an_unchanged_scenario_saves_the_same_bytes() {
    for (name, text) in files() {
        let loaded = load_str(&text).expect("loads");
        let saved = patch(&text, &loaded.scenario);
        assert!(saved.kept_layout, "{name}");
        assert_eq!(saved.text, text, "{name}");
    }
}

fn commented() -> Scenario {
    load_str(COMMENTED).expect("loads").scenario
}

fn saved_as(s: &Scenario) -> String {
    let p = patch(COMMENTED, s);
    assert!(p.kept_layout, "fell back:\n{}", p.text);
    assert_eq!(&load_str(&p.text).expect("loads").scenario, s);
    p.text
}

/// Lines of `new` not in `old`, and of `old` not in `new`, as a line diff
/// would list them (every comment line must survive).
fn line_changes(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let o: Vec<&str> = old.lines().collect();
    let n: Vec<&str> = new.lines().collect();
    let added = n
        .iter()
        .filter(|l| !o.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    let removed = o
        .iter()
        .filter(|l| !n.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    (added, removed)
}

#[test]
fn three_numbers_changed_are_three_changed_lines() {
    let mut s = commented();
    s.settings.horizon_years = 12;
    s.job_moves[0].jobs = Value::Point(250.0);
    s.costs[0].amount = Value::Point(16_500_000.0);
    let text = saved_as(&s);
    let (added, removed) = line_changes(COMMENTED, &text);
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert_eq!(added.len(), 3, "{added:?}");
    assert!(text.contains("horizon_years: 12,"));
    assert!(text.contains("JobMove(label: \"Payroll\", jobs: 250, year: 2015, salary: 24_000)"));
    // Written with the file's own digit grouping.
    assert!(text.contains("amount: 16_500_000, profile: Once(2014))], // one line"));
    assert!(
        text.contains("amount: Tri(70_000_000, 100_000_000, 110_000_000)"),
        "untouched spelling kept"
    );
}

#[test]
fn a_new_item_is_added_in_the_standard_layout_and_nothing_else_moves() {
    let mut s = commented();
    s.savings
        .push(Flow::new("Licences", 500_000.0, Profile::Once(2015)));
    let text = saved_as(&s);
    let (added, removed) = line_changes(COMMENTED, &text);
    assert!(removed.is_empty(), "{removed:?}");
    assert!(
        added.iter().any(|l| l.contains("\"Licences\"")),
        "{added:?}"
    );
    // A new first item of a list the file did not have.
    let mut s = commented();
    s.fines.push(counterweight::scenario::Fine {
        label: "Deductions".to_owned(),
        amount: Value::Point(100_000.0),
        profile: Profile::Once(2016),
        probability: Value::Point(1.0),
        direction: counterweight::scenario::Direction::FromSupplier,
        note: String::new(),
    });
    let text = saved_as(&s);
    assert!(text.contains("fines: ["), "{text}");
    assert!(line_changes(COMMENTED, &text).1.is_empty());
}

#[test]
fn a_removed_item_is_cut_out_with_its_line() {
    let mut s = commented();
    s.savings.remove(1);
    let text = saved_as(&s);
    let (added, removed) = line_changes(COMMENTED, &text);
    assert!(added.is_empty(), "{added:?}");
    assert_eq!(
        removed,
        ["        Flow(label: \"Estates\", amount: 2_000_000, profile: Annual(from: 2016)),"]
    );
    // The first of several, keeping the other's comments.
    let mut s = commented();
    s.savings.remove(0);
    let text = saved_as(&s);
    assert!(text.contains("/* between items */"));
    assert!(text.contains("\"Estates\""));
    assert!(!text.contains("\"Back office\""));
}

#[test]
fn a_field_set_back_to_its_default_or_unset_keeps_the_rest() {
    let mut s = commented();
    s.assumptions.local_multiplier = Value::Point(1.0);
    s.savings[0].claim = false;
    let text = saved_as(&s);
    assert!(text.contains("claim: false,"), "{text}");
    assert!(text.contains("// an unnamed struct"));
    // A new optional field where the file had none.
    let mut s = commented();
    s.savings[1].growth = Value::Point(0.015);
    let text = saved_as(&s);
    assert!(text.contains("growth: 0.015"), "{text}");
    let (_, removed) = line_changes(COMMENTED, &text);
    assert_eq!(removed.len(), 1, "{removed:?}");
}

#[test]
fn text_fields_and_kinds_change_in_place() {
    let mut s = commented();
    s.title = "Renamed \"option\"".to_owned();
    s.savings[0].amount = Value::Point(90_000_000.0);
    s.savings[0].profile = Profile::Annual {
        from: 2015,
        to: Some(2020),
    };
    let text = saved_as(&s);
    assert!(
        text.contains(r#"title /* before the colon */ : /* after it */ "Renamed \"option\"","#),
        "{text}"
    );
    assert!(text.contains("amount: 90_000_000,"), "{text}");
    assert!(
        text.contains("profile: Annual(from: 2015, to: 2020),"),
        "{text}"
    );
    assert!(text.contains("// MoJ's figure"));
}

#[test]
fn a_file_at_an_older_format_falls_back_to_the_standard_layout() {
    // Every file written by an older version migrates on load; its text is
    // no longer what it means, so it is rewritten whole (and the app warns).
    for dir in std::fs::read_dir("tests/data/versions").expect("versions") {
        let dir = dir.expect("entry").path();
        for f in common::ron_files(&dir) {
            let text = std::fs::read_to_string(&f).expect("read");
            let loaded = load_str(&text).expect("loads");
            let p = patch(&text, &loaded.scenario);
            let current = text.contains(&format!(
                "format_version: {}",
                counterweight::scenario::FORMAT_VERSION
            ));
            assert_eq!(p.kept_layout, current, "{}", f.display());
            assert_eq!(load_str(&p.text).expect("loads").scenario, loaded.scenario);
        }
    }
}
