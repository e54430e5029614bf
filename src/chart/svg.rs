//! A [`Chart`] as plain SVG 1.1, laid out like a chart in a government
//! statistical release: marking banner, left-aligned title, grey subtitle,
//! legend, light horizontal gridlines, horizontal labels, source line,
//! marking banner again.
//!
//! No CSS, no scripts, no embedded fonts: browsers, Inkscape and Office all
//! open it. Text asks for Arial (what Office and GOV.UK use) and falls back to
//! Ubuntu, the font in `assets/` that [`super::png`](mod@super::png) renders with. Layout
//! measures text with that font plus a margin, so Arial fits too.
//!
//! Sizes are in CSS pixels of the *layout*: a chart laid out at 800 × 450
//! and rendered at scale 2 is a 1600 × 900 PNG (see [`super::png`](mod@super::png)).

use std::fmt::Write as _;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider as _};

use super::text;
use super::{Chart, Dash, Geometry, Marker, Rgb, Series};

/// The font the PNG is rendered with and text is measured by.
pub(crate) const FONT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");

/// `font-family` written on every text: Office's and GOV.UK's Arial first.
const FONT_FAMILY: &str = "Arial, Helvetica, Ubuntu, sans-serif";

const INK: &str = "#0B0C0C";
const GREY_TEXT: &str = "#505A5F";
const GRID: &str = "#D9D9D9";
const PAD: f64 = 20.0;

const MARKING_SIZE: f64 = 13.0;
const TITLE_SIZE: f64 = 21.0;
const SUBTITLE_SIZE: f64 = 14.5;
const LABEL_SIZE: f64 = 13.0;
const SOURCE_SIZE: f64 = 12.0;
/// The least room a tornado row gets, so one-line labels never touch.
const ROW_MIN: f64 = LABEL_SIZE * 1.6;

/// Text widths as rendered by the shipped font, with a margin for viewers
/// that substitute a wider face (Arial is a little wider than Ubuntu Light).
struct Measure<'a> {
    font: Option<FontRef<'a>>,
}

