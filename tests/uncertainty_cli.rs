//! `report --draws/--seed/--tornado/--swing` and `solve` as the README and docs/json.md describe
//! them: the exact `monte_carlo` and `tornado` keys, exit codes, and the
//! same numbers at any thread count.

use serde_json::Value;

mod common;
use common::{EXAMPLE, run, text};

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The object's keys, and `expected`, both sorted (the parsed map does not
/// keep the printed order).
fn same_keys(v: &Value, expected: &[&str]) {
    let mut got: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = expected.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn monte_carlo_and_tornado_have_cli_md_keys() {
    let r = json(&[
        "report",
        EXAMPLE,
        "--json",
        "--draws",
        "20000",
        "--seed",
        "3",
        "--tornado",
    ]);
    let mc = &r["monte_carlo"];
    same_keys(
        mc,
        &[
            "draws",
            "seed",
            "net_savings",
            "social_cost",
            "net_social_value",
            "exchequer_net",
            "probability_net_social_value_positive",
            "cumulative_net_social_value_bands",
        ],
    );
    assert_eq!(mc["draws"], 20000);
    assert_eq!(mc["seed"], 3);
    for line in [
        "net_savings",
        "social_cost",
        "net_social_value",
        "exchequer_net",
    ] {
        same_keys(&mc[line], &["mean", "p5", "p10", "p50", "p90", "p95"]);
    }
    let bands = mc["cumulative_net_social_value_bands"]
        .as_array()
        .expect("bands");
    assert_eq!(bands.len(), 10);
    same_keys(&bands[0], &["year", "p10", "p50", "p90"]);
    assert_eq!(bands[0]["year"], 2014);
    let tornado = r["tornado"].as_array().expect("tornado");
    assert!(!tornado.is_empty());
    same_keys(
        &tornado[0],
        &["input", "label", "low", "high", "npv_at_low", "npv_at_high"],
    );
}

#[test]
fn without_the_flags_monte_carlo_and_tornado_are_null() {
    let r = json(&["report", EXAMPLE, "--json"]);
    assert!(r["monte_carlo"].is_null());
    assert!(r["tornado"].is_null());
}

#[test]
fn the_seed_comes_from_the_file_unless_given() {
    let r = json(&["report", EXAMPLE, "--json", "--draws", "1000"]);
    assert_eq!(r["monte_carlo"]["seed"], 1);
}

#[test]
fn the_same_seed_gives_the_same_json_at_any_thread_count() {
    let args = |threads: &'static str| {
        [
            "report",
            EXAMPLE,
            "--json",
            "--draws",
            "50000",
            "--threads",
            threads,
        ]
    };
    let one = run(&args("1"));
    let many = run(&args("4"));
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(text(&one.stdout), text(&many.stdout));
}

