//! One open scenario: where it lives, what is being edited, the last results
//! that were valid, and the undo history.

use std::collections::HashMap;
use std::path::PathBuf;

use super::files::lock::FileLock;
use crate::model::{Results, evaluate};
use crate::scenario::file::{OnDisk, Opened};
use crate::scenario::{Diagnostic, Scenario, validate};

/// Undo steps kept per tab; older ones are dropped.
const UNDO_LIMIT: usize = 500;

/// Identifies a tab across frames, even as tabs are closed and reordered.
pub type TabId = u64;

/// One scenario open in the app.
pub struct Tab {
    pub id: TabId,
    /// Where it is saved; `None` for a new or bundled scenario.
    pub path: Option<PathBuf>,
    pub scenario: Scenario,
    /// What is on disk (or what it started as); `None` when nothing is saved yet
    /// and the work would be lost (recovered work).
    saved: Option<Scenario>,
    /// The results of the last scenario that had no errors.
    pub results: Results,
    /// That scenario, for chart titles that match the results.
    pub valid_scenario: Scenario,
    /// The inputs with a range, by path and name, for the Correlations section.
    pub uncertain: Vec<super::editor::correlations::Uncertain>,
    /// Problems with the current scenario (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// Error messages by field path (`job_moves[2].salary`), for the editor.
    pub field_errors: HashMap<String, String>,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The field whose typing the last undo step covers, so one word is one step.
    last_edit_key: Option<egui::Id>,
    /// Bumped on every change, so autosave knows what it has written.
    pub generation: u64,
    /// What the file held when it was opened or last saved here: its text,
    /// so a save changes only what was edited, and its fingerprint, so a
    /// colleague's save in the meantime is noticed. `None` for a tab with
    /// no file, or recovered work whose file was not read.
    pub opened: Option<Opened>,
    /// True when another Counterweight window has this file open for
    /// editing: this tab shows it, but does not save over it until the
    /// user chooses to edit anyway.
    pub read_only: bool,
    /// This window's lock on the file (see `files::lock`).
    pub lock: Option<FileLock>,
    /// A changed version on disk the user has been told about and chose to
    /// keep editing over: not asked about again until it changes again.
    pub seen_on_disk: Option<OnDisk>,
}

impl Tab {
    /// A tab showing `scenario`, saved at `path` (or not saved at all).
    pub fn new(id: TabId, path: Option<PathBuf>, scenario: Scenario, saved: bool) -> Self {
        let results = evaluate(&scenario);
        let mut tab = Self {
            id,
            path,
            saved: saved.then(|| scenario.clone()),
            valid_scenario: scenario.clone(),
            uncertain: Vec::new(),
            scenario,
            results,
            diagnostics: Vec::new(),
            field_errors: HashMap::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit_key: None,
            generation: 0,
            opened: None,
            read_only: false,
            lock: None,
            seen_on_disk: None,
        };
        tab.recompute();
        tab
    }

    /// The file name shown in chart source lines ("" when not saved).
    pub fn file_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The last valid scenario and its results, as charts take them.
    pub fn with_subject<R>(&self, f: impl FnOnce(&crate::chart::Subject<'_>) -> R) -> R {
        let file_name = self.file_name();
        f(&crate::chart::Subject {
            scenario: &self.valid_scenario,
            results: &self.results,
            file_name: &file_name,
        })
    }

    /// The name on the tab: the scenario's title, else the file name.
    pub fn name(&self) -> String {
        let title = self.scenario.title.trim();
        if !title.is_empty() {
            return title.to_owned();
        }
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled scenario".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// True when there are changes that are not in the file.
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.scenario)
    }

