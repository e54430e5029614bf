//! Every user action is a [`Command`]. Menus, shortcuts, buttons, fields
//! and dialogs push commands onto the app's [`CommandQueue`] while a frame
//! is drawn; once it is drawn the app carries them out in order, with that
//! frame's context ([`App::apply`]). Tests and benchmarks send commands the
//! same way ([`App::send`]) and step the app.
//!
//! The named actions of the menus and shortcuts are [`UiCommand`]s, which
//! describe themselves (`ui_command.rs`); the other commands carry what
//! the user chose (a path, an edited scenario, a view).

use std::path::PathBuf;

use super::closing::CloseChoice;
use super::export::ExportCommand;
use super::fields::Unit;
use super::files::Purpose;
use super::outside::ConflictChoice;
use super::prefs::Theme;
use super::tab::TabId;
use super::ui_command::UiCommand;
use super::view::View;
use super::{App, break_even, this_year};
use crate::scenario::Scenario;

/// Every user action.
#[derive(Clone, Debug)]
pub enum Command {
    /// A named action from a menu, a shortcut or a button.
    Ui(UiCommand),
    /// Open one of [`super::EXAMPLES`] (as a new, unsaved scenario).
    OpenExample(usize),
    OpenPath(PathBuf),
    SaveTo(TabId, PathBuf),
    CloseTab(TabId),
    SelectTab(usize),
    /// Replace the active scenario with an edited one; `key` groups typing into one undo step.
    Edit {
        scenario: Box<Scenario>,
        key: Option<egui::Id>,
    },
    SetTheme(Theme),
    SetView(View),
    /// Charts in present values (true) or cash (false).
    SetDiscounted(bool),
    /// The editor panel is now this wide, in points.
    SetEditorWidth(f32),
    /// The answer to "save changes?" for the tab being closed.
    ResolveClose(CloseChoice),
    /// Reopen (true) or throw away (false) work found from a crashed session.
    Recover(bool),
    DismissError,
    /// Open or save at the path typed in the path entry.
    SubmitPathEntry,
    /// Close the path entry without opening or saving.
    CancelPathEntry,
    /// The user closed one of the app's windows.
    CloseWindow(Window),
    /// Monte Carlo draws for a tab's uncertainty panel.
    SetDraws(TabId, u32),
    Export(ExportCommand),
    /// Open the break-even window for the active tab's input at `path` (as
    /// `solve --input` names it), shown in `unit`.
    BreakEven {
        path: String,
        unit: Unit,
    },
    /// The user's answer when a tab's file changed on disk.
    ResolveConflict(ConflictChoice),
    /// File → Compare with…: the tab against the file at the path.
    Compare(TabId, PathBuf),
    CloseComparison,
    /// A tab opened read-only (another window edits its file) may be edited.
    EditAnyway(TabId),
    /// The answer to "the file is read-only": save over it (true) or not.
    SaveReadOnly(bool),
}

/// The app's windows that the user can close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Methodology,
    About,
    BreakEven,
}

/// The commands sent while a frame is drawn, carried out once it is drawn.
#[derive(Debug, Default)]
pub struct CommandQueue(Vec<Command>);

impl CommandQueue {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.0.push(command.into());
    }

    /// Everything sent so far, oldest first; the queue is left empty.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}

impl App {
    /// Sends `command` as a menu, a shortcut or a button does: it is
    /// carried out at the end of the next frame, with that frame's context.
    pub fn send(&mut self, command: impl Into<Command>) {
        self.commands.push(command);
    }