#[test]
fn too_many_draws_is_a_usage_error() {
    let out = run(&["report", EXAMPLE, "--draws", "1000001"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("1000000"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_table_shows_the_monte_carlo_summary_and_the_tornado() {
    let out = run(&[
        "report",
        EXAMPLE,
        "--draws",
        "2000",
        "--tornado",
        "--swing",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("Monte Carlo: 2000 draws, seed 1"), "{t}");
    assert!(
        t.contains("Chance that net social value is positive"),
        "{t}"
    );
    assert!(t.contains("Tornado"), "{t}");
}

#[test]
fn solve_finds_the_break_even_value() {
    let out = run(&["solve", EXAMPLE, "--input", "savings[0].amount"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("net social value is zero at"), "{t}");
}

#[test]
fn solve_without_a_crossing_says_so_and_exits_0() {
    let out = run(&[
        "solve",
        EXAMPLE,
        "--input",
        "savings[0].amount",
        "--range",
        "90000000",
        "110000000",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("does not cross zero between 90,000,000 and 110,000,000"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn solve_with_an_unknown_input_lists_the_nearest_and_exits_1() {
    let out = run(&["solve", EXAMPLE, "--input", "saving[0].amont"]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(e.contains("`saving[0].amont` is not an input"), "{e}");
    assert!(e.contains("savings[0].amount"), "{e}");
}

#[test]
fn the_tornado_and_distribution_charts_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    for kind in ["tornado", "distribution"] {
        let out = dir.path().join(format!("{kind}.svg"));
        let r = run(&[
            "export",
            EXAMPLE,
            "--chart",
            kind,
            "--out",
            out.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(r.status.code(), Some(0), "{kind}: {}", text(&r.stderr));
        let svg = std::fs::read_to_string(&out).expect("written");
        assert!(svg.starts_with("<svg") || svg.contains("<svg"), "{kind}");
    }
}

/// Model 2: `--samples FILE.csv` writes a header and a row per draw, the
/// same whatever the thread count; without `--draws` it is a usage error.
#[test]
fn samples_write_a_row_per_draw_at_any_thread_count() {
    let dir = std::env::temp_dir().join(format!("cw-samples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = |threads: &str| {
        let path = dir.join(format!("draws-{threads}.csv"));
        let p = path.to_str().expect("utf-8").to_owned();
        let out = run(&[
            "report",
            common::MODEL_2_EXAMPLE,
            "--draws",
            "5000",
            "--threads",
            threads,
            "--samples",
            &p,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        std::fs::read_to_string(&path).expect("the draws")
    };
    let one = csv("1");
    assert_eq!(one, csv("2"));
    let mut lines = one.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("assumptions.months_out_of_work,savings[0].amount,"),
        "{header}"
    );
    assert!(header.ends_with(",net_savings,social_cost,net_social_value,exchequer_net"));
    assert!(header.contains("job_moves[1].redundancy.service_years"));
    assert_eq!(lines.count(), 5000);
    let out = run(&["report", common::MODEL_2_EXAMPLE, "--samples", "x.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let missing = dir.join("no-such-folder").join("x.csv");
    let out = run(&[
        "report",
        common::MODEL_2_EXAMPLE,
        "--draws",
        "10",
        "--samples",
        missing.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot write the draws"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Model 2: with correlated inputs the JSON is the same at 1, 2 and 8
/// threads, and a matrix that cannot hold is refused naming the
/// correlation to lower.
#[test]
fn correlated_draws_are_the_same_at_any_thread_count() {
    let at = |threads: &str| {
        let out = run(&[
            "report",
            common::MODEL_2_EXAMPLE,
            "--json",
            "--draws",
            "20000",
            "--threads",
            threads,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        out.stdout
    };
    let one = at("1");
    assert_eq!(one, at("2"));
    assert_eq!(one, at("8"));
    let src = std::fs::read_to_string(common::MODEL_2_EXAMPLE).expect("example");
    let bad = src.replacen(
        "    correlations: [",
        "    correlations: [\n        Correlation(a: \"savings[0].amount\", b: \"assumptions.months_out_of_work\", rank: 0.95),\n        Correlation(a: \"data_risks[0].annual_probability\", b: \"assumptions.months_out_of_work\", rank: 0.9),",
        1,
    );
    let dir = std::env::temp_dir().join(format!("cw-corr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("impossible.ron");
    std::fs::write(&path, bad).expect("write");
    let out = run(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stdout) + &text(&out.stderr);
    assert!(
        err.contains("cannot all hold at once")
            && err.contains("lower the strongest, `correlations[0]`"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A command-line value outside its range is a usage error (exit 2) whose
/// message says the range allowed, and nothing is printed on stdout.
fn refused(args: &[&str], says: &str) {
    let out = run(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(err.contains(says), "{args:?}: {err}");
}

#[test]
fn command_line_values_are_checked_like_file_values() {
    let e = EXAMPLE;
    let swing = "give a percentage from 0 to 100";
    refused(&["report", e, "--tornado", "--swing", "1e308"], swing);
    refused(&["report", e, "--tornado", "--swing", "-5"], swing);
    refused(&["report", e, "--tornado", "--swing", "NaN"], swing);
    refused(&["report", e, "--tornado", "--swing", "101"], swing);
    let seed = "give a whole number from 0 to 18446744073709551615";
    refused(&["report", e, "--draws", "10", "--seed", "-1"], seed);
    refused(&["report", e, "--draws", "10", "--seed", "1.5"], seed);
    refused(
        &[
            "report",
            e,
            "--draws",
            "10",
            "--seed",
            "18446744073709551616",
        ],
        seed,
    );
    refused(&["report", e, "--draws", "1000001"], "not in 0..=1000000");
    refused(
        &["report", e, "--draws", "10", "--threads", "100000"],
        "not in 0..=256",
    );
    let out = "/nonexistent-folder/x.png";
    refused(
        &["export", e, "--out", out, "--scale", "9"],
        "give a number from 1 to 4",
    );
    refused(
        &["export", e, "--out", out, "--scale", "inf"],
        "give a number from 1 to 4",
    );
    refused(
        &["export", e, "--out", out, "--scale", "0"],
        "give a number from 1 to 4",
    );
    refused(
        &["export", e, "--out", out, "--width", "1"],
        "not in 100..=10000",
    );
    refused(
        &["export", e, "--out", out, "--height", "99999"],
        "not in 100..=10000",
    );
}

#[test]
fn solve_searches_only_where_the_input_may_be() {
    let e = EXAMPLE;
    let a = "savings[0].amount";
    refused(
        &["solve", e, "--input", a, "--range", "-1e308", "1e308"],
        "--range -1e308 1e308 goes outside what `savings[0].amount` may be, \
         -1,000,000,000,000,000 to 1,000,000,000,000,000; give values inside it",
    );
    refused(
        &["solve", e, "--input", a, "--range", "5", "5"],
        "--range 5 5: LO and HI are the same; give two different values",
    );
    refused(
        &["solve", e, "--input", a, "--range", "0", "inf"],
        "give a finite number",
    );
    refused(
        &[
            "solve",
            e,
            "--input",
            "fines[0].probability",
            "--range",
            "0.5",
            "2",
        ],
        "goes outside what `fines[0].probability` may be, 0 to 1",
    );
    refused(
        &[
            "solve",
            e,
            "--input",
            "settings.inflation",
            "--range",
            "-0.9",
            "0.1",
        ],
        "goes outside what `settings.inflation` may be, -0.5 to 1",
    );
    // Without --range a probability is searched within 0–1 only, and when
    // that is everything it may be the answer says so.
    let out = run(&["solve", e, "--input", "fines[0].probability"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("does not cross zero between 0 and 1 ")
            && t.contains("no value of it alone breaks even"),
        "{t}"
    );
    let out = run(&["solve", e, "--input", "data_risks[0].annual_probability"]);
    let t = text(&out.stdout);
    assert!(t.contains("between 0 and 0.125"), "{t}");
}

#[test]
fn every_input_of_the_examples_has_a_range_that_holds_its_file_value() {
    use counterweight::scenario::validate::Quantity;
    for file in [EXAMPLE, counterweight_example()] {
        let s = counterweight::scenario::load_path(std::path::Path::new(file))
            .expect("loads")
            .scenario;
        let plan = counterweight::model::Plan::new(&s);
        for p in &plan.params {
            let (lo, hi) = p.value.bounds();
            let (min, max, _) = Quantity::of_input(&p.path).range();
            assert!(
                min <= lo && hi <= max,
                "{} {lo}..{hi} not in {min}..{max}",
                p.path
            );
        }
    }
}

fn counterweight_example() -> &'static str {
    common::MODEL_2_EXAMPLE
}
