//! "What has to be true" in the app: the break-even window, opened from the
//! right-click menu of any number in the editor. It runs what
//! `counterweight solve FILE --input PATH` runs — the same solver, input
//! path and default range — on the tab's deterministic model (MODEL.md:
//! everything else at its central value). Compiling the plan and solving
//! take about 0.2 ms on the largest bundled scenario (docs/benchmarks.md),
//! so it runs on the UI thread, when asked and whenever the scenario changes.

use egui::{Key, RichText, TextEdit, Ui};

use super::Command;
use super::fields::{Unit, weak};
use super::tab::{Tab, TabId};
use crate::model::Plan;
use crate::report::pounds;
use crate::scenario::{Diagnostic, Scenario, validate};
use crate::uncertainty::NoCrossing;
use crate::uncertainty::break_even::{break_even, default_range};

/// The break-even window for one input of one tab.
pub struct BreakEven {
    pub tab: TabId,
    /// As `solve --input` names it: `savings[0].amount`.
    pub path: String,
    unit: Unit,
    /// Where the window first opens: beside the number that was clicked.
    at: Option<egui::Pos2>,
    /// The range searched; `None`: the CLI's default for the input.
    range: Option<(f64, f64)>,
    /// The range as typed in the window.
    lo_text: String,
    hi_text: String,
    range_error: Option<String>,
    answer: Option<Answer>,
}

/// The solve for one version of the tab's scenario.
struct Answer {
    /// The tab's [`Tab::generation`] it was worked out for.
    generation: u64,
    /// Why there is no answer: the input is not in the last valid scenario.
    found: Result<Found, String>,
}

struct Found {
    label: String,
    /// The input's central value now.
    now: f64,
    uncertain: bool,
    range: (f64, f64),
    crossing: Result<f64, NoCrossing>,
    /// The scenario with the input at the break-even value, or why it
    /// cannot be set; `None` when there is no crossing.
    set_to: Option<Result<Scenario, String>>,
    /// The scenario has problems: this is for its last valid version.
    stale: bool,
}

impl BreakEven {
    /// The window for input `path` of `tab`, solved over the default range,
    /// opening beside `at` (the pointer).
    pub fn new(tab: &Tab, path: String, unit: Unit, at: Option<egui::Pos2>) -> Self {
        let mut window = Self {
            tab: tab.id,
            path,
            unit,
            at,
            range: None,
            lo_text: String::new(),
            hi_text: String::new(),
            range_error: None,
            answer: None,
        };
        window.solve(tab);
        window
    }

    /// Solves again unless the answer is for the tab as it is now.
    fn solve(&mut self, tab: &Tab) {
        if self
            .answer
            .as_ref()
            .is_some_and(|a| a.generation == tab.generation)
        {
            return;
        }
        let found = self.find(tab);
        if let Ok(f) = &found {
            self.lo_text = self.unit.format(f.range.0);
            self.hi_text = self.unit.format(f.range.1);
        }
        self.answer = Some(Answer {
            generation: tab.generation,
            found,
        });
    }

    fn find(&self, tab: &Tab) -> Result<Found, String> {
        let stale = tab.has_errors();
        let plan = Plan::new(&tab.valid_scenario);
        let Some(p) = plan.find(&self.path) else {
            return Err(if stale {
                "This input is not in the last version of the scenario without problems: \
                 fix the fields marked in red, then ask again."
                    .to_owned()
            } else {
                "This input is no longer in the scenario.".to_owned()
            });
        };
        let param = &plan.params[p];
        let range = self.range.unwrap_or_else(|| default_range(&plan, p));
        let crossing = break_even(&plan, p, range.0, range.1);
        let set_to = crossing
            .ok()
            .map(|x| self.set_to(tab, x, stale, &param.label));
        Ok(Found {
            label: param.label.clone(),
            now: param.value.central(),
            uncertain: param.value.is_uncertain(),
            range: (range.0.min(range.1), range.0.max(range.1)),
            crossing,
            set_to,
            stale,
        })
    }

