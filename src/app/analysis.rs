//! The live uncertainty panel: Monte Carlo for the active
//! tab, run on a background thread whenever its scenario (or the number of
//! draws) changes. The frame never waits: it shows progress and the last
//! finished answer. An edit while a run is going lets that run finish and
//! then runs the newest scenario, so answers keep arriving while a value is
//! dragged or typed (cancelling on every edit meant none finished until the
//! user stopped); another tab or another number of draws cancels the run.
//!
//! The tornado runs on a thread of its own: it is quick (O(inputs ×
//! horizon)) but grows with the file, and an edit cancels the one in flight,
//! so it never holds up the window or waits behind a long Monte Carlo run.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use egui::{RichText, Ui};

use super::command::{Command, CommandQueue};
use super::tab::{Tab, TabId};
use super::view::View;
use crate::chart::{Basis, Chart, TornadoBar};
use crate::model::Plan;
use crate::report::pounds;
use crate::scenario::Scenario;
use crate::uncertainty::{MonteCarlo, Summary};

/// The fewest and most draws the panel offers.
pub const DRAWS: std::ops::RangeInclusive<u32> = 1_000..=1_000_000;

/// How often the panel looks for news while a run is going.
const POLL: Duration = Duration::from_millis(100);

/// What one run is for: the scenario and the number of draws.
#[derive(Clone, PartialEq)]
struct Key {
    scenario: Scenario,
    draws: u32,
}

/// A finished run.
struct Outcome {
    key: Key,
    summary: Result<Summary, String>,
}

enum Report {
    Progress(f32),
    Done {
        summary: Box<Result<Summary, String>>,
    },
}

/// A run in flight.
struct Run {
    tab: TabId,
    key: Key,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Report>,
    progress: f32,
}

/// A tornado in flight.
struct TornadoRun {
    tab: TabId,
    scenario: Scenario,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Vec<TornadoBar>>,
}

/// Monte Carlo results and tornadoes per tab, and the runs in flight.
#[derive(Default)]
pub struct Analysis {
    run: Option<Run>,
    done: HashMap<TabId, Outcome>,
    tornado_run: Option<TornadoRun>,
    /// The last finished tornado per tab, and the scenario it is for.
    tornadoes: HashMap<TabId, (Scenario, Vec<TornadoBar>)>,
}

impl Drop for Analysis {
    fn drop(&mut self) {
        if let Some(run) = &self.run {
            run.cancel.store(true, Ordering::Relaxed);
        }
        if let Some(run) = &self.tornado_run {
            run.cancel.store(true, Ordering::Relaxed);
        }
    }
}

impl Analysis {
    /// The draws used for `tab`: its scenario's `settings.monte_carlo.draws`,
    /// the one setting both this panel and Settings show and change.
    pub fn draws(tab: &Tab) -> u32 {
        tab.valid_scenario
            .settings
            .monte_carlo
            .draws
            .clamp(*DRAWS.start(), *DRAWS.end())
    }

    /// Takes in what the worker reported, and starts a run when `tab`'s
    /// scenario or draws differ from what was last run. Never blocks.
    pub fn tick(&mut self, tab: Option<&Tab>, ctx: &egui::Context) {
        if let Some(run) = &mut self.run {
            let mut finished = None;
            for report in run.rx.try_iter() {
                match report {
                    Report::Progress(p) => run.progress = run.progress.max(p),
                    Report::Done { summary } => finished = Some(*summary),
                }
            }
            if let Some(summary) = finished
                && let Some(run) = self.run.take()
            {
                self.done.insert(
                    run.tab,
                    Outcome {
                        key: run.key,
                        summary,
                    },
                );
            }
        }
        let Some(tab) = tab else { return };
        self.tick_tornado(tab, ctx);
        let draws = Self::draws(tab);
        let wanted = |k: &Key| k.draws == draws && k.scenario == tab.valid_scenario;
        let current = match &self.run {
            // An older version of this scenario: the newest runs after it.
            Some(run) => run.tab == tab.id && run.key.draws == draws,
            None => self.done.get(&tab.id).is_some_and(|o| wanted(&o.key)),
        };
        if !current {
            self.start(
                tab.id,
                Key {
                    scenario: tab.valid_scenario.clone(),
                    draws,
                },
            );
        }
        if self.run.is_some() {
            // Not an immediate repaint: the UI stays idle between polls.
            ctx.request_repaint_after(POLL);
        }
    }