impl Measure<'_> {
    fn new() -> Self {
        Self {
            font: FontRef::new(FONT).ok(),
        }
    }

    fn width(&self, s: &str, size: f64) -> f64 {
        const MARGIN: f64 = 1.2;
        let Some(font) = &self.font else {
            return s.chars().count() as f64 * size * 0.55 * MARGIN;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size as f32), LocationRef::default());
        let w: f64 = s
            .chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .map_or(size * 0.55, f64::from)
            })
            .sum();
        w * MARGIN
    }

    fn wrap(&self, s: &str, size: f64, max: f64) -> Vec<String> {
        text::wrap(s, max, |t| self.width(t, size))
    }

    /// As [`Measure::wrap`], at most `lines` lines; the last ends in "…" when cut.
    fn wrap_max(&self, s: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
        let mut all = self.wrap(s, size, max);
        if all.len() > lines {
            all.truncate(lines);
            if let Some(last) = all.last_mut() {
                while !last.is_empty() && self.width(&format!("{last} …"), size) > max {
                    last.pop();
                }
                last.push_str(" …");
            }
        }
        all
    }
}

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Numbers in the SVG: two decimals at most, no "-0".
fn n(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

struct Out {
    s: String,
}

impl Out {
    fn text(&mut self, x: f64, y: f64, size: f64, fill: &str, anchor: Anchor, body: &str) {
        self.text_weighted(x, y, size, fill, anchor, false, body);
    }

    fn text_weighted(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        fill: &str,
        anchor: Anchor,
        bold: bool,
        body: &str,
    ) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            self.s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\"{anchor}{weight}>{}</text>",
            n(x),
            n(y),
            n(size),
            esc(body)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = writeln!(
            self.s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(width)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: Option<&str>) {
        let stroke = stroke.map_or(String::new(), |s| {
            format!(" stroke=\"{s}\" stroke-width=\"0.75\"")
        });
        let _ = writeln!(
            self.s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{stroke}/>",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
    }

    fn marker(&mut self, m: Marker, x: f64, y: f64, color: &str) {
        let r = 4.0;
        match m {
            Marker::None => {}
            Marker::Circle => {
                let _ = writeln!(
                    self.s,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
                    n(x),
                    n(y),
                    n(r)
                );
            }
            Marker::Square => {
                let _ = writeln!(
                    self.s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
                    n(x - r),
                    n(y - r),
                    n(2.0 * r),
                    n(2.0 * r)
                );
            }
            Marker::Triangle => self.polygon(
                &[
                    [x, y - r * 1.2],
                    [x + r * 1.1, y + r * 0.9],
                    [x - r * 1.1, y + r * 0.9],
                ],
                color,
            ),
            Marker::Diamond => self.polygon(
                &[
                    [x, y - r * 1.3],
                    [x + r * 1.3, y],
                    [x, y + r * 1.3],
                    [x - r * 1.3, y],
                ],
                color,
            ),
        }
    }

    fn polygon(&mut self, pts: &[[f64; 2]], color: &str) {
        let _ = writeln!(
            self.s,
            "<polygon points=\"{}\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
            points_attr(pts)
        );
    }

    fn polyline(&mut self, pts: &[[f64; 2]], color: &str, dash: Dash, width: f64) {
        let dash = match dash {
            Dash::Solid => String::new(),
            Dash::Dashed => " stroke-dasharray=\"9 5\"".to_owned(),
            Dash::Dotted => " stroke-dasharray=\"2 4\" stroke-linecap=\"round\"".to_owned(),
        };
        let _ = writeln!(
            self.s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{dash}/>",
            points_attr(pts),
            n(width)
        );
    }
}

fn points_attr(pts: &[[f64; 2]]) -> String {
    pts.iter()
        .map(|p| format!("{},{}", n(p[0]), n(p[1])))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Round tick values covering `lo..hi`: of the round steps giving 4 to 8
/// ticks, the one that wastes least of the axis (ties: fewer ticks).
fn nice_ticks(lo: f64, hi: f64, target: f64) -> (Vec<f64>, f64) {
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / target;
    let mag = 10f64.powf(raw.log10().floor());
    let ticks_for = |step: f64| {
        // A bound on a tick (or a hair past it) is that tick, not the next.
        let first = (lo / step + 1e-9).floor() as i64;
        let last = (hi / step - 1e-9).ceil() as i64;
        (first, last)
    };
    let mut best: Option<(f64, f64)> = None;
    for k in [0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0] {
        let step = k * mag;
        let (first, last) = ticks_for(step);
        let count = last - first + 1;
        if !(4..=8).contains(&count) {
            continue;
        }
        let waste = (last - first) as f64 * step - (hi - lo);
        // Prefer fewer ticks unless they waste a lot more of the axis.
        let score = waste / (hi - lo) + 0.04 * count as f64;
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, step));
        }
    }
    let step = best.map_or_else(|| 10.0 * mag, |(_, s)| s);
    let (first, last) = ticks_for(step);
    ((first..=last).map(|i| i as f64 * step).collect(), step)
}

fn tick_label(v: f64, step: f64) -> String {
    // As many decimals as the step needs: 2.5 → one, 0.25 → two.
    let places = (0..3)
        .find(|&p| {
            let k = step * 10f64.powi(p);
            (k - k.round()).abs() < 1e-6 * k.abs().max(1.0)
        })
        .unwrap_or(3) as usize;
    text::decimal(v, places)
}

/// Year ticks: every year when there are few, else every 2, 5 or 10.
fn year_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let first = lo.ceil() as i64;
    let last = hi.floor() as i64;
    let span = last - first + 1;
    let every = match span {
        ..=14 => 1,
        15..=28 => 2,
        29..=70 => 5,
        _ => 10,
    };
    // Round years (2015, 2020) when not every year is labelled.
    (first..=last)
        .filter(|y| y % every == 0)
        .map(|y| y as f64)
        .collect()
}

/// A linear map from data to page.
#[derive(Clone, Copy)]
struct Scale {
    d0: f64,
    d1: f64,
    p0: f64,
    p1: f64,
}

impl Scale {
    fn at(&self, v: f64) -> f64 {
        self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)
    }
}

/// The chart as an SVG document, laid out at `width` × `height` CSS pixels.
/// A tornado too tall for the plot loses its smallest bars (and says so in
/// its subtitle) until every row is readable.
#[must_use]
pub fn svg(chart: &Chart, width: f64, height: f64) -> String {
    let (mut doc, mut rows) = layout(chart, width, height);
    let mut shown = chart.y_categories.len();
    // Each pass keeps fewer rows (at least one fits), so this ends.
    while rows < shown {
        shown = rows;
        (doc, rows) = layout(&chart.tornado_top(rows), width, height);
    }
    doc
}

