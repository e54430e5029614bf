//! The chart layout holds at every size a user can ask for: every chart
//! kind for every bundled scenario (and a compare of them all), laid out at
//! a grid of pixel sizes and scales, checked on the SVG it produced.
//!
//! The checks measure each text's box with the shipped font itself (advance
//! widths read from the TTF here, not by the layout code), so the layout
//! cannot pass by agreeing with its own arithmetic:
//!
//! - no two texts overlap, and no text overlaps a bar;
//! - every text lies inside the canvas;
//! - value-axis ticks run the right way (up the y axis, along the x axis);
//! - the marking is the topmost and the bottommost text, in bold;
//! - the title and the source line are there whole, never cut with "…";
//! - every series is named (a direct label or a legend entry).
//!
//! A size too small for a chart must be refused, naming a size that works;
//! the size it names is checked as above.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use counterweight::chart::{self, Basis, Chart, Subject, TornadoBar, YearBand};
use counterweight::model::{Plan, Results, evaluate};
use counterweight::scenario::{Marking, Scenario, load_path};
use counterweight::uncertainty::{self, MonteCarlo};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider as _};

mod common;

/// The fonts the PNG is drawn with: regular, bold.
fn fonts() -> (Vec<u8>, Vec<u8>) {
    let dir = Path::new("assets/fonts");
    let read = |name: &str| std::fs::read(dir.join(name)).ok();
    let regular = read("LiberationSans-Regular.ttf").expect("the shipped regular face");
    let bold = read("LiberationSans-Bold.ttf").expect("the shipped bold face");
    (regular, bold)
}

struct Metrics<'a> {
    regular: FontRef<'a>,
    bold: FontRef<'a>,
}

impl Metrics<'_> {
    fn width(&self, s: &str, size: f64, bold: bool) -> f64 {
        let font = if bold { &self.bold } else { &self.regular };
        let charmap = font.charmap();
        let gm = font.glyph_metrics(Size::new(1000.0), LocationRef::default());
        let fallback = gm.advance_width(skrifa::GlyphId::new(0)).unwrap_or(500.0);
        let units: f64 = s
            .chars()
            .map(|c| {
                f64::from(
                    charmap
                        .map(c)
                        .and_then(|g| gm.advance_width(g))
                        .unwrap_or(fallback),
                )
            })
            .sum();
        units / 1000.0 * size
    }

    /// Ascent and descent per unit of font size.
    fn vertical(&self, bold: bool) -> (f64, f64) {
        let font = if bold { &self.bold } else { &self.regular };
        let m = font.metrics(Size::new(1.0), LocationRef::default());
        (f64::from(m.ascent), f64::from(-m.descent))
    }
}

