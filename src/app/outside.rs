//! A file changed outside this window: a colleague saved it on the shared
//! drive, or it was edited by hand, since this tab opened (or last saved)
//! it. It is noticed before every save and whenever the window regains
//! focus, and never overwritten unseen: the user is shown what they
//! changed and chooses whose version wins.
//!
//! - *Reload theirs*: the tab shows their version; the edits that were not
//!   saved open in a new tab (unsaved, so autosave keeps them), and Undo in
//!   the reloaded tab brings them back too.
//! - *Keep both*: save this version as a new file; theirs stays as it is.
//! - *Overwrite*: save this version over theirs (their version becomes the
//!   `.bak`), written into their file's layout so their comments stay.
//! - *Keep editing*: nothing is saved; the next save asks again.
//!
//! A tab with no unsaved edits simply follows the file: it is reloaded,
//! with a line in the status bar (and Undo to go back).
//!
//! File → Compare with… shows the same list of changes between the tab and
//! any other scenario file.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::App;
use super::command::Command;
use super::files::Purpose;
use super::tab::{Tab, TabId};
use crate::diff::Diff;
use crate::scenario::Scenario;
use crate::scenario::file::{OnDisk, Opened, load_bytes, read_capped};

/// When the outside change was noticed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// On Save: the save did not happen.
    Saving,
    /// When the window came back into focus.
    Focus,
}

/// What the user chose in the outside-change dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    ReloadTheirs,
    KeepBoth,
    Overwrite,
    KeepEditing,
}

/// Their version of the file, as read now.
#[derive(Clone, Debug)]
pub enum Theirs {
    /// It opens: the scenario and what the file holds.
    Valid(Box<Scenario>, Opened),
    /// It is there but does not open (the message says why).
    Invalid(String, OnDisk),
    /// There is no file at the path any more.
    Gone,
}

/// A file that changed on disk, waiting for the user's choice.
#[derive(Clone, Debug)]
pub struct Conflict {
    pub tab: TabId,
    pub path: PathBuf,
    pub theirs: Theirs,
    /// What they changed, from the version this tab opened to theirs.
    pub changes: Option<Diff>,
    pub when: When,
}

/// File → Compare with…: the changes from a tab to another file.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub from: String,
    pub to: String,
    pub outcome: Result<Diff, String>,
}

/// Reads what is at `path` now.
pub fn read_theirs(path: &Path) -> Theirs {
    match read_capped(path) {
        Ok(bytes) => {
            let on_disk = OnDisk::of(&bytes);
            match load_bytes(&bytes) {
                Ok(loaded) => {
                    let text = String::from_utf8(bytes).unwrap_or_default();
                    Theirs::Valid(Box::new(loaded.scenario), Opened { text, on_disk })
                }
                Err(e) => Theirs::Invalid(e.display_in(&crate::paths::shown(path)), on_disk),
            }
        }
        Err(_) if !path.exists() => Theirs::Gone,
        Err(e) => Theirs::Invalid(e.display_in(&crate::paths::shown(path)), OnDisk::of(&[])),
    }
}

impl Theirs {
    fn on_disk(&self) -> Option<OnDisk> {
        match self {
            Theirs::Valid(_, opened) => Some(opened.on_disk),
            Theirs::Invalid(_, on_disk) => Some(*on_disk),
            Theirs::Gone => None,
        }
    }
}

/// What checking a tab's file needs, copied from the tab so the check can
/// run on another thread: a slow shared drive must not freeze the window.
#[derive(Clone, Debug)]
pub struct Watched {
    tab: TabId,
    path: PathBuf,
    /// The file as the tab last read or wrote it.
    opened: OnDisk,
    /// The scenario as last read or saved, for the list of their changes.
    base: Option<Scenario>,
}

impl Watched {
    /// `None` for a tab with no file of its own.
    pub fn of(tab: &Tab) -> Option<Self> {
        Some(Self {
            tab: tab.id,
            path: tab.path.clone()?,
            opened: tab.opened.as_ref()?.on_disk,
            base: tab.saved_scenario().cloned(),
        })
    }

