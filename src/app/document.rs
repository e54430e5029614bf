//! Opening and saving scenarios: tabs from files, from the bundled
//! examples and from files dropped on the window; saving a tab to its file.
//! A file that does not open, or a save that fails, leaves the open work
//! as it was and says why in the error dialog.

use std::path::{Path, PathBuf};

use super::command::Command;
use super::files::{self, Purpose, lock};
use super::outside::{self, When};
use super::tab::{Tab, TabId};
use super::{App, EXAMPLES};
use crate::scenario::file::{OnDisk, Opened, SaveStep, load_path_kept, save_bytes_checked};
use crate::scenario::patch::patch;
use crate::scenario::write::to_ron;
use crate::scenario::{LoadError, Scenario, load_str};

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
        match load_path_kept(&path) {
            Ok((loaded, opened)) => {
                let warnings = loaded.warnings.len();
                self.add_tab(Some(path.clone()), loaded.scenario, true);
                let elsewhere = self.lock_tab_file();
                if let Some(tab) = self.active_tab_mut() {
                    tab.opened = Some(opened);
                }
                files::remember(&mut self.prefs.recent, &path);
                self.status = if elsewhere {
                    format!(
                        "Opened {shown} read-only: it is being edited in another Counterweight window"
                    )
                } else if warnings == 0 {
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

    /// Takes this window's lock on the active tab's file; when another
    /// window holds it, the tab opens read-only (true).
    pub(super) fn lock_tab_file(&mut self) -> bool {
        let dir = self.config.lock_dir.clone();
        let Some(tab) = self.active_tab_mut() else {
            return false;
        };
        let (Some(dir), Some(path)) = (dir, tab.path.clone()) else {
            return false;
        };
        match lock::take(&dir, &path) {
            lock::Taken::Mine(held) => {
                tab.lock = Some(held);
                tab.read_only = false;
                false
            }
            lock::Taken::Elsewhere => {
                tab.lock = None;
                tab.read_only = true;
                true
            }
            lock::Taken::Unlocked => {
                tab.lock = None;
                tab.read_only = false;
                false
            }
        }
    }

    /// Saves tab `id` to `path`; true on success. Saving over the file the
    /// tab opened changes only what was edited, and only if nobody else
    /// has saved it since: otherwise the user is asked (see `outside`).
    pub(super) fn save_tab(&mut self, id: TabId, path: &Path) -> bool {
        let Some(tab) = self.tabs.iter().find(|t| t.id == id) else {
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
                "Not saved: the scenario has {}, and a file with problems could not be opened again. \
                 Fix the fields marked in red, then save.\n\n{}",
                crate::scenario::names::count(problems.len(), "problem", "problems"),
                problems.join("\n")
            ));
            return false;
        }
        let target = crate::paths::canonical(path);
        let own_file = tab.path.as_deref() == Some(target.as_path());
        if own_file && tab.read_only {
            self.error = Some(format!(
                "Not saved: {} is being edited in another Counterweight window, so this tab \
                 opened it read-only. Use File, Save As… to keep your version in a new file, \
                 or choose Edit anyway above the editor.",
                crate::paths::shown(&target)
            ));
            return false;
        }
        match (own_file, &tab.opened) {
            (true, Some(opened)) => {
                let base = opened.text.clone();
                let expected = opened.on_disk;
                self.save_over(id, path, Some(&base), Some(&expected))
            }
            // Save As (the user chose the file), or a file this tab never read.
            _ => self.save_over(id, path, None, None),
        }
    }

    /// Writes tab `id` to `path`: into `base`'s layout when given (the file
    /// as read), refused if the file is no longer `expected`.
    pub(super) fn save_over(
        &mut self,
        id: TabId,
        path: &Path,
        base: Option<&str>,
        expected: Option<&OnDisk>,
    ) -> bool {
        let Some(i) = self.tabs.iter().position(|t| t.id == id) else {
            return false;
        };
        let scenario = self.tabs[i].scenario.clone();
        let (text, kept_layout) = match base {
            Some(base) => {
                let p = patch(base, &scenario);
                (p.text, p.kept_layout)
            }
            None => (to_ron(&scenario), true),
        };
        match save_bytes_checked(path, text.as_bytes(), expected) {
            Ok(on_disk) => {
                let path = crate::paths::canonical(path);
                let moved = self.tabs[i].path.as_deref() != Some(path.as_path());
                let tab = &mut self.tabs[i];
                tab.mark_saved(path.clone(), scenario);
                tab.opened = Some(Opened { text, on_disk });
                tab.seen_on_disk = None;
                if moved {
                    let active = self.active;
                    self.active = i;
                    self.lock_tab_file();
                    self.active = active;
                }
                if let Some(a) = &mut self.autosave {
                    a.remove(id);
                }
                files::remember(&mut self.prefs.recent, &path);
                self.status = if kept_layout {
                    format!("Saved {}", path.display())
                } else {
                    format!(
                        "Saved {} in the standard layout: the file's own layout and comments \
                         could not be kept (it was written by an older version)",
                        path.display()
                    )
                };
                true
            }
            Err(e) if e.step == SaveStep::Changed => {
                if let Some(conflict) = outside::outside_change(&self.tabs[i], When::Saving) {
                    self.conflict = Some(conflict);
                } else {
                    self.error = Some(format!("{e:#}\n{}", path.display()));
                }
                false
            }
            Err(e) if e.step == SaveStep::ReadOnly => {
                self.read_only_file = Some((id, path.to_path_buf()));
                false
            }
            Err(e) => {
                self.error = Some(format!("{e:#}\n{}", path.display()));
                false
            }
        }
    }

    /// "Save anyway" over a file marked read-only: it is made writable for
    /// the save and marked read-only again after.
    pub(super) fn save_read_only_anyway(&mut self, id: TabId, path: &Path) {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let set = |read_only: bool| -> std::io::Result<()> {
            let mut perms = std::fs::metadata(&real)?.permissions();
            perms.set_readonly(read_only);
            std::fs::set_permissions(&real, perms)
        };
        if let Err(e) = set(false) {
            self.error = Some(format!(
                "Not saved: {} is read-only and could not be made writable ({e}). \
                 Use File, Save As… to keep your version in a new file.",
                crate::paths::shown(path)
            ));
            return;
        }
        let saved = self.save_tab(id, path);
        if let Err(e) = set(true) {
            self.error = Some(format!(
                "{} was saved{}, but could not be marked read-only again ({e}).",
                crate::paths::shown(path),
                if saved { "" } else { " (or not)" }
            ));
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

/// The calendar year now (UTC), for a new scenario's start: the year of
/// [`crate::brief::today`]'s civil date, exact on New Year's Eve too.
pub fn this_year() -> i32 {
    crate::brief::today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026) // (today() always starts with four digits of year)
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
