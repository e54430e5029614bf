//! The summary on eight shapes of result: each sentence checked for what it
//! says, not only that it is there.

use super::*;
use crate::model::{Plan, evaluate};
use crate::scenario::{Flow, JobMove, Profile, Scenario, Value};
use crate::uncertainty::MonteCarlo;
use std::sync::atomic::AtomicBool;

fn jobs(n: f64) -> JobMove {
    JobMove {
        label: "jobs".into(),
        jobs: Value::Point(n),
        year: 2020,
        salary: Value::Point(24_000.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    }
}

fn saving(amount: f64, claim: bool) -> Flow {
    let mut f = Flow::new(
        "saving",
        amount,
        Profile::Annual {
            from: 2020,
            to: None,
        },
    );
    f.claim = claim;
    f
}

fn cost(amount: f64) -> Flow {
    Flow::new(
        "cost",
        amount,
        Profile::Annual {
            from: 2020,
            to: None,
        },
    )
}

fn base() -> Scenario {
    Scenario::new("t", 2020, 10)
}

fn mc(s: &Scenario) -> Summary {
    let never = AtomicBool::new(false);
    MonteCarlo {
        draws: 400,
        seed: 1,
        threads: 1,
    }
    .run(&Plan::new(s), &never, &|_| {})
    .expect("runs")
}

/// Every sentence reads as one: a capital, a full stop, no stray number forms.
fn well_formed(all: &[String]) {
    for s in all {
        assert!(s.chars().next().is_some_and(char::is_uppercase), "{s}");
        assert!(s.ends_with('.'), "{s}");
        for bad in ["NaN", "inf", "-£0 ", "  ", "..", "£-"] {
            assert!(!s.contains(bad), "`{bad}` in: {s}");
        }
    }
}

fn find<'a>(all: &'a [String], start: &str) -> &'a str {
    all.iter()
        .find(|s| s.contains(start))
        .unwrap_or_else(|| panic!("no sentence with `{start}` in {all:#?}"))
}

#[test]
fn saves_the_department_money_and_costs_the_uk() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    s.job_moves.push(jobs(2_000.0));
    let r = evaluate(&s);
    assert!(r.npv.net_savings > 0.0 && r.npv.net_social_value < 0.0);
    let all = sentences(&r, Some(&mc(&s)));
    well_formed(&all);
    let ns = find(&all, "the department saves");
    assert!(ns.contains(&pounds(r.npv.net_savings)), "{ns}");
    let sc = find(&all, "The social cost");
    assert!(sc.contains("the largest part being lost earnings"), "{sc}");
    let nsv = find(&all, "net social value is");
    assert!(
        nsv.contains("the UK is worse off") && nsv.contains(&pounds(r.npv.net_social_value)),
        "{nsv}"
    );
    assert!(nsv.contains("a positive result is unlikely"), "{nsv}");
    assert!(find(&all, "£1 the department saves").contains("of social cost for every"));
}

#[test]
fn no_claim_says_there_is_nothing_to_check() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, false));
    let r = evaluate(&s);
    let all = sentences(&r, None);
    well_formed(&all);
    assert!(
        all[0].starts_with("No savings in the file are marked"),
        "{}",
        all[0]
    );
    assert!(
        !all.iter()
            .any(|x| x.contains("claim is met") || x.contains("claim is not met"))
    );
    assert!(find(&all, "net social value is").contains("(Monte Carlo was not run)"));
}

#[test]
fn a_claim_met_in_full_says_met() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    let r = evaluate(&s);
    let all = sentences(&r, None);
    well_formed(&all);
    assert!(
        all[0].contains("£10.0m in cash over 2020–2029"),
        "{}",
        all[0]
    );
    let met = find(&all, "On the net reading");
    assert!(
        met.contains("the claim is met") && met.contains("100 %"),
        "{met}"
    );
    assert!(find(&all, "no social cost").starts_with("The model finds no social cost"));
    assert!(
        !all.iter().any(|x| x.contains("for every £1")),
        "no ratio without social cost"
    );
}

#[test]
fn a_claim_eaten_by_costs_says_not_met_with_its_share() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    s.costs.push(cost(400_000.0));
    let r = evaluate(&s);
    let all = sentences(&r, None);
    well_formed(&all);
    let not = find(&all, "On the net reading");
    assert!(
        not.contains("is not met") && not.contains("60 % of the claim") && not.contains("£6.00m"),
        "{not}"
    );
    assert!(find(&all, "Read as gross savings").contains("100 %"));
}

