//! A [`Chart`] as plain SVG 1.1, laid out like a chart in a government
//! statistical release: marking banner, left-aligned title, grey subtitle,
//! legend, light horizontal gridlines, horizontal labels, source line,
//! marking banner again.
//!
//! No CSS, no scripts, no embedded fonts: browsers, Inkscape and Office all
//! open it. Text asks for Arial (what Office and GOV.UK use) and falls back to
//! Liberation Sans, the Arial-compatible font in `assets/` that
//! [`super::png`](mod@super::png) renders with, regular and bold: the SVG and
//! the PNG of a chart have the same widths and weights.
//!
//! The layout measures before it draws: every text is measured with the face
//! it is drawn in; marking, title, subtitle, legend, note and source take the
//! room they need (wrapped, never cut) and the plot gets the rest. Labels that
//! would collide are wrapped, thinned or moved into a key. When even with
//! slightly smaller type the plot would be too small to read, [`try_svg`]
//! refuses and names the smallest size that works.
//!
//! This is the one layout of a chart. It records what it draws in a
//! [`Scene`] ([`scene`]); [`try_svg`] writes that scene as SVG, and the app
//! paints the same scene with egui at its chart's size in points, in these
//! same faces — so export and screen measure text with the font it is drawn
//! in, and agree.
//!
//! Sizes are in CSS pixels of the *layout*: a chart laid out at 800 × 450
//! and rendered at scale 2 is a 1600 × 900 PNG (see [`super::png`](mod@super::png)).

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider as _};

use super::scene::{Anchor, Hover, Item, Mark, Scene, Text, exact, thing_named};
#[cfg(test)]
use super::scene::{esc, n};
use super::text;
use super::{Chart, Dash, Geometry, Marker, Rgb, Series};

/// The font the PNG is rendered with and text is measured by.
pub(crate) const FONT: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
/// Its bold face: title, marking, direct labels.
pub(crate) const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
/// The family name of [`FONT`] and [`FONT_BOLD`].
pub(crate) const FAMILY: &str = "Liberation Sans";

const INK: &str = "#0B0C0C";
const GREY_TEXT: &str = "#505A5F";
const GRID: &str = "#D9D9D9";

/// Where a line's baseline sits below the top of its slot, per unit of font
/// size (Liberation Sans and Arial rise 0.905 above it and fall 0.212 below).
const ASC: f64 = 0.93;
/// Line height per unit of font size.
const LH: f64 = 1.2;

/// The smallest plot that can be read, in layout units.
const MIN_PLOT_W: f64 = 150.0;
const MIN_PLOT_H: f64 = 70.0;

/// Type sizes, in layout units, at one step of the type scale.
#[derive(Clone, Copy, Debug)]
struct Type {
    marking: f64,
    title: f64,
    subtitle: f64,
    label: f64,
    source: f64,
    pad: f64,
    gap: f64,
}

impl Type {
    /// Full size at `k = 1`; cramped charts go down to `k = 0.7`.
    fn at(k: f64, w: f64, h: f64) -> Self {
        Self {
            marking: 14.0 * k,
            title: 20.0 * k,
            subtitle: 14.0 * k,
            label: 13.0 * k,
            source: 12.0 * k,
            pad: (w.min(h * 16.0 / 9.0) * 0.025).clamp(10.0, 20.0),
            gap: 8.0 * k,
        }
    }
}

/// The steps of the type scale tried, largest first.
const TYPE_STEPS: [f64; 4] = [1.0, 0.9, 0.8, 0.7];

/// Advance widths at a font size of 1 of the characters below [`TABLE_END`],
/// regular and bold, read once from the shipped faces.
struct Advances {
    regular: Vec<f32>,
    bold: Vec<f32>,
}

/// Latin, punctuation, "£", "…", "−" and the rest of the first blocks.
const TABLE_END: u32 = 0x2400;

fn advances() -> &'static Advances {
    static TABLE: std::sync::OnceLock<Advances> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let read = |data: &[u8]| -> Vec<f32> {
            let Ok(font) = FontRef::new(data) else {
                return Vec::new();
            };
            let charmap = font.charmap();
            let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
            (0..TABLE_END)
                .map(|c| {
                    char::from_u32(c)
                        .and_then(|c| charmap.map(c))
                        .and_then(|g| metrics.advance_width(g))
                        .unwrap_or(0.6)
                })
                .collect()
        };
        Advances {
            regular: read(FONT),
            bold: read(FONT_BOLD),
        }
    })
}

/// Text widths as rendered by the shipped faces (Arial has the same metrics),
/// with a small margin for hinting.
pub(crate) struct Measure {
    table: &'static Advances,
}

impl Measure {
    pub(crate) fn new() -> Self {
        Self { table: advances() }
    }

    pub(crate) fn width(&self, s: &str, size: f64, bold: bool) -> f64 {
        const MARGIN: f64 = 1.03;
        let table = if bold {
            &self.table.bold
        } else {
            &self.table.regular
        };
        let em: f64 = s
            .chars()
            .map(|c| table.get(c as usize).map_or(0.6, |w| f64::from(*w)))
            .sum();
        em * size * MARGIN
    }

    fn wrap(&self, s: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
        text::wrap(s, max, |t| self.width(t, size, bold))
    }

    /// The widest of `lines`.
    fn widest<'s>(
        &self,
        lines: impl IntoIterator<Item = &'s String>,
        size: f64,
        bold: bool,
    ) -> f64 {
        lines
            .into_iter()
            .map(|l| self.width(l, size, bold))
            .fold(0.0, f64::max)
    }
}

/// Records what the layout draws into a [`Scene`].
struct Out {
    scene: Scene,
    /// Whether marks pushed now are on the data (see [`Item::on_data`]).
    on_data: bool,
}

impl Out {
    fn new(chart: &Chart, w: f64, h: f64) -> Self {
        Self {
            scene: Scene {
                width: w,
                height: h,
                title: chart.title.clone(),
                desc: chart.alt_text.clone(),
                ..Scene::default()
            },
            on_data: false,
        }
    }

    fn push(&mut self, mark: Mark) {
        self.scene.items.push(Item {
            mark,
            on_data: self.on_data,
        });
    }

