//! docs/methodology.md's "Monte Carlo" and "Sensitivity and break-even", sentence by
//! sentence, against numbers worked by hand or by exact expectation.

use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use super::kernel::{Kernel, Workspace};
use super::monte_carlo::{BLOCK, HISTOGRAM_BINS};
use super::quantile::percentiles;
use super::sample::block_streams;
use super::*;
use crate::model::{Plan, Totals, results_for};
use crate::report::MonteCarloJson;
use crate::scenario::{
    DataRisk, Direction, Discounting, Fine, Flow, Profile, Scenario, Value, load_path,
};

fn run(plan: &Plan, draws: usize, seed: u64, threads: usize) -> Summary {
    MonteCarlo {
        draws,
        seed,
        threads,
    }
    .run(plan, &AtomicBool::new(false), &|_| {})
    .expect("not cancelled")
}

fn benchmark_scenario() -> Scenario {
    load_path(std::path::Path::new("benches/data/large.ron"))
        .expect("benchmark scenario loads")
        .scenario
}

/// Every draw's totals, block by block as `run` makes them.
fn all_draws(plan: &Plan, n: usize, seed: u64) -> Vec<(Totals, Vec<f64>)> {
    let k = Kernel::new(plan);
    let mut ws = Workspace::new(&k);
    let mut out = Vec::with_capacity(n);
    for block in 0..n.div_ceil(BLOCK) {
        let mut streams = block_streams(seed, block as u64);
        let count = ((block + 1) * BLOCK).min(n) - block * BLOCK;
        k.draws(&mut streams, &mut ws, count, |t, _, x| {
            out.push((*t, x.to_vec()));
        });
    }
    out
}

fn tri(low: f64, mode: f64, high: f64) -> Value {
    Value::Tri { low, mode, high }
}

fn pert(low: f64, mode: f64, high: f64) -> Value {
    Value::Pert { low, mode, high }
}

fn uniform(low: f64, high: f64) -> Value {
    Value::Uniform { low, high }
}

/// A scenario whose NPVs are sums of products of independent inputs, so
/// their expectation is the model at the inputs' means.
fn linear_scenario() -> Scenario {
    let mut s = Scenario::new("linear", 2020, 6);
    s.assumptions.months_out_of_work = Value::Point(9.0);
    s.settings.optimism_bias.costs_uplift = uniform(0.0, 0.4);
    s.savings.push(Flow::new(
        "claim",
        tri(70e6, 100e6, 110e6),
        Profile::Spread {
            from: 2020,
            years: 5,
        },
    ));
    s.costs.push(Flow::new(
        "set-up",
        pert(10e6, 15e6, 30e6),
        Profile::Once(2020),
    ));
    s.fines.push(Fine {
        label: "deductions".into(),
        amount: uniform(1e5, 3e5),
        profile: Profile::Annual {
            from: 2021,
            to: None,
        },
        probability: Value::Point(0.3),
        direction: Direction::FromSupplier,
        note: String::new(),
    });
    s.data_risks.push(DataRisk {
        label: "records".into(),
        records: Value::Point(100_000.0),
        from: 2021,
        to: None,
        annual_probability: uniform(0.01, 0.05),
        exposed_share: Value::Point(0.5),
        harm_per_record: pert(100.0, 150.0, 300.0),
        regulatory_fine: Value::Point(2e6),
        note: String::new(),
    });
    s
}

fn mean_of(v: &Value) -> f64 {
    match *v {
        Value::Point(x) => x,
        Value::Tri { low, mode, high } => (low + mode + high) / 3.0,
        Value::Pert { low, mode, high } => (low + 4.0 * mode + high) / 6.0,
        Value::Uniform { low, high } => f64::midpoint(low, high),
    }
}