    /// The outside change to the file, if it is no longer what the tab
    /// opened or last saved.
    pub fn change(&self, when: When) -> Option<Conflict> {
        let now = OnDisk::read(&self.path).ok();
        if now == Some(Some(self.opened)) {
            return None;
        }
        let theirs = read_theirs(&self.path);
        let changes = match (&theirs, &self.base) {
            (Theirs::Valid(s, _), Some(base)) => Some(crate::diff::diff(base, s)),
            _ => None,
        };
        Some(Conflict {
            tab: self.tab,
            path: self.path.clone(),
            theirs,
            changes,
            when,
        })
    }
}

/// The outside change to `tab`'s file, if its file is no longer what the
/// tab opened or last saved.
pub fn outside_change(tab: &Tab, when: When) -> Option<Conflict> {
    Watched::of(tab)?.change(when)
}

/// The focus check running on its own thread: the changes it found, each
/// with the version of the file the tab had when the check began.
pub struct FocusCheck {
    found: std::sync::mpsc::Receiver<Vec<(Conflict, OnDisk)>>,
}

impl FocusCheck {
    /// Starts checking the files of `watched` (reading and hashing each).
    pub fn start(watched: Vec<Watched>) -> Self {
        let (tx, found) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let changes = watched
                .iter()
                .filter_map(|w| Some((w.change(When::Focus)?, w.opened)))
                .collect();
            let _ = tx.send(changes);
        });
        Self { found }
    }

    /// A check that has already found `found` (for tests of what the app
    /// does with a late answer).
    #[cfg(test)]
    pub fn answered(found: Vec<(Conflict, OnDisk)>) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let _ = tx.send(found);
        Self { found: rx }
    }
}

impl App {
    /// Starts checking every tab's file, off the UI thread, when the window
    /// comes back into focus ([`App::outside_changes_found`] takes the answer).
    pub(super) fn check_outside_changes(&mut self) {
        if self.conflict.is_some() || self.focus_check.is_some() {
            return;
        }
        let watched: Vec<Watched> = self.tabs.iter().filter_map(Watched::of).collect();
        if !watched.is_empty() {
            self.focus_check = Some(FocusCheck::start(watched));
        }
    }

    /// True while the focus check is still reading files.
    pub fn checking_files(&self) -> bool {
        self.focus_check.is_some()
    }

    /// Takes the focus check's answer, once it has one: a tab without
    /// unsaved edits follows its file; one with edits asks. A tab that
    /// saved or reloaded meanwhile is left alone (its file is its own).
    pub(super) fn outside_changes_found(&mut self, ctx: &egui::Context) {
        let Some(check) = &self.focus_check else {
            return;
        };
        let found = match check.found.try_recv() {
            Ok(found) => found,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Vec::new(),
        };
        self.focus_check = None;
        let mut reloaded = Vec::new();
        for (conflict, was) in found {
            let Some(i) = self.tabs.iter().position(|t| t.id == conflict.tab) else {
                continue;
            };
            let tab = &self.tabs[i];
            if tab.opened.as_ref().map(|o| o.on_disk) != Some(was)
                || tab.path.as_ref() != Some(&conflict.path)
            {
                continue; // saved, reloaded or saved elsewhere since
            }
            if conflict.theirs.on_disk().is_some() && conflict.theirs.on_disk() == tab.seen_on_disk
            {
                continue; // already told, and the user kept editing
            }
            if self.conflict.is_some() {
                break;
            }
            match conflict.theirs {
                Theirs::Valid(scenario, opened) if !tab.is_dirty() => {
                    let tab = &mut self.tabs[i];
                    tab.reload(*scenario, opened);
                    reloaded.push(tab.name());
                }
                _ => {
                    self.active = i;
                    self.conflict = Some(conflict);
                }
            }
        }
        if !reloaded.is_empty() {
            self.status = format!(
                "{} changed on disk and {} reloaded (Undo goes back)",
                reloaded.join(", "),
                if reloaded.len() == 1 { "was" } else { "were" }
            );
        }
        ctx.request_repaint();
    }

