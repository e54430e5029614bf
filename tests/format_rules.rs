//! One test per rule of docs/format.md, each asserting the message an analyst
//! actually sees: file, line:column, item, field and what to do.

use counterweight::scenario::{
    self, Discounting, LoadError, Marking, Profile, Scenario, Value, file::SaveStep, load_str,
    write::to_ron,
};

const HEAD: &str = "Scenario(\n    format_version: 1,\n    title: \"t\",\n    settings: Settings(start_year: 2014, horizon_years: 10),\n";

/// A scenario file with `body` inserted after the settings (line 5 onwards).
fn file(body: &str) -> String {
    format!("{HEAD}{body}\n)\n")
}

/// All messages for `src`, as `check` prints them for `f.ron`.
fn messages(src: &str) -> String {
    match load_str(src) {
        Ok(l) => l
            .warnings
            .iter()
            .map(|d| d.display_in("f.ron"))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => e.display_in("f.ron"),
    }
}

fn assert_msg(src: &str, expected: &str) {
    let m = messages(src);
    assert!(
        m.contains(expected),
        "expected to find\n  {expected}\nin\n  {m}"
    );
}

#[test]
fn rule_years_before_the_start_are_errors_with_line_and_item() {
    let src = file(
        "    job_moves: [JobMove(label: \"Payroll roles\", jobs: 300, year: 2010, salary: 24000)],",
    );
    assert_msg(
        &src,
        "f.ron:5:66: error: Jobs moved offshore 1. Payroll roles — year 2010 is before the start year 2014; move it to 2014 or later, or start the appraisal earlier",
    );
}

#[test]
fn rule_years_past_the_horizon_are_cut_with_a_warning() {
    let src = file(
        "    savings: [Flow(label: \"Claim\", amount: 1e8, profile: Spread(from: 2014, years: 12))],",
    );
    let loaded = load_str(&src).expect("valid");
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].display_in("f.ron"),
        "f.ron:5:58: warning: Savings 1. Claim: runs to 2025, but the horizon ends in 2023; 2024–2025 (2 years) are not counted — lengthen the horizon to include them"
    );
}

#[test]
fn rule_price_base_year_may_be_any_year() {
    let src = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, price_base_year: 2009))";
    assert_eq!(
        load_str(src)
            .expect("valid")
            .scenario
            .settings
            .price_base_year,
        2009
    );
}

#[test]
fn rule_whole_number_fields_reject_fractions_and_distributions() {
    assert_msg(
        &file("    job_moves: [JobMove(label: \"a\", jobs: 1, year: 2015.5, salary: 1)],"),
        "f.ron:5:52: error: Jobs moved offshore 1. a — year must be a whole number such as 2015, found the number 2015.5",
    );
    let src = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: Tri(1, 2, 3)))";
    assert_msg(
        src,
        "f.ron:1:93: error: Settings — horizon (years) must be a whole number such as 10, found `Tri(…)`",
    );
}

#[test]
fn rule_every_numeric_field_may_be_a_distribution() {
    let src = file(
        "    job_moves: [JobMove(label: \"a\", jobs: Tri(100, 200, 300), year: 2015, salary: Pert(20000, 24000, 30000), redundancy_months: Uniform(0, 12))],",
    );
    let s = load_str(&src).expect("valid").scenario;
    assert_eq!(
        s.job_moves[0].jobs,
        Value::Tri {
            low: 100.0,
            mode: 200.0,
            high: 300.0
        }
    );
    assert_eq!(
        s.job_moves[0].salary,
        Value::Pert {
            low: 20000.0,
            mode: 24000.0,
            high: 30000.0
        }
    );
    assert_eq!(
        s.job_moves[0].redundancy_months,
        Value::Uniform {
            low: 0.0,
            high: 12.0
        }
    );
}

#[test]
fn rule_money_is_plain_numbers_in_any_form() {
    let src = file(
        "    costs: [Flow(label: \"a\", amount: 100_000_000, profile: Once(2014)), Flow(label: \"b\", amount: 1e8, profile: Once(2014)), Flow(label: \"c\", amount: 1.5e6, profile: Once(2014))],",
    );
    let s = load_str(&src).expect("valid").scenario;
    let amounts: Vec<f64> = s.costs.iter().map(|f| f.amount.central()).collect();
    assert_eq!(amounts, vec![1e8, 1e8, 1.5e6]);
}

#[test]
fn rule_fractions_are_fractions() {
    let src = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, optimism_bias: OptimismBias(savings_haircut: 41)))";
    assert_msg(
        src,
        "error: Settings — optimism bias: savings haircut 41 is outside 0–1; write 0.41 for 41%",
    );
}

