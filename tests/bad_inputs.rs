//! The corpus of bad and hostile inputs (`tests/data/bad/`), each with the
//! exact messages `check` prints (`NAME.expected`), and awkward but valid
//! files (`tests/data/awkward/`) that must load. Regenerate the expected
//! messages after a deliberate wording change with
//!
//!     UPDATE_GOLDEN=1 cargo test --test bad_inputs
//!
//! and review `git diff tests/data/bad/`.

use std::path::{Path, PathBuf};

use counterweight::scenario::{LoadError, load_path};

mod common;
use common::run as cli;

/// The corpus in `dir`, which must not be empty (a missing folder would
/// otherwise pass every test).
fn files(dir: &str) -> Vec<PathBuf> {
    let v = common::ron_files(dir);
    assert!(!v.is_empty(), "corpus folder {dir} has no .ron files");
    v
}

/// The path with `/` between folders on every system (Windows reads `/`
/// too), so the reviewed messages are the same on Windows and Linux.
fn name(p: &Path) -> String {
    common::slashed(p)
}

#[test]
fn every_bad_file_gives_its_reviewed_messages() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let bad = files("tests/data/bad");
    assert!(bad.len() >= 20, "the corpus is missing files");
    for path in bad {
        let got = match load_path(&path) {
            Ok(_) => format!("{}: loaded, but it is in the bad corpus\n", name(&path)),
            Err(e) => e.display_in(&name(&path)) + "\n",
        };
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}\n--- expected\n{expected}--- got\n{got}",
                name(&path)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn check_and_report_exit_1_with_the_same_messages_and_never_panic() {
    for path in files("tests/data/bad") {
        let n = name(&path);
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        let check = cli(&["check", &n]);
        assert_eq!(check.status.code(), Some(1), "check {n}");
        assert_eq!(
            String::from_utf8_lossy(&check.stdout),
            expected,
            "check {n}"
        );
        let report = cli(&["report", &n, "--json"]);
        assert_eq!(report.status.code(), Some(1), "report {n}");
        let stderr = String::from_utf8_lossy(&report.stderr);
        assert!(stderr.starts_with(&expected), "report {n}:\n{stderr}");
        assert!(
            !stderr.contains("panicked") && report.stdout.is_empty(),
            "report {n}"
        );
    }
}

#[test]
fn a_100_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hundred-megabytes.ron");
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(100_000_000))
        .expect("sparse file");
    assert!(matches!(
        load_path(&path),
        Err(LoadError::TooLarge { size: 100_000_000 })
    ));
    let out = cli(&["check", &name(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("the file is 95.4 MiB; a scenario may be at most 8 MiB")
    );
}

#[test]
fn awkward_but_valid_files_load_and_report() {
    let awkward = files("tests/data/awkward");
    assert!(awkward.len() >= 7);
    for path in awkward {
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{}", e.display_in(&name(&path))));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            name(&path),
            loaded.warnings
        );
        let out = cli(&["report", &name(&path)]);
        assert_eq!(out.status.code(), Some(0), "{}", name(&path));
    }
    // Line endings and a byte-order mark change nothing.
    let plain = load_path(Path::new("tests/data/format_example.ron"))
        .expect("example")
        .scenario;
    for variant in ["windows-line-endings", "byte-order-mark"] {
        let v = load_path(&Path::new("tests/data/awkward").join(format!("{variant}.ron")))
            .expect(variant)
            .scenario;
        assert_eq!(v, plain, "{variant}");
    }
}

/// Nothing a file holds reaches the terminal raw: no control character but
/// the newlines that end lines, and no line the file wrote itself.
fn only_text(what: &str, out: &[u8]) {
    let t = String::from_utf8_lossy(out);
    for c in t.chars() {
        assert!(
            c == '\n' || !(c.is_control() || counterweight::text::invisible(c)),
            "{what} printed {c:?} raw:\n{t}"
        );
    }
    assert!(
        !t.lines().any(|l| l.starts_with("evil.ron")),
        "{what} printed a forged line:\n{t}"
    );
}

