//! `counterweight diff`: every change listed, each step's effect on net
//! social value, the effects adding up to the whole change.

mod common;

use common::{run, text};
use counterweight::diff::diff;
use counterweight::scenario::load_path;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn between_any_two_bundled_scenarios_the_effects_add_up_to_the_whole_change() {
    // Every kind of change at once: settings, assumptions, items added,
    // removed, moved and changed, sources and notes.
    let files = common::scenarios_and_example();
    let scenarios: Vec<_> = files
        .iter()
        .map(|f| load_path(f).expect("loads").scenario)
        .collect();
    for (i, a) in scenarios.iter().enumerate() {
        for (j, b) in scenarios.iter().enumerate() {
            let d = diff(a, b);
            let sum: f64 = d.changes.iter().map(|c| c.effect_on_net_social_value).sum();
            let total = d.new.net_social_value - d.old.net_social_value;
            assert!(
                close(sum, total),
                "{} → {}: effects {sum} against {total}",
                files[i].display(),
                files[j].display()
            );
            assert!(
                d.changes.iter().all(|c| c.what != "other changes"),
                "{} → {}: a change was missed",
                files[i].display(),
                files[j].display()
            );
            assert!(
                d.changes
                    .iter()
                    .all(|c| c.effect_on_net_social_value.is_finite())
            );
            assert_eq!(d.changes.is_empty(), i == j);
        }
    }
}

#[test]
fn the_command_lists_changes_with_effects_and_json_adds_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let original = std::fs::read_to_string("scenarios/moj-back-office.ron").expect("read");
    std::fs::write(&old, &original).expect("write");
    let edited = original
        .replace("jobs: Tri(50, 100, 150)", "jobs: Tri(50, 120, 150)")
        .replace("horizon_years: 10", "horizon_years: 12");
    assert_ne!(edited, original);
    std::fs::write(&new, &edited).expect("write");
    let (o, n) = (old.to_str().expect("utf-8"), new.to_str().expect("utf-8"));

    let out = run(&["diff", o, n]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("Settings, horizon years 10 → 12"), "{table}");
    assert!(
        table.contains(": jobs triangular 50 / 100 / 150 → triangular 50 / 120 / 150"),
        "{table}"
    );
    assert!(table.contains("Net social value (NPV): £"), "{table}");

    let out = run(&["diff", o, n, "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let changes = j["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2);
    let sum: f64 = changes
        .iter()
        .map(|c| c["effect_on_net_social_value"].as_f64().expect("number"))
        .sum();
    let total = j["new"]["net_social_value"].as_f64().expect("new")
        - j["old"]["net_social_value"].as_f64().expect("old");
    assert!(close(sum, total), "{sum} against {total}");
    assert_eq!(changes[0]["path"], "settings.horizon_years");

    let same = run(&["diff", o, o]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(text(&same.stdout), "no changes\n");

    let missing = run(&["diff", o, "no-such-file.ron"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no-such-file.ron"));
}
