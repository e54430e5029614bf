//! The Correlations section: rank correlations between pairs of uncertain
//! inputs, for the Monte Carlo run (each input keeps its own range). Pairs
//! are chosen by the inputs' names, as the editor shows them; the file
//! keeps their paths.

use egui::{RichText, Ui};

use crate::app::a11y;
use crate::app::fields::{self, Ed};
use crate::scenario::Correlation;

/// One uncertain input that can be correlated: its path in the file and
/// its name for people.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncertain {
    pub path: String,
    pub label: String,
}

/// The uncertain inputs of a scenario, in the editor's order.
#[must_use]
pub fn uncertain_inputs(plan: &crate::model::Plan) -> Vec<Uncertain> {
    plan.params
        .iter()
        .filter(|p| !matches!(p.value, crate::scenario::Value::Point(_)))
        .map(|p| Uncertain {
            path: p.path.clone(),
            label: p.label.clone(),
        })
        .collect()
}

/// The name of the input at `path`, or the path itself (marked) when it is
/// not an uncertain input.
fn name_of<'a>(inputs: &'a [Uncertain], path: &'a str) -> std::borrow::Cow<'a, str> {
    inputs.iter().find(|u| u.path == path).map_or_else(
        || format!("{path} (not an uncertain input)").into(),
        |u| u.label.as_str().into(),
    )
}

/// "Correlations (2)": every pair, a button to add one.
pub fn correlations_ui(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    list: &mut Vec<Correlation>,
    inputs: &[Uncertain],
) {
    ui.add(
        egui::Label::new(
            RichText::new(
                "For the Monte Carlo run only: a rank correlation of 0.6 means that when one \
                 input is high the other tends to be high too (−0.6: low). Each input keeps its \
                 own range; the main results do not change.",
            )
            .small()
            .color(fields::weak(ui)),
        )
        .wrap(),
    );
    let mut remove = None;
    for (i, c) in list.iter_mut().enumerate() {
        let path = format!("correlations[{i}]");
        // What a screen reader calls each control: "Correlation 1 — first input".
        let scope = format!("Correlation {}", i + 1);
        let named = |resp: &egui::Response, field: &str| {
            a11y::name(resp, &fields::field_name(&scope, field, ""));
        };
        ui.push_id(i, |ui| {
            ui.separator();
            ui.label(RichText::new(format!("{}. Pair", i + 1)).strong());
            egui::Grid::new("pair").num_columns(2).show(ui, |ui| {
                for (which, at) in [("First input", &mut c.a), ("Second input", &mut c.b)] {
                    let l = ui.label(which);
                    let before = at.clone();
                    // Long input names ("Jobs moved offshore 1. … — jobs")
                    // are cut to the editor's width; the list shows them whole.
                    let combo = egui::ComboBox::from_id_salt(which)
                        .width(ui.available_width().min(300.0))
                        .truncate()
                        .selected_text(name_of(inputs, at))
                        .show_ui(ui, |ui| {
                            for u in inputs {
                                ui.selectable_value(at, u.path.clone(), &u.label);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    named(&combo, which);
                    a11y::combo(&combo, &name_of(inputs, at));
                    if *at != before {
                        ed.step();
                    }
                    ui.end_row();
                }
                let l = ui.label("Rank correlation");
                let resp = ui
                    .add(
                        egui::DragValue::new(&mut c.rank)
                            .range(-0.99..=0.99)
                            .speed(0.01)
                            .fixed_decimals(2),
                    )
                    .labelled_by(l.id);
                named(&resp, "Rank correlation");
                if resp.changed() {
                    ed.key = Some(resp.id);
                }
                ui.end_row();
                let l = ui.label("Note");
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut c.note)
                            .desired_width(300.0)
                            .hint_text("what links the two (a source, or \"assumption\")"),
                    )
                    .labelled_by(l.id);
                named(&resp, "Note");
                if resp.changed() {
                    ed.key = Some(resp.id);
                }
                ui.end_row();
            });
            for key in ["", ".a", ".b", ".rank"] {
                if let Some(message) = ed.errors.get(&format!("{path}{key}")) {
                    ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {message}"));
                }
            }
            let remove_button = ui.small_button("Remove this pair");
            named(&remove_button, "Remove this pair");
            if remove_button
                .on_hover_text("The two inputs are drawn independently again")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        list.remove(i);
        ed.structural = true;
    }
    ui.separator();
    if inputs.len() < 2 {
        ui.label("Make at least two inputs uncertain (a range) to correlate them.");
        return;
    }
    if ui.button("Add a correlation").clicked()
        && let Some(pair) = first_free_pair(list, inputs)
    {
        list.push(pair);
        ed.structural = true;
    }
}

/// The first pair of inputs not yet correlated, at 0.5.
fn first_free_pair(list: &[Correlation], inputs: &[Uncertain]) -> Option<Correlation> {
    let taken = |a: &str, b: &str| {
        list.iter()
            .any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
    };
    for (i, a) in inputs.iter().enumerate() {
        for b in &inputs[i + 1..] {
            if !taken(&a.path, &b.path) {
                return Some(Correlation {
                    a: a.path.clone(),
                    b: b.path.clone(),
                    rank: 0.5,
                    note: String::new(),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(n: usize) -> Vec<Uncertain> {
        (0..n)
            .map(|i| Uncertain {
                path: format!("savings[{i}].amount"),
                label: format!("Saving {i} — amount"),
            })
            .collect()
    }

    #[test]
    fn a_new_pair_is_one_not_yet_correlated_in_either_order() {
        let ins = inputs(3);
        let mut list = vec![Correlation {
            a: ins[1].path.clone(),
            b: ins[0].path.clone(),
            rank: 0.3,
            note: String::new(),
        }];
        let next = first_free_pair(&list, &ins).expect("a pair");
        assert_eq!(
            (next.a.as_str(), next.b.as_str()),
            ("savings[0].amount", "savings[2].amount")
        );
        list.push(next);
        list.push(first_free_pair(&list, &ins).expect("a pair"));
        assert!(
            first_free_pair(&list, &ins).is_none(),
            "all three pairs taken"
        );
    }

    #[test]
    fn a_path_that_is_not_an_uncertain_input_says_so() {
        let ins = inputs(1);
        assert_eq!(name_of(&ins, "savings[0].amount"), "Saving 0 — amount");
        assert!(name_of(&ins, "costs[3].amount").contains("not an uncertain input"));
    }
}
