//! The yearly table for spreadsheets: CSV for a file, tab-separated text for
//! the clipboard. Same rows either way: a header, a row per year with every
//! line of the model in pounds, then cash totals and NPVs, then notes
//! (scenario, units and price base, marking).

use crate::model::Results;
use crate::scenario::{Scenario, write};

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
    let mut out = Vec::new();
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
            write::discounting(&st.discounting),
            st.central.words()
        ),
    ]);
    let banner = s.marking.banner();
    out.push(vec![
        "Marking".to_owned(),
        if banner.is_empty() {
            "none".to_owned()
        } else {
            banner.to_owned()
        },
    ]);
    out.push(vec![
        "Made by".to_owned(),
        format!(
            "Counterweight {}, model {}",
            env!("CARGO_PKG_VERSION"),
            crate::model::MODEL
        ),
    ]);
    out
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