    /// Names the area of a data mark for a tooltip.
    fn hover(&mut self, area: [f64; 4], text: String) {
        self.scene.hovers.push(Hover { area, text });
    }

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
        self.push(Mark::Text(Text {
            x,
            y,
            size,
            fill: fill.to_owned(),
            anchor,
            bold,
            marking: false,
            body: body.to_owned(),
        }));
    }

    /// The protective marking: bold with a thin outline of its own ink, so
    /// it is the heaviest text on the page.
    fn marking(&mut self, x: f64, y: f64, size: f64, body: &str) {
        self.push(Mark::Text(Text {
            x,
            y,
            size,
            fill: INK.to_owned(),
            anchor: Anchor::Middle,
            bold: true,
            marking: true,
            body: body.to_owned(),
        }));
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        self.push(Mark::Line {
            from: [x1, y1],
            to: [x2, y2],
            stroke: stroke.to_owned(),
            width,
        });
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: Option<&str>) {
        self.push(Mark::Rect {
            x,
            y,
            w,
            h,
            fill: fill.to_owned(),
            stroke: stroke.map(str::to_owned),
        });
    }

    fn marker(&mut self, m: Marker, x: f64, y: f64, color: &str) {
        if m != Marker::None {
            self.push(Mark::Marker {
                shape: m,
                x,
                y,
                fill: color.to_owned(),
            });
        }
    }

    fn polygon(&mut self, pts: &[[f64; 2]], color: &str, outlined: bool) {
        self.push(Mark::Polygon {
            points: pts.to_vec(),
            fill: color.to_owned(),
            outlined,
        });
    }

    fn polyline(&mut self, pts: &[[f64; 2]], color: &str, dash: Dash, width: f64) {
        self.push(Mark::Polyline {
            points: pts.to_vec(),
            stroke: color.to_owned(),
            dash,
            width,
        });
    }

    /// Records `lines`, drawn from `top` down `pitch` apart at size
    /// `size`, as one label `whole` for a screen reader.
    fn label(&mut self, whole: &str, lines: &[String], x: f64, top: f64, pitch: f64, size: f64) {
        if whole.is_empty() || lines.is_empty() {
            return;
        }
        let me = Measure::new();
        let w = me.widest(lines, size, false);
        let bottom = top + (lines.len() - 1) as f64 * pitch + size * LH;
        self.scene
            .labels
            .push((whole.to_owned(), [x, top, x + w, bottom]));
    }
}

/// Round tick values covering `lo..hi`, at most `max` of them (at least
/// two): of the round steps, the one that wastes least of the axis (ties:
/// fewer ticks).
fn nice_ticks(lo: f64, hi: f64, max: usize) -> (Vec<f64>, f64) {
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let max = max.max(2) as i64;
    let range = hi - lo;
    let ticks_for = |step: f64| {
        // A bound on a tick (or a hair past it) is that tick, not the next.
        let first = (lo / step + 1e-9).floor() as i64;
        let last = (hi / step - 1e-9).ceil() as i64;
        (first, last)
    };
    let mag = 10f64.powf(range.log10().floor());
    let mut best: Option<(f64, f64)> = None;
    for e in [0.01, 0.1, 1.0, 10.0, 100.0] {
        for k in [1.0, 2.0, 2.5, 5.0] {
            let step = k * mag * e;
            let (first, last) = ticks_for(step);
            let count = last - first + 1;
            if count > max || count < 2 {
                continue;
            }
            let waste = (last - first) as f64 * step - range;
            // Prefer fewer ticks unless they waste a lot more of the axis,
            // but not fewer than four (or `max`) where they fit: an axis of
            // two ticks is hard to read values from.
            let short = (max.min(4) - count).max(0) as f64;
            let score = waste / range + 0.04 * count as f64 + 0.15 * short;
            if best.is_none_or(|(b, _)| score < b) {
                best = Some((score, step));
            }
        }
    }
    // None within `max` (a range across zero needs three): the fewest.
    let step = best.map_or_else(
        || {
            let (first, last) = ticks_for(mag * 10.0);
            if last - first < 3 {
                mag * 10.0
            } else {
                mag * 100.0
            }
        },
        |(_, s)| s,
    );
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

/// Ticks along an axis `length` long whose labels must not touch: the most
/// ticks (up to 8) whose widest label, plus a gap, fits between two ticks.
fn ticks_along(
    me: &Measure,
    lo: f64,
    hi: f64,
    length: f64,
    size: f64,
) -> (Vec<f64>, Vec<String>, f64) {
    let mut max = 8;
    loop {
        let (t, step) = nice_ticks(lo, hi, max);
        let labels: Vec<String> = t.iter().map(|v| tick_label(*v, step)).collect();
        let widest = me.widest(&labels, size, false);
        let spacing = length / (t.len().max(2) - 1) as f64;
        if spacing >= widest + size || max <= 2 {
            return (t, labels, step);
        }
        max -= 1;
    }
}

/// Year ticks: every year when they fit, else every 2, 5, 10, … years (round
/// years: 2015, 2020), so that labels `label_w` wide are `spacing_px`·n apart.
fn year_ticks(lo: f64, hi: f64, px_per_year: f64, label_w: f64) -> Vec<f64> {
    let first = lo.ceil() as i64;
    let last = hi.floor() as i64;
    let every = [1, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|e| *e as f64 * px_per_year >= label_w)
        .unwrap_or(100);
    let picked: Vec<f64> = (first..=last)
        .filter(|y| every == 1 || y % every == 0)
        .map(|y| y as f64)
        .collect();
    if picked.is_empty() {
        vec![first as f64]
    } else {
        picked
    }
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

/// A chart refused because its canvas is too small to read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TooSmall {
    /// The canvas asked for, in layout units.
    pub width: f64,
    pub height: f64,
    /// The smallest canvas of the same shape (or, failing that, the same
    /// width) on which the chart can be read.
    pub need_width: f64,
    pub need_height: f64,
}

impl std::fmt::Display for TooSmall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a {:.0} × {:.0} chart is too small to read: it needs at least {:.0} × {:.0} layout units",
            self.width, self.height, self.need_width, self.need_height
        )
    }
}

/// Where the names of series go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// Lines named at their ends, the rest in a legend under the title.
    Direct,
    /// Every series in a legend under the title.
    Below,
    /// Every series in a column beside the plot.
    Beside,
}

/// One drawing and the plot it left.
struct Drawn {
    doc: Scene,
    plot_w: f64,
    plot_h: f64,
    /// Whether everything fitted.
    fits: bool,
    /// How many tornado rows fit (any number on other charts).
    rows: usize,
}

/// The chart as an SVG document, laid out at `width` × `height` CSS pixels;
/// refused ([`TooSmall`]) when the plot would be too small to read. A tornado
/// too tall for the plot loses its smallest bars (and says so in its
/// subtitle) until every row is readable.
pub fn try_svg(chart: &Chart, width: f64, height: f64) -> Result<String, TooSmall> {
    scene(chart, width, height).map(|s| s.to_svg())
}

/// The chart laid out at `width` × `height` layout units, as [`try_svg`]
/// lays it out, before it is written: what the app paints on screen.
pub fn scene(chart: &Chart, width: f64, height: f64) -> Result<Scene, TooSmall> {
    let (w, h) = (finite_or(width, 800.0), finite_or(height, 450.0));
    if let Some(doc) = best(chart, w, h) {
        return Ok(doc);
    }
    let (need_width, need_height) = smallest(chart, w, h);
    Err(TooSmall {
        width: w,
        height: h,
        need_width,
        need_height,
    })
}

fn finite_or(v: f64, or: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { or }
}

