//! The named actions — menu items, keyboard shortcuts, the tab bar's
//! buttons — each describing itself, as Rerun's `UICommand` does: its text,
//! tooltip, shortcuts and place in the menus are here and nowhere else. The
//! menus ([`Menu`]), the tooltips and every hint that names a shortcut
//! ("Ctrl+S saves") are generated from this table, with shortcuts written
//! the platform's way (Cmd on macOS, Ctrl elsewhere).
//!
//! A named action is sent as [`Command::Ui`] through the app's
//! [`CommandQueue`] and carried out by `App::run_ui_command`. To add one:
//! a variant here, its line in [`UiCommand::ALL`], `text_and_tooltip`,
//! `shortcuts` and (for a menu item) its [`Entry`] in [`Menu::entries`],
//! then what it does in `App::run_ui_command`.

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::command::{Command, CommandQueue};
use super::tab::Tab;

/// Every named action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    OpenPathEntry,
    Save,
    SaveAs,
    CompareWith,
    ExportChart,
    CopyChart,
    ExportTable,
    CopyTable,
    ExportBriefing,
    ExportWorkbook,
    CloseTab,
    Quit,
    Undo,
    Redo,
    Methodology,
    About,
}

/// The shortcut with Cmd (macOS) or Ctrl (elsewhere).
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// The shortcut with Cmd or Ctrl, and Shift.
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

impl UiCommand {
    pub const ALL: [UiCommand; 18] = [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::OpenPathEntry,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::CompareWith,
        UiCommand::ExportChart,
        UiCommand::CopyChart,
        UiCommand::ExportTable,
        UiCommand::CopyTable,
        UiCommand::ExportBriefing,
        UiCommand::ExportWorkbook,
        UiCommand::CloseTab,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Methodology,
        UiCommand::About,
    ];

    /// What the action is called (in menus, on buttons) and what it does.
    pub fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            UiCommand::New => ("New", "A new, empty scenario"),
            UiCommand::Open => ("Open…", "Open a scenario file"),
            UiCommand::OpenPathEntry => (
                "Open by typing a path…",
                "Open a scenario file by typing or pasting its full path",
            ),
            UiCommand::Save => ("Save", "Save the scenario to its file"),
            UiCommand::SaveAs => ("Save As…", "Save the scenario to a new file"),
            UiCommand::CompareWith => (
                "Compare with…",
                "List what differs between this scenario and another file, \
                 with each change's effect on net social value",
            ),
            UiCommand::ExportChart => (
                "Export chart…",
                "Save the chart shown as a PNG or SVG image, its title editable first",
            ),
            UiCommand::CopyChart => ("Copy chart", "Copy the chart shown as an image"),
            UiCommand::ExportBriefing => (
                "Export briefing pack…",
                "Save a Word briefing note: summary, tables, charts with alt text, assumptions log, uncertainty, method and QA",
            ),
            UiCommand::ExportWorkbook => (
                "Export audit workbook…",
                "Save an Excel workbook with the model as live formulas, for quality assurance",
            ),
            UiCommand::ExportTable => (
                "Export table…",
                "Save the year-by-year table as CSV, for Excel",
            ),
            UiCommand::CopyTable => (
                "Copy table",
                "Copy the year-by-year table, to paste into Excel",
            ),
            UiCommand::CloseTab => (
                "Close tab",
                "Close this scenario (asking first about unsaved changes)",
            ),
            UiCommand::Quit => (
                "Quit",
                "Close every scenario and the app (asking first about unsaved changes)",
            ),
            UiCommand::Undo => ("Undo", "Undo the last change to this scenario"),
            UiCommand::Redo => ("Redo", "Make the change just undone again"),
            UiCommand::Methodology => ("Methodology", "How the figures are worked out"),
            UiCommand::About => ("About Counterweight", "The version and the licence"),
        }
    }

    pub fn text(self) -> &'static str {
        self.text_and_tooltip().0
    }

    pub fn tooltip(self) -> &'static str {
        self.text_and_tooltip().1
    }

    /// A symbol before the text on a button (none in menus).
    pub fn icon(self) -> Option<&'static str> {
        match self {
            UiCommand::New => Some("➕"),
            UiCommand::Open => Some("📂"),
            _ => None,
        }
    }

    /// The keyboard shortcuts, the one shown first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::New => const { &[cmd(Key::N)] },
            UiCommand::Open => const { &[cmd(Key::O)] },
            UiCommand::Save => const { &[cmd(Key::S)] },
            UiCommand::SaveAs => const { &[cmd_shift(Key::S)] },
            UiCommand::CloseTab => const { &[cmd(Key::W)] },
            UiCommand::Quit => const { &[cmd(Key::Q)] },
            UiCommand::Undo => const { &[cmd(Key::Z)] },
            UiCommand::Redo => const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
            UiCommand::OpenPathEntry
            | UiCommand::CompareWith
            | UiCommand::ExportChart
            | UiCommand::CopyChart
            | UiCommand::ExportTable
            | UiCommand::CopyTable
            | UiCommand::ExportBriefing
            | UiCommand::ExportWorkbook
            | UiCommand::Methodology
            | UiCommand::About => &[],
        }
    }

    /// The first shortcut as the platform writes it ("Ctrl+Shift+S",
    /// "⇧⌘S"); "" when there is none.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// The tooltip and, where there is one, the shortcut: "A new, empty
    /// scenario (Ctrl+N)".
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        let shortcut = self.shortcut_text(ctx);
        if shortcut.is_empty() {
            self.tooltip().to_owned()
        } else {
            format!("{} ({shortcut})", self.tooltip())
        }
    }

    /// The menu it is in.
    pub fn menu(self) -> Option<Menu> {
        Menu::ALL
            .into_iter()
            .find(|m| m.entries().contains(&Entry::Command(self)))
    }

    /// Where to find it, for hints: "File, Save As…".
    pub fn menu_path(self) -> String {
        match self.menu() {
            Some(m) => format!("{}, {}", m.title(), self.text()),
            None => self.text().to_owned(),
        }
    }

    /// Whether it can be used now, on the active tab (`None`: no tab).
    pub fn is_enabled(self, tab: Option<&Tab>) -> bool {
        match self {
            UiCommand::Undo => tab.is_some_and(Tab::can_undo),
            UiCommand::Redo => tab.is_some_and(Tab::can_redo),
            _ => true,
        }
    }

    /// The actions whose shortcut was pressed this frame, taking the key
    /// presses so that no widget sees them too. Shortcuts with Shift are
    /// looked for first: Ctrl+Shift+S would otherwise count as Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let mut table: Vec<(KeyboardShortcut, UiCommand)> = Self::ALL
            .into_iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, c)))
            .collect();
        table.sort_by_key(|(s, _)| {
            std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt))
        });
        table
            .into_iter()
            .filter(|(s, _)| ctx.input_mut(|i| i.consume_shortcut(s)))
            .map(|(_, c)| c)
            .collect()
    }

    /// Draws it as a menu item, with its shortcut beside it; a click sends
    /// it. Menu items show no tooltip, as before the table: adding
    /// `.on_hover_text(self.tooltip())` here gives every one its tooltip
    /// (and, through AccessKit, its description).
    pub fn menu_item_ui(self, ui: &mut Ui, enabled: bool, commands: &mut CommandQueue) {
        let shortcut = self.shortcut_text(ui.ctx());
        let mut button = egui::Button::new(self.text());
        if !shortcut.is_empty() {
            button = button.shortcut_text(shortcut);
        }
        if ui.add_enabled(enabled, button).clicked() {
            commands.push(self);
        }
    }

    /// Draws it as a small button with its icon, and its tooltip and
    /// shortcut on hover; a click sends it.
    pub fn small_button_ui(self, ui: &mut Ui, commands: &mut CommandQueue) {
        let text = match self.icon() {
            Some(icon) => format!("{icon} {}", self.text()),
            None => self.text().to_owned(),
        };
        if ui
            .small_button(text)
            .on_hover_text(self.hover_text(ui.ctx()))
            .clicked()
        {
            commands.push(self);
        }
    }
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}

