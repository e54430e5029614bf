//! "What has to be true" in the app: the break-even window, opened from the
//! right-click menu of any number in the editor. It runs what
//! `counterweight solve FILE --input PATH` runs — the same solver, input
//! path and default range — on the tab's deterministic model (MODEL.md:
//! everything else at its central value). Compiling the plan and solving
//! take about 0.2 ms on the largest bundled scenario (docs/benchmarks.md),
//! so it runs on the UI thread, when asked and whenever the scenario changes.

use egui::{Key, RichText, TextEdit, Ui};

use super::command::{Command, CommandQueue};
use super::fields::{Unit, weak};
use super::tab::{Tab, TabId};
use super::ui_command::UiCommand;
use crate::model::Plan;
use crate::report::pounds;
use crate::scenario::{Diagnostic, Scenario, validate};
use crate::uncertainty::NoCrossing;
use crate::uncertainty::break_even::{break_even, default_range_within_limits};

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
        let range = self
            .range
            .unwrap_or_else(|| default_range_within_limits(&plan, p));
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
        *v = self.unit.stored_value(v.with_central(self.unit.stored(x)));
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
        commands: &mut CommandQueue,
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

    fn contents_ui(&mut self, ui: &mut Ui, tab: &Tab, commands: &mut CommandQueue) {
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
        commands: &mut CommandQueue,
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
                .on_hover_text(format!(
                    "Sets the input's central value (an uncertain input keeps its spread \
                     in proportion). {} undoes it.",
                    UiCommand::Undo.shortcut_text(ui.ctx())
                ));
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
mod tests;
