//! A result too large to compute, named by the item that caused it
//! (issue 13): each item is evaluated on its own, and the first whose own
//! figures are not finite is named as the editor names it, with the year
//! and, for a saving or cost, the growth and inflation that compound it.

use super::{Results, evaluate};
use crate::scenario::names::item_words;
use crate::scenario::syntax::fmt_num;
use crate::scenario::{Flow, Scenario};

/// Why `results` (of `s`) hold a figure that is not a finite number, as a
/// sentence that names the item, its figure and year, and what to reduce;
/// `None` when every figure is finite.
#[must_use]
pub fn non_finite_cause(s: &Scenario, results: &Results) -> Option<String> {
    let (line, t) = results.first_non_finite_at()?;
    for (list, i, label) in items(s) {
        let alone = evaluate(&only(s, list, i));
        if let Some((what, t)) = alone.first_non_finite_at() {
            let year = t.map_or_else(
                || "in total".to_owned(),
                |t| format!("in {}", alone.year(t)),
            );
            let why = flow(s, list, i).map_or_else(
                || "; reduce the amounts that feed it".to_owned(),
                |f| compounding(s, f, t.map(|t| alone.year(t))),
            );
            return Some(format!(
                "{}: its {what} {year} {} too large to compute (not a finite number){why}",
                item_words(list, i, label),
                verb(what)
            ));
        }
    }
    let year = t.map_or_else(
        || "the totals".to_owned(),
        |t| format!("in {}", results.year(t)),
    );
    Some(format!(
        "the {line} {year} {} too large to compute (not a finite number): no item alone is, \
         so together they add up past what the model can hold; reduce the largest amounts",
        verb(line)
    ))
}

/// "are" for the model's plural lines ("savings", "transfers"), "is" for
/// the rest ("social cost").
fn verb(line: &str) -> &'static str {
    if line.ends_with('s') || line == "fines received" {
        "are"
    } else {
        "is"
    }
}

/// Every item of every list that feeds the model: list, index, label.
fn items(s: &Scenario) -> Vec<(&'static str, usize, &str)> {
    [
        labelled(
            "savings",
            s.savings.iter().map(|f| f.label.as_str()).collect(),
        ),
        labelled("costs", s.costs.iter().map(|f| f.label.as_str()).collect()),
        labelled("fines", s.fines.iter().map(|f| f.label.as_str()).collect()),
        labelled(
            "job_moves",
            s.job_moves.iter().map(|j| j.label.as_str()).collect(),
        ),
        labelled(
            "office_closures",
            s.office_closures.iter().map(|c| c.label.as_str()).collect(),
        ),
        labelled(
            "data_risks",
            s.data_risks.iter().map(|r| r.label.as_str()).collect(),
        ),
    ]
    .concat()
}

/// Each label of `list` with its index.
fn labelled<'a>(list: &'static str, labels: Vec<&'a str>) -> Vec<(&'static str, usize, &'a str)> {
    labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| (list, i, l))
        .collect()
}

/// `s` with only item `i` of `list`: the settings and assumptions kept, the
/// correlations dropped (they only move Monte Carlo draws).
fn only(s: &Scenario, list: &str, i: usize) -> Scenario {
    let mut one = s.clone();
    one.correlations.clear();
    let keep = |n: usize, list_here: &str| -> Option<usize> { (list_here == list).then_some(n) };
    one.savings = pick(&s.savings, keep(i, "savings"));
    one.costs = pick(&s.costs, keep(i, "costs"));
    one.fines = pick(&s.fines, keep(i, "fines"));
    one.job_moves = pick(&s.job_moves, keep(i, "job_moves"));
    one.office_closures = pick(&s.office_closures, keep(i, "office_closures"));
    one.data_risks = pick(&s.data_risks, keep(i, "data_risks"));
    one
}

/// The item at `at` of `v`, alone; empty for `None`.
fn pick<T: Clone>(v: &[T], at: Option<usize>) -> Vec<T> {
    at.and_then(|i| v.get(i)).cloned().into_iter().collect()
}

fn flow<'a>(s: &'a Scenario, list: &str, i: usize) -> Option<&'a Flow> {
    match list {
        "savings" => s.savings.get(i),
        "costs" => s.costs.get(i),
        _ => None,
    }
}

