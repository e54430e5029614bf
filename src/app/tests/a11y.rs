//! The whole AccessKit tree, as a screen reader gets it, on every bundled
//! scenario with every section unfolded and in every results view: every
//! focusable node named, no two with one name, every drop-down with its
//! value, every chart described by its title and headline number, a bad
//! entry marked invalid with its message. `.ci/atspi` checks the same rules
//! over the Linux accessibility bus, on the real window.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::accesskit::{Action, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{App, View, harness_of_size};
use crate::chart::short_money;

/// One node as the rules see it.
#[derive(Debug, Clone)]
struct Seen {
    role: Role,
    name: String,
    value: Option<String>,
    description: String,
    invalid: bool,
    focusable: bool,
    row_count: Option<usize>,
}

fn walk(h: &Harness<'_, App>) -> Vec<Seen> {
    h.root()
        .children_recursive()
        .map(|n| {
            let a = n.accesskit_node();
            Seen {
                role: a.role(),
                name: a.label().unwrap_or_default(),
                value: a.value(),
                description: a.description().unwrap_or_default(),
                invalid: a.data().invalid().is_some(),
                focusable: a.data().supports_action(Action::Focus),
                row_count: a.data().row_count(),
            }
        })
        .collect()
}

/// The bundled scenarios, as files (so each tab has its file's name).
fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
            .expect("the scenarios folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
    files.sort();
    assert!(files.len() >= 6, "bundled scenarios: {files:?}");
    files
}

/// Steps a few frames: the uncertainty panel repaints while it runs, so
/// the harness never settles.
fn step(h: &mut Harness<'_, App>) {
    h.run_steps(3);
}

/// Unfolds every folded section, header by header, until none is left
/// (an unfolded section can hold folded ones).
fn unfold_everything(h: &mut Harness<'_, App>) {
    for _ in 0..500 {
        let folded = h.root().children_recursive().find(|n| {
            let a = n.accesskit_node();
            a.role() == Role::DisclosureTriangle && a.data().is_expanded() == Some(false)
        });
        let Some(node) = folded else { return };
        node.click_accesskit();
        step(h);
    }
    panic!("sections kept folding");
}

/// The app on `file`, every section unfolded, its Monte Carlo run done.
fn unfolded(file: &std::path::Path) -> Harness<'static, App> {
    let mut h = harness_of_size(App::headless(vec![file.to_owned()]), [1600.0, 1200.0]);
    step(&mut h);
    wait_for_uncertainty(&mut h);
    unfold_everything(&mut h);
    h
}

fn wait_for_uncertainty(h: &mut Harness<'_, App>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let app = h.state();
        if app.analysis.summary(&app.tabs[app.active]).is_some() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Monte Carlo never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    step(h);
}

/// Problems with the tree as a screen reader would meet them, one line each.
fn problems(seen: &[Seen]) -> Vec<String> {
    let mut out = Vec::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    for s in seen.iter().filter(|s| s.focusable) {
        if s.name.trim().is_empty() {
            out.push(format!(
                "a focusable {:?} has no name ({:?})",
                s.role, s.value
            ));
        }
        *names.entry(s.name.as_str()).or_default() += 1;
        if s.name
            .starts_with(|c: char| u32::from(c) >= 0x2190 && !c.is_alphanumeric())
        {
            out.push(format!("{:?} {:?} starts with a symbol", s.role, s.name));
        }
    }
    for (name, n) in names {
        if n > 1 && !name.is_empty() {
            out.push(format!("{n} focusable nodes are named {name:?}"));
        }
    }
    for s in seen.iter().filter(|s| s.role == Role::ComboBox) {
        match s.value.as_deref() {
            None | Some("") => out.push(format!("drop-down {:?} has no value", s.name)),
            // Also in its description, for AT-SPI, which drops a combo box's value.
            Some(v) if !s.description.starts_with(&format!("Currently {v}")) => out.push(format!(
                "drop-down {:?} does not say {v:?} in its description ({:?})",
                s.name, s.description
            )),
            Some(_) => {}
        }
    }
    out
}