/// The SVG document and how many tornado rows fit its plot.
fn layout(chart: &Chart, width: f64, height: f64) -> (String, usize) {
    let me = Measure::new();
    let (w, h) = (width.max(200.0), height.max(150.0));
    let mut o = Out { s: String::new() };
    let _ = writeln!(o.s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        o.s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">",
        n(w),
        n(h),
        n(w),
        n(h)
    );
    let _ = writeln!(
        o.s,
        "<title id=\"chart-title\">{}</title>",
        esc(&chart.title)
    );
    let _ = writeln!(
        o.s,
        "<desc id=\"chart-desc\">{}</desc>",
        esc(&chart.alt_text)
    );
    o.rect(0.0, 0.0, w, h, "#FFFFFF", None);
    let _ = writeln!(o.s, "<g font-family=\"{FONT_FAMILY}\">");

    let inner = w - 2.0 * PAD;
    let banner = chart.marking.banner();
    let mut top = PAD;
    let mut bottom = h - PAD;
    if !banner.is_empty() {
        o.text_weighted(
            w / 2.0,
            top + MARKING_SIZE * 0.8,
            MARKING_SIZE,
            INK,
            Anchor::Middle,
            true,
            banner,
        );
        o.text_weighted(
            w / 2.0,
            bottom,
            MARKING_SIZE,
            INK,
            Anchor::Middle,
            true,
            banner,
        );
        top += MARKING_SIZE + 12.0;
        bottom -= MARKING_SIZE + 10.0;
    }

    // Everything around the plot is measured first, so the plot gets what is left.
    let title = me.wrap_max(&chart.title, TITLE_SIZE * 1.1, inner, 2);
    let subtitle = me.wrap_max(&chart.subtitle, SUBTITLE_SIZE, inner, 3);
    let source = me.wrap_max(&chart.source, SOURCE_SIZE, inner, 3);
    let source_h = source.len() as f64 * SOURCE_SIZE * 1.35;
    let header_h = title.len() as f64 * TITLE_SIZE * 1.3
        + 4.0
        + subtitle.len() as f64 * SUBTITLE_SIZE * 1.4
        + 10.0;
    let footer_h = source_h
        + 14.0
        + if chart.x_label.is_empty() {
            0.0
        } else {
            LABEL_SIZE + 10.0
        };
    // Direct labels that cannot fit beside the plot go to the legend instead.
    let plot_h = bottom - top - header_h - footer_h - 3.0 * LABEL_SIZE;
    let label_max = direct_label_width(inner);
    let direct_h: f64 = chart
        .series
        .iter()
        .filter_map(|s| s.direct_label.as_deref())
        .map(|l| me.wrap(l, LABEL_SIZE, label_max).len() as f64 * LABEL_SIZE * 1.2 + 2.0)
        .sum();
    let direct_labels = direct_h <= plot_h * 0.9;

    for line in &title {
        top += TITLE_SIZE * 1.05;
        o.text_weighted(PAD, top, TITLE_SIZE, INK, Anchor::Start, true, line);
        top += TITLE_SIZE * 0.25;
    }
    top += 4.0;
    for line in &subtitle {
        top += SUBTITLE_SIZE * 1.1;
        o.text(PAD, top, SUBTITLE_SIZE, GREY_TEXT, Anchor::Start, line);
        top += SUBTITLE_SIZE * 0.3;
    }
    top += 10.0;

    // Legend: series without a direct label, in drawing order.
    let legend: Vec<&Series> = chart
        .series
        .iter()
        .filter(|s| s.in_legend() || (!direct_labels && s.direct_label.is_some()))
        .collect();
    if !legend.is_empty() {
        let row_h = LABEL_SIZE + 8.0;
        let mut x = PAD;
        let mut y = top;
        for s in &legend {
            let key_w = if matches!(s.geometry, Geometry::Line { .. }) {
                26.0
            } else {
                14.0
            };
            // A direct label that moved here is shorter than the name.
            let name = s.direct_label.as_deref().unwrap_or(&s.name);
            let item_w = key_w + 6.0 + me.width(name, LABEL_SIZE) + 18.0;
            if x > PAD && x + item_w > w - PAD {
                x = PAD;
                y += row_h;
            }
            let cy = y + row_h / 2.0;
            let color = s.color.hex();
            match &s.geometry {
                Geometry::Line { .. } => {
                    o.polyline(&[[x, cy], [x + key_w, cy]], &color, s.dash, 2.5);
                    o.marker(s.marker, x + key_w / 2.0, cy, &color);
                }
                _ => o.rect(x, cy - 7.0, 14.0, 14.0, &color, None),
            }
            o.text(
                x + key_w + 6.0,
                cy + LABEL_SIZE * 0.35,
                LABEL_SIZE,
                INK,
                Anchor::Start,
                name,
            );
            x += item_w;
        }
        top = y + row_h + 8.0;
    }

    // Source line, from the bottom up.
    let source_top = bottom - source_h - 4.0;
    for (i, line) in source.iter().enumerate() {
        let y = source_top + (i as f64 + 1.0) * SOURCE_SIZE * 1.35 - SOURCE_SIZE * 0.3;
        o.text(PAD, y, SOURCE_SIZE, GREY_TEXT, Anchor::Start, line);
    }
    bottom = source_top - 10.0;
    if !chart.x_label.is_empty() {
        o.text(
            PAD,
            bottom,
            LABEL_SIZE,
            GREY_TEXT,
            Anchor::Start,
            &chart.x_label,
        );
        bottom -= LABEL_SIZE + 10.0;
    }

    let rows = plot(
        &mut o,
        &me,
        chart,
        [PAD, top, w - PAD, bottom],
        direct_labels,
    );
    let _ = writeln!(o.s, "</g>");
    let _ = writeln!(o.s, "</svg>");
    (o.s, rows)
}

