//! Briefing charts: one description per chart, built from [`Results`] in the
//! core, and one layout of it ([`scene`], in [`svg`](mod@svg)): the export
//! writes its [`Scene`] as SVG (and PNG), the app paints the same scene on
//! screen in the same font, so the screen and the briefing never disagree.
//!
//! A [`Chart`] says everything a reader needs without the app around it: a
//! title that states the message, a subtitle with the measure, units, price
//! base, discounting and years, axis labels, the series (colours from the
//! Government Analysis Function palette, each with a dash or marker or a
//! direct label so colour is never the only cue), a source line, the
//! protective marking and alt text. Values are in £ million.
//!
//! Coordinates: on charts with [`Chart::x_categories`] (the waterfall), bar
//! `i` sits at `x = i`; on charts with [`Chart::y_categories`] (the tornado),
//! bar `i` sits at `y = i`, the first category at the top. Otherwise `x` is
//! the calendar year (or £ million on the histogram).

pub mod csv;
mod kind;
pub mod png;
pub mod scene;
pub mod svg;
mod text;

pub use csv::{chart_csv, chart_data, clipboard_table, csv};
pub use kind::{ChartKind, Sources};
pub use png::{BRIEFING, PngError, Preset, png, render_svg};
pub use scene::Scene;
pub use svg::{TooSmall, scene, smallest, svg, try_svg};
pub use text::short_money;

use crate::model::{self, Plan, Results};
use crate::scenario::{Central, Discounting, Marking, Scenario};

/// A colour, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#12436D`.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// The Government Analysis Function categorical palette (FACTS.md), in order.
pub mod palette {
    use super::Rgb;

    pub const DARK_BLUE: Rgb = Rgb(0x12, 0x43, 0x6D);
    pub const TURQUOISE: Rgb = Rgb(0x28, 0xA1, 0x97);
    pub const DARK_PINK: Rgb = Rgb(0x80, 0x16, 0x50);
    pub const ORANGE: Rgb = Rgb(0xF4, 0x6A, 0x25);
    pub const DARK_GREY: Rgb = Rgb(0x3D, 0x3D, 0x3D);
    pub const LIGHT_PURPLE: Rgb = Rgb(0xA2, 0x85, 0xD1);
    /// The grey that non-focus data sits in, against [`DARK_BLUE`].
    pub const FOCUS_GREY: Rgb = Rgb(0xBF, 0xBF, 0xBF);
    /// The six categorical colours in the guidance's order.
    pub const CATEGORICAL: [Rgb; 6] = [
        DARK_BLUE,
        TURQUOISE,
        DARK_PINK,
        ORANGE,
        DARK_GREY,
        LIGHT_PURPLE,
    ];
}

/// Whether yearly values are discounted to present values or left as cash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Basis {
    /// Each year times its discount factor; totals are NPVs.
    #[default]
    Discounted,
    /// Undiscounted real-terms values.
    Cash,
}

/// How a line is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

/// The mark at each point of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// What a series draws. All values in £ million (the histogram's heights in
/// per cent of draws).
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// Vertical bars: bar `i` spans `x[i] ± width / 2` across and
    /// `base[i]..top[i]` up (stacks and the waterfall float on their base).
    /// `labels[i]`, when not empty, is printed just beyond the bar's end.
    Bars {
        x: Vec<f64>,
        base: Vec<f64>,
        top: Vec<f64>,
        width: f64,
        labels: Vec<String>,
    },
    /// Horizontal bars: bar `i` spans `y[i] ± height / 2` and `from[i]..to[i]`
    /// across; `labels[i]` is printed beyond the `to` end.
    HorizontalBars {
        y: Vec<f64>,
        from: Vec<f64>,
        to: Vec<f64>,
        height: f64,
        labels: Vec<String>,
    },
    /// A line through `points` (`[x, y]`).
    Line { points: Vec<[f64; 2]> },
    /// A shaded band between `low[i]` and `high[i]` at `x[i]` (a fan chart).
    Band {
        x: Vec<f64>,
        low: Vec<f64>,
        high: Vec<f64>,
    },
    /// Histogram bars: bin `i` spans `edges[i]..edges[i + 1]` with height `heights[i]`.
    Histogram { edges: Vec<f64>, heights: Vec<f64> },
}

/// One thing drawn, in one colour, with one name.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The legend entry (also used when there is no direct label).
    pub name: String,
    pub color: Rgb,
    pub dash: Dash,
    pub marker: Marker,
    pub geometry: Geometry,
    /// Text written next to the series' last point (lines) instead of a
    /// legend entry; `None`: the series is in the legend.
    pub direct_label: Option<String>,
}

impl Series {
    fn line(name: &str, color: Rgb, dash: Dash, marker: Marker, points: Vec<[f64; 2]>) -> Self {
        Self {
            name: name.to_owned(),
            color,
            dash,
            marker,
            geometry: Geometry::Line { points },
            direct_label: Some(name.to_owned()),
        }
    }

    fn bars(name: &str, color: Rgb, geometry: Geometry) -> Self {
        Self {
            name: name.to_owned(),
            color,
            dash: Dash::Solid,
            marker: Marker::None,
            geometry,
            direct_label: None,
        }
    }

    /// Whether the series has an entry in the legend.
    #[must_use]
    pub fn in_legend(&self) -> bool {
        self.direct_label.is_none() && !self.name.is_empty()
    }
}

/// A chart, ready to draw. Every text field may be edited before export.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    /// States the message: "Social cost takes £31m off a £90m saving".
    pub title: String,
    /// What is measured, units, price base, discounting and years.
    pub subtitle: String,
    /// Under the horizontal axis; may be empty (years need no label).
    pub x_label: String,
    /// Above the vertical axis, written horizontally: "£ million".
    pub y_label: String,
    /// Labels of bars at `x = 0, 1, …` (waterfall); empty otherwise.
    pub x_categories: Vec<String>,
    /// Labels of bars at `y = 0, 1, …`, drawn top to bottom (tornado); empty otherwise.
    pub y_categories: Vec<String>,
    /// In drawing order: later series are drawn over earlier ones.
    pub series: Vec<Series>,
    /// "Source: …; Counterweight 0.1.0, moj.ron".
    pub source: String,
    /// Printed top and bottom unless `Unmarked`.
    pub marking: Marking,
    /// For screen readers and the SVG's `<desc>`: the chart and its key numbers.
    pub alt_text: String,
    /// A sentence under the plot, above the source, when the chart needs one
    /// to be read right (the fan chart's central estimate outside its band);
    /// empty otherwise.
    pub note: String,
}

