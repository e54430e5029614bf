//! The Settings section: what the scenario is (title, summary, author,
//! marking), its years, prices and discounting, optimism bias and the Monte
//! Carlo settings, as one field table.

use egui::{Id, Ui};

use super::table::{Field, Presets, TEXT_WIDTH, rows_ui};
use crate::app::fields::{self, Ed, Unit};
use crate::scenario::{
    Central, Discounting, Marking, MonteCarlo, OptimismBias, Settings, Value, limits,
};

/// What each choice of central value means, in one sentence.
pub fn central_words(c: Central) -> &'static str {
    match c {
        Central::Mode => {
            "The main results use each uncertain input's most likely value (the mode of a \
             range). Ranges that lean one way make this differ from the expected outcome."
        }
        Central::Mean => {
            "The main results use each uncertain input's expected value (its mean), as the \
             Green Book asks for expected values; the Monte Carlo mean is then close to them."
        }
    }
}

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
        central,
    } = settings;
    let OptimismBias {
        costs_uplift,
        savings_haircut,
        note: mitigation,
    } = optimism_bias;
    let bias_set = !matches!(costs_uplift, Value::Point(x) if *x == 0.0)
        || !matches!(savings_haircut, Value::Point(x) if *x == 0.0);
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
        Field::custom(
            "Central value",
            "Which value of each uncertain input the main results use",
            "settings.central",
            |ui, ed, l, _| central_ui(ui, ed, l, central),
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
            mitigation_row(ui, ed, mitigation, bias_set);
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

/// The optimism bias's note: why the bias is where it is. Asked for once
/// the bias is set away from zero (the Green Book asks that any reduction
/// from the published upper bound be justified by the mitigation).
fn mitigation_row(ui: &mut Ui, ed: &mut Ed<'_>, note: &mut String, bias_set: bool) {
    let hint = if bias_set && note.trim().is_empty() {
        "why the bias is at this level: the mitigation (please say)"
    } else {
        "why the bias is at this level: the mitigation"
    };
    fields::row(
        ui,
        "Optimism bias: note",
        "The mitigation behind the uplift and haircut, printed in the assumptions log",
        |ui, l| {
            let resp = ui
                .add(
                    egui::TextEdit::singleline(note)
                        .desired_width(TEXT_WIDTH)
                        .hint_text(hint),
                )
                .labelled_by(l);
            if resp.changed() {
                ed.key = Some(resp.id);
            }
        },
    );
}

/// Mode or Mean, with what the choice means beneath.
fn central_ui(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, central: &mut Central) {
    let id = ui.make_persistent_id("central");
    fields::choice(
        ui,
        ed,
        label_id,
        id,
        central,
        &[
            (Central::Mode, "Most likely value (mode)"),
            (Central::Mean, "Expected value (mean)"),
        ],
    );
    ui.add(
        egui::Label::new(
            egui::RichText::new(central_words(*central))
                .small()
                .color(fields::weak(ui)),
        )
        .wrap(),
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