#[derive(Clone, Debug)]
struct TextBox {
    body: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    anchor: String,
    x: f64,
    y: f64,
    size: f64,
    bold: bool,
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> f64 {
    let w = a[2].min(b[2]) - a[0].max(b[0]);
    let h = a[3].min(b[3]) - a[1].max(b[1]);
    if w > 0.0 && h > 0.0 { w.min(h) } else { 0.0 }
}

impl TextBox {
    fn rect(&self) -> [f64; 4] {
        [self.x0, self.y0, self.x1, self.y1]
    }
}

/// A number as the charts write it: "−1,234.5", "+2.2", "40".
fn number(s: &str) -> Option<f64> {
    let t = s.replace('\u{2212}', "-").replace(',', "");
    t.trim().parse().ok()
}

fn attr(n: &roxmltree::Node, name: &str) -> Option<f64> {
    n.attribute(name)?.parse().ok()
}

/// Everything wrong with `svg` as a drawing of `c`.
fn problems(c: &Chart, svg: &str, fm: &Metrics) -> Vec<String> {
    let mut out = Vec::new();
    let doc = match roxmltree::Document::parse(svg) {
        Ok(d) => d,
        Err(e) => return vec![format!("not XML: {e}")],
    };
    let root = doc.root_element();
    let (w, h) = (
        attr(&root, "width").unwrap_or(0.0),
        attr(&root, "height").unwrap_or(0.0),
    );
    let mut texts: Vec<TextBox> = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let body = n.text().unwrap_or("").to_owned();
        if body.trim().is_empty() {
            continue;
        }
        let (Some(x), Some(y), Some(size)) = (attr(&n, "x"), attr(&n, "y"), attr(&n, "font-size"))
        else {
            out.push(format!("text without x, y or size: {body:?}"));
            continue;
        };
        let bold = n.attribute("font-weight") == Some("bold");
        let anchor = n.attribute("text-anchor").unwrap_or("start").to_owned();
        let tw = fm.width(&body, size, bold);
        let (asc, desc) = fm.vertical(bold);
        let x0 = match anchor.as_str() {
            "middle" => x - tw / 2.0,
            "end" => x - tw,
            _ => x,
        };
        texts.push(TextBox {
            body,
            x0,
            y0: y - asc * size,
            x1: x0 + tw,
            y1: y + desc * size,
            anchor,
            x,
            y,
            size,
            bold,
        });
    }
    // Bars: filled rectangles other than the white background.
    let bars: Vec<[f64; 4]> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| n.attribute("fill").is_some_and(|f| f != "#FFFFFF"))
        .filter_map(|n| {
            let (x, y) = (attr(&n, "x")?, attr(&n, "y")?);
            let (bw, bh) = (attr(&n, "width")?, attr(&n, "height")?);
            Some([x, y, x + bw, y + bh])
        })
        .collect();

    // Inside the canvas.
    for t in &texts {
        if t.x0 < -0.5 || t.y0 < -0.5 || t.x1 > w + 0.5 || t.y1 > h + 0.5 {
            out.push(format!(
                "{:?} is outside the {w} × {h} canvas: [{:.1}, {:.1}, {:.1}, {:.1}]",
                t.body, t.x0, t.y0, t.x1, t.y1
            ));
        }
    }
    // No two texts overlap (by more than half a unit).
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let o = overlap(a.rect(), b.rect());
            if o > 0.5 {
                out.push(format!(
                    "{:?} at ({:.1}, {:.1}) overlaps {:?} at ({:.1}, {:.1}) by {o:.1}",
                    a.body, a.x, a.y, b.body, b.x, b.y
                ));
            }
        }
        for bar in &bars {
            let o = overlap(a.rect(), *bar);
            if o > 0.5 {
                out.push(format!(
                    "{:?} at ({:.1}, {:.1}) is drawn over a bar [{:.1}, {:.1}, {:.1}, {:.1}]",
                    a.body, a.x, a.y, bar[0], bar[1], bar[2], bar[3]
                ));
            }
        }
    }
    // Value ticks: the largest group of numbers right-aligned at one x
    // (a y axis), or centred on one baseline (an x axis of values).
    let mut by_x: HashMap<String, Vec<&TextBox>> = HashMap::new();
    let mut by_y: HashMap<String, Vec<&TextBox>> = HashMap::new();
    for t in texts.iter().filter(|t| number(&t.body).is_some()) {
        match t.anchor.as_str() {
            "end" => by_x.entry(format!("{:.1}", t.x)).or_default().push(t),
            "middle" => by_y.entry(format!("{:.1}", t.y)).or_default().push(t),
            _ => {}
        }
    }
    let horizontal = !c.y_categories.is_empty();
    let money_x = c.kind == chart::ChartKind::Distribution && c.y_label.starts_with('%');
    let y_ticks = by_x.into_values().max_by_key(Vec::len).unwrap_or_default();
    if !horizontal {
        if y_ticks.len() < 2 {
            out.push(format!("fewer than two y-axis ticks: {y_ticks:?}"));
        }
        let mut t = y_ticks.clone();
        t.sort_by(|a, b| a.y.total_cmp(&b.y));
        for p in t.windows(2) {
            let (a, b) = (number(&p[0].body), number(&p[1].body));
            if a <= b {
                out.push(format!(
                    "y ticks run the wrong way: {:?} above {:?}",
                    p[0].body, p[1].body
                ));
            }
        }
    }
    if horizontal || money_x {
        let x_ticks = by_y
            .into_values()
            .filter(|g| g.len() >= 3)
            .max_by_key(Vec::len)
            .unwrap_or_default();
        if x_ticks.len() < 2 {
            out.push("fewer than two x-axis value ticks".to_owned());
        }
        let mut t = x_ticks.clone();
        t.sort_by(|a, b| a.x.total_cmp(&b.x));
        for p in t.windows(2) {
            if number(&p[0].body) >= number(&p[1].body) {
                out.push(format!(
                    "x ticks run the wrong way: {:?} left of {:?}",
                    p[0].body, p[1].body
                ));
            }
        }
    }
    // The marking: topmost and bottommost text, bold.
    let banner = c.marking.banner();
    if c.marking != Marking::Unmarked {
        let marks: Vec<&TextBox> = texts.iter().filter(|t| t.body == banner).collect();
        let top = texts.iter().map(|t| t.y0).fold(f64::INFINITY, f64::min);
        let bottom = texts.iter().map(|t| t.y1).fold(f64::NEG_INFINITY, f64::max);
        if !marks.iter().any(|m| m.y0 <= top + 0.01) {
            out.push(format!("the marking {banner} is not the topmost text"));
        }
        if !marks.iter().any(|m| m.y1 >= bottom - 0.01) {
            out.push(format!("the marking {banner} is not the bottommost text"));
        }
        if marks.iter().any(|m| !m.bold) {
            out.push("the marking is not bold".to_owned());
        }
    }
    // Whole title and source; every series named.
    let all = words(
        &texts
            .iter()
            .map(|t| t.body.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    for (what, value) in [("title", &c.title), ("source", &c.source)] {
        if !all.contains(&words(value)) {
            out.push(format!("the {what} {value:?} is not there whole"));
        }
    }
    let title_size = texts
        .iter()
        .filter(|t| t.body != banner)
        .map(|t| t.size)
        .fold(0.0, f64::max);
    if texts
        .iter()
        .any(|t| t.size == title_size && t.body.contains('…'))
    {
        out.push("a title line is cut with …".to_owned());
    }
    for s in &c.series {
        let name = s.direct_label.as_deref().unwrap_or(&s.name);
        if !name.is_empty() && !all.contains(&words(name)) && !all.contains(&words(&s.name)) {
            out.push(format!("the series {name:?} is not named"));
        }
    }
    // Tornado rows are told apart by their names, a name on two lines
    // (1.2 sizes apart; rows are at least 1.6 apart) read as one.
    if horizontal {
        let mut names: Vec<&TextBox> = texts
            .iter()
            .filter(|t| t.anchor == "end" && number(&t.body).is_none())
            .collect();
        names.sort_by(|a, b| a.y.total_cmp(&b.y));
        let mut rows: Vec<String> = Vec::new();
        let mut last_y = f64::NEG_INFINITY;
        for t in names {
            match rows.last_mut() {
                Some(row) if t.y - last_y < 1.4 * t.size => {
                    row.push(' ');
                    row.push_str(&t.body);
                }
                _ => rows.push(t.body.clone()),
            }
            last_y = t.y;
        }
        for (i, r) in rows.iter().enumerate() {
            if rows[..i].contains(r) {
                out.push(format!("two tornado rows both read {r:?}"));
            }
        }
    }
    if texts.iter().any(|t| t.size < 8.0) {
        out.push("text smaller than 8 units".to_owned());
    }
    out
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Loaded {
    scenario: Scenario,
    results: Results,
    name: String,
}

fn load_all() -> Vec<Loaded> {
    common::ron_files("scenarios")
        .iter()
        .map(|p| {
            let l = load_path(p)
                .unwrap_or_else(|e| panic!("{}", e.display_in(&p.display().to_string())));
            let results = evaluate(&l.scenario);
            Loaded {
                scenario: l.scenario,
                results,
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Every chart kind for one scenario, with real tornado bars and a small
/// (fast) Monte Carlo run for the fan chart.
fn charts_of(sub: &Subject) -> Vec<Chart> {
    let plan = Plan::new(sub.scenario);
    let bars: Vec<TornadoBar> = uncertainty::tornado(&plan, None)
        .into_iter()
        .map(|b| TornadoBar {
            label: b.label,
            npv_at_low: b.npv_at_low,
            npv_at_high: b.npv_at_high,
        })
        .collect();
    let mc = MonteCarlo {
        draws: 500,
        seed: 1,
        threads: 1,
    };
    let summary = mc
        .run(&plan, &AtomicBool::new(false), &|_| {})
        .expect("Monte Carlo runs");
    let bands: Vec<YearBand> = summary.bands.iter().map(YearBand::from).collect();
    vec![
        chart::net(sub, Basis::Discounted),
        chart::breakdown(sub, Basis::Discounted),
        chart::waterfall(sub),
        chart::tornado(sub, &bars),
        chart::distribution(sub, &bands, 500, Some(summary.net_social_value.mean)),
        chart::histogram(sub, &chart::DrawHistogram::from(&summary)),
    ]
}

/// Pixel sizes and scales: the layout is `width / scale` × `height / scale`.
const PIXELS: [(u32, u32); 24] = [
    (320, 180),
    (480, 270),
    (640, 360),
    (700, 394),
    (800, 350),
    (800, 450),
    (960, 540),
    (1000, 600),
    (1024, 768),
    (1080, 1080),
    (1200, 675),
    (1280, 720),
    (1366, 768),
    (1400, 788),
    (1440, 900),
    (1600, 600),
    (1600, 900),
    (1680, 1050),
    (1812, 1359),
    (1920, 1080),
    (2048, 1152),
    (2400, 900),
    (2560, 1440),
    (3840, 2160),
];
const SCALES: [f32; 4] = [1.0, 2.0, 3.0, 4.0];

#[test]
fn every_chart_holds_at_every_size_and_scale() {
    let (regular, bold) = fonts();
    let fm = Metrics {
        regular: FontRef::new(&regular).expect("font"),
        bold: FontRef::new(&bold).expect("font"),
    };
    let all = load_all();
    let subjects: Vec<Subject> = all
        .iter()
        .map(|l| Subject {
            scenario: &l.scenario,
            results: &l.results,
            file_name: &l.name,
        })
        .collect();
    let mut charts: Vec<(String, Chart)> = Vec::new();
    for sub in &subjects {
        for c in charts_of(sub) {
            charts.push((format!("{} {}", sub.file_name, c.kind.name()), c));
        }
    }
    charts.push(("compare of all".to_owned(), chart::compare(&subjects)));

    let mut sizes: Vec<(f64, f64)> = Vec::new();
    for (pw, ph) in PIXELS {
        for k in SCALES {
            let size = (f64::from(pw) / f64::from(k), f64::from(ph) / f64::from(k));
            if size.0 >= 320.0 && size.1 >= 180.0 && !sizes.contains(&size) {
                sizes.push(size);
            }
        }
    }
    assert!(sizes.len() >= 40, "{} sizes", sizes.len());

    // Layouts of at least 600 × 337 (1200 × 675 at scale 2) must always
    // draw; smaller ones may be refused, naming a size that works.
    let mut failures: Vec<String> = Vec::new();
    let mut drawn = 0;
    let mut refused = 0;
    for (what, c) in &charts {
        let mut checked_needs: Vec<(f64, f64)> = Vec::new();
        for &(w, h) in &sizes {
            match chart::try_svg(c, w, h) {
                Ok(svg) => {
                    drawn += 1;
                    for p in problems(c, &svg, &fm) {
                        failures.push(format!("{what} at {w:.0} × {h:.0}: {p}"));
                    }
                }
                Err(e) => {
                    refused += 1;
                    if w >= 600.0 && h >= 337.0 {
                        failures.push(format!("{what} at {w:.0} × {h:.0} refused: {e}"));
                    }
                    if e.need_width < w && e.need_height < h {
                        failures.push(format!(
                            "{what} at {w:.0} × {h:.0}: refused, naming a smaller size: {e}"
                        ));
                    }
                    let need = (e.need_width, e.need_height);
                    if checked_needs.contains(&need) {
                        continue;
                    }
                    checked_needs.push(need);
                    match chart::try_svg(c, need.0, need.1) {
                        Ok(svg) => {
                            for p in problems(c, &svg, &fm) {
                                failures.push(format!(
                                    "{what} at the size named when refusing {w:.0} × {h:.0}, {:.0} × {:.0}: {p}",
                                    need.0, need.1
                                ));
                            }
                        }
                        Err(again) => failures.push(format!(
                            "{what}: the size named when refusing {w:.0} × {h:.0} is refused too: {again}"
                        )),
                    }
                }
            }
        }
    }
    let total = failures.len();
    failures.truncate(40);
    assert!(
        total == 0,
        "{total} problems ({drawn} drawn, {refused} refused), the first {}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Most of the grid is drawn, not refused.
    assert!(drawn > 3 * refused, "{drawn} drawn, {refused} refused");
}

/// At briefing size, 16 cm wide in Word, every chart keeps full-size type:
/// labels and source at least 9 pt, the title at least 12 pt.
#[test]
fn briefing_size_keeps_body_like_text_at_16_cm() {
    let all = load_all();
    let subjects: Vec<Subject> = all
        .iter()
        .map(|l| Subject {
            scenario: &l.scenario,
            results: &l.results,
            file_name: &l.name,
        })
        .collect();
    let b = chart::BRIEFING;
    let (w, h) = (
        f64::from(b.width) / f64::from(b.scale),
        f64::from(b.height) / f64::from(b.scale),
    );
    // 16 cm in points.
    let pt_per_unit = 16.0 / 2.54 * 72.0 / w;
    let mut charts: Vec<Chart> = subjects.iter().flat_map(charts_of).collect();
    charts.push(chart::compare(&subjects));
    for c in &charts {
        let svg = chart::try_svg(c, w, h)
            .unwrap_or_else(|e| panic!("{} {}: {e}", c.kind.name(), c.title));
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let sizes: Vec<(f64, bool)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| {
                Some((
                    n.attribute("font-size")?.parse().ok()?,
                    n.attribute("font-weight") == Some("bold"),
                ))
            })
            .collect();
        let smallest = sizes.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
        let title = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
        assert!(
            smallest * pt_per_unit >= 9.0,
            "{}: {:.2} pt text in {:?}",
            c.kind.name(),
            smallest * pt_per_unit,
            c.title
        );
        assert!(
            title * pt_per_unit >= 12.0,
            "{}: title {:.1} pt",
            c.kind.name(),
            title * pt_per_unit
        );
    }
}

/// Ten scenarios on one compare chart: every line named, none starved.
#[test]
fn compare_holds_ten_scenarios() {
    let (regular, bold) = fonts();
    let fm = Metrics {
        regular: FontRef::new(&regular).expect("font"),
        bold: FontRef::new(&bold).expect("font"),
    };
    let all = load_all();
    let mut subjects: Vec<Subject> = all
        .iter()
        .map(|l| Subject {
            scenario: &l.scenario,
            results: &l.results,
            file_name: &l.name,
        })
        .collect();
    let again = subjects.clone();
    subjects.extend(again.into_iter().take(4));
    assert_eq!(subjects.len(), 10);
    let c = chart::compare(&subjects);
    let styles: Vec<_> = c.series.iter().map(|s| (s.dash, s.marker)).collect();
    for (i, s) in styles.iter().enumerate() {
        assert!(
            !styles[i + 1..].contains(s),
            "line {i} shares its dash and marker"
        );
    }
    for (w, h) in [(800.0, 450.0), (604.0, 453.0), (1280.0, 720.0)] {
        let svg = chart::try_svg(&c, w, h).unwrap_or_else(|e| panic!("{w} × {h}: {e}"));
        let p = problems(&c, &svg, &fm);
        assert!(p.is_empty(), "{w} × {h}: {p:#?}");
        let plot = grid_span(&svg);
        assert!(plot >= 0.3 * h, "{w} × {h}: the plot is {plot:.0} tall");
    }
}

/// How far the horizontal gridlines reach, top to bottom: the plot's height.
fn grid_span(svg: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let ys: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("stroke") == Some("#D9D9D9"))
        .filter(|n| n.attribute("y1") == n.attribute("y2"))
        .filter_map(|n| attr(&n, "y1"))
        .collect();
    let top = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let bottom = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    bottom - top
}
