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
