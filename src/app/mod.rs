//! The desktop app: scenarios open as tabs, an editor on the left, results
//! that recompute on every edit on the right.
//!
//! Every user action is a [`Command`]: menus, shortcuts, buttons and tests
//! push commands while drawing; [`App::apply`] carries them out after the
//! frame is drawn.

mod analysis;
mod break_even;
mod editor;
mod export;
mod fields;
mod files;
mod help;
mod plot;
mod prefs;
mod results;
#[cfg(all(test, feature = "snapshots"))]
mod snapshots;
mod tab;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::scenario::{LoadError, Scenario, load_path, load_str, save_atomic};
use editor::EditorState;
use fields::Ed;
use files::{Autosave, Dialogs, Purpose, Recovered};
use prefs::Theme;
pub use prefs::{Prefs, View};
use tab::{Tab, TabId};

/// The bundled scenarios, (file name, text); the first opens when nothing else is open.
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "moj-back-office.ron",
        include_str!("../../scenarios/moj-back-office.ron"),
    ),
    (
        "dvla-local-offices.ron",
        include_str!("../../scenarios/dvla-local-offices.ron"),
    ),
    (
        "met-police-back-office.ron",
        include_str!("../../scenarios/met-police-back-office.ron"),
    ),
    (
        "nhs-shared-business-services.ron",
        include_str!("../../scenarios/nhs-shared-business-services.ron"),
    ),
    (
        "congestion-charge-offshore.ron",
        include_str!("../../scenarios/congestion-charge-offshore.ron"),
    ),
    (
        "dwp-offshoring-what-if.ron",
        include_str!("../../scenarios/dwp-offshoring-what-if.ron"),
    ),
];