#[test]
fn text_from_a_file_is_printed_as_text() {
    let awkward = "tests/data/awkward/control-characters-in-text.ron";
    for args in [
        vec!["check", awkward],
        vec!["report", awkward, "--tornado", "--draws", "200"],
        vec!["solve", awkward, "--input", "costs[0].amount"],
        vec!["solve", awkward, "--input", "nothing"],
        vec!["diff", "tests/data/format_example.ron", awkward],
    ] {
        let out = cli(&args);
        let expected = i32::from(args.contains(&"nothing"));
        assert_eq!(out.status.code(), Some(expected), "{args:?}");
        only_text(&format!("{args:?}"), &out.stdout);
        only_text(&format!("{args:?}"), &out.stderr);
    }
    let report = cli(&["report", awkward, "--tornado"]);
    let t = String::from_utf8_lossy(&report.stdout);
    assert!(
        t.starts_with("Title\\nevil.ron:99:1: error: forged line\\u{1b}[2J\n"),
        "{t}"
    );
    assert!(t.contains("Back office\\r\\u{1b}[31mred — amount"), "{t}");
    // Every line `check` prints for the bad corpus is one diagnostic of
    // that file.
    for path in files("tests/data/bad") {
        let n = name(&path);
        let out = cli(&["check", &n]);
        only_text(&n, &out.stdout);
        let t = String::from_utf8_lossy(&out.stdout);
        assert!(t.lines().all(|l| l.starts_with(&n)), "{n}:\n{t}");
    }
}

/// Every awkward file reports finite figures: no `inf` or `NaN` in the
/// table, and every number in the JSON a finite number (serde writes a
/// non-finite one as `null`, so the nulls are counted against the keys that
/// may be null).
#[test]
fn awkward_files_report_only_finite_figures() {
    fn nulls(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Null => out.push(key.to_owned()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| nulls(x, key, out)),
            serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| nulls(x, k, out)),
            _ => {}
        }
    }
    let may_be_null = [
        "payback_year",
        "social_cost_per_pound_saved",
        "ratio",
        "monte_carlo",
        "tornado",
        "claim",
    ];
    for path in files("tests/data/awkward") {
        let n = name(&path);
        let table = cli(&["report", &n, "--tornado", "--draws", "200"]);
        assert_eq!(table.status.code(), Some(0), "{n}");
        let t = String::from_utf8_lossy(&table.stdout);
        for word in ["inf", "NaN"] {
            assert!(
                !t.split(|c: char| !c.is_alphanumeric()).any(|w| w == word),
                "{n}: {word} in\n{t}"
            );
        }
        let json = cli(&["report", &n, "--json", "--tornado", "--draws", "200"]);
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        let mut found = Vec::new();
        nulls(&v, "", &mut found);
        found.retain(|k| !may_be_null.contains(&k.as_str()));
        assert!(
            found.is_empty(),
            "{n}: null where a number belongs: {found:?}"
        );
    }
}

#[test]
fn a_ratio_to_less_than_a_pound_is_not_meaningful() {
    for file in ["tiny-denominators", "savings-under-a-pound"] {
        let n = format!("tests/data/awkward/{file}.ron");
        let t = String::from_utf8_lossy(&cli(&["report", &n]).stdout).into_owned();
        assert!(
            t.contains("Social cost per £ saved: not meaningful (net savings are under £1)")
                && t.contains("so a ratio to them is not meaningful")
                && t.contains("  not meaningful\n"),
            "{n}:\n{t}"
        );
        let json = cli(&["report", &n, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        assert!(v["social_cost_per_pound_saved"].is_null(), "{n}");
        assert!(
            v["claim"].is_object() && v["claim"]["ratio"].is_null(),
            "{n}: {}",
            v["claim"]
        );
    }
    // A huge but finite figure fits its column, in powers of ten.
    let huge = cli(&["report", "tests/data/awkward/huge-but-finite.ron"]);
    let t = String::from_utf8_lossy(&huge.stdout);
    assert!(t.contains("6.77e37"), "{t}");
}
