//! The Assumptions section: the published figures behind the social cost,
//! one record each — label, what it means, the value, its default and
//! where the default comes from (FACTS.md) — with Reset back to the default.

use egui::Ui;

use super::table::{Field, Input, rows_ui};
use crate::app::fields::{Ed, Unit};
use crate::scenario::{Assumptions, Value};

/// One assumption: a number that can be uncertain, with its published default.
fn assumption<'a>(
    label: &'static str,
    hint: &'static str,
    key: &'static str,
    (value, unit, default): (&'a mut Value, Unit, Value),
    source: &'static str,
) -> Field<'a> {
    Field::new(label, hint, key, Input::Value(value, unit, Some(default))).source(source)
}

pub fn assumptions_ui(ui: &mut Ui, ed: &mut Ed<'_>, a: &mut Assumptions) {
    let d = Assumptions::default();
    let Assumptions {
        months_out_of_work,
        wage_scarring,
        scarring_years,
        local_multiplier,
        wellbeing_loss,
        wellby_value,
        exchequer_tax_rate,
        benefit_per_year,
        notes,
    } = a;
    // Each assumption's note, by its name, edited in place and written back
    // after: a note only exists in the file once someone has written one.
    let mut why: [(&str, String); 8] = [
        "months_out_of_work",
        "wage_scarring",
        "scarring_years",
        "local_multiplier",
        "wellbeing_loss",
        "wellby_value",
        "exchequer_tax_rate",
        "benefit_per_year",
    ]
    .map(|k| (k, notes.get(k).cloned().unwrap_or_default()));
    let [
        w_months,
        w_scarring,
        w_years,
        w_multiplier,
        w_wellbeing,
        w_wellby,
        w_tax,
        w_benefit,
    ] = &mut why;
    let rows = [
        assumption(
            "Months out of work",
            "Months unemployed after losing the job (central 9)",
            "months_out_of_work",
            (months_out_of_work, Unit::Plain, d.months_out_of_work),
            "Assumption: no UK figure for post-redundancy duration found. MG Rover 2005: 90 % in work three years on (University of Birmingham, 2008).",
        )
        .why(&mut w_months.1),
        assumption(
            "Wage scarring",
            "Lower pay on re-employment, as a share of salary",
            "wage_scarring",
            (wage_scarring, Unit::Percent, d.wage_scarring),
            "Gregory & Jukes, Economic Journal 2001: about 10 % lower pay on re-employment.",
        )
        .why(&mut w_scarring.1),
        Field::new(
            "Scarring years",
            "Years the lower pay lasts",
            "scarring_years",
            Input::Whole(scarring_years, 0..=100, Some(d.scarring_years)),
        )
        .source("Gregory & Jukes, Economic Journal 2001: the pay gap fades over about 2 years.")
        .why(&mut w_years.1),
        assumption(
            "Local multiplier",
            "Local spending lost per £ of lost earnings (1.3 = 30 % knock-on)",
            "local_multiplier",
            (local_multiplier, Unit::Plain, d.local_multiplier),
            "Assumption; the HCA Additionality Guide (2014) applies a multiplier at local level — set it from there.",
        )
        .why(&mut w_multiplier.1),
        assumption(
            "Wellbeing loss",
            "Life-satisfaction points (0–10) lost per year unemployed",
            "wellbeing_loss",
            (wellbeing_loss, Unit::Plain, d.wellbeing_loss),
            "Layard & De Neve, Wellbeing: Science and Policy (2023), ch. 11; Clark et al. (2018): −0.7.",
        )
        .why(&mut w_wellbeing.1),
        assumption(
            "WELLBY value",
            "Pounds per point of life satisfaction for a year",
            "wellby_value",
            (wellby_value, Unit::Money, d.wellby_value),
            "HM Treasury Wellbeing Guidance for Appraisal (2021): £13,000 per WELLBY (range £10,000–£16,000), 2019 prices.",
        )
        .why(&mut w_wellby.1),
        assumption(
            "Exchequer tax rate",
            "Tax and NI lost per £ of lost earnings",
            "exchequer_tax_rate",
            (exchequer_tax_rate, Unit::Percent, d.exchequer_tax_rate),
            "Income tax + employee and employer NI, 2025/26, on £24,000 = £6,050 (25 %), HM Treasury rates.",
        )
        .why(&mut w_tax.1),
        assumption(
            "Benefit per year",
            "Benefits paid per person per year out of work",
            "benefit_per_year",
            (benefit_per_year, Unit::Money, d.benefit_per_year),
            "Universal Credit standard allowance, single 25+, £424.90 a month from April 2026 (CPAG); housing costs excluded.",
        )
        .why(&mut w_benefit.1),
    ];
    egui::Grid::new("assumptions_grid")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| rows_ui(ui, ed, "assumptions", rows));
    for (key, text) in why {
        let was = notes.get(key).map_or("", String::as_str);
        if text != was {
            if text.trim().is_empty() {
                notes.remove(key);
            } else {
                notes.insert(key.to_owned(), text);
            }
        }
    }
}