#[test]
fn rule_flow_amounts_may_be_negative_but_nothing_else() {
    let ok = file("    savings: [Flow(label: \"reversal\", amount: -3e6, profile: Once(2015))],");
    assert!(load_str(&ok).is_ok());
    assert_msg(
        &file("    job_moves: [JobMove(label: \"a\", jobs: 1, year: 2015, salary: -24000)],"),
        "f.ron:5:66: error: Jobs moved offshore 1. a — salary is -£24,000; it must be £0 or more",
    );
}

#[test]
fn rule_required_fields_are_named_when_missing() {
    assert_msg(
        "Scenario(title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10))",
        "f.ron:1:1: error: `format_version` is missing; add `format_version: 1` to the scenario",
    );
    assert_msg(
        "Scenario(format_version: 1, settings: Settings(start_year: 2014, horizon_years: 10))",
        "error: Settings — title is missing",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(horizon_years: 10))",
        "error: Settings — start year is missing; add `start_year: 2015` to `settings`",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014))",
        "error: Settings — horizon (years) is missing",
    );
    for (item, missing) in [
        (
            "savings: [Flow(label: \"x\", amount: 1)]",
            "Savings 1. x — profile is missing",
        ),
        (
            "fines: [Fine(label: \"x\", amount: 1, profile: Once(2014))]",
            "Fines 1. x — who pays is missing",
        ),
        (
            "job_moves: [JobMove(label: \"x\", jobs: 1, year: 2014)]",
            "Jobs moved offshore 1. x — salary is missing",
        ),
        (
            "office_closures: [OfficeClosure(label: \"x\", year: 2014)]",
            "Office closures 1. x — offices is missing",
        ),
        (
            "data_risks: [DataRisk(label: \"x\", records: 1, from: 2014, annual_probability: 0.1, exposed_share: 1)]",
            "Data risk 1. x — harm per record is missing",
        ),
        (
            "costs: [Flow(amount: 1, profile: Once(2014))]",
            "Costs 1 — label is missing",
        ),
    ] {
        assert_msg(&file(&format!("    {item},")), missing);
    }
}

#[test]
fn rule_optional_fields_take_their_defaults() {
    let src = file(
        "    fines: [Fine(label: \"f\", amount: 1, profile: Once(2014), direction: ByAuthority)],\n    office_closures: [OfficeClosure(label: \"o\", offices: 1, year: 2015)],\n    data_risks: [DataRisk(label: \"d\", records: 1, from: 2014, annual_probability: 0.1, exposed_share: 1, harm_per_record: 1)],",
    );
    let s = load_str(&src).expect("valid").scenario;
    assert_eq!(s.marking, Marking::Official);
    assert_eq!(s.settings.price_base_year, 2014);
    assert_eq!(s.settings.discounting, Discounting::GreenBook);
    assert_eq!(s.settings.inflation, Value::Point(0.02));
    assert_eq!(s.settings.monte_carlo.draws, 10_000);
    assert_eq!(s.settings.monte_carlo.seed, 1);
    assert_eq!(s.assumptions, scenario::Assumptions::default());
    assert_eq!(s.fines[0].probability, Value::Point(1.0));
    assert_eq!(s.office_closures[0].local_multiplier, None);
    assert_eq!(
        s.office_closures[0].running_cost_per_office,
        Value::Point(0.0)
    );
    assert_eq!(s.data_risks[0].to, None);
    assert_eq!(s.data_risks[0].regulatory_fine, Value::Point(0.0));
}

#[test]
fn rule_optional_fields_are_read_plainly_or_as_some() {
    let plain = file(
        "    savings: [Flow(label: \"a\", amount: 1, profile: Annual(from: 2014, to: 2020))],",
    );
    let some = file(
        "    savings: [Flow(label: \"a\", amount: 1, profile: Annual(from: 2014, to: Some(2020)))],",
    );
    let a = load_str(&plain).expect("plain").scenario;
    assert_eq!(a, load_str(&some).expect("Some").scenario);
    assert_eq!(
        a.savings[0].profile,
        Profile::Annual {
            from: 2014,
            to: Some(2020)
        }
    );
    let text = to_ron(&a);
    assert!(
        text.contains("profile: Annual(from: 2014, to: 2020),"),
        "{text}"
    );
    assert!(!text.contains("Some("));
}

