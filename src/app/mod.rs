//! The desktop app: scenarios open as tabs, an editor on the left, results
//! that recompute on every edit on the right.
//!
//! Every user action is a [`Command`]: menus, shortcuts, buttons and tests
//! push commands while drawing; [`App::apply`] carries them out after the
//! frame is drawn. Where each concern lives is in docs/architecture.md.

mod a11y;
mod analysis;
mod break_even;
mod chrome;
mod closing;
mod command;
mod dialogs;
mod document;
mod editor;
mod export;
mod fields;
mod files;
mod help;
mod outside;
mod plot;
mod prefs;
mod results;
#[cfg(all(test, feature = "snapshots"))]
mod snapshots;
mod tab;
#[cfg(test)]
mod tests;
mod ui_command;
mod view;

use std::path::PathBuf;

use egui::Ui;

pub use closing::CloseChoice;
pub use command::{Command, CommandQueue, Window};
use document::{file_name_for, this_year};
use editor::EditorState;
pub use export::ExportCommand;
use fields::Ed;
use files::{Autosave, Dialogs, Recovered};
pub use prefs::Prefs;
use tab::{Tab, TabId};
pub use ui_command::UiCommand;
pub use view::View;

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
                lock_dir: files::default_lock_dir(),
            };
            Ok(Box::new(App::new(&cc.egui_ctx, prefs, files, config)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the app window: {e}"))
}

/// Whether the window has the keyboard focus (as last told by the system).
#[derive(Clone, Copy, Debug)]
struct WindowFocus(bool);

/// How the app talks to the outside world (tests turn these off).
pub struct Config {
    /// Where unsaved work is autosaved; `None`: no autosave.
    pub autosave_dir: Option<PathBuf>,
    /// Use the system's file dialogs (else always the built-in path entry).
    pub dialogs: bool,
    /// Where the locks that keep one editor per file live; `None`: no locks.
    pub lock_dir: Option<PathBuf>,
}

/// The whole app state. Each concern keeps its part here and its code in
/// its own module: `document` (open, save), `closing` (close, quit),
/// `dialogs` (path entry, dialogs, windows), `chrome` (menu, tabs, status
/// bar), `command` (what each command does).
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
    path_entry: Option<dialogs::PathEntry>,
    closing: Option<closing::Closing>,
    /// Set once every unsaved tab has been answered for: the window may close.
    may_close: bool,
    /// A file that failed to open, or a save that failed: shown until dismissed.
    error: Option<String>,
    /// A short confirmation in the status bar.
    status: String,
    show_methodology: bool,
    show_about: bool,
    window_title: String,
    commands: CommandQueue,
    analysis: analysis::Analysis,
    exports: export::Exports,
    break_even: Option<break_even::BreakEven>,
    /// Escape from a drop-down or menu gives focus back to its opener.
    focus_return: a11y::FocusReturn,
    /// Below the menu and tab bars, above the status bar: where windows go.
    work_area: egui::Rect,
    /// A file changed on disk by someone else, waiting for the user's choice.
    conflict: Option<outside::Conflict>,
    /// File → Compare with…'s result, while its window is open.
    comparison: Option<outside::Comparison>,
    /// A save refused because the file is marked read-only: (tab, path),
    /// until the user chooses Save As, Save anyway or Cancel.
    read_only_file: Option<(TabId, PathBuf)>,
    /// Whether the window had focus last frame, to check files when it returns.
    focus: WindowFocus,
    /// The check of every tab's file begun when the window came back into
    /// focus, while it reads them on its own thread.
    focus_check: Option<outside::FocusCheck>,
}

/// The editor's narrowest width, in points: its default.
pub(crate) const EDITOR_MIN_WIDTH: f32 = 560.0;