    /// The tab's scenario with the input's central value at `x`, if that is a valid scenario.
    fn set_to(&self, tab: &Tab, x: f64, stale: bool, label: &str) -> Result<Scenario, String> {
        if stale {
            return Err(
                "Fix the problems marked in red first: this answer is for the last \
                 version of the scenario without them."
                    .to_owned(),
            );
        }
        let mut s = tab.scenario.clone();
        let v = s
            .value_mut(&self.path)
            .ok_or_else(|| format!("{label} cannot be set from here."))?;
        *v = v.with_central(x);
        match validate(&s).into_iter().find(Diagnostic::is_error) {
            Some(d) => Err(format!("Not a value this input can take: {}", d.message)),
            None => Ok(s),
        }
    }

    /// Reads the typed range and solves over it.
    fn solve_over_typed_range(&mut self, tab: &Tab) {
        let lo = self.unit.parse(&self.lo_text);
        let hi = self.unit.parse(&self.hi_text);
        match (lo, hi) {
            (Ok(lo), Ok(hi)) if lo != hi => {
                self.range = Some((lo, hi));
                self.range_error = None;
                self.answer = None;
                self.solve(tab);
            }
            (Ok(_), Ok(_)) => {
                self.range_error = Some("the range needs two different values".to_owned());
            }
            (Err(e), _) | (_, Err(e)) => self.range_error = Some(e),
        }
    }

    /// Draws the window; false once the user has closed it.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        tab: &Tab,
        commands: &mut Vec<Command>,
    ) -> bool {
        self.solve(tab);
        let mut open = true;
        let mut window = egui::Window::new("Break-even");
        if let Some(at) = self.at {
            window = window.default_pos(at + egui::vec2(24.0, 8.0));
        }
        window
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(440.0)
            .show(ctx, |ui| self.contents_ui(ui, tab, commands));
        open
    }

    fn contents_ui(&mut self, ui: &mut Ui, tab: &Tab, commands: &mut Vec<Command>) {
        let Some(answer) = self.answer.take() else {
            return;
        };
        let action = match &answer.found {
            Ok(found) => self.found_ui(ui, found, commands),
            Err(why) => {
                ui.label(why);
                None
            }
        };
        self.answer = Some(answer);
        match action {
            Some(RangeAction::Typed) => self.solve_over_typed_range(tab),
            Some(RangeAction::Default) => {
                self.range = None;
                self.range_error = None;
                self.answer = None;
                self.solve(tab);
            }
            None => {}
        }
    }

    /// The answer in words, the range and "Set to this value".
    fn found_ui(
        &mut self,
        ui: &mut Ui,
        found: &Found,
        commands: &mut Vec<Command>,
    ) -> Option<RangeAction> {
        let unit = self.unit;
        ui.label(RichText::new(&found.label).strong());
        ui.label(
            RichText::new(format!(
                "The same as counterweight solve FILE --input '{}'",
                self.path
            ))
            .small()
            .color(weak(ui)),
        );
        ui.add_space(4.0);
        let (lo, hi) = found.range;
        let sentence = match found.crossing {
            Ok(x) => format!(
                "Net social value is zero when {} is {} (now {}).",
                found.label,
                unit.show(x),
                unit.show(found.now)
            ),
            Err(e) => format!(
                "Net social value does not cross zero for {} between {} and {}: \
                 it is {} at {} and {} at {}.",
                found.label,
                unit.show(lo),
                unit.show(hi),
                pounds(e.npv_at_lo),
                unit.show(lo),
                pounds(e.npv_at_hi),
                unit.show(hi),
            ),
        };
        ui.add(egui::Label::new(RichText::new(sentence).size(15.0)).wrap());
        let mut note = "Everything else at its central value: the main result, not the \
                        Monte Carlo draws."
            .to_owned();
        if found.uncertain {
            note.push_str(
                " This input is uncertain (low / central / high): break-even moves its \
                 central value.",
            );
        }
        ui.add(egui::Label::new(RichText::new(note).color(weak(ui))).wrap());
        if found.stale {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "The scenario has problems (marked in red): this is for its last version \
                 without them.",
            );
        }

        ui.add_space(6.0);
        let mut action = None;
        ui.horizontal(|ui| {
            let l = ui.label("Search from");
            let lo = ui
                .add(TextEdit::singleline(&mut self.lo_text).desired_width(100.0))
                .labelled_by(l.id);
            let l = ui.label("to");
            let hi = ui
                .add(TextEdit::singleline(&mut self.hi_text).desired_width(100.0))
                .labelled_by(l.id);
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            if ((lo.lost_focus() || hi.lost_focus()) && enter) || ui.button("Solve again").clicked()
            {
                action = Some(RangeAction::Typed);
            }
            if ui
                .add_enabled(self.range.is_some(), egui::Button::new("Default range"))
                .on_hover_text("The range counterweight solve searches when none is given")
                .clicked()
            {
                action = Some(RangeAction::Default);
            }
        });
        if let Some(e) = &self.range_error {
            ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {e}"));
        }

        if let Some(set_to) = &found.set_to {
            ui.add_space(6.0);
            let button = ui
                .add_enabled(set_to.is_ok(), egui::Button::new("Set to this value"))
                .on_hover_text(
                    "Sets the input's central value (an uncertain input keeps its spread \
                     in proportion). Ctrl+Z undoes it.",
                );
            match set_to {
                Ok(s) if button.clicked() => commands.push(Command::Edit {
                    scenario: Box::new(s.clone()),
                    key: None,
                }),
                Ok(_) => {}
                Err(why) => {
                    ui.add(egui::Label::new(RichText::new(why).small().color(weak(ui))).wrap());
                }
            }
        }
        action
    }
}

