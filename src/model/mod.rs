//! The calculation of model 2 (docs/methodology.md): a pure function from a
//! validated scenario to yearly lines and headline results. No I/O, no egui.
//!
//! [`Plan`] compiles the scenario once; [`compute`] fills [`Lines`] for one
//! set of parameter values, reusing its buffers, so the tornado and
//! break-even run the very same arithmetic as the main result. Monte Carlo
//! runs a specialisation of it, built for speed (`uncertainty::kernel`),
//! which its tests hold to `compute` within rounding.

pub mod correlation;
pub mod discount;
pub mod not_finite;
pub mod plan;

pub use not_finite::non_finite_cause;
pub use plan::{Param, Plan};

use crate::scenario::{Scenario, Severity, validate};
use plan::{FlowPlan, ProfilePlan};

/// How fines and data risks happen: as expectations (the main result) or as
/// events drawn in each live year (Monte Carlo).
pub trait Events {
    /// The multiple of an event's amount that happens, given its probability.
    fn weight(&mut self, probability: f64) -> f64;
}

/// The deterministic result: every event counts as probability × amount.
pub struct Expected;

impl Events for Expected {
    #[inline]
    fn weight(&mut self, probability: f64) -> f64 {
        probability
    }
}

/// The model's number (docs/methodology.md): reports and exports say which
/// method made their figures.
pub const MODEL: u32 = 2;

/// Every line of the model, one value per year `t = 0 .. H−1`, in pounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lines {
    pub discount_factor: Vec<f64>,
    pub savings: Vec<f64>,
    pub property_savings: Vec<f64>,
    pub fines_received: Vec<f64>,
    pub department_costs: Vec<f64>,
    pub net_savings: Vec<f64>,
    pub lost_earnings: Vec<f64>,
    pub local_knock_on: Vec<f64>,
    pub wellbeing: Vec<f64>,
    pub data_harm: Vec<f64>,
    pub public_access: Vec<f64>,
    pub social_cost: Vec<f64>,
    /// Transfers inside the UK the department pays (model 2): redundancy
    /// pay, uplifted, and regulatory fines. In net savings; added back in
    /// net social value.
    pub transfers: Vec<f64>,
    pub net_social_value: Vec<f64>,
    pub exchequer_cost: Vec<f64>,
    pub exchequer_net: Vec<f64>,
    pub cumulative_discounted_net_social_value: Vec<f64>,
    /// Costs that optimism bias uplifts (cost flows, redundancy, closure
    /// one-offs, relocation), before the uplift.
    uplifted_costs: Vec<f64>,
    /// Department costs not uplifted (fines paid, regulatory fines).
    other_costs: Vec<f64>,
    /// Redundancy pay before the uplift (inside `uplifted_costs`).
    redundancy: Vec<f64>,
    /// Regulatory fines on data risks (inside `other_costs`): `RF_t`.
    regulatory_fines: Vec<f64>,
}

impl Lines {
    /// Buffers for a horizon of `h` years.
    #[must_use]
    pub fn new(h: usize) -> Self {
        let z = || vec![0.0; h];
        Self {
            discount_factor: z(),
            savings: z(),
            property_savings: z(),
            fines_received: z(),
            department_costs: z(),
            net_savings: z(),
            lost_earnings: z(),
            local_knock_on: z(),
            wellbeing: z(),
            data_harm: z(),
            public_access: z(),
            social_cost: z(),
            transfers: z(),
            net_social_value: z(),
            exchequer_cost: z(),
            exchequer_net: z(),
            cumulative_discounted_net_social_value: z(),
            uplifted_costs: z(),
            other_costs: z(),
            redundancy: z(),
            regulatory_fines: z(),
        }
    }

    /// Zeroes every line. The destructuring names every field, so a line
    /// added later cannot be forgotten here (a missed one once leaked
    /// local knock-on from one Monte Carlo draw into the next).
    fn clear(&mut self) {
        let Self {
            discount_factor: _,
            savings,
            property_savings,
            fines_received,
            department_costs,
            net_savings,
            lost_earnings,
            local_knock_on,
            wellbeing,
            data_harm,
            public_access,
            social_cost,
            transfers,
            net_social_value,
            exchequer_cost,
            exchequer_net,
            cumulative_discounted_net_social_value,
            uplifted_costs,
            other_costs,
            redundancy,
            regulatory_fines,
        } = self;
        for v in [
            savings,
            property_savings,
            fines_received,
            department_costs,
            net_savings,
            lost_earnings,
            local_knock_on,
            wellbeing,
            data_harm,
            public_access,
            social_cost,
            transfers,
            net_social_value,
            exchequer_cost,
            exchequer_net,
            cumulative_discounted_net_social_value,
            uplifted_costs,
            other_costs,
            redundancy,
            regulatory_fines,
        ] {
            v.fill(0.0);
        }
    }

