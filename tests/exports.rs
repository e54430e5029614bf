//! Briefing exports: every chart kind for every bundled scenario as SVG (well
//! formed, carrying its title, subtitle, source, marking and series labels)
//! and PNG (the size asked for, not blank, the same bytes every run); the
//! CSV's totals against the report; one reviewed golden SVG per kind.
//!
//! Regenerate the golden SVGs after a deliberate change with:
//!
//!     UPDATE_GOLDEN=1 cargo test --no-default-features --test exports
//!
//! and review `git diff tests/data/golden/`. With `CHART_PREVIEW=DIR` set,
//! the golden charts are also written to DIR as PNG, to look at.

use std::path::{Path, PathBuf};

use counterweight::chart::{
    self, Basis, Chart, ChartKind, Geometry, Subject, TornadoBar, YearBand,
};
use counterweight::model::{Results, evaluate};
use counterweight::report::Report;
use counterweight::scenario::{Marking, Scenario, load_path};

mod common;

fn inputs() -> Vec<PathBuf> {
    common::scenarios_and_example()
}

fn load(path: &Path) -> (Scenario, Results, String) {
    let loaded =
        load_path(path).unwrap_or_else(|e| panic!("{}", e.display_in(&path.display().to_string())));
    let results = evaluate(&loaded.scenario);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (loaded.scenario, results, name)
}

/// Hand-made tornado bars around the scenario's own NPV, until the
/// uncertainty module supplies real ones.
fn tornado_bars(r: &Results) -> Vec<TornadoBar> {
    let c = r.npv.net_social_value;
    vec![
        TornadoBar {
            label: "Months out of work".into(),
            npv_at_low: c + 4e6,
            npv_at_high: c - 9e6,
        },
        TornadoBar {
            label: "Back-office savings — amount".into(),
            npv_at_low: c - 20e6,
            npv_at_high: c + 6e6,
        },
        TornadoBar {
            label: "Data risk — annual probability".into(),
            npv_at_low: c + 0.3e6,
            npv_at_high: c - 0.9e6,
        },
    ]
}

/// Hand-made Monte Carlo bands around the central cumulative NSV.
fn bands(s: &Scenario, r: &Results) -> Vec<YearBand> {
    r.lines
        .cumulative_discounted_net_social_value
        .iter()
        .enumerate()
        .map(|(t, v)| {
            let spread = 2e6 * (t as f64 + 1.0);
            YearBand {
                year: s.settings.start_year + t as i32,
                p10: v - spread * 1.2,
                p50: v - spread * 0.1,
                p90: v + spread,
            }
        })
        .collect()
}

/// Every chart kind for one scenario (compare: with itself and `others`).
fn charts(sub: &Subject, others: &[Subject]) -> Vec<Chart> {
    let mut all = vec![*sub];
    all.extend_from_slice(others);
    vec![
        chart::net(sub, Basis::Discounted),
        chart::breakdown(sub, Basis::Discounted),
        chart::waterfall(sub),
        chart::tornado(sub, &tornado_bars(sub.results)),
        chart::distribution(
            sub,
            &bands(sub.scenario, sub.results),
            10_000,
            Some(sub.results.npv.net_social_value * 0.97),
        ),
        chart::compare(&all),
    ]
}

