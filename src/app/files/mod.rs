//! File dialogs off the UI thread, and autosave of unsaved work.
//!
//! Dialogs: rfd blocks its thread while a dialog is open and, on a machine
//! without a desktop portal, returns "nothing chosen" at once. Each dialog
//! runs on its own thread and answers through a channel; an answer of nothing
//! that came back too fast to have been a person opens the built-in path
//! entry instead.
//!
//! Autosave: every few seconds each tab with unsaved changes is written (RON,
//! atomically) to the user's data folder by a background thread, and removed
//! once the work is saved or discarded. Files left there at start are work
//! from a session that did not end cleanly, and are offered back.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

pub mod lock;

use super::App;
use super::tab::{Tab, TabId};
use super::ui_command::{Menu, UiCommand};
use crate::scenario::{Scenario, load_str, write::to_ron};

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs(TabId),
    /// Another file to compare the tab with (File → Compare with…).
    Compare(TabId),
}

/// A dialog's answer.
pub struct Answer {
    pub purpose: Purpose,
    pub path: Option<PathBuf>,
    /// True when the dialog answered so fast that no dialog can have been shown.
    pub unavailable: bool,
}

/// The file dialogs in flight.
pub struct Dialogs {
    tx: Sender<Answer>,
    rx: Receiver<Answer>,
    /// True while a dialog is open (only one at a time).
    pub busy: bool,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            busy: false,
        }
    }
}

impl Dialogs {
    /// Opens a dialog on its own thread; the answer arrives through [`Self::poll`].
    pub fn open(&mut self, purpose: Purpose, suggested: Option<PathBuf>, ctx: &egui::Context) {
        if self.busy {
            return;
        }
        self.busy = true;
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let mut dialog =
                    rfd::FileDialog::new().add_filter("Counterweight scenario", &["ron"]);
                if let Some(dir) = suggested.as_ref().and_then(|p| p.parent()) {
                    dialog = dialog.set_directory(dir);
                }
                let path = match purpose {
                    Purpose::Open | Purpose::Compare(_) => dialog.pick_file(),
                    Purpose::SaveAs(_) => {
                        let name = suggested.as_ref().and_then(|p| p.file_name()).map_or_else(
                            || "scenario.ron".to_owned(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        dialog.set_file_name(name).save_file()
                    }
                };
                let unavailable = path.is_none() && started.elapsed() < Duration::from_millis(400);
                let _ = tx.send(Answer {
                    purpose,
                    path,
                    unavailable,
                });
                ctx.request_repaint();
            });
        if spawned.is_err() {
            self.busy = false;
            let _ = self.tx.send(Answer {
                purpose,
                path: None,
                unavailable: true,
            });
        }
    }

    /// The answer of a finished dialog, if any.
    pub fn poll(&mut self) -> Option<Answer> {
        let answer = self.rx.try_recv().ok()?;
        self.busy = false;
        Some(answer)
    }
}