/// Opens the desktop app on `files` (none: the files open last time, else the example).
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Counterweight")
            .with_app_id("counterweight")
            .with_inner_size([1360.0, 820.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Counterweight",
        options,
        Box::new(move |cc| {
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, prefs::KEY))
                .map(Prefs::with_plain_paths)
                .unwrap_or_default();
            let config = Config {
                autosave_dir: files::default_autosave_dir(),
                dialogs: true,
            };
            Ok(Box::new(App::new(&cc.egui_ctx, prefs, files, config)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the app window: {e}"))
}

/// How the app talks to the outside world (tests turn these off).
pub struct Config {
    /// Where unsaved work is autosaved; `None`: no autosave.
    pub autosave_dir: Option<PathBuf>,
    /// Use the system's file dialogs (else always the built-in path entry).
    pub dialogs: bool,
}

/// Every user action.
#[derive(Clone, Debug)]
pub enum Command {
    New,
    /// Open one of [`EXAMPLES`] (as a new, unsaved scenario).
    OpenExample(usize),
    /// Ask for a file to open (dialog, or path entry where there is none).
    Open,
    OpenPath(PathBuf),
    /// Type a path to open (always available).
    OpenPathEntry,
    Save,
    SaveAs,
    SaveTo(TabId, PathBuf),
    CloseTab(TabId),
    Quit,
    SelectTab(usize),
    /// Replace the active scenario with an edited one; `key` groups typing into one undo step.
    Edit {
        scenario: Box<Scenario>,
        key: Option<egui::Id>,
    },
    Undo,
    Redo,
    SetTheme(Theme),
    SetView(View),
    ShowMethodology,
    ShowAbout,
    /// The answer to "save changes?" for the tab being closed.
    ResolveClose(CloseChoice),
    /// Reopen (true) or throw away (false) work found from a crashed session.
    Recover(bool),
    DismissError,
    /// Monte Carlo draws for a tab's uncertainty panel.
    SetDraws(TabId, u32),
    Export(export::ExportCommand),
    /// Open the break-even window for the active tab's input at `path` (as
    /// `solve --input` names it), shown in `unit`.
    BreakEven {
        path: String,
        unit: fields::Unit,
    },
}

/// The three answers to closing unsaved work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseChoice {
    Save,
    Discard,
    Cancel,
}

/// A path typed into the built-in file entry.
struct PathEntry {
    purpose: Purpose,
    text: String,
    /// Why the entry was opened (no dialog on this system, …).
    note: String,
}

/// Closing in progress: the tabs still to close, and whether the app quits after.
struct Closing {
    tabs: Vec<TabId>,
    quit: bool,
}

/// The whole app state.
pub struct App {
    tabs: Vec<Tab>,
    active: usize,
    next_id: TabId,
    prefs: Prefs,
    config: Config,
    editor: EditorState,
    dialogs: Dialogs,
    autosave: Option<Autosave>,
    last_autosave: f64,
    recovered: Vec<Recovered>,
    path_entry: Option<PathEntry>,
    closing: Option<Closing>,
    /// Set once every unsaved tab has been answered for: the window may close.
    may_close: bool,
    /// A file that failed to open, or a save that failed: shown until dismissed.
    error: Option<String>,
    /// A short confirmation in the status bar.
    status: String,
    show_methodology: bool,
    show_about: bool,
    window_title: String,
    commands: Vec<Command>,
    analysis: analysis::Analysis,
    exports: export::Exports,
    break_even: Option<break_even::BreakEven>,
}

impl App {
    /// The app for tests and benchmarks that drive it without a window:
    /// `files` open (else the example), default preferences, no autosave
    /// and no system file dialogs (paths are typed).
    #[must_use]
    pub fn headless(files: Vec<PathBuf>) -> Self {
        let config = Config {
            autosave_dir: None,
            dialogs: false,
        };
        Self::new(&egui::Context::default(), Prefs::default(), files, config)
    }

    /// The app with `files` open (else last session's files, else the example).
    pub fn new(ctx: &egui::Context, prefs: Prefs, files: Vec<PathBuf>, config: Config) -> Self {
        let autosave = config.autosave_dir.clone().map(Autosave::new);
        let recovered = autosave
            .as_ref()
            .map(Autosave::find_recoverable)
            .unwrap_or_default();
        let mut app = Self {
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            prefs,
            config,
            editor: EditorState::default(),
            dialogs: Dialogs::default(),
            autosave,
            last_autosave: 0.0,
            recovered,
            path_entry: None,
            closing: None,
            may_close: false,
            error: None,
            status: String::new(),
            show_methodology: false,
            show_about: false,
            window_title: String::new(),
            commands: Vec::new(),
            analysis: analysis::Analysis::default(),
            exports: export::Exports::default(),
            break_even: None,
        };
        ctx.set_theme(app.prefs.theme.preference());
        let from_last_time = files.is_empty();
        let files = if from_last_time {
            app.prefs.open_files.clone()
        } else {
            files
        };
        let mut problems = Vec::new();
        for path in files {
            if let Err(e) = app.open_path(&path) {
                problems.push(e);
            }
        }
        if from_last_time && !problems.is_empty() {
            // A file from last time that moved or went: say so, but quietly.
            app.status = format!(
                "{} file(s) open last time could not be reopened",
                problems.len()
            );
        } else if !problems.is_empty() {
            app.error = Some(problems.join("\n\n"));
        }
        if app.tabs.is_empty() {
            app.open_example(0);
        }
        app
    }

    /// Draws one frame and applies what the user did.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        if let Some(answer) = self.dialogs.poll() {
            self.dialog_answer(answer);
        }
        self.exports_poll();
        self.analysis.tick(self.tabs.get(self.active), &ctx);
        self.handle_close_request(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui));
        });
        egui::Panel::top("tabs").show(ui, |ui| self.tabs_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let width = self.prefs.editor_width;
        let panel = egui::Panel::left("editor")
            .resizable(true)
            .default_size(width)
            .size_range(360.0..=ui.available_width() * 0.7)
            .show(ui, |ui| self.editor_ui(ui));
        self.prefs.editor_width = panel.response.rect.width();
        egui::CentralPanel::default().show(ui, |ui| self.results_ui(ui));

        self.windows_ui(&ctx);
        let commands = std::mem::take(&mut self.commands);
        for c in commands {
            self.apply(c, &ctx);
        }
        // A tab being closed that was saved through Save As closes now.
        if self.closing.is_some() && self.path_entry.is_none() && !self.dialogs.busy {
            self.continue_closing(&ctx);
        }
        self.autosave_tick(&ctx);
        self.update_title(&ctx);
    }

    fn active_tab(&self) -> Option<&Tab> {
        self.tabs.get(self.active)
    }

    fn active_tab_mut(&mut self) -> Option<&mut Tab> {
        self.tabs.get_mut(self.active)
    }

    fn add_tab(&mut self, path: Option<PathBuf>, scenario: Scenario, saved: bool) {
        let id = self.next_id;
        self.next_id += 1;
        self.tabs.push(Tab::new(id, path, scenario, saved));
        self.active = self.tabs.len() - 1;
    }

    fn open_example(&mut self, i: usize) {
        let Some((name, text)) = EXAMPLES.get(i) else {
            return;
        };
        match load_str(text) {
            Ok(loaded) => self.add_tab(None, loaded.scenario, true),
            Err(e) => {
                self.error = Some(format!(
                    "the bundled example does not load (a bug): {}",
                    e.display_in(name)
                ));
            }
        }
    }

    /// Opens `path` as a tab (or switches to it when already open). The
    /// error names the file, line and what to fix; open work is untouched.
    fn open_path(&mut self, path: &Path) -> Result<(), String> {
        let path = crate::paths::canonical(path);
        if let Some(i) = self
            .tabs
            .iter()
            .position(|t| t.path.as_deref() == Some(path.as_path()))
        {
            self.active = i;
            return Ok(());
        }
        let shown = path.display().to_string();
        match load_path(&path) {
            Ok(loaded) => {
                let warnings = loaded.warnings.len();
                self.add_tab(Some(path.clone()), loaded.scenario, true);
                files::remember(&mut self.prefs.recent, &path);
                self.status = if warnings == 0 {
                    format!("Opened {shown}")
                } else {
                    format!("Opened {shown} with {warnings} warning(s): see the results panel")
                };
                Ok(())
            }
            Err(e) => Err(load_error_message(&e, &shown)),
        }
    }

    /// Saves tab `id` to `path`; true on success.
    fn save_tab(&mut self, id: TabId, path: &Path) -> bool {
        let Some(tab) = self.tabs.iter_mut().find(|t| t.id == id) else {
            return false;
        };
        if tab.has_errors() {
            // A file with errors would not open again: keep the work in the
            // app (and autosave) until it is fixed.
            let problems: Vec<String> = tab
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("• {}", d.message))
                .collect();
            self.error = Some(format!(
                "Not saved: the scenario has {} problem(s), and a file with problems could not be opened again. \
                 Fix the fields marked in red, then save.\n\n{}",
                problems.len(),
                problems.join("\n")
            ));
            return false;
        }
        let scenario = tab.scenario.clone();
        match save_atomic(path, &scenario) {
            Ok(()) => {
                let path = crate::paths::canonical(path);
                tab.mark_saved(path.clone(), scenario);
                if let Some(a) = &mut self.autosave {
                    a.remove(id);
                }
                files::remember(&mut self.prefs.recent, &path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(format!("{e:#}\n{}", path.display()));
                false
            }
        }
    }

    /// Carries out one user action.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => {
                let year = this_year();
                self.add_tab(None, Scenario::new("New scenario", year, 10), true);
            }
            Command::OpenExample(i) => self.open_example(i),
            Command::Open => self.ask_for_path(Purpose::Open, ctx, ""),
            Command::OpenPathEntry => {
                self.path_entry = Some(PathEntry {
                    purpose: Purpose::Open,
                    text: String::new(),
                    note: String::new(),
                });
            }
            Command::OpenPath(path) => {
                if let Err(e) = self.open_path(&path) {
                    self.error = Some(e);
                }
            }
            Command::Save => {
                let Some(tab) = self.active_tab() else { return };
                match tab.path.clone() {
                    Some(path) => {
                        let id = tab.id;
                        self.save_tab(id, &path);
                    }
                    None => self.ask_for_path(Purpose::SaveAs(tab.id), ctx, ""),
                }
            }
            Command::SaveAs => {
                if let Some(id) = self.active_tab().map(|t| t.id) {
                    self.ask_for_path(Purpose::SaveAs(id), ctx, "");
                }
            }
            Command::SaveTo(id, path) => {
                self.save_tab(id, &path);
            }
            Command::CloseTab(id) => {
                self.closing = Some(Closing {
                    tabs: vec![id],
                    quit: false,
                });
                self.continue_closing(ctx);
            }
            Command::Quit => {
                self.closing = Some(Closing {
                    tabs: self.tabs.iter().map(|t| t.id).collect(),
                    quit: true,
                });
                self.continue_closing(ctx);
            }
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
            Command::Undo | Command::Redo => {
                // A field being typed in shows the value again after the jump.
                ctx.memory_mut(egui::Memory::stop_text_input);
                let undo = matches!(command, Command::Undo);
                if let Some(tab) = self.active_tab_mut() {
                    let done = if undo { tab.undo() } else { tab.redo() };
                    if !done {
                        self.status = format!("Nothing to {}", if undo { "undo" } else { "redo" });
                    }
                }
            }
            Command::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::SetView(view) => self.prefs.view = view,
            Command::ShowMethodology => self.show_methodology = true,
            Command::ShowAbout => self.show_about = true,
            Command::Recover(keep) => {
                for r in std::mem::take(&mut self.recovered) {
                    if keep {
                        self.add_tab(r.origin.clone(), r.scenario, false);
                    }
                    Autosave::forget(&r.file);
                }
            }
            Command::DismissError => self.error = None,
            Command::SetDraws(id, draws) => self.analysis.set_draws(id, draws),
            Command::Export(c) => self.export_command(c, ctx),
            Command::BreakEven { path, unit } => {
                let at = ctx.input(|i| i.pointer.latest_pos());
                self.break_even = self
                    .active_tab()
                    .map(|tab| break_even::BreakEven::new(tab, path, unit, at));
            }
        }
    }

    /// Opens the file dialog, or the path entry where dialogs are off.
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
            Purpose::SaveAs(id) => {
                let tab = self.tabs.iter().find(|t| t.id == id)?;
                tab.path.clone().or_else(|| {
                    let dir = last_dir.or_else(documents_dir).unwrap_or_default();
                    Some(dir.join(file_name_for(&tab.scenario.title)))
                })
            }
        }
    }

    fn ask_for_path(&mut self, purpose: Purpose, ctx: &egui::Context, note: &str) {
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

    fn dialog_answer(&mut self, answer: files::Answer) {
        match (answer.path, answer.purpose) {
            (Some(path), Purpose::Open) => self.commands.push(Command::OpenPath(path)),
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
            (None, _) => {
                // Cancelled: closing waits for an answer no more.
                if self.closing.as_ref().is_some_and(|c| !c.quit) {
                    self.closing = None;
                }
            }
        }
    }

    /// Asks about the next unsaved tab being closed, or closes what can be closed.
    fn continue_closing(&mut self, ctx: &egui::Context) {
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

    fn resolve_close(&mut self, choice: CloseChoice, ctx: &egui::Context) {
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
            if let Some(a) = &mut self.autosave {
                a.remove(id);
            }
            if self.active >= i && self.active > 0 {
                self.active -= 1;
            }
        }
    }

    /// The window's close button: ask about unsaved work first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.may_close {
            return;
        }
        if self.tabs.iter().any(Tab::is_dirty) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if self.closing.is_none() {
                self.commands.push(Command::Quit);
            }
        } else {
            self.may_close = true;
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let table: [(KeyboardShortcut, Command); 9] = [
            (cmd_shift(Key::Z), Command::Redo),
            (cmd(Key::Z), Command::Undo),
            (cmd(Key::Y), Command::Redo),
            (cmd_shift(Key::S), Command::SaveAs),
            (cmd(Key::S), Command::Save),
            (cmd(Key::O), Command::Open),
            (cmd(Key::N), Command::New),
            (
                cmd(Key::W),
                Command::CloseTab(self.active_tab().map_or(0, |t| t.id)),
            ),
            (cmd(Key::Q), Command::Quit),
        ];
        for (shortcut, command) in table {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        for path in dropped {
            self.commands.push(Command::OpenPath(path));
        }
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let any_dirty = self.tabs.iter().any(Tab::is_dirty);
        if any_dirty {
            ctx.request_repaint_after(files::AUTOSAVE_EVERY);
        }
        if now - self.last_autosave < files::AUTOSAVE_EVERY.as_secs_f64() {
            return;
        }
        self.last_autosave = now;
        autosave.heartbeat();
        for tab in &self.tabs {
            if tab.is_dirty() {
                // A scenario with errors would not load back: keep the last valid one.
                let scenario = if tab.has_errors() {
                    &tab.valid_scenario
                } else {
                    &tab.scenario
                };
                autosave.write(tab.id, tab.generation, scenario, tab.path.as_deref());
            } else {
                autosave.remove(tab.id);
            }
        }
        self.report_autosave();
    }

    /// Tells the user, once, that unsaved work is no longer being kept safe
    /// (and, once, that it is again).
    fn report_autosave(&mut self) {
        match self.autosave.as_mut().and_then(Autosave::poll) {
            Some(files::AutosaveNews::Failing(why)) => {
                self.error = Some(format!(
                    "Autosave has stopped working, so unsaved changes would be lost in a crash. \
                     Your work is still open here: save it now (Ctrl+S, or File → Save As… \
                     to another folder). Autosave keeps trying.\n\n{why}"
                ));
            }
            Some(files::AutosaveNews::Working) => {
                "Autosave works again: unsaved changes are kept safe".clone_into(&mut self.status);
            }
            None => {}
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
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

    fn menu_ui(&mut self, ui: &mut Ui) {
        let cmds = &mut self.commands;
        let can_undo = self.tabs.get(self.active).is_some_and(Tab::can_undo);
        let can_redo = self.tabs.get(self.active).is_some_and(Tab::can_redo);
        let item = |ui: &mut Ui, text: &str, shortcut: &str, enabled: bool| {
            let button = if shortcut.is_empty() {
                egui::Button::new(text)
            } else {
                egui::Button::new(text).shortcut_text(shortcut)
            };
            ui.add_enabled(enabled, button).clicked()
        };
        ui.menu_button("File", |ui| {
            if item(ui, "New", "Ctrl+N", true) {
                cmds.push(Command::New);
            }
            if item(ui, "Open…", "Ctrl+O", true) {
                cmds.push(Command::Open);
            }
            if item(ui, "Open by typing a path…", "", true) {
                cmds.push(Command::OpenPathEntry);
            }
            ui.menu_button("Open recent", |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label("No recent files");
                }
                for p in &self.prefs.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        cmds.push(Command::OpenPath(p.clone()));
                    }
                }
            });
            ui.menu_button("Open an example", |ui| {
                for (i, (_, text)) in EXAMPLES.iter().enumerate() {
                    let title = example_title(text);
                    if ui.button(title).clicked() {
                        cmds.push(Command::OpenExample(i));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", "Ctrl+S", true) {
                cmds.push(Command::Save);
            }
            if item(ui, "Save As…", "Ctrl+Shift+S", true) {
                cmds.push(Command::SaveAs);
            }
            ui.separator();
            for (text, c) in [
                ("Export chart…", export::ExportCommand::Chart),
                ("Copy chart", export::ExportCommand::CopyChart),
                ("Export table…", export::ExportCommand::Table),
                ("Copy table", export::ExportCommand::CopyTable),
            ] {
                if item(ui, text, "", true) {
                    cmds.push(Command::Export(c));
                }
            }
            ui.separator();
            if item(ui, "Close tab", "Ctrl+W", true)
                && let Some(t) = self.tabs.get(self.active)
            {
                cmds.push(Command::CloseTab(t.id));
            }
            if item(ui, "Quit", "Ctrl+Q", true) {
                cmds.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if item(ui, "Undo", "Ctrl+Z", can_undo) {
                cmds.push(Command::Undo);
            }
            if item(ui, "Redo", "Ctrl+Shift+Z", can_redo) {
                cmds.push(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            for view in View::ALL {
                if ui.radio(self.prefs.view == view, view.name()).clicked() {
                    cmds.push(Command::SetView(view));
                }
            }
            ui.separator();
            for (theme, name) in [
                (Theme::System, "Theme: as the system"),
                (Theme::Light, "Theme: light"),
                (Theme::Dark, "Theme: dark"),
            ] {
                if ui.radio(self.prefs.theme == theme, name).clicked() {
                    cmds.push(Command::SetTheme(theme));
                }
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Methodology").clicked() {
                cmds.push(Command::ShowMethodology);
            }
            if ui.button("About Counterweight").clicked() {
                cmds.push(Command::ShowAbout);
            }
        });
    }

    fn tabs_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for (i, tab) in self.tabs.iter().enumerate() {
                let dirty = if tab.is_dirty() { " *" } else { "" };
                let text = format!("{}{dirty}", tab.name());
                let selected = i == self.active;
                let resp = ui.selectable_label(selected, RichText::new(text).strong());
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
                close.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, &close_name)
                });
                if close.on_hover_text(&close_name).clicked() {
                    self.commands.push(Command::CloseTab(tab.id));
                }
                ui.separator();
            }
            if ui
                .small_button("➕ New")
                .on_hover_text("A new, empty scenario (Ctrl+N)")
                .clicked()
            {
                self.commands.push(Command::New);
            }
            if ui
                .small_button("📂 Open…")
                .on_hover_text("Open a scenario file (Ctrl+O)")
                .clicked()
            {
                self.commands.push(Command::Open);
            }
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(tab) = self.tabs.get(self.active) {
                let text = match (&tab.path, tab.is_dirty()) {
                    (Some(p), false) => format!("{} — saved", p.display()),
                    (Some(p), true) => format!("{} — unsaved changes (Ctrl+S saves)", p.display()),
                    (None, _) => {
                        "Not saved to a file yet: File, Save As… (Ctrl+Shift+S) keeps it".to_owned()
                    }
                };
                ui.label(RichText::new(text).small());
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.label(RichText::new(&self.status).small());
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get(self.active) else {
            return;
        };
        let mut draft = tab.scenario.clone();
        let mut ed = Ed {
            errors: &tab.field_errors,
            key: None,
            structural: false,
            start_year: draft.settings.start_year,
            break_even: None,
        };
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.push_id(tab.id, |ui| {
                    editor::editor_ui(ui, &mut self.editor, &mut ed, &mut draft);
                });
            });
        if let Some((path, unit)) = ed.break_even.take() {
            self.commands.push(Command::BreakEven { path, unit });
        }
        if draft != tab.scenario {
            let key = if ed.structural { None } else { ed.key };
            self.commands.push(Command::Edit {
                scenario: Box::new(draft),
                key,
            });
        }
    }

    fn results_ui(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get(self.active) else {
            return;
        };
        let mut view = self.prefs.view;
        let mut discounted = self.prefs.discounted;
        results::results_ui(
            ui,
            tab,
            &self.tabs,
            &mut view,
            &mut discounted,
            &self.analysis,
            &mut self.commands,
        );
        if view != self.prefs.view {
            self.commands.push(Command::SetView(view));
        }
        self.prefs.discounted = discounted;
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        if let Some(message) = self.error.clone() {
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
        self.close_dialog_ui(ctx);
        self.path_entry_ui(ctx);
        self.break_even_ui(ctx);
        self.export_form_ui(ctx);
        if !self.recovered.is_empty() && self.error.is_none() {
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
        egui::Window::new("Methodology")
            .open(&mut self.show_methodology)
            .default_size([640.0, 560.0])
            .vscroll(true)
            .show(ctx, help::methodology_ui);
        egui::Window::new("About Counterweight")
            .open(&mut self.show_about)
            .resizable(false)
            .collapsible(false)
            .show(ctx, help::about_ui);
    }

    /// The break-even window, for as long as its tab is the one shown.
    fn break_even_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.break_even else {
            return;
        };
        let open = match self.tabs.get(self.active) {
            Some(tab) if tab.id == window.tab => window.window_ui(ctx, tab, &mut self.commands),
            _ => false,
        };
        if !open {
            self.break_even = None;
        }
    }

    fn close_dialog_ui(&mut self, ctx: &egui::Context) {
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
                if ui.button("Save").clicked() {
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

    fn path_entry_ui(&mut self, ctx: &egui::Context) {
        let Some(entry) = &mut self.path_entry else {
            return;
        };
        let title = match entry.purpose {
            Purpose::Open => "Open a scenario file",
            Purpose::SaveAs(_) => "Save the scenario as",
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
                let verb = if matches!(entry.purpose, Purpose::Open) {
                    "Open"
                } else {
                    "Save"
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
            let path = PathBuf::from(entry.text.trim().trim_matches('"'));
            let purpose = entry.purpose;
            self.path_entry = None;
            self.commands.push(match purpose {
                Purpose::Open => Command::OpenPath(path),
                Purpose::SaveAs(id) => Command::SaveTo(id, ensure_ron(path)),
            });
        } else if cancel {
            self.path_entry = None;
            if self.closing.as_ref().is_some_and(|c| !c.quit) {
                self.closing = None;
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.open_files = self.tabs.iter().filter_map(|t| t.path.clone()).collect();
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }

    fn persist_egui_memory(&self) -> bool {
        // Layout only; typed-but-unread text must not come back next time.
        false
    }
}

/// What the path entry starts with: the folder to open from (ready for a
/// file name), or the whole path to save to.
fn entry_text(purpose: Purpose, suggested: Option<&Path>) -> String {
    match (purpose, suggested) {
        (Purpose::Open, Some(p)) => p
            .parent()
            .map(|d| format!("{}{}", d.display(), std::path::MAIN_SEPARATOR))
            .unwrap_or_default(),
        (Purpose::SaveAs(_), Some(p)) => p.display().to_string(),
        (_, None) => String::new(),
    }
}

/// The user's Documents folder, where a first save goes.
fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os("USERPROFILE").or_else(|| std::env::var_os("HOME"))?;
    let home = PathBuf::from(home);
    let docs = home.join("Documents");
    Some(if docs.is_dir() { docs } else { home })
}

/// The calendar year now (UTC), for a new scenario's start.
fn this_year() -> i32 {
    const SECONDS_PER_YEAR: u64 = 31_556_952; // 365.2425 days
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    1970 + (secs / SECONDS_PER_YEAR) as i32
}

/// The title written in a bundled scenario's text, for the menu.
fn example_title(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("title: \""))
        .and_then(|rest| rest.rsplit_once('"').map(|(t, _)| t))
        .unwrap_or("Example")
}

/// "`MoJ` back office" → "`MoJ` back office.ron", safe for any file system.
fn file_name_for(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        "scenario.ron".to_owned()
    } else {
        format!("{cleaned}.ron")
    }
}

/// Adds `.ron` to a save path typed without an extension.
fn ensure_ron(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}

/// The whole message for a file that did not open: every problem with its line.
fn load_error_message(e: &LoadError, shown: &str) -> String {
    format!("Could not open {shown}:\n\n{}", e.display_in(shown))
}
