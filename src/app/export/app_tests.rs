//! Exporting through the app's own form, driven headless.

use std::time::Instant;

use egui::{Modifiers, Role};
use egui_kittest::kittest::Queryable as _;

use super::super::App;
use super::*;

#[test]
fn export_table_through_the_path_entry_writes_the_report_totals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("moj table");
    let mut h = super::super::tests::harness_of_size(App::headless(Vec::new()), [1600.0, 1200.0]);
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
