//! The break-even window driven headless, on the bundled `MoJ` example.

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::super::App;
use super::super::fields::{BREAK_EVEN_ITEM, field_name, item_name};
use super::*;
use crate::scenario::Value;

/// The app on the bundled `MoJ` example.
fn harness() -> Harness<'static, App> {
    harness_of_height(1200.0)
}

fn harness_of_height(height: f32) -> Harness<'static, App> {
    let mut h = super::super::tests::harness_of_size(App::headless(Vec::new()), [1600.0, height]);
    // Monte Carlo keeps repainting in the background: step, not settle.
    h.run_steps(2);
    h
}

fn tab<'a>(h: &'a Harness<'_, App>) -> &'a Tab {
    let app = h.state();
    &app.tabs[app.active]
}

/// Scrolls the control `role` labelled `label` into view and waits for the
/// scroll to settle (it starts a frame or two later and is animated), so a
/// click lands on it.
fn into_view(h: &mut Harness<'_, App>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    let (mut was, mut same) = (None, 0);
    for _ in 0..60 {
        h.run_steps(1);
        let now = Some(h.get_by_role_and_label(role, label).rect());
        same = if now == was { same + 1 } else { 0 };
        if same == 5 {
            return;
        }
        was = now;
    }
}

/// Right-clicks the text field labelled `label` and picks break-even.
fn ask(h: &mut Harness<'_, App>, label: &str) {
    into_view(h, Role::TextInput, label);
    h.get_by_role_and_label(Role::TextInput, label)
        .click_secondary();
    h.run_steps(2);
    h.get_by_label(BREAK_EVEN_ITEM).click();
    // The click, the command, then the new window's invisible sizing pass.
    h.run_steps(3);
}

/// What `counterweight solve` gives for `path` over its default range.
fn solve(h: &Harness<'_, App>, path: &str) -> (Result<f64, NoCrossing>, (f64, f64)) {
    let plan = Plan::new(&tab(h).valid_scenario);
    let p = plan.find(path).expect("an input");
    let (lo, hi) = default_range_within_limits(&plan, p);
    (break_even(&plan, p, lo, hi), (lo, hi))
}

#[test]
fn right_click_on_the_claim_gives_the_claim_at_which_net_social_value_is_zero() {
    let mut h = harness();
    ask(&mut h, "Claimed amount");
    let (answer, _) = solve(&h, "savings[0].amount");
    let x = answer.expect("the claim crosses zero");
    // By hand: NPV(NSV) is £58.8m with the £100m claim (`counterweight
    // report`), and each £1 of the claim, spread over 7 years, is worth
    // £0.904 in NPV (FACTS.md: £100m is £90.41m), with no haircut; so NSV
    // is zero at 100 − 58.8 / 0.904 ≈ £34.9m.
    assert!((34.5e6..35.3e6).contains(&x), "{x}");
    h.get_by_label(&format!(
        "Net social value is zero when Savings 1. Back-office savings (MoJ's claim) — amount is {} (now £100m).",
        Unit::Money.show(x)
    ));
    // The claim is uncertain: the window says what moves.
    h.get_by_label_contains("break-even moves its central value");
}

#[test]
fn set_to_this_value_edits_the_input_and_undo_restores_it() {
    let mut h = harness();
    let before = tab(&h).scenario.clone();
    ask(&mut h, "Claimed amount");
    let (answer, _) = solve(&h, "savings[0].amount");
    let x = answer.expect("the claim crosses zero");
    h.get_by_label("Set to this value").click();
    h.run_steps(2);

    let t = tab(&h);
    // Stored to the penny: the solver's answer without its float noise.
    assert_eq!(
        t.scenario.savings[0].amount.central(),
        Unit::Money.stored(x)
    );
    assert!((Unit::Money.stored(x) - x).abs() <= 0.005);
    assert!(
        matches!(t.scenario.savings[0].amount, Value::Tri { .. }),
        "the claim stays uncertain"
    );
    assert!(
        t.results.npv.net_social_value.abs() < 1.0,
        "net social value is zero: {}",
        t.results.npv.net_social_value
    );
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Claimed amount")
            .value()
            .as_deref(),
        Some(Unit::Money.format(Unit::Money.stored(x)).as_str())
    );
    // The window follows the edit.
    h.get_by_label_contains(&format!("(now {})", Unit::Money.show(x)));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(tab(&h).scenario, before, "one undo step");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Claimed amount")
            .value()
            .as_deref(),
        Some("£100.0m")
    );
    h.get_by_label_contains("(now £100m)");
}