#[test]
fn rule_unknown_fields_name_the_field_line_and_nearest_valid_names() {
    let src = file(
        "    job_moves: [\n        JobMove(label: \"Payroll roles\", jobs: 300, year: 2015, salery: 24000),\n    ],",
    );
    assert_msg(
        &src,
        "f.ron:6:64: error: Jobs moved offshore 1. Payroll roles: `salery` is not a field of a job move — did you mean `salary`? Rename it or remove it; valid fields, nearest first: salary, label, year, note, jobs, redundancy, local_multiplier, redundancy_months",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", setings: (), settings: Settings(start_year: 2014, horizon_years: 10))",
        "f.ron:1:41: error: `setings` is not a field of the scenario — did you mean `settings`?",
    );
}

#[test]
fn rule_a_newer_format_version_says_so_and_nothing_else() {
    let src = "Scenario(format_version: 2, title: \"t\", wholly_new_field: 1, settings: Settings(start_year: 2014, horizon_years: 10))";
    let e = load_str(src).expect_err("newer");
    let m = e.display_in("f.ron");
    assert_eq!(
        m,
        "f.ron:1:26: error: this file was made by a newer version of Counterweight (format_version 2); this version reads up to 1 — install the newer Counterweight to open it"
    );
}

#[test]
fn rule_limits_horizon_and_draws() {
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 101))",
        "error: Settings — horizon (years) 101 is outside 1–100",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 0))",
        "error: Settings — horizon (years) 0 is outside 1–100",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, monte_carlo: MonteCarlo(draws: 2000000)))",
        "error: Settings — Monte Carlo draws 2000000 is outside 1–1000000",
    );
}

#[test]
fn rule_limits_lists_and_strings() {
    let many = vec!["Source()"; 10_001].join(", ");
    assert_msg(
        &file(&format!("    sources: [{many}],")),
        "f.ron:5:14: error: Sources has 10001 entries; the most a list may hold is 10000 — split the scenario",
    );
    let long = "x".repeat(10_001);
    assert_msg(
        &file(&format!("    summary: \"{long}\",")),
        "f.ron:5:14: error: this text is longer than 10000 characters",
    );
}

#[test]
fn rule_limits_nesting_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    assert_msg(
        &file(&format!("    sources: {deep},")),
        "values are nested more than 128 deep",
    );
}

#[test]
fn rule_limits_file_size_is_checked_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    // A sparse 100 MB file: reading it would take time and memory; the cap must refuse it first.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(100 * 1024 * 1024).expect("set_len");
    let e = scenario::load_path(&path).expect_err("too large");
    assert!(matches!(e, LoadError::TooLarge { .. }));
    assert_eq!(
        e.to_string(),
        "the file is 100.0 MiB; a scenario may be at most 8 MiB — is this the right file?"
    );
}

#[test]
fn rule_values_must_be_finite_and_ordered() {
    assert_msg(
        &file("    costs: [Flow(label: \"a\", amount: NaN, profile: Once(2014))],"),
        "error: Costs 1. a — amount is NaN; write an ordinary number",
    );
    assert_msg(
        &file("    costs: [Flow(label: \"a\", amount: inf, profile: Once(2014))],"),
        "error: Costs 1. a — amount is inf; write an ordinary number",
    );
    assert_msg(
        &file("    costs: [Flow(label: \"a\", amount: Tri(5, 1, 9), profile: Once(2014))],"),
        "error: Costs 1. a — amount must have low ≤ central ≤ high, found (£5, £1, £9)",
    );
    assert_msg(
        &file("    costs: [Flow(label: \"a\", amount: Uniform(9, 1), profile: Once(2014))],"),
        "error: Costs 1. a — amount must have low ≤ high, found (£9, £1)",
    );
}

#[test]
fn rule_every_error_names_the_item_by_index_and_label() {
    let src = file(
        "    fines: [\n        Fine(label: \"ok\", amount: 1, profile: Once(2014), direction: FromSupplier),\n        Fine(label: \"Payroll roles\", amount: 1, profile: Once(2014), probability: 1.5, direction: FromSupplier),\n    ],",
    );
    assert_msg(
        &src,
        "f.ron:7:83: error: Fines 2. Payroll roles — probability 1.5 is outside 0–1",
    );
}

#[test]
fn rule_all_problems_are_reported_not_just_the_first() {
    let src = file(
        "    job_moves: [JobMove(label: \"a\", jobs: -1, year: 2015, salary: 1), JobMove(label: \"b\", jobs: 1, year: 2015, salary: -1)],",
    );
    let e = load_str(&src).expect_err("invalid");
    assert_eq!(e.diagnostics().len(), 2, "{}", e.display_in("f.ron"));
}