    /// True when the scenario has errors (the results shown are older).
    pub fn has_errors(&self) -> bool {
        !self.field_errors.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Replaces the scenario with an edited one, keeping an undo step. Edits
    /// with the same `key` in a row (typing in one field) are one step.
    pub fn edit(&mut self, scenario: Scenario, key: Option<egui::Id>) {
        if scenario == self.scenario {
            return;
        }
        let continues = key.is_some() && key == self.last_edit_key;
        if !continues {
            self.undo.push(self.scenario.clone());
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.last_edit_key = key;
        self.redo.clear();
        self.scenario = scenario;
        self.recompute();
    }

    /// Steps back one edit; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo
            .push(std::mem::replace(&mut self.scenario, previous));
        self.last_edit_key = None;
        self.recompute();
        true
    }

    /// Re-applies an undone edit; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.scenario, next));
        self.last_edit_key = None;
        self.recompute();
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that `scenario` is now what is at `path`.
    pub fn mark_saved(&mut self, path: PathBuf, scenario: Scenario) {
        self.path = Some(path);
        self.saved = Some(scenario);
        self.last_edit_key = None;
    }

    /// Replaces the scenario with the version now in the file (`opened`),
    /// as one undo step: Undo brings back what was shown before.
    pub fn reload(&mut self, scenario: Scenario, opened: Opened) {
        self.edit(scenario.clone(), None);
        self.saved = Some(scenario);
        self.opened = Some(opened);
        self.seen_on_disk = None;
        self.last_edit_key = None;
    }

    /// What the file held when opened or last saved (the base of "what
    /// they changed").
    pub fn saved_scenario(&self) -> Option<&Scenario> {
        self.saved.as_ref()
    }

    /// Validates and, when valid, recomputes the results. Invalid scenarios
    /// keep the last valid results on screen.
    fn recompute(&mut self) {
        self.generation += 1;
        self.diagnostics = validate(&self.scenario);
        self.field_errors = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.path.clone(), d.message.clone()))
            .collect();
        if !self.has_errors() {
            self.results = evaluate(&self.scenario);
            // The tornado follows on a thread (`Analysis`).
            self.valid_scenario.clone_from(&self.scenario);
            let plan = crate::model::Plan::new(&self.scenario);
            self.uncertain = super::editor::correlations::uncertain_inputs(&plan);
        }
    }
}

/// Every tab's last valid scenario and results, as the compare chart takes them.
pub fn with_subjects<R>(tabs: &[Tab], f: impl FnOnce(&[crate::chart::Subject<'_>]) -> R) -> R {
    let names: Vec<String> = tabs.iter().map(Tab::file_name).collect();
    let subjects: Vec<crate::chart::Subject<'_>> = tabs
        .iter()
        .zip(&names)
        .map(|(t, file_name)| crate::chart::Subject {
            scenario: &t.valid_scenario,
            results: &t.results,
            file_name,
        })
        .collect();
    f(&subjects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab() -> Tab {
        Tab::new(1, None, Scenario::new("Test", 2020, 5), true)
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut t = tab();
        let key = Some(egui::Id::unique("title"));
        for title in ["A", "AB", "ABC"] {
            let mut s = t.scenario.clone();
            s.title = title.into();
            t.edit(s, key);
        }
        assert!(t.is_dirty());
        assert!(t.undo());
        assert_eq!(t.scenario.title, "Test");
        assert!(!t.is_dirty());
        assert!(t.redo());
        assert_eq!(t.scenario.title, "ABC");
    }

    #[test]
    fn invalid_edits_keep_the_last_valid_results() {
        let mut t = tab();
        let mut s = t.scenario.clone();
        s.costs.push(crate::scenario::Flow::new(
            "Set-up",
            1e6,
            crate::scenario::Profile::Once(2020),
        ));
        t.edit(s, None);
        let valid = t.results.clone();
        let mut s = t.scenario.clone();
        s.costs[0].growth = crate::scenario::Value::Point(5.0);
        t.edit(s, None);
        assert!(t.has_errors());
        assert!(
            t.field_errors.contains_key("costs[0].growth"),
            "{:?}",
            t.field_errors
        );
        assert_eq!(t.results, valid);
    }
}