/// The chart as an SVG document at `width` × `height` CSS pixels. When the
/// canvas is too small ([`try_svg`] refuses), the chart says so in words,
/// under its marking, and names the size it needs.
#[must_use]
pub fn svg(chart: &Chart, width: f64, height: f64) -> String {
    match try_svg(chart, width, height) {
        Ok(doc) => doc,
        Err(e) => too_small_notice(chart, &e),
    }
}

/// The smallest canvas, `(width, height)`, on which `chart` can be read:
/// first the same shape as `w × h` made larger, else `w` wide and taller.
#[must_use]
pub fn smallest(chart: &Chart, w: f64, h: f64) -> (f64, f64) {
    // The smallest type has the most room: a canvas fits if it fits there.
    let ty = |w: f64, h: f64| Type::at(TYPE_STEPS[TYPE_STEPS.len() - 1], w, h);
    let fits = |t: f64| {
        let (tw, th) = ((w * t).ceil(), (h * t).ceil());
        keys(chart)
            .iter()
            .any(|key| fitted(chart, tw, th, ty(tw, th), *key).fits)
    };
    // Bisect the growth between one that fails and one that fits (larger
    // canvases only ever have more room).
    let (mut lo, mut hi) = (1.0, 1.25);
    while !fits(hi) {
        lo = hi;
        hi *= 1.5;
        if hi > 12.0 {
            return (w.max(800.0), h.max(450.0));
        }
    }
    while hi - lo > 0.025 {
        let mid = f64::midpoint(lo, hi);
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    ((w * hi).ceil(), (h * hi).ceil())
}

/// The places for the key worth trying for `chart`.
fn keys(chart: &Chart) -> &'static [Key] {
    if chart.series.iter().any(|s| s.direct_label.is_some()) {
        &[Key::Direct, Key::Beside, Key::Below]
    } else {
        &[Key::Below, Key::Beside]
    }
}

/// The best drawing at the largest type that leaves a comfortable plot, else
/// at the largest type that leaves a readable one; `None` when none does.
fn best(chart: &Chart, w: f64, h: f64) -> Option<Scene> {
    let wide = comfortable_width(chart);
    let comfortable = |d: &Drawn| d.plot_h >= (0.22 * h).max(MIN_PLOT_H) && d.plot_w >= wide * w;
    let mut fallback: Option<Scene> = None;
    for k in TYPE_STEPS {
        let ty = Type::at(k, w, h);
        // (comfortable, score, drawing) of the best place for the key.
        let mut here: Option<(bool, f64, Drawn)> = None;
        for key in keys(chart) {
            let d = fitted(chart, w, h, ty, *key);
            if !d.fits {
                continue;
            }
            let easy = comfortable(&d);
            // The first choice, comfortable: no need to try the others.
            if here.is_none() && easy && *key == keys(chart)[0] {
                return Some(d.doc);
            }
            // Plots compared at a 16:9 shape; direct labels read best.
            let mut score = (d.plot_w * 9.0 / 16.0).min(d.plot_h);
            if *key == Key::Direct {
                score *= 1.3;
            }
            let better = here
                .as_ref()
                .is_none_or(|(e, s, _)| (easy, score) > (*e, *s));
            if better {
                here = Some((easy, score, d));
            }
        }
        if let Some((easy, _, d)) = here {
            if easy {
                return Some(d.doc);
            }
            if fallback.is_none() {
                fallback = Some(d.doc);
            }
        }
    }
    fallback
}

/// The share of the chart's width a comfortable plot takes: a third for the
/// tornado, whose bars are read against their neighbours and whose names
/// must stay whole; two fifths for the rest.
fn comfortable_width(chart: &Chart) -> f64 {
    if chart.y_categories.is_empty() {
        0.4
    } else {
        1.0 / 3.0
    }
}

/// [`draw`], with a tornado cut to the rows that fit.
fn fitted(chart: &Chart, w: f64, h: f64, ty: Type, key: Key) -> Drawn {
    let mut d = draw(chart, w, h, ty, key);
    let mut shown = chart.y_categories.len();
    // Each pass keeps fewer rows, so this ends.
    while d.fits && d.rows < shown {
        shown = d.rows;
        d = draw(&chart.tornado_top(shown), w, h, ty, key);
    }
    // The rows kept may need fewer lines each than the longest name of all
    // did, so rows are taken back while they still fit.
    while d.fits && shown < chart.y_categories.len() {
        let more = draw(&chart.tornado_top(shown + 1), w, h, ty, key);
        if !more.fits || more.rows <= shown {
            break;
        }
        shown += 1;
        d = more;
    }
    // Fewer than three rows (or all of them) is not a tornado.
    if shown < chart.y_categories.len().min(3) {
        d.fits = false;
    }
    d
}

/// The marking top and bottom of a `w × h` canvas; the room left between them.
fn markings(o: &mut Out, chart: &Chart, w: f64, h: f64, ty: Type) -> (f64, f64) {
    let banner = chart.marking.banner();
    let mut top = ty.pad;
    let mut bottom = h - ty.pad;
    if !banner.is_empty() {
        let m = ty.marking;
        o.marking(w / 2.0, top + m * ASC, m, banner);
        o.marking(w / 2.0, bottom - m * LH + m * ASC, m, banner);
        top += m * LH + ty.gap;
        bottom -= m * LH + ty.gap;
    }
    (top, bottom)
}

/// A chart whose canvas is too small, saying so in words.
fn too_small_notice(chart: &Chart, e: &TooSmall) -> String {
    let (w, h) = (e.width, e.height);
    let me = Measure::new();
    let ty = Type::at(TYPE_STEPS[TYPE_STEPS.len() - 1], w, h);
    let mut o = Out::new(chart, w, h);
    let (mut top, _) = markings(&mut o, chart, w, h, ty);
    let words = format!(
        "{} This chart needs at least {:.0} × {:.0} to be read; it has {:.0} × {:.0}.",
        chart.title, e.need_width, e.need_height, w, h
    );
    for line in me.wrap(&words, ty.label, false, w - 2.0 * ty.pad) {
        o.text(
            ty.pad,
            top + ty.label * ASC,
            ty.label,
            INK,
            Anchor::Start,
            &line,
        );
        top += ty.label * LH;
    }
    o.scene.to_svg()
}

/// One legend entry: its key and its (wrapped) name.
struct Entry<'a> {
    series: &'a Series,
    /// The name as written, before wrapping.
    name: &'a str,
    lines: Vec<String>,
    key_w: f64,
}

impl Entry<'_> {
    fn width(&self, me: &Measure, size: f64) -> f64 {
        self.key_w + 6.0 + me.widest(&self.lines, size, false)
    }
}

fn key_width(s: &Series) -> f64 {
    if matches!(s.geometry, Geometry::Line { .. }) {
        26.0
    } else {
        14.0
    }
}

