//! Exports from the app: the chart shown (SVG or PNG, its title editable
//! first) and the yearly table (CSV), to a file or the clipboard; the
//! briefing pack (.docx) and the audit workbook (.xlsx) of `crate::brief`.
//!
//! Rendering and writing run on their own threads and report back through a
//! channel, so a frame never waits. The file is named in a small form with a
//! built-in path entry; "Choose…" opens the system dialog where there is one
//! (off the UI thread, as Save As does), and says so when there is none.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::Key;

use super::command::Command;
use super::view::View;
use super::{App, file_name_for};
use crate::chart::{self, Basis, Chart};
use crate::scenario::file::write_atomic;

/// PNG size in pixels and pixels per layout unit (laid out at 800 × 450).
const PNG_SIZE: (u32, u32, f32) = (1600, 900, 2.0);

/// The export actions, carried by [`super::Command::Export`].
#[derive(Clone, Debug)]
pub enum ExportCommand {
    /// Ask where to export the chart shown, with its title editable.
    Chart,
    /// The chart shown, as a PNG image on the clipboard.
    CopyChart,
    /// Ask where to export the yearly table.
    Table,
    /// The yearly table on the clipboard, tab-separated.
    CopyTable,
    /// Write the chart shown, titled `title`: SVG or PNG by `path`'s extension.
    ChartTo { path: PathBuf, title: String },
    /// Write the yearly table as CSV.
    TableTo(PathBuf),
    /// Ask where to write the briefing pack (.docx).
    Briefing,
    /// Ask where to write the audit workbook (.xlsx).
    Workbook,
    /// Write the briefing pack or the audit workbook, by `path`'s extension.
    BriefTo(PathBuf),
    /// Ask the system's file dialog where the export in the form goes.
    Choose,
    /// Close the form without exporting.
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Chart,
    Table,
    Briefing,
    Workbook,
}

/// The form that names the file (and, for a chart, its title).
struct Form {
    what: What,
    title: String,
    path: String,
    note: String,
}

enum Done {
    Written(PathBuf),
    Copied(&'static str),
    Picked {
        path: Option<PathBuf>,
        unavailable: bool,
    },
    Failed(String),
    /// How far a briefing pack or workbook has got.
    Progress(String),
}

/// Exports in flight and the export form.
pub struct Exports {
    form: Option<Form>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    /// Kept for the app's life: on X11 the copied image is served from here.
    clipboard: Arc<Mutex<Option<arboard::Clipboard>>>,
}

impl Default for Exports {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            form: None,
            tx,
            rx,
            clipboard: Arc::new(Mutex::new(None)),
        }
    }
}

impl Exports {
    /// Runs `job` on its own thread; its answer arrives in [`App::exports_poll`].
    fn spawn(&mut self, ctx: &egui::Context, job: impl FnOnce() -> Done + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let _ = tx.send(job());
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let _ = self
                .tx
                .send(Done::Failed(format!("Could not start the export: {e}")));
        }
    }
}

/// The chart for `path`: SVG or PNG bytes by its extension.
fn chart_bytes(chart: &Chart, path: &Path) -> Result<Vec<u8>, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "svg" => Ok(chart::svg(chart, 800.0, 450.0).into_bytes()),
        "png" => {
            let (w, h, scale) = PNG_SIZE;
            chart::png(chart, w, h, scale).map_err(|e| e.to_string())
        }
        _ => Err(format!(
            "a chart exports as .svg or .png, not “.{ext}”: end the file name with one of them"
        )),
    }
}