    /// Carries out one user action.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(c) => self.run_ui_command(c, ctx),
            Command::OpenExample(i) => self.open_example(i),
            Command::OpenPath(path) => {
                if let Err(e) = self.open_path(&path) {
                    self.error = Some(e);
                }
            }
            Command::SaveTo(id, path) => {
                self.save_tab(id, &path);
            }
            Command::CloseTab(id) => self.close_tabs(vec![id], false, ctx),
            Command::ResolveClose(choice) => self.resolve_close(choice, ctx),
            Command::SelectTab(i) => {
                if i < self.tabs.len() {
                    self.active = i;
                }
            }
            Command::Edit { scenario, key } => {
                if let Some(tab) = self.active_tab_mut() {
                    tab.edit(*scenario, key);
                }
            }
            Command::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::SetView(view) => self.prefs.view = view,
            Command::SetDiscounted(discounted) => self.prefs.discounted = discounted,
            Command::SetEditorWidth(width) => self.prefs.editor_width = width,
            Command::Recover(keep) => self.recover(keep),
            Command::DismissError => self.error = None,
            Command::SubmitPathEntry => self.submit_path_entry(ctx),
            Command::CancelPathEntry => self.cancel_path_entry(),
            Command::CloseWindow(Window::Methodology) => self.show_methodology = false,
            Command::CloseWindow(Window::About) => self.show_about = false,
            Command::CloseWindow(Window::BreakEven) => self.break_even = None,
            Command::SetDraws(id, draws) => self.analysis.set_draws(id, draws),
            Command::Export(c) => self.export_command(c, ctx),
            Command::ResolveConflict(choice) => self.resolve_conflict(choice, ctx),
            Command::Compare(id, path) => self.compare_with(id, &path),
            Command::CloseComparison => self.comparison = None,
            Command::EditAnyway(id) => {
                if let Some(tab) = self.tabs.iter_mut().find(|t| t.id == id) {
                    tab.read_only = false;
                }
            }
            Command::SaveReadOnly(save) => {
                if let Some((id, path)) = self.read_only_file.take() {
                    if save {
                        self.save_read_only_anyway(id, &path);
                    } else {
                        self.stop_closing_a_tab();
                    }
                }
            }
            Command::BreakEven { path, unit } => {
                let at = ctx.input(|i| i.pointer.latest_pos());
                self.break_even = self
                    .active_tab()
                    .map(|tab| break_even::BreakEven::new(tab, path, unit, at));
            }
        }
    }

    /// Carries out a named action.
    fn run_ui_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::New => {
                let year = this_year();
                self.add_tab(None, Scenario::new("New scenario", year, 10), true);
            }
            UiCommand::Open => self.ask_for_path(Purpose::Open, ctx, ""),
            UiCommand::OpenPathEntry => self.open_path_entry(),
            UiCommand::Save => self.save_active(ctx),
            UiCommand::SaveAs => {
                if let Some(id) = self.active_tab().map(|t| t.id) {
                    self.ask_for_path(Purpose::SaveAs(id), ctx, "");
                }
            }
            UiCommand::CompareWith => {
                if let Some(id) = self.active_tab().map(|t| t.id) {
                    self.ask_for_path(Purpose::Compare(id), ctx, "");
                }
            }
            UiCommand::ExportChart => self.export_command(ExportCommand::Chart, ctx),
            UiCommand::CopyChart => self.export_command(ExportCommand::CopyChart, ctx),
            UiCommand::ExportTable => self.export_command(ExportCommand::Table, ctx),
            UiCommand::ExportBriefing => self.export_command(ExportCommand::Briefing, ctx),
            UiCommand::ExportWorkbook => self.export_command(ExportCommand::Workbook, ctx),
            UiCommand::CopyTable => self.export_command(ExportCommand::CopyTable, ctx),
            UiCommand::CloseTab => {
                // With no tab open, id 0 is none of them: the example opens.
                let id = self.active_tab().map_or(0, |t| t.id);
                self.close_tabs(vec![id], false, ctx);
            }
            UiCommand::Quit => {
                let all = self.tabs.iter().map(|t| t.id).collect();
                self.close_tabs(all, true, ctx);
            }
            UiCommand::Undo | UiCommand::Redo => {
                // A field being typed in shows the value again after the jump.
                ctx.memory_mut(egui::Memory::stop_text_input);
                let undo = command == UiCommand::Undo;
                if let Some(tab) = self.active_tab_mut() {
                    let done = if undo { tab.undo() } else { tab.redo() };
                    if !done {
                        self.status = format!("Nothing to {}", if undo { "undo" } else { "redo" });
                    }
                }
            }
            UiCommand::Methodology => self.show_methodology = true,
            UiCommand::About => self.show_about = true,
        }
    }
}