/// Draws a legend entry with its top-left corner at `(x, y)`; its height.
fn draw_entry(o: &mut Out, e: &Entry, x: f64, y: f64, size: f64) -> f64 {
    let s = e.series;
    let line_h = size * LH;
    let cy = y + line_h / 2.0;
    let color = s.color.hex();
    match &s.geometry {
        Geometry::Line { .. } => {
            o.polyline(&[[x, cy], [x + e.key_w, cy]], &color, s.dash, 2.5);
            o.marker(s.marker, x + e.key_w / 2.0, cy, &color);
        }
        _ => o.rect(x, cy - 6.0, 12.0, 12.0, &color, None),
    }
    o.label(e.name, &e.lines, x + e.key_w + 6.0, y, line_h, size);
    for (k, line) in e.lines.iter().enumerate() {
        o.text(
            x + e.key_w + 6.0,
            y + k as f64 * line_h + size * ASC,
            size,
            INK,
            Anchor::Start,
            line,
        );
    }
    e.lines.len() as f64 * line_h
}

/// The whole chart at one type size and one place for the key.
fn draw(chart: &Chart, w: f64, h: f64, ty: Type, key: Key) -> Drawn {
    let me = Measure::new();
    let mut o = Out::new(chart, w, h);
    let pad = ty.pad;
    let inner = w - 2.0 * pad;
    let fail = |o: Out| Drawn {
        doc: o.scene,
        plot_w: 0.0,
        plot_h: 0.0,
        fits: false,
        rows: 0,
    };
    let (mut top, mut bottom) = markings(&mut o, chart, w, h, ty);

    let title = me.wrap(&chart.title, ty.title, true, inner);
    o.label(&chart.title, &title, pad, top, ty.title * LH, ty.title);
    for line in &title {
        o.text_weighted(
            pad,
            top + ty.title * ASC,
            ty.title,
            INK,
            Anchor::Start,
            true,
            line,
        );
        top += ty.title * LH;
    }
    top += ty.gap * 0.25;
    let subtitle = me.wrap(&chart.subtitle, ty.subtitle, false, inner);
    o.label(
        &chart.subtitle,
        &subtitle,
        pad,
        top,
        ty.subtitle * 1.25,
        ty.subtitle,
    );
    for line in &subtitle {
        o.text(
            pad,
            top + ty.subtitle * ASC,
            ty.subtitle,
            GREY_TEXT,
            Anchor::Start,
            line,
        );
        top += ty.subtitle * 1.25;
    }
    top += ty.gap;

    // From the bottom up: source, note, x-axis label.
    let source = me.wrap(&chart.source, ty.source, false, inner);
    let source_top = bottom - source.len() as f64 * ty.source * 1.25;
    o.label(
        &chart.source,
        &source,
        pad,
        source_top,
        ty.source * 1.25,
        ty.source,
    );
    for (i, line) in source.iter().enumerate() {
        let y = source_top + i as f64 * ty.source * 1.25 + ty.source * ASC;
        o.text(pad, y, ty.source, GREY_TEXT, Anchor::Start, line);
    }
    bottom = source_top - ty.gap * 0.75;
    if !chart.note.is_empty() {
        let note = me.wrap(&chart.note, ty.label, false, inner);
        let note_top = bottom - note.len() as f64 * ty.label * LH;
        o.label(&chart.note, &note, pad, note_top, ty.label * LH, ty.label);
        for (i, line) in note.iter().enumerate() {
            let y = note_top + i as f64 * ty.label * LH + ty.label * ASC;
            o.text(pad, y, ty.label, INK, Anchor::Start, line);
        }
        bottom = note_top - ty.gap * 0.75;
    }
    if !chart.x_label.is_empty() {
        for line in me.wrap(&chart.x_label, ty.label, false, inner).iter().rev() {
            o.text(
                pad,
                bottom - ty.label * LH + ty.label * ASC,
                ty.label,
                GREY_TEXT,
                Anchor::Start,
                line,
            );
            bottom -= ty.label * LH;
        }
        bottom -= ty.gap * 0.5;
    }

    // The key: series named at their ends stay out of it.
    let named: Vec<&Series> = chart
        .series
        .iter()
        .filter(|s| match key {
            Key::Direct => s.in_legend(),
            Key::Below | Key::Beside => s.in_legend() || s.direct_label.is_some(),
        })
        .collect();
    let label = ty.label;
    let mut right = w - pad;
    let mut beside: Vec<Entry> = Vec::new();
    match key {
        Key::Direct | Key::Below => {
            let entries: Vec<Entry> = named
                .iter()
                .map(|s| {
                    let key_w = key_width(s);
                    let name = s.direct_label.as_deref().unwrap_or(&s.name);
                    Entry {
                        series: s,
                        name,
                        lines: me.wrap(name, label, false, inner - key_w - 6.0),
                        key_w,
                    }
                })
                .collect();
            let mut x = pad;
            let mut row_h: f64 = 0.0;
            for e in &entries {
                let item_w = e.width(&me, label);
                if x > pad && x + item_w > w - pad {
                    x = pad;
                    top += row_h + 4.0;
                    row_h = 0.0;
                }
                row_h = row_h.max(draw_entry(&mut o, e, x, top, label));
                x += item_w + 18.0;
            }
            if !entries.is_empty() {
                top += row_h + ty.gap;
            }
        }
        Key::Beside => {
            let col_max = (inner * 0.32).max(90.0);
            beside = named
                .iter()
                .map(|s| {
                    let key_w = key_width(s);
                    let name = s.direct_label.as_deref().unwrap_or(&s.name);
                    Entry {
                        series: s,
                        name,
                        lines: me.wrap(name, label, false, col_max - key_w - 6.0),
                        key_w,
                    }
                })
                .collect();
            let col_w = beside
                .iter()
                .map(|e| e.width(&me, label))
                .fold(0.0, f64::max);
            right = w - pad - col_w - 14.0;
        }
    }

    if !chart.y_label.is_empty() && chart.y_categories.is_empty() {
        o.text(
            pad,
            top + label * ASC,
            label,
            GREY_TEXT,
            Anchor::Start,
            &chart.y_label,
        );
        top += label * LH + ty.gap * 0.5;
    }
    if !beside.is_empty() {
        let mut y = top;
        for e in &beside {
            y += draw_entry(&mut o, e, right + 14.0, y, label) + 3.0;
        }
        if y - 3.0 > bottom {
            return fail(o);
        }
    }

    let area = [pad, top, right, bottom];
    let p = if chart.y_categories.is_empty() {
        plot(&mut o, &me, chart, ty, area, key == Key::Direct)
    } else {
        tornado_plot(&mut o, &me, chart, ty, area)
    };
    Drawn {
        doc: o.scene,
        plot_w: p.w,
        plot_h: p.h,
        fits: p.fits,
        rows: p.rows,
    }
}

/// What a plot left: its size, whether it could be read, tornado rows.
struct Plotted {
    w: f64,
    h: f64,
    fits: bool,
    rows: usize,
}

impl Plotted {
    fn no() -> Self {
        Self {
            w: 0.0,
            h: 0.0,
            fits: false,
            rows: 0,
        }
    }
}