#[test]
fn rule_wrong_types_and_variants_say_what_to_write() {
    assert_msg(
        &file("    savings: [Flow(label: \"a\", amount: \"£100m\", profile: Once(2014))],"),
        "Savings 1. a — amount must be a number, found the text \"£100m\"; write a number (24000, 1.5e6), Tri(low, mode, high), Pert(low, mode, high) or Uniform(low, high)",
    );
    assert_msg(
        &file("    savings: [Flow(label: \"a\", amount: 1, profile: Anual(from: 2014))],"),
        "Savings 1. a — profile: `Anual(…)` is not a profile — did you mean `Annual`?",
    );
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", marking: Secret, settings: Settings(start_year: 2014, horizon_years: 10))",
        "Settings — marking: `Secret` is not a protective marking; write one of Unmarked, Official, OfficialSensitive",
    );
}

#[test]
fn rule_syntax_errors_give_line_and_column() {
    assert_eq!(
        messages("Scenario(\n    format_version: 1\n    title: \"t\",\n)"),
        "f.ron:3:5: error: expected `,` or `)` after a field, found `t`; is a comma missing?"
    );
    assert_eq!(
        messages("Scenario(format_version: 1, title: \"t"),
        "f.ron:1:36: error: this text is never closed with `\"`; the file may be cut short"
    );
}

#[test]
fn rule_saving_writes_the_documented_layout() {
    let src = std::fs::read_to_string("tests/data/format_example.ron").expect("example");
    let s = load_str(&src).expect("example is valid").scenario;
    let text = to_ron(&s);
    // Struct names included, optional fields at their default left out, field order as docs/format.md.
    assert!(text.contains("    job_moves: [\n        JobMove(\n            label: \"Payroll and HR roles moved offshore\",\n            jobs: 300,\n            year: 2015,\n            salary: 24000,\n            note: \"Redundancies paid by supplier\",\n        ),\n    ],"), "{text}");
    assert!(!text.contains("redundancy_months"), "default 0 is left out");
    assert!(!text.contains("optimism_bias"), "default bias is left out");
    let order = [
        "format_version",
        "title:",
        "summary",
        "author",
        "sources",
        "settings",
        "savings",
        "costs",
        "fines",
        "job_moves",
        "office_closures",
        "data_risks",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Saving twice gives the same bytes; load → save → load gives an equal scenario.
    let again = load_str(&text).expect("saved file loads").scenario;
    assert_eq!(again, s);
    assert_eq!(to_ron(&again), text);
}

#[test]
fn rule_comments_are_read_but_not_kept() {
    let src = format!("// a note\n/* block */{HEAD}  // trailing\n)");
    let s = load_str(&src).expect("comments are fine").scenario;
    assert!(!to_ron(&s).contains("a note"));
}

#[test]
fn rule_a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    std::fs::write(&path, "original").expect("write");
    for step in [
        SaveStep::CreateTemp,
        SaveStep::Write,
        SaveStep::Sync,
        SaveStep::Backup,
        SaveStep::Rename,
    ] {
        let e = scenario::file::save_bytes_atomic(&path, b"new", Some(step)).expect_err("injected");
        assert_eq!(e.step, step);
        assert!(
            e.to_string().contains("the file on disk was not changed"),
            "{e}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "original",
            "after a failure at {step:?}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
    }
    scenario::save_atomic(&path, &Scenario::new("t", 2014, 1)).expect("save");
    assert_eq!(
        std::fs::read_to_string(scenario::file::backup_path(&path)).expect("bak"),
        "original"
    );
    assert!(scenario::load_path(&path).is_ok());
}

#[test]
fn awkward_but_valid_files_load() {
    let crlf = HEAD.replace('\n', "\r\n") + ")\r\n";
    assert!(load_str(&crlf).is_ok(), "Windows line endings");
    let bom = format!("\u{feff}{HEAD})");
    assert!(
        scenario::file::load_bytes(bom.as_bytes()).is_ok(),
        "byte-order mark"
    );
    let unnamed =
        "(format_version: 1, title: \"t\", settings: (start_year: 2014, horizon_years: 10))";
    assert!(
        load_str(unnamed).is_ok(),
        "RON allows struct names to be left out"
    );
    let attr = format!("#![enable(implicit_some)]\n{HEAD})");
    assert!(load_str(&attr).is_ok(), "RON attributes");
}

#[test]
fn files_that_are_not_text_say_so() {
    let e = scenario::file::load_bytes(b"").expect_err("empty");
    assert_eq!(
        e.to_string(),
        "the file is empty; a scenario starts with `Scenario(`"
    );
    let e = scenario::file::load_bytes(b"Scenario(\n  title: \"caf\xe9\"").expect_err("latin-1");
    assert_eq!(
        e.to_string(),
        "the file is not UTF-8 text: byte 0xE9 at line 2 column 14 is not valid UTF-8; save the file as UTF-8"
    );
    let e = scenario::file::load_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect_err("binary");
    assert!(
        e.to_string()
            .starts_with("the file is binary, not a scenario"),
        "{e}"
    );
    let e = scenario::file::load_bytes(b"\xff\xfeS\0c\0").expect_err("utf-16");
    assert!(e.to_string().contains("UTF-16"), "{e}");
}

#[test]
fn a_damaged_one_line_file_with_many_errors_is_quick_and_capped() {
    // 10,000 bad items on one line: positions are found in one pass and the
    // list stops at a readable length.
    let items = vec!["JobMove(label: \"x\", jobs: -1, year: 2015, salary: 1)"; 10_000].join(",");
    let src = format!(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10), job_moves: [{items}])"
    );
    let e = load_str(&src).expect_err("invalid");
    let d = e.diagnostics();
    assert_eq!(d.len(), scenario::file::MAX_REPORTED + 1);
    assert!(
        d[0].message
            .starts_with("Jobs moved offshore 1. x — jobs is -1; it must be 0 or more"),
        "{}",
        d[0].message
    );
    assert_eq!(d[1].pos.map(|p| p.line), Some(1));
    assert!(
        d[d.len() - 1]
            .message
            .starts_with("…and 9800 more problems"),
        "{}",
        d[d.len() - 1].message
    );
}

