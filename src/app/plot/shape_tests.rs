//! The app's drawing of the waterfall, tornado and compare, checked on the
//! shapes egui produced at 1280 × 720 and 1920 × 1080.

use egui::{Rect, Shape};
use egui_kittest::Harness;

use crate::chart::{self, Chart, Subject, TornadoBar};
use crate::model::{Plan, evaluate};
use crate::scenario::{Scenario, load_path};

pub(super) fn scenarios() -> Vec<(Scenario, String)> {
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
    drawn_all(chart, size).texts
}

/// What one chart drew: its texts, where the plot's data is drawn (the clip
/// rectangle the app paints its data marks with), and the data itself as rectangles
/// (bars, markers) and polylines (lines).
struct Drawn {
    texts: Vec<(String, Rect)>,
    /// Texts drawn inside the plot (clipped to it): values and labels.
    plot_texts: Vec<(String, Rect)>,
    screen: Rect,
    plot: Option<Rect>,
    bars: Vec<Rect>,
    lines: Vec<Vec<egui::Pos2>>,
}

/// Every shape inside `s`, nested lists flattened.
fn flat<'a>(s: &'a Shape, out: &mut Vec<&'a Shape>) {
    if let Shape::Vec(v) = s {
        for s in v {
            flat(s, out);
        }
    } else {
        out.push(s);
    }
}

fn drawn_all(chart: &Chart, size: [f32; 2]) -> Drawn {
    let c = chart.clone();
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui(move |ui| super::chart_ui(ui, &c, ui.max_rect().bottom()));
    h.run();
    let shapes = &h.output().shapes;
    let screen = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
    // The plot's clip rectangle: the one, smaller than the screen, that
    // clips filled rectangles or polylines.
    let mut plot: Option<Rect> = None;
    let mut bars = Vec::new();
    let mut lines = Vec::new();
    let mut plot_texts = Vec::new();
    for c in shapes {
        let inside = c.clip_rect.width() < screen.width() - 1.0
            || c.clip_rect.height() < screen.height() - 1.0;
        let mut all = Vec::new();
        flat(&c.shape, &mut all);
        for s in all {
            match s {
                Shape::Rect(r) if inside && r.fill.a() > 0 => {
                    let visible = r.rect.intersect(c.clip_rect);
                    // Not the plot's own background.
                    if visible.width() > 0.5
                        && visible.height() > 0.5
                        && visible.width() < c.clip_rect.width() - 1.0
                    {
                        plot = Some(c.clip_rect);
                        bars.push(visible);
                    }
                }
                Shape::Path(p) if inside && p.points.len() >= 2 && !p.stroke.is_empty() => {
                    plot = Some(c.clip_rect);
                    lines.push(p.points.clone());
                }
                Shape::Circle(ci) if inside => {
                    bars.push(Rect::from_center_size(
                        ci.center,
                        egui::Vec2::splat(2.0 * ci.radius),
                    ));
                }
                Shape::Text(_) if inside => {
                    plot_texts.extend(texts(std::slice::from_ref(c)));
                }
                _ => {}
            }
        }
    }
    Drawn {
        texts: texts(shapes),
        plot_texts,
        screen,
        plot,
        bars,
        lines,
    }
}

