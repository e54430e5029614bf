//! Opening and saving scenarios: tabs from files, from the bundled
//! examples and from files dropped on the window; saving a tab to its file.
//! A file that does not open, or a save that fails, leaves the open work
//! as it was and says why in the error dialog.

use std::path::{Path, PathBuf};

use super::command::Command;
use super::files::{self, Purpose};
use super::tab::{Tab, TabId};
use super::{App, EXAMPLES};
use crate::scenario::{LoadError, Scenario, load_path, load_str, save_atomic};

impl App {
    pub(super) fn active_tab(&self) -> Option<&Tab> {
        self.tabs.get(self.active)
    }

    pub(super) fn active_tab_mut(&mut self) -> Option<&mut Tab> {
        self.tabs.get_mut(self.active)
    }

    /// Opens `scenario` in a new tab and shows it.
    pub(super) fn add_tab(&mut self, path: Option<PathBuf>, scenario: Scenario, saved: bool) {
        let id = self.next_id;
        self.next_id += 1;
        self.tabs.push(Tab::new(id, path, scenario, saved));
        self.active = self.tabs.len() - 1;
    }

    pub(super) fn open_example(&mut self, i: usize) {
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
    pub(super) fn open_path(&mut self, path: &Path) -> Result<(), String> {
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

    /// Files dropped on the window open as tabs.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
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

    /// Saves the active tab to its file, or asks where when it has none.
    pub(super) fn save_active(&mut self, ctx: &egui::Context) {
        let Some(tab) = self.active_tab() else { return };
        match tab.path.clone() {
            Some(path) => {
                let id = tab.id;
                self.save_tab(id, &path);
            }
            None => self.ask_for_path(Purpose::SaveAs(tab.id), ctx, ""),
        }
    }

    /// Saves tab `id` to `path`; true on success.
    pub(super) fn save_tab(&mut self, id: TabId, path: &Path) -> bool {
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
}

/// The user's Documents folder, where a first save goes.
pub fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os("USERPROFILE").or_else(|| std::env::var_os("HOME"))?;
    let home = PathBuf::from(home);
    let docs = home.join("Documents");
    Some(if docs.is_dir() { docs } else { home })
}

/// The calendar year now (UTC), for a new scenario's start.
pub fn this_year() -> i32 {
    const SECONDS_PER_YEAR: u64 = 31_556_952; // 365.2425 days
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    1970 + (secs / SECONDS_PER_YEAR) as i32
}

/// The title written in a bundled scenario's text, for the menu.
pub fn example_title(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("title: \""))
        .and_then(|rest| rest.rsplit_once('"').map(|(t, _)| t))
        .unwrap_or("Example")
}

/// "`MoJ` back office" → "`MoJ` back office.ron", safe for any file system.
pub fn file_name_for(title: &str) -> String {
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
pub fn ensure_ron(path: PathBuf) -> PathBuf {
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
