//! Model 2 in the app: the central value, redundancy by the Civil Service
//! scheme, notes for changed assumptions and the optimism bias, the
//! readings of the claim, transfers, and correlations.

use egui::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{app, harness, retype, tab};
use crate::scenario::{Central, Terms};

/// Opens the editor's section whose header starts with `section`.
fn open(h: &mut egui_kittest::Harness<'_, super::App>, section: &str) {
    h.get_all_by(|n| n.label().is_some_and(|l| l.starts_with(section)))
        .next()
        .expect("the section's header")
        .click_accesskit();
    h.run();
}

#[test]
fn mean_as_the_central_value_is_chosen_in_settings_and_said_in_the_headline() {
    let mut h = harness(app(Vec::new()));
    h.get_by_label_contains("Central case: most likely values");
    let mode_nsv = tab(&h).results.npv.net_social_value;
    open(&mut h, "Settings");
    h.get_by_label_contains("The main results use each uncertain input's most likely value");
    h.get_by_role_and_label(Role::ComboBox, "Central value")
        .click_accesskit();
    h.run();
    h.get_by_label("Expected value (mean)").click();
    h.run();
    let t = tab(&h);
    assert_eq!(t.scenario.settings.central, Central::Mean);
    assert!(
        (t.results.npv.net_social_value - mode_nsv).abs() > 1e5,
        "the MoJ ranges are skewed: the mean differs from the mode"
    );
    h.get_by_label_contains("Central case: expected values");
    h.get_by_label_contains("as the Green Book asks for expected values");
}

#[test]
fn redundancy_by_the_scheme_shows_the_months_it_gives_and_can_be_switched_to_months() {
    let mut h = harness(app(Vec::new()));
    open(&mut h, "Jobs moved offshore (");
    open(&mut h, "Jobs moved offshore 1, Bootle");
    open(&mut h, "Jobs moved offshore 2, Newport");
    // Bootle: 11 years of service (central), voluntary terms: 11 months' pay.
    assert_eq!(
        h.get_all_by_label_contains("Gives 11 months' pay (one a year of service, at most 21)")
            .count(),
        2,
        "Bootle and Newport are by the scheme"
    );
    // Compulsory terms cap it at 12.
    let mut s = tab(&h).scenario.clone();
    let scheme = s.job_moves[0].redundancy.as_mut().expect("by the scheme");
    scheme.terms = Terms::Compulsory;
    scheme.service_years = crate::scenario::Value::Point(30.0);
    h.state_mut().tabs[0].edit(s, None);
    h.run();
    h.get_by_label_contains("Gives 12 months' pay (one a year of service, at most 12)");
    // The pay floor: £21,500 counts as £23,000.
    assert_eq!(
        h.get_all_by_label_contains("on pay of £23,000 (the scheme counts pay between")
            .count(),
        2
    );
    // Back to months of pay: the scheme goes, the months field is there.
    h.get_all_by(|n| {
        n.role() == Role::ComboBox
            && n.label()
                .is_some_and(|l| l.ends_with("— redundancy pay, worked out by"))
    })
    .next()
    .expect("Bootle's")
    .click_accesskit();
    h.run();
    h.get_by_label("Months of pay").click();
    h.run();
    assert!(tab(&h).scenario.job_moves[0].redundancy.is_none());
    assert_eq!(
        h.get_all_by_label_contains("Gives ").count(),
        1,
        "Newport only"
    );
}

#[test]
fn changing_an_assumption_asks_why_and_keeps_the_reason_in_the_file() {
    let mut h = harness(app(Vec::new()));
    open(&mut h, "Assumptions");
    assert_eq!(
        h.query_all_by_label_contains("Changed from the default")
            .count(),
        0
    );
    retype(&mut h, "Wage scarring", "15%");
    assert_eq!(
        tab(&h).scenario.assumptions.wage_scarring,
        crate::scenario::Value::Point(0.15)
    );
    h.get_by_label_contains("Changed from the default, 10");
    retype(&mut h, "Why changed", "Local evidence: Sefton survey");
    let notes = &tab(&h).scenario.assumptions.notes;
    assert_eq!(
        notes.get("wage_scarring").map(String::as_str),
        Some("Local evidence: Sefton survey")
    );
    assert_eq!(notes.len(), 1, "no empty notes for the others: {notes:?}");
    // Reset back to the default: the reason is no longer asked for.
    h.get_all_by(|n| n.label().is_some_and(|l| l.ends_with(", reset")))
        .find(|n| !n.accesskit_node().is_disabled())
        .expect("an enabled Reset")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("Changed from the default")
            .count(),
        0
    );
}

#[test]
fn the_optimism_bias_note_is_the_files_own_field() {
    let mut h = harness(app(Vec::new()));
    open(&mut h, "Settings");
    retype(
        &mut h,
        "Optimism bias: note",
        "Supplier has run three such centres",
    );
    assert_eq!(
        tab(&h).scenario.settings.optimism_bias.note,
        "Supplier has run three such centres"
    );
    assert!(!tab(&h).scenario.summary.contains("Supplier has run"));
}

#[test]
fn the_claim_check_gives_every_reading_and_the_card_names_the_transfers() {
    let h = harness(app(Vec::new()));
    h.get_by_label_contains("Modelled as a share of the claim: gross ");
    h.get_by_label_contains(", net social value ");
    let r = &tab(&h).results;
    assert!(r.npv.transfers > 1e6, "redundancy pay by the scheme");
    h.get_by_label_contains(&format!(
        "{} of UK transfers added back",
        crate::report::pounds(r.npv.transfers)
    ));
}

#[test]
fn correlations_are_chosen_by_name_and_the_uncertainty_panel_counts_them() {
    let mut h = harness(app(Vec::new()));
    let before = tab(&h).scenario.correlations.len();
    assert!(before >= 2);
    h.get_by_label_contains(&format!(
        "{before} correlations between inputs are in force"
    ));
    open(&mut h, &format!("Correlations ({before})"));
    // By name, never by path.
    h.get_all_by(|n| {
        n.role() == Role::ComboBox
            && n.value().is_some_and(|v| {
                v == "Jobs moved offshore 1. Bootle back-office roles cut after transfer — jobs"
            })
    })
    .next()
    .expect("the pair's input by its name");
    h.get_by_label("Add a correlation").click_accesskit();
    h.run();
    let after = &tab(&h).scenario.correlations;
    assert_eq!(after.len(), before + 1);
    assert!(!tab(&h).has_errors(), "{:?}", tab(&h).field_errors);
    h.get_by_label_contains(&format!(
        "{} correlations between inputs are in force",
        before + 1
    ));
    h.get_all_by(|n| n.label().is_some_and(|l| l.ends_with("— remove this pair")))
        .last()
        .expect("a remove button")
        .click_accesskit();
    h.run();
    assert_eq!(tab(&h).scenario.correlations.len(), before);
}
