//! Random valid scenarios at the edges of every limit the validator sets
//! (docs/format.md "Rules"): amounts at ±£1,000 trillion and at the
//! smallest positive number, counts at 10 billion, growth and inflation at
//! −50 % and 100 % a year, the price base a thousand years away, a 1- or
//! 100-year horizon at either end of the years allowed, discounting at 0 %
//! and 100 %, uplifts of 1,000 %, shares of a million, 10,000 items. For
//! every one, `report --json --tornado --draws N` either gives a report
//! whose every figure is a finite number (`null` only where docs/json.md
//! allows), or exits 1 with a message that names an item.

use counterweight::report::json_problems;
use counterweight::scenario::load_str;
use proptest::prelude::*;

mod common;

fn pick<T: Clone + std::fmt::Debug + 'static>(v: &[T]) -> impl Strategy<Value = T> + use<T> {
    proptest::sample::select(v.to_vec())
}

const MONEY: [&str; 7] = ["1e15", "-1e15", "0", "5e-324", "1", "999999999999999", "-1"];
const COUNT: [&str; 4] = ["0", "1", "1e10", "9999999999"];
const FRACTION: [&str; 4] = ["0", "1", "1e-320", "0.5"];
const GROWTH: [&str; 4] = ["-0.5", "1", "0", "-0.4999"];

#[derive(Clone, Debug)]
struct Edges {
    start: i32,
    horizon: u32,
    price_base_offset: i32,
    inflation: &'static str,
    discounting: &'static str,
    uplift: &'static str,
    haircut: &'static str,
    amount: &'static str,
    growth: &'static str,
    nominal: bool,
    profile: u8,
    copies: usize,
    count: &'static str,
    money: &'static str,
    fraction: &'static str,
    months: &'static str,
    multiplier: &'static str,
    central: &'static str,
    uncertain: bool,
}

fn edges() -> impl Strategy<Value = Edges> {
    (
        (
            pick(&[1900, 2024, 2401, 2500]),
            pick(&[1u32, 2, 50, 100]),
            pick(&[-1000, -999, 0, 999, 1000]),
            pick(&["-0.5", "0", "1", "0.02"]),
            pick(&[
                "GreenBook",
                "GreenBookLowerRate",
                "Constant(0)",
                "Constant(1)",
                "Constant(Tri(0, 0.5, 1))",
                "Undiscounted",
            ]),
            pick(&["0", "10", "Tri(0, 5, 10)"]),
            pick(&["0", "1", "0.999999"]),
        ),
        (
            pick(&MONEY),
            pick(&GROWTH),
            any::<bool>(),
            0u8..5,
            pick(&[1usize, 3, 10_000]),
            pick(&COUNT),
            pick(&MONEY[..4]),
            pick(&FRACTION),
            pick(&["0", "1200", "12"]),
            pick(&["0", "10", "1"]),
            pick(&["Mode", "Mean"]),
            any::<bool>(),
        ),
    )
        .prop_map(|(a, b)| Edges {
            start: a.0,
            horizon: a.1,
            price_base_offset: a.2,
            inflation: a.3,
            discounting: a.4,
            uplift: a.5,
            haircut: a.6,
            amount: b.0,
            growth: b.1,
            nominal: b.2,
            profile: b.3,
            copies: b.4,
            count: b.5,
            money: b.6.trim_start_matches('-'),
            fraction: b.7,
            months: b.8,
            multiplier: b.9,
            central: b.10,
            uncertain: b.11,
        })
}

/// `x`, or a range around it when `uncertain` (low 0 for a non-negative
/// quantity, so the range stays inside the limits).
fn v(x: &str, uncertain: bool) -> String {
    if uncertain {
        if x.starts_with('-') {
            format!("Uniform({x}, 0)")
        } else {
            format!("Tri(0, {x}, {x})")
        }
    } else {
        x.to_owned()
    }
}

