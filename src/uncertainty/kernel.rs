//! One Monte Carlo draw: sample every uncertain input, then evaluate the
//! model with fines and data risks as events.
//!
//! [`Kernel::draw`] is a specialisation of [`crate::model::compute`] for
//! speed: everything that does not depend on a sampled input — the year
//! shapes of flows (profile, growth, deflation), whole items whose inputs
//! are all points, the discount factors — is computed once, and a draw only
//! adds the uncertain parts into five yearly sums. It takes numbers from the
//! generator in the same order as `compute` with [`Bernoulli`] events, and
//! the tests hold the two to the same results within rounding
//! ([`Kernel::draw_reference`]).

use rand_pcg::Pcg64;

use super::sample::{Bernoulli, Sampler};
use crate::model::discount::fill_factors;
use crate::model::plan::{ClosurePlan, DisplacedPlan, FlowPlan, P};
#[cfg(test)]
use crate::model::{Lines, compute};
use crate::model::{Plan, Totals, flow_value, live_years};

/// The five yearly sums a draw fills, in one buffer (one copy a draw);
/// net savings, social cost and the Exchequer's figures follow from them.
#[derive(Clone, Debug)]
struct Sums {
    h: usize,
    all: Vec<f64>,
}

/// The sums, by name: savings and property savings before the haircut;
/// costs that optimism bias uplifts, before the uplift; fines received less
/// fines and regulatory fines paid; social cost; the Exchequer's cost.
struct SumsMut<'a> {
    savings: &'a mut [f64],
    uplifted: &'a mut [f64],
    fines: &'a mut [f64],
    social_cost: &'a mut [f64],
    exchequer_cost: &'a mut [f64],
}

impl Sums {
    fn zero(h: usize) -> Self {
        Self {
            h,
            all: vec![0.0; 5 * h],
        }
    }

    fn parts(&mut self) -> SumsMut<'_> {
        let (savings, rest) = self.all.split_at_mut(self.h);
        let (uplifted, rest) = rest.split_at_mut(self.h);
        let (fines, rest) = rest.split_at_mut(self.h);
        let (social_cost, exchequer_cost) = rest.split_at_mut(self.h);
        SumsMut {
            savings,
            uplifted,
            fines,
            social_cost,
            exchequer_cost,
        }
    }
}

/// A flow whose amount is sampled but whose year shape is fixed.
#[derive(Clone, Debug)]
struct ScaledShape {
    amount: P,
    /// Savings (true) or uplifted costs.
    saving: bool,
    first: usize,
    shape: Vec<f64>,
}

/// A fine: its event years and the share of the amount in each.
#[derive(Clone, Debug)]
struct FineEvents {
    amount: P,
    probability: P,
    /// +1 received from the supplier, −1 paid.
    sign: f64,
    /// `(t, profile weight)` for the live years, when the weights are fixed.
    years: Option<Vec<(usize, f64)>>,
    /// Index into `plan.fines` (for weights that depend on sampled shares).
    index: usize,
}

/// A plan prepared for drawing.
pub struct Kernel<'p> {
    plan: &'p Plan,
    /// The uncertain parameters and their samplers, in parameter order (the
    /// order in which they take numbers from the generator).
    uncertain: Vec<(usize, Sampler)>,
    central: Vec<f64>,
    /// Everything that is the same in every draw.
    base: Sums,
    scaled: Vec<ScaledShape>,
    /// Flows whose shape depends on a sampled input: (is saving, flow).
    dynamic_flows: Vec<(bool, &'p FlowPlan)>,
    dynamic_closures: Vec<&'p ClosurePlan>,
    dynamic_displaced: Vec<&'p DisplacedPlan>,
    fines: Vec<FineEvents>,
    /// Fixed discount factors, or `None` when the constant rate is sampled.
    discount: Option<Vec<f64>>,
}

/// A thread's buffers, reused for every draw.
pub struct Workspace {
    x: Vec<f64>,
    sums: Sums,
    discount: Vec<f64>,
    cumulative: Vec<f64>,
    unemployment: Unemployment,
    #[cfg(test)]
    lines: Lines,
}

