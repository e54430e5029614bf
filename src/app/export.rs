//! Exports from the app: the chart shown (SVG or PNG, its title editable
//! first) and the yearly table (CSV), to a file or the clipboard.
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

use super::prefs::View;
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Chart,
    Table,
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
        match self.prefs.view {
            View::Headline => Some(tab.with_subject(|s| chart::net(s, basis))),
            View::Breakdown => Some(tab.with_subject(|s| chart::breakdown(s, basis))),
            View::Waterfall => Some(tab.with_subject(chart::waterfall)),
            View::Table => None,
            View::Compare => {
                let names: Vec<String> = self.tabs.iter().map(super::Tab::file_name).collect();
                let subjects: Vec<chart::Subject<'_>> = self
                    .tabs
                    .iter()
                    .zip(&names)
                    .map(|(t, file_name)| chart::Subject {
                        scenario: &t.valid_scenario,
                        results: &t.results,
                        file_name,
                    })
                    .collect();
                Some(chart::compare(&subjects))
            }
            View::Tornado => (!tab.tornado.is_empty())
                .then(|| tab.with_subject(|s| chart::tornado(s, &tab.tornado))),
            View::Range | View::Histogram => self.analysis.chart(tab, self.prefs.view),
        }
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
        }
    }

    /// Takes in finished exports, copies and dialogs.
    pub(super) fn exports_poll(&mut self) {
        while let Ok(done) = self.exports.rx.try_recv() {
            match done {
                Done::Written(path) => self.status = format!("Exported {}", path.display()),
                Done::Copied(what) => self.status = format!("Copied {what} as an image"),
                Done::Failed(e) => self.status = e,
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
        if choose {
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
        } else if submit && !form.path.trim().is_empty() {
            let path = PathBuf::from(form.path.trim().trim_matches('"'));
            let command = match form.what {
                What::Chart => ExportCommand::ChartTo {
                    path,
                    title: form.title.clone(),
                },
                What::Table => ExportCommand::TableTo(path),
            };
            self.exports.form = None;
            self.commands.push(super::Command::Export(command));
        } else if cancel {
            self.exports.form = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_path_must_end_in_svg_or_png() {
        let c = crate::chart::Chart {
            kind: crate::chart::ChartKind::Net,
            title: String::new(),
            subtitle: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            x_categories: Vec::new(),
            y_categories: Vec::new(),
            series: Vec::new(),
            source: String::new(),
            marking: crate::scenario::Marking::default(),
            alt_text: String::new(),
            note: String::new(),
        };
        let e = chart_bytes(&c, Path::new("x.pdf")).expect_err("pdf is refused");
        assert!(e.contains("“.pdf”"), "{e}");
        assert_eq!(
            with_default_extension(PathBuf::from("a/b"), "png"),
            PathBuf::from("a/b.png")
        );
    }
}

#[cfg(test)]
mod app_tests {
    use std::time::Instant;

    use egui::{Modifiers, Role};
    use egui_kittest::kittest::Queryable as _;

    use super::super::App;
    use super::*;

    #[test]
    fn export_table_through_the_path_entry_writes_the_report_totals() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("moj table");
        let mut h =
            super::super::tests::harness_of_size(App::headless(Vec::new()), [1600.0, 1200.0]);
        h.run();
        h.get_by_label("File").click_accesskit();
        h.run();
        h.get_by_label("Export table…").click();
        h.run();
        let field = "File path (.csv)";
        h.get_by_role_and_label(Role::TextInput, field).focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
        h.run();
        h.get_by_role_and_label(Role::TextInput, field)
            .type_text(&path.display().to_string());
        h.run();
        h.get_by_label("Export").click();
        // The export runs in the background and the UI repaints until it is
        // done, so step rather than wait to settle (the loop below waits).
        h.step();

        let written = path.with_extension("csv");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !h.state().status.starts_with("Exported") {
            assert!(Instant::now() < deadline, "status: {}", h.state().status);
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        assert_eq!(h.state().status, format!("Exported {}", written.display()));
        let text = std::fs::read_to_string(&written).expect("the CSV was written");
        let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
        // The marking first, then the header.
        assert_eq!(rows[0][0].trim_start_matches('\u{feff}'), "Marking");
        let header = &rows[1];
        let npv = rows
            .iter()
            .find(|r| r[0] == "Net present value")
            .expect("an NPV row");
        let t = &h.state().tabs[h.state().active];
        for (name, value) in [
            ("Net savings (£)", t.results.npv.net_savings),
            ("Social cost (£)", t.results.npv.social_cost),
            ("Net social value (£)", t.results.npv.net_social_value),
            ("Exchequer net (£)", t.results.npv.exchequer_net),
        ] {
            let col = header.iter().position(|h| *h == name).expect(name);
            assert_eq!(npv[col], format!("{value:.2}"), "{name}");
        }
    }
}

#[cfg(test)]
mod command_tests {
    use std::time::Instant;

    use super::super::{App, Command};
    use super::*;

    fn app() -> App {
        App::headless(Vec::new())
    }

    /// Applies `command` and waits for the export thread's answer in the status line.
    fn finish(app: &mut App, command: ExportCommand) -> String {
        let ctx = egui::Context::default();
        app.apply(Command::Export(command), &ctx);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            app.exports_poll();
            if !app.status.ends_with('…') {
                return app.status.clone();
            }
            assert!(Instant::now() < deadline, "status: {}", app.status);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn an_exported_chart_carries_the_edited_title() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app();
        for ext in ["svg", "png"] {
            let path = dir.path().join(format!("chart.{ext}"));
            let status = finish(
                &mut app,
                ExportCommand::ChartTo {
                    path: path.clone(),
                    title: "Savings <vanish> & more".to_owned(),
                },
            );
            assert_eq!(status, format!("Exported {}", path.display()));
            let bytes = std::fs::read(&path).expect("written");
            if ext == "svg" {
                let text = String::from_utf8(bytes).expect("utf-8");
                assert!(text.contains("Savings &lt;vanish&gt; &amp; more"));
            } else {
                assert!(bytes.starts_with(b"\x89PNG"));
                // Beside it: the text alternative (with the edited title) and the numbers.
                let alt = std::fs::read_to_string(dir.path().join("chart.png.txt"))
                    .expect("alt text written");
                assert!(alt.starts_with("OFFICIAL\n"), "{alt}");
                assert!(alt.contains("Savings <vanish> & more"), "{alt}");
                let data = std::fs::read_to_string(dir.path().join("chart.data.csv"))
                    .expect("data written");
                assert!(data.contains("Chart,Savings <vanish> & more"), "{data}");
            }
        }
    }

    #[test]
    fn copying_a_chart_without_a_clipboard_says_so_and_does_not_panic() {
        let mut app = app();
        let status = finish(&mut app, ExportCommand::CopyChart);
        assert!(
            status == "Copied the chart as an image"
                || status.starts_with("Could not copy the chart: "),
            "{status}"
        );
    }

    #[test]
    fn the_table_view_has_no_chart_to_export() {
        let mut app = app();
        app.prefs.view = View::Table;
        app.apply(
            Command::Export(ExportCommand::Chart),
            &egui::Context::default(),
        );
        assert!(app.exports.form.is_none());
        assert!(app.status.starts_with("This view has no chart"));
    }
}