/// "12.5 %" for 0.125.
fn percent(x: f64) -> String {
    format!("{} %", fmt_num((x * 1e4).round() / 100.0))
}

/// What compounds a flow's amount up to `year`: its real growth a year
/// from its first year and, in cash terms, inflation over the distance to
/// the price base year; then what to reduce.
fn compounding(s: &Scenario, f: &Flow, year: Option<i32>) -> String {
    let st = &s.settings;
    let mut causes = Vec::new();
    let growth = f.growth.central_as(st.central);
    let year = year.unwrap_or_else(|| st.last_year());
    if growth != 0.0 {
        let years = i64::from(year) - i64::from(f.profile.first_year());
        causes.push(format!(
            "real growth {} a year over {} years",
            percent(growth),
            fmt_num(years.max(0) as f64)
        ));
    }
    let inflation = st.inflation.central_as(st.central);
    if f.nominal && inflation != 0.0 {
        let years = (i64::from(year) - i64::from(st.price_base_year)).abs();
        causes.push(format!(
            "inflation {} a year over {} years to the price base year {}",
            percent(inflation),
            fmt_num(years as f64),
            st.price_base_year
        ));
    }
    if causes.is_empty() {
        "; reduce its amount".to_owned()
    } else {
        format!(
            ": with {}; reduce its amount, its growth or inflation, or bring the price base year nearer",
            causes.join(" and ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{JobMove, Profile, Value};

    fn annual(from: i32) -> Profile {
        Profile::Annual { from, to: None }
    }

    #[test]
    fn a_finite_result_has_no_cause() {
        let mut s = Scenario::new("Fine", 2014, 10);
        s.savings.push(Flow::new("Back office", 1e6, annual(2014)));
        assert_eq!(non_finite_cause(&s, &evaluate(&s)), None);
    }

    #[test]
    fn growth_that_overflows_names_the_saving_its_year_and_growth() {
        // 1e300 doubling: 1e300 · 2^k passes f64::MAX (1.8e308) at k = 28
        // (2^27 = 1.3e8, 2^28 = 2.7e8), so in 2014 + 28 = 2042.
        let mut s = Scenario::new("Overflow", 2014, 100);
        s.savings.push(Flow::new("Ordinary", 1e6, annual(2014)));
        let mut f = Flow::new("Back-office savings", 1e300, annual(2014));
        f.growth = Value::Point(1.0);
        s.savings.push(f);
        let why = non_finite_cause(&s, &evaluate(&s)).expect("not finite");
        assert!(
            why.starts_with(
                "Savings 2. Back-office savings: its savings in 2042 are too large to compute \
                 (not a finite number): with real growth 100 % a year over 28 years"
            ),
            "{why}"
        );
    }

    #[test]
    fn inflation_to_a_far_price_base_is_named_with_its_distance() {
        // Cash terms, inflation 100 %, price base 1,000 years on: deflating
        // by 2^1000 (1.1e301) from 1e10 overflows in the first year, 2014,
        // 1,000 years from the price base year 3014.
        let mut s = Scenario::new("Far base", 2014, 10);
        s.settings.price_base_year = 3014;
        s.settings.inflation = Value::Point(1.0);
        let mut f = Flow::new("Licences", 1e10, annual(2014));
        f.nominal = true;
        s.costs.push(f);
        let why = non_finite_cause(&s, &evaluate(&s)).expect("not finite");
        assert!(why.starts_with("Costs 1. Licences: its "), "{why}");
        assert!(
            why.contains(
                "with inflation 100 % a year over 1000 years to the price base year 3014; reduce"
            ),
            "{why}"
        );
    }

    #[test]
    fn an_item_other_than_a_flow_is_told_to_reduce_its_amounts() {
        let mut s = Scenario::new("Huge salaries", 2014, 10);
        s.job_moves.push(JobMove {
            label: "Payroll".into(),
            jobs: Value::Point(1e300),
            year: 2014,
            salary: Value::Point(1e300),
            redundancy_months: Value::Point(0.0),
            redundancy: None,
            local_multiplier: None,
            note: String::new(),
        });
        let why = non_finite_cause(&s, &evaluate(&s)).expect("not finite");
        assert!(
            why.starts_with("Jobs moved offshore 1. Payroll: its ")
                && why.ends_with("; reduce the amounts that feed it"),
            "{why}"
        );
    }
}
