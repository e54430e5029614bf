//! The app's dialogs and windows: where to open or save (the system's file
//! dialog, or the built-in path entry where there is none), the error
//! dialog, the offer to recover unsaved work, Methodology, About and the
//! break-even window. What the user answers goes back as a [`Command`].

use std::path::{Path, PathBuf};

use egui::{Key, RichText};

use super::command::{Command, Window};
use super::document::{documents_dir, ensure_ron, file_name_for};
use super::files::{self, Autosave, Purpose};
use super::{App, help};

/// A path typed into the built-in file entry.
pub struct PathEntry {
    purpose: Purpose,
    text: String,
    /// Why the entry was opened (no dialog on this system, …).
    note: String,
}

impl App {
    /// Where a dialog starts: the tab's own file, else a name from its title
    /// in the folder last used (or the Documents folder).
    fn suggested_path(&self, purpose: Purpose) -> Option<PathBuf> {
        let last_dir = self
            .prefs
            .recent
            .first()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        match purpose {
            // A file in the folder last used: dialogs open in its folder.
            Purpose::Open => self.prefs.recent.first().cloned(),
            Purpose::Compare(id) => {
                let tab = self.tabs.iter().find(|t| t.id == id)?;
                tab.path
                    .clone()
                    .or_else(|| self.prefs.recent.first().cloned())
            }
            Purpose::SaveAs(id) => {
                let tab = self.tabs.iter().find(|t| t.id == id)?;
                tab.path.clone().or_else(|| {
                    let dir = last_dir.or_else(documents_dir).unwrap_or_default();
                    Some(dir.join(file_name_for(&tab.scenario.title)))
                })
            }
        }
    }

    /// Opens the file dialog, or the path entry where dialogs are off.
    pub(super) fn ask_for_path(&mut self, purpose: Purpose, ctx: &egui::Context, note: &str) {
        let suggested = self.suggested_path(purpose);
        if self.config.dialogs {
            self.dialogs.open(purpose, suggested, ctx);
        } else {
            let text = entry_text(purpose, suggested.as_deref());
            self.path_entry = Some(PathEntry {
                purpose,
                text,
                note: note.to_owned(),
            });
        }
    }

    /// The path entry, to type a file to open (always available).
    pub(super) fn open_path_entry(&mut self) {
        self.path_entry = Some(PathEntry {
            purpose: Purpose::Open,
            text: String::new(),
            note: String::new(),
        });
    }

    /// What a file dialog answered.
    pub(super) fn dialog_answer(&mut self, answer: files::Answer) {
        match (answer.path, answer.purpose) {
            (Some(path), Purpose::Open) => self.commands.push(Command::OpenPath(path)),
            (Some(path), Purpose::Compare(id)) => self.commands.push(Command::Compare(id, path)),
            (Some(path), Purpose::SaveAs(id)) => {
                self.commands.push(Command::SaveTo(id, ensure_ron(path)));
            }
            (None, purpose) if answer.unavailable => {
                let text = entry_text(purpose, self.suggested_path(purpose).as_deref());
                self.path_entry = Some(PathEntry {
                    purpose,
                    text,
                    note: "No file dialog is available on this computer: type or paste the file's full path.".into(),
                });
            }
            // Cancelled: closing waits for an answer no more.
            (None, _) => self.stop_closing_a_tab(),
        }
    }

    /// Opens or saves at the path typed; nothing when none is typed.
    pub(super) fn submit_path_entry(&mut self, ctx: &egui::Context) {
        let Some(entry) = &self.path_entry else {
            return;
        };
        let typed = entry.text.trim();
        if typed.is_empty() {
            return;
        }
        let path = PathBuf::from(typed.trim_matches('"'));
        let purpose = entry.purpose;
        self.path_entry = None;
        let command = match purpose {
            Purpose::Open => Command::OpenPath(path),
            Purpose::SaveAs(id) => Command::SaveTo(id, ensure_ron(path)),
            Purpose::Compare(id) => Command::Compare(id, path),
        };
        self.apply(command, ctx);
    }

    pub(super) fn cancel_path_entry(&mut self) {
        self.path_entry = None;
        self.stop_closing_a_tab();
    }

    /// Puts back, or throws away, the work found from a crashed session.
    pub(super) fn recover(&mut self, keep: bool) {
        for r in std::mem::take(&mut self.recovered) {
            if keep {
                self.add_tab(r.origin.clone(), r.scenario, false);
            }
            Autosave::forget(&r.file);
        }
    }

