//! The Settings section: what the scenario is (title, summary, author,
//! marking), its years, prices and discounting, optimism bias and the Monte
//! Carlo settings, as one field table.

use egui::{Id, Ui};

use super::table::{Field, Presets, TEXT_WIDTH, rows_ui};
use crate::app::fields::{self, Ed, Unit};
use crate::scenario::{Discounting, Marking, MonteCarlo, OptimismBias, Settings, Value, limits};

/// The line in the summary that carries the optimism-bias mitigation note
/// (the file format has no field of its own for it).
pub const MITIGATION_PREFIX: &str = "Optimism bias mitigation: ";

const COSTS_UPLIFT: &str = "Green Book supplementary guidance (Mott MacDonald 2002): \
     outsourcing upper bound 41 % on operating costs, lower bound 0 %";

/// The model cuts every saving and property saving by the haircut.
const SAVINGS_HAIRCUT: &str = "Cut to every saving, claimed or not, and to property savings; \
     the guidance has no generic values for benefits";

/// The Green Book's figures for the costs uplift on outsourcing.
const GREEN_BOOK_UPLIFTS: Presets = Presets {
    title: "Green Book presets:",
    values: &[
        ("Outsourcing upper bound (41%)", 0.41),
        ("Fully mitigated (0%)", 0.0),
    ],
};

/// The top of the file: what the scenario is.
pub struct About<'a> {
    pub title: &'a mut String,
    pub summary: &'a mut String,
    pub marking: &'a mut Marking,
    pub author: &'a mut String,
}

impl About<'_> {
    /// Its rows: title, summary, author and marking.
    fn fields(&mut self) -> [Field<'_>; 4] {
        let About {
            title,
            summary,
            marking,
            author,
        } = self;
        [
            Field::text("Title", "States the option being appraised", "title", title),
            Field::multiline("Summary", "", "summary", summary),
            Field::text("Author", "", "author", author),
            Field::custom(
                "Marking",
                "Government Security Classification, printed on exports",
                "marking",
                |ui, ed, l, _| marking_ui(ui, ed, l, marking),
            ),
        ]
    }
}

pub fn settings_ui(ui: &mut Ui, ed: &mut Ed<'_>, mut about: About<'_>, settings: &mut Settings) {
    let Settings {
        start_year,
        horizon_years,
        price_base_year,
        discounting,
        inflation,
        optimism_bias,
        monte_carlo,
        // Model 2: which value "central" means is not chosen here yet.
        central: _,
    } = settings;
    let OptimismBias {
        costs_uplift,
        savings_haircut,
        // Model 2: the file's own mitigation note, not edited here yet (the
        // editor keeps its note on a line of the summary).
        note: _,
    } = optimism_bias;
    let MonteCarlo { draws, seed } = monte_carlo;
    let appraisal = [
        Field::year(
            "Start year",
            "Year 0 of the appraisal",
            "settings.start_year",
            start_year,
        ),
        Field::whole(
            "Horizon (years)",
            "How many years are appraised (1–100)",
            "settings.horizon_years",
            horizon_years,
            1..=100,
        ),
        Field::year(
            "Price base year",
            "Real-terms amounts are in this year's prices",
            "settings.price_base_year",
            price_base_year,
        ),
        Field::custom(
            "Discounting",
            "HM Treasury Green Book: 3.5 % a year to year 30, then 3.0 %, then 2.5 %",
            "settings.discounting",
            |ui, ed, l, path| discounting_ui(ui, ed, l, discounting, path),
        ),
        Field::value(
            "Inflation",
            "GDP deflator a year, for flows marked as cash (nominal) terms",
            "settings.inflation",
            inflation,
            Unit::Percent,
        ),
        Field::value(
            "Optimism bias: costs uplift",
            COSTS_UPLIFT,
            "settings.optimism_bias.costs_uplift",
            costs_uplift,
            Unit::Percent,
        )
        .presets(&GREEN_BOOK_UPLIFTS),
        Field::value(
            "Optimism bias: savings haircut",
            SAVINGS_HAIRCUT,
            "settings.optimism_bias.savings_haircut",
            savings_haircut,
            Unit::Percent,
        ),
    ];
    let monte_carlo = [
        Field::whole(
            "Monte Carlo draws",
            "For uncertainty runs (`counterweight report --draws`)",
            "settings.monte_carlo.draws",
            draws,
            limits::DRAWS,
        ),
        Field::custom(
            "Monte Carlo seed",
            "The same seed gives the same numbers on every machine",
            "settings.monte_carlo.seed",
            |ui, ed, l, _| seed_ui(ui, ed, l, seed),
        ),
    ];
    egui::Grid::new("settings_grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            rows_ui(ui, ed, "", about.fields());
            rows_ui(ui, ed, "", appraisal);
            // A line of the summary, so drawn once the summary's row is done.
            mitigation_row(ui, ed, about.summary);
            rows_ui(ui, ed, "", monte_carlo);
        });
}