/// What the range row asked for.
enum RangeAction {
    /// Solve over the range as typed.
    Typed,
    /// Back to the CLI's default range.
    Default,
}

#[cfg(test)]
mod tests {
    use egui::{Key, Modifiers, Role};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT as _, Queryable as _};

    use super::super::App;
    use super::super::fields::BREAK_EVEN_ITEM;
    use super::*;
    use crate::scenario::Value;

    /// The app on the bundled `MoJ` example.
    fn harness() -> Harness<'static, App> {
        harness_of_height(1200.0)
    }

    fn harness_of_height(height: f32) -> Harness<'static, App> {
        let mut h =
            super::super::tests::harness_of_size(App::headless(Vec::new()), [1600.0, height]);
        // Monte Carlo keeps repainting in the background: step, not settle.
        h.run_steps(2);
        h
    }

    fn tab<'a>(h: &'a Harness<'_, App>) -> &'a Tab {
        let app = h.state();
        &app.tabs[app.active]
    }

    /// Right-clicks the text field labelled `label` and picks break-even.
    fn ask(h: &mut Harness<'_, App>, label: &str) {
        h.get_by_role_and_label(Role::TextInput, label)
            .scroll_to_me();
        h.run_steps(2);
        h.get_by_role_and_label(Role::TextInput, label)
            .click_secondary();
        h.run_steps(2);
        h.get_by_label(BREAK_EVEN_ITEM).click();
        // The click, the command, then the new window's invisible sizing pass.
        h.run_steps(3);
    }

    /// What `counterweight solve` gives for `path` over its default range.
    fn solve(h: &Harness<'_, App>, path: &str) -> (Result<f64, NoCrossing>, (f64, f64)) {
        let plan = Plan::new(&tab(h).valid_scenario);
        let p = plan.find(path).expect("an input");
        let (lo, hi) = default_range(&plan, p);
        (break_even(&plan, p, lo, hi), (lo, hi))
    }

    #[test]
    fn right_click_on_the_claim_gives_the_claim_at_which_net_social_value_is_zero() {
        let mut h = harness();
        ask(&mut h, "Claimed amount");
        let (answer, _) = solve(&h, "savings[0].amount");
        let x = answer.expect("the claim crosses zero");
        // By hand: NPV(NSV) is £58.8m with the £100m claim (`counterweight
        // report`), and each £1 of the claim, spread over 7 years, is worth
        // £0.904 in NPV (FACTS.md: £100m is £90.41m), with no haircut; so NSV
        // is zero at 100 − 58.8 / 0.904 ≈ £34.9m.
        assert!((34.5e6..35.3e6).contains(&x), "{x}");
        h.get_by_label(&format!(
            "Net social value is zero when Back-office savings (MoJ's claim) — amount is {} (now £100.0m).",
            Unit::Money.show(x)
        ));
        // The claim is uncertain: the window says what moves.
        h.get_by_label_contains("break-even moves its central value");
    }

    #[test]
    fn set_to_this_value_edits_the_input_and_undo_restores_it() {
        let mut h = harness();
        let before = tab(&h).scenario.clone();
        ask(&mut h, "Claimed amount");
        let (answer, _) = solve(&h, "savings[0].amount");
        let x = answer.expect("the claim crosses zero");
        h.get_by_label("Set to this value").click();
        h.run_steps(2);

        let t = tab(&h);
        assert_eq!(t.scenario.savings[0].amount.central(), x);
        assert!(
            matches!(t.scenario.savings[0].amount, Value::Tri { .. }),
            "the claim stays uncertain"
        );
        assert!(
            t.results.npv.net_social_value.abs() < 1.0,
            "net social value is zero: {}",
            t.results.npv.net_social_value
        );
        assert_eq!(
            h.get_by_role_and_label(Role::TextInput, "Claimed amount")
                .value()
                .as_deref(),
            Some(Unit::Money.format(x).as_str())
        );
        // The window follows the edit.
        h.get_by_label_contains(&format!("(now {})", Unit::Money.show(x)));

        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        assert_eq!(tab(&h).scenario, before, "one undo step");
        assert_eq!(
            h.get_by_role_and_label(Role::TextInput, "Claimed amount")
                .value()
                .as_deref(),
            Some("£100.0m")
        );
        h.get_by_label_contains("(now £100.0m)");
    }

    #[test]
    fn an_input_that_cannot_bring_net_social_value_to_zero_says_so() {
        let mut h = harness();
        h.get_by_label("Fines (1)").click_accesskit();
        h.run_steps(2);
        ask(&mut h, "Probability");
        let (answer, (lo, hi)) = solve(&h, "fines[0].probability");
        let e = answer.expect_err("a fine the supplier pays only adds to net social value");
        // By hand: the default range of a point 0.3 that cannot be negative
        // is 0 to 10 × 0.3 = 3 (300 %).
        assert_eq!((lo, hi), (0.0, 3.0));
        h.get_by_label(&format!(
            "Net social value does not cross zero for Service-credit deductions from SSCL — probability \
             between 0% and 300%: it is {} at 0% and {} at 300%.",
            pounds(e.npv_at_lo),
            pounds(e.npv_at_hi)
        ));
        assert!(h.query_by_label("Set to this value").is_none());
    }

    #[test]
    fn a_new_range_is_searched_when_asked() {
        let mut h = harness();
        ask(&mut h, "Claimed amount");
        // Above £21.6m the claim always leaves net social value positive.
        for (label, text) in [("Search from", "£50m"), ("to", "£120m")] {
            let field = h.get_by_role_and_label(Role::TextInput, label);
            field.focus();
            h.run();
            h.key_press_modifiers(Modifiers::COMMAND, Key::A);
            h.get_by_role_and_label(Role::TextInput, label)
                .type_text(text);
            h.run_steps(2);
        }
        h.get_by_label("Solve again").click();
        h.run_steps(2);
        h.get_by_label_contains(
            "does not cross zero for Back-office savings (MoJ's claim) — amount between £50.0m and £120.0m",
        );
        h.get_by_label("Default range").click();
        h.run_steps(2);
        h.get_by_label_contains("Net social value is zero when");
        // A range that is not money is marked, and the answer stays.
        let field = h.get_by_role_and_label(Role::TextInput, "to");
        field.focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_role_and_label(Role::TextInput, "to")
            .type_text("lots");
        h.run();
        h.get_by_label("Solve again").click();
        h.run_steps(2);
        h.get_by_label_contains("expected an amount of money");
        h.get_by_label_contains("Net social value is zero when");
    }

    #[test]
    fn assumptions_offer_break_even_and_whole_years_say_why_not() {
        let mut h = harness();
        h.get_by_label("Assumptions").click_accesskit();
        h.run_steps(2);
        let years = h.get_by_role_and_label(Role::SpinButton, "Scarring years");
        years.scroll_to_me();
        h.run_steps(2);
        h.get_by_role_and_label(Role::SpinButton, "Scarring years")
            .click_secondary();
        h.run_steps(2);
        let item = h.get_by_label(BREAK_EVEN_ITEM);
        assert!(
            item.accesskit_node().is_disabled(),
            "no break-even for whole years"
        );
        h.key_press(Key::Escape);
        h.run_steps(2);

        ask(&mut h, "Wage scarring");
        // Whichever the solver says, the window says the same.
        match solve(&h, "assumptions.wage_scarring").0 {
            Ok(x) => {
                h.get_by_label_contains(&format!("Wage scarring is {}", Unit::Percent.show(x)))
            }
            Err(_) => h.get_by_label_contains("does not cross zero for Wage scarring"),
        };
    }

    #[test]
    fn every_number_in_the_editor_names_an_input_the_solver_knows() {
        // Tall enough for the whole editor, unfolded, without scrolling.
        let mut h = harness_of_height(6000.0);
        for section in [
            "Settings",
            "Costs (",
            "Fines (",
            "Jobs moved offshore (",
            "Data risk (",
            "Assumptions",
        ] {
            h.get_by_label_contains(section).click_accesskit();
            h.run_steps(2);
        }
        // Lists of more than two items start folded.
        let s = tab(&h).scenario.clone();
        let folded = (s.costs.iter().map(|c| &c.label))
            .enumerate()
            .chain(s.job_moves.iter().map(|j| &j.label).enumerate());
        for (i, label) in folded {
            h.get_by_label(&format!("{}. {label}", i + 1))
                .click_accesskit();
            h.run_steps(2);
        }
        h.run_steps(30); // the folding animations
        let fields = h.get_all_by_role(Role::TextInput).count();
        let mut solved = std::collections::BTreeSet::new();
        for i in 0..fields {
            h.get_all_by_role(Role::TextInput)
                .nth(i)
                .expect("the same fields")
                .click_secondary();
            // The click, then the menu's invisible sizing pass.
            h.run_steps(2);
            // Text fields (labels, notes, titles) have no menu.
            let Some(item) = h.query_by_label(BREAK_EVEN_ITEM) else {
                continue;
            };
            item.click();
            h.run_steps(3);
            let window = h.state().break_even.as_ref().expect("the window opens");
            let path = window.path.clone();
            assert!(
                h.query_by_label_contains("Net social value is zero when")
                    .is_some()
                    || h.query_by_label_contains("Net social value does not cross zero")
                        .is_some(),
                "{path}: no answer"
            );
            solved.insert(path);
            h.state_mut().break_even = None;
            h.step();
        }
        // Every input of the example (the plan's names for them) is reached.
        let plan = Plan::new(&tab(&h).valid_scenario);
        let all: std::collections::BTreeSet<String> =
            plan.params.iter().map(|p| p.path.clone()).collect();
        let missing: Vec<&String> = all.difference(&solved).collect();
        assert!(
            missing.is_empty(),
            "no break-even from the editor for {missing:?}"
        );
    }
}
