#![allow(clippy::doc_markdown)] // LibreOffice, PDF and the like name programs, not code

//! `counterweight brief`: the audit workbook recalculated by a real
//! spreadsheet program (LibreOffice Calc, headless) must give `report --json`'s
//! numbers, before and after a reviewer edits input cells; the briefing
//! note converted to PDF by LibreOffice Writer must carry the marking on
//! every page, the summary's numbers, every table and caption, and alt text
//! on every picture.
//!
//! LibreOffice is needed. Without `soffice` on the PATH these tests say so
//! and pass, unless `COUNTERWEIGHT_REQUIRE_LIBREOFFICE=1` (CI sets it), when
//! they fail.

mod common;

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, text};
use counterweight::brief::summary::chance;
use counterweight::report::pounds;
use serde_json::Value as Json;

fn libreoffice() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || !std::env::var("COUNTERWEIGHT_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1"),
        "LibreOffice (soffice) is required by COUNTERWEIGHT_REQUIRE_LIBREOFFICE=1 but not found"
    );
    if !found {
        eprintln!("skipped: no LibreOffice (soffice) on the PATH");
    }
    found
}

/// A LibreOffice profile of our own: `recalc` = always recalculate every
/// formula on load (0), or never (1, so the cached values are read).
fn profile(dir: &Path, recalc: u8) -> String {
    let user = dir.join("user");
    std::fs::create_dir_all(&user).expect("profile dir");
    std::fs::write(
        user.join("registrymodifications.xcu"),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{recalc}</value></prop></item>
</oor:items>"#
        ),
    )
    .expect("profile");
    let p = dir.canonicalize().expect("absolute");
    format!("-env:UserInstallation=file://{}", p.display())
}

/// Converts `files` with LibreOffice into `out`.
fn convert(files: &[PathBuf], to: &str, out: &Path, recalc: u8, profile_dir: &Path) {
    let prof = profile(profile_dir, recalc);
    let o = Command::new("soffice")
        .arg(prof)
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "soffice failed: {}", text(&o.stderr));
}

/// Every sheet of every workbook, as CSV (LibreOffice writes NAME-Sheet.csv,
/// numbers at full precision, not as shown), by (file stem, sheet).
fn sheets(
    files: &[PathBuf],
    dir: &Path,
    recalc: u8,
) -> HashMap<(String, String), Vec<Vec<String>>> {
    let out = dir.join(format!("csv{recalc}"));
    std::fs::create_dir_all(&out).expect("dir");
    convert(
        files,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        &out,
        recalc,
        &dir.join(format!("lo{recalc}")),
    );
    let mut m = HashMap::new();
    for f in files {
        let stem = f.file_stem().expect("stem").to_string_lossy().into_owned();
        for sheet in [
            "Results",
            "Inputs",
            "Discounting",
            "Savings",
            "Costs",
            "Fines",
            "Displaced workers",
            "Closures",
            "Data risks",
        ] {
            let p = out.join(format!("{stem}-{sheet}.csv"));
            let body =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            m.insert((stem.clone(), sheet.to_owned()), parse_csv(&body));
        }
    }
    m
}

fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn num(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%');
    let v: f64 = t.parse().ok()?;
    Some(if s.trim().ends_with('%') {
        v / 100.0
    } else {
        v
    })
}

/// Within £0.01, or 1e-12 of the figure where it is over £10bn (the text
/// export's 15 significant digits).
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01_f64.max(1e-12 * a.abs().max(b.abs()))
}