fn marking_ui(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, marking: &mut Marking) {
    let id = ui.make_persistent_id("marking");
    let options: Vec<(Marking, &str)> = Marking::ALL
        .iter()
        .map(|m| {
            let banner = m.banner();
            (
                *m,
                if banner.is_empty() {
                    "Unmarked"
                } else {
                    banner
                },
            )
        })
        .collect();
    fields::choice(ui, ed, label_id, id, marking, &options);
}

fn seed_ui(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, seed: &mut u64) {
    let resp = ui.add(egui::DragValue::new(seed)).labelled_by(label_id);
    if resp.changed() {
        ed.key = Some(resp.id);
    }
}

/// The optimism-bias mitigation note, on its own line of the summary.
fn mitigation_row(ui: &mut Ui, ed: &mut Ed<'_>, summary: &mut String) {
    fields::row(
        ui,
        "Mitigation note",
        "How the risks behind optimism bias are mitigated (kept in the summary)",
        |ui, l| {
            let mut note = mitigation_note(summary);
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut note)
                        .desired_width(TEXT_WIDTH)
                        .hint_text("why the uplift is below 41 %"),
                )
                .labelled_by(l);
            if resp.changed() {
                set_mitigation_note(summary, &note);
                ed.key = Some(resp.id);
            }
        },
    );
}

fn discounting_ui(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, d: &mut Discounting, path: &str) {
    const NAMES: [&str; 4] = [
        "Green Book (3.5 %)",
        "Green Book lower-rate test (3.0 %)",
        "One constant rate",
        "Undiscounted",
    ];
    let mut kind = match d {
        Discounting::GreenBook => 0,
        Discounting::GreenBookLowerRate => 1,
        Discounting::Constant(_) => 2,
        Discounting::Undiscounted => 3,
    };
    let resp = egui::ComboBox::from_id_salt("discounting")
        .width(220.0)
        .selected_text(NAMES[kind])
        .show_index(ui, &mut kind, 4, |i| NAMES[i])
        .labelled_by(label_id);
    crate::app::a11y::combo(&resp, NAMES[kind]);
    if resp.changed() {
        *d = match kind {
            0 => Discounting::GreenBook,
            1 => Discounting::GreenBookLowerRate,
            2 => Discounting::Constant(Value::Point(0.035)),
            _ => Discounting::Undiscounted,
        };
        ed.step();
    }
    if let Discounting::Constant(r) = d {
        fields::value(ui, ed, label_id, r, Unit::Percent, path);
    }
}

/// The mitigation note kept on its own line of the summary.
pub fn mitigation_note(summary: &str) -> String {
    summary
        .lines()
        .find_map(|l| l.strip_prefix(MITIGATION_PREFIX))
        .unwrap_or_default()
        .to_owned()
}

/// Writes the mitigation note line into the summary (removing it when empty).
pub fn set_mitigation_note(summary: &mut String, note: &str) {
    let mut lines: Vec<String> = summary
        .lines()
        .filter(|l| !l.starts_with(MITIGATION_PREFIX))
        .map(str::to_owned)
        .collect();
    let note = note.replace('\n', " ");
    if !note.is_empty() {
        lines.push(format!("{MITIGATION_PREFIX}{note}"));
    }
    *summary = lines.join("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mitigation_note_lives_on_its_own_summary_line() {
        let mut summary = "Claim: over £100m.".to_owned();
        set_mitigation_note(&mut summary, "supplier has run three such centres");
        assert_eq!(
            mitigation_note(&summary),
            "supplier has run three such centres"
        );
        assert!(summary.starts_with("Claim: over £100m.\n"));
        set_mitigation_note(&mut summary, "");
        assert_eq!(summary, "Claim: over £100m.");
    }
}
