//! The yearly table for spreadsheets: CSV for a file, tab-separated text for
//! the clipboard. Same rows either way: the protective marking, a header, a
//! row per year with every line of the model in pounds, then cash totals and
//! NPVs, then notes (scenario, units and price base, the tool and model
//! number), and the marking again as the last row. [`chart_csv`] gives the
//! numbers one chart draws, in the same frame.

use super::{Chart, Geometry};
use crate::model::Results;
use crate::scenario::{Marking, Scenario};

/// Excel needs the byte-order mark to read "£" in a CSV as UTF-8.
const BOM: &str = "\u{feff}";

/// Column headers, after "Year" and "Discount factor".
const LINES: [&str; 16] = [
    "Savings",
    "Property savings",
    "Fines received",
    "Department costs",
    "Net savings",
    "Lost earnings",
    "Local knock-on",
    "Wellbeing",
    "Data harm",
    "Public access",
    "Social cost",
    "Transfers inside the UK",
    "Net social value",
    "Exchequer cost",
    "Exchequer net",
    "Cumulative discounted net social value",
];

/// The table's cells, row by row.
fn rows(s: &Scenario, r: &Results) -> Vec<Vec<String>> {
    let l = &r.lines;
    let columns: [&[f64]; 16] = [
        &l.savings,
        &l.property_savings,
        &l.fines_received,
        &l.department_costs,
        &l.net_savings,
        &l.lost_earnings,
        &l.local_knock_on,
        &l.wellbeing,
        &l.data_harm,
        &l.public_access,
        &l.social_cost,
        &l.transfers,
        &l.net_social_value,
        &l.exchequer_cost,
        &l.exchequer_net,
        &l.cumulative_discounted_net_social_value,
    ];
    let money = |x: f64| {
        let s = format!("{x:.2}");
        if s == "-0.00" { "0.00".to_owned() } else { s }
    };
    let mut out = vec![marking_row(s.marking)];
    let mut header = vec!["Year".to_owned(), "Discount factor".to_owned()];
    header.extend(LINES.iter().map(|h| format!("{h} (£)")));
    out.push(header);
    for t in 0..l.horizon() {
        let mut row = vec![
            r.year(t).to_string(),
            format!("{:.6}", l.discount_factor[t]),
        ];
        row.extend(columns.iter().map(|c| money(c[t])));
        out.push(row);
    }
    // The cumulative column has no meaningful total: leave it blank.
    let summary = |name: &str, f: &dyn Fn(&[f64]) -> f64| {
        let mut row = vec![name.to_owned(), String::new()];
        row.extend(columns[..15].iter().map(|c| money(f(c))));
        row.push(String::new());
        row
    };
    out.push(summary("Total (cash)", &|c| c.iter().sum()));
    out.push(summary("Net present value", &|c| l.npv(c)));
    out.push(Vec::new());
    let st = &s.settings;
    out.push(vec!["Scenario".to_owned(), s.title.clone()]);
    out.push(vec![
        "Units".to_owned(),
        format!(
            "pounds, real terms, {} prices; discounting: {}; central values: {}",
            st.price_base_year,
            st.discounting.words(),
            st.central.words()
        ),
    ]);
    out.push(vec![
        "Made by".to_owned(),
        format!(
            "Counterweight {}, model {}",
            env!("CARGO_PKG_VERSION"),
            crate::model::MODEL
        ),
    ]);
    out.push(marking_row(s.marking));
    out
}

/// `Marking,OFFICIAL` (`Marking,none` when unmarked): first and last row.
fn marking_row(m: Marking) -> Vec<String> {
    let banner = m.banner();
    vec![
        "Marking".to_owned(),
        if banner.is_empty() {
            "none".to_owned()
        } else {
            banner.to_owned()
        },
    ]
}

/// A value in the chart's units, to the nearest thousandth (£1,000 when in
/// £ million); blank when not a number.
fn value(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.3}");
    if s == "-0.000" { "0.000".to_owned() } else { s }
}

/// The name of position `x` on the category axis, or `x` itself (a year).
fn at(cats: &[String], x: f64) -> String {
    if cats.is_empty() {
        let r = x.round();
        if (x - r).abs() < 0.25 {
            format!("{r:.0}")
        } else {
            value(x)
        }
    } else {
        cats.get(x.round().max(0.0) as usize)
            .cloned()
            .unwrap_or_default()
    }
}