fn report_json(path: &Path) -> Json {
    let o = run(&["report", path.to_str().expect("utf-8"), "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// The row whose column B is `key`, on the Results sheet.
fn row<'a>(results: &'a [Vec<String>], key: &str) -> &'a [String] {
    results
        .iter()
        .find(|r| r.get(1).is_some_and(|k| k == key))
        .unwrap_or_else(|| panic!("no row `{key}` on the Results sheet"))
}

const YEAR_KEYS: [&str; 17] = [
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
    "transfers",
    "net_social_value",
    "exchequer_cost",
    "exchequer_net",
    "cumulative_discounted_net_social_value",
];

/// Every year cell and headline of a recalculated Results sheet against the JSON report.
fn check_results(name: &str, results: &[Vec<String>], json: &Json) -> usize {
    let mut checked = 0;
    let years = json["years"].as_array().expect("years");
    for key in YEAR_KEYS {
        let r = row(results, key);
        for (t, y) in years.iter().enumerate() {
            let want = y[key].as_f64().expect("number");
            let got = num(&r[2 + t])
                .unwrap_or_else(|| panic!("{name}: {key} year {t} is `{}`", r[2 + t]));
            assert!(
                close(got, want),
                "{name}: {key} in {}: workbook {got}, report {want}",
                y["year"]
            );
            checked += 1;
        }
    }
    for basis in ["npv", "cash"] {
        for key in [
            "net_savings",
            "social_cost",
            "transfers",
            "net_social_value",
            "exchequer_net",
        ] {
            let want = json[basis][key].as_f64().expect("number");
            let got = num(&row(results, &format!("{basis}.{key}"))[2]).expect("number");
            assert!(
                close(got, want),
                "{name}: {basis}.{key}: workbook {got}, report {want}"
            );
            checked += 1;
        }
    }
    let payback = &row(results, "payback_year")[2];
    match json["payback_year"].as_i64() {
        Some(y) => assert_eq!(payback, &y.to_string(), "{name}: payback"),
        None => assert_eq!(payback, "none", "{name}: payback"),
    }
    let per = &row(results, "social_cost_per_pound_saved")[2];
    match json["social_cost_per_pound_saved"].as_f64() {
        Some(x) => assert!(
            (num(per).expect("number") - x).abs() <= 1e-9 * x.abs().max(1.0),
            "{name}: per £ {per} vs {x}"
        ),
        None => assert_eq!(per, "n/a", "{name}"),
    }
    if let Some(c) = json["claim"].as_object() {
        let got = num(&row(results, "claim.claimed")[2]).expect("claimed");
        assert!(
            close(got, c["claimed"].as_f64().expect("n")),
            "{name}: claimed"
        );
        for rd in c["readings"].as_array().expect("readings") {
            let key = format!("claim.readings.{}", rd["reading"].as_str().expect("key"));
            let r = row(results, &key);
            assert!(
                close(num(&r[2]).expect("n"), rd["modelled"].as_f64().expect("n")),
                "{name}: {key}"
            );
            match rd["ratio"].as_f64() {
                Some(x) => {
                    let got = num(&r[3]).expect("ratio");
                    assert!(
                        (got - x).abs() <= 1e-9 * x.abs().max(1.0),
                        "{name}: {key} ratio: workbook {got}, report {x}"
                    );
                }
                None => assert_eq!(r[3], "n/a", "{name}: {key} ratio"),
            }
            checked += 1;
        }
    }
    checked
}

/// Every number in the recalculated sheets equals the cached one the program wrote.
fn check_cached(name: &str, recalculated: &[Vec<String>], cached: &[Vec<String>]) {
    assert_eq!(recalculated.len(), cached.len(), "{name}");
    for (i, (a, b)) in recalculated.iter().zip(cached).enumerate() {
        for (j, (x, y)) in a.iter().zip(b).enumerate() {
            match (num(x), num(y)) {
                (Some(x), Some(y)) => assert!(
                    close(x, y),
                    "{name} row {} col {}: recalculated {x}, cached {y}",
                    i + 1,
                    j + 1
                ),
                _ => assert_eq!(x, y, "{name} row {} col {}", i + 1, j + 1),
            }
        }
    }
}

fn brief(scenario: &Path, out: &Path) {
    let o = run(&[
        "brief",
        scenario.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        o.status.success(),
        "brief {}: {}",
        scenario.display(),
        text(&o.stderr)
    );
}

fn bundled() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}

/// Sets numeric cell `cell` (`C17`) of the sheet file `sheet` to `value`.
fn set_cell(xml: &str, cell: &str, value: f64) -> String {
    let open = format!("<c r=\"{cell}\"");
    let at = xml.find(&open).unwrap_or_else(|| panic!("no cell {cell}"));
    let v = at + xml[at..].find("<v>").expect("a value") + 3;
    let end = v + xml[v..].find("</v>").expect("end");
    format!("{}{value}{}", &xml[..v], &xml[end..])
}

/// The sheet file and cell a defined name points at (`in_savings_0_amount`
/// → `xl/worksheets/sheet2.xml`, `C17`).
fn named_cell(files: &HashMap<String, Vec<u8>>, name: &str) -> (String, String) {
    let wb = String::from_utf8(files["xl/workbook.xml"].clone()).expect("utf-8");
    let doc = roxmltree::Document::parse(&wb).expect("xml");
    let target = doc
        .descendants()
        .find(|n| n.has_tag_name("definedName") && n.attribute("name") == Some(name))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no name {name}"))
        .to_owned();
    let (sheet, cell) = target.rsplit_once('!').expect("sheet!cell");
    let sheet = sheet.trim_matches('\'');
    let index = doc
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .position(|n| n.attribute("name") == Some(sheet))
        .expect("sheet");
    (
        format!("xl/worksheets/sheet{}.xml", index + 1),
        cell.replace('$', ""),
    )
}

fn read_zip(path: &Path) -> (Vec<String>, HashMap<String, Vec<u8>>) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut names = Vec::new();
    let mut files = HashMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read");
        let name = f.name().expect("entry name").to_string();
        names.push(name.clone());
        files.insert(name, b);
    }
    (names, files)
}