    fn start(&mut self, tab: TabId, key: Key) {
        if let Some(old) = self.run.take() {
            old.cancel.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let scenario = key.scenario.clone();
        let mc = MonteCarlo {
            draws: key.draws as usize,
            seed: scenario.settings.monte_carlo.seed,
            threads: 0,
        };
        let stop = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("monte-carlo".into())
            .spawn(move || {
                let plan = Plan::new(&scenario);
                // A file too large for so many draws in bounded time gets
                // the most it may have; the panel says so.
                let mc = MonteCarlo {
                    draws: mc.draws.min(crate::uncertainty::most_draws(&plan)),
                    ..mc
                };
                let summary = mc
                    .run(&plan, &stop, &|p| {
                        let _ = tx.send(Report::Progress(p));
                    })
                    .map_err(|e| e.to_string());
                if summary.is_err() && stop.load(Ordering::Relaxed) {
                    return; // cancelled: a newer run has taken over
                }
                let _ = tx.send(Report::Done {
                    summary: Box::new(summary),
                });
            });
        match spawned {
            Ok(_) => {
                self.run = Some(Run {
                    tab,
                    key,
                    cancel,
                    rx,
                    progress: 0.0,
                });
            }
            Err(e) => {
                self.done.insert(
                    tab,
                    Outcome {
                        key,
                        summary: Err(format!("could not start the analysis: {e}")),
                    },
                );
            }
        }
    }

    /// Takes in a finished tornado, and starts one when `tab`'s scenario
    /// differs from the last one's (cancelling one for an older scenario).
    fn tick_tornado(&mut self, tab: &Tab, ctx: &egui::Context) {
        if let Some(run) = &self.tornado_run
            && let Ok(bars) = run.rx.try_recv()
        {
            self.tornadoes.insert(run.tab, (run.scenario.clone(), bars));
            self.tornado_run = None;
        }
        let wanted = |s: &Scenario| *s == tab.valid_scenario;
        let current = match &self.tornado_run {
            Some(run) => run.tab == tab.id && wanted(&run.scenario),
            None => self.tornadoes.get(&tab.id).is_some_and(|(s, _)| wanted(s)),
        };
        if !current {
            if let Some(old) = self.tornado_run.take() {
                old.cancel.store(true, Ordering::Relaxed);
            }
            let cancel = Arc::new(AtomicBool::new(false));
            let (tx, rx) = channel();
            let scenario = tab.valid_scenario.clone();
            let stop = Arc::clone(&cancel);
            let wake = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("tornado".into())
                .spawn(move || {
                    let plan = Plan::new(&scenario);
                    if let Some(bars) =
                        crate::uncertainty::tornado_with(&plan, None, &stop, &|_| {})
                    {
                        let _ = tx.send(bars.iter().map(TornadoBar::from).collect());
                        wake.request_repaint();
                    }
                });
            if spawned.is_ok() {
                self.tornado_run = Some(TornadoRun {
                    tab: tab.id,
                    scenario: tab.valid_scenario.clone(),
                    cancel,
                    rx,
                });
            }
        }
        if self.tornado_run.is_some() {
            ctx.request_repaint_after(POLL);
        }
    }

    /// The last finished tornado for `tab` (empty: no input is uncertain);
    /// `None` until the first one has finished.
    pub fn tornado(&self, tab: &Tab) -> Option<&[TornadoBar]> {
        self.tornadoes.get(&tab.id).map(|(_, b)| b.as_slice())
    }

    /// Whether `tab`'s tornado is for an older version of its scenario.
    pub fn tornado_updating(&self, tab: &Tab) -> bool {
        self.tornado_run.as_ref().is_some_and(|r| r.tab == tab.id)
    }

    /// Forgets a closed tab.
    pub fn forget(&mut self, id: TabId) {
        self.done.remove(&id);
        self.tornadoes.remove(&id);
    }

    /// The last finished run for `tab` and its number of draws, unless it failed.
    pub fn summary(&self, tab: &Tab) -> Option<(&Summary, u32)> {
        let outcome = self.done.get(&tab.id)?;
        let summary = outcome.summary.as_ref().ok()?;
        Some((summary, outcome.key.draws))
    }

    /// The uncertainty chart `view` for `tab`, once a run has finished.
    pub fn chart(&self, tab: &Tab, view: View) -> Option<Chart> {
        if !view.is_uncertainty() {
            return None;
        }
        view.chart(tab, std::slice::from_ref(tab), Basis::Discounted, self)
    }

    /// One of the uncertainty chart tabs, or what it is waiting for.
    pub fn chart_ui(&self, ui: &mut Ui, tab: &Tab, view: View, bottom: f32, as_table: bool) {
        match self.chart(tab, view) {
            Some(c) => super::results::chart_ui(ui, &c, bottom, as_table),
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Working out the uncertainty…");
                });
            }
        }
    }

    /// The panel: the chance of a gain in its header (so it shows when the
    /// panel is closed), the P10–P90 ranges, the draws and progress. It
    /// starts open when `roomy`.
    pub fn panel_ui(&self, ui: &mut Ui, tab: &Tab, roomy: bool, commands: &mut CommandQueue) {
        let Self {
            run,
            done,
            tornado_run: _,
            tornadoes: _,
        } = self;
        let run = run.as_ref().filter(|r| r.tab == tab.id);
        let summary = done.get(&tab.id).map(|o| &o.summary);
        let header = match (summary, run) {
            (Some(Ok(s)), _) => format!(
                "Uncertainty: {:.0} % chance the UK is better off (net social value above zero){}",
                s.probability_net_social_value_positive * 100.0,
                if run.is_some() {
                    " — updating…"
                } else {
                    ""
                }
            ),
            (_, Some(_)) => "Uncertainty: working it out…".to_owned(),
            (Some(Err(_)), None) => "Uncertainty: could not be worked out".to_owned(),
            (None, None) => "Uncertainty".to_owned(),
        };
        let folded = egui::CollapsingHeader::new(RichText::new(header).strong())
            .id_salt("uncertainty")
            .default_open(roomy)
            .show(ui, |ui| {
                if let Some(Err(e)) = summary {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                let ranges = summary.and_then(|s| s.as_ref().ok());
                if let (Some(s), Some(o)) = (ranges, done.get(&tab.id))
                    && s.draws < o.key.draws as usize
                {
                    ui.label(format!(
                        "This file is too large for {} draws in bounded time: it has the most it may, {}.",
                        o.key.draws, s.draws
                    ));
                }
                // The draws beside the ranges where they fit: a shorter panel
                // leaves more of the window to the chart.
                if ui.available_width() >= 640.0 {
                    ui.horizontal_top(|ui| {
                        if let Some(s) = ranges {
                            ranges_ui(ui, s);
                            ui.add_space(24.0);
                        }
                        Self::draws_ui(ui, tab, run, commands);
                    });
                } else {
                    Self::draws_ui(ui, tab, run, commands);
                    if let Some(s) = ranges {
                        ranges_ui(ui, s);
                    }
                }
                ui.label(
                    RichText::new(correlations_line(tab.valid_scenario.correlations.len())).small(),
                );
            });
        super::a11y::folding(&folded, None);
    }

    /// The number of draws, and the progress of the run in flight.
    fn draws_ui(ui: &mut Ui, tab: &Tab, run: Option<&Run>, commands: &mut CommandQueue) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Draws");
            let mut n = Self::draws(tab);
            let resp = ui
                .add(
                    egui::DragValue::new(&mut n)
                        .range(DRAWS)
                        .speed(1000.0)
                        .custom_formatter(|v, _| format!("{v:.0}")),
                )
                .labelled_by(label.id)
                .on_hover_text("Monte Carlo draws: 1,000 to 1,000,000");
            if resp.changed() {
                commands.push(Command::SetDraws(tab.id, n));
            }
            if let Some(run) = run {
                ui.add(
                    egui::ProgressBar::new(run.progress)
                        .desired_width(220.0)
                        .text(format!(
                            "Running {} draws… {:.0} %",
                            run.key.draws,
                            run.progress * 100.0
                        )),
                );
            }
        });
    }
}