/// The rows of [`chart_csv`].
fn chart_rows(c: &Chart) -> Vec<Vec<String>> {
    let mut out = vec![marking_row(c.marking)];
    out.push(vec!["Chart".to_owned(), c.title.clone()]);
    out.push(vec!["Measure".to_owned(), c.subtitle.clone()]);
    out.extend(chart_data(c));
    out.push(Vec::new());
    if !c.note.is_empty() {
        out.push(vec!["Note".to_owned(), c.note.clone()]);
    }
    out.push(vec!["Source".to_owned(), c.source.clone()]);
    out.push(marking_row(c.marking));
    out
}

/// The numbers `chart` draws, as a table: a header row, then a row per
/// bar, point or band (series, category or year, from, to, value label).
/// The middle of [`chart_csv`]; the app's "Show as table" shows it.
#[must_use]
pub fn chart_data(c: &Chart) -> Vec<Vec<String>> {
    let mut out = vec![vec![
        "Series".to_owned(),
        "Category, year or value".to_owned(),
        "From".to_owned(),
        "To".to_owned(),
        "Label".to_owned(),
    ]];
    for s in &c.series {
        let name = if s.name.is_empty() {
            s.direct_label.clone().unwrap_or_default()
        } else {
            s.name.clone()
        };
        let row = |at: String, from: String, to: String, label: String| {
            vec![name.clone(), at, from, to, label]
        };
        match &s.geometry {
            Geometry::Bars {
                x,
                base,
                top,
                labels,
                ..
            } => {
                for i in 0..x.len().min(base.len()).min(top.len()) {
                    out.push(row(
                        at(&c.x_categories, x[i]),
                        value(base[i]),
                        value(top[i]),
                        labels.get(i).cloned().unwrap_or_default(),
                    ));
                }
            }
            Geometry::HorizontalBars {
                y,
                from,
                to,
                labels,
                ..
            } => {
                for i in 0..y.len().min(from.len()).min(to.len()) {
                    out.push(row(
                        at(&c.y_categories, y[i]),
                        value(from[i]),
                        value(to[i]),
                        labels.get(i).cloned().unwrap_or_default(),
                    ));
                }
            }
            Geometry::Line { points } => {
                // The tornado's central line runs down the categories: one value.
                if !c.y_categories.is_empty() {
                    if let Some(p) = points.first() {
                        out.push(row(
                            String::new(),
                            String::new(),
                            value(p[0]),
                            String::new(),
                        ));
                    }
                    continue;
                }
                for p in points {
                    out.push(row(
                        at(&[], p[0]),
                        String::new(),
                        value(p[1]),
                        String::new(),
                    ));
                }
            }
            Geometry::Band { x, low, high } => {
                for i in 0..x.len().min(low.len()).min(high.len()) {
                    out.push(row(
                        at(&[], x[i]),
                        value(low[i]),
                        value(high[i]),
                        String::new(),
                    ));
                }
            }
            Geometry::Histogram { edges, heights } => {
                for (i, h) in heights.iter().enumerate() {
                    if let (Some(a), Some(b)) = (edges.get(i), edges.get(i + 1)) {
                        out.push(row(
                            format!("{} to {}", value(*a), value(*b)),
                            String::new(),
                            value(*h),
                            String::new(),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The numbers `chart` draws as CSV (UTF-8 with a byte-order mark, CRLF):
/// the marking, the chart's title and measure, then a row per bar, point or
/// band (series, category or year, from, to, value label), the source, and
/// the marking again. Values in the chart's units (£ million; the
/// histogram's heights in % of draws).
#[must_use]
pub fn chart_csv(chart: &Chart) -> String {
    let mut o = String::from(BOM);
    for row in chart_rows(chart) {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    }
    o
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_owned()
    }
}

/// The yearly table as CSV: UTF-8 with a byte-order mark, CRLF line ends.
#[must_use]
pub fn csv(s: &Scenario, r: &Results) -> String {
    let mut o = String::from(BOM);
    for row in rows(s, r) {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    }
    o
}

/// The yearly table as tab-separated text, which pastes into Excel as a table.
#[must_use]
pub fn clipboard_table(s: &Scenario, r: &Results) -> String {
    let mut o = String::new();
    for row in rows(s, r) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.replace(['\t', '\n', '\r'], " "))
            .collect();
        o.push_str(&cells.join("\t"));
        o.push_str("\r\n");
    }
    o
}