/// The widest a direct label may be beside a plot `inner` wide.
fn direct_label_width(inner: f64) -> f64 {
    (inner * 0.3).clamp(60.0, 240.0)
}

/// Direct labels, wrapped, and where they want to sit.
struct DirectLabel {
    name: String,
    lines: Vec<String>,
    color: String,
    y: f64,
}

/// How the categories under a waterfall are named.
struct Categories {
    /// Under each bar: its name wrapped, or its letter when in a key.
    under: Vec<Vec<String>>,
    /// The key's lines ("A Claimed saving +90.0 · B …"), empty when the
    /// names fit under the bars.
    key: Vec<String>,
    /// Whether the bars' value labels moved into the key.
    values_in_key: bool,
    /// The type size of the names under the bars.
    size: f64,
}

fn letter(i: usize) -> String {
    let a = b'A' + (i % 26) as u8;
    if i < 26 {
        char::from(a).to_string()
    } else {
        format!("{}{}", char::from(a), i / 26)
    }
}

/// Category names wrapped under bars `band` wide; in a key when a word is too
/// wide or a name needs more than three lines; the bars' value labels
/// (`values`) too when they are wider than a bar's band.
fn categories(
    me: &Measure,
    cats: &[String],
    values: &[String],
    band: f64,
    size: f64,
    inner: f64,
) -> Categories {
    let room = band - 2.0;
    let values_fit = me.widest(values, size, false) <= band - 2.0;
    // Full size, else a little smaller (not below 12, 9 pt at briefing
    // size), before a key.
    for under in [size, (size * 0.85).max(size.min(12.0))] {
        let wrapped: Vec<Vec<String>> = cats
            .iter()
            .map(|c| me.wrap(c, under, false, room))
            .collect();
        let fits = wrapped
            .iter()
            .all(|l| l.len() <= 3 && me.widest(l, under, false) <= room);
        if fits && values_fit {
            return Categories {
                under: wrapped,
                key: Vec::new(),
                values_in_key: false,
                size: under,
            };
        }
    }
    let items: Vec<String> = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = values.get(i).filter(|_| !values_fit);
            let item = match v {
                Some(v) if !v.is_empty() => format!("{} {c} {v}", letter(i)),
                _ => format!("{} {c}", letter(i)),
            };
            // Kept whole on a line when it fits one.
            if me.width(&item, size, false) <= inner {
                item.replace(' ', "\u{a0}")
            } else {
                item
            }
        })
        .collect();
    Categories {
        under: (0..cats.len()).map(|i| vec![letter(i)]).collect(),
        // Items apart by three spaces; a line breaks only between them.
        key: me.wrap(&items.join("\u{a0}\u{a0} "), size, false, inner),
        values_in_key: !values_fit,
        size,
    }
}

/// The lowest end of the bars labelled underneath and the highest of those
/// labelled on top (as [`draw_series`] places them); infinities when none.
fn labelled_ends(chart: &Chart) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in &chart.series {
        if let Geometry::Bars {
            base, top, labels, ..
        } = &s.geometry
        {
            for ((b, t), l) in base.iter().zip(top).zip(labels) {
                if l.is_empty() {
                    continue;
                }
                if *t < *b || (*t < 0.0 && *b == 0.0) {
                    low = low.min(b.min(*t));
                } else {
                    high = high.max(b.max(*t));
                }
            }
        }
    }
    (low, high)
}

/// The value labels of a chart's bars, in category order.
fn bar_labels(chart: &Chart) -> Vec<String> {
    let mut labelled: Vec<(f64, String)> = Vec::new();
    for s in &chart.series {
        if let Geometry::Bars { x, labels, .. } = &s.geometry {
            labelled.extend(x.iter().copied().zip(labels.iter().cloned()));
        }
    }
    labelled.sort_by(|a, b| a.0.total_cmp(&b.0));
    labelled.into_iter().map(|(_, l)| l).collect()
}