impl Chart {
    /// Each tornado row's values beyond its bars' ends: `(row, the far end,
    /// whether it is right of the central value, the text)`. When both ends lie
    /// on one side of the central value, both values go beyond the longer bar.
    #[must_use]
    pub fn tornado_values(&self) -> Vec<(usize, f64, bool, String)> {
        // Per row: (from, to, label) of each bar.
        let mut rows: Vec<Vec<(f64, f64, String)>> = vec![Vec::new(); self.y_categories.len()];
        for s in &self.series {
            if let Geometry::HorizontalBars {
                y,
                from,
                to,
                labels,
                ..
            } = &s.geometry
            {
                for i in 0..y.len().min(from.len()).min(to.len()) {
                    let row = y[i].round().max(0.0) as usize;
                    if let (Some(r), Some(l)) = (rows.get_mut(row), labels.get(i))
                        && !l.is_empty()
                    {
                        r.push((from[i], to[i], l.clone()));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for beyond in [true, false] {
                let mut side: Vec<&(f64, f64, String)> =
                    row.iter().filter(|b| (b.1 >= b.0) == beyond).collect();
                if side.is_empty() {
                    continue;
                }
                side.sort_by(|a, b| (a.1 - a.0).abs().total_cmp(&(b.1 - b.0).abs()));
                let far = side.last().map_or(0.0, |b| b.1);
                let body = side
                    .iter()
                    .map(|b| b.2.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ");
                out.push((i, far, beyond, body));
            }
        }
        out
    }

    /// The chart's text alternative as a file beside its PNG (`NAME.png.txt`):
    /// the marking, the description (the SVG's `<desc>`), the note, the
    /// source, and the marking again.
    #[must_use]
    pub fn alt_text_file(&self) -> String {
        let banner = self.marking.banner();
        let mut lines: Vec<&str> = Vec::new();
        if !banner.is_empty() {
            lines.push(banner);
        }
        lines.push(&self.alt_text);
        if !self.note.is_empty() && !self.alt_text.contains(&self.note) {
            lines.push(&self.note);
        }
        lines.push(&self.source);
        if !banner.is_empty() {
            lines.push(banner);
        }
        let mut s = lines.join("\n\n");
        s.push('\n');
        s
    }

    /// The smallest and largest x and y the series reach, zero included on
    /// the value axis; `[x_min, x_max, y_min, y_max]`.
    #[must_use]
    pub fn bounds(&self) -> [f64; 4] {
        let mut b = [f64::INFINITY, f64::NEG_INFINITY, 0.0, 0.0];
        let mut x = |v: f64| {
            if v.is_finite() {
                b[0] = b[0].min(v);
                b[1] = b[1].max(v);
            }
        };
        let mut ys = Vec::new();
        for s in &self.series {
            match &s.geometry {
                Geometry::Bars {
                    x: xs,
                    base,
                    top,
                    width,
                    ..
                } => {
                    for v in xs {
                        x(v - width / 2.0);
                        x(v + width / 2.0);
                    }
                    ys.extend(base.iter().chain(top));
                }
                Geometry::HorizontalBars { from, to, .. } => {
                    for v in from.iter().chain(to) {
                        x(*v);
                    }
                }
                Geometry::Line { points } => {
                    for p in points {
                        x(p[0]);
                        ys.push(&p[1]);
                    }
                }
                Geometry::Band { x: xs, low, high } => {
                    for v in xs {
                        x(*v);
                    }
                    ys.extend(low.iter().chain(high));
                }
                Geometry::Histogram { edges, heights } => {
                    for v in edges {
                        x(*v);
                    }
                    ys.extend(heights);
                }
            }
        }
        for v in ys {
            if v.is_finite() {
                b[2] = b[2].min(*v);
                b[3] = b[3].max(*v);
            }
        }
        if !self.y_categories.is_empty() {
            // Horizontal bars: x is the value axis, y the categories.
            b[2] = -0.5;
            b[3] = self.y_categories.len() as f64 - 0.5;
        }
        if !b[0].is_finite() {
            b[0] = 0.0;
            b[1] = 1.0;
        }
        b
    }
}

/// The files that go beside a chart's PNG at `png_path` (`dir/NAME.png`):
/// `dir/NAME.png.txt`, its text alternative ([`Chart::alt_text_file`]), and
/// `dir/NAME.data.csv`, the numbers it draws ([`chart_csv`]).
#[must_use]
pub fn png_companions(
    chart: &Chart,
    png_path: &std::path::Path,
) -> [(std::path::PathBuf, Vec<u8>); 2] {
    let stem = png_path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    [
        (
            png_path.with_file_name(format!("{stem}.png.txt")),
            chart.alt_text_file().into_bytes(),
        ),
        (
            png_path.with_file_name(format!("{stem}.data.csv")),
            chart_csv(chart).into_bytes(),
        ),
    ]
}

/// One scenario with its results and the file it came from (for the source line).
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub scenario: &'a Scenario,
    pub results: &'a Results,
    /// The scenario's file name (`moj.ron`), or "" for an unsaved scenario.
    pub file_name: &'a str,
}

/// One bar of the tornado: NPV of net social value (pounds) with one input
/// at its low and at its high, all else central.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// "Months out of work".
    pub label: String,
    pub npv_at_low: f64,
    pub npv_at_high: f64,
}

/// Monte Carlo percentiles of cumulative discounted net social value (pounds)
/// at the end of one calendar year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearBand {
    pub year: i32,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl From<&crate::uncertainty::Band> for YearBand {
    fn from(b: &crate::uncertainty::Band) -> Self {
        Self {
            year: b.year,
            p10: b.p10,
            p50: b.p50,
            p90: b.p90,
        }
    }
}

const MILLION: f64 = 1e6;

fn m(x: f64) -> f64 {
    x / MILLION
}

/// The yearly values of `line` on `basis`, in £ million.
fn yearly(r: &Results, line: &[f64], basis: Basis) -> Vec<f64> {
    line.iter()
        .zip(&r.lines.discount_factor)
        .map(|(v, df)| match basis {
            Basis::Discounted => m(v * df),
            Basis::Cash => m(*v),
        })
        .collect()
}

fn cumulative(v: &[f64]) -> Vec<f64> {
    v.iter()
        .scan(0.0, |acc, x| {
            *acc += x;
            Some(*acc)
        })
        .collect()
}

fn years(r: &Results) -> Vec<f64> {
    (0..r.lines.horizon())
        .map(|t| f64::from(r.year(t)))
        .collect()
}

fn points(xs: &[f64], ys: &[f64]) -> Vec<[f64; 2]> {
    xs.iter().zip(ys).map(|(x, y)| [*x, *y]).collect()
}

/// "discounted at Green Book rates" and the like, for subtitles; a
/// `Constant(r)` rate is quoted at the central value the model uses
/// (`settings.central`).
fn discounting_words(d: &Discounting, central: Central) -> String {
    match d {
        Discounting::GreenBook => "discounted at Green Book rates (3.5%)".to_owned(),
        Discounting::GreenBookLowerRate => {
            "discounted at the Green Book lower rates (3.0%)".to_owned()
        }
        Discounting::Constant(r) => {
            format!(
                "discounted at {}% a year",
                text::decimal(r.central_as(central) * 100.0, 1)
            )
        }
        Discounting::Undiscounted => "undiscounted".to_owned(),
    }
}

/// "£ million, real terms, 2014 prices, discounted at …, 2014 to 2023".
fn measure(s: &Scenario, basis: Basis) -> String {
    let st = &s.settings;
    let discounting = match basis {
        Basis::Discounted => discounting_words(&st.discounting, st.central),
        Basis::Cash => "undiscounted".to_owned(),
    };
    format!(
        "£\u{a0}million, real terms, {} prices, {discounting}, {} to {}",
        st.price_base_year,
        st.start_year,
        st.last_year()
    )
}

/// How directly a reader can check a source, best first: an official
/// publication (government, Parliament, the NAO), then any dated source with
/// an address, a dated one, an undated one, and the project's own notes last.
fn source_rank(src: &crate::scenario::Source) -> u8 {
    const OFFICIAL: [&str; 6] = [
        "gov.uk",
        "parliament.uk",
        "nao.org.uk",
        "nhs.uk",
        "legislation.gov",
        "ico.org.uk",
    ];
    const OFFICIAL_PUBLISHERS: [&str; 7] = [
        "National Audit Office",
        "House of Commons",
        "House of Lords",
        "HM Treasury",
        "Department",
        "Cabinet Office",
        "Agency",
    ];
    let url = src.url.to_ascii_lowercase();
    let publisher = src.publisher.trim();
    let (dated, addressed) = (!src.date.trim().is_empty(), !url.trim().is_empty());
    if publisher.starts_with("Counterweight") || src.title.trim().starts_with("Counterweight") {
        4
    } else if OFFICIAL.iter().any(|d| url.contains(d))
        || OFFICIAL_PUBLISHERS.iter().any(|p| publisher.contains(p))
    {
        0
    } else if dated && addressed {
        1
    } else if dated || addressed {
        2
    } else {
        3
    }
}

/// One source as the source line names it: "Title (Publisher, date)".
fn source_words(src: &crate::scenario::Source) -> String {
    let mut p = src.title.trim().to_owned();
    let detail: Vec<&str> = [src.publisher.trim(), src.date.trim()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !detail.is_empty() {
        p = format!("{p} ({})", detail.join(", "));
    }
    p
}

/// The source line: the sources most relevant to the chart (official
/// publications first; for several scenarios, each one's best in turn), as
/// many as fit about two lines, then how many more there are and where they
/// are listed; then the tool and the files.
fn source_line(subjects: &[Subject]) -> String {
    // Each scenario's sources, best first (file order among equals).
    let ranked: Vec<Vec<String>> = subjects
        .iter()
        .map(|sub| {
            let mut v: Vec<&crate::scenario::Source> = sub.scenario.sources.iter().collect();
            v.sort_by_key(|s| source_rank(s));
            v.into_iter().map(source_words).collect()
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let longest = ranked.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for list in &ranked {
            if let Some(p) = list.get(i)
                && !p.is_empty()
                && !parts.contains(p)
            {
                parts.push(p.clone());
            }
        }
    }
    let mut files: Vec<&str> = Vec::new();
    for f in subjects.iter().map(|s| s.file_name) {
        if !f.is_empty() && !files.contains(&f) {
            files.push(f);
        }
    }
    let file_list = if files.len() > FILES_NAMED {
        format!(
            "{} and {} more",
            files[..FILES_NAMED - 1].join(", "),
            files.len() - (FILES_NAMED - 1)
        )
    } else {
        files.join(", ")
    };
    // The model number traces every figure to the method that made it.
    let version = env!("CARGO_PKG_VERSION");
    let model = model::MODEL;
    let tool = if files.is_empty() {
        format!("Counterweight {version} (model {model})")
    } else {
        format!("Counterweight {version} (model {model}), {file_list}")
    };
    // A briefing's source line is a line or two, not a bibliography: name
    // the best sources while they fit, then point to the files for the rest.
    let mut shown: Vec<&str> = Vec::new();
    let mut chars = 0;
    for p in &parts {
        let len = p.chars().count();
        if shown.is_empty() || chars + len <= SOURCE_CHARS {
            shown.push(p);
            chars += len + 2;
        }
    }
    let rest = parts.len() - shown.len();
    let where_listed = if subjects.len() == 1 {
        "the scenario file"
    } else {
        "the scenario files"
    };
    match (shown.is_empty(), rest) {
        (true, _) => format!("Source: {tool} (scenario assumptions)"),
        (false, 0) => format!("Source: {}. Analysis: {tool}", shown.join("; ")),
        (false, 1) => format!(
            "Source: {} and 1 other source listed in {where_listed}. Analysis: {tool}",
            shown.join("; ")
        ),
        (false, n) => format!(
            "Source: {} and {n} other sources listed in {where_listed}. Analysis: {tool}",
            shown.join("; ")
        ),
    }
}

/// Files named in a source line before "and N more".
const FILES_NAMED: usize = 4;

/// About two lines of a source line at page width, in characters.
const SOURCE_CHARS: usize = 190;

fn marking_rank(m: Marking) -> u8 {
    match m {
        Marking::Unmarked => 0,
        Marking::Official => 1,
        Marking::OfficialSensitive => 2,
    }
}

/// The highest marking of `subjects` (a chart carries its most sensitive input's).
fn highest_marking(subjects: &[Subject]) -> Marking {
    subjects
        .iter()
        .map(|s| s.scenario.marking)
        .max_by_key(|m| marking_rank(*m))
        .unwrap_or_default()
}

fn totals(r: &Results, basis: Basis) -> model::Totals {
    match basis {
        Basis::Discounted => r.npv,
        Basis::Cash => r.cash,
    }
}

/// The headline: net savings and social cost per year as bars (social cost
/// below zero), and both cumulative net savings and cumulative net social
/// value as lines.
#[must_use]
pub fn net(sub: &Subject, basis: Basis) -> Chart {
    let (s, r) = (sub.scenario, sub.results);
    let xs = years(r);
    let ns = yearly(r, &r.lines.net_savings, basis);
    let sc: Vec<f64> = yearly(r, &r.lines.social_cost, basis)
        .into_iter()
        .map(|v| -v)
        .collect();
    let nsv = yearly(r, &r.lines.net_social_value, basis);
    let cum_ns = cumulative(&ns);
    let cum_nsv = cumulative(&nsv);
    let t = totals(r, basis);

    let offset = |d: f64| xs.iter().map(|x| x + d).collect::<Vec<_>>();
    let zeros = vec![0.0; xs.len()];
    let series = vec![
        Series::bars(
            "Net savings (department), in the year",
            palette::DARK_BLUE,
            Geometry::Bars {
                x: offset(-0.2),
                base: zeros.clone(),
                top: ns.clone(),
                width: 0.38,
                labels: Vec::new(),
            },
        ),
        Series::bars(
            "Social cost, in the year (shown below zero)",
            palette::ORANGE,
            Geometry::Bars {
                x: offset(0.2),
                base: zeros,
                top: sc,
                width: 0.38,
                labels: Vec::new(),
            },
        ),
        Series::line(
            "Net savings, cumulative",
            palette::TURQUOISE,
            Dash::Dashed,
            Marker::Circle,
            points(&xs, &cum_ns),
        ),
        Series::line(
            "Net social value, cumulative",
            palette::DARK_GREY,
            Dash::Solid,
            Marker::Square,
            points(&xs, &cum_nsv),
        ),
    ];

    let title = text::net_title(
        t.net_savings,
        t.social_cost,
        t.transfers,
        t.net_social_value,
    );
    let what = match basis {
        Basis::Discounted => "Net savings to the department and social cost, present values",
        Basis::Cash => "Net savings to the department and social cost, cash",
    };
    let subtitle = format!("{what}, by year and cumulative; {}", measure(s, basis));
    let payback = match r.payback_year {
        Some(y) => {
            format!("Cumulative discounted net social value turns positive for good in {y}.")
        }
        None => "Cumulative discounted net social value is not positive at the end of the horizon."
            .to_owned(),
    };
    let alt_text = format!(
        "Bar and line chart. {title}. Bars show net savings to the department and social cost \
         (below zero) in each year from {} to {}; lines show the cumulative totals. Over the \
         period, net savings are {}, social cost {} and net social value {} ({}). {payback}",
        s.settings.start_year,
        s.settings.last_year(),
        short_money(t.net_savings),
        short_money(t.social_cost),
        short_money(t.net_social_value),
        basis_words(basis),
    );
    Chart {
        kind: ChartKind::Net,
        title,
        subtitle,
        x_label: String::new(),
        y_label: "£ million".to_owned(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note: String::new(),
    }
}

fn basis_words(basis: Basis) -> &'static str {
    match basis {
        Basis::Discounted => "present values",
        Basis::Cash => "cash, undiscounted",
    }
}

/// Bars stacked from zero: positive values up, negative down, in series order.
fn stack(values: &[Vec<f64>]) -> Vec<(Vec<f64>, Vec<f64>)> {
    let n = values.first().map_or(0, Vec::len);
    let mut up = vec![0.0; n];
    let mut down = vec![0.0; n];
    values
        .iter()
        .map(|v| {
            let mut base = vec![0.0; n];
            let mut top = vec![0.0; n];
            for i in 0..n {
                let acc = if v[i] >= 0.0 {
                    &mut up[i]
                } else {
                    &mut down[i]
                };
                base[i] = *acc;
                *acc += v[i];
                top[i] = *acc;
            }
            (base, top)
        })
        .collect()
}

/// Every line by year, stacked in five groups (savings up; department costs,
/// lost earnings and knock-on, wellbeing, data harm and public access down),
/// with net social value as a line.
#[must_use]
pub fn breakdown(sub: &Subject, basis: Basis) -> Chart {
    let (s, r) = (sub.scenario, sub.results);
    let l = &r.lines;
    let xs = years(r);
    let add = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<_>>();
    let neg = |v: Vec<f64>| v.into_iter().map(|x| -x).collect::<Vec<_>>();
    let savings = yearly(
        r,
        &add(&add(&l.savings, &l.property_savings), &l.fines_received),
        basis,
    );
    let groups: [(&str, Rgb, Vec<f64>); 5] = [
        (
            "Savings, property savings and fines received",
            palette::DARK_BLUE,
            savings,
        ),
        // Model 2: transfers inside the UK (redundancy pay, regulatory
        // fines) are a department cost but not a cost to the UK.
        (
            "Department costs less transfers inside the UK",
            palette::ORANGE,
            neg(yearly(
                r,
                &l.department_costs
                    .iter()
                    .zip(&l.transfers)
                    .map(|(c, t)| c - t)
                    .collect::<Vec<_>>(),
                basis,
            )),
        ),
        (
            "Lost earnings and local knock-on",
            palette::DARK_PINK,
            neg(yearly(r, &add(&l.lost_earnings, &l.local_knock_on), basis)),
        ),
        (
            "Wellbeing",
            palette::LIGHT_PURPLE,
            neg(yearly(r, &l.wellbeing, basis)),
        ),
        (
            "Data harm and public access",
            palette::TURQUOISE,
            neg(yearly(r, &add(&l.data_harm, &l.public_access), basis)),
        ),
    ];
    let totals_by_group: Vec<f64> = groups.iter().map(|g| g.2.iter().sum()).collect();
    let stacked = stack(&groups.iter().map(|g| g.2.clone()).collect::<Vec<_>>());
    let mut series: Vec<Series> = groups
        .iter()
        .zip(stacked)
        .filter(|(g, _)| g.2.iter().any(|v| *v != 0.0))
        .map(|((name, color, _), (base, top))| {
            Series::bars(
                name,
                *color,
                Geometry::Bars {
                    x: xs.clone(),
                    base,
                    top,
                    width: 0.7,
                    labels: Vec::new(),
                },
            )
        })
        .collect();
    let nsv = yearly(r, &l.net_social_value, basis);
    series.push(Series::line(
        "Net social value",
        palette::DARK_GREY,
        Dash::Solid,
        Marker::Circle,
        points(&xs, &nsv),
    ));

    // The largest social cost group, for the title.
    let social: Vec<(&str, f64)> = groups[2..]
        .iter()
        .zip(&totals_by_group[2..])
        .map(|(g, t)| (g.0, -t))
        .collect();
    let social_total: f64 = social.iter().map(|x| x.1).sum();
    let t = totals(r, basis);
    let title = match social
        .iter()
        .copied()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|x| x.1 > 0.0)
    {
        Some((name, v)) if social_total > 0.0 => format!(
            "{} {} the largest social cost: {} of {}",
            text::sentence_case(&name.replace(" and local ", " and ")),
            if name.contains(" and ") { "are" } else { "is" },
            text::short_money_m(v),
            text::short_money_m(social_total)
        ),
        _ => format!(
            "No social cost is counted: net savings are {}",
            short_money(t.net_savings)
        ),
    };
    let subtitle = format!(
        "Savings (above zero), costs and social costs (below zero) by year, and net social value; {}",
        measure(s, basis)
    );
    let described: Vec<String> = groups
        .iter()
        .zip(&totals_by_group)
        .map(|(g, v)| {
            format!(
                "{} {}",
                text::lower_words(g.0),
                text::short_money_m(v.abs())
            )
        })
        .collect();
    let alt_text = format!(
        "Stacked bar chart with a line. {title}. Each year from {} to {} stacks savings above \
         zero and costs below it; the line is net social value. Totals ({}): {}; net social \
         value {}.",
        s.settings.start_year,
        s.settings.last_year(),
        basis_words(basis),
        described.join(", "),
        short_money(t.net_social_value)
    );
    Chart {
        kind: ChartKind::Breakdown,
        title,
        subtitle,
        x_label: String::new(),
        y_label: "£ million".to_owned(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note: String::new(),
    }
}

/// One step of the waterfall, in £ million.
struct Step {
    label: &'static str,
    value: f64,
    /// A total bar from zero rather than a step.
    total: bool,
}

/// NPV from the claim to net social value: claimed saving, other savings,
/// optimism bias, property savings, fines, department costs, = net savings,
/// then transfers inside the UK added back (model 2) and each social cost,
/// = net social value. Zero steps are left out.
#[must_use]
pub fn waterfall(sub: &Subject) -> Chart {
    let (s, r) = (sub.scenario, sub.results);
    let plan = Plan::new(s);
    let x = plan.central();
    let before = model::before_optimism_bias(&plan, &x);
    let l = &r.lines;
    let npv = |v: &[f64]| m(l.npv(v));
    let claimed = npv(&before.claimed_savings);
    let other = npv(&before.other_savings);
    let property = npv(&before.property_savings);
    let fines = npv(&l.fines_received);
    let costs = npv(&before.department_costs);
    let ns = m(r.npv.net_savings);
    let optimism = ns - (claimed + other + property + fines - costs);
    let nsv = m(r.npv.net_social_value);
    let steps = [
        ("Claimed", claimed, false),
        ("Other savings", other, false),
        ("Optimism bias", optimism, false),
        ("Property savings", property, false),
        ("Fines received", fines, false),
        ("Department costs", -costs, false),
        ("Net savings", ns, true),
        (
            "Transfers inside the UK, added back",
            npv(&l.transfers),
            false,
        ),
        ("Lost earnings", -npv(&l.lost_earnings), false),
        ("Local knock-on", -npv(&l.local_knock_on), false),
        ("Wellbeing", -npv(&l.wellbeing), false),
        ("Data harm", -npv(&l.data_harm), false),
        ("Public access", -npv(&l.public_access), false),
        ("Net social value", nsv, true),
    ];
    // Optimism bias is a difference of sums: drop rounding dust. A step
    // that would read "0.0" (transfers of a few thousand pounds, say) says
    // nothing: leave it out too.
    let steps: Vec<Step> = steps
        .into_iter()
        .filter(|(_, v, total)| *total || (v.abs() > 1e-9 && text::decimal(*v, 1) != "0.0"))
        .map(|(label, value, total)| Step {
            label,
            value,
            total,
        })
        .collect();

    let mut up = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut down = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut tot = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut running = 0.0;
    for (i, st) in steps.iter().enumerate() {
        let (bucket, base, top, label) = if st.total {
            running = st.value;
            (
                &mut tot,
                0.0,
                st.value,
                text::decimal_signed(st.value, false),
            )
        } else {
            let base = running;
            running += st.value;
            let b = if st.value >= 0.0 { &mut up } else { &mut down };
            (b, base, running, text::decimal_signed(st.value, true))
        };
        bucket.0.push(i as f64);
        bucket.1.push(base);
        bucket.2.push(top);
        bucket.3.push(label);
    }
    let bars = |name: &str, color: Rgb, b: (Vec<f64>, Vec<f64>, Vec<f64>, Vec<String>)| {
        Series::bars(
            name,
            color,
            Geometry::Bars {
                x: b.0,
                base: b.1,
                top: b.2,
                width: 0.62,
                labels: b.3,
            },
        )
    };
    let series: Vec<Series> = [
        bars("Adds to the total", palette::DARK_BLUE, up),
        bars("Takes away from the total", palette::ORANGE, down),
        bars("Total", palette::DARK_GREY, tot),
    ]
    .into_iter()
    .filter(|s| matches!(&s.geometry, Geometry::Bars { x, .. } if !x.is_empty()))
    .collect();

    // The claim check speaks of the claim in cash; here it is its present
    // value, and says so (one vocabulary for one number).
    let start = if claimed > 0.0 {
        format!("{} claimed (present value)", text::short_money_m(claimed))
    } else {
        format!(
            "{} of savings",
            text::short_money_m(claimed + other + property)
        )
    };
    // (nsv in £ million; under £50,000 it shows as £0.0m.)
    let title = if nsv.abs() < 0.05 {
        format!(
            "{} becomes net social value of about zero",
            text::sentence_case(&start)
        )
    } else if nsv >= 0.0 {
        format!(
            "From {start} to {} of net social value",
            text::short_money_m(nsv)
        )
    } else {
        format!(
            "{} becomes a net social cost of {}",
            text::sentence_case(&start),
            text::short_money_m(-nsv)
        )
    };
    let subtitle = format!(
        "Net present value of each step from the claimed saving to net social value; {}",
        measure(s, Basis::Discounted)
    );
    let described: Vec<String> = steps
        .iter()
        .map(|st| {
            format!(
                "{} {}",
                text::lower_words(st.label),
                text::decimal_signed(st.value, !st.total)
            )
        })
        .collect();
    let alt_text = format!(
        "Waterfall chart. {title}. Steps in £ million, present values: {}.",
        described.join(", ")
    );
    Chart {
        kind: ChartKind::Waterfall,
        title,
        subtitle,
        x_label: String::new(),
        y_label: "£ million".to_owned(),
        x_categories: steps.iter().map(|s| s.label.to_owned()).collect(),
        y_categories: Vec::new(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note: String::new(),
    }
}

/// The most bars a tornado shows: past ten, a chart stops being readable.
pub const MAX_TORNADO_BARS: usize = 10;

/// NPV of net social value with each uncertain input at its low and high,
/// all else central; `bars` in any order (sorted here by swing, largest on
/// top, at most [`MAX_TORNADO_BARS`]). Values in pounds.
#[must_use]
pub fn tornado(sub: &Subject, bars: &[TornadoBar]) -> Chart {
    let (s, r) = (sub.scenario, sub.results);
    let central = m(r.npv.net_social_value);
    let mut sorted: Vec<&TornadoBar> = bars.iter().collect();
    let swing = |b: &TornadoBar| (b.npv_at_high - b.npv_at_low).abs();
    // Stable: equal swings keep the order given (the file's order).
    sorted.sort_by(|a, b| swing(b).total_cmp(&swing(a)));
    let left_out = sorted.len().saturating_sub(MAX_TORNADO_BARS);
    sorted.truncate(MAX_TORNADO_BARS);
    let ys: Vec<f64> = (0..sorted.len()).map(|i| i as f64).collect();
    let side = |name: &str, color: Rgb, at: &dyn Fn(&TornadoBar) -> f64| {
        let to: Vec<f64> = sorted.iter().map(|b| m(at(b))).collect();
        Series::bars(
            name,
            color,
            Geometry::HorizontalBars {
                y: ys.clone(),
                from: vec![central; sorted.len()],
                labels: to.iter().map(|v| text::decimal_signed(*v, false)).collect(),
                to,
                height: 0.6,
            },
        )
    };
    let mut series = vec![
        side("Input at its low value", palette::DARK_BLUE, &|b| {
            b.npv_at_low
        }),
        side("Input at its high value", palette::ORANGE, &|b| {
            b.npv_at_high
        }),
    ];
    series.push(Series {
        name: format!("Central estimate, {}", text::short_money_m(central)),
        color: palette::DARK_GREY,
        dash: Dash::Solid,
        marker: Marker::None,
        geometry: Geometry::Line {
            points: vec![[central, -0.5], [central, sorted.len() as f64 - 0.5]],
        },
        direct_label: None,
    });
    let title = match sorted.first() {
        Some(b) => {
            let lo = b.npv_at_low.min(b.npv_at_high);
            let hi = b.npv_at_low.max(b.npv_at_high);
            // Two lines at most: the input's short name, not its whole label.
            let name = text::sentence_case(&text::short_input(&b.label));
            let (lo_s, hi_s) = (short_money(lo), short_money(hi));
            if lo_s == hi_s {
                // Not "could be £0.0m to £0.0m": even the input that moves
                // it most leaves net social value where it is.
                format!("No input moves net social value from {lo_s}: {name} moves it most")
            } else {
                format!("{name} matters most: net social value could be {lo_s} to {hi_s}")
            }
        }
        None => "No input is uncertain: there is nothing to swing".to_owned(),
    };
    let subtitle = format!(
        "Net present value of net social value with {} at its low and high value, all else central; {}",
        tornado_inputs(sorted.len(), left_out),
        measure(s, Basis::Discounted)
    );
    let described: Vec<String> = sorted
        .iter()
        .take(5)
        .map(|b| {
            format!(
                "{}: {} to {}",
                b.label,
                short_money(b.npv_at_low),
                short_money(b.npv_at_high)
            )
        })
        .collect();
    let alt_text = format!(
        "Tornado chart. {title}. Central estimate {}. Largest swings first: {}.",
        text::short_money_m(central),
        described.join("; ")
    );
    Chart {
        kind: ChartKind::Tornado,
        title,
        subtitle,
        x_label: "Net social value, £ million (present value)".to_owned(),
        y_label: String::new(),
        x_categories: Vec::new(),
        y_categories: sorted.iter().map(|b| b.label.clone()).collect(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note: String::new(),
    }
}

/// Which inputs a tornado shows, for its subtitle.
fn tornado_inputs(shown: usize, left_out: usize) -> String {
    if left_out > 0 {
        format!("the {shown} uncertain inputs that move it most ({left_out} more move it less)")
    } else {
        "each uncertain input".to_owned()
    }
}

impl Chart {
    /// A tornado with only its first `rows` bars (the largest swings), its
    /// subtitle saying how many more there are; for a plot too short to
    /// show every bar at a readable height. Other charts are returned as they are.
    #[must_use]
    pub fn tornado_top(&self, rows: usize) -> Chart {
        let shown = self.y_categories.len();
        if rows >= shown {
            return self.clone();
        }
        let mut c = self.clone();
        c.y_categories.truncate(rows);
        let keep = rows as f64 - 0.5;
        for s in &mut c.series {
            match &mut s.geometry {
                Geometry::HorizontalBars {
                    y,
                    from,
                    to,
                    labels,
                    ..
                } => {
                    let n = y.iter().take_while(|v| **v < keep).count();
                    y.truncate(n);
                    from.truncate(n);
                    to.truncate(n);
                    labels.truncate(n);
                }
                Geometry::Line { points } => {
                    for p in points {
                        p[1] = p[1].min(keep);
                    }
                }
                _ => {}
            }
        }
        // The subtitle names how many inputs are left out: say it again.
        let left_out = self
            .subtitle
            .split_once(" more move it less)")
            .and_then(|(head, _)| head.rsplit_once('(')?.1.parse::<usize>().ok())
            .unwrap_or(0);
        let old = tornado_inputs(shown, left_out);
        if self.subtitle.contains(&old) {
            let new = tornado_inputs(rows, left_out + shown - rows);
            c.subtitle = self.subtitle.replacen(&old, &new, 1);
        }
        c
    }
}

/// Monte Carlo net social value for [`histogram`]: counts of NPV(NSV) in
/// equal bins and its percentiles, all in pounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrawHistogram {
    /// The lower edge of the first bin.
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u64>,
    /// Draws below the first bin and above the last (in the total, not drawn).
    pub below: u64,
    pub above: u64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    /// Share of draws with NPV(NSV) > 0.
    pub probability_positive: f64,
}

impl From<&crate::uncertainty::Summary> for DrawHistogram {
    fn from(s: &crate::uncertainty::Summary) -> Self {
        let h = &s.histogram;
        Self {
            start: h.start,
            width: h.width,
            counts: h.counts.clone(),
            below: h.below,
            above: h.above,
            p10: s.net_social_value.p10,
            p50: s.net_social_value.p50,
            p90: s.net_social_value.p90,
            probability_positive: s.probability_net_social_value_positive,
        }
    }
}

/// "A 97% chance that net social value is positive", never rounded to a
/// certainty that the draws do not show.
fn chance_title(p: f64) -> String {
    let pct = (p * 100.0).round();
    if p >= 1.0 {
        "Net social value is positive in every draw".to_owned()
    } else if p <= 0.0 {
        "Net social value is negative in every draw".to_owned()
    } else if pct >= 100.0 {
        "More than a 99% chance that net social value is positive".to_owned()
    } else if pct < 1.0 {
        "Less than a 1% chance that net social value is positive".to_owned()
    } else {
        // "An 8%", "an 11%", "an 18%", "an 80%": as the number is said.
        let article = match pct as u32 {
            8 | 11 | 18 | 80..=89 => "An",
            _ => "A",
        };
        format!("{article} {pct:.0}% chance that net social value is positive")
    }
}

/// Monte Carlo histogram of NPV(NSV): the share of draws in each bin, those
/// below zero in orange, with zero and P10 / P50 / P90 marked. Shown beside
/// the fan chart, so its kind is [`ChartKind::Distribution`].
#[must_use]
pub fn histogram(sub: &Subject, h: &DrawHistogram) -> Chart {
    let s = sub.scenario;
    let draws = h.counts.iter().sum::<u64>() + h.below + h.above;
    let share = |c: u64| c as f64 / draws.max(1) as f64 * 100.0;
    let edges: Vec<f64> = (0..=h.counts.len())
        .map(|i| m(h.start + h.width * i as f64))
        .collect();
    let heights: Vec<f64> = h.counts.iter().map(|c| share(*c)).collect();
    // Each bin goes by its middle: those below zero are a net social cost.
    let split = (0..heights.len())
        .take_while(|i| edges[*i] + edges[i + 1] < 0.0)
        .count();
    let cost = (edges[..=split].to_vec(), heights[..split].to_vec());
    let value = (edges[split..].to_vec(), heights[split..].to_vec());
    let tallest = heights.iter().copied().fold(0.0, f64::max);
    let mut series: Vec<Series> = [
        ("Draws with a net social cost", palette::ORANGE, cost),
        ("Draws with net social value", palette::DARK_BLUE, value),
    ]
    .into_iter()
    .filter(|(_, _, (_, heights))| !heights.is_empty())
    .map(|(name, color, (edges, heights))| {
        Series::bars(name, color, Geometry::Histogram { edges, heights })
    })
    .collect();
    let top = tallest * 1.08;
    let mark = |name: String, dash: Dash, x: f64| Series {
        name,
        color: palette::DARK_GREY,
        dash,
        marker: Marker::None,
        geometry: Geometry::Line {
            points: vec![[m(x), 0.0], [m(x), top]],
        },
        direct_label: None,
    };
    series.push(mark("Zero".to_owned(), Dash::Solid, 0.0));
    series.push(mark(
        format!(
            "P10 and P90, {} and {}",
            short_money(h.p10),
            short_money(h.p90)
        ),
        Dash::Dashed,
        h.p10,
    ));
    // One legend entry for both ends of the 80% range.
    series.push(mark(String::new(), Dash::Dashed, h.p90));
    series.push(mark(
        format!("Median (P50), {}", short_money(h.p50)),
        Dash::Dotted,
        h.p50,
    ));
    let title = if draws == 0 {
        "No Monte Carlo results to show".to_owned()
    } else {
        chance_title(h.probability_positive)
    };
    let subtitle = format!(
        "Net social value, present value: share of {} Monte Carlo draws in each {} band; {}",
        text::thousands(draws as f64),
        short_money(h.width),
        measure(s, Basis::Discounted)
    );
    let alt_text = format!(
        "Histogram. {title}. Of {} draws, 10% give less than {}, half less than {} and 90% less than {}.",
        text::thousands(draws as f64),
        short_money(h.p10),
        short_money(h.p50),
        short_money(h.p90)
    );
    Chart {
        kind: ChartKind::Distribution,
        title,
        subtitle,
        x_label: "Net social value, £ million (present value)".to_owned(),
        y_label: "% of draws".to_owned(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note: String::new(),
    }
}

/// Monte Carlo fan chart: the P10–P90 band of cumulative discounted net
/// social value by year, its median, the central estimate and (when given)
/// the Monte Carlo mean of NPV(NSV) at the last year. `bands` and `mean` in
/// pounds; `draws` is the number of Monte Carlo draws, for the subtitle.
/// When the central estimate ends outside its band, a note under the chart
/// says why.
#[must_use]
pub fn distribution(sub: &Subject, bands: &[YearBand], draws: u32, mean: Option<f64>) -> Chart {
    let (s, r) = (sub.scenario, sub.results);
    let xs: Vec<f64> = bands.iter().map(|b| f64::from(b.year)).collect();
    let central = points(
        &years(r),
        &r.lines
            .cumulative_discounted_net_social_value
            .iter()
            .map(|v| m(*v))
            .collect::<Vec<_>>(),
    );
    let series = vec![
        Series {
            name: "80% of outcomes (P10 to P90)".to_owned(),
            color: palette::FOCUS_GREY,
            dash: Dash::Solid,
            marker: Marker::None,
            geometry: Geometry::Band {
                x: xs.clone(),
                low: bands.iter().map(|b| m(b.p10)).collect(),
                high: bands.iter().map(|b| m(b.p90)).collect(),
            },
            direct_label: None,
        },
        Series::line(
            "Median (P50)",
            palette::DARK_GREY,
            Dash::Dashed,
            Marker::None,
            points(&xs, &bands.iter().map(|b| m(b.p50)).collect::<Vec<_>>()),
        ),
        Series::line(
            "Central estimate",
            palette::DARK_BLUE,
            Dash::Solid,
            Marker::Circle,
            central,
        ),
    ];
    let mut series = series;
    let last = bands.last();
    if let (Some(mean), Some(b)) = (mean.filter(|v| v.is_finite()), last) {
        series.push(Series {
            name: format!("Monte Carlo mean, {} by {}", short_money(mean), b.year),
            color: palette::DARK_PINK,
            dash: Dash::Solid,
            marker: Marker::Diamond,
            geometry: Geometry::Line {
                points: vec![[f64::from(b.year), m(mean)]],
            },
            direct_label: None,
        });
    }
    let nsv = r.npv.net_social_value;
    let expected = mean
        .filter(|v| v.is_finite())
        .map_or_else(String::new, |v| {
            format!(" (the Monte Carlo mean, {})", short_money(v))
        });
    let note = match last {
        Some(b) if nsv > b.p90 => format!(
            "The central estimate ({}) lies above the range: it uses each input's most likely \
             value, and the ranges are skewed, so the expected outcome{expected} is lower.",
            short_money(nsv)
        ),
        Some(b) if nsv < b.p10 => format!(
            "The central estimate ({}) lies below the range: it uses each input's most likely \
             value, and the ranges are skewed, so the expected outcome{expected} is higher.",
            short_money(nsv)
        ),
        _ => String::new(),
    };
    let title = match bands.last() {
        Some(b) if b.p10 >= 0.0 => format!(
            "Net social value is very likely positive: {} to {} by {}",
            short_money(b.p10),
            short_money(b.p90),
            b.year
        ),
        Some(b) if b.p90 <= 0.0 => format!(
            "Net social value is very likely negative: {} to {} by {}",
            short_money(b.p10),
            short_money(b.p90),
            b.year
        ),
        Some(b) => format!(
            "Net social value could be either side of zero: {} to {} by {}",
            short_money(b.p10),
            short_money(b.p90),
            b.year
        ),
        None => "No Monte Carlo results to show".to_owned(),
    };
    let subtitle = format!(
        "Cumulative net social value, present value, range of the middle 80% of {} Monte Carlo draws; {}",
        text::thousands(f64::from(draws)),
        measure(s, Basis::Discounted)
    );
    let mean_words = mean
        .filter(|v| v.is_finite())
        .map_or_else(String::new, |v| {
            format!("; the diamond is the Monte Carlo mean ({})", short_money(v))
        });
    let alt_text = match bands.last() {
        Some(b) => format!(
            "Fan chart. {title}. The shaded band is the range from the 10th to the 90th \
             percentile of cumulative discounted net social value in each year; the dashed \
             line is the median ({} by {}) and the solid line the central estimate ({}){mean_words}.{}",
            short_money(b.p50),
            b.year,
            short_money(r.npv.net_social_value),
            if note.is_empty() {
                String::new()
            } else {
                format!(" {note}")
            }
        ),
        None => format!("Fan chart. {title}."),
    };
    Chart {
        kind: ChartKind::Distribution,
        title,
        subtitle,
        x_label: String::new(),
        y_label: "£ million".to_owned(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series,
        source: source_line(std::slice::from_ref(sub)),
        marking: s.marking,
        alt_text,
        note,
    }
}

/// Several scenarios' cumulative discounted net social value by year,
/// each with its own colour, dash and marker, labelled directly.
#[must_use]
pub fn compare(subjects: &[Subject]) -> Chart {
    // Three dashes by four markers: twelve scenarios, each its own pair.
    const DASHES: [Dash; 3] = [Dash::Solid, Dash::Dashed, Dash::Dotted];
    const MARKERS: [Marker; 4] = [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Diamond,
    ];
    let series: Vec<Series> = subjects
        .iter()
        .enumerate()
        .map(|(i, sub)| {
            let r = sub.results;
            let ys: Vec<f64> = r
                .lines
                .cumulative_discounted_net_social_value
                .iter()
                .map(|v| m(*v))
                .collect();
            let (dash, marker) = (DASHES[i % 3], MARKERS[i % 4]);
            let mut line = Series::line(
                &sub.scenario.title,
                palette::CATEGORICAL[i % palette::CATEGORICAL.len()],
                dash,
                marker,
                points(&years(r), &ys),
            );
            line.direct_label = Some(text::short_name(&sub.scenario.title));
            line
        })
        .collect();
    let best = subjects.iter().max_by(|a, b| {
        a.results
            .npv
            .net_social_value
            .total_cmp(&b.results.npv.net_social_value)
    });
    let title = match best {
        Some(b) if subjects.len() > 1 && b.results.npv.net_social_value > 0.0 => format!(
            "{} gives the most net social value: {}",
            text::short_name(&b.scenario.title),
            short_money(b.results.npv.net_social_value)
        ),
        Some(b) if subjects.len() > 1 => format!(
            "Every option has a net social cost; {} costs least: {}",
            text::short_name(&b.scenario.title),
            short_money(-b.results.npv.net_social_value)
        ),
        Some(b) => format!(
            "Net social value {} {} by {}",
            if b.results.npv.net_social_value >= 0.0 {
                "reaches"
            } else {
                "is"
            },
            short_money(b.results.npv.net_social_value),
            b.scenario.settings.last_year()
        ),
        None => "No scenarios to compare".to_owned(),
    };
    let mut price_bases: Vec<i32> = subjects
        .iter()
        .map(|s| s.scenario.settings.price_base_year)
        .collect();
    price_bases.dedup();
    let first = subjects
        .iter()
        .map(|s| s.scenario.settings.start_year)
        .min();
    let last = subjects
        .iter()
        .map(|s| s.scenario.settings.last_year())
        .max();
    let prices = match price_bases.as_slice() {
        [one] => format!("{one} prices"),
        _ => "each scenario's own price base".to_owned(),
    };
    let subtitle = format!(
        "Cumulative net social value, present value, by year; £\u{a0}million, real terms, {prices}, each scenario's discounting, {} to {}",
        first.unwrap_or_default(),
        last.unwrap_or_default()
    );
    let described: Vec<String> = subjects
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.scenario.title,
                short_money(s.results.npv.net_social_value)
            )
        })
        .collect();
    let alt_text = format!(
        "Line chart. {title}. Net social value at the end of each scenario's horizon, present values: {}.",
        described.join("; ")
    );
    Chart {
        kind: ChartKind::Compare,
        title,
        subtitle,
        x_label: String::new(),
        y_label: "£ million".to_owned(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series,
        source: source_line(subjects),
        marking: highest_marking(subjects),
        alt_text,
        note: String::new(),
    }
}

#[cfg(test)]
mod tests;
