//! Help → Methodology and About.

use egui::{RichText, Ui};

/// How the numbers are made, from the spec the model follows.
const METHODOLOGY: &str = include_str!("../../docs/methodology.md");

/// Renders the methodology: headings, paragraphs, bullets and tables.
pub fn methodology_ui(ui: &mut Ui) {
    markdown_ui(ui, METHODOLOGY);
}

/// A small Markdown renderer: enough for the methodology document.
fn markdown_ui(ui: &mut Ui, text: &str) {
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            ui.label(RichText::new(line).monospace());
            continue;
        }
        let trimmed = line.trim();
        if let Some(h) = trimmed.strip_prefix("# ") {
            ui.heading(h);
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            ui.add_space(6.0);
            ui.label(RichText::new(h).strong().size(17.0));
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            ui.label(RichText::new(h).strong());
        } else if trimmed.starts_with('|') {
            if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            let cells: Vec<&str> = trimmed
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            ui.add(egui::Label::new(RichText::new(plain(&cells.join("  ·  "))).small()).wrap());
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            ui.add(egui::Label::new(format!("•  {}", plain(item))).wrap());
        } else if trimmed.is_empty() {
            ui.add_space(4.0);
        } else {
            ui.add(egui::Label::new(plain(trimmed)).wrap());
        }
    }
}

/// Drops Markdown emphasis and code marks.
fn plain(s: &str) -> String {
    s.replace("**", "").replace('`', "")
}

/// The version and what the app is for.
pub fn about_ui(ui: &mut Ui) {
    ui.heading("Counterweight");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.add_space(4.0);
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    ui.label("Scenario files are plain text (RON) you can e-mail, diff and keep on shared drives.");
}