    /// Carries out the user's choice for the file that changed on disk.
    pub(super) fn resolve_conflict(&mut self, choice: ConflictChoice, ctx: &egui::Context) {
        let Some(conflict) = self.conflict.take() else {
            return;
        };
        let Some(i) = self.tabs.iter().position(|t| t.id == conflict.tab) else {
            return;
        };
        match choice {
            ConflictChoice::KeepEditing => {
                self.tabs[i].seen_on_disk = conflict.theirs.on_disk();
                self.stop_closing_a_tab();
                self.status =
                    "Not saved: the file on disk is theirs; your edits are kept here".into();
            }
            ConflictChoice::ReloadTheirs => {
                let Theirs::Valid(scenario, opened) = conflict.theirs else {
                    return;
                };
                let tab = &mut self.tabs[i];
                let mine = tab.scenario.clone();
                let had_edits = tab.is_dirty();
                tab.reload(*scenario, opened);
                if had_edits {
                    // The edits that were not saved, kept where autosave sees them.
                    self.add_tab(None, mine, false);
                    self.active = i;
                    self.status = format!(
                        "Reloaded {}; your unsaved edits are in a new tab (and Undo brings them back here)",
                        crate::paths::shown(&conflict.path)
                    );
                } else {
                    self.status = format!("Reloaded {}", crate::paths::shown(&conflict.path));
                }
                self.stop_closing_a_tab();
            }
            ConflictChoice::KeepBoth => {
                let note = format!(
                    "Save your version as a new file; {} stays as they saved it.",
                    crate::paths::shown(&conflict.path)
                );
                self.ask_for_path(Purpose::SaveAs(conflict.tab), ctx, &note);
            }
            ConflictChoice::Overwrite => {
                let (base, expected) = match &conflict.theirs {
                    Theirs::Valid(_, opened) => (Some(opened.text.clone()), Some(opened.on_disk)),
                    Theirs::Invalid(_, on_disk) => (None, Some(*on_disk)),
                    Theirs::Gone => (None, None),
                };
                let id = conflict.tab;
                let path = conflict.path.clone();
                self.save_over(id, &path, base.as_deref(), expected.as_ref());
            }
        }
    }

    /// File → Compare with…: the changes from the active tab to `path`.
    pub(super) fn compare_with(&mut self, id: TabId, path: &Path) {
        let Some(tab) = self.tabs.iter().find(|t| t.id == id) else {
            return;
        };
        let path = crate::paths::canonical(path);
        let outcome = match read_theirs(&path) {
            Theirs::Valid(other, _) => Ok(crate::diff::diff(&tab.scenario, &other)),
            Theirs::Invalid(message, _) => Err(message),
            Theirs::Gone => Err(format!(
                "{}: there is no such file",
                crate::paths::shown(&path)
            )),
        };
        self.comparison = Some(Comparison {
            from: tab.name(),
            to: crate::paths::shown(&path),
            outcome,
        });
    }