impl App {
    /// The app for tests and benchmarks that drive it without a window:
    /// `files` open (else the example), default preferences, no autosave
    /// and no system file dialogs (paths are typed).
    #[must_use]
    pub fn headless(files: Vec<PathBuf>) -> Self {
        let config = Config {
            autosave_dir: None,
            dialogs: false,
            lock_dir: None,
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
            commands: CommandQueue::default(),
            analysis: analysis::Analysis::default(),
            exports: export::Exports::default(),
            break_even: None,
            focus_return: a11y::FocusReturn::default(),
            work_area: egui::Rect::EVERYTHING,
            conflict: None,
            comparison: None,
            read_only_file: None,
            focus: WindowFocus(true),
            focus_check: None,
        };
        ctx.set_theme(app.prefs.theme.preference());
        // The faces the charts are laid out in, so the screen draws what was measured.
        plot::install_fonts(ctx);
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
        if from_last_time {
            // The tab that was in front last time is in front again.
            let front = app.prefs.active_file.clone();
            if let Some(i) = app
                .tabs
                .iter()
                .position(|t| t.path.is_some() && t.path == front)
            {
                app.active = i;
            }
        }
        if from_last_time && !problems.is_empty() {
            // A file from last time that moved or went: say so, but quietly.
            app.status = format!(
                "{} open last time could not be reopened",
                crate::scenario::names::count(problems.len(), "file", "files")
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
        self.focus_return.begin(&ctx);
        for c in UiCommand::pressed(&ctx) {
            self.commands.push(c);
        }
        self.dropped_files(&ctx);
        if let Some(answer) = self.dialogs.poll() {
            self.dialog_answer(answer);
        }
        self.exports_poll();
        self.focus_tick(&ctx);
        self.analysis.tick(self.tabs.get(self.active), &ctx);
        self.handle_close_request(&ctx);

        // The window is named as its title bar is.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| {
            n.set_label(self.window_title.as_str());
        });
        egui::Panel::top("menu").show(ui, |ui| {
            a11y::region(ui, egui::accesskit::Role::Pane, "Menu bar");
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui));
        });
        egui::Panel::top("tabs").show(ui, |ui| self.tabs_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| {
            a11y::region(ui, egui::accesskit::Role::Pane, "Status bar");
            self.status_ui(ui);
        });
        self.work_area = ui.available_rect_before_wrap();
        // Only the user changes the width, by dragging its edge (or through
        // the edge's accessibility actions). Otherwise the panel has exactly
        // the width kept, so content wider than it (a long message, a wide
        // row) cannot widen it: rows wrap, and what cannot is clipped.
        // (The edge's id, as egui makes it: the panel's id with "__resize".)
        let edge = ui.scope_id().with("editor").with("__resize");
        let dragged = ctx.dragged_id() == Some(edge) || ctx.drag_stopped_id() == Some(edge);
        let asked = ctx.input(|i| {
            i.events.iter().any(|e| {
                use egui::accesskit::Action;
                matches!(e, egui::Event::AccessKitActionRequest(r)
                    if matches!(r.action, Action::Increment | Action::Decrement | Action::SetValue))
            })
        });
        // Narrower than its default, the editor's fixed-width controls
        // (a range's three numbers, the discounting choice) no longer fit
        // beside their labels: the layout test checks every row fits from
        // this width up.
        let range = EDITOR_MIN_WIDTH..=(ui.available_width() * 0.7).max(EDITOR_MIN_WIDTH);
        let kept = self.prefs.editor_width.clamp(*range.start(), *range.end());
        let panel = egui::Panel::left("editor").resizable(true);
        let panel = if dragged || asked {
            panel.default_size(kept).size_range(range)
        } else {
            panel.exact_size(kept)
        };
        let panel = panel.show(ui, |ui| {
            a11y::region(ui, egui::accesskit::Role::Pane, "Editor");
            self.editor_ui(ui);
        });
        let width = panel.response.rect.width();
        if width != self.prefs.editor_width && (dragged || asked) {
            self.commands.push(Command::SetEditorWidth(width));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            a11y::region(ui, egui::accesskit::Role::Pane, "Results");
            self.results_ui(ui);
        });

        self.windows_ui(&ctx);
        a11y::focus_ring(&ctx);
        self.focus_return.end(&ctx);
        let commands = self.commands.take();
        if !commands.is_empty() {
            // What they changed is drawn next frame, input or not.
            ctx.request_repaint();
        }
        for c in commands {
            self.apply(c, &ctx);
        }
        // A tab being closed that was saved through Save As closes now.
        if self.is_closing() && self.path_entry.is_none() && !self.dialogs.busy {
            self.continue_closing(&ctx);
        }
        self.autosave_tick(&ctx);
        self.update_title(&ctx);
    }

    /// When the window comes back into focus (the user was in Explorer, or
    /// in another program that may have changed a file), checks every
    /// tab's file on disk.
    fn focus_tick(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .rev()
                .find_map(|e| match e {
                    egui::Event::WindowFocused(f) => Some(*f),
                    _ => None,
                })
                .unwrap_or(self.focus.0)
        });
        if focused && !self.focus.0 {
            self.check_outside_changes();
        }
        self.focus = WindowFocus(focused);
        self.outside_changes_found(ctx);
    }

    /// The editor of the active tab; a changed scenario is sent as an edit.
    fn editor_ui(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get(self.active) else {
            return;
        };
        if tab.read_only {
            let id = tab.id;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(
                        "Read-only: this file is being edited in another Counterweight window.",
                    )
                    .strong(),
                );
                if ui
                    .button("Edit anyway")
                    .on_hover_text(
                        "Edit here too. If the other window saves first, your save will show \
                         what it changed and ask whose version wins.",
                    )
                    .clicked()
                {
                    self.commands.push(Command::EditAnyway(id));
                }
            });
            ui.separator();
        }
        let read_only = tab.read_only;
        let mut draft = tab.scenario.clone();
        let mut ed = Ed {
            errors: &tab.field_errors,
            key: None,
            structural: false,
            start_year: draft.settings.start_year,
            break_even: None,
            horizon: draft.settings.horizon_years,
            amount: None,
            rescale: None,
            scope: String::new(),
            field: String::new(),
        };
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                a11y::clip(ui, "Editor contents");
                if read_only {
                    ui.disable();
                }
                ui.push_id(tab.id, |ui| {
                    editor::editor_ui(
                        ui,
                        &mut self.editor,
                        tab.id,
                        &mut ed,
                        &mut draft,
                        &tab.uncertain,
                    );
                });
                a11y::follow_focus(ui);
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

    /// The results of the active tab, in the view chosen.
    fn results_ui(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get(self.active) else {
            return;
        };
        results::results_ui(
            ui,
            tab,
            &self.tabs,
            results::Shown {
                view: self.prefs.view,
                discounted: self.prefs.discounted,
            },
            &self.analysis,
            &mut self.commands,
        );
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_open_files();
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }

    fn persist_egui_memory(&self) -> bool {
        // Layout only; typed-but-unread text must not come back next time.
        false
    }
}