/// How many correlations the run draws with.
fn correlations_line(n: usize) -> String {
    match n {
        0 => {
            "Every uncertain input is drawn independently (no correlations: editor, Correlations)."
                .to_owned()
        }
        1 => "1 correlation between inputs is in force (editor, Correlations).".to_owned(),
        n => format!("{n} correlations between inputs are in force (editor, Correlations)."),
    }
}

/// P10, median and P90 of each headline NPV.
fn ranges_ui(ui: &mut Ui, s: &Summary) {
    egui::Grid::new("uncertainty_ranges")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            // To a screen reader, a table of one line a row.
            let mut table = super::a11y::Table::new(ui, "Uncertainty ranges", 4);
            let corner = format!("NPV, {} draws", s.draws);
            let first = ui.label(RichText::new(&corner).strong());
            let heads = ["P10", "Median", "P90"].map(|h| ui.label(RichText::new(h).strong()));
            table.row(
                &first,
                &format!("Columns: {corner}, P10, median, P90"),
                &heads,
            );
            ui.end_row();
            for (name, st) in [
                ("Net savings", &s.net_savings),
                ("Social cost", &s.social_cost),
                ("Net social value", &s.net_social_value),
                ("Exchequer net", &s.exchequer_net),
            ] {
                let first = ui.label(name);
                let cells = [st.p10, st.p50, st.p90].map(|x| ui.label(pounds(x)));
                let line = format!(
                    "{name}: P10 {}, median {}, P90 {}",
                    pounds(st.p10),
                    pounds(st.p50),
                    pounds(st.p90)
                );
                table.row(&first, &line, &cells);
                ui.end_row();
            }
            table.finish(ui.ctx());
        });
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::super::App;
    use super::*;

    fn harness() -> Harness<'static, App> {
        super::super::tests::harness_of_size(App::headless(Vec::new()), [1600.0, 1200.0])
    }

    /// Steps the app until `label` shows (the worker reports), for at most a minute.
    fn wait_for(h: &mut Harness<'_, App>, label: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            h.step();
            if h.query_by_label_contains(label).is_some() {
                return;
            }
            assert!(Instant::now() < deadline, "“{label}” never showed");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn the_uncertainty_panel_shows_the_chance_of_a_gain_for_the_moj_example() {
        let mut h = harness();
        wait_for(&mut h, "chance the UK is better off");
        let t = &h.state().tabs[h.state().active];
        let settings = t.valid_scenario.settings.monte_carlo;
        let mc = MonteCarlo {
            draws: settings.draws as usize,
            seed: settings.seed,
            threads: 1,
        };
        let s = mc
            .run(
                &Plan::new(&t.valid_scenario),
                &AtomicBool::new(false),
                &|_| {},
            )
            .expect("the example runs");
        let expected = format!("{:.0} %", s.probability_net_social_value_positive * 100.0);
        h.get_by_label_contains(&format!(
            "Uncertainty: {expected} chance the UK is better off"
        ));
        // The chart tabs draw from the same run.
        for view in [View::Range, View::Histogram] {
            assert!(h.state().analysis.chart(t, view).is_some(), "{view:?}");
        }
    }

    #[test]
    fn answers_keep_arriving_while_the_scenario_changes_every_frame() {
        // A value being dragged changes the scenario every frame. Each change
        // used to cancel the run in flight, so no run finished (and the fan
        // chart stood still) until the user let go.
        let mut h = harness();
        wait_for(&mut h, "chance the UK is better off");
        let id = h.state().tabs[0].id;
        // Long runs, so that a run outlasts many frames.
        h.state_mut().commands.push(Command::SetDraws(id, 200_000));
        wait_for(&mut h, "NPV, 200000 draws");
        let before = h.state().tabs[0].valid_scenario.clone();
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut frames = 0;
        loop {
            let mut s = h.state().tabs[0].scenario.clone();
            let claim = s.savings[0].amount.central();
            s.savings[0].amount = s.savings[0].amount.with_central(claim + 100_000.0);
            h.state_mut().commands.push(Command::Edit {
                scenario: Box::new(s),
                key: Some(egui::Id::unique("dragged")),
            });
            h.step();
            frames += 1;
            let shown = &h.state().analysis.done[&id].key.scenario;
            if *shown != before {
                assert!(frames > 1, "the test needs a run that outlasts a frame");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no answer for an edited scenario after {frames} frames of edits"
            );
        }
    }

    #[test]
    fn changing_the_draws_reruns_with_that_many() {
        let mut h = harness();
        wait_for(&mut h, "chance the UK is better off");
        let id = h.state().tabs[0].id;
        h.state_mut().commands.push(Command::SetDraws(id, 2_000));
        wait_for(&mut h, "NPV, 2000 draws");
        h.state_mut().commands.push(Command::SetDraws(id, 5));
        h.step();
        assert_eq!(Analysis::draws(&h.state().tabs[0]), 1_000);
    }
}