#[test]
fn an_input_that_cannot_bring_net_social_value_to_zero_says_so() {
    let mut h = harness();
    h.get_by_label("Fines (1)").click_accesskit();
    h.run_steps(2);
    let probability = field_name(
        &item_name("Fines", 1, &tab(&h).scenario.fines[0].label),
        "Probability",
        "",
    );
    ask(&mut h, &probability);
    let (answer, (lo, hi)) = solve(&h, "fines[0].probability");
    let e = answer.expect_err("a fine the supplier pays only adds to net social value");
    // By hand: the default range of a point 0.3 that cannot be negative
    // is 0 to 10 × 0.3 = 3, kept inside a probability's own range, 0–1
    // (as `solve` keeps it): 0 % to 100 %, never 300 %.
    assert_eq!((lo, hi), (0.0, 1.0));
    h.get_by_label(&format!(
        "Net social value does not cross zero for Fines 1. Service-credit deductions from SSCL — probability \
         between 0% and 100%: it is {} at 0% and {} at 100%.",
        pounds(e.npv_at_lo),
        pounds(e.npv_at_hi)
    ));
    assert!(h.query_by_label("Set to this value").is_none());
}

#[test]
fn a_new_range_is_searched_when_asked() {
    let mut h = harness();
    ask(&mut h, "Claimed amount");
    // Above £21.6m the claim always leaves net social value positive.
    for (label, text) in [("Search from", "£50m"), ("to", "£120m")] {
        let field = h.get_by_role_and_label(Role::TextInput, label);
        field.focus();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        h.run_steps(2);
    }
    h.get_by_label("Solve again").click();
    h.run_steps(2);
    h.get_by_label_contains(
        "does not cross zero for Savings 1. Back-office savings (MoJ's claim) — amount between £50.0m and £120m",
    );
    h.get_by_label("Default range").click();
    h.run_steps(2);
    h.get_by_label_contains("Net social value is zero when");
    // A range that is not money is marked, and the answer stays.
    let field = h.get_by_role_and_label(Role::TextInput, "to");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "to")
        .type_text("lots");
    h.run();
    h.get_by_label("Solve again").click();
    h.run_steps(2);
    h.get_by_label_contains("expected an amount of money");
    h.get_by_label_contains("Net social value is zero when");
}

#[test]
fn assumptions_offer_break_even_and_whole_years_say_why_not() {
    let mut h = harness();
    h.get_by_label("Assumptions").click_accesskit();
    h.run_steps(2);
    into_view(&mut h, Role::SpinButton, "Scarring years");
    h.get_by_role_and_label(Role::SpinButton, "Scarring years")
        .click_secondary();
    h.run_steps(2);
    let item = h.get_by_label(BREAK_EVEN_ITEM);
    assert!(
        item.accesskit_node().is_disabled(),
        "no break-even for whole years"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);

    ask(&mut h, "Wage scarring");
    // Whichever the solver says, the window says the same.
    match solve(&h, "assumptions.wage_scarring").0 {
        Ok(x) => h.get_by_label_contains(&format!(
            "Assumptions — wage scarring is {}",
            Unit::Percent.show(x)
        )),
        Err(_) => h.get_by_label_contains("does not cross zero for Assumptions — wage scarring"),
    };
}

#[test]
fn every_number_in_the_editor_names_an_input_the_solver_knows() {
    // Tall enough for the whole editor, unfolded, without scrolling.
    let mut h = harness_of_height(6000.0);
    for section in [
        "Settings",
        "Costs (",
        "Fines (",
        "Jobs moved offshore (",
        "Data risk (",
        "Assumptions",
    ] {
        h.get_by_label_contains(section).click_accesskit();
        h.run_steps(2);
    }
    // Lists of more than two items start folded.
    let s = tab(&h).scenario.clone();
    let folded = (s.costs.iter().map(|c| ("Costs", &c.label)))
        .enumerate()
        .chain(
            s.job_moves
                .iter()
                .map(|j| ("Jobs moved offshore", &j.label))
                .enumerate(),
        );
    for (i, (list, label)) in folded {
        h.get_by_label(&item_name(list, i + 1, label))
            .click_accesskit();
        h.run_steps(2);
    }
    h.run_steps(30); // the folding animations
    let fields = h.get_all_by_role(Role::TextInput).count();
    let mut solved = std::collections::BTreeSet::new();
    for i in 0..fields {
        h.get_all_by_role(Role::TextInput)
            .nth(i)
            .expect("the same fields")
            .click_secondary();
        // The click, then the menu's invisible sizing pass.
        h.run_steps(2);
        // Text fields (labels, notes, titles) have no menu.
        let Some(item) = h.query_by_label(BREAK_EVEN_ITEM) else {
            continue;
        };
        item.click();
        h.run_steps(3);
        let window = h.state().break_even.as_ref().expect("the window opens");
        let path = window.path.clone();
        assert!(
            h.query_by_label_contains("Net social value is zero when")
                .is_some()
                || h.query_by_label_contains("Net social value does not cross zero")
                    .is_some(),
            "{path}: no answer"
        );
        solved.insert(path);
        h.state_mut().break_even = None;
        h.step();
    }
    // Every input of the example (the plan's names for them) is reached.
    let plan = Plan::new(&tab(&h).valid_scenario);
    let all: std::collections::BTreeSet<String> =
        plan.params.iter().map(|p| p.path.clone()).collect();
    let missing: Vec<&String> = all.difference(&solved).collect();
    assert!(
        missing.is_empty(),
        "no break-even from the editor for {missing:?}"
    );
}
