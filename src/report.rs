//! Results as people and scripts read them: a table that fits a
//! 100-column terminal, and the JSON of `report --json` (docs/json.md: keys
//! fixed, absent things `null`, money in pounds at full precision).

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{ClaimCheck, ClaimReading, MODEL, Results, Totals};
use crate::scenario::{Scenario, write};
use crate::text::printable;
use crate::uncertainty::{Stats, Summary, TornadoBar};

/// `report --json`. Field order is docs/json.md's.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Which model made the numbers (model 2).
    pub model: u32,
    pub title: String,
    pub start_year: i32,
    pub horizon_years: u32,
    pub price_base_year: i32,
    pub discounting: String,
    /// `"Mode"` or `"Mean"`: which value of each input is central (model 2).
    pub central: String,
    pub npv: TotalsJson,
    pub cash: TotalsJson,
    pub payback_year: Option<i32>,
    pub social_cost_per_pound_saved: Option<f64>,
    pub claim: Option<ClaimJson>,
    pub years: Vec<YearJson>,
    pub warnings: Vec<String>,
    /// `null` unless `--draws` > 0.
    pub monte_carlo: Option<MonteCarloJson>,
    /// `null` unless `--tornado`.
    pub tornado: Option<Vec<TornadoJson>>,
}

/// Mean and percentiles of one headline NPV.
#[derive(Debug, Serialize)]
pub struct StatsJson {
    pub mean: f64,
    pub p5: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
}

impl From<Stats> for StatsJson {
    fn from(s: Stats) -> Self {
        Self {
            mean: s.mean,
            p5: s.p5,
            p10: s.p10,
            p50: s.p50,
            p90: s.p90,
            p95: s.p95,
        }
    }
}