fn write_zip(path: &Path, names: &[String], files: &HashMap<String, Vec<u8>>) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for n in names {
        z.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        z.write_all(&files[n]).expect("write");
    }
    z.finish().expect("finish");
}

/// Every bundled scenario's workbook, recalculated, gives report --json's
/// year cells and headline, and its cached values are the recalculated ones.
/// Then three input cells are changed in the workbook (a savings amount, a
/// job count, the first discount rate) and the recalculated workbook gives
/// report --json on the scenario file changed the same way.
#[test]
fn bundled_workbooks_recalculate_to_the_report_and_follow_edited_inputs() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut books = Vec::new();
    for s in bundled() {
        let out = dir.path().join(format!(
            "{}.xlsx",
            s.file_stem().expect("stem").to_string_lossy()
        ));
        brief(&s, &out);
        books.push(out);
    }
    // The edited copies.
    let mut edited = Vec::new();
    let mut edited_json = Vec::new();
    for (s, book) in bundled().iter().zip(&books) {
        let loaded = counterweight::scenario::load_path(s).expect("loads");
        let mut sc = loaded.scenario;
        let (names, mut files) = read_zip(book);
        let mut edit = |name: &str, value: f64| {
            let (sheet, cell) = named_cell(&files, name);
            let xml = String::from_utf8(files[&sheet].clone()).expect("utf-8");
            files.insert(sheet, set_cell(&xml, &cell, value).into_bytes());
        };
        // Each value moves with its range (a correlation needs a range), and
        // the workbook cell gets the moved value's central figure.
        let central = sc.settings.central;
        let moved = |v: &counterweight::scenario::Value, k: f64| v.with_central(v.central() * k);
        sc.savings[0].amount = moved(&sc.savings[0].amount, 1.25);
        edit(
            "in_savings_0_amount",
            sc.savings[0].amount.central_as(central),
        );
        if let Some(j) = sc.job_moves.first_mut() {
            j.jobs = moved(&j.jobs, 1.5);
            edit("in_job_moves_0_jobs", j.jobs.central_as(central));
        } else if let Some(c) = sc.office_closures.first_mut() {
            c.jobs_lost = moved(&c.jobs_lost, 1.5);
            edit(
                "in_office_closures_0_jobs_lost",
                c.jobs_lost.central_as(central),
            );
        } else {
            panic!("{}: no job count to edit", s.display());
        }
        // Green Book's first band covers years 1–30: with a horizon of 31
        // years or fewer, a new first rate is a constant rate.
        assert!(sc.settings.horizon_years <= 31, "{}", s.display());
        edit("discount_rate_1", 0.05);
        sc.settings.discounting = counterweight::scenario::Discounting::Constant(
            counterweight::scenario::Value::Point(0.05),
        );
        let stem = format!("edited-{}", s.file_stem().expect("stem").to_string_lossy());
        let path = dir.path().join(format!("{stem}.xlsx"));
        write_zip(&path, &names, &files);
        edited.push(path);
        let ron = dir.path().join(format!("{stem}.ron"));
        std::fs::write(&ron, counterweight::scenario::write::to_ron(&sc)).expect("write");
        edited_json.push(report_json(&ron));
    }
    let all: Vec<PathBuf> = books.iter().chain(&edited).cloned().collect();
    let recalculated = sheets(&all, dir.path(), 0);
    let cached = sheets(&books, dir.path(), 1);
    let mut checked = 0;
    for (s, book) in bundled().iter().zip(&books) {
        let stem = book
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let json = report_json(s);
        checked += check_results(
            &stem,
            &recalculated[&(stem.clone(), "Results".to_owned())],
            &json,
        );
        for sheet in [
            "Results",
            "Discounting",
            "Savings",
            "Costs",
            "Fines",
            "Displaced workers",
            "Closures",
            "Data risks",
        ] {
            let key = (stem.clone(), sheet.to_owned());
            check_cached(
                &format!("{stem} {sheet}"),
                &recalculated[&key],
                &cached[&key],
            );
        }
    }
    for (book, json) in edited.iter().zip(&edited_json) {
        let stem = book
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let before = &recalculated[&(
            stem.trim_start_matches("edited-").to_owned(),
            "Results".to_owned(),
        )];
        let after = &recalculated[&(stem.clone(), "Results".to_owned())];
        assert_ne!(
            row(before, "npv.net_social_value")[2],
            row(after, "npv.net_social_value")[2],
            "{stem}: the edit changed nothing"
        );
        checked += check_results(&stem, after, json);
    }
    assert!(checked > 1000, "only {checked} figures checked");
}