/// Whether `r` (shrunk by a pixel, for anti-aliasing) touches the polyline.
fn crosses(r: Rect, line: &[egui::Pos2]) -> bool {
    let r = r.shrink(1.0);
    line.windows(2).any(|w| {
        let steps = (w[0].distance(w[1]).ceil() as usize).max(1);
        (0..=steps).any(|i| r.contains(w[0].lerp(w[1], i as f32 / steps as f32)))
    })
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
            // Every step and input drawn is named on screen.
            for name in shown_categories(c, size) {
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

/// The legend, title, key, source and marking never cover the data, and
/// nothing is drawn off the window: for the waterfall, tornado and compare
/// of every bundled scenario (compare: all six) at 1280 × 720 and
/// 1920 × 1080, no text outside the plot overlaps its data area; no text
/// inside it (values, labels) lies on a bar or crosses a line; every text
/// lies inside the window.
#[test]
fn app_charts_keep_the_legend_and_every_text_off_the_data() {
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
        // As the results panel shows it: the 15 that matter most.
        charts.push(chart::tornado(sub, &bars).tornado_top(15));
    }
    charts.push(chart::compare(&subjects));
    let mut problems = Vec::new();
    let mut checked_data = 0;
    for c in &charts {
        for size in [[1280.0, 720.0], [1920.0, 1080.0]] {
            let d = drawn_all(c, size);
            let what = format!("{} “{}” at {size:?}", c.kind.name(), c.title);
            let Some(plot) = d.plot else {
                problems.push(format!("{what}: no plot found"));
                continue;
            };
            checked_data += d.bars.len() + d.lines.len();
            if d.bars.is_empty() && d.lines.is_empty() {
                problems.push(format!("{what}: no data found"));
            }
            for (t, r) in &d.texts {
                if !d.screen.expand(0.5).contains_rect(*r) {
                    problems.push(format!("{what}: {t:?} is off the window at {r:?}"));
                }
            }
            // Outside the plot: the legend, title, key, footer and the
            // axes' tick values, which sit beside the plot, never on it.
            for (t, r) in d.texts.iter().filter(|t| !d.plot_texts.contains(t)) {
                let o = r.intersect(plot);
                if o.width() > 1.0 && o.height() > 1.0 {
                    problems.push(format!("{what}: {t:?} at {r:?} is over the plot {plot:?}"));
                }
            }
            for (t, r) in &d.plot_texts {
                if let Some(b) = d.bars.iter().find(|b| {
                    let o = r.intersect(**b);
                    o.width() > 1.0 && o.height() > 1.0
                }) {
                    problems.push(format!("{what}: {t:?} at {r:?} lies on data at {b:?}"));
                }
                if d.lines.iter().any(|l| crosses(*r, l)) {
                    problems.push(format!("{what}: {t:?} at {r:?} crosses a line"));
                }
            }
        }
    }
    assert!(checked_data > 100, "only {checked_data} data shapes found");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The size `chart_ui` lays a chart out at when given the whole of a
/// `size` window, and the texts it painted there.
fn laid_out(chart: &Chart, size: [f32; 2]) -> ([f64; 2], Vec<String>) {
    let c = chart.clone();
    let at = std::sync::Arc::new(std::sync::Mutex::new([0.0f64; 2]));
    let seen = at.clone();
    let mut h = Harness::builder().with_size(size).build_ui(move |ui| {
        let w = ui.available_width().floor();
        let top = ui.cursor().top();
        super::chart_ui(ui, &c, ui.max_rect().bottom());
        let h = ui.min_rect().bottom() - top;
        if let Ok(mut s) = seen.lock() {
            *s = [f64::from(w), f64::from(h.floor())];
        }
    });
    h.run();
    let texts = texts(&h.output().shapes)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let size = at.lock().map(|s| *s).unwrap_or_default();
    (size, texts)
}

/// The steps and inputs whose bars the chart draws in a `size` window (a
/// tornado too tall for its plot leaves its smallest bars out, and its
/// subtitle says so), found by their bars' tooltips.
fn shown_categories(chart: &Chart, size: [f32; 2]) -> Vec<String> {
    let (at, _) = laid_out(chart, size);
    let Ok(scene) = chart::scene(chart, at[0], at[1]) else {
        return Vec::new();
    };
    chart
        .x_categories
        .iter()
        .chain(&chart.y_categories)
        .filter(|name| {
            scene.hovers.iter().any(|h| {
                h.text.starts_with(&format!("{name}:")) || h.text.starts_with(&format!("{name}\n"))
            })
        })
        .cloned()
        .collect()
}

/// The SVG's texts, trimmed, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

fn bundled_charts() -> Vec<Chart> {
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
    let mut charts = Vec::new();
    for sub in &subjects {
        charts.push(chart::net(sub, chart::Basis::Discounted));
        charts.push(chart::breakdown(sub, chart::Basis::Discounted));
        charts.push(chart::waterfall(sub));
        let bars: Vec<TornadoBar> = crate::uncertainty::tornado(&Plan::new(sub.scenario), None)
            .into_iter()
            .map(|b| TornadoBar {
                label: b.label,
                npv_at_low: b.npv_at_low,
                npv_at_high: b.npv_at_high,
            })
            .collect();
        charts.push(chart::tornado(sub, &bars).tornado_top(15));
    }
    charts.push(chart::compare(&subjects));
    charts
}

/// One layout: the texts the app paints are the texts the exported SVG of
/// the same size writes, line for line.
#[test]
fn the_app_draws_the_texts_the_export_writes_at_the_same_size() {
    let mut problems = Vec::new();
    for c in &bundled_charts() {
        for size in [[1280.0, 720.0], [760.0, 520.0]] {
            let (at, mut app) = laid_out(c, size);
            let Ok(svg) = chart::try_svg(c, at[0], at[1]) else {
                problems.push(format!(
                    "{} at {at:?}: the export refuses it",
                    c.kind.name()
                ));
                continue;
            };
            let mut export = svg_texts(&svg);
            app.sort();
            export.sort();
            if app != export {
                problems.push(format!(
                    "{} at {at:?}: app {app:?}\nexport {export:?}",
                    c.kind.name()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The tornado names every input it draws whole, on one line or two: no
/// name cut short ("Back-office savings (`MoJ`… — amount"), in the results
/// panel beside the editor at every size it takes in a window of 1280 × 720
/// or more (about 700 × 440 at 1280 × 720), and as a chart of 1280 × 720 and
/// 1920 × 1080. (Narrower still — the editor dragged wider at 1280 × 720 —
/// a third two-line name may not fit under two others and is cut in its
/// item, keeping its field, so that three rows are shown.)
#[test]
fn tornado_labels_are_whole_input_names_at_1280_by_720() {
    let mut problems = Vec::new();
    // Each tornado, and with its names moved up a place or three, so other
    // names (the long ones further down) come to the top rows.
    let tornadoes = bundled_charts()
        .into_iter()
        .filter(|c| c.kind == chart::ChartKind::Tornado)
        .flat_map(|c| {
            [0, 1, 3].map(|k| {
                let mut c = c.clone();
                let n = c.y_categories.len();
                c.y_categories.rotate_left(k.min(n));
                c
            })
        })
        .collect::<Vec<_>>();
    for c in &tornadoes {
        let panels = [700.0, 820.0, 960.0, 1100.0]
            .into_iter()
            .flat_map(|w| [440.0, 520.0, 640.0].map(|h| [w, h]));
        for size in panels.chain([[1280.0, 720.0], [1920.0, 1080.0]]) {
            let t = drawn(c, size);
            let joined = words(
                &t.iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let shown = shown_categories(c, size);
            if shown.len() < 3 {
                problems.push(format!("{size:?}: only {} rows drawn", shown.len()));
            }
            for name in shown {
                if !joined.contains(&words(&name)) {
                    problems.push(format!("{size:?}: {name:?} not shown whole"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