/// The widest a direct label may be beside a plot `inner` wide.
fn direct_label_width(inner: f64) -> f64 {
    (inner * 0.24).clamp(60.0, 190.0)
}

/// Direct labels, wrapped, and where they want to sit.
struct DirectLabel {
    lines: Vec<String>,
    color: String,
    y: f64,
}

/// Axes, gridlines and series inside `[left, top, right, bottom]`; how many
/// tornado rows fit there (any number for other charts).
fn plot(o: &mut Out, me: &Measure, chart: &Chart, area: [f64; 4], direct_labels: bool) -> usize {
    let [left0, top0, right0, bottom0] = area;
    let [x_min, x_max, y_min, y_max] = chart.bounds();
    let horizontal = !chart.y_categories.is_empty();

    // Value axis ticks.
    // A tornado's axis is about the central value; it need not reach zero.
    let (v_lo, v_hi) = if horizontal {
        (x_min, x_max)
    } else {
        // Room for value labels beyond the bars' ends (the waterfall's).
        let labelled = chart.series.iter().any(|s| {
            matches!(&s.geometry, Geometry::Bars { labels, .. } if labels.iter().any(|l| !l.is_empty()))
        });
        let plot_h = (bottom0 - top0 - 4.0 * LABEL_SIZE).max(50.0);
        let pad = if labelled {
            (LABEL_SIZE + 8.0) / plot_h * (y_max - y_min)
        } else {
            0.0
        };
        (if y_min < 0.0 { y_min - pad } else { y_min }, y_max + pad)
    };
    let (vticks, vstep) = nice_ticks(v_lo, v_hi, 5.0);
    let v0 = vticks.first().copied().unwrap_or(0.0);
    let v1 = vticks.last().copied().unwrap_or(1.0);
    let vlabels: Vec<String> = vticks.iter().map(|v| tick_label(*v, vstep)).collect();

    // Space for the y axis label above the plot.
    let mut top = top0;
    if !chart.y_label.is_empty() && !horizontal {
        o.text(
            left0,
            top + LABEL_SIZE,
            LABEL_SIZE,
            GREY_TEXT,
            Anchor::Start,
            &chart.y_label,
        );
        top += LABEL_SIZE + 12.0;
    }

    // Direct labels on the right.
    let label_max = direct_label_width(right0 - left0);
    let mut direct: Vec<DirectLabel> = Vec::new();
    for s in chart.series.iter().filter(|_| direct_labels) {
        if let (Some(label), Geometry::Line { points }) = (&s.direct_label, &s.geometry)
            && let Some(last) = points.last()
        {
            direct.push(DirectLabel {
                lines: me.wrap(label, LABEL_SIZE, label_max),
                color: darker(s.color),
                y: last[1],
            });
        }
    }
    let direct_w = direct
        .iter()
        .flat_map(|d| d.lines.iter())
        .map(|l| me.width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    let right = if direct.is_empty() {
        right0
    } else {
        right0 - direct_w - 10.0
    };

    if horizontal {
        return tornado_plot(
            o,
            me,
            chart,
            [left0, top, right, bottom0],
            (&vticks, &vlabels, v0, v1),
        );
    }

    // Category or year labels under the axis.
    let cats = &chart.x_categories;
    let tick_w = vlabels
        .iter()
        .map(|l| me.width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    let left = left0 + tick_w + 8.0;
    // A histogram's x axis is money, not years.
    let money_x = chart
        .series
        .iter()
        .any(|s| matches!(s.geometry, Geometry::Histogram { .. }));
    let (xticks, xstep) = nice_ticks(x_min, x_max, 6.0);
    let (xd0, xd1) = if money_x {
        (
            xticks.first().copied().unwrap_or(x_min),
            xticks.last().copied().unwrap_or(x_max),
        )
    } else if cats.is_empty() {
        (x_min - 0.3, x_max + 0.3)
    } else {
        (-0.5, cats.len() as f64 - 0.5)
    };
    let band = (right - left) / (xd1 - xd0).max(1.0);
    let cat_lines: Vec<Vec<String>> = cats
        .iter()
        .map(|c| me.wrap(c, LABEL_SIZE, band - 6.0))
        .collect();
    let x_label_rows = cat_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let bottom = bottom0 - x_label_rows as f64 * LABEL_SIZE * 1.2 - 8.0;

    let xs = Scale {
        d0: xd0,
        d1: xd1,
        p0: left,
        p1: right,
    };
    let ys = Scale {
        d0: v0,
        d1: v1,
        p0: bottom,
        p1: top,
    };

    // Gridlines and value labels.
    for (v, label) in vticks.iter().zip(&vlabels) {
        let y = ys.at(*v);
        o.line(left, y, right, y, GRID, 1.0);
        o.text(
            left - 8.0,
            y + LABEL_SIZE * 0.35,
            LABEL_SIZE,
            GREY_TEXT,
            Anchor::End,
            label,
        );
    }
    // X labels.
    if money_x {
        for v in &xticks {
            o.text(
                xs.at(*v),
                bottom + LABEL_SIZE + 6.0,
                LABEL_SIZE,
                GREY_TEXT,
                Anchor::Middle,
                &tick_label(*v, xstep),
            );
        }
    } else if cats.is_empty() {
        for year in year_ticks(x_min, x_max) {
            let x = xs.at(year);
            o.text(
                x,
                bottom + LABEL_SIZE + 6.0,
                LABEL_SIZE,
                GREY_TEXT,
                Anchor::Middle,
                &format!("{year:.0}"),
            );
        }
    } else {
        for (i, lines) in cat_lines.iter().enumerate() {
            let x = xs.at(i as f64);
            for (k, line) in lines.iter().enumerate() {
                let y = bottom + LABEL_SIZE + 6.0 + k as f64 * LABEL_SIZE * 1.2;
                o.text(x, y, LABEL_SIZE, INK, Anchor::Middle, line);
            }
        }
    }

    for s in &chart.series {
        draw_series(o, s, xs, ys);
    }
    // The zero line over the bars, as GOV.UK charts do.
    if v0 <= 0.0 && v1 >= 0.0 {
        let y = ys.at(0.0);
        o.line(left, y, right, y, INK, 1.0);
    }
    for s in &chart.series {
        if let Geometry::Line { points } = &s.geometry {
            let color = s.color.hex();
            for p in marked(points) {
                o.marker(s.marker, xs.at(p[0]), ys.at(p[1]), &color);
            }
        }
    }

    place_direct_labels(o, &mut direct, ys, right + 10.0, top, bottom);
    usize::MAX
}

/// The points of a line that get a marker: all of them up to 20, else about
/// 15 evenly spaced, always with the last (where the direct label is).
fn marked(points: &[[f64; 2]]) -> impl Iterator<Item = &[f64; 2]> {
    let stride = if points.len() <= 20 {
        1
    } else {
        points.len().div_ceil(15)
    };
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % stride == 0 || *i == last)
        .map(|(_, p)| p)
}

/// Writes direct labels at their series' last value, pushed apart so they never overlap.
fn place_direct_labels(
    o: &mut Out,
    labels: &mut [DirectLabel],
    ys: Scale,
    x: f64,
    top: f64,
    bottom: f64,
) {
    let line_h = LABEL_SIZE * 1.2;
    let mut placed: Vec<(f64, &DirectLabel)> = labels
        .iter()
        .map(|d| (ys.at(d.y) - (d.lines.len() as f64 - 1.0) * line_h / 2.0, d))
        .collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Top-down: each label starts below the one above it.
    let mut next_free = top + LABEL_SIZE * 0.5;
    for p in &mut placed {
        p.0 = p.0.max(next_free);
        next_free = p.0 + p.1.lines.len() as f64 * line_h + 2.0;
    }
    // Bottom-up: keep the last ones inside the plot.
    let mut limit = bottom;
    for p in placed.iter_mut().rev() {
        let h = (p.1.lines.len() as f64 - 1.0) * line_h;
        if p.0 + h > limit {
            p.0 = limit - h;
        }
        limit = p.0 - line_h - 2.0;
    }
    for (y, d) in placed {
        for (k, line) in d.lines.iter().enumerate() {
            o.text_weighted(
                x,
                y + k as f64 * line_h + LABEL_SIZE * 0.35,
                LABEL_SIZE,
                &d.color,
                Anchor::Start,
                true,
                line,
            );
        }
    }
}

/// The series colour for text: light palette colours darkened for contrast
/// against white.
fn darker(c: Rgb) -> String {
    let lum = 0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2);
    if lum > 110.0 {
        let k = 110.0 / lum;
        Rgb(
            (f64::from(c.0) * k) as u8,
            (f64::from(c.1) * k) as u8,
            (f64::from(c.2) * k) as u8,
        )
        .hex()
    } else {
        c.hex()
    }
}

