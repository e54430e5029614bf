//! The command line as a script or an analyst uses it: exit codes 0 / 1 / 2,
//! messages on stderr, results on stdout.

use std::path::Path;

mod common;
use common::{EXAMPLE, run, text};

#[test]
fn check_accepts_a_good_file_with_exit_0() {
    let out = run(&["check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{EXAMPLE}: ok\n"));
}

#[test]
fn check_lists_every_problem_as_file_line_col_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "Scenario(format_version: 1, title: \"t\",\n  settings: Settings(start_year: 2014, horizon_years: 10),\n  job_moves: [JobMove(label: \"a\", jobs: 1, year: 2015, salery: 1)],\n)",
    )
    .expect("write");
    let out = run(&["check", bad.to_str().expect("utf-8 path"), EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let name = bad.display().to_string();
    assert!(
        stdout.contains(&format!(
            "{name}:3:15: error: Jobs moved offshore 1. a — salary is missing"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{name}:3:56: error: Jobs moved offshore 1. a: `salery` is not a field of a job move"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{EXAMPLE}: ok")),
        "the good file is still checked: {stdout}"
    );
    assert!(text(&out.stderr).contains("checked 2 files: 2 errors, 0 warnings"));
}

#[test]
fn check_prints_warnings_but_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("w.ron");
    std::fs::write(
        &f,
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 3),\n savings: [Flow(label: \"late\", amount: 1, profile: Once(2020))])",
    )
    .expect("write");
    let out = run(&["check", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(":2:52: warning: Savings 1. late: falls in 2020, after the horizon ends in 2016; it is not counted"), "{}", text(&out.stdout));
}

#[test]
fn report_json_has_every_key_of_cli_md() {
    let out = run(&["report", EXAMPLE, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "title",
        "start_year",
        "horizon_years",
        "price_base_year",
        "discounting",
        "npv",
        "cash",
        "payback_year",
        "social_cost_per_pound_saved",
        "claim",
        "years",
        "warnings",
        "monte_carlo",
        "tornado",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    for key in [
        "net_savings",
        "social_cost",
        "net_social_value",
        "exchequer_net",
    ] {
        assert!(v["npv"][key].is_f64() && v["cash"][key].is_f64(), "{key}");
    }
    for key in [
        "claimed",
        "first_year",
        "last_year",
        "modelled_net_savings",
        "ratio",
    ] {
        assert!(v["claim"].get(key).is_some(), "claim.{key}");
    }
    let year = &v["years"][0];
    for key in [
        "year",
        "discount_factor",
        "savings",
        "property_savings",
        "fines_received",
        "department_costs",
        "net_savings",
        "lost_earnings",
        "local_knock_on",
        "wellbeing",
        "data_harm",
        "public_access",
        "social_cost",
        "net_social_value",
        "exchequer_cost",
        "exchequer_net",
        "cumulative_discounted_net_social_value",
    ] {
        assert!(year.get(key).is_some(), "years[0].{key}");
    }
    assert_eq!(v["years"].as_array().map(Vec::len), Some(10));
    assert!(v["monte_carlo"].is_null() && v["tornado"].is_null());
}

#[test]
fn report_table_fits_100_columns() {
    let out = run(&["report", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out.stdout);
    assert!(t.contains("Net social value (UK)"));
    for line in t.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
}

#[test]
fn unreadable_and_invalid_files_exit_1_without_a_panic() {
    let out = run(&["report", "no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("no/such/file.ron: error: could not read the file"),
        "{err}"
    );
    assert!(!err.contains("panicked"));

    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("garbage.ron");
    std::fs::write(&f, [0xffu8, 0x00, 0x12, 0x80]).expect("write");
    let out = run(&["report", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not valid UTF-8"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(run(&["report"]).status.code(), Some(2));
    assert_eq!(
        run(&["report", EXAMPLE, "--json", "extra"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["report", EXAMPLE, "--no-such-flag"]).status.code(),
        Some(2)
    );
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let h = text(&help.stdout);
    for cmd in ["report", "check", "tidy"] {
        assert!(h.contains(cmd), "{h}");
    }
    assert_eq!(run(&["report", "--help"]).status.code(), Some(0));
    let v = run(&["--version"]);
    assert!(text(&v.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn tidy_rewrites_through_the_atomic_save_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("messy.ron");
    let messy = "// hand-edited\n(format_version:1,title:\"t\",settings:(start_year:2014,horizon_years:3,),savings:[Flow(label:\"s\",amount:1e6,profile:Once(2014),growth:0)])";
    std::fs::write(&f, messy).expect("write");
    let out = run(&["tidy", f.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tidy = std::fs::read_to_string(&f).expect("read");
    assert!(tidy.contains("Scenario(\n    format_version: 1,"), "{tidy}");
    assert!(tidy.contains("amount: 1000000,"), "{tidy}");
    assert!(!tidy.contains("growth"), "default left out: {tidy}");
    assert_eq!(
        std::fs::read_to_string(Path::new(&format!("{}.bak", f.display()))).expect("bak"),
        messy
    );
}

/// The README's sample of `report` is what `report` prints today.
#[test]
fn the_readme_sample_of_report_is_current() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("A sample of `report`")
        .expect("the README has a sample of report");
    let block = &readme[start..];
    let body = &block[block.find("```text\n").expect("a text block") + 8..];
    let sample: Vec<&str> = body
        .lines()
        .take_while(|l| *l != "…" && *l != "```")
        .collect();
    let out = run(&["report", "scenarios/moj-back-office.ron"]);
    assert!(out.status.success());
    let actual = text(&out.stdout);
    let actual: Vec<&str> = actual.lines().take(sample.len()).collect();
    assert_eq!(sample, actual, "update the sample in README.md");
}