/// Every text node of the SVG, joined by spaces: wrapped lines read back
/// as the sentence they came from.
fn svg_text(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_svg(c: &Chart, svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("{what}: the SVG is not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let title = doc.descendants().find(|n| n.has_tag_name("title"));
    assert_eq!(
        title.and_then(|n| n.text()),
        Some(c.title.as_str()),
        "{what}"
    );
    let desc = doc.descendants().find(|n| n.has_tag_name("desc"));
    assert_eq!(
        desc.and_then(|n| n.text()),
        Some(c.alt_text.as_str()),
        "{what}"
    );
    let text = svg_text(&doc);
    for (field, value) in [
        ("title", &c.title),
        ("subtitle", &c.subtitle),
        ("source", &c.source),
    ] {
        assert!(
            text.contains(&words(value)),
            "{what}: the {field} {value:?} is not in the SVG text:\n{text}"
        );
    }
    let banner = c.marking.banner();
    if c.marking == Marking::Unmarked {
        assert!(!text.contains("OFFICIAL"), "{what}");
    } else {
        assert!(
            text.matches(banner).count() >= 2,
            "{what}: marking top and bottom"
        );
    }
    for s in &c.series {
        let label = s.direct_label.as_deref().unwrap_or(&s.name);
        assert!(
            text.contains(&words(label)),
            "{what}: series label {label:?} missing:\n{text}"
        );
    }
    for cat in c.x_categories.iter().chain(&c.y_categories) {
        assert!(
            text.contains(&words(cat)),
            "{what}: category {cat:?} missing"
        );
    }
}

/// Width and height from the PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

fn non_white_share(png: &[u8]) -> f64 {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("the PNG decodes");
    let data = pixmap.data();
    let ink = data
        .chunks_exact(4)
        .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
        .count();
    ink as f64 / (data.len() / 4) as f64
}

#[test]
fn every_chart_kind_for_every_scenario_exports_as_svg() {
    let loaded: Vec<_> = inputs().iter().map(|p| load(p)).collect();
    let subjects: Vec<Subject> = loaded
        .iter()
        .map(|(s, r, n)| Subject {
            scenario: s,
            results: r,
            file_name: n,
        })
        .collect();
    for sub in &subjects {
        for c in charts(sub, &subjects) {
            let what = format!("{} {:?}", sub.file_name, c.kind);
            let svg = chart::svg(&c, 800.0, 450.0);
            check_svg(&c, &svg, &what);
        }
    }
}

#[test]
fn every_chart_kind_exports_as_png_of_the_size_asked_the_same_every_time() {
    // PNG rendering is the slow part: every kind for two scenarios, one of
    // them at a second size and scale.
    let files = inputs();
    let picks = [files[0].clone(), files[files.len() - 1].clone()];
    for (i, path) in picks.iter().enumerate() {
        let (s, r, n) = load(path);
        let sub = Subject {
            scenario: &s,
            results: &r,
            file_name: &n,
        };
        for c in charts(&sub, &[]) {
            let what = format!("{n} {:?}", c.kind);
            let (w, h, k) = if i == 0 {
                (1600, 900, 2.0)
            } else {
                (1000, 700, 1.25)
            };
            let a = chart::png(&c, w, h, k).expect("PNG");
            assert_eq!(png_size(&a), (w, h), "{what}");
            let ink = non_white_share(&a);
            assert!(ink > 0.01, "{what}: only {ink:.3} of the PNG has ink");
            let b = chart::png(&c, w, h, k).expect("PNG");
            assert!(a == b, "{what}: two renders differ");
        }
    }
}

#[test]
fn png_refuses_impossible_sizes() {
    let (s, r, n) = load(Path::new("tests/data/format_example.ron"));
    let c = chart::net(
        &Subject {
            scenario: &s,
            results: &r,
            file_name: &n,
        },
        Basis::Cash,
    );
    assert!(chart::png(&c, 0, 900, 2.0).is_err());
    assert!(chart::png(&c, 1600, 900, 0.0).is_err());
    assert!(chart::png(&c, 1600, 900, f32::NAN).is_err());
}

/// Cells of the CSV row whose first cell is `name`.
fn csv_row<'a>(csv: &'a str, name: &str) -> Vec<&'a str> {
    csv.lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|cells| cells.first() == Some(&name))
        .unwrap_or_else(|| panic!("no {name} row"))
}

#[test]
fn csv_totals_equal_the_report() {
    for path in inputs() {
        let (s, r, _) = load(&path);
        let csv = chart::csv(&s, &r);
        assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM");
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        // The marking is the first row and the last.
        let marking = format!(
            "Marking,{}",
            if s.marking == Marking::Unmarked {
                "none"
            } else {
                s.marking.banner()
            }
        );
        assert_eq!(rows.first().copied(), Some(marking.as_str()));
        assert_eq!(rows.last().copied(), Some(marking.as_str()));
        let header: Vec<&str> = rows.get(1).expect("header").split(',').collect();
        assert_eq!(header[0], "Year");
        let col = |h: &str| {
            header
                .iter()
                .position(|x| *x == h)
                .unwrap_or_else(|| panic!("no column {h}"))
        };
        let report = Report::new(&s, &r);
        let years = csv
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()));
        assert_eq!(years.count(), report.years.len());
        for (row, totals) in [
            ("Total (cash)", &report.cash),
            ("Net present value", &report.npv),
        ] {
            let cells = csv_row(&csv, row);
            for (h, want) in [
                ("Net savings (£)", totals.net_savings),
                ("Social cost (£)", totals.social_cost),
                ("Net social value (£)", totals.net_social_value),
                ("Exchequer net (£)", totals.exchequer_net),
            ] {
                let got: f64 = cells[col(h)].parse().expect("a number");
                assert!(
                    (got - want).abs() <= 0.006,
                    "{}: {row} {h} = {got}, report {want}",
                    path.display()
                );
            }
        }
        // The clipboard table has the same rows, tab-separated.
        let tsv = chart::clipboard_table(&s, &r);
        assert_eq!(tsv.lines().count(), csv.lines().count());
        assert!(
            tsv.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("Year\tDiscount factor\t"))
        );
    }
}