/// Adds `ext` to a path typed without an extension.
fn with_default_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// The chart as RGBA pixels on the clipboard.
fn copy_png(chart: &Chart, clipboard: &Mutex<Option<arboard::Clipboard>>) -> Result<(), String> {
    let (w, h, scale) = PNG_SIZE;
    let png = chart::png(chart, w, h, scale).map_err(|e| e.to_string())?;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png)
        .map_err(|e| format!("the chart image could not be read back ({e}); this is a bug"))?;
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut guard = clipboard
        .lock()
        .map_err(|_| "the clipboard is in use after an earlier failure".to_owned())?;
    if guard.is_none() {
        *guard = Some(
            arboard::Clipboard::new()
                .map_err(|e| format!("the clipboard is not available: {e}"))?,
        );
    }
    let Some(cb) = guard.as_mut() else {
        return Err("the clipboard is not available".to_owned());
    };
    cb.set_image(arboard::ImageData {
        width: pixmap.width() as usize,
        height: pixmap.height() as usize,
        bytes: rgba.into(),
    })
    .map_err(|e| format!("the chart could not be copied: {e}"))
}

impl App {
    /// The chart the results panel shows now, if the view is a chart.
    fn shown_chart(&self) -> Option<Chart> {
        let tab = self.active_tab()?;
        let basis = if self.prefs.discounted {
            Basis::Discounted
        } else {
            Basis::Cash
        };
        View::chart(self.prefs.view, tab, &self.tabs, basis, &self.analysis)
    }

    /// Where an export of the active tab goes unless the user says otherwise.
    fn suggested_export_path(&self, ext: &str) -> PathBuf {
        let Some(tab) = self.active_tab() else {
            return PathBuf::from(format!("export.{ext}"));
        };
        match &tab.path {
            Some(p) => p.with_extension(ext),
            None => {
                let dir = self
                    .prefs
                    .recent
                    .first()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                dir.join(file_name_for(&tab.scenario.title))
                    .with_extension(ext)
            }
        }
    }

    /// Carries out one export action.
    pub(super) fn export_command(&mut self, command: ExportCommand, ctx: &egui::Context) {
        const NO_CHART: &str =
            "This view has no chart: choose a chart above the results to export or copy it";
        if matches!(
            command,
            ExportCommand::ChartTo { .. }
                | ExportCommand::TableTo(_)
                | ExportCommand::BriefTo(_)
                | ExportCommand::Cancel
        ) {
            self.exports.form = None;
        }
        match command {
            ExportCommand::Chart => match self.shown_chart() {
                Some(c) => {
                    self.exports.form = Some(Form {
                        what: What::Chart,
                        title: c.title,
                        path: self.suggested_export_path("png").display().to_string(),
                        note: String::new(),
                    });
                }
                None => NO_CHART.clone_into(&mut self.status),
            },
            ExportCommand::Table => {
                self.exports.form = Some(Form {
                    what: What::Table,
                    title: String::new(),
                    path: self.suggested_export_path("csv").display().to_string(),
                    note: String::new(),
                });
            }
            ExportCommand::CopyTable => {
                if let Some(t) = self.active_tab() {
                    ctx.copy_text(chart::clipboard_table(&t.valid_scenario, &t.results));
                    "Copied the year-by-year table (paste it into Excel)"
                        .clone_into(&mut self.status);
                }
            }
            ExportCommand::CopyChart => match self.shown_chart() {
                Some(c) => {
                    let clipboard = Arc::clone(&self.exports.clipboard);
                    "Copying the chart…".clone_into(&mut self.status);
                    self.exports
                        .spawn(ctx, move || match copy_png(&c, &clipboard) {
                            Ok(()) => Done::Copied("the chart"),
                            Err(e) => Done::Failed(format!("Could not copy the chart: {e}")),
                        });
                }
                None => NO_CHART.clone_into(&mut self.status),
            },
            ExportCommand::ChartTo { path, title } => match self.shown_chart() {
                Some(mut c) => {
                    // The description repeats the title: keep them the same.
                    c.alt_text = c.alt_text.replacen(&c.title, &title, 1);
                    c.title = title;
                    let path = with_default_extension(path, "png");
                    self.status = format!("Exporting the chart to {}…", path.display());
                    self.exports.spawn(ctx, move || {
                        match chart_bytes(&c, &path).and_then(|b| {
                            write_atomic(&path, &b).map_err(|e| format!("{e:#}"))?;
                            // Beside a PNG: its text alternative and its numbers.
                            if path
                                .extension()
                                .is_some_and(|e| e.eq_ignore_ascii_case("png"))
                            {
                                for (beside, bytes) in chart::png_companions(&c, &path) {
                                    write_atomic(&beside, &bytes).map_err(|e| format!("{e:#}"))?;
                                }
                            }
                            Ok(())
                        }) {
                            Ok(()) => Done::Written(path),
                            Err(e) => Done::Failed(format!(
                                "Could not export the chart: {e} ({})",
                                path.display()
                            )),
                        }
                    });
                }
                None => NO_CHART.clone_into(&mut self.status),
            },
            ExportCommand::TableTo(path) => {
                let Some(t) = self.active_tab() else { return };
                let text = chart::csv(&t.valid_scenario, &t.results);
                let path = with_default_extension(path, "csv");
                self.status = format!("Exporting the table to {}…", path.display());
                self.exports
                    .spawn(ctx, move || match write_atomic(&path, text.as_bytes()) {
                        Ok(()) => Done::Written(path),
                        Err(e) => Done::Failed(format!(
                            "Could not export the table: {e:#} ({})",
                            path.display()
                        )),
                    });
            }
            ExportCommand::Briefing | ExportCommand::Workbook => {
                let (what, ext) = if matches!(command, ExportCommand::Briefing) {
                    (What::Briefing, "docx")
                } else {
                    (What::Workbook, "xlsx")
                };
                self.exports.form = Some(Form {
                    what,
                    title: String::new(),
                    path: self.suggested_export_path(ext).display().to_string(),
                    note: String::new(),
                });
            }
            ExportCommand::BriefTo(path) => self.brief_to(path, ctx),
            ExportCommand::Choose => self.choose_export_path(ctx),
            ExportCommand::Cancel => {}
        }
    }

