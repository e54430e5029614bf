//! The department's claim, at the top of the editor: the claimed amount,
//! and quick entry from the words of the claim ("£100m over 7 years").

use egui::{RichText, Ui};

use super::EditorState;
use super::table::TEXT_WIDTH;
use crate::app::fields::{self, Ed, Unit, row};
use crate::money::parse_claim;
use crate::scenario::{Flow, Profile, Scenario, Value};

/// The department's claim: quick entry from the words of the claim, and the
/// claimed amount itself.
pub fn claim_ui(ui: &mut Ui, state: &mut EditorState, ed: &mut Ed<'_>, s: &mut Scenario) {
    let EditorState {
        claim_text,
        claim_feedback,
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
                        let line = ui.horizontal(|ui| {
                            fields::number(ui, ed, l, &mut central, Unit::Money, ui.make_persistent_id("claimed_amount"), 120.0);
                            ui.label(RichText::new(profile_words(&flow.profile)).color(fields::weak(ui)));
                        });
                        fields::break_even_menu(&line.response, ed, &path, Unit::Money);
                        if central.to_bits() != before.to_bits() {
                            flow.amount = flow.amount.with_central(central);
                        }
                        fields::problem(ui, ed, &path, ui.min_rect());
                    }
                    None => {
                        ui.label(RichText::new("No saving is marked as the claim: type it below, or tick “part of the claim” on a saving.").color(fields::weak(ui)));
                    }
                }
            });
            row(ui, "Claim as written", "Paste or type the claim, e.g. “save over £100m in the next seven years”", |ui, l| {
                ui.horizontal(|ui| {
                    let resp = ui
                        .add(egui::TextEdit::singleline(claim_text).hint_text("e.g. £100m over 7 years").desired_width(TEXT_WIDTH))
                        .labelled_by(l);
                    if let Some(Err(e)) = claim_feedback {
                        crate::app::a11y::invalid(&resp, e);
                    }
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Use this claim").clicked() || enter {
                        *claim_feedback = Some(apply_claim(s, claim_text, ed.start_year));
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

/// Sets the claim flow (the first saving marked as the claim, or a new one)
/// from the words of a claim. Returns what was understood.
fn apply_claim(s: &mut Scenario, text: &str, start_year: i32) -> Result<String, String> {
    let claim = parse_claim(text, start_year).map_err(|e| e.0)?;
    let words = claim.describe();
    let note = format!("As claimed: “{}”", text.trim());
    match s.savings.iter_mut().position(|f| f.claim) {
        Some(i) => {
            let f = &mut s.savings[i];
            f.amount = Value::Point(claim.amount);
            f.profile = claim.profile;
            f.note = note;
            Ok(format!("savings {}: {words}", i + 1))
        }
        None => {
            let mut f = Flow::new("Department's claimed savings", claim.amount, claim.profile);
            f.claim = true;
            f.note = note;
            s.savings.push(f);
            Ok(format!("added a claimed saving: {words}"))
        }
    }
}

/// "spread over 2014–2020" for the claim line.
fn profile_words(p: &Profile) -> String {
    match p {
        Profile::Once(y) => format!("in {y}"),
        Profile::Annual { from, to: Some(to) } => format!("a year, {from}–{to}"),
        Profile::Annual { from, to: None } => format!("a year from {from}"),
        Profile::Spread { from, years } => {
            format!("in total over {from}–{}", from + *years as i32 - 1)
        }
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
        let done = apply_claim(&mut s, "£100m over 7 years", 2014).expect("claim");
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
        apply_claim(&mut s, "£28m a year from 2015", 2014).expect("claim");
        assert_eq!(
            s.savings.len(),
            1,
            "replaces the claim rather than adding a second one"
        );
        assert!(apply_claim(&mut s, "lots", 2014).is_err());
    }
}