/// Axes, gridlines and series of a vertical chart inside `[left, top, right,
/// bottom]`, the axis labels included.
fn plot(
    o: &mut Out,
    me: &Measure,
    chart: &Chart,
    ty: Type,
    area: [f64; 4],
    direct_labels: bool,
) -> Plotted {
    let [left0, top0, right0, bottom0] = area;
    let [x_min, x_max, y_min, y_max] = chart.bounds();
    let size = ty.label;
    let line_h = size * LH;
    // Half a tick label above the top gridline.
    let top = top0 + 0.6 * size;
    // The gap between the plot and the labels under it, clear of the
    // lowest tick label (centred on the bottom gridline).
    let axis_gap = 0.6 * size + 3.0;

    // Direct labels on the right.
    let label_max = direct_label_width(right0 - left0);
    let mut direct: Vec<DirectLabel> = Vec::new();
    for s in chart.series.iter().filter(|_| direct_labels) {
        if let (Some(label), Geometry::Line { points }) = (&s.direct_label, &s.geometry)
            && let Some(last) = points.last()
        {
            direct.push(DirectLabel {
                name: label.clone(),
                lines: me.wrap(label, size, true, label_max),
                color: darker(s.color),
                y: last[1],
            });
        }
    }
    let direct_w = direct
        .iter()
        .map(|d| me.widest(&d.lines, size, true))
        .fold(0.0, f64::max);
    let right = if direct.is_empty() {
        right0
    } else {
        right0 - direct_w - 10.0
    };

    let cats = &chart.x_categories;
    let values = bar_labels(chart);
    let labelled = values.iter().any(|l| !l.is_empty());
    let money_x = chart
        .series
        .iter()
        .any(|s| matches!(s.geometry, Geometry::Histogram { .. }));

    // The rows under the axis depend on the plot's width, which depends on
    // the value labels' width: two passes settle it.
    let mut under_rows = 1usize;
    let mut key_lines = 0usize;
    for pass in 0..4 {
        let key_h = if key_lines > 0 {
            key_lines as f64 * line_h + 4.0
        } else {
            0.0
        };
        let bottom = bottom0 - axis_gap - under_rows as f64 * line_h - key_h;
        let plot_h = bottom - top;
        if plot_h < MIN_PLOT_H {
            return Plotted::no();
        }
        // Room for value labels beyond the bars' ends (the waterfall's):
        // below the lowest bar labelled underneath, above the highest
        // labelled on top.
        let (v_lo, v_hi) = {
            let room = if labelled { line_h + 5.0 } else { 0.0 };
            let span = (y_max - y_min).max(1e-9);
            let usable = (plot_h - 2.0 * room).max(plot_h * 0.2);
            let pad_v = room / usable * span;
            let (low_end, high_end) = labelled_ends(chart);
            (y_min.min(low_end - pad_v), y_max.max(high_end + pad_v))
        };
        let max_ticks = ((plot_h / (size * 1.9)).floor() as usize + 1).clamp(2, 8);
        let (vticks, vstep) = nice_ticks(v_lo, v_hi, max_ticks);
        let vlabels: Vec<String> = vticks.iter().map(|v| tick_label(*v, vstep)).collect();
        let tick_w = me.widest(&vlabels, size, false);
        let left = left0 + tick_w + 8.0;
        if right - left < MIN_PLOT_W {
            return Plotted::no();
        }
        let cat = if cats.is_empty() {
            None
        } else {
            let band = (right - left) / cats.len() as f64;
            Some(categories(me, cats, &values, band, size, right0 - left0))
        };
        if let Some(c) = &cat {
            // Room as the labels need it, only ever more, so the passes settle.
            let rows = c.under.iter().map(Vec::len).max().unwrap_or(1).max(1);
            if rows > under_rows || c.key.len() > key_lines {
                if pass == 3 {
                    return Plotted::no();
                }
                under_rows = under_rows.max(rows);
                key_lines = key_lines.max(c.key.len());
                continue;
            }
        }
        let (v0, v1) = (
            vticks.first().copied().unwrap_or(0.0),
            vticks.last().copied().unwrap_or(1.0),
        );
        let ys = Scale {
            d0: v0,
            d1: v1,
            p0: bottom,
            p1: top,
        };
        // X: categories, money (the histogram) or years.
        let (xs, xlabels): (Scale, Vec<(f64, String)>) = if let Some(c) = &cat {
            let xs = Scale {
                d0: -0.5,
                d1: cats.len() as f64 - 0.5,
                p0: left,
                p1: right,
            };
            let _ = c;
            (xs, Vec::new())
        } else if money_x {
            let probe = [tick_label(x_min, 1.0), tick_label(x_max, 1.0)];
            let inset = me.widest(&probe, size, false) / 2.0 + 2.0;
            let (t, labels, _) = ticks_along(me, x_min, x_max, right - left - 2.0 * inset, size);
            let xs = Scale {
                d0: t.first().copied().unwrap_or(x_min),
                d1: t.last().copied().unwrap_or(x_max),
                p0: left + inset,
                p1: right - inset,
            };
            (xs, t.into_iter().zip(labels).collect())
        } else {
            let year_w = me.width("2000", size, false);
            let inset = year_w / 2.0 + 2.0;
            let xs = Scale {
                d0: x_min,
                d1: x_max.max(x_min + 1e-9),
                p0: left + inset,
                p1: right - inset,
            };
            let px_per_year = (xs.p1 - xs.p0) / (x_max - x_min).max(1.0);
            let years = year_ticks(x_min, x_max, px_per_year, year_w + size);
            (
                xs,
                years.into_iter().map(|y| (y, format!("{y:.0}"))).collect(),
            )
        };

        // Gridlines and value labels.
        for (v, label) in vticks.iter().zip(&vlabels) {
            let y = ys.at(*v);
            o.line(left, y, right, y, GRID, 1.0);
            o.text(
                left - 8.0,
                y + size * 0.35,
                size,
                GREY_TEXT,
                Anchor::End,
                label,
            );
        }
        let under_y = bottom + axis_gap;
        for (x, label) in &xlabels {
            o.text(
                xs.at(*x),
                under_y + size * ASC,
                size,
                GREY_TEXT,
                Anchor::Middle,
                label,
            );
        }
        if let Some(c) = &cat {
            for (i, lines) in c.under.iter().enumerate() {
                let x = xs.at(i as f64);
                for (k, line) in lines.iter().enumerate() {
                    let y = under_y + k as f64 * line_h + c.size * ASC;
                    o.text(x, y, c.size, INK, Anchor::Middle, line);
                }
            }
            let key_top = under_y + under_rows as f64 * line_h + 4.0;
            for (k, line) in c.key.iter().enumerate() {
                let y = key_top + k as f64 * line_h + size * ASC;
                o.text(left0, y, size, INK, Anchor::Start, line);
            }
        }

        let show_values = !cat.as_ref().is_some_and(|c| c.values_in_key);
        let at = |x: f64| {
            if money_x { exact(x) } else { format!("{x:.0}") }
        };
        o.on_data = true;
        for s in &chart.series {
            draw_series(o, s, (xs, ys), size, show_values, cats, &at);
        }
        o.on_data = false;
        // The zero line over the bars, as GOV.UK charts do.
        if v0 <= 0.0 && v1 >= 0.0 {
            let y = ys.at(0.0);
            o.line(left, y, right, y, INK, 1.0);
        }
        o.on_data = true;
        for s in &chart.series {
            if let Geometry::Line { points } = &s.geometry {
                let color = s.color.hex();
                for p in marked(points) {
                    o.marker(s.marker, xs.at(p[0]), ys.at(p[1]), &color);
                }
            }
        }
        o.on_data = false;
        o.scene.plot = Some([left, top, right, bottom]);
        let fits = place_direct_labels(
            o,
            &mut direct,
            ys,
            right + 10.0,
            top - 0.5 * size,
            bottom,
            size,
        );
        return Plotted {
            w: right - left,
            h: plot_h,
            fits,
            rows: usize::MAX,
        };
    }
    Plotted::no()
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

/// Writes direct labels at their series' last value, pushed apart so they
/// never overlap and kept between `top` and `bottom`; `false` when they
/// cannot all fit there.
fn place_direct_labels(
    o: &mut Out,
    labels: &mut [DirectLabel],
    ys: Scale,
    x: f64,
    top: f64,
    bottom: f64,
    size: f64,
) -> bool {
    let line_h = size * LH;
    let gap = 2.0;
    let height = |d: &DirectLabel| d.lines.len() as f64 * line_h;
    let total: f64 = labels.iter().map(|d| height(d) + gap).sum();
    if total - gap > bottom - top {
        return false;
    }
    // Each block's top, wanted centred on its line's end.
    let mut placed: Vec<(f64, &DirectLabel)> = labels
        .iter()
        .map(|d| (ys.at(d.y) - height(d) / 2.0, d))
        .collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Top-down: each label starts below the one above it.
    let mut next_free = top;
    for p in &mut placed {
        p.0 = p.0.max(next_free);
        next_free = p.0 + height(p.1) + gap;
    }
    // Bottom-up: keep the last ones inside the plot.
    let mut limit = bottom;
    for p in placed.iter_mut().rev() {
        if p.0 + height(p.1) > limit {
            p.0 = limit - height(p.1);
        }
        limit = p.0 - gap;
    }
    for (y, d) in placed {
        o.label(&d.name, &d.lines, x, y, line_h, size);
        for (k, line) in d.lines.iter().enumerate() {
            o.text_weighted(
                x,
                y + k as f64 * line_h + size * ASC,
                size,
                &d.color,
                Anchor::Start,
                true,
                line,
            );
        }
    }
    true
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

/// One series of a vertical chart (horizontal bars are drawn by
/// [`tornado_plot`]); bar value labels only when `values`. Each bar, and
/// each point of a line or band, is named for a tooltip: the step it is
/// (from `cats`), its series and its exact value, a point at `at(x)`.
fn draw_series(
    o: &mut Out,
    s: &Series,
    (xs, ys): (Scale, Scale),
    size: f64,
    values: bool,
    cats: &[String],
    at: &dyn Fn(f64) -> String,
) {
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
                    let name = thing_named(cats, x[i], &s.name);
                    o.hover(
                        [x0, y0, x1, y1.max(y0 + 0.5)],
                        format!("{name}\n{}", exact(top[i] - base[i])),
                    );
                }
                if let Some(label) = labels.get(i).filter(|l| values && !l.is_empty()) {
                    let below = top[i] < base[i] || (top[i] < 0.0 && base[i] == 0.0);
                    let y = if below {
                        y1 + 3.0 + size * ASC
                    } else {
                        y0 - 4.0 - size * 0.212
                    };
                    o.text(f64::midpoint(x0, x1), y, size, INK, Anchor::Middle, label);
                }
            }
        }
        Geometry::Line { points } => {
            let pts: Vec<[f64; 2]> = points.iter().map(|p| [xs.at(p[0]), ys.at(p[1])]).collect();
            o.polyline(&pts, &color, s.dash, 2.5);
            let name = s.direct_label.as_deref().unwrap_or(&s.name);
            for (p, q) in points.iter().zip(&pts) {
                o.hover(around(*q), format!("{name}\n{}  {}", at(p[0]), exact(p[1])));
            }
        }
        Geometry::Band { x, low, high } => {
            let mut pts: Vec<[f64; 2]> = x
                .iter()
                .zip(high)
                .map(|(x, y)| [xs.at(*x), ys.at(*y)])
                .collect();
            pts.extend(x.iter().zip(low).rev().map(|(x, y)| [xs.at(*x), ys.at(*y)]));
            o.polygon(&pts, &color, false);
            for ((x, lo), hi) in x.iter().zip(low).zip(high) {
                let (px, top, bottom) = (xs.at(*x), ys.at(*hi), ys.at(*lo));
                o.hover(
                    [
                        px - 6.0,
                        top.min(bottom) - 6.0,
                        px + 6.0,
                        top.max(bottom) + 6.0,
                    ],
                    format!("{}\n{}  {} to {}", s.name, at(*x), exact(*lo), exact(*hi)),
                );
            }
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
                    o.hover(
                        [x0, y0.min(y1), x1, y0.max(y1)],
                        format!(
                            "around {}: {:.1}% of draws",
                            exact(f64::midpoint(*a, *b)),
                            h
                        ),
                    );
                }
            }
        }
        Geometry::HorizontalBars { .. } => {}
    }
}