    /// Every dialog and window that is open.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        self.error_ui(ctx);
        self.conflict_ui(ctx);
        self.read_only_file_ui(ctx);
        self.comparison_ui(ctx);
        self.close_dialog_ui(ctx);
        self.path_entry_ui(ctx);
        self.break_even_ui(ctx);
        self.export_form_ui(ctx);
        self.recover_ui(ctx);
        let mut open = self.show_methodology;
        egui::Window::new("Methodology")
            .open(&mut open)
            .default_size([640.0, 560.0])
            .vscroll(true)
            .show(ctx, help::methodology_ui);
        if !open && self.show_methodology {
            self.commands
                .push(Command::CloseWindow(Window::Methodology));
        }
        let mut open = self.show_about;
        egui::Window::new("About Counterweight")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, help::about_ui);
        if !open && self.show_about {
            self.commands.push(Command::CloseWindow(Window::About));
        }
    }

    /// A file that failed to open, or a save that failed, until dismissed.
    fn error_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = self.error.clone() else {
            return;
        };
        egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading("Something needs your attention");
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(&message).monospace()).wrap());
                });
            ui.label("Your open work has not changed.");
            if ui.button("OK").clicked() {
                self.commands.push(Command::DismissError);
            }
        });
    }

    /// A save refused because the file is marked read-only.
    fn read_only_file_ui(&mut self, ctx: &egui::Context) {
        let Some((id, path)) = &self.read_only_file else {
            return;
        };
        let (id, shown) = (*id, crate::paths::shown(path));
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("read_only_file")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("The file is read-only");
            ui.add(
                egui::Label::new(format!(
                    "{shown} is marked read-only: its owner, or the shared drive, has made it so. \
                     Your edits have not been saved."
                ))
                .wrap(),
            );
            ui.horizontal(|ui| {
                if ui
                    .button("Save As…")
                    .on_hover_text("Keep your version in a new file")
                    .clicked()
                {
                    answer = Some(None);
                }
                if ui
                    .button("Save anyway")
                    .on_hover_text("Save over it, and mark it read-only again after")
                    .clicked()
                {
                    answer = Some(Some(true));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    answer = Some(Some(false));
                }
            });
        });
        match answer {
            Some(Some(save)) => self.commands.push(Command::SaveReadOnly(save)),
            Some(None) => {
                self.read_only_file = None;
                self.ask_for_path(
                    Purpose::SaveAs(id),
                    ctx,
                    "The file is read-only: save your version as a new file.",
                );
            }
            None => {}
        }
    }

    /// The offer to reopen work from a session that ended without saving it.
    fn recover_ui(&mut self, ctx: &egui::Context) {
        if self.recovered.is_empty() || self.error.is_some() {
            return;
        }
        egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
            ui.heading("Recover unsaved work?");
            ui.label("Counterweight closed last time before this work was saved:");
            for r in &self.recovered {
                let from = r
                    .origin
                    .as_ref()
                    .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                ui.label(format!("• {} ({from})", r.scenario.title));
            }
            ui.horizontal(|ui| {
                if ui.button("Recover").clicked() {
                    self.commands.push(Command::Recover(true));
                }
                if ui.button("Discard it").clicked() {
                    self.commands.push(Command::Recover(false));
                }
            });
        });
    }

    /// The break-even window, for as long as its tab is the one shown.
    fn break_even_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.break_even else {
            return;
        };
        match self.tabs.get(self.active) {
            Some(tab) if tab.id == window.tab => {
                if !window.window_ui(ctx, tab, &mut self.commands) {
                    self.commands.push(Command::CloseWindow(Window::BreakEven));
                }
            }
            _ => self.break_even = None,
        }
    }

    /// The built-in path entry: type or paste a file's full path.
    fn path_entry_ui(&mut self, ctx: &egui::Context) {
        let Some(entry) = &mut self.path_entry else {
            return;
        };
        let title = match entry.purpose {
            Purpose::Open => "Open a scenario file",
            Purpose::SaveAs(_) => "Save the scenario as",
            Purpose::Compare(_) => "Compare with another scenario file",
        };
        let mut submit = false;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path_entry")).show(ctx, |ui| {
            ui.set_min_width(520.0);
            ui.heading(title);
            if !entry.note.is_empty() {
                ui.label(&entry.note);
            }
            let label = ui.label("File path");
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut entry.text)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. C:\\Users\\me\\Documents\\scenario.ron"),
                )
                .labelled_by(label.id);
            if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                submit = true;
            }
            // Ready to type as soon as it opens.
            if !resp.has_focus() && ui.memory(|m| m.focused().is_none()) {
                resp.request_focus();
            }
            ui.horizontal(|ui| {
                let verb = match entry.purpose {
                    Purpose::Open => "Open",
                    Purpose::SaveAs(_) => "Save",
                    Purpose::Compare(_) => "Compare",
                };
                if ui
                    .add_enabled(!entry.text.trim().is_empty(), egui::Button::new(verb))
                    .clicked()
                {
                    submit = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if submit && !entry.text.trim().is_empty() {
            self.commands.push(Command::SubmitPathEntry);
        } else if cancel {
            self.commands.push(Command::CancelPathEntry);
        }
    }
}

/// What the path entry starts with: the folder to open from (ready for a
/// file name), or the whole path to save to.
fn entry_text(purpose: Purpose, suggested: Option<&Path>) -> String {
    match (purpose, suggested) {
        (Purpose::Open | Purpose::Compare(_), Some(p)) => p
            .parent()
            .map(|d| format!("{}{}", d.display(), std::path::MAIN_SEPARATOR))
            .unwrap_or_default(),
        (Purpose::SaveAs(_), Some(p)) => p.display().to_string(),
        (_, None) => String::new(),
    }
}