/// 50 random scenarios from the cross-check's generator (every model-2
/// feature: all profiles, growth, nominal flows, claims, fines both ways, the
/// Civil Service scheme, closures, data risks, optimism bias, central Mean,
/// all four discountings, correlations): each workbook recalculates to its
/// report.
#[test]
fn random_workbooks_recalculate_to_the_report() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("ron");
    let o = Command::new("python3")
        .args([
            "tools/crosscheck.py",
            "--emit",
            "--n",
            "50",
            "--seed",
            "15",
            "--dir",
        ])
        .arg(&src)
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut books = Vec::new();
    let mut jsons = Vec::new();
    for i in 0..50 {
        let s = src.join(format!("s{i:05}.ron"));
        let check = run(&["report", s.to_str().expect("utf-8"), "--json"]);
        if !check.status.success() {
            // The generator's wide ranges can make a figure too large to
            // compute; the binary refuses those and so does brief.
            let b = run(&[
                "brief",
                s.to_str().expect("utf-8"),
                "--out",
                dir.path().join("x.xlsx").to_str().expect("utf-8"),
            ]);
            assert!(
                !b.status.success(),
                "{}: report refused it but brief did not",
                s.display()
            );
            continue;
        }
        let out = dir.path().join(format!("r{i:05}.xlsx"));
        brief(&s, &out);
        books.push(out);
        jsons.push(serde_json::from_slice::<Json>(&check.stdout).expect("json"));
    }
    assert!(
        books.len() >= 40,
        "only {} of 50 random scenarios could be computed",
        books.len()
    );
    let recalculated = sheets(&books, dir.path(), 0);
    for (book, json) in books.iter().zip(&jsons) {
        let stem = book
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        check_results(
            &stem,
            &recalculated[&(stem.clone(), "Results".to_owned())],
            json,
        );
    }
}