    /// Writes the briefing pack or the audit workbook of the active tab on
    /// its own thread: the Monte Carlo run reports its progress in the status line.
    fn brief_to(&mut self, path: PathBuf, ctx: &egui::Context) {
        let Some(t) = self.active_tab() else { return };
        let scenario = t.valid_scenario.clone();
        let source = t.path.clone();
        let path = with_default_extension(path, "docx");
        let Some(format) = crate::brief::Format::of(&path) else {
            self.status = format!(
                "A briefing pack is a .docx file and an audit workbook an .xlsx file: end the file name with one of them ({})",
                path.display()
            );
            return;
        };
        let what = match format {
            crate::brief::Format::Docx => "briefing pack",
            crate::brief::Format::Xlsx => "audit workbook",
        };
        self.status = format!("Making the {what}…");
        let progress = self.exports.tx.clone();
        let repaint = ctx.clone();
        self.exports.spawn(ctx, move || {
            // The file as it is on disk now: an unsaved edit is in the
            // scenario but not in the file, and the document says so.
            let (name, sha) = match &source {
                Some(p) => (
                    p.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    match crate::scenario::save::OnDisk::read(p) {
                        Ok(Some(d)) => d.sha256_hex(),
                        _ => "not available (the file could not be read)".to_owned(),
                    },
                ),
                None => (
                    "not saved to a file".to_owned(),
                    "none (not saved)".to_owned(),
                ),
            };
            let never = std::sync::atomic::AtomicBool::new(false);
            let tell = move |done: f32| {
                let _ = progress.send(Done::Progress(format!(
                    "Making the {what}: Monte Carlo {:.0} %…",
                    done * 100.0
                )));
                repaint.request_repaint();
            };
            let made = crate::brief::Pack::new(
                &scenario,
                &name,
                &sha,
                &crate::brief::today(),
                &never,
                &tell,
            )
            .and_then(|pack| pack.to_bytes(format))
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_atomic(&path, &bytes).map_err(|e| format!("{e:#}")));
            match made {
                Ok(()) => Done::Written(path),
                Err(e) => Done::Failed(format!(
                    "Could not export the {what}: {e} ({})",
                    path.display()
                )),
            }
        });
    }

    /// Opens the system's file dialog for the export in the form, off the UI thread.
    fn choose_export_path(&mut self, ctx: &egui::Context) {
        let Some(form) = &self.exports.form else {
            return;
        };
        let what = form.what;
        let suggested = PathBuf::from(form.path.trim());
        self.exports.spawn(ctx, move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new();
            dialog = match what {
                What::Chart => dialog
                    .add_filter("PNG image", &["png"])
                    .add_filter("SVG image", &["svg"]),
                What::Table => dialog.add_filter("CSV table", &["csv"]),
                What::Briefing => dialog.add_filter("Word document", &["docx"]),
                What::Workbook => dialog.add_filter("Excel workbook", &["xlsx"]),
            };
            if let Some(dir) = suggested.parent() {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = suggested.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            let path = dialog.save_file();
            let unavailable = path.is_none() && started.elapsed() < Duration::from_millis(400);
            Done::Picked { path, unavailable }
        });
    }

    /// Takes in finished exports, copies and dialogs.
    pub(super) fn exports_poll(&mut self) {
        while let Ok(done) = self.exports.rx.try_recv() {
            match done {
                Done::Written(path) => self.status = format!("Exported {}", path.display()),
                Done::Copied(what) => self.status = format!("Copied {what} as an image"),
                Done::Failed(e) | Done::Progress(e) => self.status = e,
                Done::Picked { path, unavailable } => {
                    if let Some(form) = &mut self.exports.form {
                        match path {
                            Some(p) => form.path = p.display().to_string(),
                            None if unavailable => {
                                "No file dialog is available on this computer: type or paste the file's full path.".clone_into(&mut form.note);
                            }
                            None => {}
                        }
                    }
                }
            }
        }
    }

    /// The export form: the chart's title, the file path, Choose… and Export.
    pub(super) fn export_form_ui(&mut self, ctx: &egui::Context) {
        let dialogs = self.config.dialogs;
        let Some(form) = &mut self.exports.form else {
            return;
        };
        let mut submit = false;
        let mut cancel = false;
        let mut choose = false;
        egui::Modal::new(egui::Id::unique("export_form")).show(ctx, |ui| {
            ui.set_min_width(520.0);
            ui.heading(match form.what {
                What::Chart => "Export the chart",
                What::Table => "Export the year-by-year table (CSV)",
                What::Briefing => "Export the briefing pack (Word)",
                What::Workbook => "Export the audit workbook (Excel, live formulas)",
            });
            if form.what == What::Chart {
                let label = ui.label("Chart title");
                ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
            }
            if !form.note.is_empty() {
                ui.label(&form.note);
            }
            let label = ui.label(match form.what {
                What::Chart => "File path (.png: 1600 × 900 image; .svg: for editing)",
                What::Table => "File path (.csv)",
                What::Briefing => "File path (.docx)",
                What::Workbook => "File path (.xlsx)",
            });
            let resp = ui
                .add(egui::TextEdit::singleline(&mut form.path).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                submit = true;
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!form.path.trim().is_empty(), egui::Button::new("Export"))
                    .clicked()
                {
                    submit = true;
                }
                if dialogs && ui.button("Choose…").clicked() {
                    choose = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    cancel = true;
                }
            });
        });
        let command = if choose {
            ExportCommand::Choose
        } else if submit && !form.path.trim().is_empty() {
            let path = PathBuf::from(form.path.trim().trim_matches('"'));
            match form.what {
                What::Chart => ExportCommand::ChartTo {
                    path,
                    title: form.title.clone(),
                },
                What::Table => ExportCommand::TableTo(path),
                What::Briefing | What::Workbook => ExportCommand::BriefTo(path),
            }
        } else if cancel {
            ExportCommand::Cancel
        } else {
            return;
        };
        self.commands.push(Command::Export(command));
    }
}

#[cfg(test)]
mod app_tests;
#[cfg(test)]
mod command_tests;
#[cfg(test)]
mod tests;
