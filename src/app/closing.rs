//! Closing tabs and quitting. Tabs with nothing unsaved close at once; for
//! each one with unsaved changes the user is asked to save, discard or
//! cancel, one tab at a time. Quitting (File → Quit, Ctrl+Q, the window's
//! close button) closes every tab that way, then the window.

use egui::{Key, RichText};

use super::App;
use super::command::Command;
use super::files::Purpose;
use super::tab::{Tab, TabId};
use super::ui_command::UiCommand;

/// The three answers to closing unsaved work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseChoice {
    Save,
    Discard,
    Cancel,
}

/// Closing in progress: the tabs still to close, and whether the app quits after.
pub struct Closing {
    tabs: Vec<TabId>,
    quit: bool,
}

impl App {
    /// Closes `tabs`, asking about unsaved work first; `quit`: then the window.
    pub(super) fn close_tabs(&mut self, tabs: Vec<TabId>, quit: bool, ctx: &egui::Context) {
        self.closing = Some(Closing { tabs, quit });
        self.continue_closing(ctx);
    }

    /// True while a tab is being closed and the user is asked about it.
    pub(super) fn is_closing(&self) -> bool {
        self.closing.is_some()
    }

    /// The save dialog for a tab being closed was cancelled: the tab stays
    /// open. (When quitting, the question is asked again.)
    pub(super) fn stop_closing_a_tab(&mut self) {
        if self.closing.as_ref().is_some_and(|c| !c.quit) {
            self.closing = None;
        }
    }

    /// Asks about the next unsaved tab being closed, or closes what can be closed.
    pub(super) fn continue_closing(&mut self, ctx: &egui::Context) {
        let Some(closing) = &mut self.closing else {
            return;
        };
        // Tabs with nothing unsaved close straight away.
        let mut to_close = Vec::new();
        closing
            .tabs
            .retain(|id| match self.tabs.iter().find(|t| t.id == *id) {
                Some(t) if t.is_dirty() => true,
                Some(_) => {
                    to_close.push(*id);
                    false
                }
                None => false,
            });
        let done = closing.tabs.is_empty();
        let quit = closing.quit;
        for id in to_close {
            if quit {
                // Saved on the way out (perhaps to a new file): reopened next time.
                self.keep_for_next_session(id);
            }
            self.remove_tab(id);
        }
        if done {
            self.closing = None;
            if quit {
                self.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else if self.tabs.is_empty() {
                self.open_example(0);
            }
        }
    }

    pub(super) fn resolve_close(&mut self, choice: CloseChoice, ctx: &egui::Context) {
        let Some(id) = self.closing.as_ref().and_then(|c| c.tabs.first().copied()) else {
            return;
        };
        match choice {
            CloseChoice::Cancel => self.closing = None,
            CloseChoice::Discard => {
                if let Some(c) = &mut self.closing {
                    c.tabs.remove(0);
                }
                self.remove_tab(id);
                self.continue_closing(ctx);
            }
            CloseChoice::Save => {
                let path = self
                    .tabs
                    .iter()
                    .find(|t| t.id == id)
                    .and_then(|t| t.path.clone());
                match path {
                    Some(path) => {
                        if self.save_tab(id, &path) {
                            self.continue_closing(ctx);
                        } else {
                            self.closing = None;
                        }
                    }
                    None => {
                        if let Some(i) = self.tabs.iter().position(|t| t.id == id) {
                            self.active = i;
                        }
                        self.ask_for_path(Purpose::SaveAs(id), ctx, "Save before closing:");
                    }
                }
            }
        }
    }

    fn remove_tab(&mut self, id: TabId) {
        if let Some(i) = self.tabs.iter().position(|t| t.id == id) {
            self.tabs.remove(i);
            self.analysis.forget(id);
            self.editor.forget(id);
            if let Some(a) = &mut self.autosave {
                a.remove(id);
            }
            if self.active >= i && self.active > 0 {
                self.active -= 1;
            }
        }
    }

    /// The window's close button: ask about unsaved work first.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.may_close {
            return;
        }
        if self.tabs.iter().any(Tab::is_dirty) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if self.closing.is_none() {
                self.commands.push(UiCommand::Quit);
            }
        } else {
            self.may_close = true;
        }
    }

    /// What the next session reopens: the files of the tabs open now. After
    /// File → Quit has closed every tab, the list made as it started stays.
    pub(super) fn remember_open_files(&mut self) {
        if self.may_close && self.tabs.is_empty() {
            return;
        }
        self.prefs.open_files = self.tabs.iter().filter_map(|t| t.path.clone()).collect();
        self.prefs.active_file = self.active_tab().and_then(|t| t.path.clone());
    }

    /// Adds the file of tab `id`, being closed by Quit, to what the next
    /// session reopens, in its place among the tabs.
    fn keep_for_next_session(&mut self, id: TabId) {
        let Some(path) = self
            .tabs
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.path.clone())
        else {
            return;
        };
        if !self.prefs.open_files.contains(&path) {
            let before = self
                .tabs
                .iter()
                .take_while(|t| t.id != id)
                .filter(|t| t.path.is_some())
                .count();
            let at = before.min(self.prefs.open_files.len());
            self.prefs.open_files.insert(at, path);
        }
    }

    /// "Save the changes?" for the tab being closed, unless a file dialog
    /// or the path entry is asking where to save it.
    pub(super) fn close_dialog_ui(&mut self, ctx: &egui::Context) {
        if self.path_entry.is_some() || self.dialogs.busy {
            return;
        }
        let Some(id) = self.closing.as_ref().and_then(|c| c.tabs.first().copied()) else {
            return;
        };
        let Some(tab) = self.tabs.iter().find(|t| t.id == id) else {
            return;
        };
        let name = tab.name();
        egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!("Save the changes to “{name}” before closing?"));
            ui.label(RichText::new("If you don't save, your changes will be lost.").small());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let save = ui.button("Save");
                super::a11y::default_button(&save);
                if save.clicked()
                    || super::a11y::DialogKey::pressed(ui.ctx())
                        == Some(super::a11y::DialogKey::Enter)
                {
                    self.commands.push(Command::ResolveClose(CloseChoice::Save));
                }
                if ui.button("Don't save").clicked() {
                    self.commands
                        .push(Command::ResolveClose(CloseChoice::Discard));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    self.commands
                        .push(Command::ResolveClose(CloseChoice::Cancel));
                }
            });
        });
    }
}
