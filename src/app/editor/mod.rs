//! The scenario editor: every field of the file, grouped as the file is,
//! plus the quick claim entry at the top. It edits a copy of the scenario;
//! the app turns a changed copy into one undoable edit.
//!
//! One module per section: `claim` (the claim box at the top), `settings`,
//! `items` (the lists: one field table per item type), `assumptions`,
//! `correlations` (pairs of uncertain inputs for the Monte Carlo). The
//! rows are data (`table::Field`), drawn by `table`; the lists' buttons
//! (move, duplicate, delete, add) are in `list`.

mod assumptions;
mod claim;
pub mod correlations;
mod items;
mod list;
#[cfg(test)]
mod names_tests;
mod settings;
mod table;

use egui::{RichText, Ui};

use super::fields::Ed;
use crate::scenario::Scenario;
use list::{Context, List, list_ui};

/// State of the editor that is not part of the scenario, per tab: what
/// was typed into one tab's claim box stays with that tab.
#[derive(Default)]
pub struct EditorState {
    claims: std::collections::HashMap<crate::app::tab::TabId, ClaimBox>,
}

/// The quick claim entry of one tab.
#[derive(Default)]
pub struct ClaimBox {
    /// The claim as typed.
    pub text: String,
    /// What the last entry did, or why it failed.
    pub feedback: Option<Result<String, String>>,
}

impl EditorState {
    /// Forgets a closed tab's claim box.
    pub fn forget(&mut self, tab: crate::app::tab::TabId) {
        self.claims.remove(&tab);
    }
}

/// Draws the whole editor for `s`, recording what changed in `ed`.
/// `uncertain` lists the inputs that can be correlated (those with a range).
pub fn editor_ui(
    ui: &mut Ui,
    state: &mut EditorState,
    tab: crate::app::tab::TabId,
    ed: &mut Ed<'_>,
    s: &mut Scenario,
    uncertain: &[correlations::Uncertain],
) {
    claim::claim_ui(ui, state.claims.entry(tab).or_default(), ed, s);
    ui.add_space(6.0);
    // Every part of the file has its section: one added to the format and
    // not here stops the build.
    let Scenario {
        format_version: _,
        title,
        summary,
        marking,
        author,
        sources,
        settings,
        assumptions,
        savings,
        costs,
        fines,
        job_moves,
        office_closures,
        data_risks,
        correlations: pairs,
    } = s;
    let cx = Context {
        multiplier: assumptions.local_multiplier.central(),
    };
    section(ui, "settings", "Settings", false, |ui| {
        let about = settings::About {
            title,
            summary,
            marking,
            author,
        };
        settings::settings_ui(ui, ed, about, settings);
    });
    list_section(ui, ed, savings, &items::SAVINGS, &cx);
    list_section(ui, ed, costs, &items::COSTS, &cx);
    list_section(ui, ed, fines, &items::FINES, &cx);
    list_section(ui, ed, job_moves, &items::JOB_MOVES, &cx);
    list_section(ui, ed, office_closures, &items::OFFICE_CLOSURES, &cx);
    list_section(ui, ed, data_risks, &items::DATA_RISKS, &cx);
    section(ui, "assumptions", "Assumptions", false, |ui| {
        assumptions::assumptions_ui(ui, ed, assumptions);
    });
    let title = format!("Correlations ({})", pairs.len());
    section(ui, "correlations", &title, false, |ui| {
        correlations::correlations_ui(ui, ed, pairs, uncertain);
    });
    list_section(ui, ed, sources, &items::SOURCES, &cx);
}

fn section(ui: &mut Ui, id: &str, title: &str, open: bool, add: impl FnOnce(&mut Ui)) {
    let folded = egui::CollapsingHeader::new(RichText::new(title).strong().size(15.0))
        .id_salt(id)
        .default_open(open)
        .show(ui, add);
    crate::app::a11y::folding(&folded, None);
}

/// A list's section: "Savings (3)", then its items.
fn list_section<T: Clone>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    items: &mut Vec<T>,
    list: &List<T>,
    cx: &Context,
) {
    let title = format!("{} ({})", list.title, items.len());
    section(ui, list.key, &title, list.open, |ui| {
        list_ui(ui, ed, items, list, cx);
    });
}