#[test]
fn mean_of_a_linear_scenario_is_within_four_standard_errors_of_its_expectation() {
    let plan = Plan::new(&linear_scenario());
    let means: Vec<f64> = plan.params.iter().map(|p| mean_of(&p.value)).collect();
    let exact = results_for(&plan, &means).npv;
    let n = 200_000;
    let summary = run(&plan, n, 11, 2);
    let draws = all_draws(&plan, n, 11);
    let check = |name: &str, got: f64, pick: &dyn Fn(&Totals) -> f64, expected: f64| {
        let values: Vec<f64> = draws.iter().map(|(t, _)| pick(t)).collect();
        let mean = values.iter().sum::<f64>() / n as f64;
        // The run sums in sixteen running sums, so the last bits differ
        // from this sum in draw order.
        assert!(
            (got - mean).abs() <= 1e-12 * mean.abs(),
            "{name}: the summary's mean {got} is the draws' mean {mean}"
        );
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let se = (var / n as f64).sqrt();
        assert!(
            (mean - expected).abs() < 4.0 * se,
            "{name}: mean {mean}, expected {expected} ± {se}"
        );
    };
    check(
        "net savings",
        summary.net_savings.mean,
        &|t| t.net_savings,
        exact.net_savings,
    );
    check(
        "social cost",
        summary.social_cost.mean,
        &|t| t.social_cost,
        exact.social_cost,
    );
    check(
        "net social value",
        summary.net_social_value.mean,
        &|t| t.net_social_value,
        exact.net_social_value,
    );
}

#[test]
fn same_seed_gives_identical_results_on_one_thread_and_many() {
    let plan = Plan::new(&benchmark_scenario());
    // More draws than the pilot, so the yearly windows are used too.
    let one = run(&plan, 70_000, 5, 1);
    let json =
        |s: &Summary| serde_json::to_string(&MonteCarloJson::from(s)).expect("numbers serialise");
    for threads in [2, 3, 8] {
        let many = run(&plan, 70_000, 5, threads);
        assert_eq!(one, many, "{threads} threads");
        assert_eq!(json(&one), json(&many));
    }
    assert_ne!(one, run(&plan, 70_000, 6, 2), "another seed, other numbers");
}

/// The pilot windows give the same bands as every value sorted.
#[test]
fn yearly_bands_are_exact_percentiles() {
    let plan = Plan::new(&benchmark_scenario());
    let mc = MonteCarlo {
        draws: 100_000,
        seed: 3,
        threads: 2,
    };
    let summary = mc
        .run(&plan, &AtomicBool::new(false), &|_| {})
        .expect("runs");
    let exact = mc.exact_bands(&plan);
    assert_eq!(summary.bands.len(), plan.horizon);
    for (b, e) in summary.bands.iter().zip(&exact) {
        assert_eq!([b.p10, b.p50, b.p90], *e, "year {}", b.year);
    }
    // The final year's cumulative value is NPV(NSV).
    let last = summary.bands[plan.horizon - 1];
    assert!((last.p50 - summary.net_social_value.p50).abs() <= 1e-6 * last.p50.abs());
}

