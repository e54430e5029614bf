//! Property tests of the file format: any valid scenario survives
//! save → load unchanged, saving is byte-stable, and what we write is
//! standard RON that the `ron` crate itself reads.

use counterweight::scenario::{
    Assumptions, Central, CivilService, DataRisk, Direction, Discounting, Fine, Flow, JobMove,
    Marking, MonteCarlo, OfficeClosure, OptimismBias, Profile, Scenario, Settings, Source, Terms,
    Value, load_str, write::to_ron,
};
use proptest::prelude::*;

const START: i32 = 2014;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 £€'\"\\\\\n\t,.()-]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

fn number(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    let whole = ((hi - lo) as i64).clamp(0, 1000);
    prop_oneof![lo..=hi, (0i64..=whole).prop_map(move |n| lo + n as f64)]
}

fn value(lo: f64, hi: f64) -> BoxedStrategy<Value> {
    prop_oneof![
        number(lo, hi).prop_map(Value::Point),
        (number(lo, hi), number(lo, hi), number(lo, hi)).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            Value::Tri {
                low: v[0],
                mode: v[1],
                high: v[2],
            }
        }),
        (number(lo, hi), number(lo, hi), number(lo, hi)).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort_by(f64::total_cmp);
            Value::Pert {
                low: v[0],
                mode: v[1],
                high: v[2],
            }
        }),
        (number(lo, hi), number(lo, hi)).prop_map(|(a, b)| Value::Uniform {
            low: a.min(b),
            high: a.max(b)
        }),
    ]
    .boxed()
}

fn year() -> impl Strategy<Value = i32> {
    START..START + 15
}

fn profile() -> BoxedStrategy<Profile> {
    prop_oneof![
        year().prop_map(Profile::Once),
        (year(), proptest::option::of(0i32..10)).prop_map(|(from, d)| Profile::Annual {
            from,
            to: d.map(|d| from + d)
        }),
        (year(), 1u32..12).prop_map(|(from, years)| Profile::Spread { from, years }),
        (year(), 1u32..6, proptest::option::of(0i32..10)).prop_map(|(from, years, d)| {
            Profile::Ramp {
                from,
                years,
                to: d.map(|d| from + d),
            }
        }),
        (year(), proptest::collection::vec(value(0.0, 2.0), 0..5))
            .prop_map(|(from, shares)| Profile::Custom { from, shares }),
    ]
    .boxed()
}

fn flow() -> BoxedStrategy<Flow> {
    (
        text(),
        value(-1e9, 1e9),
        profile(),
        // Model 2: growth may be negative.
        value(-0.5, 0.2),
        any::<bool>(),
        any::<bool>(),
        text(),
    )
        .prop_map(
            |(label, amount, profile, growth, nominal, claim, note)| Flow {
                label,
                amount,
                profile,
                growth,
                nominal,
                claim,
                note,
            },
        )
        .boxed()
}

/// Redundancy: months of pay, or the Civil Service scheme (model 2) with
/// months left at 0 (a file gives one or the other).
fn redundancy() -> BoxedStrategy<(Value, Option<CivilService>)> {
    prop_oneof![
        value(0.0, 21.0).prop_map(|m| (m, None)),
        (any::<bool>(), value(0.0, 40.0)).prop_map(|(voluntary, service_years)| {
            let terms = if voluntary {
                Terms::Voluntary
            } else {
                Terms::Compulsory
            };
            (
                Value::Point(0.0),
                Some(CivilService {
                    terms,
                    service_years,
                }),
            )
        }),
    ]
    .boxed()
}