/// One series of a vertical chart (horizontal bars are drawn by [`tornado_plot`]).
fn draw_series(o: &mut Out, s: &Series, xs: Scale, ys: Scale) {
    let color = s.color.hex();
    match &s.geometry {
        Geometry::Bars {
            x,
            base,
            top,
            width,
            labels,
        } => {
            for i in 0..x.len().min(base.len()).min(top.len()) {
                let x0 = xs.at(x[i] - width / 2.0);
                let x1 = xs.at(x[i] + width / 2.0);
                let (ya, yb) = (ys.at(base[i]), ys.at(top[i]));
                let (y0, y1) = (ya.min(yb), ya.max(yb));
                if top[i] != base[i] {
                    o.rect(x0, y0, x1 - x0, (y1 - y0).max(0.5), &color, Some("#FFFFFF"));
                }
                if let Some(label) = labels.get(i).filter(|l| !l.is_empty()) {
                    let below = top[i] < base[i] || (top[i] < 0.0 && base[i] == 0.0);
                    let y = if below {
                        y1 + LABEL_SIZE + 3.0
                    } else {
                        y0 - 5.0
                    };
                    o.text(
                        f64::midpoint(x0, x1),
                        y,
                        LABEL_SIZE,
                        INK,
                        Anchor::Middle,
                        label,
                    );
                }
            }
        }
        Geometry::Line { points } => {
            let pts: Vec<[f64; 2]> = points.iter().map(|p| [xs.at(p[0]), ys.at(p[1])]).collect();
            o.polyline(&pts, &color, s.dash, 2.5);
        }
        Geometry::Band { x, low, high } => {
            let mut pts: Vec<[f64; 2]> = x
                .iter()
                .zip(high)
                .map(|(x, y)| [xs.at(*x), ys.at(*y)])
                .collect();
            pts.extend(x.iter().zip(low).rev().map(|(x, y)| [xs.at(*x), ys.at(*y)]));
            let _ = writeln!(
                o.s,
                "<polygon points=\"{}\" fill=\"{color}\"/>",
                points_attr(&pts)
            );
        }
        Geometry::Histogram { edges, heights } => {
            for (i, h) in heights.iter().enumerate() {
                if let (Some(a), Some(b)) = (edges.get(i), edges.get(i + 1)) {
                    let (x0, x1) = (xs.at(*a), xs.at(*b));
                    let (y0, y1) = (ys.at(*h), ys.at(0.0));
                    o.rect(
                        x0,
                        y0.min(y1),
                        x1 - x0,
                        (y1 - y0).abs(),
                        &color,
                        Some("#FFFFFF"),
                    );
                }
            }
        }
        Geometry::HorizontalBars { .. } => {}
    }
}

