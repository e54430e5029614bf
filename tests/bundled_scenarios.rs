//! The bundled scenarios in `scenarios/`: each loads with no error and no
//! warning, cites its seed article, sources or labels every number, and
//! gives results an analyst would recognise (no sign errors, a sensible
//! claim ratio, the sunk write-off of the `MoJ` left out).

use std::path::{Path, PathBuf};

use counterweight::model::evaluate;
use counterweight::scenario::{Marking, Scenario, load_path};

fn bundled() -> Vec<(PathBuf, Scenario)> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .expect("scenarios/ exists")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let loaded = load_path(&p)
                .unwrap_or_else(|e| panic!("{}", e.display_in(&p.display().to_string())));
            let warnings: Vec<String> = loaded.warnings.iter().map(|d| d.message.clone()).collect();
            assert!(warnings.is_empty(), "{}: {warnings:?}", p.display());
            (p, loaded.scenario)
        })
        .collect()
}

fn load(name: &str) -> Scenario {
    bundled()
        .into_iter()
        .find(|(p, _)| p.file_name().is_some_and(|f| f == name))
        .unwrap_or_else(|| panic!("{name} is bundled"))
        .1
}

#[test]
fn at_least_six_scenarios_load_cleanly() {
    assert!(bundled().len() >= 6);
}

#[test]
fn every_scenario_cites_a_seed_article_and_is_marked_official() {
    for (p, s) in bundled() {
        assert_eq!(s.marking, Marking::Official, "{}", p.display());
        assert!(
            s.sources.iter().any(|src| src.note.contains("seed 00")),
            "{} cites no seed file",
            p.display()
        );
        assert!(!s.summary.is_empty(), "{}", p.display());
    }
}

/// "Every number taken from a source says where; every number assumed says
/// assumption": at least, no item is left without a note.
#[test]
fn every_item_has_a_note() {
    for (p, s) in bundled() {
        let notes = s
            .savings
            .iter()
            .chain(&s.costs)
            .map(|f| (&f.label, &f.note))
            .chain(s.fines.iter().map(|f| (&f.label, &f.note)))
            .chain(s.job_moves.iter().map(|j| (&j.label, &j.note)))
            .chain(s.office_closures.iter().map(|c| (&c.label, &c.note)))
            .chain(s.data_risks.iter().map(|r| (&r.label, &r.note)));
        for (label, note) in notes {
            assert!(
                !note.trim().is_empty(),
                "{}: `{label}` has no note",
                p.display()
            );
        }
    }
}

#[test]
fn headline_numbers_are_plausible() {
    for (p, s) in bundled() {
        let r = evaluate(&s);
        let name = p.display();
        // Every bundled option saves the department money and costs society something.
        assert!(
            r.npv.net_savings > 0.0,
            "{name}: NPV(NS) {}",
            r.npv.net_savings
        );
        assert!(
            r.npv.social_cost > 0.0,
            "{name}: NPV(SC) {}",
            r.npv.social_cost
        );
        assert!(r.npv.net_social_value < r.npv.net_savings, "{name}");
        assert!(r.npv.exchequer_net < r.npv.net_savings, "{name}");
        let has_claim = s.savings.iter().any(|f| f.claim);
        assert_eq!(r.claim.is_some(), has_claim, "{name}");
        if let Some(c) = r.claim {
            let ratio = c.ratio.expect("a non-zero claim");
            assert!(ratio > 0.3 && ratio <= 1.0, "{name}: claim ratio {ratio}");
        }
    }
}

#[test]
fn the_dvla_scenario_is_the_largest() {
    let all = bundled();
    let size = |s: &Scenario| {
        s.savings.len()
            + s.costs.len()
            + s.fines.len()
            + s.job_moves.len()
            + s.office_closures.len()
            + s.data_risks.len()
    };
    let dvla = load("dvla-local-offices.ron");
    assert_eq!(
        dvla.office_closures.len(),
        49,
        "39 local offices and 10 enforcement centres"
    );
    assert!(all.iter().all(|(_, s)| size(s) <= size(&dvla)));
}

/// The claims as the sources state them, before any cost.
#[test]
fn claims_match_the_sources() {
    let check = |name: &str, amount: f64, first: i32, last: i32| {
        let c = evaluate(&load(name))
            .claim
            .unwrap_or_else(|| panic!("{name} has a claim"));
        assert!(
            (c.claimed - amount).abs() <= 1e-9 * amount,
            "{name}: claimed {}",
            c.claimed
        );
        assert_eq!((c.first_year, c.last_year), (first, last), "{name}");
    };
    check("moj-back-office.ron", 100e6, 2014, 2020);
    check("nhs-shared-business-services.ron", 224e6, 2005, 2014);
    check("dvla-local-offices.ron", 28e6 * 8.0, 2014, 2021);
    assert!(
        evaluate(&load("congestion-charge-offshore.ron"))
            .claim
            .is_none(),
        "no published claim"
    );
}

/// The £56m written off on the Shared Services Programme of the `MoJ` is sunk: it is
/// mentioned, never counted.
#[test]
fn the_moj_write_off_is_mentioned_not_counted() {
    let s = load("moj-back-office.ron");
    assert!(s.summary.contains("£56m") && s.summary.contains("sunk"));
    for f in s.savings.iter().chain(&s.costs) {
        for x in f.amount.numbers() {
            assert!(
                (x - 56e6).abs() > 1e6 && (x - 56.3e6).abs() > 1e6,
                "`{}` counts the write-off",
                f.label
            );
        }
    }
}

/// Monte Carlo, tornado and break-even reuse one set of buffers: a second
/// evaluation must not carry anything over from the first (the local
/// knock-on line once did).
#[test]
fn reusing_buffers_gives_the_same_numbers() {
    use counterweight::model::{Lines, Plan, npv_net_social_value};
    for (p, s) in bundled() {
        let plan = Plan::new(&s);
        let x = plan.central();
        let fresh = npv_net_social_value(&plan, &x, &mut Lines::new(plan.horizon));
        let mut reused = Lines::new(plan.horizon);
        for _ in 0..3 {
            let again = npv_net_social_value(&plan, &x, &mut reused);
            assert!(
                (again - fresh).abs() <= 1e-9 * fresh.abs().max(1.0),
                "{}: {again} vs {fresh}",
                p.display()
            );
        }
        assert!(
            (fresh - evaluate(&s).npv.net_social_value).abs() <= 1e-6,
            "{}",
            p.display()
        );
    }
}
