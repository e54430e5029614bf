//! Bytes → scenario → results → save → load: whatever a shared drive hands
//! us, loading never panics, hangs or overflows the stack, and anything that
//! loads gives a report whose every figure is a finite number (`null` only
//! where docs/json.md allows it), whose ratios and chances are in range, a
//! tornado and a short Monte Carlo run of finite numbers, and survives a
//! save and reload unchanged. Seeded with tests/data/bad and
//! tests/data/awkward (`fuzz/seed.sh`).
#![no_main]

use std::sync::atomic::AtomicBool;

use counterweight::model::{Plan, evaluate};
use counterweight::report::{Report, json_problems};
use counterweight::scenario::{file::load_bytes, load_str, write::to_ron};
use counterweight::uncertainty::{MonteCarlo, tornado};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_bytes(data) else {
        return;
    };
    let s = loaded.scenario;
    let r = evaluate(&s);
    // The CLI and the app refuse results with a non-finite figure, naming
    // it; the validator's bounds are meant to make that never happen.
    assert_eq!(
        r.first_non_finite(),
        None,
        "a valid file gave a non-finite figure"
    );
    if let Some(ratio) = r.social_cost_per_pound_saved {
        assert!(ratio.is_finite(), "social cost per £ saved {ratio}");
    }
    let plan = Plan::new(&s);
    let mut report = Report::new(&s, &r);
    let bars = tornado(&plan, Some(0.1));
    report.tornado = Some(bars.iter().map(Into::into).collect());
    // A short run: enough to reach every sampler and the summaries.
    let mc = MonteCarlo {
        draws: 200,
        seed: s.settings.monte_carlo.seed,
        threads: 1,
    };
    let summary = mc
        .run(&plan, &AtomicBool::new(false), &|_| {})
        .expect("200 draws always run");
    report.monte_carlo = Some((&summary).into());
    let json: serde_json::Value =
        serde_json::from_str(&report.to_json()).expect("the report is JSON");
    let problems = json_problems(&json);
    assert!(problems.is_empty(), "report --json: {problems:?}");

    let text = to_ron(&s);
    let again = match load_str(&text) {
        Ok(l) => l.scenario,
        Err(e) => panic!(
            "a saved scenario does not load: {}\n{text}",
            e.display_in("saved.ron")
        ),
    };
    assert_eq!(again, s, "save → load changed the scenario");
    assert_eq!(to_ron(&again), text, "saving twice gave different bytes");
});