    /// Number of years.
    #[must_use]
    pub fn horizon(&self) -> usize {
        self.savings.len()
    }

    /// `Σ DF_t · x_t`.
    #[must_use]
    pub fn npv(&self, x: &[f64]) -> f64 {
        self.discount_factor.iter().zip(x).map(|(d, v)| d * v).sum()
    }
}

/// The value of a flow in year offset `t`, before optimism bias: the profile's
/// share of the amount, grown, and deflated if nominal.
#[inline]
pub(crate) fn flow_value(f: &FlowPlan, t: i64, x: &[f64], inflation: f64, price_base: i64) -> f64 {
    let w = f.profile.weight(t, x);
    if w == 0.0 {
        return 0.0;
    }
    let mut v = x[f.amount] * w;
    // Nothing stays nothing: a zero amount deflated over a thousand years
    // of falling prices was 0 / 0 (found by tests/limits_property.rs).
    if v == 0.0 {
        return 0.0;
    }
    let g = x[f.growth];
    if g != 0.0 {
        v *= (1.0 + g).powi((t - f.profile.first()) as i32);
    }
    if f.nominal {
        v /= (1.0 + inflation).powi((t - price_base) as i32);
    }
    v
}

/// The year offsets `0..h` a profile can touch.
pub(crate) fn live_years(p: &ProfilePlan, h: usize) -> std::ops::Range<i64> {
    let (from, to) = p.span();
    let end = to.map_or(h as i64, |to| (to + 1).min(h as i64));
    from.max(0)..end.max(from.max(0))
}

/// Fills `out` with every line for parameter values `x` (one per
/// `plan.params`), counting fines and data risks through `events`.
pub fn compute<E: Events>(plan: &Plan, x: &[f64], events: &mut E, out: &mut Lines) {
    let h = plan.horizon;
    if out.horizon() != h {
        *out = Lines::new(h);
    }
    out.clear();
    match plan.discount_rate {
        Some(r) => discount::fill_factors(&plan.discounting, x[r], &mut out.discount_factor),
        None => out.discount_factor.copy_from_slice(&plan.fixed_factors),
    }
    let inflation = x[plan.inflation];
    let uplift = x[plan.costs_uplift];
    let haircut = x[plan.savings_haircut];

    for f in &plan.savings {
        for t in live_years(&f.profile, h) {
            out.savings[t as usize] += flow_value(f, t, x, inflation, plan.price_base);
        }
    }
    for f in &plan.costs {
        for t in live_years(&f.profile, h) {
            out.uplifted_costs[t as usize] += flow_value(f, t, x, inflation, plan.price_base);
        }
    }
    for f in &plan.fines {
        let amount = x[f.amount];
        let p = x[f.probability];
        for t in live_years(&f.profile, h) {
            let a = amount * f.profile.weight(t, x);
            if a == 0.0 {
                continue;
            }
            let v = events.weight(p) * a;
            if f.from_supplier {
                out.fines_received[t as usize] += v;
            } else {
                out.other_costs[t as usize] += v;
            }
        }
    }
    for c in &plan.closures {
        if c.year < 0 || c.year >= h as i64 {
            continue;
        }
        let y = c.year as usize;
        let offices = x[c.offices];
        out.uplifted_costs[y] += offices * x[c.closure_cost_per_office]
            + x[c.staff_relocated] * x[c.relocation_cost_per_person];
        let running = offices * x[c.running_cost_per_office];
        let access = x[c.public_access_cost];
        for t in y + 1..h {
            out.property_savings[t] += running;
            out.public_access[t] += access;
        }
    }
    displaced_workers(plan, x, out);
    for r in &plan.data_risks {
        let harm = x[r.records] * x[r.exposed_share] * x[r.harm_per_record];
        let fine = x[r.regulatory_fine];
        let p = x[r.annual_probability];
        let end = r.to.map_or(h as i64, |to| (to + 1).min(h as i64));
        for t in r.from.max(0)..end {
            let w = events.weight(p);
            out.data_harm[t as usize] += w * harm;
            out.other_costs[t as usize] += w * fine;
            out.regulatory_fines[t as usize] += w * fine;
        }
    }

    let mut cumulative = 0.0;
    for t in 0..h {
        out.savings[t] *= 1.0 - haircut;
        out.property_savings[t] *= 1.0 - haircut;
        out.department_costs[t] = (1.0 + uplift) * out.uplifted_costs[t] + out.other_costs[t];
        out.net_savings[t] = out.savings[t] + out.property_savings[t] + out.fines_received[t]
            - out.department_costs[t];
        out.social_cost[t] = out.lost_earnings[t]
            + out.local_knock_on[t]
            + out.wellbeing[t]
            + out.data_harm[t]
            + out.public_access[t];
        out.transfers[t] = (1.0 + uplift) * out.redundancy[t] + out.regulatory_fines[t];
        out.net_social_value[t] = out.net_savings[t] + out.transfers[t] - out.social_cost[t];
        out.exchequer_net[t] = out.net_savings[t] + out.regulatory_fines[t] - out.exchequer_cost[t];
        cumulative += out.discount_factor[t] * out.net_social_value[t];
        out.cumulative_discounted_net_social_value[t] = cumulative;
    }
}