/// The chart node the view shows, with what the model says its headline
/// number is: the central net social value, or the Monte Carlo median.
fn check_chart(h: &mut Harness<'_, App>, view: View, out: &mut Vec<String>) {
    let app = h.state();
    let tab = &app.tabs[app.active];
    let Some(chart) = view.chart(
        tab,
        &app.tabs,
        crate::chart::Basis::Discounted,
        &app.analysis,
    ) else {
        return;
    };
    let headline = if view.is_uncertainty() {
        let (s, _) = app.analysis.summary(tab).expect("a finished run");
        vec![short_money(s.net_social_value.p50)]
    } else {
        let nsv = tab.results.npv.net_social_value;
        vec![short_money(nsv), format!("£{:.1}m", nsv / 1e6)]
    };
    let seen = walk(h);
    let charts: Vec<&Seen> = seen
        .iter()
        .filter(|s| s.role == Role::Image && s.name.starts_with("Chart: "))
        .collect();
    let Some(node) = charts
        .iter()
        .find(|s| s.name == format!("Chart: {}", chart.title))
    else {
        out.push(format!(
            "{view:?}: no chart node named {:?} (charts: {:?})",
            chart.title,
            charts.iter().map(|c| &c.name).collect::<Vec<_>>()
        ));
        return;
    };
    if !node.description.contains(&chart.title) {
        out.push(format!(
            "{view:?}: the description lacks the title: {:?}",
            node.description
        ));
    }
    if !headline
        .iter()
        .any(|n| node.description.contains(n.as_str()))
    {
        out.push(format!(
            "{view:?}: the description lacks the headline number {headline:?}: {:?}",
            node.description
        ));
    }
    if view == View::Tornado {
        let items = seen.iter().filter(|s| s.role == Role::ListItem).count();
        if items == 0 || items != chart.tornado_top(15).y_categories.len() {
            out.push(format!("tornado: {items} inputs read out"));
        }
    }
    // Its numbers as a table, a row each.
    let toggle = format!("Show as table: {}", view.name());
    let Some(t) = h.query_by_label(&toggle) else {
        out.push(format!("{view:?}: no {toggle:?}"));
        return;
    };
    t.click_accesskit();
    step(h);
    let rows = chart_rows(&chart);
    let table = walk(h)
        .into_iter()
        .find(|s| s.role == Role::Table && s.name == format!("The numbers of: {}", chart.title));
    match table {
        Some(t) if t.row_count == Some(rows) => {}
        other => out.push(format!("{view:?}: its table is {other:?}, not {rows} rows")),
    }
    h.get_by_label(&toggle).click_accesskit();
    step(h);
}

fn chart_rows(chart: &crate::chart::Chart) -> usize {
    crate::chart::chart_data(chart).len()
}