impl Workspace {
    /// Buffers for `kernel`'s plan.
    #[must_use]
    pub fn new(kernel: &Kernel<'_>) -> Self {
        let h = kernel.plan.horizon;
        Self {
            x: kernel.central.clone(),
            sums: Sums::zero(h),
            discount: kernel.discount.clone().unwrap_or_else(|| vec![0.0; h]),
            cumulative: vec![0.0; h],
            unemployment: Unemployment::new(h),
            #[cfg(test)]
            lines: Lines::new(h),
        }
    }

    /// Cumulative discounted net social value of the last draw, by year.
    #[must_use]
    pub fn cumulative(&self) -> &[f64] {
        &self.cumulative
    }

    /// The parameter values of the last draw.
    #[cfg(test)]
    pub fn inputs(&self) -> &[f64] {
        &self.x
    }
}

impl<'p> Kernel<'p> {
    /// Prepares `plan`.
    #[must_use]
    pub fn new(plan: &'p Plan) -> Self {
        let h = plan.horizon;
        let samplers: Vec<Sampler> = plan.params.iter().map(|p| Sampler::new(&p.value)).collect();
        let varies = |p: P| !samplers[p].is_constant();
        let uncertain = samplers
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_constant())
            .map(|(i, s)| (i, s.clone()))
            .collect();
        let central = plan.central();
        let x = &central;
        let mut base = Sums::zero(h);
        let mut scaled = Vec::new();
        let mut dynamic_flows = Vec::new();
        let shares_vary = |p: &crate::model::plan::ProfilePlan| match p {
            crate::model::plan::ProfilePlan::Custom { shares, .. } => {
                shares.iter().any(|&s| varies(s))
            }
            _ => false,
        };
        for (saving, flows) in [(true, &plan.savings), (false, &plan.costs)] {
            for f in flows {
                let shape_varies = varies(f.growth)
                    || (f.nominal && varies(plan.inflation))
                    || shares_vary(&f.profile);
                if shape_varies {
                    dynamic_flows.push((saving, f));
                    continue;
                }
                if varies(f.amount) {
                    let mut unit = central.clone();
                    unit[f.amount] = 1.0;
                    let years = live_years(&f.profile, h);
                    let first = years.start.max(0) as usize;
                    let shape: Vec<f64> = years
                        .map(|t| flow_value(f, t, &unit, unit[plan.inflation], plan.price_base))
                        .collect();
                    scaled.push(ScaledShape {
                        amount: f.amount,
                        saving,
                        first,
                        shape,
                    });
                } else {
                    let b = base.parts();
                    add_flow(plan, f, x, if saving { b.savings } else { b.uplifted });
                }
            }
        }
        let mut dynamic_closures = Vec::new();
        for c in &plan.closures {
            let all = [
                c.offices,
                c.running_cost_per_office,
                c.closure_cost_per_office,
                c.staff_relocated,
                c.relocation_cost_per_person,
                c.public_access_cost,
            ];
            if all.iter().any(|&p| varies(p)) {
                dynamic_closures.push(c);
            } else {
                add_closure(c, x, &mut base.parts());
            }
        }
        let a = &plan.assumptions;
        let shared = [
            a.months_out_of_work,
            a.wage_scarring,
            a.wellbeing_loss,
            a.wellby_value,
            a.exchequer_tax_rate,
            a.benefit_per_year,
        ]
        .iter()
        .any(|&p| varies(p));
        let mut dynamic_displaced = Vec::new();
        let mut central_unemployment = Unemployment::new(h);
        central_unemployment.fill(plan, x);
        for g in &plan.displaced {
            let own = [g.workers, g.salary, g.local_multiplier]
                .into_iter()
                .chain(g.redundancy_months)
                .any(varies);
            if shared || own {
                dynamic_displaced.push(g);
            } else {
                add_displaced(plan, g, x, &central_unemployment, &mut base.parts());
            }
        }
        let fines = plan
            .fines
            .iter()
            .enumerate()
            .map(|(index, f)| FineEvents {
                amount: f.amount,
                probability: f.probability,
                sign: if f.from_supplier { 1.0 } else { -1.0 },
                years: (!shares_vary(&f.profile)).then(|| {
                    live_years(&f.profile, h)
                        .map(|t| (t as usize, f.profile.weight(t, x)))
                        .filter(|&(_, w)| w != 0.0)
                        .collect()
                }),
                index,
            })
            .collect();
        let discount = match plan.discount_rate {
            Some(r) if varies(r) => None,
            Some(r) => {
                let mut df = vec![0.0; h];
                fill_factors(&plan.discounting, x[r], &mut df);
                Some(df)
            }
            None => Some(plan.fixed_factors.clone()),
        };
        Self {
            plan,
            uncertain,
            central,
            base,
            scaled,
            dynamic_flows,
            dynamic_closures,
            dynamic_displaced,
            fines,
            discount,
        }
    }

    /// One draw: the four headline NPVs; the cumulative discounted net
    /// social value by year stays in `ws`.
    pub fn draw(&self, rng: &mut Pcg64, ws: &mut Workspace) -> Totals {
        let plan = self.plan;
        let h = plan.horizon;
        let x = &mut ws.x;
        for &(i, ref s) in &self.uncertain {
            x[i] = s.sample(rng);
        }
        let x = &ws.x;
        ws.sums.all.copy_from_slice(&self.base.all);
        let sums = &mut ws.sums.parts();
        for s in &self.scaled {
            let a = x[s.amount];
            let target = if s.saving {
                &mut sums.savings
            } else {
                &mut sums.uplifted
            };
            for (v, w) in target[s.first..].iter_mut().zip(&s.shape) {
                *v += a * w;
            }
        }
        for &(saving, f) in &self.dynamic_flows {
            let target = if saving {
                &mut sums.savings
            } else {
                &mut sums.uplifted
            };
            add_flow(plan, f, x, target);
        }
        for c in &self.dynamic_closures {
            add_closure(c, x, sums);
        }
        if !self.dynamic_displaced.is_empty() {
            ws.unemployment.fill(plan, x);
            for g in &self.dynamic_displaced {
                add_displaced(plan, g, x, &ws.unemployment, sums);
            }
        }

        // Events, in compute's order: fines, then data risks, year by year.
        let mut events = Bernoulli::new(rng);
        for f in &self.fines {
            let amount = x[f.amount] * f.sign;
            if amount == 0.0 {
                continue;
            }
            let p = x[f.probability];
            if let Some(years) = &f.years {
                events.each(years.len(), p, |i, hit| {
                    let (t, w) = years[i];
                    sums.fines[t] += hit * amount * w;
                });
            } else {
                let fp = &plan.fines[f.index];
                for t in live_years(&fp.profile, h) {
                    let w = fp.profile.weight(t, x);
                    if w != 0.0 && events.hit(p) {
                        sums.fines[t as usize] += amount * w;
                    }
                }
            }
        }
        for r in &plan.data_risks {
            let harm = x[r.records] * x[r.exposed_share] * x[r.harm_per_record];
            let fine = x[r.regulatory_fine];
            let p = x[r.annual_probability];
            let end = r.to.map_or(h as i64, |to| (to + 1).min(h as i64));
            let from = r.from.max(0);
            if end > from {
                let from = from as usize;
                let (social, fines) = (&mut sums.social_cost, &mut sums.fines);
                events.each(end as usize - from, p, |i, hit| {
                    social[from + i] += hit * harm;
                    fines[from + i] -= hit * fine;
                });
            }
        }

        let discount = match self.discount {
            Some(ref df) => df,
            None => {
                if let Some(r) = plan.discount_rate {
                    fill_factors(&plan.discounting, x[r], &mut ws.discount);
                }
                &ws.discount
            }
        };
        let keep = 1.0 - x[plan.savings_haircut];
        let uplift = 1.0 + x[plan.costs_uplift];
        let mut totals = Totals::default();
        let mut cumulative = 0.0;
        for t in 0..h {
            let df = discount[t];
            let ns = keep * sums.savings[t] + sums.fines[t] - uplift * sums.uplifted[t];
            let sc = sums.social_cost[t];
            let nsv = ns - sc;
            totals.net_savings += df * ns;
            totals.social_cost += df * sc;
            totals.exchequer_net += df * (ns - sums.exchequer_cost[t]);
            cumulative += df * nsv;
            ws.cumulative[t] = cumulative;
        }
        totals.net_social_value = cumulative;
        totals
    }

    /// The same draw as [`Kernel::draw`], through the model's own `compute`.
    #[cfg(test)]
    pub fn draw_reference(&self, rng: &mut Pcg64, ws: &mut Workspace) -> Totals {
        for &(i, ref s) in &self.uncertain {
            ws.x[i] = s.sample(rng);
        }
        compute(self.plan, &ws.x, &mut Bernoulli::new(rng), &mut ws.lines);
        let l = &ws.lines;
        ws.cumulative
            .copy_from_slice(&l.cumulative_discounted_net_social_value);
        Totals {
            net_savings: l.npv(&l.net_savings),
            social_cost: l.npv(&l.social_cost),
            net_social_value: l.npv(&l.net_social_value),
            exchequer_net: l.npv(&l.exchequer_net),
        }
    }
}