/// The share of year `k` after displacement (k = 0 is the year itself)
/// spent out of work, for `months` out of work:
/// `u_k = clamp((m − 12k) / 12, 0, 1)`. The one definition the model and
/// the Monte Carlo kernel both use.
#[inline]
#[must_use]
pub fn unemployed_share(months: f64, k: usize) -> f64 {
    ((months - 12.0 * k as f64) / 12.0).clamp(0.0, 1.0)
}

/// Lost earnings, local knock-on, wellbeing and the Exchequer's cost for
/// every group of displaced workers, and redundancy pay (docs/methodology.md
/// "Social cost").
fn displaced_workers(plan: &Plan, x: &[f64], out: &mut Lines) {
    let h = plan.horizon as i64;
    let a = &plan.assumptions;
    let months = x[a.months_out_of_work];
    let scarring = x[a.wage_scarring];
    let scarring_years = i64::from(a.scarring_years);
    let wellbeing_per_year = x[a.wellbeing_loss] * x[a.wellby_value];
    let tax = x[a.exchequer_tax_rate];
    let benefit = x[a.benefit_per_year];
    for g in &plan.displaced {
        if g.year < 0 || g.year >= h {
            continue;
        }
        let workers = x[g.workers];
        let salary = x[g.salary];
        let redundancy = g.redundancy.pay(workers, salary, x[g.redundancy.input()]);
        out.uplifted_costs[g.year as usize] += redundancy;
        out.redundancy[g.year as usize] += redundancy;
        let knock_on = x[g.local_multiplier] - 1.0;
        let mut k = 0i64;
        while g.year + k < h {
            let unemployed = unemployed_share(months, k as usize);
            let scarred = k < scarring_years;
            if unemployed == 0.0 && !scarred {
                break;
            }
            let scar = if scarred {
                scarring * (1.0 - unemployed)
            } else {
                0.0
            };
            let lost = workers * salary * (unemployed + scar);
            let t = (g.year + k) as usize;
            out.lost_earnings[t] += lost;
            out.local_knock_on[t] += knock_on * lost;
            out.wellbeing[t] += workers * unemployed * wellbeing_per_year;
            out.exchequer_cost[t] += tax * lost + workers * unemployed * benefit;
            k += 1;
        }
    }
}

/// NPV or cash totals of the four headline lines.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub net_savings: f64,
    pub social_cost: f64,
    /// Transfers inside the UK (model 2).
    pub transfers: f64,
    pub net_social_value: f64,
    pub exchequer_net: f64,
}

/// One way of reading a claim (model 2): what it might count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Savings before any cost: `Σ S_t + PS_t`.
    Gross,
    /// Savings less the department's costs: `Σ NS_t` (the claim check).
    Net,
    /// The same, discounted: `Σ DF_t · NS_t`.
    NetPresentValue,
    /// What the UK keeps once social cost is counted: `Σ NSV_t`.
    NetSocial,
}

impl Reading {
    /// Every reading, in the order reports list them.
    pub const ALL: [Reading; 4] = [
        Reading::Gross,
        Reading::Net,
        Reading::NetPresentValue,
        Reading::NetSocial,
    ];

    /// The key in the JSON report.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Reading::Gross => "gross",
            Reading::Net => "net",
            Reading::NetPresentValue => "net_present_value",
            Reading::NetSocial => "net_social",
        }
    }

    /// How a sentence says it: "as gross savings".
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Reading::Gross => "as gross savings",
            Reading::Net => "as net savings",
            Reading::NetPresentValue => "as a present value",
            Reading::NetSocial => "once social cost is counted",
        }
    }
}

/// A reading's modelled figure over the claim years, and its ratio to the claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimReading {
    pub reading: Reading,
    pub modelled: f64,
    /// `modelled / claimed`; `None` when |claimed| < £1.
    pub ratio: Option<f64>,
}

