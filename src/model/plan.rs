//! A scenario compiled for evaluation: every `Value` becomes a numbered
//! parameter, every year becomes an offset from the start year. The same
//! plan is evaluated with central values (the main result), with Monte Carlo
//! draws, or with one input moved (tornado, break-even) — without allocating.

use crate::scenario::{Central, CivilService, Direction, Discounting, Profile, Scenario, Value};

/// Index of a parameter in [`Plan::params`].
pub type P = usize;

/// One uncertain-or-not input of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// As `solve --input` names it: `savings[0].amount`.
    pub path: String,
    /// For people, as the editor names it: "Savings 1. Back-office savings — amount".
    pub label: String,
    pub value: Value,
}

/// A profile with years as offsets `t` from the start year (may be negative
/// or past the horizon; evaluation only looks inside it).
#[derive(Clone, Debug, PartialEq)]
pub enum ProfilePlan {
    Once(i64),
    Annual {
        from: i64,
        to: Option<i64>,
    },
    Spread {
        from: i64,
        years: u32,
    },
    Ramp {
        from: i64,
        years: u32,
        to: Option<i64>,
    },
    Custom {
        from: i64,
        shares: Vec<P>,
    },
}

impl ProfilePlan {
    /// First year offset of the profile (growth counts from it).
    #[must_use]
    pub fn first(&self) -> i64 {
        match *self {
            ProfilePlan::Once(y) => y,
            ProfilePlan::Annual { from, .. }
            | ProfilePlan::Spread { from, .. }
            | ProfilePlan::Ramp { from, .. }
            | ProfilePlan::Custom { from, .. } => from,
        }
    }

    /// The multiple of the amount that falls in year offset `t` (docs/methodology.md
    /// "Profiles"): 1 for `Once`/`Annual`, `1/years` for `Spread`, and so on.
    #[must_use]
    pub fn weight(&self, t: i64, params: &[f64]) -> f64 {
        match *self {
            ProfilePlan::Once(y) => f64::from(u8::from(t == y)),
            ProfilePlan::Annual { from, to } => {
                f64::from(u8::from(t >= from && to.is_none_or(|to| t <= to)))
            }
            ProfilePlan::Spread { from, years } => {
                if t >= from && t < from + i64::from(years) {
                    1.0 / f64::from(years)
                } else {
                    0.0
                }
            }
            ProfilePlan::Ramp { from, years, to } => {
                if t >= from && to.is_none_or(|to| t <= to) {
                    ((t - from + 1) as f64 / f64::from(years)).min(1.0)
                } else {
                    0.0
                }
            }
            ProfilePlan::Custom { from, ref shares } => {
                if t >= from {
                    shares.get((t - from) as usize).map_or(0.0, |&p| params[p])
                } else {
                    0.0
                }
            }
        }
    }

    /// The first and last year offsets the profile can touch (`None` = open).
    #[must_use]
    pub fn span(&self) -> (i64, Option<i64>) {
        match *self {
            ProfilePlan::Once(y) => (y, Some(y)),
            ProfilePlan::Annual { from, to } | ProfilePlan::Ramp { from, to, .. } => (from, to),
            ProfilePlan::Spread { from, years } => (from, Some(from + i64::from(years) - 1)),
            ProfilePlan::Custom { from, ref shares } => {
                (from, Some(from + shares.len() as i64 - 1))
            }
        }
    }
}

/// A savings or cost flow.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowPlan {
    pub amount: P,
    pub profile: ProfilePlan,
    pub growth: P,
    pub nominal: bool,
    pub claim: bool,
}

/// A contract fine.
#[derive(Clone, Debug, PartialEq)]
pub struct FinePlan {
    pub amount: P,
    pub profile: ProfilePlan,
    pub probability: P,
    pub from_supplier: bool,
}

/// A group of displaced workers (a job move, or an office closure's jobs lost).
#[derive(Clone, Debug, PartialEq)]
pub struct DisplacedPlan {
    pub workers: P,
    pub salary: P,
    /// Year offset of displacement.
    pub year: i64,
    /// The item's own local multiplier, else the assumption's.
    pub local_multiplier: P,
    pub redundancy: RedundancyPlan,
}

/// How a group's redundancy pay is worked out (docs/methodology.md,
/// "Redundancy").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RedundancyPlan {
    /// The item's own `redundancy_months` (the parameter).
    Months(P),
    /// The Civil Service Compensation Scheme (model 2): one month's pay per
    /// year of service (the parameter), at most `cap` months, on pay held
    /// between the scheme's floor and ceiling.
    Scheme { service_years: P, cap: f64 },
}