/// The area a point answers a hover in: 6 layout units around it.
fn around(p: [f64; 2]) -> [f64; 4] {
    [p[0] - 6.0, p[1] - 6.0, p[0] + 6.0, p[1] + 6.0]
}

/// The tornado: categories down the left, one line each, the value axis
/// across with light vertical gridlines and its values, bars from the
/// central value. Its `rows`: how many fit at 1.6 lines apart.
fn tornado_plot(o: &mut Out, me: &Measure, chart: &Chart, ty: Type, area: [f64; 4]) -> Plotted {
    let [left0, top, right, bottom0] = area;
    let size = ty.label;
    let line_h = size * LH;
    let [x_min, x_max, _, _] = chart.bounds();
    let cats = &chart.y_categories;
    // Room for value labels beyond the bars' ends, either side.
    let values = chart.tornado_values();
    let room = me.widest(values.iter().map(|v| &v.3), size, false) + 8.0;
    // Names whole where they can be: the column takes two fifths of the
    // width (at most 300), or as much more as the longest name needs while
    // the bars keep a comfortable plot (a third of the chart's width, as
    // `best` wants: a narrower one would cost the whole chart a smaller
    // type); only names longer still are cut.
    let span = right - left0;
    let longest = me.widest(cats, size, false);
    // The chart is `span` and its two pads wide when the key is not beside.
    let comfortable = comfortable_width(chart) * (span + 2.0 * ty.pad) + 1.0;
    let widest_column = (span * 0.55).min(span - 10.0 - 2.0 * room - comfortable);
    let column = (span * 0.4).clamp(60.0, 300.0);
    let label_max = column.max(longest.min(widest_column));
    let bottom = bottom0 - 0.2 * size - line_h - 3.0;
    let plot_h = bottom - top;
    let cat_lines = tornado_names(me, cats, size, label_max, plot_h);
    let label_w = me.widest(cat_lines.iter().flatten(), size, false);
    let left = left0 + label_w + 10.0;
    let pitches: Vec<f64> = cat_lines
        .iter()
        .map(|l| size * row_pitch(l.len()))
        .collect();
    let (p0, p1) = (left + room, right - room);
    if p1 - p0 < MIN_PLOT_W * 0.6 || plot_h < MIN_PLOT_H.min(size * 1.6 * 3.0) {
        return Plotted::no();
    }
    let (vticks, vlabels, _) = ticks_along(me, x_min, x_max, p1 - p0, size);
    let (v0, v1) = (
        vticks.first().copied().unwrap_or(0.0),
        vticks.last().copied().unwrap_or(1.0),
    );
    let xs = Scale {
        d0: v0,
        d1: v1,
        p0,
        p1,
    };
    let ys = Rows::new(&pitches, top, bottom);

    for (v, label) in vticks.iter().zip(&vlabels) {
        let x = xs.at(*v);
        o.line(x, top, x, bottom, GRID, 1.0);
        o.text(
            x,
            bottom + 3.0 + size * ASC,
            size,
            GREY_TEXT,
            Anchor::Middle,
            label,
        );
    }
    for (i, lines) in cat_lines.iter().enumerate() {
        // A name on two lines is centred on its row as one on one line is.
        let first = ys.at(i as f64) + size * 0.35 - (lines.len() - 1) as f64 * line_h / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let y = first + k as f64 * line_h;
            o.text(left - 10.0, y, size, INK, Anchor::End, line);
        }
    }
    o.on_data = true;
    for s in &chart.series {
        let color = s.color.hex();
        match &s.geometry {
            Geometry::HorizontalBars {
                y,
                from,
                to,
                height,
                ..
            } => {
                for i in 0..y.len().min(from.len()).min(to.len()) {
                    let (xa, xb) = (xs.at(from[i]), xs.at(to[i]));
                    let (y0, y1) = ys.bar(y[i], *height);
                    let w = (xb - xa).abs().max(0.5);
                    o.rect(xa.min(xb), y0, w, y1 - y0, &color, None);
                    let name = thing_named(cats, y[i], &s.name);
                    o.hover(
                        [xa.min(xb), y0, xa.min(xb) + w, y1],
                        format!("{name}\n{}", exact(to[i] - from[i])),
                    );
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
    for (row, far, beyond, body) in &values {
        let (x, y) = (xs.at(*far), ys.at(*row as f64) + size * 0.35);
        if *beyond {
            o.text(x + 5.0, y, size, INK, Anchor::Start, body);
        } else {
            o.text(x - 5.0, y, size, INK, Anchor::End, body);
        }
    }
    o.on_data = false;
    o.scene.plot = Some([left, top, right, bottom]);
    let rows = rows_that_fit(&pitches, plot_h).max(1);
    Plotted {
        w: p1 - p0,
        h: plot_h,
        fits: true,
        rows,
    }
}

/// How far apart tornado rows are, in font sizes, when their names take
/// `lines` lines: 1.6 for one, a line more for each line more.
fn row_pitch(lines: usize) -> f64 {
    1.6 + (lines.max(1) - 1) as f64 * LH
}

/// How many of the rows, from the first, fit in `height` at `pitches`.
fn rows_that_fit(pitches: &[f64], height: f64) -> usize {
    let mut used = 0.0;
    pitches
        .iter()
        .take_while(|p| {
            used += *p;
            used <= height + 1e-9
        })
        .count()
}

/// The tornado's rows down the plot: each as tall as its name needs (a
/// name on two lines gets a taller row), the room left shared in
/// proportion. Row `i` is centred at category value `i`, as the chart's
/// data places it.
struct Rows {
    /// Row `i` runs from `edges[i]` to `edges[i + 1]`.
    edges: Vec<f64>,
    /// The height of a one-line row, stretched as the rows are: every bar
    /// is as thick as in a one-line row.
    unit: f64,
}

impl Rows {
    fn new(pitches: &[f64], top: f64, bottom: f64) -> Rows {
        let total: f64 = pitches.iter().sum();
        let stretch = if total > 0.0 {
            (bottom - top) / total
        } else {
            1.0
        };
        let mut edges = vec![top];
        for p in pitches {
            edges.push(edges[edges.len() - 1] + p * stretch);
        }
        if pitches.is_empty() {
            edges.push(bottom);
        }
        let unit = pitches.iter().copied().fold(f64::INFINITY, f64::min) * stretch;
        Rows {
            edges,
            unit: if unit.is_finite() { unit } else { bottom - top },
        }
    }

    /// Where category value `v` is drawn: `i` at row `i`'s centre, `i ± 0.5`
    /// at its edges, in between linearly.
    fn at(&self, v: f64) -> f64 {
        let n = self.edges.len() - 1;
        let i = ((v + 0.5).floor().max(0.0) as usize).min(n - 1);
        let t = v + 0.5 - i as f64;
        self.edges[i] + t * (self.edges[i + 1] - self.edges[i])
    }

    /// The top and bottom of a bar `height` (in one-line rows) thick,
    /// centred on category value `v`.
    fn bar(&self, v: f64, height: f64) -> (f64, f64) {
        let c = self.at(v);
        let half = height * self.unit / 2.0;
        (c - half, c + half)
    }
}

/// The tornado's row names as drawn, each as its lines, no wider than
/// `max`: whole on one line where it fits; a longer name whole on two
/// lines (its row taller), unless that would leave the plot (`plot_h`
/// tall) without room for its first three rows; only a name longer than
/// two lines can take, or one that would crowd out the first three rows,
/// is cut, in its item, keeping its field ([`text::fit_label`]). Rows cut to the same
/// words keep the ends of their names instead, so every row stays apart;
/// failing that, they are numbered.
fn tornado_names(
    me: &Measure,
    cats: &[String],
    size: f64,
    max: f64,
    plot_h: f64,
) -> Vec<Vec<String>> {
    let width = |t: &str| me.width(t, size, false);
    let fits = |c: &String| width(c) <= max;
    let wrapped = |c: &String| -> Option<Vec<String>> {
        // The item over its field where both fit; else wrapped.
        let (item, field) = text::split_field(c);
        let lines = match field {
            Some(f) if fits(&item.to_owned()) && fits(&format!("— {f}")) => {
                vec![item.to_owned(), format!("— {f}")]
            }
            _ => text::wrap(c, max, width),
        };
        (lines.len() <= 2 && lines.iter().all(fits)).then_some(lines)
    };
    // A long name goes on two lines while the first three rows (or all,
    // when fewer) still fit with it; rows further down always may, as the
    // tornado shows only the rows that fit.
    let first = cats.len().min(3);
    let mut used = 0.0;
    let mut names: Vec<Vec<String>> = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let lines = if fits(c) {
                vec![c.clone()]
            } else {
                let cut = vec![text::fit_label(c, max, width)];
                match wrapped(c) {
                    Some(two) if i >= first => two,
                    Some(two) => {
                        let rest = (first - i - 1) as f64 * size * row_pitch(1);
                        if used + size * row_pitch(two.len()) + rest <= plot_h + 1e-9 {
                            two
                        } else {
                            cut
                        }
                    }
                    None => cut,
                }
            };
            used += size * row_pitch(lines.len());
            lines
        })
        .collect();
    let same = |names: &[Vec<String>], i: usize| {
        names
            .iter()
            .enumerate()
            .any(|(j, l)| j != i && *l == names[i])
    };
    for i in 0..names.len() {
        if same(&names, i) {
            names[i] = vec![text::fit_label_end(&cats[i], max, width)];
        }
    }
    for i in 0..names.len() {
        if names[..i].contains(&names[i])
            && let Some(last) = names[i].last_mut()
        {
            *last = format!("{last} ({})", i + 1);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::text::MINUS;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let (t, step) = nice_ticks(-13.0, 87.0, 8);
        assert_eq!(step, 20.0);
        assert_eq!(t, vec![-20.0, 0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let (t, _) = nice_ticks(0.0, 0.0, 8);
        assert!(t.len() >= 2);
        // Fewer ticks when fewer fit, still covering the range.
        for max in 2..=8 {
            let (t, _) = nice_ticks(-13.0, 87.0, max);
            assert!(t.len() <= max.max(3) && t.len() >= 2, "{max}: {t:?}");
            assert!(t[0] <= -13.0 && t[t.len() - 1] >= 87.0, "{max}: {t:?}");
        }
    }

    #[test]
    fn year_ticks_thin_out_to_fit() {
        assert_eq!(year_ticks(2014.0, 2023.0, 50.0, 40.0).len(), 10);
        assert_eq!(
            year_ticks(2014.0, 2023.0, 25.0, 40.0),
            vec![2014.0, 2016.0, 2018.0, 2020.0, 2022.0]
        );
        assert_eq!(year_ticks(2014.0, 2023.0, 10.0, 40.0), vec![2015.0, 2020.0]);
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
    fn measured_text_is_wider_when_longer_and_bold() {
        let me = Measure::new();
        assert_eq!(me.table.regular.len(), TABLE_END as usize);
        assert_eq!(me.table.bold.len(), TABLE_END as usize);
        // Liberation Sans has Arial's widths: "a" is 0.556 em in both.
        assert!((me.width("a", 1.0, false) / 1.03 - 0.556).abs() < 1e-3);
        assert!(me.width("Net savings", 13.0, false) > me.width("Net", 13.0, false));
        assert!(me.width("Net savings", 13.0, true) > me.width("Net savings", 13.0, false));
    }
}