fn scenario() -> BoxedStrategy<Scenario> {
    let settings = (
        1u32..30,
        proptest::option::of(1990i32..2030),
        prop_oneof![
            Just(Discounting::GreenBook),
            Just(Discounting::GreenBookLowerRate),
            Just(Discounting::Undiscounted),
            value(0.0, 0.1).prop_map(Discounting::Constant),
        ],
        // Model 2: inflation may be negative.
        value(-0.5, 0.1),
        (value(0.0, 2.0), value(0.0, 1.0), text()),
        (1u32..1_000_000, any::<u32>()),
        any::<bool>(),
    )
        .prop_map(
            |(horizon_years, base, discounting, inflation, (u, h, note), (draws, seed), mean)| {
                Settings {
                    start_year: START,
                    horizon_years,
                    price_base_year: base.unwrap_or(START),
                    discounting,
                    inflation,
                    optimism_bias: OptimismBias {
                        costs_uplift: u,
                        savings_haircut: h,
                        note,
                    },
                    monte_carlo: MonteCarlo {
                        draws,
                        seed: u64::from(seed),
                    },
                    central: if mean { Central::Mean } else { Central::Mode },
                }
            },
        )
        .boxed();
    let assumptions = (
        value(0.0, 36.0),
        value(0.0, 1.0),
        0u32..5,
        value(0.0, 3.0),
        value(0.0, 2.0),
        value(0.0, 20_000.0),
        proptest::collection::vec((0usize..8, text()), 0..3),
    )
        .prop_map(|(m, s, k, lm, w, v, notes)| {
            const NAMES: [&str; 8] = [
                "months_out_of_work",
                "wage_scarring",
                "scarring_years",
                "local_multiplier",
                "wellbeing_loss",
                "wellby_value",
                "exchequer_tax_rate",
                "benefit_per_year",
            ];
            Assumptions {
                months_out_of_work: m,
                wage_scarring: s,
                scarring_years: k,
                local_multiplier: lm,
                wellbeing_loss: w,
                wellby_value: v,
                notes: notes
                    .into_iter()
                    .map(|(i, note)| (NAMES[i].to_owned(), note))
                    .collect(),
                ..Assumptions::default()
            }
        })
        .boxed();
    let source = (text(), text(), text(), text(), text())
        .prop_map(|(title, publisher, date, url, note)| Source {
            title,
            publisher,
            date,
            url,
            note,
        })
        .boxed();
    let fine = (
        text(),
        value(0.0, 1e7),
        profile(),
        value(0.0, 1.0),
        any::<bool>(),
        text(),
    )
        .prop_map(|(label, amount, profile, probability, from, note)| Fine {
            label,
            amount,
            profile,
            probability,
            direction: if from {
                Direction::FromSupplier
            } else {
                Direction::ByAuthority
            },
            note,
        })
        .boxed();
    let job_move = (
        text(),
        value(0.0, 5000.0),
        year(),
        value(0.0, 60_000.0),
        redundancy(),
        proptest::option::of(value(1.0, 2.0)),
        text(),
    )
        .prop_map(
            |(
                label,
                jobs,
                year,
                salary,
                (redundancy_months, redundancy),
                local_multiplier,
                note,
            )| {
                JobMove {
                    label,
                    jobs,
                    year,
                    salary,
                    redundancy_months,
                    redundancy,
                    local_multiplier,
                    note,
                }
            },
        )
        .boxed();
    let closure = (
        text(),
        value(0.0, 50.0),
        year(),
        value(0.0, 3e6),
        value(0.0, 1e6),
        value(0.0, 500.0),
        proptest::option::of(value(1.0, 2.0)),
        redundancy(),
    )
        .prop_map(
            |(
                label,
                offices,
                year,
                running,
                closure,
                jobs,
                lm,
                (redundancy_months, redundancy),
            )| OfficeClosure {
                label,
                offices,
                year,
                running_cost_per_office: running,
                closure_cost_per_office: closure,
                jobs_lost: jobs,
                salary: Value::Point(24_000.0),
                staff_relocated: Value::Point(3.0),
                relocation_cost_per_person: Value::Point(8_000.0),
                public_access_cost: Value::Point(0.0),
                redundancy_months,
                redundancy,
                local_multiplier: lm,
                note: String::new(),
            },
        )
        .boxed();
    let risk = (
        text(),
        value(0.0, 1e7),
        year(),
        proptest::option::of(0i32..5),
        value(0.0, 0.1),
        value(0.0, 1.0),
        value(0.0, 200.0),
        value(0.0, 1e6),
    )
        .prop_map(|(label, records, from, d, p, e, h, f)| DataRisk {
            label,
            records,
            from,
            to: d.map(|d| from + d),
            annual_probability: p,
            exposed_share: e,
            harm_per_record: h,
            regulatory_fine: f,
            note: String::new(),
        })
        .boxed();
    let marking = prop_oneof![
        Just(Marking::Unmarked),
        Just(Marking::Official),
        Just(Marking::OfficialSensitive)
    ];
    let lists = (
        proptest::collection::vec(source, 0..3),
        proptest::collection::vec(flow(), 0..4),
        proptest::collection::vec(flow(), 0..4),
        proptest::collection::vec(fine, 0..3),
        proptest::collection::vec(job_move, 0..3),
        proptest::collection::vec(closure, 0..3),
        proptest::collection::vec(risk, 0..3),
    );
    (
        (text(), text(), marking, text()),
        settings,
        assumptions,
        lists,
    )
        .prop_map(
            |(
                (title, summary, marking, author),
                settings,
                assumptions,
                (sources, savings, costs, fines, job_moves, office_closures, data_risks),
            )| Scenario {
                format_version: 1,
                title,
                summary,
                marking,
                author,
                sources,
                settings,
                assumptions,
                savings,
                costs,
                fines,
                job_moves,
                office_closures,
                data_risks,
                // Correlations name inputs by path, which random items
                // rarely have: decode/write round trips are unit-tested.
                correlations: Vec::new(),
            },
        )
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_then_load_is_identity_and_saving_is_byte_stable(s in scenario()) {
        let text = to_ron(&s);
        let loaded = match load_str(&text) {
            Ok(l) => l.scenario,
            Err(e) => return Err(TestCaseError::fail(format!("{}\n{text}", e.display_in("saved.ron")))),
        };
        prop_assert_eq!(&loaded, &s);
        prop_assert_eq!(to_ron(&loaded), text);
    }

    #[test]
    fn what_we_write_is_standard_ron(s in scenario()) {
        let text = to_ron(&s);
        let parsed: Result<ron::Value, _> = ron::Options::default().from_str(&text);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), text);
    }

    #[test]
    fn any_text_loads_or_fails_with_a_message_never_a_panic(src in "\\PC{0,200}") {
        if let Err(e) = load_str(&src) {
            prop_assert!(!e.display_in("f.ron").is_empty());
        }
    }

    #[test]
    fn damaged_saved_files_never_panic(s in scenario(), cut in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = to_ron(&s).into_bytes();
        let at = cut.min(bytes.len().saturating_sub(1));
        if !bytes.is_empty() {
            bytes[at] = byte;
        }
        bytes.truncate(cut.max(at + 1));
        let _ = counterweight::scenario::file::load_bytes(&bytes);
    }

    #[test]
    fn every_valid_scenario_evaluates_to_finite_numbers(s in scenario()) {
        let r = counterweight::model::evaluate(&s);
        prop_assert!(r.npv.net_social_value.is_finite() && r.cash.exchequer_net.is_finite());
        prop_assert!(r.lines.cumulative_discounted_net_social_value.iter().all(|v| v.is_finite()));
    }
}