impl RedundancyPlan {
    /// The sampled input the pay depends on besides workers and salary.
    #[must_use]
    pub fn input(self) -> P {
        match self {
            RedundancyPlan::Months(p)
            | RedundancyPlan::Scheme {
                service_years: p, ..
            } => p,
        }
    }

    /// Redundancy pay of `workers` on `salary`, given the value of
    /// [`RedundancyPlan::input`]: `D · W · months / 12`.
    #[inline]
    #[must_use]
    pub fn pay(self, workers: f64, salary: f64, input: f64) -> f64 {
        match self {
            RedundancyPlan::Months(_) => workers * salary * input / 12.0,
            RedundancyPlan::Scheme { cap, .. } => {
                let pay = salary.clamp(CivilService::PAY_FLOOR, CivilService::PAY_CEILING);
                workers * pay * input.min(cap) / 12.0
            }
        }
    }
}

/// An office closure's department and public-access lines.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosurePlan {
    pub offices: P,
    pub year: i64,
    pub running_cost_per_office: P,
    pub closure_cost_per_office: P,
    pub staff_relocated: P,
    pub relocation_cost_per_person: P,
    pub public_access_cost: P,
}

/// A data risk.
#[derive(Clone, Debug, PartialEq)]
pub struct DataRiskPlan {
    pub records: P,
    pub from: i64,
    pub to: Option<i64>,
    pub annual_probability: P,
    pub exposed_share: P,
    pub harm_per_record: P,
    pub regulatory_fine: P,
}

/// Displaced-worker assumptions as parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct AssumptionsPlan {
    pub months_out_of_work: P,
    pub wage_scarring: P,
    pub scarring_years: u32,
    pub wellbeing_loss: P,
    pub wellby_value: P,
    pub exchequer_tax_rate: P,
    pub benefit_per_year: P,
}

/// The compiled scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub params: Vec<Param>,
    pub start_year: i32,
    pub horizon: usize,
    /// `price_base_year − start_year`.
    pub price_base: i64,
    pub discounting: Discounting,
    /// The parameter of `Constant(r)`, if discounting is constant.
    pub discount_rate: Option<P>,
    /// Discount factors when they do not depend on a parameter.
    pub fixed_factors: Vec<f64>,
    pub inflation: P,
    pub costs_uplift: P,
    pub savings_haircut: P,
    /// Which value of each input [`Plan::central`] gives (model 2).
    pub central_as: Central,
    pub assumptions: AssumptionsPlan,
    pub savings: Vec<FlowPlan>,
    pub costs: Vec<FlowPlan>,
    pub fines: Vec<FinePlan>,
    pub displaced: Vec<DisplacedPlan>,
    pub closures: Vec<ClosurePlan>,
    pub data_risks: Vec<DataRiskPlan>,
    /// Rank correlations between uncertain inputs, for Monte Carlo only
    /// (model 2); `None` when the scenario gives none. Pairs whose paths are
    /// not inputs are left out (the validator reports them).
    pub correlated: Option<super::correlation::Correlated>,
}