fn ron(e: &Edges) -> String {
    let s = e.start;
    let last = s + e.horizon as i32 - 1;
    let u = e.uncertain;
    let profile = match e.profile {
        0 => format!("Annual(from: {s})"),
        1 => format!("Once({last})"),
        2 => format!("Spread(from: {s}, years: 100)"),
        3 => format!("Ramp(from: {s}, years: 100)"),
        _ => format!("Custom(from: {s}, shares: [1000000, 0, 1000000])"),
    };
    let saving = format!(
        "Flow(label: \"Edge\", amount: {}, profile: {profile}, growth: {}, nominal: {}, claim: true)",
        v(e.amount, u),
        e.growth,
        e.nominal
    );
    let savings = vec![saving; e.copies].join(",\n        ");
    format!(
        r#"Scenario(
    format_version: 1,
    title: "Edges",
    settings: Settings(
        start_year: {s},
        horizon_years: {h},
        price_base_year: {pb},
        discounting: {disc},
        inflation: {infl},
        central: {central},
        optimism_bias: OptimismBias(costs_uplift: {uplift}, savings_haircut: {haircut}),
        monte_carlo: MonteCarlo(draws: 100, seed: 1),
    ),
    assumptions: Assumptions(
        months_out_of_work: {months},
        local_multiplier: {mult},
        wage_scarring: {frac},
        wellby_value: {money},
        benefit_per_year: {money},
    ),
    savings: [
        {savings},
    ],
    costs: [
        Flow(label: "Cost", amount: {amount}, profile: {profile}, growth: {growth}, nominal: {nominal}),
    ],
    fines: [
        Fine(label: "Fine", amount: {money}, profile: {profile}, probability: {frac}, direction: FromSupplier),
        Fine(label: "Tribunal", amount: {money}, profile: Once({last}), probability: {frac}, direction: ByAuthority),
    ],
    job_moves: [
        JobMove(label: "Jobs", jobs: {count}, year: {s}, salary: {money}, redundancy_months: {months}, local_multiplier: {mult}),
    ],
    office_closures: [
        OfficeClosure(label: "Offices", offices: {count}, year: {last}, running_cost_per_office: {money},
            closure_cost_per_office: {money}, jobs_lost: {count}, salary: {money}, staff_relocated: {count},
            relocation_cost_per_person: {money}, public_access_cost: {money}),
    ],
    data_risks: [
        DataRisk(label: "Records", records: {count}, from: {s}, annual_probability: {frac},
            exposed_share: {frac}, harm_per_record: {money}, regulatory_fine: {money}),
    ],
)
"#,
        h = e.horizon,
        pb = s + e.price_base_offset,
        disc = e.discounting,
        infl = e.inflation,
        central = e.central,
        uplift = e.uplift,
        haircut = e.haircut,
        months = v(e.months, u),
        mult = v(e.multiplier, u),
        frac = v(e.fraction, u),
        money = v(e.money, u),
        count = v(e.count, u),
        amount = v(e.amount, u),
        growth = e.growth,
        nominal = e.nominal,
    )
}

/// Whether a message names an item or setting: `savings[0]`, `settings.…`.
fn names_an_item(stderr: &str) -> bool {
    // As the editor names them (`scenario::names`): "Savings 1.", "Settings — ".
    [
        "Savings ",
        "Costs ",
        "Fines ",
        "Jobs moved offshore ",
        "Office closures ",
        "Data risk ",
        "Settings — ",
        "Assumptions — ",
    ]
    .iter()
    .any(|n| stderr.contains(n))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_is_finite_or_the_report_names_an_item(e in edges()) {
        let text = ron(&e);
        let dir = std::env::temp_dir().join(format!("cw-edges-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("edges.ron");
        std::fs::write(&path, &text).expect("write");
        let p = path.to_string_lossy().into_owned();
        let out = common::run(&["report", &p, "--json", "--tornado", "--draws", "100"]);
        let stderr = common::text(&out.stderr);
        match out.status.code() {
            Some(0) => {
                let json: serde_json::Value = serde_json::from_slice(&out.stdout)
                    .map_err(|err| TestCaseError::fail(format!("not JSON: {err}")))?;
                let problems = json_problems(&json);
                prop_assert!(problems.is_empty(), "{:?}\n{}", problems, text);
            }
            Some(1) => {
                // Refused: by the validator (the file does not load) or
                // by the model's own check, each naming what to fix.
                prop_assert!(names_an_item(&stderr), "exit 1 without an item:\n{}\n{}", stderr, text);
                prop_assert!(!stderr.contains("panicked"), "{}", stderr);
            }
            other => prop_assert!(false, "exit {:?}:\n{}\n{}", other, stderr, text),
        }
    }
}

/// The generator is not vacuous: most cases it makes are valid files, so
/// the property above is about reports, not about refusals.
#[test]
fn most_generated_edge_cases_are_valid_files() {
    use proptest::strategy::ValueTree as _;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = edges();
    let mut valid = 0;
    for _ in 0..200 {
        let e = strategy.new_tree(&mut runner).expect("a case").current();
        if load_str(&ron(&e)).is_ok() {
            valid += 1;
        }
    }
    assert!(
        valid >= 60,
        "only {valid} of 200 edge cases are valid files"
    );
}