/// Each live year of a fine or data risk is its own Bernoulli event, and a
/// data-risk event brings its harm and its regulatory fine in the same year.
#[test]
fn event_frequencies_match_their_probabilities() {
    let mut s = Scenario::new("events", 2020, 10);
    s.settings.discounting = Discounting::Undiscounted;
    s.fines.push(Fine {
        label: "fine".into(),
        amount: Value::Point(1.0),
        profile: Profile::Annual {
            from: 2020,
            to: None,
        },
        probability: Value::Point(0.3),
        direction: Direction::FromSupplier,
        note: String::new(),
    });
    s.data_risks.push(DataRisk {
        label: "risk".into(),
        records: Value::Point(1.0),
        from: 2021,
        to: Some(2024),
        annual_probability: Value::Point(0.05),
        exposed_share: Value::Point(1.0),
        harm_per_record: Value::Point(1.0),
        regulatory_fine: Value::Point(1000.0),
        note: String::new(),
    });
    let plan = Plan::new(&s);
    let n = 100_000;
    let draws = all_draws(&plan, n, 2);
    let (mut fines, mut breaches) = (0.0, 0.0);
    for (t, _) in &draws {
        // NS = fines received − 1000 · breaches; SC = breaches.
        let breaches_here = t.social_cost;
        assert_eq!(breaches_here.fract(), 0.0);
        let fines_here = t.net_savings + 1000.0 * breaches_here;
        assert!((0.0..=10.0).contains(&fines_here) && fines_here.fract() == 0.0);
        fines += fines_here;
        breaches += breaches_here;
    }
    let binomial = |hits: f64, trials: f64, p: f64| {
        let sd = (trials * p * (1.0 - p)).sqrt();
        assert!(
            (hits - trials * p).abs() < 5.0 * sd,
            "{hits} hits in {trials} trials at {p}"
        );
    };
    binomial(fines, 10.0 * n as f64, 0.3);
    binomial(breaches, 4.0 * n as f64, 0.05);
}

/// Only distributions are sampled; points stay put.
#[test]
fn every_value_is_sampled_once_per_draw_within_its_range() {
    let plan = Plan::new(&benchmark_scenario());
    let central = plan.central();
    for (_, x) in all_draws(&plan, 5_000, 1) {
        for (p, (v, c)) in plan.params.iter().zip(x.iter().zip(&central)) {
            let (low, high) = p.value.bounds();
            assert!((low..=high).contains(v), "{} = {v}", p.path);
            if !p.value.is_uncertain() {
                assert_eq!(v, c);
            }
        }
    }
}

#[test]
fn summary_percentiles_are_ordered_and_bands_cover_every_year() {
    let plan = Plan::new(&benchmark_scenario());
    let s = run(&plan, 20_000, 1, 2);
    for st in [
        s.net_savings,
        s.social_cost,
        s.net_social_value,
        s.exchequer_net,
    ] {
        assert!(st.p5 <= st.p10 && st.p10 <= st.p50 && st.p50 <= st.p90 && st.p90 <= st.p95);
    }
    assert!((0.0..=1.0).contains(&s.probability_net_social_value_positive));
    let years: Vec<i32> = s.bands.iter().map(|b| b.year).collect();
    assert_eq!(years, (2025..2055).collect::<Vec<_>>());
    assert_eq!(
        s.histogram.counts.iter().sum::<u64>() + s.histogram.below + s.histogram.above,
        20_000
    );
}

/// The histogram and the chance of a positive answer count every draw,
/// each where it belongs, checked one draw at a time against the draws
/// themselves (and the histogram's range is the draws' P0.5 to P99.5).
#[test]
fn histogram_and_chance_positive_count_each_draw_where_it_belongs() {
    let plan = Plan::new(&benchmark_scenario());
    // Not a multiple of 16, so the last values go the one-at-a-time way.
    let n = 70_003;
    let s = run(&plan, n, 5, 2);
    let mut nsv: Vec<f64> = all_draws(&plan, n, 5)
        .iter()
        .map(|(t, _)| t.net_social_value)
        .collect();
    let positive = nsv.iter().filter(|v| **v > 0.0).count();
    assert_eq!(
        s.probability_net_social_value_positive,
        positive as f64 / n as f64
    );
    let h = &s.histogram;
    let range = percentiles(&mut nsv, &[0.005, 0.995]);
    assert_eq!(h.start, range[0]);
    assert!((h.edge(HISTOGRAM_BINS) - range[1]).abs() < 1e-6 * range[1].abs());
    let mut counts = vec![0_u64; HISTOGRAM_BINS];
    let (mut below, mut above) = (0, 0);
    for &x in &nsv {
        if x < range[0] {
            below += 1;
        } else if x > range[1] {
            above += 1;
        } else {
            counts[(((x - h.start) / h.width) as usize).min(HISTOGRAM_BINS - 1)] += 1;
        }
    }
    assert_eq!((&h.counts, h.below, h.above), (&counts, below, above));
    assert!(below > 0 && above > 0);
}

