//! The app's drawing of the waterfall, tornado and compare, checked on the
//! shapes egui produced at 1280 × 720 and 1920 × 1080.

use egui::{Rect, Shape};
use egui_kittest::Harness;

use crate::chart::{self, Chart, Subject, TornadoBar};
use crate::model::{Plan, evaluate};
use crate::scenario::{Scenario, load_path};

fn scenarios() -> Vec<(Scenario, String)> {
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let s = load_path(p).expect("loads").scenario;
            (
                s,
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// Every text egui painted: its words and its rectangle.
fn texts(shapes: &[egui::epaint::ClippedShape]) -> Vec<(String, Rect)> {
    fn walk(s: &Shape, out: &mut Vec<(String, Rect)>) {
        match s {
            Shape::Text(t) => {
                // Each row's own extent: text in a wrapping layout
                // starts its first row part-way along the galley.
                let r = t
                    .galley
                    .rows
                    .iter()
                    .map(egui::epaint::text::PlacedRow::rect_without_leading_space)
                    .reduce(egui::Rect::union)
                    .unwrap_or(t.galley.rect)
                    .translate(t.pos.to_vec2());
                let text = t.galley.text().trim().to_owned();
                if !text.is_empty() {
                    out.push((text, r));
                }
            }
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in shapes {
        walk(&c.shape, &mut out);
    }
    out
}

fn drawn(chart: &Chart, size: [f32; 2]) -> Vec<(String, Rect)> {
    let c = chart.clone();
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui(move |ui| super::chart_ui(ui, &c, ui.max_rect().bottom()));
    h.run();
    texts(&h.output().shapes)
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number(s: &str) -> Option<f64> {
    s.replace('\u{2212}', "-")
        .replace(',', "")
        .trim()
        .parse()
        .ok()
}

#[test]
fn app_charts_keep_their_texts_apart() {
    let all = scenarios();
    let results: Vec<_> = all.iter().map(|(s, _)| evaluate(s)).collect();
    let subjects: Vec<Subject> = all
        .iter()
        .zip(&results)
        .map(|((s, name), r)| Subject {
            scenario: s,
            results: r,
            file_name: name,
        })
        .collect();
    let mut problems = Vec::new();
    let mut charts: Vec<Chart> = Vec::new();
    for sub in &subjects {
        charts.push(chart::waterfall(sub));
        let bars: Vec<TornadoBar> = crate::uncertainty::tornado(&Plan::new(sub.scenario), None)
            .into_iter()
            .map(|b| TornadoBar {
                label: b.label,
                npv_at_low: b.npv_at_low,
                npv_at_high: b.npv_at_high,
            })
            .collect();
        charts.push(chart::tornado(sub, &bars));
    }
    charts.push(chart::compare(&subjects));
    for c in &charts {
        // The whole window, and the results panel beside the editor in
        // a 1280 × 720 window.
        for size in [[1280.0, 720.0], [1920.0, 1080.0], [760.0, 520.0]] {
            let t = drawn(c, size);
            for (i, a) in t.iter().enumerate() {
                for b in &t[i + 1..] {
                    let o = a.1.intersect(b.1);
                    if o.width() > 1.0 && o.height() > 1.0 {
                        problems.push(format!(
                            "{} at {size:?}: {:?} overlaps {:?} ({:?} {:?})",
                            c.kind.name(),
                            a.0,
                            b.0,
                            a.1,
                            b.1
                        ));
                    }
                }
            }
            // The tornado's value axis has values: numbers other than
            // the bars' own labels.
            if c.kind == chart::ChartKind::Tornado {
                let bar_values: Vec<String> = c.tornado_values().into_iter().map(|v| v.3).collect();
                let ticks = t
                    .iter()
                    .filter(|(s, _)| number(s).is_some())
                    .filter(|(s, _)| !bar_values.contains(s))
                    .count();
                if ticks < 3 {
                    problems.push(format!("tornado at {size:?}: {ticks} x-axis values"));
                }
            }
            // Every step and input is named on screen.
            for name in c.x_categories.iter().chain(&c.y_categories) {
                let first: String = name
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ");
                let joined: String = t
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if !words(&joined).contains(&words(&first)) {
                    problems.push(format!("{} at {size:?}: {name:?} not shown", c.kind.name()));
                }
            }
            // The marking top and bottom.
            let banner = c.marking.banner();
            if t.iter().filter(|(s, _)| s == banner).count() < 2 {
                problems.push(format!(
                    "{} at {size:?}: marking not top and bottom",
                    c.kind.name()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