/// A flow's value in each live year, before optimism bias.
fn add_flow(plan: &Plan, f: &FlowPlan, x: &[f64], out: &mut [f64]) {
    let inflation = x[plan.inflation];
    for t in live_years(&f.profile, plan.horizon) {
        out[t as usize] += flow_value(f, t, x, inflation, plan.price_base);
    }
}

/// An office closure's one-offs, property savings and public-access cost.
fn add_closure(c: &ClosurePlan, x: &[f64], out: &mut SumsMut<'_>) {
    let h = out.savings.len();
    if c.year < 0 || c.year >= h as i64 {
        return;
    }
    let y = c.year as usize;
    let offices = x[c.offices];
    out.uplifted[y] += offices * x[c.closure_cost_per_office]
        + x[c.staff_relocated] * x[c.relocation_cost_per_person];
    let running = offices * x[c.running_cost_per_office];
    let access = x[c.public_access_cost];
    for t in y + 1..h {
        out.savings[t] += running;
        out.social_cost[t] += access;
    }
}

/// The share of each year after displacement spent out of work, `u_k`, and
/// the share of pay lost, `u_k + s · (1 − u_k) · [k < K]` (MODEL.md "Social
/// cost"): the same for every group, so computed once a draw.
#[derive(Clone, Debug, Default)]
struct Unemployment {
    /// Years affected: entries past it are not used.
    years: usize,
    unemployed: Vec<f64>,
    lost: Vec<f64>,
}

