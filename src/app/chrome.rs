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

    /// One button per open scenario, each with its close button, in a row
    /// that scrolls sideways when they do not fit (it never wraps onto a
    /// second row), then New and Open, always in view.
    pub(super) fn tabs_ui(&mut self, ui: &mut Ui) {
        let titles = tab_titles(&self.tabs);
        // Room kept on the right for New and Open.
        let buttons = 150.0;
        ui.horizontal(|ui| {
            egui::ScrollArea::horizontal()
                .id_salt("tab bar")
                .max_width((ui.available_width() - buttons).max(100.0))
                .auto_shrink([true, true])
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        a11y::region(ui, egui::accesskit::Role::TabList, "Open scenarios");
                        for (i, (tab, title)) in self.tabs.iter().zip(&titles).enumerate() {
                            tab_ui(ui, i == self.active, i, tab, title, &mut self.commands);
                        }
                    });
                });
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
                tab_titles(&self.tabs)
                    .get(self.active)
                    .map_or_else(|| t.name(), Clone::clone),
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

/// One scenario's tab and its close button.
fn tab_ui(
    ui: &mut Ui,
    selected: bool,
    i: usize,
    tab: &super::Tab,
    title: &str,
    commands: &mut super::CommandQueue,
) {
    let dirty = if tab.is_dirty() { " *" } else { "" };
    let text = format!("{title}{dirty}");
    let resp = ui.selectable_label(selected, RichText::new(text).strong());
    a11y::tab(&resp, title, selected);
    if selected && resp.gained_focus() {
        resp.scroll_to_me(None);
    }
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
        commands.push(Command::SelectTab(i));
    }
    let close = ui.small_button("✖");
    let close_name = format!("Close {title}");
    a11y::name(&close, &close_name);
    if close.on_hover_text(&close_name).clicked() {
        commands.push(Command::CloseTab(tab.id));
    }
    ui.separator();
}

/// The title each tab shows: the scenario's name, and where two tabs would
/// read the same, its file's name too ("Back office — `moj-2.ron`"), or
/// "not saved" with its place among them.
pub fn tab_titles(tabs: &[super::Tab]) -> Vec<String> {
    let names: Vec<String> = tabs.iter().map(super::Tab::name).collect();
    let mut unsaved = std::collections::HashMap::new();
    tabs.iter()
        .zip(&names)
        .map(|(tab, name)| {
            if names.iter().filter(|n| *n == name).count() < 2 {
                return name.clone();
            }
            let file = tab.file_name();
            if file.is_empty() {
                let n = unsaved.entry(name.clone()).or_insert(0);
                *n += 1;
                format!("{name} — not saved {n}")
            } else {
                format!("{name} — {file}")
            }
        })
        .collect()
}