impl Plan {
    /// Compiles a (validated) scenario.
    #[must_use]
    pub fn new(s: &Scenario) -> Self {
        let mut b = Builder { params: Vec::new() };
        let st = &s.settings;
        let start = i64::from(st.start_year);
        let off = |y: i32| i64::from(y) - start;
        let inflation = b.add(
            "settings.inflation",
            "Inflation (nominal flows)",
            st.inflation,
        );
        let costs_uplift = b.add(
            "settings.optimism_bias.costs_uplift",
            "Optimism bias — costs uplift",
            st.optimism_bias.costs_uplift,
        );
        let savings_haircut = b.add(
            "settings.optimism_bias.savings_haircut",
            "Optimism bias — savings haircut",
            st.optimism_bias.savings_haircut,
        );
        let discount_rate = match st.discounting {
            Discounting::Constant(r) => Some(b.add("settings.discounting", "Discount rate", r)),
            _ => None,
        };
        let horizon = st.horizon_years as usize;
        let fixed_factors = super::discount::factors(&st.discounting, 0.0, horizon);
        let a = &s.assumptions;
        let assumptions = AssumptionsPlan {
            months_out_of_work: b.add(
                "assumptions.months_out_of_work",
                "Months out of work",
                a.months_out_of_work,
            ),
            wage_scarring: b.add(
                "assumptions.wage_scarring",
                "Wage scarring",
                a.wage_scarring,
            ),
            scarring_years: a.scarring_years,
            wellbeing_loss: b.add(
                "assumptions.wellbeing_loss",
                "Wellbeing loss",
                a.wellbeing_loss,
            ),
            wellby_value: b.add(
                "assumptions.wellby_value",
                "Value of a WELLBY",
                a.wellby_value,
            ),
            exchequer_tax_rate: b.add(
                "assumptions.exchequer_tax_rate",
                "Exchequer tax rate",
                a.exchequer_tax_rate,
            ),
            benefit_per_year: b.add(
                "assumptions.benefit_per_year",
                "Benefit per year",
                a.benefit_per_year,
            ),
        };
        let local_multiplier = b.add(
            "assumptions.local_multiplier",
            "Local multiplier",
            a.local_multiplier,
        );

        let flows =
            |b: &mut Builder, list: &str, flows: &[crate::scenario::Flow]| -> Vec<FlowPlan> {
                flows
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let path = format!("{list}[{i}]");
                        FlowPlan {
                            amount: b.add(&format!("{path}.amount"), &f.label, f.amount),
                            profile: b.profile(&path, &f.label, &f.profile, start),
                            growth: b.add(&format!("{path}.growth"), &f.label, f.growth),
                            nominal: f.nominal,
                            claim: f.claim,
                        }
                    })
                    .collect()
            };
        let savings = flows(&mut b, "savings", &s.savings);
        let costs = flows(&mut b, "costs", &s.costs);
        let fines = s
            .fines
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let path = format!("fines[{i}]");
                FinePlan {
                    amount: b.add(&format!("{path}.amount"), &f.label, f.amount),
                    profile: b.profile(&path, &f.label, &f.profile, start),
                    probability: b.add(&format!("{path}.probability"), &f.label, f.probability),
                    from_supplier: f.direction == Direction::FromSupplier,
                }
            })
            .collect();
        let mut displaced = Vec::new();
        for (i, j) in s.job_moves.iter().enumerate() {
            let path = format!("job_moves[{i}]");
            let p = |f: &str| format!("{path}.{f}");
            displaced.push(DisplacedPlan {
                workers: b.add(&p("jobs"), &j.label, j.jobs),
                year: off(j.year),
                salary: b.add(&p("salary"), &j.label, j.salary),
                redundancy: b.redundancy(
                    &path,
                    &j.label,
                    &j.redundancy_months,
                    j.redundancy.as_ref(),
                ),
                local_multiplier: match j.local_multiplier {
                    Some(m) => b.add(&p("local_multiplier"), &j.label, m),
                    None => local_multiplier,
                },
            });
        }
        let mut closures = Vec::new();
        for (i, c) in s.office_closures.iter().enumerate() {
            let path = format!("office_closures[{i}]");
            let p = |f: &str| format!("{path}.{f}");
            closures.push(ClosurePlan {
                offices: b.add(&p("offices"), &c.label, c.offices),
                year: off(c.year),
                running_cost_per_office: b.add(
                    &p("running_cost_per_office"),
                    &c.label,
                    c.running_cost_per_office,
                ),
                closure_cost_per_office: b.add(
                    &p("closure_cost_per_office"),
                    &c.label,
                    c.closure_cost_per_office,
                ),
                staff_relocated: b.add(&p("staff_relocated"), &c.label, c.staff_relocated),
                relocation_cost_per_person: b.add(
                    &p("relocation_cost_per_person"),
                    &c.label,
                    c.relocation_cost_per_person,
                ),
                public_access_cost: b.add(&p("public_access_cost"), &c.label, c.public_access_cost),
            });
            displaced.push(DisplacedPlan {
                workers: b.add(&p("jobs_lost"), &c.label, c.jobs_lost),
                year: off(c.year),
                salary: b.add(&p("salary"), &c.label, c.salary),
                redundancy: b.redundancy(
                    &path,
                    &c.label,
                    &c.redundancy_months,
                    c.redundancy.as_ref(),
                ),
                local_multiplier: match c.local_multiplier {
                    Some(m) => b.add(&p("local_multiplier"), &c.label, m),
                    None => local_multiplier,
                },
            });
        }
        let data_risks = s
            .data_risks
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let path = format!("data_risks[{i}]");
                let p = |f: &str| format!("{path}.{f}");
                DataRiskPlan {
                    records: b.add(&p("records"), &r.label, r.records),
                    from: off(r.from),
                    to: r.to.map(off),
                    annual_probability: b.add(
                        &p("annual_probability"),
                        &r.label,
                        r.annual_probability,
                    ),
                    exposed_share: b.add(&p("exposed_share"), &r.label, r.exposed_share),
                    harm_per_record: b.add(&p("harm_per_record"), &r.label, r.harm_per_record),
                    regulatory_fine: b.add(&p("regulatory_fine"), &r.label, r.regulatory_fine),
                }
            })
            .collect();
        let find = |path: &str| b.params.iter().position(|p| p.path == path);
        let pairs: Vec<(P, P, f64)> = s
            .correlations
            .iter()
            .filter_map(|c| Some((find(&c.a)?, find(&c.b)?, c.rank)))
            .collect();
        Plan {
            correlated: super::correlation::Correlated::new(&pairs),
            params: b.params,
            start_year: st.start_year,
            horizon,
            price_base: i64::from(st.price_base_year) - start,
            discounting: st.discounting,
            discount_rate,
            fixed_factors,
            inflation,
            costs_uplift,
            savings_haircut,
            central_as: st.central,
            assumptions,
            savings,
            costs,
            fines,
            displaced,
            closures,
            data_risks,
        }
    }

    /// Every parameter at its central value: the mode or the mean, as
    /// `settings.central` says.
    #[must_use]
    pub fn central(&self) -> Vec<f64> {
        self.params
            .iter()
            .map(|p| p.value.central_as(self.central_as))
            .collect()
    }

    /// The parameter named `path`, if there is one.
    #[must_use]
    pub fn find(&self, path: &str) -> Option<P> {
        self.params.iter().position(|p| p.path == path)
    }
}

