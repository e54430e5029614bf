//! The editor's headings and labels against the core table of names
//! (`scenario::names`) that messages, the CLI and exports use: if one
//! changes without the other, these fail, so the two cannot drift.

use super::items;
use super::list::{Context, List};
use crate::scenario::names;

/// Every field label of `list`'s table, for a new item, is the core table's.
fn check<T>(list: &List<T>) {
    let core = names::list(list.key).expect("every editor list is in the core table");
    assert_eq!(list.title, core.title, "{}", list.key);
    assert_eq!(list.noun, core.noun, "{}", list.key);
    let mut item = (list.new)(2026);
    let cx = Context { multiplier: 1.0 };
    for field in (list.fields)(&mut item, &cx) {
        if field.key.is_empty() {
            // Tick boxes (`Cash terms`, `Claim`) have no key of their own.
            assert!(
                core.fields.iter().any(|(_, l)| *l == field.label),
                "{}: {}",
                list.key,
                field.label
            );
            continue;
        }
        let label = core
            .fields
            .iter()
            .find(|(k, _)| *k == field.key)
            .map(|(_, l)| *l);
        assert_eq!(label, Some(field.label), "{}.{}", list.key, field.key);
    }
}

#[test]
fn editor_labels_match_the_core_names() {
    check(&items::SAVINGS);
    check(&items::COSTS);
    check(&items::FINES);
    check(&items::JOB_MOVES);
    check(&items::OFFICE_CLOSURES);
    check(&items::DATA_RISKS);
    check(&items::SOURCES);
}

/// The Settings and Assumptions rows are built while drawing, so their
/// source is checked instead: each core label is written there, as is its key.
#[test]
fn settings_and_assumptions_labels_are_the_core_names() {
    let settings = include_str!("settings.rs");
    for (key, label) in names::SETTINGS {
        let key = key.rsplit('.').next().unwrap_or(key);
        assert!(settings.contains(&format!("\"{label}\"")), "{label}");
        assert!(settings.contains(key), "{key}");
    }
    let assumptions = include_str!("assumptions.rs");
    for (key, label) in names::ASSUMPTIONS {
        assert!(assumptions.contains(&format!("\"{label}\"")), "{label}");
        assert!(assumptions.contains(&format!("\"{key}\"")), "{key}");
    }
}

/// A custom profile's shares are named in the editor as messages and the
/// tornado name them: "Share 4 (2023)" beside "… — profile, share 4".
#[test]
fn custom_shares_are_numbered_as_messages_name_them() {
    use crate::scenario::{Flow, Profile, Scenario, Value};
    use egui_kittest::kittest::Queryable as _;

    let mut s = Scenario::new("Shares", 2020, 5);
    let shares = [0.1, 0.2, 0.3, 0.4].map(Value::Point).to_vec();
    s.savings.push(Flow::new(
        "Licences",
        1e6,
        Profile::Custom { from: 2020, shares },
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shares.ron");
    crate::scenario::save_atomic(&path, &s).expect("save");
    let mut h =
        crate::app::tests::harness_of_size(crate::app::App::headless(vec![path]), [1600.0, 1000.0]);
    h.run();
    // The message for the negative fourth share, as the file check gives it.
    let mut bad = s.clone();
    if let Profile::Custom { shares, .. } = &mut bad.savings[0].profile {
        shares[3] = Value::Point(-0.4);
    }
    let message = crate::scenario::validate(&bad)
        .into_iter()
        .find(|d| d.path == "savings[0].profile.shares[3]")
        .map(|d| d.message)
        .expect("a negative share is a problem");
    assert!(
        message.contains("Savings 1. Licences — profile, share 4"),
        "{message}"
    );
    // The editor's row for it.
    assert_eq!(h.state().tabs.len(), 1, "the file opens");
    for heading in ["Savings (1)", "Savings 1, Licences"] {
        if h.query_by_label_contains("Share 1 (2020)").is_none() {
            h.get_by_label(heading).click();
            h.run();
        }
    }
    h.get_by_label_contains("Share 4 (2023)");
}