    /// The outside-change dialog, while there is one.
    pub(super) fn conflict_ui(&mut self, ctx: &egui::Context) {
        let Some(conflict) = &self.conflict else {
            return;
        };
        let shown = crate::paths::shown(&conflict.path);
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("outside_change")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            let heading = match conflict.theirs {
                Theirs::Gone => "The file has been moved or deleted",
                _ => "Someone else has changed this file",
            };
            ui.heading(heading);
            ui.add_space(4.0);
            let when = match conflict.when {
                When::Saving => "Your edits have not been saved. ",
                When::Focus => "",
            };
            let what = match &conflict.theirs {
                Theirs::Valid(..) => format!(
                    "{when}Since you opened {shown}, it has been saved by someone else (or changed by another program)."
                ),
                Theirs::Invalid(message, _) => format!(
                    "{when}Since you opened {shown}, it has been changed, and it no longer opens:\n{message}"
                ),
                Theirs::Gone => {
                    format!("{when}{shown} is no longer there: it was moved, renamed or deleted.")
                }
            };
            ui.add(egui::Label::new(what).wrap());
            if let Some(changes) = &conflict.changes {
                ui.add_space(6.0);
                ui.label(RichText::new("What they changed").strong());
                changes_ui(ui, changes, "as you opened it", "in their version");
            }
            ui.add_space(8.0);
            ui.label("Whose version wins?");
            ui.horizontal_wrapped(|ui| {
                if matches!(conflict.theirs, Theirs::Valid(..))
                    && ui
                        .button("Reload theirs")
                        .on_hover_text(
                            "Show their version here. Your unsaved edits open in a new tab, \
                             and Undo brings them back.",
                        )
                        .clicked()
                {
                    choice = Some(ConflictChoice::ReloadTheirs);
                }
                if ui
                    .button("Keep both…")
                    .on_hover_text("Save your version as a new file; theirs stays as it is.")
                    .clicked()
                {
                    choice = Some(ConflictChoice::KeepBoth);
                }
                let overwrite = match conflict.theirs {
                    Theirs::Gone => "Save it here again",
                    _ => "Overwrite theirs",
                };
                if ui
                    .button(overwrite)
                    .on_hover_text(
                        "Save your version at this path. Their version is kept beside it \
                         as a .bak file until the next save.",
                    )
                    .clicked()
                {
                    choice = Some(ConflictChoice::Overwrite);
                }
                if ui
                    .button("Keep editing")
                    .on_hover_text("Save nothing now; the next save asks again.")
                    .clicked()
                {
                    choice = Some(ConflictChoice::KeepEditing);
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                choice = Some(ConflictChoice::KeepEditing);
            }
        });
        if let Some(choice) = choice {
            self.commands.push(Command::ResolveConflict(choice));
        }
    }

    /// File → Compare with…'s window.
    pub(super) fn comparison_ui(&mut self, ctx: &egui::Context) {
        let Some(comparison) = &self.comparison else {
            return;
        };
        let mut open = true;
        egui::Window::new("Compare with another file")
            .open(&mut open)
            .default_size([560.0, 420.0])
            .constrain(true)
            .show(ctx, |ui| {
                ui.add(
                    egui::Label::new(format!(
                        "From “{}” (as it is now in this window) to {}:",
                        comparison.from, comparison.to
                    ))
                    .wrap(),
                );
                match &comparison.outcome {
                    Ok(diff) => changes_ui(ui, diff, "here", "in the other file"),
                    Err(message) => {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                }
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.commands.push(Command::CloseComparison);
        }
    }
}

/// Every change in a diff, in the app's words, with its effect on the NPV
/// of net social value, then the totals.
fn changes_ui(ui: &mut egui::Ui, diff: &Diff, from: &str, to: &str) {
    if diff.changes.is_empty() {
        ui.label("No differences in any value.");
        return;
    }
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for line in change_lines(diff) {
                ui.add(egui::Label::new(line).wrap());
            }
        });
    ui.label(format!(
        "Net social value (NPV): {} {from}, {} {to} ({}).",
        crate::report::pounds(diff.old.net_social_value),
        crate::report::pounds(diff.new.net_social_value),
        crate::report::signed_pounds(diff.new.net_social_value - diff.old.net_social_value)
    ));
}

/// One line a change: "Savings 1. Back-office: amount: from £10m to £12m
/// (+£1.7m net social value)". (The app's font has no arrow.)
pub fn change_lines(diff: &Diff) -> Vec<String> {
    diff.changes
        .iter()
        .map(|c| {
            let values = match (c.old.is_empty(), c.new.is_empty()) {
                (false, false) => format!(": from {} to {}", c.old, c.new),
                (false, true) => format!(" (was {})", c.old),
                (true, false) => format!(" ({})", c.new),
                (true, true) => String::new(),
            };
            format!(
                "• {}{values} ({} net social value)",
                c.what,
                crate::report::signed_pounds(c.effect_on_net_social_value)
            )
        })
        .collect()
}
