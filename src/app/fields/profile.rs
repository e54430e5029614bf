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

/// What a change of profile did to the item's total, and the offer to put
/// it back: switching "Spread" to "Ramp" turns £100m in all into £100m a
/// year, which must not happen without a word.
#[derive(Clone, Debug)]
struct Offer {
    /// The profile the offer is about; a later change (or Undo) hides it.
    profile: Profile,
    /// Central amount × times counted, before and after.
    before: f64,
    after: f64,
}

impl Offer {
    /// `None` when the total did not change (or there is none to keep).
    fn new(amount: f64, before: f64, now: &Profile, start: i32, horizon: u32) -> Option<Self> {
        let after = now.times_counted(start, horizon);
        let (before, after) = (amount * before, amount * after);
        let same = (before - after).abs() <= 1e-9 * before.abs().max(after.abs());
        (amount != 0.0 && before.is_finite() && after.is_finite() && !same).then(|| Self {
            profile: now.clone(),
            before,
            after,
        })
    }

    /// The factor that gives the amount its old total, if one does.
    fn factor(&self) -> Option<f64> {
        (self.after != 0.0).then(|| self.before / self.after)
    }
}

/// Says what a change of profile did to the total and offers to keep it.
fn offer_ui(ui: &mut Ui, ed: &mut Ed<'_>, id: egui::Id, p: &Profile, path: &str) {
    let Some(offer) = ui.data(|d| d.get_temp::<Offer>(id)) else {
        return;
    };
    if offer.profile != *p {
        ui.data_mut(|d| d.remove::<Offer>(id));
        return;
    }
    let (before, after) = (
        Unit::Money.format(offer.before),
        Unit::Money.format(offer.after),
    );
    let mut done = false;
    row(ui, "", "", |ui, _| {
        let warn = ui.visuals().warn_fg_color;
        ui.label(
            egui::RichText::new(format!(
                "⚠ This profile changes the total over the appraisal from {before} to {after}."
            ))
            .color(warn),
        );
        ui.horizontal(|ui| {
            if let Some(k) = offer.factor() {
                let keep = format!("Keep the total at {before}");
                let part = lower(&keep);
                let keep = super::field_button(ui, ed, egui::Button::new(keep), true, &part)
                    .on_hover_text("Scale the amount (and its range) so the total stays as it was");
                if keep.clicked() {
                    ed.rescale = Some((path.to_owned(), k));
                    done = true;
                }
            }
            let total = format!("Use {after}");
            let part = lower(&total);
            if super::field_button(ui, ed, egui::Button::new(total), true, &part)
                .on_hover_text("Keep the amount as it is: the new total is meant")
                .clicked()
            {
                done = true;
            }
        });
    });
    if done {
        ui.data_mut(|d| d.remove::<Offer>(id));
    }
}

/// "Keep the total…" as the last part of a control's name: "keep the total…".
fn lower(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

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
                let before = p.times_counted(start, ed.horizon);
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
                let offer = ed
                    .amount
                    .and_then(|a| Offer::new(a, before, p, start, ed.horizon));
                ui.data_mut(|d| match offer {
                    Some(o) => {
                        d.insert_temp(id.with("offer"), o);
                    }
                    None => {
                        d.remove::<Offer>(id.with("offer"));
                    }
                });
                ed.step();
            }
        },
    );
    offer_ui(ui, ed, id.with("offer"), p, path);
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
                // Numbered from 1 as messages and the tornado name it
                // ("profile, share 4"), with the year it falls in.
                let name = format!("Share {} ({})", i + 1, first + i as i32);
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
