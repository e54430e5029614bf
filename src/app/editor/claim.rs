//! The department's claim, at the top of the editor: the claimed amount,
//! and quick entry from the words of the claim ("£100m over 7 years").

use egui::{RichText, Ui};

use super::ClaimBox;
use super::table::TEXT_WIDTH;
use crate::app::fields::{self, Ed, Unit, row};
use crate::money::{Claim, parse_claim, parse_money};
use crate::scenario::{Flow, Profile, Scenario};

/// The department's claim: quick entry from the words of the claim, and the
/// claimed amount itself.
pub fn claim_ui(ui: &mut Ui, state: &mut ClaimBox, ed: &mut Ed<'_>, s: &mut Scenario) {
    let ClaimBox {
        text: claim_text,
        feedback: claim_feedback,
    } = state;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("The department's claim").strong().size(15.0));
        ui.label(
            RichText::new("Change it here (or any figure below): the results on the right update as you type.")
                .small()
                .color(fields::weak(ui)),
        );
        let claim_index = s.savings.iter().position(|f| f.claim);
        egui::Grid::new("claim_grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            row(ui, "Claimed amount", "The headline saving the department claims (savings marked as the claim)", |ui, l| {
                match claim_index {
                    Some(i) => {
                        let path = format!("savings[{i}].amount");
                        let flow = &mut s.savings[i];
                        let mut central = flow.amount.central();
                        let before = central;
                        let id = ui.make_persistent_id("claimed_amount");
                        let line = ui.horizontal_wrapped(|ui| {
                            fields::number(ui, ed, l, &mut central, Unit::Money, id, 120.0);
                            ui.label(RichText::new(profile_words(&flow.profile)).color(fields::weak(ui)));
                        });
                        fields::break_even_menu(&line.response, ed, &path, Unit::Money);
                        if central.to_bits() != before.to_bits() {
                            flow.amount = Unit::Money.stored_value(flow.amount.with_central(central));
                        }
                        fields::problem(ui, ed, &path, ui.min_rect());
                        // The amount box takes a whole claim too ("£120m over 7 years").
                        let phrase = ui.data(|d| {
                            d.get_temp::<String>(id.with("error"))
                                .and(d.get_temp::<String>(id.with("text")))
                        });
                        if let Some(text) = phrase
                            && let Ok(Entry::Claim(_)) = read_entry(&text, ed.start_year)
                        {
                            *claim_feedback = Some(apply_claim(s, &text, ed.start_year, &crate::brief::today()));
                            ui.data_mut(|d| d.remove::<String>(id.with("error")));
                            ed.key = Some(id);
                        }
                    }
                    None => {
                        ui.label(RichText::new("No saving is marked as the claim: type it below, or tick “part of the claim” on a saving.").color(fields::weak(ui)));
                    }
                }
            });
            row(ui, "Claim as written", "Paste or type the claim, e.g. “save over £100m in the next seven years”", |ui, l| {
                ui.horizontal_wrapped(|ui| {
                    let resp = ui
                        .add(egui::TextEdit::singleline(claim_text).hint_text("e.g. £100m over 7 years").desired_width(TEXT_WIDTH))
                        .labelled_by(l);
                    if let Some(Err(e)) = claim_feedback {
                        crate::app::a11y::invalid(&resp, e);
                    }
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Use this claim").clicked() || enter {
                        *claim_feedback = Some(apply_claim(s, claim_text, ed.start_year, &crate::brief::today()));
                        if matches!(claim_feedback, Some(Ok(_))) {
                            ed.step();
                        }
                    }
                });
                match claim_feedback {
                    Some(Ok(done)) => {
                        let said = ui.label(RichText::new(format!("✔ {done}")).small());
                        crate::app::a11y::announce(&said, done);
                    }
                    Some(Err(e)) => {
                        let said = ui.colored_label(ui.visuals().error_fg_color, RichText::new(format!("⚠ {e}")).small());
                        crate::app::a11y::announce(&said, e);
                    }
                    None => {}
                }
            });
        });
    });
}

