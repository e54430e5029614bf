//! How an amount is spread over the years: the profile and its years.

use egui::Ui;

use super::{Ed, Unit, end_year, row, value, whole, year};
use crate::scenario::{Profile, Value};

const PROFILES: [&str; 5] = [
    "Once: all in one year",
    "Annual: the amount every year",
    "Spread: the amount shared evenly over years",
    "Ramp: rising to the full amount a year",
    "Custom: a share in each year",
];

/// How an amount is spread over the years.
pub fn profile(ui: &mut Ui, ed: &mut Ed<'_>, p: &mut Profile, path: &str) {
    let pp = format!("{path}.profile");
    let id = ui.make_persistent_id(&pp);
    let start = ed.start_year;
    let mut kind = match p {
        Profile::Once(_) => 0,
        Profile::Annual { .. } => 1,
        Profile::Spread { .. } => 2,
        Profile::Ramp { .. } => 3,
        Profile::Custom { .. } => 4,
    };
    // Each row names its controls: "Costs 1, Transition — from".
    let at = |ed: &mut Ed<'_>, label: &str| label.clone_into(&mut ed.field);
    at(ed, "Profile");
    row(
        ui,
        "Profile",
        "How the amount is spread over the years",
        |ui, l| {
            let resp = egui::ComboBox::from_id_salt(id.with("kind"))
                .width(220.0)
                .selected_text(PROFILES[kind])
                .show_index(ui, &mut kind, PROFILES.len(), |i| PROFILES[i])
                .labelled_by(l);
            super::a11y::name(&resp, &ed.name(""));
            super::a11y::combo(&resp, PROFILES[kind]);
            if resp.changed() {
                let from = p.first_year();
                *p = match kind {
                    0 => Profile::Once(from),
                    1 => Profile::Annual { from, to: None },
                    2 => Profile::Spread { from, years: 5 },
                    3 => Profile::Ramp {
                        from,
                        years: 3,
                        to: None,
                    },
                    _ => Profile::Custom {
                        from,
                        shares: vec![Value::Point(0.5), Value::Point(0.5)],
                    },
                };
                ed.step();
            }
        },
    );
    match p {
        Profile::Once(y) => {
            at(ed, "Year");
            row(ui, "Year", "", |ui, l| {
                year(ui, ed, l, y, &format!("{pp}.year"))
            });
        }
        Profile::Annual { from, to } => {
            at(ed, "From");
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let default = (*from).max(start);
            at(ed, "To");
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Spread { from, years } => {
            at(ed, "From");
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            at(ed, "Over (years)");
            row(
                ui,
                "Over (years)",
                "The amount is divided equally over this many years",
                |ui, l| {
                    whole(ui, ed, l, years, 1..=1000, &format!("{pp}.years"));
                },
            );
        }
        Profile::Ramp { from, years, to } => {
            at(ed, "From");
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            at(ed, "Years to full");
            row(
                ui,
                "Years to full",
                "Rises in equal steps to the full amount after this many years",
                |ui, l| {
                    whole(ui, ed, l, years, 1..=1000, &format!("{pp}.years"));
                },
            );
            let default = (*from).max(start);
            at(ed, "To");
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Custom { from, shares } => {
            at(ed, "From");
            row(ui, "From", "Year of the first share", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let first = *from;
            let mut remove = None;
            for (i, share) in shares.iter_mut().enumerate() {
                let name = format!("Share {}", first + i as i32);
                at(ed, &name);
                row(
                    ui,
                    &name,
                    "The fraction of the amount in this year",
                    |ui, l| {
                        ui.horizontal(|ui| {
                            value(ui, ed, l, share, Unit::Plain, &format!("{pp}.shares[{i}]"));
                            if super::field_button(
                                ui,
                                ed,
                                egui::Button::new("✖").small(),
                                true,
                                "remove",
                            )
                            .on_hover_text("Remove this year's share")
                            .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    },
                );
            }
            if let Some(i) = remove {
                shares.remove(i);
                ed.step();
            }
            at(ed, "Profile");
            row(ui, "", "", |ui, _| {
                if super::field_button(
                    ui,
                    ed,
                    egui::Button::new("➕ Add a year's share"),
                    true,
                    "add a year's share",
                )
                .clicked()
                {
                    shares.push(Value::Point(0.0));
                    ed.step();
                }
            });
        }
    }
    ed.field.clear();
}