/// One year's band of cumulative discounted net social value.
#[derive(Debug, Serialize)]
pub struct BandJson {
    pub year: i32,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// The Monte Carlo summary, docs/json.md's `monte_carlo`.
#[derive(Debug, Serialize)]
pub struct MonteCarloJson {
    pub draws: usize,
    pub seed: u64,
    pub net_savings: StatsJson,
    pub social_cost: StatsJson,
    pub net_social_value: StatsJson,
    pub exchequer_net: StatsJson,
    pub probability_net_social_value_positive: f64,
    pub cumulative_net_social_value_bands: Vec<BandJson>,
}

impl From<&Summary> for MonteCarloJson {
    fn from(s: &Summary) -> Self {
        Self {
            draws: s.draws,
            seed: s.seed,
            net_savings: s.net_savings.into(),
            social_cost: s.social_cost.into(),
            net_social_value: s.net_social_value.into(),
            exchequer_net: s.exchequer_net.into(),
            probability_net_social_value_positive: s.probability_net_social_value_positive,
            cumulative_net_social_value_bands: s
                .bands
                .iter()
                .map(|b| BandJson {
                    year: b.year,
                    p10: b.p10,
                    p50: b.p50,
                    p90: b.p90,
                })
                .collect(),
        }
    }
}

/// One tornado bar, docs/json.md's `tornado`.
#[derive(Debug, Serialize)]
pub struct TornadoJson {
    pub input: String,
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub npv_at_low: f64,
    pub npv_at_high: f64,
}

impl From<&TornadoBar> for TornadoJson {
    fn from(b: &TornadoBar) -> Self {
        Self {
            input: b.input.clone(),
            label: b.label.clone(),
            low: b.low,
            high: b.high,
            npv_at_low: b.npv_at_low,
            npv_at_high: b.npv_at_high,
        }
    }
}

/// The four headline lines.
#[derive(Debug, Serialize)]
pub struct TotalsJson {
    pub net_savings: f64,
    pub social_cost: f64,
    /// Transfers inside the UK (model 2).
    pub transfers: f64,
    pub net_social_value: f64,
    pub exchequer_net: f64,
}

impl From<Totals> for TotalsJson {
    fn from(t: Totals) -> Self {
        Self {
            net_savings: t.net_savings,
            social_cost: t.social_cost,
            transfers: t.transfers,
            net_social_value: t.net_social_value,
            exchequer_net: t.exchequer_net,
        }
    }
}

/// The claim check.
#[derive(Debug, Serialize)]
pub struct ClaimJson {
    pub claimed: f64,
    pub first_year: i32,
    pub last_year: i32,
    pub modelled_net_savings: f64,
    pub ratio: Option<f64>,
    /// Each reading of the claim (model 2).
    pub readings: Vec<ReadingJson>,
}

/// One reading of the claim: `gross`, `net`, `net_present_value`, `net_social`.
#[derive(Debug, Serialize)]
pub struct ReadingJson {
    pub reading: &'static str,
    pub modelled: f64,
    pub ratio: Option<f64>,
}

impl From<&ClaimReading> for ReadingJson {
    fn from(r: &ClaimReading) -> Self {
        Self {
            reading: r.reading.key(),
            modelled: r.modelled,
            ratio: r.ratio,
        }
    }
}

impl From<ClaimCheck> for ClaimJson {
    fn from(c: ClaimCheck) -> Self {
        Self {
            claimed: c.claimed,
            first_year: c.first_year,
            last_year: c.last_year,
            modelled_net_savings: c.modelled_net_savings,
            ratio: c.ratio,
            readings: c.readings.iter().map(Into::into).collect(),
        }
    }
}

/// One year of every line.
#[derive(Debug, Serialize)]
pub struct YearJson {
    pub year: i32,
    pub discount_factor: f64,
    pub savings: f64,
    pub property_savings: f64,
    pub fines_received: f64,
    pub department_costs: f64,
    pub net_savings: f64,
    pub lost_earnings: f64,
    pub local_knock_on: f64,
    pub wellbeing: f64,
    pub data_harm: f64,
    pub public_access: f64,
    pub social_cost: f64,
    /// Transfers inside the UK (model 2).
    pub transfers: f64,
    pub net_social_value: f64,
    pub exchequer_cost: f64,
    pub exchequer_net: f64,
    pub cumulative_discounted_net_social_value: f64,
}

impl Report {
    /// The report of `results` for `s`.
    #[must_use]
    pub fn new(s: &Scenario, r: &Results) -> Self {
        let l = &r.lines;
        let years = (0..l.horizon())
            .map(|t| YearJson {
                year: r.year(t),
                discount_factor: l.discount_factor[t],
                savings: l.savings[t],
                property_savings: l.property_savings[t],
                fines_received: l.fines_received[t],
                department_costs: l.department_costs[t],
                net_savings: l.net_savings[t],
                lost_earnings: l.lost_earnings[t],
                local_knock_on: l.local_knock_on[t],
                wellbeing: l.wellbeing[t],
                data_harm: l.data_harm[t],
                public_access: l.public_access[t],
                social_cost: l.social_cost[t],
                transfers: l.transfers[t],
                net_social_value: l.net_social_value[t],
                exchequer_cost: l.exchequer_cost[t],
                exchequer_net: l.exchequer_net[t],
                cumulative_discounted_net_social_value: l.cumulative_discounted_net_social_value[t],
            })
            .collect();
        Self {
            model: MODEL,
            title: s.title.clone(),
            start_year: s.settings.start_year,
            horizon_years: s.settings.horizon_years,
            price_base_year: s.settings.price_base_year,
            discounting: write::discounting(&s.settings.discounting),
            central: s.settings.central.ron_name().to_owned(),
            npv: r.npv.into(),
            cash: r.cash.into(),
            payback_year: r.payback_year,
            social_cost_per_pound_saved: r.social_cost_per_pound_saved,
            claim: r.claim.map(Into::into),
            years,
            warnings: r.warnings.clone(),
            monte_carlo: None,
            tornado: None,
        }
    }