/// What a claim box was given: a whole claim ("£100m over 7 years"), or
/// an amount alone ("£120m"), which keeps the claim's profile.
#[derive(Debug, PartialEq)]
enum Entry {
    Claim(Claim),
    Amount(f64),
}

/// Reads a claim as written, or an amount alone.
fn read_entry(text: &str, start_year: i32) -> Result<Entry, String> {
    match parse_claim(text, start_year) {
        Ok(c) => Ok(Entry::Claim(c)),
        Err(e) => parse_money(text).map(Entry::Amount).map_err(|_| e.0),
    }
}

/// Money set by the app is kept to the penny: no float noise in the file.
fn to_pence(x: f64) -> f64 {
    Unit::Money.stored(x)
}

/// The note with a dated line saying the claim was re-entered; a line of
/// the same day replaced rather than repeated.
fn note_with_entry(note: &str, line: &str, today: &str) -> String {
    let same_day = format!("Claim re-entered on {today} as");
    let mut lines: Vec<&str> = note.lines().collect();
    if lines.last().is_some_and(|l| l.starts_with(&same_day)) {
        lines.pop();
    }
    let kept = lines.join("\n");
    if kept.trim().is_empty() {
        line.to_owned()
    } else {
        format!("{kept}\n{line}")
    }
}

/// Sets the claim flow (the first saving marked as the claim, or a new one)
/// from the words of a claim: its amount and profile only. An uncertain
/// amount keeps its spread in proportion; the note keeps its text and gains
/// a dated line. Returns what changed, in words.
fn apply_claim(
    s: &mut Scenario,
    text: &str,
    start_year: i32,
    today: &str,
) -> Result<String, String> {
    let entry = read_entry(text, start_year)?;
    let line = format!("Claim re-entered on {today} as “{}”.", text.trim());
    match s.savings.iter_mut().position(|f| f.claim) {
        Some(i) => {
            let f = &mut s.savings[i];
            let (amount, profile) = match entry {
                Entry::Claim(c) => (to_pence(c.amount), c.profile),
                Entry::Amount(x) => (to_pence(x), f.profile.clone()),
            };
            let mut said = vec![];
            let old_amount = f.amount.central();
            if amount.to_bits() != old_amount.to_bits() {
                said.push(format!(
                    "amount from {} to {}",
                    Unit::Money.format(old_amount),
                    Unit::Money.format(amount)
                ));
                f.amount = Unit::Money.stored_value(f.amount.with_central(amount));
                if f.amount.is_uncertain() {
                    said.push("its range keeps its spread".to_owned());
                }
            }
            if profile != f.profile {
                said.push(format!(
                    "profile from “{}” to “{}”",
                    profile_words(&f.profile),
                    profile_words(&profile)
                ));
                f.profile = profile;
            }
            if said.is_empty() {
                return Ok(format!(
                    "Savings {}. {}: already claimed so; nothing changed",
                    i + 1,
                    f.label
                ));
            }
            f.note = note_with_entry(&f.note, &line, today);
            Ok(format!(
                "Savings {}. {}: {}; a dated line added to its note. Undo puts it back.",
                i + 1,
                f.label,
                said.join("; ")
            ))
        }
        None => {
            let claim = match entry {
                Entry::Claim(c) => c,
                Entry::Amount(_) => {
                    return Err(
                        "a new claim needs a period too: add “over 7 years”, “a year” or “in 2015”"
                            .to_owned(),
                    );
                }
            };
            let words = claim.describe();
            let mut f = Flow::new(
                "Department's claimed savings",
                to_pence(claim.amount),
                claim.profile,
            );
            f.claim = true;
            f.note = format!("As claimed (entered on {today}): “{}”.", text.trim());
            s.savings.push(f);
            Ok(format!("Added a claimed saving: {words}"))
        }
    }
}

