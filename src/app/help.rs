//! Help → Methodology and About.

use egui::{RichText, Ui};

/// How the numbers are made, from the spec the model follows.
const METHODOLOGY: &str = include_str!("../../docs/methodology.md");

/// Renders the methodology: headings, paragraphs, bullets and tables.
pub fn methodology_ui(ui: &mut Ui) {
    let id = egui::Id::unique("methodology, drawable");
    let text = match ui.data(|d| d.get_temp::<std::sync::Arc<str>>(id)) {
        Some(t) => t,
        None => {
            let t: std::sync::Arc<str> = drawable(ui.ctx(), METHODOLOGY).into();
            ui.data_mut(|d| d.insert_temp(id, t.clone()));
            t
        }
    };
    markdown_ui(ui, &text);
}

/// `text` with the characters the app's fonts cannot draw put another way
/// ("→" as "to", "≤" as "<="): they drew as boxes, and panicked under test.
fn drawable(ctx: &egui::Context, text: &str) -> String {
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace];
    let mut out = String::with_capacity(text.len());
    let mut missing = std::collections::HashMap::new();
    for c in text.chars() {
        let lacks = !c.is_ascii()
            && *missing.entry(c).or_insert_with(|| {
                ctx.fonts_mut(|f| {
                    families
                        .iter()
                        .any(|family| !f.has_glyph(&egui::FontId::new(14.0, family.clone()), c))
                })
            });
        if lacks {
            out.push_str(in_ascii(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A character the fonts may lack, in plain ASCII.
fn in_ascii(c: char) -> &'static str {
    match c {
        '→' => "to",
        '⁻' => "^-",
        '²' => "^2",
        '³' => "^3",
        '∓' => "-/+",
        '±' => "+/-",
        '≤' => "<=",
        '≥' => ">=",
        '⌈' => "ceil(",
        '⌉' => ")",
        'Σ' => "sum ",
        'α' => "alpha",
        'β' => "beta",
        'λ' => "lambda",
        'π' => "pi",
        'τ' => "tau",
        '−' | '–' | '—' => "-",
        '×' => "x",
        '·' => "*",
        '…' => "...",
        _ => "?",
    }
}

/// A small Markdown renderer: enough for the methodology document.
/// Lines of one paragraph or bullet are joined, so text wraps to the window.
fn markdown_ui(ui: &mut Ui, text: &str) {
    let mut in_code = false;
    let mut in_contents = false;
    // A heading asked for from the contents list, scrolled to as it is drawn.
    let target_id = ui.make_persistent_id("methodology target");
    let target = ui.data(|d| d.get_temp::<String>(target_id));
    let mut para = String::new();
    let flush = |ui: &mut Ui, para: &mut String| {
        if !para.is_empty() {
            ui.add(egui::Label::new(plain(para)).wrap());
            para.clear();
        }
    };
    for line in text.lines() {
        if line.starts_with("```") {
            flush(ui, &mut para);
            in_code = !in_code;
            continue;
        }
        if in_code {
            ui.label(RichText::new(line).monospace());
            continue;
        }
        let trimmed = line.trim();
        let is_item =
            trimmed.starts_with("- ") || trimmed.starts_with("* ") || starts_numbered(trimmed);
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('|') || is_item {
            flush(ui, &mut para);
        }
        if trimmed.starts_with('#') {
            in_contents = false;
        }
        if let Some(h) = trimmed.strip_prefix("# ") {
            let resp = ui.heading(h);
            heading(&resp, h, 1);
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            ui.add_space(6.0);
            let resp = ui.label(RichText::new(h).strong().size(17.0));
            heading(&resp, h, 2);
            in_contents = h == "Contents";
            if target.as_deref() == Some(h) {
                resp.scroll_to_me(Some(egui::Align::TOP));
                ui.data_mut(|d| d.remove::<String>(target_id));
            }
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            let resp = ui.label(RichText::new(h).strong());
            heading(&resp, h, 3);
        } else if in_contents && starts_numbered(trimmed) {
            // An entry of the contents: a link to its section.
            if ui.link(trimmed).clicked() {
                ui.data_mut(|d| d.insert_temp(target_id, trimmed.to_owned()));
            }
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
        } else if trimmed.is_empty() {
            ui.add_space(4.0);
        } else if is_item {
            let item = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "));
            para.push_str(&item.map_or_else(|| trimmed.to_owned(), |i| format!("•  {i}")));
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(trimmed);
        }
    }
    flush(ui, &mut para);
}

/// Tells a screen reader that `resp` is a heading of `level`, so it can
/// move from section to section.
fn heading(resp: &egui::Response, text: &str, level: usize) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(egui::accesskit::Role::Heading);
        n.set_label(text);
        n.clear_value();
        n.set_level(level);
    });
}

/// "1. Three perspectives" and the like.
fn starts_numbered(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(". ")
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

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    #[test]
    fn paragraphs_join_and_items_split() {
        let h = egui_kittest::Harness::new_ui(|ui| {
            super::markdown_ui(ui, "# T\n\nOne\ntwo.\n\n- a\n  more\n- b\n1. c\n");
        });
        h.get_by_label("One two.");
        h.get_by_label("•  a more");
        h.get_by_label("•  b");
        h.get_by_label("1. c");
        assert!(super::starts_numbered("12. x"));
        assert!(!super::starts_numbered("2014 was"));
    }
}