/// Adds `path` to the front of the recent-files list (at most 10, no duplicates).
pub fn remember(recent: &mut Vec<PathBuf>, path: &Path) {
    recent.retain(|p| p != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(10);
}

/// How often unsaved work is written to the autosave folder.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

enum Job {
    Write {
        tab: TabId,
        name: String,
        ron: String,
        origin: Option<PathBuf>,
    },
    Remove {
        name: String,
    },
}

/// What the autosave worker did with one write.
struct Outcome {
    tab: TabId,
    result: Result<(), String>,
}

/// A change in whether autosave works, for the user to be told once.
#[derive(Debug, PartialEq)]
pub enum AutosaveNews {
    /// Writes have started to fail: the message says why and where.
    Failing(String),
    /// Writes work again after failing.
    Working,
}

impl App {
    /// Every [`AUTOSAVE_EVERY`]: writes each tab with unsaved changes, and
    /// removes the autosave of each tab without.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let any_dirty = self.tabs.iter().any(Tab::is_dirty);
        if any_dirty {
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        }
        if now - self.last_autosave < AUTOSAVE_EVERY.as_secs_f64() {
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
        self.report_autosave(ctx);
    }

    /// Tells the user, once, that unsaved work is no longer being kept safe
    /// (and, once, that it is again).
    fn report_autosave(&mut self, ctx: &egui::Context) {
        match self.autosave.as_mut().and_then(Autosave::poll) {
            Some(AutosaveNews::Failing(why)) => {
                self.error = Some(format!(
                    "Autosave has stopped working, so unsaved changes would be lost in a crash. \
                     Your work is still open here: save it now ({}, or {} → {} \
                     to another folder). Autosave keeps trying.\n\n{why}",
                    UiCommand::Save.shortcut_text(ctx),
                    Menu::File.title(),
                    UiCommand::SaveAs.text(),
                ));
            }
            Some(AutosaveNews::Working) => {
                "Autosave works again: unsaved changes are kept safe".clone_into(&mut self.status);
            }
            None => {}
        }
    }
}

/// Writes autosaves on a background thread.
pub struct Autosave {
    dir: PathBuf,
    tx: Option<Sender<Job>>,
    outcomes: Receiver<Outcome>,
    worker: Option<std::thread::JoinHandle<()>>,
    /// Per tab: the generation last written.
    written: std::collections::HashMap<TabId, u64>,
    /// The last write failed; the user has been told.
    failing: bool,
    /// A session id, so two app windows do not overwrite each other's files.
    session: String,
    /// `alive-<session>`, locked for as long as this window runs. The
    /// operating system releases the lock the moment the process ends, even
    /// on a crash, so another window can tell live work from lost work.
    alive: Option<std::fs::File>,
}

/// Unsaved work found from an earlier session.
pub struct Recovered {
    pub file: PathBuf,
    pub scenario: Scenario,
    /// Where the work was saved before, if it was.
    pub origin: Option<PathBuf>,
}

/// One autosave: the work, then the file it came from, each written
/// atomically (no `.bak`: the next autosave replaces this one anyway).
fn write_autosave(dir: &Path, name: &str, ron: &str, origin: Option<&Path>) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "could not create the folder {} ({e})",
            crate::paths::shown(dir)
        )
    })?;
    let path = dir.join(name);
    crate::scenario::file::write_atomic(&path, ron.as_bytes()).map_err(|e| format!("{e:#}"))?;
    let origin = origin
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::scenario::file::write_atomic(&path.with_extension("origin"), origin.as_bytes())
        .map_err(|e| format!("{e:#}"))
}