/// "spread over 2014–2020" for the claim line.
fn profile_words(p: &Profile) -> String {
    match p {
        Profile::Once(y) => format!("in {y}"),
        Profile::Annual { from, to: Some(to) } => format!("a year, {from}–{to}"),
        Profile::Annual { from, to: None } => format!("a year from {from}"),
        Profile::Spread { from, years } => format!(
            "in total over {}",
            crate::report::years_words(*from, from + *years as i32 - 1)
        ),
        Profile::Ramp { from, .. } => format!("a year (ramping up from {from})"),
        Profile::Custom { from, .. } => format!("shared over years from {from}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_claim_sets_the_claim_flow() {
        let mut s = Scenario::new("T", 2014, 10);
        let done = apply_claim(&mut s, "£100m over 7 years", 2014, "2026-12-01").expect("claim");
        assert!(done.contains("£100.0m"), "{done}");
        assert_eq!(s.savings.len(), 1);
        assert!(s.savings[0].claim);
        assert_eq!(
            s.savings[0].profile,
            Profile::Spread {
                from: 2014,
                years: 7
            }
        );
        apply_claim(&mut s, "£28m a year from 2015", 2014, "2026-12-01").expect("claim");
        assert_eq!(
            s.savings.len(),
            1,
            "replaces the claim rather than adding a second one"
        );
        assert!(apply_claim(&mut s, "lots", 2014, "2026-12-01").is_err());
    }

    /// The `MoJ` claim as the bundled file has it: a sourced range with a note.
    fn sourced() -> Scenario {
        let mut s = Scenario::new("T", 2014, 10);
        let mut f = Flow::new(
            "Back-office savings",
            100e6,
            Profile::Spread {
                from: 2014,
                years: 7,
            },
        );
        f.amount = crate::scenario::Value::Tri {
            low: 30e6,
            mode: 100e6,
            high: 120e6,
        };
        f.claim = true;
        f.note = "Tech Monitor, 24 July 2014: \"over £100m\".".into();
        s.savings.push(f);
        s
    }

    #[test]
    fn re_entering_a_claim_keeps_its_range_in_proportion_and_its_note() {
        let mut s = sourced();
        let done = apply_claim(&mut s, "£120m over 7 years", 2014, "2026-12-01").expect("claim");
        let f = &s.savings[0];
        assert_eq!(
            f.amount,
            crate::scenario::Value::Tri {
                low: 36e6,
                mode: 120e6,
                high: 144e6
            }
        );
        assert_eq!(
            f.note,
            "Tech Monitor, 24 July 2014: \"over £100m\".\nClaim re-entered on 2026-12-01 as “£120m over 7 years”."
        );
        assert!(done.contains("amount from £100.0m to £120.0m"), "{done}");
        assert!(done.contains("keeps its spread"), "{done}");
        assert!(
            !done.contains("profile"),
            "the profile did not change: {done}"
        );
        // Again the same day: one dated line, not two.
        apply_claim(&mut s, "£125m over 7 years", 2014, "2026-12-01").expect("claim");
        assert_eq!(s.savings[0].note.matches("re-entered").count(), 1);
        assert!(s.savings[0].note.ends_with("“£125m over 7 years”."));
    }

    #[test]
    fn an_amount_alone_keeps_the_profile_and_a_new_period_says_so() {
        let mut s = sourced();
        apply_claim(&mut s, "£90m", 2014, "2026-12-01").expect("an amount alone");
        assert_eq!(s.savings[0].amount.central(), 90e6);
        assert_eq!(
            s.savings[0].profile,
            Profile::Spread {
                from: 2014,
                years: 7
            }
        );
        let done = apply_claim(&mut s, "£90m over 5 years", 2014, "2026-12-01").expect("claim");
        assert!(
            done.contains("profile from “in total over 2014–2020” to “in total over 2014–2018”"),
            "{done}"
        );
        assert!(!done.contains("amount"), "{done}");
    }

    #[test]
    fn money_set_by_the_app_is_kept_to_the_penny() {
        let mut s = sourced();
        apply_claim(&mut s, "£37.1999999999m over 7 years", 2014, "2026-12-01").expect("claim");
        assert_eq!(s.savings[0].amount.central(), 37_200_000.0);
    }
}
