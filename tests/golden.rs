//! Golden `report --json` outputs for every bundled scenario (and the
//! docs/format.md example). A change to any figure shows up here as a diff to
//! review. Regenerate after a deliberate change with:
//!
//!     UPDATE_GOLDEN=1 cargo test --test golden
//!
//! and review `git diff tests/data/golden/`.

use std::path::{Path, PathBuf};

use counterweight::model::evaluate;
use counterweight::report::Report;
use counterweight::scenario::load_path;

mod common;

fn inputs() -> Vec<PathBuf> {
    let mut files = common::scenarios_and_example();
    // Files of every format version ever released: they must keep loading,
    // with the same results, for as long as Counterweight exists.
    let mut versions: Vec<PathBuf> = std::fs::read_dir("tests/data/versions")
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    versions.sort();
    for dir in versions {
        files.extend(common::ron_files(dir));
    }
    files
}

fn golden_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Path::new("tests/data/golden").join(format!("{stem}.json"))
}

#[test]
fn report_json_matches_the_reviewed_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for input in inputs() {
        let loaded = load_path(&input)
            .unwrap_or_else(|e| panic!("{}", e.display_in(&input.display().to_string())));
        let json = Report::new(&loaded.scenario, &evaluate(&loaded.scenario)).to_json();
        let golden = golden_path(&input);
        if update {
            std::fs::create_dir_all("tests/data/golden").expect("create golden dir");
            std::fs::write(&golden, &json).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == json => {}
            Ok(_) => failures.push(format!(
                "{} differs from {}",
                input.display(),
                golden.display()
            )),
            Err(_) => failures.push(format!(
                "{} has no golden file {}",
                input.display(),
                golden.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nIf the change is intended, run `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.",
        failures.join("\n")
    );
}

#[test]
fn the_bundled_scenarios_are_all_valid_and_cite_their_sources() {
    for input in inputs().iter().filter(|p| p.starts_with("scenarios")) {
        let loaded = load_path(input)
            .unwrap_or_else(|e| panic!("{}", e.display_in(&input.display().to_string())));
        let s = &loaded.scenario;
        assert!(!s.sources.is_empty(), "{} cites no source", input.display());
        assert!(
            s.sources
                .iter()
                .any(|src| src.note.contains("seed") || src.note.contains(".txt")),
            "{} does not cite its seed article",
            input.display()
        );
    }
}