impl Autosave {
    /// Autosave into `dir` (created when first needed).
    pub fn new(dir: PathBuf) -> Self {
        let (tx, rx) = channel::<Job>();
        let (outcome_tx, outcomes) = channel::<Outcome>();
        let worker_dir = dir.clone();
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                for job in rx {
                    match job {
                        Job::Write {
                            tab,
                            name,
                            ron,
                            origin,
                        } => {
                            let result =
                                write_autosave(&worker_dir, &name, &ron, origin.as_deref());
                            let _ = outcome_tx.send(Outcome { tab, result });
                        }
                        Job::Remove { name } => {
                            let path = worker_dir.join(&name);
                            let _ = std::fs::remove_file(&path);
                            let _ = std::fs::remove_file(path.with_extension("origin"));
                        }
                    }
                }
            });
        // Unique per window, even for two in one process within a second.
        let session = format!(
            "{}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let (tx, worker) = match spawned {
            Ok(handle) => (Some(tx), Some(handle)),
            Err(_) => (None, None),
        };
        let mut autosave = Self {
            dir,
            tx,
            outcomes,
            worker,
            written: std::collections::HashMap::new(),
            failing: false,
            session,
            alive: None,
        };
        autosave.heartbeat(); // take the `alive-` lock from the start
        autosave
    }

    /// Marks this session as running; call every few seconds. Takes the
    /// `alive-` lock the first time, and refreshes the file's time for file
    /// systems without locks (see [`session_alive`]).
    pub fn heartbeat(&mut self) {
        if self.alive.is_none() && std::fs::create_dir_all(&self.dir).is_ok() {
            self.alive = std::fs::File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(self.dir.join(alive_name(&self.session)))
                .ok()
                .filter(|f| f.try_lock().is_ok());
        }
        if let Some(f) = &self.alive {
            let _ = f.set_modified(std::time::SystemTime::now());
        }
    }

    fn name(&self, tab: TabId) -> String {
        format!("unsaved-{}-{tab}.ron", self.session)
    }

    /// Writes `scenario` for `tab` unless this generation is already written.
    pub fn write(
        &mut self,
        tab: TabId,
        generation: u64,
        scenario: &Scenario,
        origin: Option<&Path>,
    ) {
        if self.written.get(&tab) == Some(&generation) {
            return;
        }
        self.written.insert(tab, generation);
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Write {
                tab,
                name: self.name(tab),
                ron: to_ron(scenario),
                origin: origin.map(Path::to_path_buf),
            });
        }
    }

    /// What the worker has finished since the last call: a failed write is
    /// tried again at the next tick, and the user is told once when writes
    /// start failing and once when they work again — never every few seconds.
    pub fn poll(&mut self) -> Option<AutosaveNews> {
        let mut news = None;
        while let Ok(Outcome { tab, result }) = self.outcomes.try_recv() {
            match result {
                Ok(()) if self.failing => {
                    self.failing = false;
                    news = Some(AutosaveNews::Working);
                }
                Ok(()) => {}
                Err(message) => {
                    self.written.remove(&tab); // retry this work next time
                    if !self.failing {
                        self.failing = true;
                        news = Some(AutosaveNews::Failing(format!(
                            "{message}\n(autosave folder: {})",
                            crate::paths::shown(&self.dir)
                        )));
                    }
                }
            }
        }
        news
    }

    /// Removes `tab`'s autosave (its work is saved or discarded).
    pub fn remove(&mut self, tab: TabId) {
        if self.written.remove(&tab).is_some()
            && let Some(tx) = &self.tx
        {
            let _ = tx.send(Job::Remove {
                name: self.name(tab),
            });
        }
    }

    /// Unsaved work left by sessions that did not end cleanly.
    pub fn find_recoverable(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("unsaved-"))
            })
            // Another window that is still open keeps its own work.
            .filter(|p| !session_alive(&self.dir, p))
            .filter_map(|file| {
                let text = std::fs::read_to_string(&file).ok()?;
                let scenario = load_str(&text).ok()?.scenario;
                let origin = std::fs::read_to_string(file.with_extension("origin"))
                    .ok()
                    .filter(|s| !s.trim().is_empty())
                    .map(PathBuf::from);
                Some(Recovered {
                    file,
                    scenario,
                    origin,
                })
            })
            .collect();
        found.sort_by(|a, b| a.file.cmp(&b.file));
        found
    }

    /// Deletes a recovered autosave once it is reopened or declined.
    pub fn forget(file: &Path) {
        let _ = std::fs::remove_file(file);
        let _ = std::fs::remove_file(file.with_extension("origin"));
    }
}

impl Drop for Autosave {
    /// Finishes the queued writes and removals before the app exits, so work
    /// saved or discarded just before quitting is not offered back next time.
    fn drop(&mut self) {
        self.tx = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        drop(self.alive.take()); // unlock first: Windows cannot delete a locked file
        let _ = std::fs::remove_file(self.dir.join(alive_name(&self.session)));
    }
}

/// Autosave sessions started in this process, for unique session names.
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How long after its last heartbeat a session counts as ended (crashed).
const ALIVE_FOR: Duration = Duration::from_secs(30);

fn alive_name(session: &str) -> String {
    format!("alive-{session}")
}

/// True when the session that wrote autosave `file` (`unsaved-<session>-<tab>.ron`)
/// is still running: its `alive-` file is locked. A crashed session's lock is
/// gone at once, so its work is offered straight away (regression: a restart
/// within 30 s of a crash used to miss it). Where locks are not supported, a
/// heartbeat within [`ALIVE_FOR`] counts as alive.
fn session_alive(dir: &Path, file: &Path) -> bool {
    let Some(stem) = file.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return false;
    };
    let Some(session) = stem
        .strip_prefix("unsaved-")
        .and_then(|s| s.rsplit_once('-'))
        .map(|(s, _)| s.to_owned())
    else {
        return false;
    };
    let path = dir.join(alive_name(&session));
    let Ok(file) = std::fs::File::open(&path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => false, // nobody holds it: the session has ended
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(_)) => file
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < ALIVE_FOR),
    }
}

/// The folder for autosaves: `<data dir>/Counterweight/autosave`.
pub fn default_autosave_dir() -> Option<PathBuf> {
    eframe::storage_dir("Counterweight").map(|d| d.join("autosave"))
}

/// The folder for the locks that keep one editor per file:
/// `<data dir>/Counterweight/open`.
pub fn default_lock_dir() -> Option<PathBuf> {
    eframe::storage_dir("Counterweight").map(|d| d.join("open"))
}

#[cfg(test)]
mod tests;
