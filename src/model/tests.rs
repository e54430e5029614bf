//! One test per docs/methodology.md formula, each against a number worked by hand
//! (the working is in the comment), plus the published check values (docs/methodology.md, section 2).

use super::*;
use crate::scenario::{
    Central, CivilService, DataRisk, Direction, Discounting, Fine, Flow, JobMove, OfficeClosure,
    Profile, Scenario, Terms, Value,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn scenario(horizon: u32) -> Scenario {
    let mut s = Scenario::new("test", 2014, horizon);
    s.settings.discounting = Discounting::Undiscounted;
    s
}

fn savings_by_year(s: &Scenario) -> Vec<f64> {
    evaluate(s).lines.savings
}

#[test]
fn hundred_million_over_seven_years_is_90_41m_npv() {
    // Green Book check value (docs/methodology.md). By hand: 100/7 · Σ_{t=0..6} 1.035^−t
    // = 14.285714 · 6.328553 = 90.4079 (£m).
    let mut s = Scenario::new("claim", 2014, 10);
    s.savings.push(Flow::new(
        "claim",
        100e6,
        Profile::Spread {
            from: 2014,
            years: 7,
        },
    ));
    let r = evaluate(&s);
    assert_eq!((r.npv.net_savings / 1e4).round() / 100.0, 90.41);
    let by_hand: f64 = (0..7).map(|t| 100e6 / 7.0 / 1.035f64.powi(t)).sum();
    assert_close!(r.npv.net_savings, by_hand);
}

#[test]
fn nominal_1000_in_year_5_at_2_percent_is_906_real() {
    // Green Book check value: 1000 / 1.02^5 = 905.73.
    let mut s = scenario(10);
    let mut f = Flow::new("nominal", 1000.0, Profile::Once(2019));
    f.nominal = true;
    s.savings.push(f);
    let v = savings_by_year(&s)[5];
    assert_close!(v, 1000.0 / 1.02f64.powi(5));
    assert_eq!(v.round(), 906.0);
}

#[test]
fn nominal_deflates_from_the_price_base_year_not_the_start() {
    // Price base 2016: a 2014 nominal £1,000 is 1000 · 1.02^2 = 1040.4 in 2016 prices.
    let mut s = scenario(3);
    s.settings.price_base_year = 2016;
    let mut f = Flow::new("n", 1000.0, Profile::Once(2014));
    f.nominal = true;
    s.savings.push(f);
    assert_close!(savings_by_year(&s)[0], 1040.4);
}

#[test]
fn profiles_spread_the_amount_as_model_md_says() {
    let mut s = scenario(6);
    s.savings.push(Flow::new("once", 10.0, Profile::Once(2015)));
    assert_eq!(savings_by_year(&s), vec![0.0, 10.0, 0.0, 0.0, 0.0, 0.0]);

    s.savings[0].profile = Profile::Annual {
        from: 2015,
        to: Some(2017),
    };
    assert_eq!(savings_by_year(&s), vec![0.0, 10.0, 10.0, 10.0, 0.0, 0.0]);

    s.savings[0].profile = Profile::Annual {
        from: 2016,
        to: None,
    };
    assert_eq!(savings_by_year(&s), vec![0.0, 0.0, 10.0, 10.0, 10.0, 10.0]);

    // Spread: 10 / 4 = 2.5 for four years.
    s.savings[0].profile = Profile::Spread {
        from: 2015,
        years: 4,
    };
    assert_eq!(savings_by_year(&s), vec![0.0, 2.5, 2.5, 2.5, 2.5, 0.0]);

    // Ramp over 4 years: 10 · min(1, (Y − from + 1)/4) = 2.5, 5, 7.5, 10, 10; `to` stops it.
    s.savings[0].profile = Profile::Ramp {
        from: 2014,
        years: 4,
        to: None,
    };
    assert_eq!(savings_by_year(&s), vec![2.5, 5.0, 7.5, 10.0, 10.0, 10.0]);
    s.savings[0].profile = Profile::Ramp {
        from: 2014,
        years: 4,
        to: Some(2018),
    };
    assert_eq!(savings_by_year(&s), vec![2.5, 5.0, 7.5, 10.0, 10.0, 0.0]);

    // Custom: 10 · w, entries past the list are 0.
    s.savings[0].profile = Profile::Custom {
        from: 2015,
        shares: vec![
            Value::Point(0.5),
            Value::Point(1.0),
            Value::Tri {
                low: 0.0,
                mode: 0.25,
                high: 1.0,
            },
        ],
    };
    assert_eq!(savings_by_year(&s), vec![0.0, 5.0, 10.0, 2.5, 0.0, 0.0]);
}

#[test]
fn growth_compounds_from_the_profiles_first_year() {
    // 100 from 2015 at 10 %: 100, 110, 121, 133.1.
    let mut s = scenario(5);
    let mut f = Flow::new(
        "g",
        100.0,
        Profile::Annual {
            from: 2015,
            to: None,
        },
    );
    f.growth = Value::Point(0.1);
    s.savings.push(f);
    let v = savings_by_year(&s);
    assert_eq!(v[0], 0.0);
    assert_close!(v[1], 100.0);
    assert_close!(v[2], 110.0);
    assert_close!(v[3], 121.0);
    assert_close!(v[4], 133.1);
}

#[test]
fn growth_then_nominal_deflation_both_apply() {
    // 100 in 2016, first year 2014, growth 5 %, nominal at 2 %, base 2014:
    // 100 · 1.05² / 1.02² = 110.25 / 1.0404 = 105.9688…
    let mut s = scenario(3);
    let mut f = Flow::new(
        "g",
        100.0,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    );
    f.growth = Value::Point(0.05);
    f.nominal = true;
    s.savings.push(f);
    assert_close!(savings_by_year(&s)[2], 110.25 / 1.0404);
}

#[test]
fn negative_growth_erodes_and_falling_prices_inflate_a_nominal_flow() {
    // Model 2. 100 a year from 2014, growth −2 %, nominal, inflation −0.5 %,
    // base 2014. 2014: 100. 2015: 98 / 0.995 = 98.4924…
    // 2016: 100 · 0.98² / 0.995² = 96.04 / 0.990025 = 97.00765…
    let mut s = scenario(3);
    let mut f = Flow::new(
        "eroding",
        100.0,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    );
    f.growth = Value::Point(-0.02);
    f.nominal = true;
    s.savings.push(f);
    s.settings.inflation = Value::Point(-0.005);
    assert!(crate::scenario::validate(&s).is_empty());
    let v = savings_by_year(&s);
    assert_close!(v[0], 100.0);
    assert_close!(v[1], 98.0 / 0.995);
    assert_close!(v[2], 96.04 / 0.990_025);
    assert_eq!((v[2] * 1e4).round() / 1e4, 97.0077);
}

#[test]
fn optimism_bias_uplifts_costs_and_haircuts_savings() {
    // Savings 100 with a 20 % haircut → 80; cost 100 with a 41 % uplift → 141; NS = −61.
    let mut s = scenario(1);
    s.settings.optimism_bias.costs_uplift = Value::Point(0.41);
    s.settings.optimism_bias.savings_haircut = Value::Point(0.2);
    s.savings.push(Flow::new("s", 100.0, Profile::Once(2014)));
    s.costs.push(Flow::new("c", 100.0, Profile::Once(2014)));
    let r = evaluate(&s);
    assert_close!(r.lines.savings[0], 80.0);
    assert_close!(r.lines.department_costs[0], 141.0);
    assert_close!(r.lines.net_savings[0], -61.0);
}

#[test]
fn fines_count_as_probability_times_amount_by_direction() {
    // 500k a year 2015–2016 at p = 0.5 from the supplier → 250k received;
    // 100k once in 2015 by the authority at p = 0.2 → 20k cost, not uplifted.
    let mut s = scenario(3);
    s.settings.optimism_bias.costs_uplift = Value::Point(0.5);
    s.fines.push(Fine {
        label: "deductions".into(),
        amount: Value::Point(500_000.0),
        profile: Profile::Annual {
            from: 2015,
            to: Some(2016),
        },
        probability: Value::Point(0.5),
        direction: Direction::FromSupplier,
        note: String::new(),
    });
    s.fines.push(Fine {
        label: "penalty".into(),
        amount: Value::Point(100_000.0),
        profile: Profile::Once(2015),
        probability: Value::Point(0.2),
        direction: Direction::ByAuthority,
        note: String::new(),
    });
    let r = evaluate(&s);
    assert_eq!(r.lines.fines_received, vec![0.0, 250_000.0, 250_000.0]);
    assert_close!(r.lines.department_costs[1], 20_000.0);
    assert_close!(r.lines.net_savings[1], 230_000.0);
}

fn job_move(jobs: f64, year: i32) -> JobMove {
    JobMove {
        label: "jobs".into(),
        jobs: Value::Point(jobs),
        year,
        salary: Value::Point(24_000.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    }
}

#[test]
fn displaced_workers_with_default_assumptions() {
    // D = 100, W = 24,000, m = 9 (Tri mode), s = 0.1, K = 2, M = 1.3, w = 0.6,
    // V = 13,000, τ = 0.25, B = 5,100. Displaced in 2014 (k = 0 is 2014).
    // k=0: u = 0.75; LE = 2.4m · (0.75 + 0.1·0.25) = 1,860,000; LK = 0.3 · LE = 558,000;
    //      WB = 100 · 0.75 · 0.6 · 13,000 = 585,000; XC = 0.25·LE + 100·0.75·5,100 = 847,500.
    // k=1: u = 0; LE = 2.4m · 0.1 = 240,000; LK = 72,000; WB = 0; XC = 60,000.
    // k=2: nothing (u = 0 and k ≥ K).
    let mut s = scenario(4);
    s.job_moves.push(job_move(100.0, 2014));
    let r = evaluate(&s);
    let l = &r.lines;
    assert_close!(l.lost_earnings[0], 1_860_000.0);
    assert_close!(l.local_knock_on[0], 558_000.0);
    assert_close!(l.wellbeing[0], 585_000.0);
    assert_close!(l.exchequer_cost[0], 847_500.0);
    assert_close!(l.lost_earnings[1], 240_000.0);
    assert_close!(l.local_knock_on[1], 72_000.0);
    assert_eq!(l.wellbeing[1], 0.0);
    assert_close!(l.exchequer_cost[1], 60_000.0);
    assert_eq!(l.lost_earnings[2], 0.0);
    // SC = LE + LK + WB; NSV = NS − SC; EX = NS − XC (NS = 0 here).
    assert_close!(l.social_cost[0], 1_860_000.0 + 558_000.0 + 585_000.0);
    assert_close!(l.net_social_value[0], -3_003_000.0);
    assert_close!(l.exchequer_net[0], -847_500.0);
}

#[test]
fn long_unemployment_spans_several_years_and_scarring_stops_at_k() {
    // m = 30: u0 = 1, u1 = 1, u2 = 0.5, u3 = 0. K = 2, s = 0.1, D·W = 2.4m.
    // LE: 2.4m·1, 2.4m·1, 2.4m·0.5 (k = 2 is not scarred), then 0.
    let mut s = scenario(5);
    s.assumptions.months_out_of_work = Value::Point(30.0);
    s.job_moves.push(job_move(100.0, 2014));
    let l = evaluate(&s).lines;
    assert_close!(l.lost_earnings[0], 2_400_000.0);
    assert_close!(l.lost_earnings[1], 2_400_000.0);
    assert_close!(l.lost_earnings[2], 1_200_000.0);
    assert_eq!(l.lost_earnings[3], 0.0);
    // m = 18, K = 2: LE1 = 2.4m · (0.5 + 0.1 · 0.5) = 1.32m.
    let mut s = scenario(5);
    s.assumptions.months_out_of_work = Value::Point(18.0);
    s.job_moves.push(job_move(100.0, 2014));
    assert_close!(evaluate(&s).lines.lost_earnings[1], 1_320_000.0);
}

#[test]
fn redundancy_is_an_uplifted_department_cost_in_the_move_year() {
    // 300 jobs · 24,000 · 6/12 = 3.6m, uplifted by 10 % = 3.96m in 2015.
    let mut s = scenario(3);
    s.settings.optimism_bias.costs_uplift = Value::Point(0.1);
    let mut j = job_move(300.0, 2015);
    j.redundancy_months = Value::Point(6.0);
    s.job_moves.push(j);
    let l = evaluate(&s).lines;
    assert_eq!(l.department_costs[0], 0.0);
    assert_close!(l.department_costs[1], 3_960_000.0);
}

#[test]
fn an_items_own_local_multiplier_overrides_the_assumption() {
    // LK = (1.5 − 1) · 1,860,000 = 930,000.
    let mut s = scenario(2);
    let mut j = job_move(100.0, 2014);
    j.local_multiplier = Some(Value::Point(1.5));
    s.job_moves.push(j);
    assert_close!(evaluate(&s).lines.local_knock_on[0], 930_000.0);
}

#[test]
fn office_closures_one_offs_then_savings_and_access_costs_after_the_year() {
    // 2 offices closed in 2015: one-offs 2 · 400k + 20 · 8k = 960k in 2015;
    // from 2016: property savings 2 · 1.5m = 3m, public access 10k a year.
    // 150 jobs lost at 24k, multiplier 1.4: LE 2015 = 150·24k·0.775 = 2.79m.
    let mut s = scenario(4);
    s.office_closures.push(OfficeClosure {
        label: "sites".into(),
        offices: Value::Point(2.0),
        year: 2015,
        running_cost_per_office: Value::Point(1_500_000.0),
        closure_cost_per_office: Value::Point(400_000.0),
        jobs_lost: Value::Point(150.0),
        salary: Value::Point(24_000.0),
        staff_relocated: Value::Point(20.0),
        relocation_cost_per_person: Value::Point(8_000.0),
        public_access_cost: Value::Point(10_000.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: Some(Value::Point(1.4)),
        note: String::new(),
    });
    let l = evaluate(&s).lines;
    assert_eq!(l.department_costs, vec![0.0, 960_000.0, 0.0, 0.0]);
    assert_eq!(l.property_savings, vec![0.0, 0.0, 3_000_000.0, 3_000_000.0]);
    assert_eq!(l.public_access, vec![0.0, 0.0, 10_000.0, 10_000.0]);
    assert_close!(l.lost_earnings[1], 2_790_000.0);
    assert_close!(l.local_knock_on[1], 0.4 * 2_790_000.0);
    // The savings haircut applies to property savings too: 3m · 0.9 = 2.7m.
    s.settings.optimism_bias.savings_haircut = Value::Point(0.1);
    assert_close!(evaluate(&s).lines.property_savings[2], 2_700_000.0);
}

#[test]
fn data_risks_harm_and_regulatory_fines_in_live_years() {
    // 80,000 records, p = 0.01 (Uniform(0.005, 0.015) centre), 50 % exposed, £150 each:
    // DH = 0.01 · 80,000 · 0.5 · 150 = 60,000 a year; fine 0.01 · 500k = 5,000 a year
    // in department costs, live 2015–2016 only.
    let mut s = scenario(4);
    s.data_risks.push(DataRisk {
        label: "records".into(),
        records: Value::Point(80_000.0),
        from: 2015,
        to: Some(2016),
        annual_probability: Value::Uniform {
            low: 0.005,
            high: 0.015,
        },
        exposed_share: Value::Point(0.5),
        harm_per_record: Value::Point(150.0),
        regulatory_fine: Value::Point(500_000.0),
        note: String::new(),
    });
    let l = evaluate(&s).lines;
    assert_eq!(l.data_harm[0], 0.0);
    assert_close!(l.data_harm[1], 60_000.0);
    assert_close!(l.data_harm[2], 60_000.0);
    assert_eq!(l.data_harm[3], 0.0);
    assert_close!(l.department_costs[1], 5_000.0);
}

#[test]
fn central_values_are_mode_and_midpoint() {
    assert_eq!(
        Value::Tri {
            low: 1.0,
            mode: 2.0,
            high: 9.0
        }
        .central(),
        2.0
    );
    assert_eq!(
        Value::Pert {
            low: 1.0,
            mode: 3.0,
            high: 9.0
        }
        .central(),
        3.0
    );
    assert_eq!(
        Value::Uniform {
            low: 1.0,
            high: 9.0
        }
        .central(),
        5.0
    );
}

#[test]
fn payback_is_the_first_year_cumulative_stays_non_negative() {
    assert_eq!(payback(&[-5.0, -1.0, 2.0, 3.0]), Some(2));
    assert_eq!(payback(&[1.0, -1.0, 2.0, 3.0]), Some(2));
    assert_eq!(payback(&[1.0, 2.0]), Some(0));
    assert_eq!(payback(&[1.0, -2.0]), None);
    assert_eq!(payback(&[0.0]), Some(0));
}

#[test]
fn payback_year_claim_check_and_social_cost_per_pound() {
    // Undiscounted, 10 years from 2014. Savings £100m Spread(2014, 7) marked claim
    // (14.2857m a year 2014–2020), transition cost £15m in 2014.
    // NS: 2014 = −0.7143m, 2015–2020 = 14.2857m each, 2021–23 = 0.
    // Claim: claimed 100m over 2014–2020; modelled Σ NS 2014–2020 = 85m; ratio 0.85.
    // 100 jobs displaced 2014: SC 2014 = 3.003m, 2015 = 312k (LE 240k + LK 72k).
    // Cumulative NSV: 2014 = −0.7143 − 3.003 = −3.7173m (< 0); 2015 > 0 → payback 2015.
    // SC per £ = (3.003m + 0.312m) / 85m = 0.0390.
    let mut s = scenario(10);
    let mut claim = Flow::new(
        "claim",
        100e6,
        Profile::Spread {
            from: 2014,
            years: 7,
        },
    );
    claim.claim = true;
    s.savings.push(claim);
    s.costs.push(Flow::new("setup", 15e6, Profile::Once(2014)));
    s.job_moves.push(job_move(100.0, 2014));
    let r = evaluate(&s);
    let c = r.claim.expect("claim check");
    assert_close!(c.claimed, 100e6);
    assert_eq!((c.first_year, c.last_year), (2014, 2020));
    assert_close!(c.modelled_net_savings, 85e6);
    assert_close!(c.ratio.expect("ratio"), 0.85);
    assert_eq!(r.payback_year, Some(2015));
    assert_close!(r.npv.net_savings, 85e6);
    assert_close!(r.npv.social_cost, 3_315_000.0);
    assert_close!(
        r.social_cost_per_pound_saved.expect("ratio"),
        3_315_000.0 / 85e6
    );
    assert_close!(r.cash.net_social_value, 85e6 - 3_315_000.0);
}

#[test]
fn claim_check_is_null_without_claims_or_inside_the_horizon() {
    let mut s = scenario(3);
    s.savings
        .push(Flow::new("not a claim", 1.0, Profile::Once(2014)));
    assert!(evaluate(&s).claim.is_none());
    let mut f = Flow::new("late claim", 1.0, Profile::Once(2030));
    f.claim = true;
    s.savings.push(f);
    assert!(evaluate(&s).claim.is_none());
}

#[test]
fn claim_is_cut_at_the_horizon_and_taken_before_optimism_bias() {
    // £70m Spread over 7 years, horizon 5: claimed = 5 · 10m = 50m;
    // haircut 20 %: modelled = 40m; ratio 0.8.
    let mut s = scenario(5);
    s.settings.optimism_bias.savings_haircut = Value::Point(0.2);
    let mut f = Flow::new(
        "claim",
        70e6,
        Profile::Spread {
            from: 2014,
            years: 7,
        },
    );
    f.claim = true;
    s.savings.push(f);
    let c = evaluate(&s).claim.expect("claim");
    assert_close!(c.claimed, 50e6);
    assert_eq!(c.last_year, 2018);
    assert_close!(c.ratio.expect("ratio"), 0.8);
}

#[test]
fn social_cost_per_pound_is_null_unless_net_savings_are_positive() {
    let mut s = scenario(2);
    s.costs.push(Flow::new("c", 1.0, Profile::Once(2014)));
    assert!(evaluate(&s).social_cost_per_pound_saved.is_none());
}

#[test]
fn constant_discounting_discounts_each_line() {
    // NS of 105 in year 1 at 5 % → NPV 100.
    let mut s = Scenario::new("c", 2014, 2);
    s.settings.discounting = Discounting::Constant(Value::Point(0.05));
    s.savings.push(Flow::new("s", 105.0, Profile::Once(2015)));
    assert_close!(evaluate(&s).npv.net_savings, 100.0);
}

#[test]
fn everything_past_the_horizon_is_cut() {
    let mut s = scenario(2);
    s.savings.push(Flow::new(
        "late",
        1.0,
        Profile::Annual {
            from: 2015,
            to: Some(2030),
        },
    ));
    s.job_moves.push(job_move(10.0, 2016));
    let r = evaluate(&s);
    assert_eq!(r.lines.savings, vec![0.0, 1.0]);
    assert_eq!(r.lines.lost_earnings, vec![0.0, 0.0]);
    assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
}

#[test]
fn before_optimism_bias_adds_back_to_net_savings() {
    // Claim 70 over 7 years, other savings 7 a year, a closure saving 2 a
    // year from 2017, costs 10 in 2014; haircut 20 %, uplift 41 %.
    // Savings before haircut: claim 10 + other 7 a year; NS_t is then
    // 0.8 · (claim + other + property) + fines − 1.41 · costs.
    let mut s = scenario(10);
    let mut claim = Flow::new(
        "claim",
        70.0,
        Profile::Spread {
            from: 2014,
            years: 7,
        },
    );
    claim.claim = true;
    s.savings.push(claim);
    s.savings.push(Flow::new(
        "other",
        7.0,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    ));
    s.costs.push(Flow::new("set-up", 10.0, Profile::Once(2014)));
    s.office_closures.push(OfficeClosure {
        label: "office".into(),
        offices: Value::Point(1.0),
        year: 2016,
        running_cost_per_office: Value::Point(2.0),
        closure_cost_per_office: Value::Point(0.0),
        jobs_lost: Value::Point(0.0),
        salary: Value::Point(0.0),
        staff_relocated: Value::Point(0.0),
        relocation_cost_per_person: Value::Point(0.0),
        public_access_cost: Value::Point(0.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    });
    s.settings.optimism_bias.savings_haircut = Value::Point(0.2);
    s.settings.optimism_bias.costs_uplift = Value::Point(0.41);
    let plan = Plan::new(&s);
    let x = plan.central();
    let b = before_optimism_bias(&plan, &x);
    let r = evaluate(&s);
    assert_close!(b.claimed_savings[0], 10.0);
    assert_close!(b.claimed_savings[7], 0.0);
    assert_close!(b.other_savings[9], 7.0);
    assert_close!(b.property_savings[2], 0.0);
    assert_close!(b.property_savings[3], 2.0);
    assert_close!(b.department_costs[0], 10.0);
    for t in 0..10 {
        let ns = 0.8 * (b.claimed_savings[t] + b.other_savings[t] + b.property_savings[t])
            + r.lines.fines_received[t]
            - 1.41 * b.department_costs[t];
        assert_close!(r.lines.net_savings[t], ns);
    }
}

#[test]
fn reused_buffers_give_the_same_lines_as_fresh_ones() {
    // Regression: `Lines::clear` once missed local knock-on, so a second
    // evaluation into the same buffers added the first one's.
    let mut s = scenario(4);
    s.job_moves.push(job_move(100.0, 2014));
    s.savings.push(Flow::new(
        "s",
        1e6,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    ));
    let plan = Plan::new(&s);
    let x = plan.central();
    let mut reused = Lines::new(plan.horizon);
    for _ in 0..3 {
        compute(&plan, &x, &mut Expected, &mut reused);
    }
    let mut fresh = Lines::new(plan.horizon);
    compute(&plan, &x, &mut Expected, &mut fresh);
    assert_eq!(reused, fresh);
}

// ---- Model 2 ----

/// A closure of one office in `year` with `jobs` lost at £24,000.
fn closure(jobs: f64, year: i32) -> OfficeClosure {
    OfficeClosure {
        label: "office".into(),
        offices: Value::Point(1.0),
        year,
        running_cost_per_office: Value::Point(0.0),
        closure_cost_per_office: Value::Point(0.0),
        jobs_lost: Value::Point(jobs),
        salary: Value::Point(24_000.0),
        staff_relocated: Value::Point(0.0),
        relocation_cost_per_person: Value::Point(0.0),
        public_access_cost: Value::Point(0.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    }
}

/// No social cost from displacement, so transfers are easy to see.
fn no_displacement_harm(s: &mut Scenario) {
    s.assumptions.months_out_of_work = Value::Point(0.0);
    s.assumptions.wage_scarring = Value::Point(0.0);
}

#[test]
fn redundancy_on_a_closure_is_a_department_cost_and_a_transfer() {
    // 150 jobs lost at £24,000 with 6 months: 150 · 24,000 · 6 / 12 = 1.8m,
    // uplifted by 41 % = 2,538,000 in 2015: a department cost and a transfer,
    // so net social value is untouched by it (NS −2.538m + TR 2.538m = 0).
    let mut s = scenario(3);
    no_displacement_harm(&mut s);
    s.settings.optimism_bias.costs_uplift = Value::Point(0.41);
    let mut c = closure(150.0, 2015);
    c.redundancy_months = Value::Point(6.0);
    s.office_closures.push(c);
    let r = evaluate(&s);
    let l = &r.lines;
    assert_close!(l.department_costs[1], 2_538_000.0);
    assert_close!(l.net_savings[1], -2_538_000.0);
    assert_close!(l.transfers[1], 2_538_000.0);
    assert_close!(l.net_social_value[1], 0.0);
    assert_eq!(l.transfers[0], 0.0);
    assert_close!(r.npv.transfers, 2_538_000.0 / 1.0);
    // Redundancy pay is not the Exchequer's money: it stays in its view.
    assert_close!(l.exchequer_net[1], -2_538_000.0);
}

#[test]
fn civil_service_scheme_caps_months_and_holds_pay_between_floor_and_ceiling() {
    // Voluntary, 30 years' service: min(30, 21) = 21 months.
    //   100 jobs at £18,000 → pay floor £23,000: 100 · 23,000 · 21/12 = 4,025,000.
    // Compulsory, 30 years: min(30, 12) = 12 months.
    //   10 jobs at £200,000 → ceiling £149,820: 10 · 149,820 · 12/12 = 1,498,200.
    // Compulsory, 7 years: 7 months at £40,000 (inside): 10 · 40,000 · 7/12 = 233,333.33…
    let mut s = scenario(2);
    no_displacement_harm(&mut s);
    let scheme = |terms, years: f64| {
        Some(CivilService {
            terms,
            service_years: Value::Point(years),
        })
    };
    let mut a = job_move(100.0, 2014);
    a.salary = Value::Point(18_000.0);
    a.redundancy = scheme(Terms::Voluntary, 30.0);
    let mut b = job_move(10.0, 2015);
    b.salary = Value::Point(200_000.0);
    b.redundancy = scheme(Terms::Compulsory, 30.0);
    let mut c = closure(10.0, 2015);
    c.salary = Value::Point(40_000.0);
    c.redundancy = scheme(Terms::Compulsory, 7.0);
    s.job_moves = vec![a, b];
    s.office_closures.push(c);
    assert!(crate::scenario::validate(&s).is_empty());
    let l = evaluate(&s).lines;
    assert_close!(l.department_costs[0], 4_025_000.0);
    assert_close!(
        l.department_costs[1],
        1_498_200.0 + 10.0 * 40_000.0 * 7.0 / 12.0
    );
    assert_close!(l.transfers[1], 1_498_200.0 + 233_333.333_333_333_3);
    // Lost earnings still use the worker's own salary, not the scheme's floor:
    // with 12 months out of work, 100 · 18,000 = 1.8m in 2014.
    s.assumptions.months_out_of_work = Value::Point(12.0);
    assert_close!(evaluate(&s).lines.lost_earnings[0], 1_800_000.0);
}

#[test]
fn regulatory_fines_are_transfers_netted_out_of_both_uk_views() {
    // Fine 500,000 at p = 0.01 in 2015–2016: 5,000 a year in department costs
    // (NS −5,000), a transfer of 5,000 (NSV = −5,000 + 5,000 − data harm),
    // and in the Exchequer view EX = NS + RF − XC = 0.
    let mut s = scenario(3);
    s.data_risks.push(DataRisk {
        label: "records".into(),
        records: Value::Point(80_000.0),
        from: 2015,
        to: Some(2016),
        annual_probability: Value::Point(0.01),
        exposed_share: Value::Point(0.5),
        harm_per_record: Value::Point(150.0),
        regulatory_fine: Value::Point(500_000.0),
        note: String::new(),
    });
    // A fine paid to the supplier's side (ByAuthority contract penalty) is
    // not a transfer: the supplier is outside the appraisal.
    s.fines.push(Fine {
        label: "penalty".into(),
        amount: Value::Point(1_000.0),
        profile: Profile::Once(2016),
        probability: Value::Point(1.0),
        direction: Direction::ByAuthority,
        note: String::new(),
    });
    let l = evaluate(&s).lines;
    assert_close!(l.net_savings[1], -5_000.0);
    assert_close!(l.transfers[1], 5_000.0);
    assert_close!(l.net_social_value[1], -60_000.0);
    assert_close!(l.exchequer_net[1], 0.0);
    assert_close!(l.transfers[2], 5_000.0);
    assert_close!(l.exchequer_net[2], -1_000.0);
    assert_close!(l.net_social_value[2], -61_000.0);
}

#[test]
fn expected_values_are_the_means_of_each_form() {
    // Tri(1, 2, 9): 12/3 = 4. Pert(1, 3, 9): (1 + 12 + 9)/6 = 22/6. Uniform(1, 9): 5.
    assert_eq!(
        Value::Tri {
            low: 1.0,
            mode: 2.0,
            high: 9.0
        }
        .mean(),
        4.0
    );
    assert_close!(
        Value::Pert {
            low: 1.0,
            mode: 3.0,
            high: 9.0
        }
        .mean(),
        22.0 / 6.0
    );
    assert_eq!(
        Value::Uniform {
            low: 1.0,
            high: 9.0
        }
        .mean(),
        5.0
    );
    assert_eq!(Value::Point(7.0).mean(), 7.0);
    let tri = Value::Tri {
        low: 1.0,
        mode: 2.0,
        high: 9.0,
    };
    assert_eq!(tri.central_as(Central::Mode), 2.0);
    assert_eq!(tri.central_as(Central::Mean), 4.0);
}

#[test]
fn central_mean_gives_every_input_its_expected_value() {
    // Savings Tri(70m, 100m, 110m) Once(2014), claim: mean 280m/3 = 93.33m,
    // and the claim check's claimed amount follows it. Months out of work
    // default Tri(3, 9, 18): mean 10, so u_0 = 10/12; 100 jobs at £24,000,
    // scarring 0: LE = 2.4m · 10/12 = 2m (mode: 2.4m · 9/12 = 1.8m).
    let mut s = scenario(1);
    s.assumptions.wage_scarring = Value::Point(0.0);
    let mut f = Flow::new(
        "claim",
        Value::Tri {
            low: 70e6,
            mode: 100e6,
            high: 110e6,
        },
        Profile::Once(2014),
    );
    f.claim = true;
    s.savings.push(f);
    s.job_moves.push(job_move(100.0, 2014));
    let mode = evaluate(&s);
    assert_close!(mode.lines.savings[0], 100e6);
    assert_close!(mode.lines.lost_earnings[0], 1_800_000.0);
    s.settings.central = Central::Mean;
    let mean = evaluate(&s);
    assert_close!(mean.lines.savings[0], 280e6 / 3.0);
    assert_close!(mean.lines.lost_earnings[0], 2_000_000.0);
    assert_close!(mean.claim.map_or(0.0, |c| c.claimed), 280e6 / 3.0);
}

#[test]
fn readings_of_the_claim_over_the_claim_years() {
    // Green Book discounting, from 2014. Claim: 100 in 2014 and 2015
    // (Annual to 2015); cost 20 a year 2014–2016; a data risk's fine 4 a
    // year (p = 1, £4) and harm 6 a year; property savings 10 from 2015
    // (one office closed in 2014, running cost 10).
    // Claim years 2014–2015; claimed 200.
    //   gross   = (100 + 0) + (100 + 10) = 210            → 105 %
    //   net     = NS: 2014 100 − 20 − 4 = 76; 2015 110 − 24 = 86; 162 → 81 %
    //   NPV     = 76 + 86 / 1.035 = 159.0918…             → 79.5 %
    //   social  = NSV = NS + TR − SC: 76 + 4 − 6 = 74; 86 + 4 − 6 = 84; 158 → 79 %
    let mut s = Scenario::new("readings", 2014, 3);
    let mut f = Flow::new(
        "claim",
        100.0,
        Profile::Annual {
            from: 2014,
            to: Some(2015),
        },
    );
    f.claim = true;
    s.savings.push(f);
    s.costs.push(Flow::new(
        "cost",
        20.0,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    ));
    s.data_risks.push(DataRisk {
        label: "r".into(),
        records: Value::Point(6.0),
        from: 2014,
        to: None,
        annual_probability: Value::Point(1.0),
        exposed_share: Value::Point(1.0),
        harm_per_record: Value::Point(1.0),
        regulatory_fine: Value::Point(4.0),
        note: String::new(),
    });
    let mut c = closure(0.0, 2014);
    c.running_cost_per_office = Value::Point(10.0);
    s.office_closures.push(c);
    let claim = evaluate(&s).claim.expect("a claim");
    assert_eq!((claim.first_year, claim.last_year), (2014, 2015));
    assert_close!(claim.claimed, 200.0);
    let got: Vec<(Reading, f64, f64)> = claim
        .readings
        .iter()
        .map(|r| (r.reading, r.modelled, r.ratio.unwrap_or(f64::NAN)))
        .collect();
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), Reading::ALL);
    let want = [210.0, 162.0, 76.0 + 86.0 / 1.035, 158.0];
    for ((_, modelled, ratio), w) in got.iter().zip(want) {
        assert_close!(*modelled, w);
        assert_close!(*ratio, w / 200.0);
    }
    assert_close!(claim.modelled_net_savings, 162.0);
    assert_eq!(claim.ratio, claim.readings[1].ratio);
}

#[test]
fn a_claim_under_a_pound_has_no_ratio() {
    // Claimed £0.50: every ratio null. Claimed exactly £1: ratios present.
    let mut s = scenario(2);
    let mut f = Flow::new("tiny", 0.5, Profile::Once(2014));
    f.claim = true;
    s.savings.push(f);
    s.costs.push(Flow::new("cost", 1e6, Profile::Once(2014)));
    let c = evaluate(&s).claim.expect("a claim");
    assert!(c.ratio.is_none());
    assert!(c.readings.iter().all(|r| r.ratio.is_none()));
    s.savings[0].amount = Value::Point(1.0);
    let c = evaluate(&s).claim.expect("a claim");
    assert_close!(c.ratio.unwrap_or(0.0), 1.0 - 1e6);
    assert!(c.readings.iter().all(|r| r.ratio.is_some()));
}

#[test]
fn unemployed_share_is_the_clamped_months_left_in_each_year() {
    // 18 months: year 0 all of it, year 1 half, year 2 none; never below 0.
    assert_eq!(unemployed_share(18.0, 0), 1.0);
    assert_eq!(unemployed_share(18.0, 1), 0.5);
    assert_eq!(unemployed_share(18.0, 2), 0.0);
    assert_eq!(unemployed_share(9.0, 0), 0.75);
    assert_eq!(unemployed_share(0.0, 0), 0.0);
}

#[test]
fn net_social_value_is_net_savings_plus_transfers_less_social_cost_every_year() {
    // The identity NSV = NS + TR − SC on the model-2 example, which has
    // every kind of item and every model-2 field.
    let s = crate::scenario::load_path(std::path::Path::new("tests/data/model2_example.ron"))
        .expect("example loads")
        .scenario;
    let l = evaluate(&s).lines;
    for t in 0..l.horizon() {
        assert_close!(
            l.net_social_value[t],
            l.net_savings[t] + l.transfers[t] - l.social_cost[t]
        );
    }
}

#[test]
fn a_figure_past_what_a_float_holds_is_named_not_shown() {
    // Built in code, so the validator's bounds are not applied: 1e300 a year
    // doubling for 100 years overflows.
    let mut s = Scenario::new("Overflow", 2014, 100);
    let mut f = Flow::new(
        "Huge",
        1e300,
        Profile::Annual {
            from: 2014,
            to: None,
        },
    );
    f.growth = Value::Point(1.0);
    s.savings.push(f);
    let r = evaluate(&s);
    let named = r.first_non_finite().expect("not finite");
    assert!(named.starts_with("savings in 20"), "{named}");
    let fine = evaluate(&Scenario::new("Empty", 2014, 10));
    assert_eq!(fine.first_non_finite(), None);
}