#[test]
fn negative_net_savings_say_the_department_does_not_save() {
    let mut s = base();
    s.savings.push(saving(100_000.0, true));
    s.costs.push(cost(300_000.0));
    let r = evaluate(&s);
    assert!(r.npv.net_savings < 0.0);
    let all = sentences(&r, None);
    well_formed(&all);
    let ns = find(&all, "does not save");
    assert!(
        ns.contains("costs exceed its savings") && ns.contains(&pounds(r.npv.net_savings)),
        "{ns}"
    );
    assert!(ns.contains("-£"), "a loss shows its minus sign: {ns}");
    assert!(!all.iter().any(|x| x.contains("the department saves")));
    assert!(
        find(&all, "is not met").contains('-'),
        "a negative share of the claim"
    );
}

#[test]
fn payback_never_says_where_it_ends() {
    let mut s = base();
    s.costs.push(cost(100_000.0));
    let r = evaluate(&s);
    assert_eq!(r.payback_year, None);
    let all = sentences(&r, None);
    well_formed(&all);
    let p = find(&all, "never pays back");
    let end = r.lines.cumulative_discounted_net_social_value[9];
    assert!(
        p.contains("within 2020–2029") && p.contains(&pounds(end)),
        "{p}"
    );
    assert!(find(&all, "net social value is").contains("worse off"));
}

#[test]
fn payback_after_a_dip_names_the_year() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    s.costs
        .push(Flow::new("set-up", 2_500_000.0, Profile::Once(2020)));
    let r = evaluate(&s);
    let y = r.payback_year.expect("pays back");
    assert!(y > 2020);
    let all = sentences(&r, None);
    well_formed(&all);
    assert!(find(&all, "It pays back in").contains(&format!("in {y}, the first year from which")));
}

#[test]
fn a_probability_near_zero_is_under_one_percent_and_unlikely() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    s.job_moves.push(jobs(2_000.0));
    let r = evaluate(&s);
    let mut m = mc(&s);
    m.probability_net_social_value_positive = 0.003;
    let all = sentences(&r, Some(&m));
    well_formed(&all);
    let p = find(&all, "Monte Carlo draws");
    assert!(p.contains("Across 400 Monte Carlo draws the chance that it is positive is under 1 %, so a positive result is unlikely"), "{p}");
    m.probability_net_social_value_positive = 0.0;
    assert!(find(&sentences(&r, Some(&m)), "Monte Carlo draws").contains("is 0 %"));
}

#[test]
fn a_probability_near_one_is_over_99_percent_and_likely() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    let r = evaluate(&s);
    let mut m = mc(&s);
    m.probability_net_social_value_positive = 0.997;
    let all = sentences(&r, Some(&m));
    well_formed(&all);
    let p = find(&all, "Monte Carlo draws");
    assert!(
        p.contains("is over 99 %, so a positive result is likely"),
        "{p}"
    );
    assert!(find(&all, "It pays back from the first year, 2020").contains("never below zero"));
    assert!(find(&all, "net social value is").contains("the UK is better off"));
}

#[test]
fn chances_round_without_claiming_certainty() {
    assert_eq!(chance(0.0), "0 %");
    assert_eq!(chance(0.004), "under 1 %");
    assert_eq!(chance(0.62), "62 %");
    assert_eq!(chance(0.996), "over 99 %");
    assert_eq!(chance(1.0), "100 %");
}

#[test]
fn a_negative_part_of_the_social_cost_is_not_named_as_a_driver() {
    let mut s = base();
    s.savings.push(saving(1_000_000.0, true));
    s.job_moves.push(jobs(500.0));
    s.assumptions.local_multiplier = Value::Point(0.5);
    let r = evaluate(&s);
    assert!(r.lines.npv(&r.lines.local_knock_on) < 0.0);
    let all = sentences(&r, None);
    well_formed(&all);
    let sc = find(&all, "The social cost");
    assert!(sc.contains("the largest part being lost earnings"), "{sc}");
    assert!(
        !sc.contains("knock-on"),
        "a negative part is no driver: {sc}"
    );
}