/// The charts kept as golden files: the documented example, every kind.
fn golden_charts() -> Vec<Chart> {
    let (s, r, n) = load(Path::new("tests/data/format_example.ron"));
    let mut alt = s.clone();
    alt.title = "The same, with Green Book optimism bias (41% on costs)".into();
    alt.settings.optimism_bias.costs_uplift = 0.41.into();
    let alt_r = evaluate(&alt);
    let sub = Subject {
        scenario: &s,
        results: &r,
        file_name: &n,
    };
    let other = Subject {
        scenario: &alt,
        results: &alt_r,
        file_name: "format_example_41.ron",
    };
    charts(&sub, &[other])
}

#[test]
fn chart_svgs_match_the_reviewed_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let preview = std::env::var_os("CHART_PREVIEW").map(PathBuf::from);
    let mut failures = Vec::new();
    for c in golden_charts() {
        assert!(ChartKind::ALL.contains(&c.kind));
        let svg = chart::svg(&c, 800.0, 450.0);
        let golden = Path::new("tests/data/golden").join(format!("chart_{}.svg", c.kind.name()));
        if let Some(dir) = &preview {
            std::fs::create_dir_all(dir).expect("preview dir");
            let png = chart::png(&c, 1600, 900, 2.0).expect("PNG");
            std::fs::write(dir.join(format!("{}.png", c.kind.name())), png).expect("write");
        }
        if update {
            std::fs::write(&golden, &svg).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == svg => {}
            Ok(_) => failures.push(format!("{} differs", golden.display())),
            Err(_) => failures.push(format!("{} is missing", golden.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nIf the change is intended, run `UPDATE_GOLDEN=1 cargo test --no-default-features --test exports` and review the diff.",
        failures.join("\n")
    );
}

#[test]
fn golden_svgs_render_to_png() {
    // A golden file is what a reviewer approved: it must also render.
    for c in golden_charts() {
        let svg = chart::svg(&c, 800.0, 450.0);
        let png = chart::render_svg(&svg, 800, 450).expect("renders");
        assert_eq!(png_size(&png), (800, 450));
        assert!(matches!(
            c.series.first().map(|s| &s.geometry),
            Some(
                Geometry::Bars { .. }
                    | Geometry::HorizontalBars { .. }
                    | Geometry::Band { .. }
                    | Geometry::Line { .. }
            )
        ));
    }
}

mod cli {
    //! `counterweight export` as a script runs it.

    use std::process::Output;

    use crate::common::run;

    fn stderr(o: &Output) -> String {
        String::from_utf8_lossy(&o.stderr).into_owned()
    }

    const EXAMPLE: &str = "tests/data/format_example.ron";

    #[test]
    fn export_writes_svg_png_and_csv_by_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, chart) in [
            ("a.svg", Some("waterfall")),
            ("b.png", Some("net")),
            ("c.csv", Some("tornado")),
            ("d.csv", None),
        ] {
            let out = dir.path().join(name);
            let mut args = vec!["export", EXAMPLE, "--out", out.to_str().expect("utf-8")];
            if let Some(c) = chart {
                args.extend(["--chart", c]);
            }
            let o = run(&args);
            assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
            let bytes = std::fs::read(&out).expect("written");
            let text = String::from_utf8_lossy(&bytes);
            match name {
                "a.svg" => assert!(bytes.starts_with(b"<?xml")),
                "b.png" => assert_eq!(super::png_size(&bytes), (1600, 900)),
                // --chart on a .csv: the chart's numbers.
                "c.csv" => {
                    assert!(
                        text.starts_with("\u{feff}Marking,OFFICIAL\r\nChart,"),
                        "{text}"
                    );
                    assert!(text.contains("Input at its low value,"), "{text}");
                    assert!(text.ends_with("Marking,OFFICIAL\r\n"), "{text}");
                }
                _ => assert!(
                    text.starts_with("\u{feff}Marking,OFFICIAL\r\nYear,"),
                    "{text}"
                ),
            }
        }
        // Beside the PNG: its text alternative and its numbers.
        let alt = std::fs::read_to_string(dir.path().join("b.png.txt")).expect("alt text");
        assert!(
            alt.starts_with("OFFICIAL\n") && alt.trim_end().ends_with("OFFICIAL"),
            "{alt}"
        );
        assert!(alt.contains("Bar and line chart."), "{alt}");
        let data = std::fs::read_to_string(dir.path().join("b.data.csv")).expect("data");
        assert!(data.contains("\"Net savings, cumulative\",2023,"), "{data}");
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 6);
    }

    #[test]
    fn briefing_preset_is_16_cm_wide_in_word() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("brief.png");
        let o = run(&[
            "export",
            EXAMPLE,
            "--chart",
            "waterfall",
            "--preset",
            "briefing",
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let png = std::fs::read(&out).expect("written");
        let (w, _) = super::png_size(&png);
        // pHYs: pixels per metre, so Word knows the size.
        let at = png.windows(4).position(|x| x == b"pHYs").expect("pHYs");
        let per_metre = u32::from_be_bytes([png[at + 4], png[at + 5], png[at + 6], png[at + 7]]);
        let cm = f64::from(w) / f64::from(per_metre) * 100.0;
        assert!((cm - 16.0).abs() < 0.05, "{cm} cm");
        // --preset replaces the size flags.
        let o = run(&[
            "export",
            EXAMPLE,
            "--preset",
            "briefing",
            "--width",
            "800",
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    }

    /// A size too small is refused, naming one that works: the size it
    /// names is then accepted.
    #[test]
    fn too_small_is_refused_with_a_size_that_works() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("small.png");
        let path = out.to_str().expect("utf-8");
        let o = run(&[
            "export",
            EXAMPLE,
            "--chart",
            "breakdown",
            "--out",
            path,
            "--width",
            "1200",
            "--height",
            "675",
            "--scale",
            "3",
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!out.exists(), "nothing written");
        let err = stderr(&o);
        let after = |flag: &str| -> String {
            err.split(flag)
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .map_or_else(
                    || panic!("no {flag} in {err}"),
                    |v| v.trim_end_matches([',', ';']).to_owned(),
                )
        };
        let (w, h) = (after("--width "), after("--height "));
        let o = run(&[
            "export",
            EXAMPLE,
            "--chart",
            "breakdown",
            "--out",
            path,
            "--width",
            &w,
            "--height",
            &h,
            "--scale",
            "3",
        ]);
        assert_eq!(o.status.code(), Some(0), "{err}\n{}", stderr(&o));
    }

    #[test]
    fn export_png_takes_width_height_and_scale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("small.png");
        let o = run(&[
            "export",
            EXAMPLE,
            "--out",
            out.to_str().expect("utf-8"),
            "--width",
            "1200",
            "--height",
            "800",
            "--scale",
            "1.5",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            super::png_size(&std::fs::read(&out).expect("written")),
            (1200, 800)
        );
    }

    #[test]
    fn export_compare_takes_several_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("x.svg");
        let o = run(&[
            "export",
            EXAMPLE,
            EXAMPLE,
            "--chart",
            "compare",
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }

    #[test]
    fn usage_errors_exit_2() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = |n: &str| dir.path().join(n).to_str().expect("utf-8").to_owned();
        for args in [
            vec!["export", EXAMPLE, "--out", &out("x.jpg")],
            vec![
                "export",
                EXAMPLE,
                EXAMPLE,
                "--chart",
                "net",
                "--out",
                &out("x.svg"),
            ],
            vec!["export", EXAMPLE, "--chart", "pie", "--out", &out("x.svg")],
            vec!["export", EXAMPLE, "--out", &out("x.png"), "--width", "0"],
            vec![
                "export",
                EXAMPLE,
                "--out",
                &out("x.png"),
                "--width",
                "400",
                "--scale",
                "2",
            ],
            vec!["export", EXAMPLE],
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        }
        assert!(
            run(&["export", EXAMPLE, "--out", &out("x.jpg")])
                .stderr
                .starts_with(b"counterweight: error: cannot tell the format")
        );
    }

    #[test]
    fn bad_input_or_unwritable_path_exits_1_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("no-such-folder").join("x.png");
        let o = run(&["export", EXAMPLE, "--out", missing.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("could not write the export"),
            "{}",
            stderr(&o)
        );
        assert!(!missing.exists());

        let bad = dir.path().join("bad.ron");
        std::fs::write(&bad, "Scenario(").expect("write");
        let out = dir.path().join("y.svg");
        let o = run(&[
            "export",
            bad.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(1));
        assert!(!out.exists());
    }
}