#[test]
fn cancelling_stops_the_run() {
    let plan = Plan::new(&benchmark_scenario());
    let cancel = AtomicBool::new(true);
    let mc = MonteCarlo {
        draws: 100_000,
        seed: 1,
        threads: 2,
    };
    assert_eq!(mc.run(&plan, &cancel, &|_| {}), Err(McError::Cancelled));
}

#[test]
fn progress_reaches_one() {
    let plan = Plan::new(&linear_scenario());
    let seen = Mutex::new(Vec::new());
    let mc = MonteCarlo {
        draws: 50_000,
        seed: 1,
        threads: 2,
    };
    let record = |f: f32| seen.lock().expect("not poisoned").push(f);
    mc.run(&plan, &AtomicBool::new(false), &record)
        .expect("runs");
    let seen = seen.into_inner().expect("not poisoned");
    assert_eq!(seen.len(), 50_000usize.div_ceil(BLOCK));
    assert!(seen.iter().all(|f| (0.0..=1.0).contains(f)));
    assert!(seen.contains(&1.0));
}

#[test]
fn too_many_draws_and_no_draws() {
    let plan = Plan::new(&linear_scenario());
    let mc = MonteCarlo {
        draws: MAX_DRAWS + 1,
        seed: 1,
        threads: 1,
    };
    assert_eq!(
        mc.run(&plan, &AtomicBool::new(false), &|_| {}),
        Err(McError::TooManyDraws(MAX_DRAWS + 1))
    );
    let s = run(&plan, 0, 1, 2);
    assert_eq!(s.draws, 0);
    assert!(s.net_savings.mean.is_nan());
}

/// NSV = savings − costs in one undiscounted year: worked by hand.
fn two_input_scenario() -> Scenario {
    let mut s = Scenario::new("tornado", 2020, 1);
    s.settings.discounting = Discounting::Undiscounted;
    s.savings.push(Flow::new(
        "claim",
        uniform(80.0, 120.0),
        Profile::Once(2020),
    ));
    s.costs.push(Flow::new(
        "set-up",
        tri(10.0, 20.0, 70.0),
        Profile::Once(2020),
    ));
    s
}

#[test]
fn tornado_swings_each_distribution_and_sorts_by_swing() {
    let plan = Plan::new(&two_input_scenario());
    let bars = tornado(&plan, None);
    let inputs: Vec<&str> = bars.iter().map(|b| b.input.as_str()).collect();
    // Central NSV = 100 − 20 = 80. Costs 10..70 → 90..30 (swing 60);
    // savings 80..120 → 60..100 (swing 40); months out of work moves nothing.
    assert_eq!(
        inputs,
        [
            "costs[0].amount",
            "savings[0].amount",
            "assumptions.months_out_of_work"
        ]
    );
    assert_eq!((bars[0].low, bars[0].high), (10.0, 70.0));
    assert_eq!((bars[0].npv_at_low, bars[0].npv_at_high), (90.0, 30.0));
    assert_eq!((bars[1].npv_at_low, bars[1].npv_at_high), (60.0, 100.0));
    assert_eq!(bars[1].label, "Savings 1. claim — amount");
    assert_eq!(bars[2].swing(), 0.0);
}

#[test]
fn tornado_swings_point_inputs_when_asked() {
    let mut s = two_input_scenario();
    s.costs
        .push(Flow::new("running", 50.0, Profile::Once(2020)));
    let plan = Plan::new(&s);
    assert!(
        tornado(&plan, None)
            .iter()
            .all(|b| b.input != "costs[1].amount")
    );
    let bars = tornado(&plan, Some(0.1));
    let running = bars
        .iter()
        .find(|b| b.input == "costs[1].amount")
        .expect("point input swung");
    // Central NSV = 100 − 20 − 50 = 30; running 45..55 → 35..25.
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
    assert!(close(running.low, 45.0) && close(running.high, 55.0));
    assert!(close(running.npv_at_low, 35.0) && close(running.npv_at_high, 25.0));
    // Zero points (growth) have nothing to swing.
    assert!(bars.iter().all(|b| b.input != "savings[0].growth"));
}