impl Unemployment {
    fn new(h: usize) -> Self {
        Self {
            years: 0,
            unemployed: vec![0.0; h],
            lost: vec![0.0; h],
        }
    }

    fn fill(&mut self, plan: &Plan, x: &[f64]) {
        let a = &plan.assumptions;
        let months = x[a.months_out_of_work];
        let scarring = x[a.wage_scarring];
        let scarring_years = a.scarring_years as usize;
        self.years = 0;
        for (k, (u, l)) in self.unemployed.iter_mut().zip(&mut self.lost).enumerate() {
            let unemployed = ((months - 12.0 * k as f64) / 12.0).clamp(0.0, 1.0);
            let scarred = k < scarring_years;
            if unemployed == 0.0 && !scarred {
                break;
            }
            let scar = if scarred {
                scarring * (1.0 - unemployed)
            } else {
                0.0
            };
            *u = unemployed;
            *l = unemployed + scar;
            self.years = k + 1;
        }
    }
}

/// One group of displaced workers, as `model::displaced_workers` computes it.
fn add_displaced(
    plan: &Plan,
    g: &DisplacedPlan,
    x: &[f64],
    u: &Unemployment,
    out: &mut SumsMut<'_>,
) {
    let h = plan.horizon;
    if g.year < 0 || g.year >= h as i64 {
        return;
    }
    let y = g.year as usize;
    let a = &plan.assumptions;
    let wellbeing_per_year = x[a.wellbeing_loss] * x[a.wellby_value];
    let tax = x[a.exchequer_tax_rate];
    let benefit = x[a.benefit_per_year];
    let workers = x[g.workers];
    let pay = workers * x[g.salary];
    if let Some(rm) = g.redundancy_months {
        out.uplifted[y] += pay * x[rm] / 12.0;
    }
    let multiplier = x[g.local_multiplier];
    let years = u.years.min(h - y);
    let social = (pay * multiplier, workers * wellbeing_per_year);
    let exchequer = (pay * tax, workers * benefit);
    for (((sc, xc), lost), unemployed) in out.social_cost[y..y + years]
        .iter_mut()
        .zip(&mut out.exchequer_cost[y..y + years])
        .zip(&u.lost)
        .zip(&u.unemployed)
    {
        *sc += social.0 * lost + social.1 * unemployed;
        *xc += exchequer.0 * lost + exchequer.1 * unemployed;
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample::block_rng;
    use super::*;
    use crate::scenario::{Discounting, Profile, Value, load_path};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    /// Every draw of the fast kernel equals `compute`'s within rounding,
    /// year by year, using the same numbers from the generator.
    fn fast_equals_reference(plan: &Plan) {
        let k = Kernel::new(plan);
        let (mut a, mut b) = (Workspace::new(&k), Workspace::new(&k));
        let (mut ra, mut rb) = (block_rng(3, 5), block_rng(3, 5));
        for _ in 0..2000 {
            let fast = k.draw(&mut ra, &mut a);
            let slow = k.draw_reference(&mut rb, &mut b);
            assert_eq!(a.inputs(), b.inputs());
            for (f, s) in [
                (fast.net_savings, slow.net_savings),
                (fast.social_cost, slow.social_cost),
                (fast.net_social_value, slow.net_social_value),
                (fast.exchequer_net, slow.exchequer_net),
            ] {
                assert!(close(f, s), "{fast:?} != {slow:?}");
            }
            for (f, s) in a.cumulative().iter().zip(b.cumulative()) {
                assert!(close(*f, *s), "{f} != {s}");
            }
        }
    }

    fn example(path: &str) -> crate::scenario::Scenario {
        load_path(std::path::Path::new(path))
            .expect("test data loads")
            .scenario
    }

    #[test]
    fn fast_kernel_matches_compute_on_the_format_example() {
        fast_equals_reference(&Plan::new(&example("tests/data/format_example.ron")));
    }

    #[test]
    fn fast_kernel_matches_compute_on_the_benchmark_scenario() {
        fast_equals_reference(&Plan::new(&example("benches/data/large.ron")));
    }

    /// Sampled growth, inflation, shares, discount rate and closure inputs
    /// take the kernel's slow paths.
    #[test]
    fn fast_kernel_matches_compute_when_shapes_are_sampled() {
        let mut s = example("benches/data/large.ron");
        s.settings.discounting = Discounting::Constant(Value::Uniform {
            low: 0.01,
            high: 0.05,
        });
        s.settings.inflation = Value::Uniform {
            low: 0.0,
            high: 0.04,
        };
        s.savings[2].growth = Value::Tri {
            low: -0.02,
            mode: 0.0,
            high: 0.03,
        };
        s.costs[1].profile = Profile::Custom {
            from: 2026,
            shares: vec![
                Value::Uniform {
                    low: 0.2,
                    high: 0.8,
                },
                Value::Point(0.5),
            ],
        };
        s.fines[0].profile = s.costs[1].profile.clone();
        s.office_closures[0].offices = Value::Uniform {
            low: 1.0,
            high: 3.0,
        };
        s.job_moves[0].salary = Value::Uniform {
            low: 20_000.0,
            high: 30_000.0,
        };
        fast_equals_reference(&Plan::new(&s));
    }
}