/// The department's claim against what the model says it delivers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimCheck {
    /// The claim flows' central amounts, profiled, cut at the horizon, before optimism bias.
    pub claimed: f64,
    pub first_year: i32,
    pub last_year: i32,
    /// Undiscounted net savings over the claim years.
    pub modelled_net_savings: f64,
    /// `modelled / claimed`; `None` when |claimed| < £1 (model 2: a ratio to
    /// a rounding error is no ratio).
    pub ratio: Option<f64>,
    /// Each reading of the claim, in [`Reading::ALL`] order (model 2).
    pub readings: [ClaimReading; 4],
}

/// Everything the report, the app and the charts show.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub start_year: i32,
    pub lines: Lines,
    pub npv: Totals,
    pub cash: Totals,
    /// First year from which cumulative discounted NSV stays at or above zero.
    pub payback_year: Option<i32>,
    /// NPV(SC) / NPV(NS), when NPV(NS) is £1 or more (a ratio to less is not
    /// meaningful).
    pub social_cost_per_pound_saved: Option<f64>,
    pub claim: Option<ClaimCheck>,
    pub warnings: Vec<String>,
}

impl Results {
    /// The first figure that is not a finite number, named as the report
    /// names it with its year ("social cost in 2016"), or `None` when every
    /// figure is finite. The validator's bounds should make this `None` for
    /// every valid file; callers refuse to show results when it is not,
    /// rather than print `inf` or `NaN`.
    #[must_use]
    pub fn first_non_finite(&self) -> Option<String> {
        let (name, t) = self.first_non_finite_at()?;
        Some(match t {
            Some(t) => format!("{name} in {}", self.year(t)),
            None => "the totals".to_owned(),
        })
    }

    /// The first line that is not finite and the offset of its year, or
    /// (`None` for the year) a total; `None` when every figure is finite.
    #[must_use]
    pub fn first_non_finite_at(&self) -> Option<(&'static str, Option<usize>)> {
        let l = &self.lines;
        let named: [(&'static str, &[f64]); 11] = [
            ("savings", &l.savings),
            ("property savings", &l.property_savings),
            ("fines received", &l.fines_received),
            ("department costs", &l.department_costs),
            ("net savings", &l.net_savings),
            ("social cost", &l.social_cost),
            ("transfers", &l.transfers),
            ("net social value", &l.net_social_value),
            ("Exchequer cost", &l.exchequer_cost),
            ("Exchequer net", &l.exchequer_net),
            (
                "cumulative discounted net social value",
                &l.cumulative_discounted_net_social_value,
            ),
        ];
        for (name, v) in named {
            if let Some(t) = v.iter().position(|x| !x.is_finite()) {
                return Some((name, Some(t)));
            }
        }
        let totals = [self.npv, self.cash];
        totals
            .iter()
            .flat_map(|t| {
                [
                    t.net_savings,
                    t.social_cost,
                    t.transfers,
                    t.net_social_value,
                    t.exchequer_net,
                ]
            })
            .any(|x| !x.is_finite())
            .then_some(("totals", None))
    }

    /// Calendar year of offset `t`.
    #[must_use]
    pub fn year(&self, t: usize) -> i32 {
        self.start_year.saturating_add(t as i32)
    }
}

/// The main (central) result of a scenario, with its warnings.
#[must_use]
pub fn evaluate(s: &Scenario) -> Results {
    let plan = Plan::new(s);
    let x = plan.central();
    let mut results = results_for(&plan, &x);
    results.warnings = validate(s)
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message)
        .collect();
    results
}

/// Results for parameter values `x`, with events as expectations.
#[must_use]
pub fn results_for(plan: &Plan, x: &[f64]) -> Results {
    let mut lines = Lines::new(plan.horizon);
    compute(plan, x, &mut Expected, &mut lines);
    let totals = |f: &dyn Fn(&[f64]) -> f64| Totals {
        net_savings: f(&lines.net_savings),
        social_cost: f(&lines.social_cost),
        transfers: f(&lines.transfers),
        net_social_value: f(&lines.net_social_value),
        exchequer_net: f(&lines.exchequer_net),
    };
    let npv = totals(&|v| lines.npv(v));
    let cash = totals(&|v| v.iter().sum());
    let payback_year = payback(&lines.cumulative_discounted_net_social_value)
        .map(|t| plan.start_year.saturating_add(t as i32));
    // A ratio to less than £1 of savings is no ratio: 1e-320 of savings
    // would make it infinite (docs/methodology.md).
    let social_cost_per_pound_saved =
        (npv.net_savings >= 1.0).then(|| npv.social_cost / npv.net_savings);
    let claim = claim_check(plan, x, &lines);
    Results {
        start_year: plan.start_year,
        lines,
        npv,
        cash,
        payback_year,
        social_cost_per_pound_saved,
        claim,
        warnings: Vec::new(),
    }
}