#[test]
fn only_regular_files_are_read_a_folder_or_a_pipe_gets_a_message_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = scenario::load_path(dir.path()).expect_err("a folder");
    assert_eq!(e.to_string(), "it is a folder, not a scenario file");
    #[cfg(unix)]
    {
        // Opening a pipe would wait for ever for a writer.
        let fifo = dir.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = scenario::load_path(&fifo).expect_err("a pipe");
            assert!(e.to_string().contains("not a regular file"), "{e}");
            for cmd in ["check", "report", "tidy"] {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_counterweight"))
                    .arg(cmd)
                    .arg(&fifo)
                    .output()
                    .expect("run");
                assert_eq!(out.status.code(), Some(1), "{cmd}");
                assert!(
                    String::from_utf8_lossy(&out.stdout).contains("not a regular file")
                        || String::from_utf8_lossy(&out.stderr).contains("not a regular file"),
                    "{cmd}"
                );
            }
        }
        let e = scenario::load_path(std::path::Path::new("/dev/zero")).expect_err("a device");
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}

#[test]
fn warnings_never_block_however_many_there_are() {
    // Regression: 201 warnings and no error made the file refuse to open,
    // because the "…and N more" line was itself an error.
    let items = vec!["Flow(label: \"late\", amount: 1, profile: Once(2030))"; 250].join(",");
    let src = format!(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 3), costs: [{items}])"
    );
    let loaded = load_str(&src).expect("warnings only: the file opens");
    let w = &loaded.warnings;
    assert_eq!(w.len(), scenario::file::MAX_REPORTED + 1);
    assert!(w.iter().all(|d| !d.is_error()));
    assert_eq!(
        w[w.len() - 1].message,
        "…and 50 more warnings like the ones above"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("late.ron");
    std::fs::write(&path, &src).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_counterweight"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 errors, 201 warnings"));
}

#[test]
fn rule_any_event_year_past_the_horizon_is_cut_not_refused() {
    // Regression: years after 2500 were refused as "not a year Counterweight
    // can model", though docs/format.md says they are cut with a warning.
    let src = file("    savings: [Flow(label: \"Far future\", amount: 1, profile: Once(2501))],");
    let loaded = load_str(&src).expect("valid");
    assert_eq!(
        loaded.warnings[0].message,
        "Savings 1. Far future: falls in 2501, after the horizon ends in 2023; it is not counted"
    );
    let src = file("    job_moves: [JobMove(label: \"j\", jobs: 1, year: 2147483647, salary: 1)],");
    assert!(load_str(&src).is_ok());
}

#[test]
fn rule_price_base_year_may_be_far_from_the_start_within_reason() {
    let old = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, price_base_year: 1800))";
    assert!(load_str(old).is_ok(), "any year");
    let absurd = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, price_base_year: 9999))";
    assert_msg(
        absurd,
        "Settings — price base year 9999 is more than 1000 years from the start year 2014",
    );
}

#[test]
fn an_absurd_start_year_is_an_error_not_a_panic() {
    assert_msg(
        "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2147483647, horizon_years: 100))",
        "Settings — start year 2147483647 is not a year Counterweight can model (1900–2500)",
    );
}