#[test]
fn break_even_of_a_claim_matches_the_hand_value() {
    // NSV = A/7 · Σ_{t=0..6} 1.035^−t − 15m, so A* = 15m · 7 / Σ (≈ £16.59m).
    let mut s = Scenario::new("claim", 2014, 10);
    s.savings.push(Flow::new(
        "claim",
        100e6,
        Profile::Spread {
            from: 2014,
            years: 7,
        },
    ));
    s.costs.push(Flow::new("set-up", 15e6, Profile::Once(2014)));
    let plan = Plan::new(&s);
    let sum: f64 = (0..7).map(|t| 1.035f64.powi(-t)).sum();
    let by_hand = 15e6 * 7.0 / sum;
    let p = plan.find("savings[0].amount").expect("path exists");
    let (lo, hi) = break_even::default_range(&plan, p);
    assert_eq!((lo, hi), (0.0, 1e9));
    let v = break_even(&plan, p, lo, hi).expect("crosses");
    assert!((v - by_hand).abs() <= 1e-9 * by_hand, "{v} vs {by_hand}");
}

/// Model 2: with `central: Mean`, "all else central" and the search range
/// use each input's mean.
#[test]
fn break_even_and_tornado_use_the_mean_when_the_scenario_asks_for_it() {
    // Claim Tri(0, 1, 10) once in 2014, undiscounted, cost 2: NSV = A − 2.
    // Range: max(0, 10 · central, high + width) = 20 with the mode 1, and
    // 10 · 11/3 = 36.67 with the mean 11/3.
    let mut s = Scenario::new("mean", 2014, 1);
    s.settings.discounting = crate::scenario::Discounting::Undiscounted;
    s.assumptions.months_out_of_work = Value::Point(0.0);
    s.savings.push(Flow::new(
        "claim",
        Value::Tri {
            low: 0.0,
            mode: 1.0,
            high: 10.0,
        },
        Profile::Once(2014),
    ));
    s.costs.push(Flow::new(
        "cost",
        Value::Uniform {
            low: 1.0,
            high: 3.0,
        },
        Profile::Once(2014),
    ));
    let p = |plan: &Plan| plan.find("savings[0].amount").expect("path exists");
    let plan = Plan::new(&s);
    assert_eq!(break_even::default_range(&plan, p(&plan)), (0.0, 20.0));
    s.settings.central = crate::scenario::Central::Mean;
    let plan = Plan::new(&s);
    let (lo, hi) = break_even::default_range(&plan, p(&plan));
    assert_eq!(lo, 0.0);
    assert!((hi - 110.0 / 3.0).abs() < 1e-12, "{hi}");
    // The cost's bar: the claim at its mean 11/3, cost 1 or 3 → NSV 8/3, 2/3.
    let bars = tornado(&plan, None);
    let cost = bars
        .iter()
        .find(|b| b.input == "costs[0].amount")
        .expect("a bar");
    assert!((cost.npv_at_low - 8.0 / 3.0).abs() < 1e-12, "{cost:?}");
    assert!((cost.npv_at_high - 2.0 / 3.0).abs() < 1e-12, "{cost:?}");
}

#[test]
fn break_even_says_when_there_is_no_crossing() {
    let plan = Plan::new(&two_input_scenario());
    let p = plan.find("savings[0].amount").expect("path exists");
    // NSV = A − 20 > 0 for A in 30..50.
    let e = break_even(&plan, p, 30.0, 50.0).expect_err("no crossing");
    assert_eq!((e.npv_at_lo, e.npv_at_hi), (10.0, 30.0));
    // … and finds 20 when the range holds it.
    let v = break_even(&plan, p, 0.0, 50.0).expect("crosses");
    assert!((v - 20.0).abs() <= 1e-9 * 20.0);
}