#[test]
fn every_control_is_named_once_and_every_chart_described_on_every_bundled_scenario() {
    let mut all = Vec::new();
    for file in scenario_files() {
        let mut h = unfolded(&file);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let mut out = Vec::new();
        for view in View::ALL {
            h.state_mut().send(super::super::Command::SetView(view));
            step(&mut h);
            unfold_everything(&mut h);
            let seen = walk(&h);
            // The walk sees the whole editor, every section unfolded.
            let focusable = seen.iter().filter(|s| s.focusable).count();
            let open = seen
                .iter()
                .filter(|s| s.role == Role::DisclosureTriangle)
                .count();
            assert!(
                focusable > 100 && open > 8,
                "{name:?}: {focusable} focusable, {open} sections"
            );
            for p in problems(&seen) {
                out.push(format!("{view:?}: {p}"));
            }
            check_chart(&mut h, view, &mut out);
        }
        out.sort();
        out.dedup();
        all.extend(out.into_iter().map(|p| format!("{name:?}: {p}")));
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn a_bad_entry_is_marked_invalid_with_its_message_and_kept_on_leaving_on_every_bundled_scenario() {
    for file in scenario_files() {
        let mut h = unfolded(&file);
        // The first amount of money in the editor.
        let target = walk(&h)
            .into_iter()
            .find(|s| {
                s.role == Role::TextInput && s.value.as_deref().is_some_and(|v| v.starts_with('£'))
            })
            .unwrap_or_else(|| panic!("{file:?}: no money field"));
        let node = h.get_by_role_and_label(Role::TextInput, &target.name);
        node.focus();
        step(&mut h);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_role_and_label(Role::TextInput, &target.name)
            .type_text("abc");
        step(&mut h);
        let check = |h: &Harness<'_, App>, when: &str| {
            let seen = walk(h);
            let field = seen
                .iter()
                .find(|s| s.name == target.name && s.role == Role::TextInput)
                .unwrap_or_else(|| panic!("{file:?} {when}: {:?} went", target.name));
            assert!(
                field.invalid,
                "{file:?} {when}: {:?} not invalid",
                target.name
            );
            assert!(
                field.description.contains("expected an amount of money"),
                "{file:?} {when}: described {:?}",
                field.description
            );
            assert_eq!(field.value.as_deref(), Some("abc"), "{file:?} {when}");
            // The message is a live region, so it is read out as it appears.
            assert!(
                h.root().children_recursive().any(|n| {
                    let a = n.accesskit_node();
                    a.data().live().is_some()
                        && a.label()
                            .is_some_and(|l| l.contains("expected an amount of money"))
                }),
                "{file:?} {when}: the message is not announced"
            );
        };
        check(&h, "typing");
        h.key_press(Key::Tab);
        step(&mut h);
        check(&h, "after Tab");
    }
}

#[test]
fn escape_from_a_drop_down_gives_focus_back_to_it() {
    let mut h = harness_of_size(super::app(Vec::new()), [1600.0, 1200.0]);
    step(&mut h);
    h.get_by_label("Settings").click_accesskit();
    step(&mut h);
    for name in ["Marking", "Discounting"] {
        h.get_by_role_and_label(Role::ComboBox, name).focus();
        step(&mut h);
        h.key_press(Key::Space);
        step(&mut h);
        assert!(
            egui::Popup::is_any_open(&h.ctx),
            "{name}: Space did not open it"
        );
        h.key_press(Key::Escape);
        step(&mut h);
        assert!(
            !egui::Popup::is_any_open(&h.ctx),
            "{name}: Escape did not close it"
        );
        assert!(
            h.get_by_role_and_label(Role::ComboBox, name).is_focused(),
            "{name}: focus did not come back"
        );
    }
    // And from a menu to its menu's button.
    h.get_by_label("File").focus();
    step(&mut h);
    h.key_press(Key::Enter);
    step(&mut h);
    assert!(egui::Popup::is_any_open(&h.ctx), "Enter did not open File");
    h.key_press(Key::Escape);
    step(&mut h);
    assert!(
        h.get_by_label("File").is_focused(),
        "focus did not come back to File"
    );
}

#[test]
fn tabbing_through_the_editor_and_results_keeps_focus_on_screen() {
    let size = [1280.0, 720.0];
    let mut h = harness_of_size(super::app(Vec::new()), size);
    step(&mut h);
    wait_for_uncertainty(&mut h);
    unfold_everything(&mut h);
    // Scroll at once, so each stop is where it ends up.
    h.ctx
        .all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    let mut stops = Vec::new();
    let mut off = Vec::new();
    for i in 0..330 {
        h.key_press(Key::Tab);
        h.run_steps(3);
        let Some(node) = h
            .root()
            .children_recursive()
            .find(|n| n.accesskit_node().is_focused())
        else {
            continue;
        };
        let name = node.accesskit_node().label().unwrap_or_default();
        let rect = node.rect();
        if !window.contains_rect(rect.shrink(1.0)) {
            off.push(format!("stop {i}: {name:?} at {rect:?}"));
        }
        if stops.last() == Some(&name) {
            continue;
        }
        stops.push(name);
    }
    assert!(stops.len() > 150, "only {} stops: {stops:?}", stops.len());
    assert!(
        off.is_empty(),
        "{} stops off screen:\n{}",
        off.len(),
        off.join("\n")
    );
}