/// NPV of net social value for parameter values `x` (tornado, break-even).
#[must_use]
pub fn npv_net_social_value(plan: &Plan, x: &[f64], lines: &mut Lines) -> f64 {
    compute(plan, x, &mut Expected, lines);
    lines.npv(&lines.net_social_value)
}

/// Department lines before optimism bias, one value per year, in pounds: the
/// pieces of the waterfall chart that runs from the claim to net savings.
///
/// `claimed_savings + other_savings` is savings before the haircut;
/// `department_costs` is before the uplift (fines paid and regulatory fines
/// included). Net savings are then
/// `claimed + other + property + fines received − costs + optimism bias`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BeforeOptimismBias {
    /// Savings flows marked `claim: true`.
    pub claimed_savings: Vec<f64>,
    /// Savings flows not marked as the claim.
    pub other_savings: Vec<f64>,
    pub property_savings: Vec<f64>,
    pub department_costs: Vec<f64>,
}

/// The department lines for parameter values `x` before optimism bias (see
/// [`BeforeOptimismBias`]), with events as expectations.
#[must_use]
pub fn before_optimism_bias(plan: &Plan, x: &[f64]) -> BeforeOptimismBias {
    let h = plan.horizon;
    let mut lines = Lines::new(h);
    compute(plan, x, &mut Expected, &mut lines);
    let inflation = x[plan.inflation];
    let mut out = BeforeOptimismBias {
        claimed_savings: vec![0.0; h],
        other_savings: vec![0.0; h],
        property_savings: vec![0.0; h],
        department_costs: lines
            .uplifted_costs
            .iter()
            .zip(&lines.other_costs)
            .map(|(u, o)| u + o)
            .collect(),
    };
    for f in &plan.savings {
        let line = if f.claim {
            &mut out.claimed_savings
        } else {
            &mut out.other_savings
        };
        for t in live_years(&f.profile, h) {
            line[t as usize] += flow_value(f, t, x, inflation, plan.price_base);
        }
    }
    for c in &plan.closures {
        if c.year < 0 || c.year >= h as i64 {
            continue;
        }
        let running = x[c.offices] * x[c.running_cost_per_office];
        for v in &mut out.property_savings[c.year as usize + 1..] {
            *v += running;
        }
    }
    out
}

/// The first offset from which `cumulative` stays ≥ 0 to the end.
#[must_use]
pub fn payback(cumulative: &[f64]) -> Option<usize> {
    let mut first = None;
    for (t, c) in cumulative.iter().enumerate().rev() {
        if *c >= 0.0 {
            first = Some(t);
        } else {
            break;
        }
    }
    first
}

fn claim_check(plan: &Plan, x: &[f64], lines: &Lines) -> Option<ClaimCheck> {
    let inflation = x[plan.inflation];
    let mut claimed = 0.0;
    let mut touched: Option<(usize, usize)> = None;
    for f in plan.savings.iter().filter(|f| f.claim) {
        for t in live_years(&f.profile, plan.horizon) {
            let v = flow_value(f, t, x, inflation, plan.price_base);
            if v != 0.0 {
                claimed += v;
                let t = t as usize;
                touched = Some(touched.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
            }
        }
    }
    let (first, last) = touched?;
    let years = first..=last;
    let ratio = |modelled: f64| (claimed.abs() >= 1.0).then(|| modelled / claimed);
    let readings = Reading::ALL.map(|reading| {
        let modelled: f64 = match reading {
            Reading::Gross => years
                .clone()
                .map(|t| lines.savings[t] + lines.property_savings[t])
                .sum(),
            Reading::Net => lines.net_savings[years.clone()].iter().sum(),
            Reading::NetPresentValue => years
                .clone()
                .map(|t| lines.discount_factor[t] * lines.net_savings[t])
                .sum(),
            Reading::NetSocial => lines.net_social_value[years.clone()].iter().sum(),
        };
        ClaimReading {
            reading,
            modelled,
            ratio: ratio(modelled),
        }
    });
    let modelled = readings[1].modelled;
    Some(ClaimCheck {
        claimed,
        first_year: plan.start_year.saturating_add(first as i32),
        last_year: plan.start_year.saturating_add(last as i32),
        modelled_net_savings: modelled,
        ratio: ratio(modelled),
        readings,
    })
}

#[cfg(test)]
mod tests;