/// A shared input moves every item that uses it.
#[test]
fn break_even_of_a_shared_input_moves_all_its_users() {
    let mut s = Scenario::new("shared", 2020, 3);
    s.settings.discounting = Discounting::Undiscounted;
    s.assumptions.months_out_of_work = Value::Point(12.0);
    s.assumptions.wage_scarring = Value::Point(0.0);
    s.assumptions.wellbeing_loss = Value::Point(0.0);
    for jobs in [100.0, 300.0] {
        s.job_moves.push(crate::scenario::JobMove {
            label: "jobs".into(),
            jobs: Value::Point(jobs),
            year: 2020,
            salary: Value::Point(10_000.0),
            redundancy_months: Value::Point(0.0),
            redundancy: None,
            local_multiplier: None,
            note: String::new(),
        });
    }
    // Lost earnings 400 · 10,000 = 4m; SC = M · 4m. Savings 6m → M* = 1.5.
    s.savings
        .push(Flow::new("savings", 6e6, Profile::Once(2020)));
    let plan = Plan::new(&s);
    let p = plan
        .find("assumptions.local_multiplier")
        .expect("path exists");
    let v = break_even(&plan, p, 1.0, 3.0).expect("crosses");
    assert!((v - 1.5).abs() <= 1e-9 * 1.5, "{v}");
}

#[test]
fn unknown_paths_suggest_the_nearest() {
    let plan = Plan::new(&two_input_scenario());
    let near = break_even::nearest_paths(&plan, "saving[0].amont", 3);
    assert_eq!(near[0], "savings[0].amount");
}

/// The tornado as it was: the whole plan recomputed for each end of each
/// input. O(inputs²), but plainly right.
fn tornado_by_whole_plan(plan: &Plan, swing: Option<f64>) -> Vec<TornadoBar> {
    let mut x = plan.central();
    let mut lines = crate::model::Lines::new(plan.horizon);
    let mut bars = Vec::new();
    for (i, p) in plan.params.iter().enumerate() {
        let (low, high) = if p.value.is_uncertain() {
            p.value.bounds()
        } else {
            match swing {
                Some(s) if p.value.central() != 0.0 => {
                    (p.value.central() * (1.0 - s), p.value.central() * (1.0 + s))
                }
                _ => continue,
            }
        };
        let c = x[i];
        x[i] = low;
        let npv_at_low = crate::model::npv_net_social_value(plan, &x, &mut lines);
        x[i] = high;
        let npv_at_high = crate::model::npv_net_social_value(plan, &x, &mut lines);
        x[i] = c;
        bars.push(TornadoBar {
            input: p.path.clone(),
            label: p.label.clone(),
            low,
            high,
            npv_at_low,
            npv_at_high,
        });
    }
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    bars
}

