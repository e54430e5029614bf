//! The window's chrome: the menu bar (laid out by [`Menu::entries`]), the
//! tab bar, the status bar and the window title. Every action here is a
//! command; the words and shortcuts come from the [`UiCommand`] table.

use egui::{RichText, Ui};

use super::a11y;
use super::command::Command;
use super::document::example_title;
use super::prefs::Theme;
use super::ui_command::{Entry, Menu, UiCommand};
use super::view::View;
use super::{App, EXAMPLES};

impl App {
    /// The menu bar: File, Edit, View, Help.
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                for entry in menu.entries() {
                    self.menu_entry_ui(ui, *entry);
                }
            });
        }
    }

    fn menu_entry_ui(&mut self, ui: &mut Ui, entry: Entry) {
        let commands = &mut self.commands;
        match entry {
            Entry::Command(c) => {
                let enabled = c.is_enabled(self.tabs.get(self.active));
                c.menu_item_ui(ui, enabled, commands);
            }
            Entry::Separator => {
                ui.separator();
            }
            Entry::Recent => {
                ui.menu_button(entry.title().unwrap_or_default(), |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in &self.prefs.recent {
                        let path = p.display().to_string();
                        let item = ui.button(&path);
                        a11y::menu_item(&item, &path, "");
                        if item.clicked() {
                            commands.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
            }
            Entry::Examples => {
                ui.menu_button(entry.title().unwrap_or_default(), |ui| {
                    for (i, (_, text)) in EXAMPLES.iter().enumerate() {
                        let title = example_title(text);
                        let item = ui.button(title);
                        a11y::menu_item(&item, title, "");
                        if item.clicked() {
                            commands.push(Command::OpenExample(i));
                        }
                    }
                });
            }
            Entry::Views => {
                for view in View::ALL {
                    let item = ui.radio(self.prefs.view == view, view.name());
                    a11y::menu_radio(&item, self.prefs.view == view);
                    if item.clicked() {
                        commands.push(Command::SetView(view));
                    }
                }
            }
            Entry::Themes => {
                for theme in Theme::ALL {
                    let item = ui.radio(self.prefs.theme == theme, theme.name());
                    a11y::menu_radio(&item, self.prefs.theme == theme);
                    if item.clicked() {
                        commands.push(Command::SetTheme(theme));
                    }
                }
            }
        }
    }

    /// One button per open scenario, each with its close button, then New and Open.
    pub(super) fn tabs_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            a11y::region(ui, egui::accesskit::Role::TabList, "Open scenarios");
            for (i, tab) in self.tabs.iter().enumerate() {
                let dirty = if tab.is_dirty() { " *" } else { "" };
                let text = format!("{}{dirty}", tab.name());
                let selected = i == self.active;
                let resp = ui.selectable_label(selected, RichText::new(text).strong());
                a11y::tab(&resp, &tab.name(), selected);
                let hover = match &tab.path {
                    Some(p) => p.display().to_string(),
                    None => "Not saved to a file yet".to_owned(),
                };
                let hover = if tab.is_dirty() {
                    format!("{hover}\nUnsaved changes")
                } else {
                    hover
                };
                if resp.on_hover_text(hover).clicked() {
                    self.commands.push(Command::SelectTab(i));
                }
                let close = ui.small_button("✖");
                let close_name = format!("Close {}", tab.name());
                a11y::name(&close, &close_name);
                if close.on_hover_text(&close_name).clicked() {
                    self.commands.push(Command::CloseTab(tab.id));
                }
                ui.separator();
            }
            UiCommand::New.small_button_ui(ui, &mut self.commands);
            UiCommand::Open.small_button_ui(ui, &mut self.commands);
        });
    }

    /// Where the active scenario is saved (and how to save it), then the
    /// last confirmation.
    pub(super) fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(tab) = self.tabs.get(self.active) {
                let text = match (&tab.path, tab.is_dirty()) {
                    (Some(p), false) => format!("{} — saved", p.display()),
                    (Some(p), true) => format!(
                        "{} — unsaved changes ({} saves)",
                        p.display(),
                        UiCommand::Save.shortcut_text(ui.ctx())
                    ),
                    (None, _) => format!(
                        "Not saved to a file yet: {} ({}) keeps it",
                        UiCommand::SaveAs.menu_path(),
                        UiCommand::SaveAs.shortcut_text(ui.ctx())
                    ),
                };
                ui.label(RichText::new(text).small());
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.label(RichText::new(&self.status).small());
            }
        });
    }

    /// The window's title: the active scenario, marked when unsaved.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.active_tab() {
            Some(t) => format!(
                "{}{} — Counterweight",
                t.name(),
                if t.is_dirty() { " *" } else { "" }
            ),
            None => "Counterweight".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}
