//! The briefing's summary paragraph, in plain English, made from the
//! results: the claim and how the model reads it, net savings, the social
//! cost and what drives it, net social value and the chance it is positive,
//! and the payback year. Every figure in it is printed the same way in the
//! tables below it ([`pounds`], [`chance`], [`percent`]).

use std::fmt::Write as _;

use crate::model::Results;
use crate::report::pounds;
use crate::uncertainty::Summary;

/// A ratio as a whole percentage: "75 %".
#[must_use]
pub fn percent(ratio: f64) -> String {
    format!("{:.0} %", ratio * 100.0)
}

/// The chance that net social value is positive, as the summary and the
/// Monte Carlo table print it: "62 %"; "under 1 %" and "over 99 %" where
/// rounding would say 0 % or 100 % of something that did happen or did
/// not always happen; "0 %" and "100 %" only when no draw, or every draw, was.
#[must_use]
pub fn chance(p: f64) -> String {
    if p > 0.0 && p < 0.005 {
        "under 1 %".to_owned()
    } else if (0.995..1.0).contains(&p) {
        "over 99 %".to_owned()
    } else {
        percent(p)
    }
}

/// The social cost's parts by NPV, largest first: (words, NPV).
#[must_use]
pub fn social_cost_parts(r: &Results) -> Vec<(&'static str, f64)> {
    let l = &r.lines;
    let mut parts = vec![
        ("lost earnings", l.npv(&l.lost_earnings)),
        ("local knock-on spending", l.npv(&l.local_knock_on)),
        ("lost wellbeing", l.npv(&l.wellbeing)),
        ("harm from data breaches", l.npv(&l.data_harm)),
        ("worse public access", l.npv(&l.public_access)),
    ];
    parts.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    parts
}

/// The summary's sentences, in order.
#[must_use]
pub fn sentences(r: &Results, mc: Option<&Summary>) -> Vec<String> {
    let mut out = Vec::new();
    let first = r.start_year;
    let last = r.year(r.lines.horizon().saturating_sub(1));

    // The claim.
    match &r.claim {
        None => out.push(
            "No savings in the file are marked as the department's claim, so there is no claim to check against."
                .to_owned(),
        ),
        Some(c) => {
            let years = if c.first_year == c.last_year {
                format!("in {}", c.first_year)
            } else {
                format!("over {}–{}", c.first_year, c.last_year)
            };
            out.push(format!(
                "The department claims savings of {} in cash {years}.",
                pounds(c.claimed)
            ));
            match c.ratio {
                Some(ratio) => {
                    out.push(crate::report::readings_sentence(c));
                    if ratio >= 1.0 {
                        out.push(format!(
                            "On the net reading the claim is met: net savings over those years are {} in cash, {} of the claim.",
                            pounds(c.modelled_net_savings),
                            percent(ratio)
                        ));
                    } else {
                        out.push(format!(
                            "On the net reading the claim is not met: net savings over those years are {} in cash, {} of the claim.",
                            pounds(c.modelled_net_savings),
                            percent(ratio)
                        ));
                    }
                }
                None => out.push(format!(
                    "The claimed amount is under £1, so no share of it is given; net savings over those years are {}.",
                    pounds(c.modelled_net_savings)
                )),
            }
        }
    }

    // Net savings.
    let ns = r.npv.net_savings;
    if ns >= 0.0 {
        out.push(format!(
            "Over {first}–{last} the department saves {} in present value ({} in cash) once its own costs are counted.",
            pounds(ns),
            pounds(r.cash.net_savings)
        ));
    } else {
        out.push(format!(
            "Over {first}–{last} the department does not save: its costs exceed its savings, so net savings are {} in present value ({} in cash).",
            pounds(ns),
            pounds(r.cash.net_savings)
        ));
    }

    // Social cost and what drives it.
    let sc = r.npv.social_cost;
    let parts = social_cost_parts(r);
    if sc.abs() < 0.5 {
        out.push("The model finds no social cost: no jobs are lost, no data is put at risk and no office closes.".to_owned());
    } else {
        // What drives it: the largest parts that add to it (a local
        // multiplier under 1 makes the knock-on a negative part, not a driver).
        let drivers: Vec<(&str, f64)> = parts.into_iter().filter(|p| p.1 >= 0.5).collect();
        let mut s = format!(
            "The social cost to people and places is {} in present value",
            pounds(sc)
        );
        if let Some((what, v)) = drivers.first() {
            let _ = write!(s, ", the largest part being {what} ({})", pounds(*v));
        }
        if let Some((what2, v2)) = drivers.get(1) {
            let _ = write!(s, ", then {what2} ({})", pounds(*v2));
        }
        s.push('.');
        out.push(s);
        if let Some(per) = r.social_cost_per_pound_saved {
            out.push(format!(
                "That is £{per:.2} of social cost for every £1 the department saves."
            ));
        }
    }

    // Net social value and its chance.
    let nsv = r.npv.net_social_value;
    let verdict = if nsv >= 0.0 {
        "better off"
    } else {
        "worse off"
    };
    let mut s = format!(
        "Counting that cost, and adding back {} of transfers that stay in the UK (redundancy pay and regulatory fines), net social value is {}: the UK is {verdict}",
        pounds(r.npv.transfers),
        pounds(nsv)
    );
    match mc {
        Some(m) => {
            let p = m.probability_net_social_value_positive;
            let how = if p >= 0.5 { "likely" } else { "unlikely" };
            let _ = write!(
                s,
                ". Across {} Monte Carlo draws the chance that it is positive is {}, so a positive result is {how}",
                group(m.draws),
                chance(p)
            );
        }
        None => s.push_str(" (Monte Carlo was not run)"),
    }
    s.push('.');
    out.push(s);

    // Payback.
    match r.payback_year {
        Some(y) if y == first => out.push(format!(
            "It pays back from the first year, {y}: cumulative discounted net social value is never below zero."
        )),
        Some(y) => out.push(format!(
            "It pays back in {y}, the first year from which cumulative discounted net social value stays at or above zero."
        )),
        None => out.push(format!(
            "It never pays back within {first}–{last}: cumulative discounted net social value ends the period at {}.",
            pounds(r.lines.cumulative_discounted_net_social_value.last().copied().unwrap_or(0.0))
        )),
    }

    // Exchequer.
    out.push(format!(
        "For the Exchequer as a whole, after lost tax and extra benefits, the net is {}.",
        pounds(r.npv.exchequer_net)
    ));
    out
}

/// `10,000`.
#[must_use]
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