/// Text of each PDF page (pdftotext, form feeds between pages).
fn pages(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(o.status.success());
    let t = text(&o.stdout);
    t.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every bundled scenario's briefing note opens in LibreOffice Writer:
/// the marking on every page top and bottom, the summary's figures as
/// report --json gives them, every table and caption, and alt text on every
/// picture.
#[test]
fn bundled_briefing_notes_open_with_marking_summary_tables_and_alt_text() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut docs = Vec::new();
    for s in bundled() {
        let out = dir.path().join(format!(
            "{}.docx",
            s.file_stem().expect("stem").to_string_lossy()
        ));
        brief(&s, &out);
        docs.push(out);
    }
    convert(&docs, "pdf", dir.path(), 0, &dir.path().join("lo"));
    for (s, doc) in bundled().iter().zip(&docs) {
        let name = s.display().to_string();
        let loaded = counterweight::scenario::load_path(s).expect("loads");
        let banner = loaded.scenario.marking.banner();
        let draws = loaded.scenario.settings.monte_carlo.draws.to_string();
        let o = run(&[
            "report",
            s.to_str().expect("utf-8"),
            "--json",
            "--draws",
            &draws,
        ]);
        let json: Json = serde_json::from_slice(&o.stdout).expect("json");
        let pdf = doc.with_extension("pdf");
        let pages = pages(&pdf);
        assert!(pages.len() >= 4, "{name}: {} pages", pages.len());
        for (i, p) in pages.iter().enumerate() {
            let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            assert_eq!(
                lines.first().copied(),
                Some(banner),
                "{name} page {}: top",
                i + 1
            );
            assert!(
                lines
                    .last()
                    .is_some_and(|l| l.starts_with(banner) && l.contains("Page")),
                "{name} page {}: bottom `{:?}`",
                i + 1,
                lines.last()
            );
        }
        let all = squash(&pages.join("\n"));
        let start = all.find("Summary ").expect("summary heading") + "Summary ".len();
        let end = all[start..]
            .find(" Background (from the scenario file)")
            .or_else(|| all[start..].find(" Headline figures"))
            .expect("end of summary")
            + start;
        let summary = &all[start..end];
        let rest = &all[end..];
        let mut want: Vec<String> = [
            "net_savings",
            "social_cost",
            "transfers",
            "net_social_value",
            "exchequer_net",
        ]
        .iter()
        .map(|k| pounds(json["npv"][k].as_f64().expect("n")))
        .collect();
        want.push(pounds(json["cash"]["net_savings"].as_f64().expect("n")));
        if let Some(y) = json["payback_year"].as_i64() {
            want.push(y.to_string());
        }
        want.push(chance(
            json["monte_carlo"]["probability_net_social_value_positive"]
                .as_f64()
                .expect("p"),
        ));
        if let Some(c) = json["claim"].as_object() {
            want.push(pounds(c["claimed"].as_f64().expect("n")));
            want.push(pounds(c["modelled_net_savings"].as_f64().expect("n")));
        }
        for w in &want {
            assert!(
                summary.contains(w.as_str()),
                "{name}: the summary lacks {w}: {summary}"
            );
        }
        // Every money figure in the summary is in the tables below it.
        for tok in summary.split(|c: char| c.is_whitespace() || c == '(' || c == ')') {
            let t = tok.trim_end_matches(['.', ',', ':', ';']);
            // "for every £1" is a unit, not a figure.
            if t.contains('£') && t.chars().any(|c| c.is_ascii_digit()) && t != "£1" {
                assert!(
                    rest.contains(t),
                    "{name}: {t} is in the summary but not in the tables"
                );
            }
        }
        for cap in [
            "Table 1:",
            "Table 2:",
            "Table 3:",
            "Figure 1:",
            "Figure 2:",
            "Figure 3:",
            "Figure 4:",
            "Quality assurance",
            "Assumptions log",
            "What has to be true",
            "What is not counted",
        ] {
            assert!(all.contains(cap), "{name}: no `{cap}`");
        }
        let years = json["years"].as_array().expect("years");
        for y in years {
            assert!(
                rest.contains(&y["year"].to_string()),
                "{name}: the year table lacks {}",
                y["year"]
            );
        }
        // Alt text on every picture, ids unique.
        let (_, files) = read_zip(doc);
        let xml = String::from_utf8(files["word/document.xml"].clone()).expect("utf-8");
        let d = roxmltree::Document::parse(&xml).expect("document.xml parses");
        let pics: Vec<_> = d
            .descendants()
            .filter(|n| n.tag_name().name() == "docPr")
            .collect();
        assert_eq!(pics.len(), 4, "{name}: pictures");
        let mut ids: Vec<&str> = pics
            .iter()
            .map(|p| p.attribute("id").expect("id"))
            .collect();
        for p in &pics {
            let alt = p.attribute("descr").unwrap_or("");
            assert!(
                alt.len() > 40,
                "{name}: picture {:?} has alt text `{alt}`",
                p.attribute("id")
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 4, "{name}: picture ids repeat");
        let headers = ["word/header1.xml", "word/footer1.xml"];
        for h in headers {
            assert!(
                String::from_utf8_lossy(&files[h]).contains(banner),
                "{name}: {h}"
            );
        }
    }
}

/// An --out that is neither .docx nor .xlsx is a usage error naming both.
#[test]
fn brief_refuses_other_extensions_and_names_both() {
    let o = run(&[
        "brief",
        "scenarios/moj-back-office.ron",
        "--out",
        "note.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains(".docx") && e.contains(".xlsx") && e.contains("note.pdf"),
        "{e}"
    );
}

/// A missing scenario file is named, with exit code 1 and nothing written.
#[test]
fn brief_of_a_missing_file_names_it_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("b.docx");
    let o = run(&[
        "brief",
        "no-such-file.ron",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("no-such-file.ron"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
}