impl Plan {
    /// A measure of one Monte Carlo draw's work: every item's years inside
    /// the horizon (one at least), closures twice (their running costs and
    /// public access run on), plus one a year for the yearly totals. The
    /// time a run takes is close to this times the draws (docs/benchmarks.md,
    /// "Worst case"), which is what bounds the draws a file may ask for.
    #[must_use]
    pub fn work_per_draw(&self) -> u64 {
        let h = self.horizon;
        let years = |r: std::ops::Range<i64>| ((r.end - r.start).max(0) as u64).max(1);
        let after = |y: i64| ((h as i64 - y).clamp(1, h.max(1) as i64)) as u64;
        let flows = self
            .savings
            .iter()
            .chain(&self.costs)
            .map(|f| years(super::live_years(&f.profile, h)))
            .sum::<u64>();
        let fines = self
            .fines
            .iter()
            .map(|f| years(super::live_years(&f.profile, h)))
            .sum::<u64>();
        let closures = self.closures.iter().map(|c| 2 * after(c.year)).sum::<u64>();
        let displaced = self.displaced.iter().map(|d| after(d.year)).sum::<u64>();
        let risks = self
            .data_risks
            .iter()
            .map(|r| {
                let end = r.to.map_or(h as i64, |to| (to + 1).min(h as i64));
                years(r.from.max(0)..end)
            })
            .sum::<u64>();
        flows + fines + closures + displaced + risks + h as u64
    }
}

struct Builder {
    params: Vec<Param>,
}

impl Builder {
    /// A parameter at `path`, named for people as the editor names it
    /// from the path and its item's `label` ("Savings 1. Back office —
    /// amount"); outside the lists the label is not used.
    fn add(&mut self, path: &str, label: &str, value: Value) -> P {
        self.params.push(Param {
            path: path.to_owned(),
            label: crate::scenario::names::path_words(path, label),
            value,
        });
        self.params.len() - 1
    }

    /// An item's redundancy: its months, or the scheme's years of service.
    fn redundancy(
        &mut self,
        path: &str,
        label: &str,
        months: &Value,
        scheme: Option<&CivilService>,
    ) -> RedundancyPlan {
        match scheme {
            Some(r) => RedundancyPlan::Scheme {
                service_years: self.add(
                    &format!("{path}.redundancy.service_years"),
                    label,
                    r.service_years,
                ),
                cap: r.terms.cap_months(),
            },
            None => RedundancyPlan::Months(self.add(
                &format!("{path}.redundancy_months"),
                label,
                *months,
            )),
        }
    }

    fn profile(&mut self, path: &str, label: &str, p: &Profile, start: i64) -> ProfilePlan {
        let off = |y: i32| i64::from(y) - start;
        match p {
            Profile::Once(y) => ProfilePlan::Once(off(*y)),
            Profile::Annual { from, to } => ProfilePlan::Annual {
                from: off(*from),
                to: to.map(off),
            },
            Profile::Spread { from, years } => ProfilePlan::Spread {
                from: off(*from),
                years: *years,
            },
            Profile::Ramp { from, years, to } => ProfilePlan::Ramp {
                from: off(*from),
                years: *years,
                to: to.map(off),
            },
            Profile::Custom { from, shares } => ProfilePlan::Custom {
                from: off(*from),
                shares: shares
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.add(&format!("{path}.profile.shares[{i}]"), label, *v))
                    .collect(),
            },
        }
    }
}