/// Every file the project ships or tests with, bundled and awkward alike,
/// with point inputs swung at several sizes, with the mode and the mean:
/// the item-by-item tornado gives the whole-plan tornado's bars, to
/// rounding (relative to the largest line it sums).
#[test]
fn the_linear_tornado_matches_the_whole_plan_tornado_on_every_file() {
    let mut files = Vec::new();
    for dir in [
        "scenarios",
        "tests/data/awkward",
        "tests/data/versions/1",
        "benches/data",
    ] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        files.extend(
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron")),
        );
    }
    files.push("tests/data/model2_example.ron".into());
    files.push("tests/data/format_example.ron".into());
    let mut checked = 0;
    for f in &files {
        let Ok(loaded) = load_path(f) else { continue };
        for central in [
            crate::scenario::Central::Mode,
            crate::scenario::Central::Mean,
        ] {
            let mut s = loaded.scenario.clone();
            s.settings.central = central;
            let plan = Plan::new(&s);
            for swing in [None, Some(0.1), Some(0.5), Some(1.0)] {
                let fast = tornado(&plan, swing);
                let slow = tornado_by_whole_plan(&plan, swing);
                assert_eq!(fast.len(), slow.len(), "{}", f.display());
                let scale = slow
                    .iter()
                    .flat_map(|b| [b.npv_at_low.abs(), b.npv_at_high.abs()])
                    .fold(1.0, f64::max);
                // Same inputs (the order can differ only between equal swings).
                let find = |b: &TornadoBar| {
                    fast.iter()
                        .find(|x| x.input == b.input)
                        .unwrap_or_else(|| panic!("{}: no bar for {}", f.display(), b.input))
                };
                for b in &slow {
                    let a = find(b);
                    assert_eq!((a.low, a.high), (b.low, b.high));
                    for (x, y) in [(a.npv_at_low, b.npv_at_low), (a.npv_at_high, b.npv_at_high)] {
                        assert!(
                            (x - y).abs() <= 1e-9 * scale,
                            "{} {:?} {}: {x} vs {y}",
                            f.display(),
                            swing,
                            b.input
                        );
                    }
                }
                checked += slow.len();
            }
        }
    }
    assert!(checked > 1000, "only {checked} bars checked");
}

/// A tornado set to stop stops, and says how far it got.
#[test]
fn the_tornado_can_be_cancelled_and_reports_progress() {
    let plan = Plan::new(&benchmark_scenario());
    let cancel = AtomicBool::new(true);
    assert!(tornado_with(&plan, Some(0.1), &cancel, &|_| {}).is_none());
    let seen = Mutex::new(Vec::new());
    let bars = tornado_with(&plan, Some(0.1), &AtomicBool::new(false), &|p| {
        seen.lock().expect("lock").push(p);
    })
    .expect("not cancelled");
    assert_eq!(bars, tornado(&plan, Some(0.1)));
    let seen = seen.into_inner().expect("lock");
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

/// The work bound: every bundled scenario may have 1,000,000 draws; the
/// worst case inside the validator's limits (10,000 uncertain savings over
/// 100 years, `tools/worst_case.py`) gets far fewer, and asking for more is
/// an error that says how many fit, never a run of hours.
#[test]
fn draws_are_bounded_by_the_work_a_file_makes() {
    for e in std::fs::read_dir("scenarios").expect("scenarios") {
        let p = e.expect("entry").path();
        if p.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        let plan = Plan::new(&load_path(&p).expect("loads").scenario);
        assert_eq!(most_draws(&plan), MAX_DRAWS, "{}", p.display());
    }
    let mut s = Scenario::new("worst", 2025, 100);
    for i in 0..10_000 {
        let mut f = Flow::new(
            format!("Saving {i}"),
            Value::Tri {
                low: 8e5,
                mode: 1e6,
                high: 1.3e6,
            },
            Profile::Annual {
                from: 2025,
                to: None,
            },
        );
        f.growth = Value::Uniform {
            low: 0.0,
            high: 0.01,
        };
        s.savings.push(f);
    }
    let plan = Plan::new(&s);
    assert_eq!(plan.work_per_draw(), 10_000 * 100 + 100);
    let most = most_draws(&plan);
    assert_eq!(most, (MAX_WORK / (10_000 * 100 + 100)) as usize);
    let asked = MonteCarlo {
        draws: most + 1,
        seed: 1,
        threads: 1,
    }
    .run(&plan, &AtomicBool::new(false), &|_| {});
    assert_eq!(
        asked.err(),
        Some(McError::TooMuchWork {
            draws: most + 1,
            most
        })
    );
    assert!(
        McError::TooMuchWork { draws: 5, most: 2 }
            .to_string()
            .contains("use 2 draws or fewer")
    );
}
