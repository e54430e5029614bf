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
            row(ui, "Year", "", |ui, l| {
                year(ui, ed, l, y, &format!("{pp}.year"))
            });
        }
        Profile::Annual { from, to } => {
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let default = (*from).max(start);
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Spread { from, years } => {
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
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
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            row(
                ui,
                "Years to full",
                "Rises in equal steps to the full amount after this many years",
                |ui, l| {
                    whole(ui, ed, l, years, 1..=1000, &format!("{pp}.years"));
                },
            );
            let default = (*from).max(start);
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Custom { from, shares } => {
            row(ui, "From", "Year of the first share", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let first = *from;
            let mut remove = None;
            for (i, share) in shares.iter_mut().enumerate() {
                let name = format!("Share {}", first + i as i32);
                row(
                    ui,
                    &name,
                    "The fraction of the amount in this year",
                    |ui, l| {
                        ui.horizontal(|ui| {
                            value(ui, ed, l, share, Unit::Plain, &format!("{pp}.shares[{i}]"));
                            if ui
                                .small_button("✖")
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
            row(ui, "", "", |ui, _| {
                if ui.button("➕ Add a year's share").clicked() {
                    shares.push(Value::Point(0.0));
                    ed.step();
                }
            });
        }
    }
}