/// The menus of the menu bar, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
}

/// One line of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Command(UiCommand),
    Separator,
    /// "Open recent": the files opened last.
    Recent,
    /// "Open an example": the bundled scenarios.
    Examples,
    /// The results views, one radio button each.
    Views,
    /// The themes, one radio button each.
    Themes,
}

impl Entry {
    /// A submenu's title.
    pub fn title(self) -> Option<&'static str> {
        match self {
            Entry::Recent => Some("Open recent"),
            Entry::Examples => Some("Open an example"),
            Entry::Command(_) | Entry::Separator | Entry::Views | Entry::Themes => None,
        }
    }
}

impl Menu {
    pub const ALL: [Menu; 4] = [Menu::File, Menu::Edit, Menu::View, Menu::Help];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }

    /// What the menu holds, top to bottom.
    pub fn entries(self) -> &'static [Entry] {
        use Entry::{Command as C, Examples, Recent, Separator, Themes, Views};
        match self {
            Menu::File => &[
                C(UiCommand::New),
                C(UiCommand::Open),
                C(UiCommand::OpenPathEntry),
                Recent,
                Examples,
                Separator,
                C(UiCommand::Save),
                C(UiCommand::SaveAs),
                C(UiCommand::CompareWith),
                Separator,
                C(UiCommand::ExportChart),
                C(UiCommand::CopyChart),
                C(UiCommand::ExportTable),
                C(UiCommand::CopyTable),
                C(UiCommand::ExportBriefing),
                C(UiCommand::ExportWorkbook),
                Separator,
                C(UiCommand::CloseTab),
                C(UiCommand::Quit),
            ],
            Menu::Edit => &[C(UiCommand::Undo), C(UiCommand::Redo)],
            Menu::View => &[Views, Separator, Themes],
            Menu::Help => &[C(UiCommand::Methodology), C(UiCommand::About)],
        }
    }
}
