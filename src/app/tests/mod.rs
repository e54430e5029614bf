//! The app driven headless by its labels, as a screen reader sees it
//! (`egui_kittest`: no display, no GPU), by concern: editing, files
//! (open, save, close, autosave) and results.

mod editing;
mod files;
mod model2;
mod results;
mod shared;

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{App, Command, Config, EXAMPLES, Prefs, View};
use crate::report::pounds;

fn app(files: Vec<std::path::PathBuf>) -> App {
    App::headless(files)
}

/// The whole app in a `size` window, driven headless; not stepped yet.
/// (The app's other test modules use this too.)
pub(super) fn harness_of_size(app: App, size: [f32; 2]) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        // A command is carried out after its frame and drawn the next, and
        // a grid shown for the first time lays itself out twice.
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut App| app.frame_ui(ui), app)
}

fn harness(app: App) -> Harness<'static, App> {
    let mut h = harness_of_size(app, [1600.0, 1200.0]);
    h.run();
    h
}

/// Replaces the text of the field labelled `label` with `text`, as typing would.
fn retype(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn tab<'a>(h: &'a Harness<'_, App>) -> &'a super::Tab {
    let app = h.state();
    &app.tabs[app.active]
}

fn net_savings_label(npv: f64) -> String {
    format!("Net savings: {}", pounds(npv))
}