/// The tornado: categories down the left, one line each, the value axis
/// across with light vertical gridlines, bars from the central value. Returns
/// how many rows fit at [`ROW_MIN`] apart.
fn tornado_plot(
    o: &mut Out,
    me: &Measure,
    chart: &Chart,
    area: [f64; 4],
    (vticks, vlabels, v0, v1): (&[f64], &[String], f64, f64),
) -> usize {
    let [left0, top, right, bottom0] = area;
    let cats = &chart.y_categories;
    let label_max = ((right - left0) * 0.4).clamp(80.0, 300.0);
    let cat_lines: Vec<String> = cats
        .iter()
        .map(|c| text::fit_label(c, label_max, |t| me.width(t, LABEL_SIZE)))
        .collect();
    let label_w = cat_lines
        .iter()
        .map(|l| me.width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    let left = left0 + label_w + 10.0;
    let bottom = bottom0 - LABEL_SIZE - 10.0;
    // Half a value label of room either side, so end labels stay inside.
    let room = vlabels
        .iter()
        .map(|l| me.width(l, LABEL_SIZE))
        .fold(0.0, f64::max)
        + 8.0;
    let xs = Scale {
        d0: v0,
        d1: v1,
        p0: left + room,
        p1: right - room,
    };
    let n_cats = cats.len().max(1) as f64;
    let ys = Scale {
        d0: -0.5,
        d1: n_cats - 0.5,
        p0: top,
        p1: bottom,
    };

    for (v, label) in vticks.iter().zip(vlabels) {
        let x = xs.at(*v);
        o.line(x, top, x, bottom, GRID, 1.0);
        o.text(
            x,
            bottom + LABEL_SIZE + 6.0,
            LABEL_SIZE,
            GREY_TEXT,
            Anchor::Middle,
            label,
        );
    }
    for (i, line) in cat_lines.iter().enumerate() {
        let y = ys.at(i as f64) + LABEL_SIZE * 0.35;
        o.text(left - 10.0, y, LABEL_SIZE, INK, Anchor::End, line);
    }
    for s in &chart.series {
        let color = s.color.hex();
        match &s.geometry {
            Geometry::HorizontalBars {
                y,
                from,
                to,
                height,
                labels,
            } => {
                for i in 0..y.len().min(from.len()).min(to.len()) {
                    let (xa, xb) = (xs.at(from[i]), xs.at(to[i]));
                    let (y0, y1) = (ys.at(y[i] - height / 2.0), ys.at(y[i] + height / 2.0));
                    o.rect(
                        xa.min(xb),
                        y0,
                        (xb - xa).abs().max(0.5),
                        y1 - y0,
                        &color,
                        None,
                    );
                    if let Some(label) = labels.get(i).filter(|l| !l.is_empty()) {
                        let (x, anchor) = if to[i] >= from[i] {
                            (xb.max(xa) + 5.0, Anchor::Start)
                        } else {
                            (xb.min(xa) - 5.0, Anchor::End)
                        };
                        o.text(
                            x,
                            f64::midpoint(y0, y1) + LABEL_SIZE * 0.35,
                            LABEL_SIZE,
                            INK,
                            anchor,
                            label,
                        );
                    }
                }
            }
            Geometry::Line { points } => {
                let pts: Vec<[f64; 2]> =
                    points.iter().map(|p| [xs.at(p[0]), ys.at(p[1])]).collect();
                o.polyline(&pts, &color, s.dash, 1.5);
            }
            _ => {}
        }
    }
    (((bottom - top) / ROW_MIN).floor() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::text::MINUS;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let (t, step) = nice_ticks(-13.0, 87.0, 5.0);
        assert_eq!(step, 20.0);
        assert_eq!(t, vec![-20.0, 0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let (t, _) = nice_ticks(0.0, 0.0, 5.0);
        assert!(t.len() >= 2);
    }

    #[test]
    fn text_is_escaped_and_numbers_are_short() {
        assert_eq!(esc("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.345), "2.35");
        assert_eq!(tick_label(-20.0, 10.0), format!("{MINUS}20"));
        assert_eq!(tick_label(7.5, 2.5), "7.5");
        assert_eq!(tick_label(0.5, 0.25), "0.50");
    }

    #[test]
    fn measured_text_is_wider_when_longer() {
        let me = Measure::new();
        assert!(me.font.is_some());
        assert!(me.width("Net savings", 13.0) > me.width("Net", 13.0));
    }
}