    /// Pretty JSON, ending in a newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serialising plain structs of numbers and strings cannot fail.
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

/// £m with one decimal: `12.3`, `-0.7`; `-0.0` shows as `0.0`. From a
/// million million £m (£10^18) up, in powers of ten (`6.77e37`), so a huge
/// but finite figure fits its column instead of filling the line with digits.
#[must_use]
pub fn millions(x: f64) -> String {
    if (x / 1e6).abs() >= 1e12 {
        return format!("{:.2e}", x / 1e6);
    }
    let v = (x / 1e6 * 10.0).round() / 10.0;
    let v = if v == 0.0 { 0.0 } else { v };
    format!("{v:.1}")
}

/// Money in prose, to three significant figures (docs/methodology.md,
/// "Number formats"): "£450", "£24.9k", "£94.9m", "£120m", "£1.25bn",
/// "£3.80 trillion", and past £999.5 trillion "£3.80×10^27". The unit is
/// chosen after rounding, so £999,500 is "£1.00m", not "£1000k". Trailing
/// zeros are kept ("-£3.00m"): three figures are always shown. A minus sign
/// whenever the figure shown is not zero: -£24,890 must not read as a
/// saving of £24,890; under 50p it is "£0".
#[must_use]
pub fn pounds(x: f64) -> String {
    if !x.is_finite() {
        return format!("£{x}");
    }
    let a = x.abs();
    if a.round() == 0.0 {
        return "£0".to_owned();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if a.round() < 1000.0 {
        return format!("{sign}£{}", a.round());
    }
    // Rounded to three significant figures, then split into a mantissa
    // (1 ≤ m < 10) and a power of ten.
    let (m, e) = three_figures(a);
    let (unit, power) = match e {
        3..=5 => ("k", 3),
        6..=8 => ("m", 6),
        9..=11 => ("bn", 9),
        12..=14 => (" trillion", 12),
        _ => return format!("{sign}£{m:.2}×10^{e}"),
    };
    let scaled = m * 10f64.powi(e - power);
    let decimals = (2 - (e - power)).max(0) as usize;
    format!("{sign}£{scaled:.decimals$}{unit}")
}

/// `a` (> 0) to three significant figures as `(m, e)` with `a ≈ m·10^e`
/// and `1 ≤ m < 10`: 999,500 is (1.00, 6).
fn three_figures(a: f64) -> (f64, i32) {
    let s = format!("{a:.2e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    (m.parse().unwrap_or(0.0), e.parse().unwrap_or(0))
}

/// A number for people, precise enough to act on: `34,922,615.61`,
/// `23.41234568`, `0.0125`. Ten significant figures at most, trailing zeros dropped.
#[must_use]
pub fn readable(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let a = x.abs();
    let decimals = if a >= 1000.0 {
        2
    } else if a == 0.0 {
        0
    } else {
        (9 - a.log10().floor() as i32).clamp(0, 12) as usize
    };
    let fixed = format!("{a:.decimals$}");
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let int: f64 = int.parse().unwrap_or(0.0);
    let sign = if x < 0.0 && (int != 0.0 || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{}", group_thousands(int))
    } else {
        format!("{sign}{}.{frac}", group_thousands(int))
    }
}

fn group_thousands(x: f64) -> String {
    let digits = format!("{x:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Pounds to the penny, grouped, for tables: "14,285,714.29", "-28,400,000.00",
/// "0.00" (a figure that rounds to nothing has no minus sign).
#[must_use]
pub fn pence(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let p = (x.abs() * 100.0).round();
    let (whole, cents) = ((p / 100.0).trunc(), p % 100.0);
    let sign = if x < 0.0 && p != 0.0 { "-" } else { "" };
    format!("{sign}{}.{:02}", group_thousands(whole), cents as u32)
}

/// A change in pounds with its sign: "+£1.7m", "-£42,311", "£0".
#[must_use]
pub fn signed_pounds(x: f64) -> String {
    let shown = pounds(x);
    if shown.starts_with('-') || shown == "£0" {
        shown
    } else {
        format!("+{shown}")
    }
}

/// The claim check in words, both figures in cash as the claim is made:
/// "modelled net savings, cash: £70.7m, 71 % of the £100.0m claimed, cash
/// (2014–2020)".
#[must_use]
pub fn claim_sentence(c: &ClaimCheck) -> String {
    match c.ratio {
        Some(ratio) => format!(
            "modelled net savings, cash: {}, {:.0} % of the {} claimed, cash ({})",
            pounds(c.modelled_net_savings),
            ratio * 100.0,
            pounds(c.claimed),
            years_words(c.first_year, c.last_year),
        ),
        None => format!(
            "the claim flows add to less than £1 over {}, so a ratio to them is not meaningful; modelled net savings, cash: {}",
            years_words(c.first_year, c.last_year),
            pounds(c.modelled_net_savings)
        ),
    }
}

/// A run of years in words: "2014–2020", or "2014" for one year (not
/// "2014–2014").
#[must_use]
pub fn years_words(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// The readings of the claim in one sentence (model 2): "Read as gross
/// savings, the model finds 96 % of the claim; as net savings 75 %; as a
/// present value 66 %; once social cost is counted 66 %."
#[must_use]
pub fn readings_sentence(c: &ClaimCheck) -> String {
    let pct = |r: &ClaimReading| {
        r.ratio
            .map_or_else(|| "no ratio".to_owned(), |x| format!("{:.0} %", x * 100.0))
    };
    let [gross, rest @ ..] = &c.readings;
    let mut o = format!(
        "Read {}, the model finds {} of the claim",
        gross.reading.words(),
        pct(gross)
    );
    for r in rest {
        let _ = write!(o, "; {} {}", r.reading.words(), pct(r));
    }
    o.push('.');
    o
}

/// Why there is nothing to weigh, when there is nothing: no item in any
/// list ("Nothing to weigh yet: add a saving or a cost"), or items whose
/// figures are all zero. `None` once anything counts. A new, empty
/// scenario must not read as "pays back in 2026".
#[must_use]
pub fn nothing_to_weigh(s: &Scenario, r: &Results) -> Option<&'static str> {
    let items = s.savings.len()
        + s.costs.len()
        + s.fines.len()
        + s.job_moves.len()
        + s.office_closures.len()
        + s.data_risks.len();
    if items == 0 {
        return Some("Nothing to weigh yet: add a saving or a cost");
    }
    let l = &r.lines;
    let all_zero = [
        &l.savings,
        &l.property_savings,
        &l.fines_received,
        &l.department_costs,
        &l.social_cost,
        &l.transfers,
    ]
    .iter()
    .all(|v| v.iter().all(|x| *x == 0.0));
    all_zero.then_some("Nothing to weigh yet: every amount is zero — enter the amounts")
}

/// The social payback in words: the year, "never, within the horizon",
/// or, with nothing to weigh, "nothing to weigh yet".
#[must_use]
pub fn payback_words(s: &Scenario, r: &Results) -> String {
    if nothing_to_weigh(s, r).is_some() {
        return "nothing to weigh yet".to_owned();
    }
    r.payback_year
        .map_or_else(|| "never, within the horizon".to_owned(), |y| y.to_string())
}

/// A range of money in words: "£3.20m to £12.0m", or, when both ends show
/// the same, "£12.0m in every draw (no input is uncertain)" rather than
/// "£12.0m to £12.0m".
#[must_use]
pub fn range_words(low: f64, high: f64) -> String {
    let (a, b) = (pounds(low.min(high)), pounds(low.max(high)));
    if a == b {
        format!("{a} in every draw (no input is uncertain)")
    } else {
        format!("{a} to {b}")
    }
}

/// The Monte Carlo summary for the readable report.
#[must_use]
pub fn monte_carlo_table(m: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Monte Carlo: {} draws, seed {}; NPV £m", m.draws, m.seed);
    let _ = writeln!(
        o,
        "{:<34}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
        "", "mean", "P5", "P10", "P50", "P90", "P95"
    );
    for (name, s) in [
        ("Net savings (department)", &m.net_savings),
        ("Social cost", &m.social_cost),
        ("Net social value (UK)", &m.net_social_value),
        ("Exchequer net", &m.exchequer_net),
    ] {
        let _ = writeln!(
            o,
            "{name:<34}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
            millions(s.mean),
            millions(s.p5),
            millions(s.p10),
            millions(s.p50),
            millions(s.p90),
            millions(s.p95)
        );
    }
    let _ = writeln!(
        o,
        "Chance that net social value is positive: {:.1} %",
        m.probability_net_social_value_positive * 100.0
    );
    o
}

/// The tornado for the readable report, largest swing first.
#[must_use]
pub fn tornado_table(bars: &[TornadoBar]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Tornado: NPV of net social value (£m) with one input at its low and high"
    );
    if bars.is_empty() {
        let _ = writeln!(
            o,
            "no input is a distribution (add --swing PCT to swing point inputs)"
        );
    }
    for b in bars {
        let label: String = printable(&b.label).chars().take(58).collect();
        let _ = writeln!(
            o,
            "{label:<60}{:>10} to {:>8}",
            millions(b.npv_at_low),
            millions(b.npv_at_high)
        );
    }
    o
}

/// The readable report: headline figures, then a row per year. Fits 100 columns.
#[must_use]
pub fn table(s: &Scenario, r: &Results) -> String {
    let st = &s.settings;
    let mut o = String::new();
    let _ = writeln!(o, "{}", printable(&s.title));
    let _ = writeln!(
        o,
        "{}–{}, £m real terms, {} prices, discounting: {}",
        st.start_year,
        st.last_year(),
        st.price_base_year,
        st.discounting.words()
    );
    let _ = writeln!(
        o,
        "Central results use each input's {}; model {MODEL}",
        match st.central {
            crate::scenario::Central::Mode => "most likely value",
            crate::scenario::Central::Mean => "expected value (mean)",
        }
    );
    if let Some(nothing) = nothing_to_weigh(s, r) {
        let _ = writeln!(o, "{nothing}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{:<34}{:>14}{:>14}", "", "NPV £m", "cash £m");
    for (name, npv, cash) in [
        (
            "Net savings (department)",
            r.npv.net_savings,
            r.cash.net_savings,
        ),
        ("Social cost", r.npv.social_cost, r.cash.social_cost),
        ("Transfers inside the UK", r.npv.transfers, r.cash.transfers),
        (
            "Net social value (UK)",
            r.npv.net_social_value,
            r.cash.net_social_value,
        ),
        ("Exchequer net", r.npv.exchequer_net, r.cash.exchequer_net),
    ] {
        let _ = writeln!(o, "{name:<34}{:>14}{:>14}", millions(npv), millions(cash));
    }
    let _ = writeln!(o);
    let payback = if nothing_to_weigh(s, r).is_some() {
        "none (nothing to weigh yet)".to_owned()
    } else {
        r.payback_year
            .map_or_else(|| "none within the horizon".to_owned(), |y| y.to_string())
    };
    let _ = writeln!(o, "Payback year (net social value): {payback}");
    let per_pound = r.social_cost_per_pound_saved.map_or_else(
        || {
            if r.npv.net_savings > 0.0 {
                "not meaningful (net savings are under £1)".to_owned()
            } else {
                "n/a (net savings are not positive)".to_owned()
            }
        },
        |v| format!("£{v:.2}"),
    );
    let _ = writeln!(o, "Social cost per £ saved: {per_pound}");
    match &r.claim {
        Some(c) => {
            let _ = writeln!(o, "Claim check: {}", claim_sentence(c));
            let _ = writeln!(
                o,
                "Readings of the claim ({}–{}, against {} claimed):",
                c.first_year,
                c.last_year,
                pounds(c.claimed)
            );
            let _ = writeln!(o, "  {:<44}{:>14}{:>16}", "reading", "modelled £m", "ratio");
            for reading in &c.readings {
                let name = match reading.reading {
                    crate::model::Reading::Gross => "gross savings (before any cost)",
                    crate::model::Reading::Net => "net savings (less department costs)",
                    crate::model::Reading::NetPresentValue => "net savings, present value",
                    crate::model::Reading::NetSocial => "net social value (UK)",
                };
                let ratio = reading.ratio.map_or_else(
                    || "not meaningful".to_owned(),
                    |x| format!("{:.0} %", x * 100.0),
                );
                let _ = writeln!(
                    o,
                    "  {name:<44}{:>14}{ratio:>16}",
                    millions(reading.modelled)
                );
            }
        }
        None => {
            let _ = writeln!(o, "Claim check: no savings flow is marked as the claim");
        }
    }
    let _ = writeln!(o);
    // 6 + 7 + 9 × 9 = 94 columns.
    let _ = writeln!(
        o,
        "{:<6}{:>7}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
        "Year",
        "DF",
        "Savings",
        "Dept",
        "Net",
        "Social",
        "Trans-",
        "Net",
        "Exch.",
        "Exch.",
        "Cum.disc"
    );
    let _ = writeln!(
        o,
        "{:<6}{:>7}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
        "", "", "(all)", "costs", "savings", "cost", "fers", "social", "cost", "net", "NSV"
    );
    let l = &r.lines;
    for t in 0..l.horizon() {
        let all_savings = l.savings[t] + l.property_savings[t] + l.fines_received[t];
        let _ = writeln!(
            o,
            "{:<6}{:>7.4}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
            r.year(t),
            l.discount_factor[t],
            millions(all_savings),
            millions(l.department_costs[t]),
            millions(l.net_savings[t]),
            millions(l.social_cost[t]),
            millions(l.transfers[t]),
            millions(l.net_social_value[t]),
            millions(l.exchequer_cost[t]),
            millions(l.exchequer_net[t]),
            millions(l.cumulative_discounted_net_social_value[t])
        );
    }
    let sum = |v: &[f64]| v.iter().sum::<f64>();
    let all: f64 = sum(&l.savings) + sum(&l.property_savings) + sum(&l.fines_received);
    let _ = writeln!(
        o,
        "{:<13}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
        "Total (cash)",
        millions(all),
        millions(sum(&l.department_costs)),
        millions(sum(&l.net_savings)),
        millions(sum(&l.social_cost)),
        millions(sum(&l.transfers)),
        millions(sum(&l.net_social_value)),
        millions(sum(&l.exchequer_cost)),
        millions(sum(&l.exchequer_net))
    );
    if !r.warnings.is_empty() {
        let _ = writeln!(o);
        for w in &r.warnings {
            let _ = writeln!(o, "warning: {}", printable(w));
        }
    }
    o
}

/// What is wrong with a `report --json` document, by the rules of
/// docs/json.md: every figure a finite number (`null` only where the
/// reference allows it: `payback_year`, `social_cost_per_pound_saved`,
/// `claim`, a claim's `ratio`, `monte_carlo`, `tornado`), the chance of a
/// gain within 0–1, a reading's ratio finite. Empty when all is well; each
/// entry names the key, as `.years[3].savings`. For tests and the fuzz
/// target.
#[must_use]
pub fn json_problems(doc: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        use serde_json::Value as J;
        let key = path.rsplit('.').next().unwrap_or("");
        match v {
            J::Null => {
                let may_be_null = matches!(
                    key,
                    "payback_year"
                        | "social_cost_per_pound_saved"
                        | "claim"
                        | "ratio"
                        | "monte_carlo"
                        | "tornado"
                        // A scenario's own optional texts.
                        | "note"
                        | "source"
                );
                if !may_be_null {
                    out.push(format!("{path} is null"));
                }
            }
            J::Number(n) => match n.as_f64() {
                Some(x) if x.is_finite() => {
                    if key == "probability_net_social_value_positive" && !(0.0..=1.0).contains(&x) {
                        out.push(format!("{path} = {x} is outside 0–1"));
                    }
                }
                _ => out.push(format!("{path} = {n} is not a finite number")),
            },
            J::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), out);
                }
            }
            J::Object(map) => {
                for (k, item) in map {
                    walk(item, &format!("{path}.{k}"), out);
                }
            }
            J::Bool(_) | J::String(_) => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(millions(90_407_900.0), "90.4");
        assert_eq!(millions(-40_000.0), "0.0");
        assert_eq!(millions(-714_285.7), "-0.7");
        assert_eq!(pounds(-0.4), "£0");
        assert_eq!(millions(6.77e43), "6.77e37");
        assert_eq!(millions(-1e19), "-1.00e13");
        assert_eq!(millions(9.99e17), "999000000000.0");
        assert_eq!(readable(34_922_615.611_103_07), "34,922,615.61");
        assert_eq!(readable(1e9), "1,000,000,000");
        assert_eq!(readable(23.412_345_678_9), "23.41234568");
        assert_eq!(readable(0.0125), "0.0125");
        assert_eq!(readable(-1.5), "-1.5");
        assert_eq!(readable(0.0), "0");
    }

    /// Three significant figures, by hand: 94,912,345 is 9.49·10^7, £94.9m.
    #[test]
    fn prose_money_has_three_significant_figures() {
        assert_eq!(pounds(94_912_345.0), "£94.9m");
        assert_eq!(pounds(120e6), "£120m");
        assert_eq!(pounds(100e6), "£100m");
        assert_eq!(pounds(1.254e9), "£1.25bn");
        assert_eq!(pounds(24_890.0), "£24.9k");
        assert_eq!(pounds(450.0), "£450");
        assert_eq!(pounds(-3e6), "-£3.00m");
        assert_eq!(pounds(-24_890.0), "-£24.9k");
        assert_eq!(pounds(1_000.0), "£1.00k");
        assert_eq!(pounds(999.4), "£999");
    }

    /// The unit follows the rounding: 999.5 of one unit is 1.00 of the next.
    #[test]
    fn prose_money_moves_up_a_unit_at_the_rounding_boundary() {
        assert_eq!(pounds(999.5), "£1.00k");
        assert_eq!(pounds(999_499.0), "£999k");
        assert_eq!(pounds(999_500.0), "£1.00m");
        assert_eq!(pounds(999.5e6), "£1.00bn");
        assert_eq!(pounds(999.5e9), "£1.00 trillion");
    }

    /// Past £999.5 trillion, powers of ten: 3.796e27 is £3.80×10^27, where
    /// the old form was "£3796495903097354240.00bn".
    #[test]
    fn huge_and_tiny_money_stays_readable() {
        assert_eq!(pounds(3.8e12), "£3.80 trillion");
        assert_eq!(pounds(380e12), "£380 trillion");
        assert_eq!(pounds(999.5e12), "£1.00×10^15");
        assert_eq!(pounds(3.796_495_903e27), "£3.80×10^27");
        assert_eq!(pounds(-1.7e300), "-£1.70×10^300");
        assert_eq!(pounds(0.49), "£0");
        assert_eq!(pounds(-0.6), "-£1");
        assert_eq!(pounds(0.0), "£0");
    }

    #[test]
    fn an_empty_scenario_has_nothing_to_weigh() {
        let s = Scenario::new("New", 2026, 10);
        let r = crate::model::evaluate(&s);
        assert_eq!(
            nothing_to_weigh(&s, &r),
            Some("Nothing to weigh yet: add a saving or a cost")
        );
        assert_eq!(payback_words(&s, &r), "nothing to weigh yet");
        let mut zero = s.clone();
        zero.savings.push(crate::scenario::Flow::new(
            "New saving",
            0.0,
            crate::scenario::Profile::Once(2026),
        ));
        let r = crate::model::evaluate(&zero);
        assert!(nothing_to_weigh(&zero, &r).is_some_and(|w| w.contains("every amount is zero")));
        let mut one = s;
        one.savings.push(crate::scenario::Flow::new(
            "Back office",
            1e6,
            crate::scenario::Profile::Once(2026),
        ));
        let r = crate::model::evaluate(&one);
        assert_eq!(nothing_to_weigh(&one, &r), None);
        assert_eq!(payback_words(&one, &r), "2026");
    }

    #[test]
    fn a_range_whose_ends_show_the_same_says_so() {
        assert_eq!(
            range_words(12.0e6, 12.0e6),
            "£12.0m in every draw (no input is uncertain)"
        );
        assert_eq!(range_words(12.0e6, 3.2e6), "£3.20m to £12.0m");
        assert_eq!(
            range_words(0.0, 0.0),
            "£0 in every draw (no input is uncertain)"
        );
    }

    #[test]
    fn the_readings_sentence_says_each_ratio_in_order() {
        use crate::model::Reading;
        let reading = |reading, ratio: Option<f64>| ClaimReading {
            reading,
            modelled: 0.0,
            ratio,
        };
        let c = ClaimCheck {
            claimed: 100.0,
            first_year: 2014,
            last_year: 2020,
            modelled_net_savings: 75.0,
            ratio: Some(0.75),
            readings: [
                reading(Reading::Gross, Some(0.96)),
                reading(Reading::Net, Some(0.75)),
                reading(Reading::NetPresentValue, Some(0.66)),
                reading(Reading::NetSocial, None),
            ],
        };
        assert_eq!(
            readings_sentence(&c),
            "Read as gross savings, the model finds 96 % of the claim; as net savings 75 %; \
             as a present value 66 %; once social cost is counted no ratio."
        );
    }

    #[test]
    fn table_money_is_to_the_penny() {
        assert_eq!(pence(100e6 / 7.0), "14,285,714.29");
        assert_eq!(pence(-28.4e6), "-28,400,000.00");
        assert_eq!(pence(0.004), "0.00");
        assert_eq!(pence(-0.004), "0.00");
        assert_eq!(pence(999.995), "1,000.00");
        assert_eq!(pence(12.5), "12.50");
    }

    #[test]
    fn a_claim_in_one_year_names_the_year_once() {
        assert_eq!(years_words(2014, 2014), "2014");
        assert_eq!(years_words(2014, 2020), "2014–2020");
        let c = ClaimCheck {
            claimed: 5e6,
            first_year: 2014,
            last_year: 2014,
            modelled_net_savings: 4e6,
            ratio: Some(0.8),
            readings: std::array::from_fn(|_| ClaimReading {
                reading: crate::model::Reading::Gross,
                modelled: 0.0,
                ratio: None,
            }),
        };
        let said = claim_sentence(&c);
        assert!(
            said.ends_with("80 % of the £5.00m claimed, cash (2014)"),
            "{said}"
        );
    }
}
