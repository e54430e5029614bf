//! One Monte Carlo draw: sample every uncertain input, then evaluate the
//! model with fines and data risks as events.
//!
//! [`Kernel::draws`] is a specialisation of [`crate::model::compute`] for
//! speed: everything that does not depend on a sampled input — the year
//! shapes of flows (profile, growth, deflation), whole items whose inputs
//! are all points, the discount factors — is computed once, and a draw only
//! adds the uncertain parts into five yearly sums. It takes numbers from the
//! generator in the same order as `compute` with [`Bernoulli`] events, and
//! the tests hold the two to the same results within rounding
//! ([`Kernel::draws_reference`]).

use rand_pcg::Pcg64;

use super::sample::{Bernoulli, Sampler};
use crate::model::discount::fill_factors;
use crate::model::plan::{ClosurePlan, DisplacedPlan, FlowPlan, P};
#[cfg(test)]
use crate::model::{Lines, compute};
use crate::model::{Plan, Totals, flow_value, live_years};

/// The yearly sums a draw fills, in one buffer (one copy a draw); net
/// savings, social cost and the Exchequer's figures follow from them.
#[derive(Clone, Debug)]
struct Sums {
    h: usize,
    all: Vec<f64>,
}

/// Sections of [`Sums`] in the buffer.
const SECTIONS: usize = 10;

/// The sums, by name.
struct SumsMut<'a> {
    /// Savings before the optimism-bias haircut.
    savings: &'a mut [f64],
    /// Costs that optimism bias uplifts, before the uplift.
    uplifted: &'a mut [f64],
    /// Fines received less fines and regulatory fines paid.
    fines: &'a mut [f64],
    social_cost: &'a mut [f64],
    exchequer_cost: &'a mut [f64],
    /// Amounts that recur in every year from this one on (property savings,
    /// public-access cost after a closure): added up in the final pass.
    savings_from: &'a mut [f64],
    social_cost_from: &'a mut [f64],
    /// Displaced workers by year of displacement: Σ pay · multiplier, Σ pay,
    /// Σ workers (every group shares the unemployment shares).
    pay_times_multiplier: &'a mut [f64],
    pay: &'a mut [f64],
    workers: &'a mut [f64],
}

impl Sums {
    fn zero(h: usize) -> Self {
        Self {
            h,
            all: vec![0.0; SECTIONS * h],
        }
    }

    fn parts(&mut self) -> SumsMut<'_> {
        let mut it = self.all.chunks_exact_mut(self.h.max(1));
        let mut next = || it.next().unwrap_or_default();
        SumsMut {
            savings: next(),
            uplifted: next(),
            fines: next(),
            social_cost: next(),
            exchequer_cost: next(),
            savings_from: next(),
            social_cost_from: next(),
            pay_times_multiplier: next(),
            pay: next(),
            workers: next(),
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
    /// Closures and displaced groups with a sampled input, inside the
    /// horizon, in runs of the same year (summed in registers, not through
    /// one memory cell per item).
    dynamic_closures: Vec<(usize, Vec<&'p ClosurePlan>)>,
    dynamic_displaced: Vec<(usize, Vec<&'p DisplacedPlan>)>,
    fines: Vec<FineEvents>,
    /// Fixed discount factors, or `None` when the constant rate is sampled.
    discount: Option<Vec<f64>>,
}

/// Draws whose inputs are sampled together, one input at a time (a tight
/// loop per input instead of a dispatch per number). Part of what a seed
/// means: the generator's numbers go to the inputs in this order.
pub const BATCH: usize = 32;

/// A thread's buffers, reused for every draw.
pub struct Workspace {
    /// Inputs of a batch of draws, draw by draw (`BATCH` rows of every parameter).
    xs: Vec<f64>,
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
            xs: kernel.central.repeat(BATCH),
            sums: Sums::zero(h),
            discount: kernel.discount.clone().unwrap_or_else(|| vec![0.0; h]),
            cumulative: vec![0.0; h],
            unemployment: Unemployment::new(h),
            #[cfg(test)]
            lines: Lines::new(h),
        }
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
                add_displaced(g, x, &mut base.parts());
            }
        }
        spread_displaced(plan, x, &central_unemployment, &mut base.parts(), 0..h);
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
            dynamic_closures: by_year(dynamic_closures, |c| c.year, h),
            dynamic_displaced: by_year(dynamic_displaced, |g| g.year, h),
            fines,
            discount,
        }
    }

    /// `count` draws in a row from `rng`: `f` gets each draw's four
    /// headline NPVs, its cumulative discounted net social value by year and
    /// its inputs.
    pub fn draws(
        &self,
        rng: &mut Pcg64,
        ws: &mut Workspace,
        count: usize,
        mut f: impl FnMut(&Totals, &[f64], &[f64]),
    ) {
        let p = self.central.len();
        let mut xs = std::mem::take(&mut ws.xs);
        let mut done = 0;
        while done < count {
            let n = BATCH.min(count - done);
            self.sample_batch(rng, &mut xs, n);
            for x in xs.chunks_exact(p.max(1)).take(n) {
                let t = self.evaluate(x, rng, ws);
                f(&t, &ws.cumulative, x);
            }
            done += n;
        }
        ws.xs = xs;
    }

    /// Samples every uncertain input of the first `n` rows of `xs`, input
    /// by input.
    fn sample_batch(&self, rng: &mut Pcg64, xs: &mut [f64], n: usize) {
        let p = self.central.len();
        for &(i, ref s) in &self.uncertain {
            // (`chunks_mut` rather than `step_by`, which did not inline.)
            let column = xs[i..].chunks_mut(p).take(n).filter_map(<[f64]>::first_mut);
            s.fill(rng, column);
        }
    }

    /// One draw with inputs `x`; fines and data risks as events from `rng`.
    fn evaluate(&self, x: &[f64], rng: &mut Pcg64, ws: &mut Workspace) -> Totals {
        let plan = self.plan;
        let h = plan.horizon;
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
        for (y, run) in &self.dynamic_closures {
            let [one_off, running, access] = sum_by_fours(run, |c| {
                let offices = x[c.offices];
                [
                    offices * x[c.closure_cost_per_office]
                        + x[c.staff_relocated] * x[c.relocation_cost_per_person],
                    offices * x[c.running_cost_per_office],
                    x[c.public_access_cost],
                ]
            });
            sums.uplifted[*y] += one_off;
            if y + 1 < h {
                sums.savings_from[y + 1] += running;
                sums.social_cost_from[y + 1] += access;
            }
        }
        if !self.dynamic_displaced.is_empty() {
            ws.unemployment.fill(plan, x);
            for (y, run) in &self.dynamic_displaced {
                let [redundancy, pay_m, pay, workers] = sum_by_fours(run, |g| {
                    let workers = x[g.workers];
                    let pay = workers * x[g.salary];
                    [
                        g.redundancy_months.map_or(0.0, |rm| pay * x[rm] / 12.0),
                        pay * x[g.local_multiplier],
                        pay,
                        workers,
                    ]
                });
                sums.uplifted[*y] += redundancy;
                sums.pay_times_multiplier[*y] += pay_m;
                sums.pay[*y] += pay;
                sums.workers[*y] += workers;
            }
            let years = self.dynamic_displaced.iter().map(|&(y, _)| y);
            spread_displaced(plan, x, &ws.unemployment, sums, years);
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
        let (mut savings_from, mut social_cost_from) = (0.0, 0.0);
        for (t, &df) in discount.iter().enumerate() {
            savings_from += sums.savings_from[t];
            social_cost_from += sums.social_cost_from[t];
            let savings = sums.savings[t] + savings_from;
            let ns = keep * savings + sums.fines[t] - uplift * sums.uplifted[t];
            let sc = sums.social_cost[t] + social_cost_from;
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

    /// The same draws as [`Kernel::draws`], through the model's own `compute`.
    #[cfg(test)]
    pub fn draws_reference(
        &self,
        rng: &mut Pcg64,
        ws: &mut Workspace,
        count: usize,
        mut f: impl FnMut(&Totals, &[f64], &[f64]),
    ) {
        let p = self.central.len();
        let mut xs = std::mem::take(&mut ws.xs);
        let mut done = 0;
        while done < count {
            let n = BATCH.min(count - done);
            self.sample_batch(rng, &mut xs, n);
            for x in xs.chunks_exact(p.max(1)).take(n) {
                compute(self.plan, x, &mut Bernoulli::new(rng), &mut ws.lines);
                let l = &ws.lines;
                let t = Totals {
                    net_savings: l.npv(&l.net_savings),
                    social_cost: l.npv(&l.social_cost),
                    net_social_value: l.npv(&l.net_social_value),
                    exchequer_net: l.npv(&l.exchequer_net),
                };
                f(&t, &l.cumulative_discounted_net_social_value, x);
            }
            done += n;
        }
        ws.xs = xs;
    }
}

/// `items` inside the horizon, grouped by year offset (`year_of`), in
/// order of year.
fn by_year<T: Copy>(items: Vec<T>, year_of: impl Fn(T) -> i64, h: usize) -> Vec<(usize, Vec<T>)> {
    let mut runs: Vec<(usize, Vec<T>)> = Vec::new();
    let mut items: Vec<(i64, T)> = items.into_iter().map(|i| (year_of(i), i)).collect();
    items.sort_by_key(|&(y, _)| y);
    for (y, item) in items {
        if y < 0 || y >= h as i64 {
            continue;
        }
        let y = y as usize;
        match runs.last_mut() {
            Some((last, run)) if *last == y => run.push(item),
            _ => runs.push((y, vec![item])),
        }
    }
    runs
}

/// `Σ f(item)` for K values at once, in four interleaved partial sums so
/// that the additions do not wait for one another.
#[inline]
fn sum_by_fours<T, const K: usize>(items: &[T], f: impl Fn(&T) -> [f64; K]) -> [f64; K] {
    let mut acc = [[0.0; K]; 4];
    let mut chunks = items.chunks_exact(4);
    for chunk in &mut chunks {
        for (a, item) in acc.iter_mut().zip(chunk) {
            for (s, v) in a.iter_mut().zip(f(item)) {
                *s += v;
            }
        }
    }
    for (a, item) in acc.iter_mut().zip(chunks.remainder()) {
        for (s, v) in a.iter_mut().zip(f(item)) {
            *s += v;
        }
    }
    std::array::from_fn(|k| (acc[0][k] + acc[1][k]) + (acc[2][k] + acc[3][k]))
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
    if y + 1 < h {
        out.savings_from[y + 1] += offices * x[c.running_cost_per_office];
        out.social_cost_from[y + 1] += x[c.public_access_cost];
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

/// One group of displaced workers: its redundancy pay, and its pay and
/// headcount added to its year's totals for [`spread_displaced`].
fn add_displaced(g: &DisplacedPlan, x: &[f64], out: &mut SumsMut<'_>) {
    let h = out.savings.len();
    if g.year < 0 || g.year >= h as i64 {
        return;
    }
    let y = g.year as usize;
    let workers = x[g.workers];
    let pay = workers * x[g.salary];
    if let Some(rm) = g.redundancy_months {
        out.uplifted[y] += pay * x[rm] / 12.0;
    }
    out.pay_times_multiplier[y] += pay * x[g.local_multiplier];
    out.pay[y] += pay;
    out.workers[y] += workers;
}

/// Lost earnings, local knock-on and wellbeing (social cost) and the
/// Exchequer's cost of the groups added by [`add_displaced`], as
/// `model::displaced_workers` computes them group by group (MODEL.md
/// "Social cost"): every term is linear in a group's pay or headcount, so
/// the groups of a year are taken together.
fn spread_displaced(
    plan: &Plan,
    x: &[f64],
    u: &Unemployment,
    out: &mut SumsMut<'_>,
    years_of_displacement: impl Iterator<Item = usize>,
) {
    let h = out.savings.len();
    let a = &plan.assumptions;
    let wellbeing_per_year = x[a.wellbeing_loss] * x[a.wellby_value];
    let tax = x[a.exchequer_tax_rate];
    let benefit = x[a.benefit_per_year];
    for y in years_of_displacement {
        // Read and reset, ready for the next draw.
        let pay_m = std::mem::take(&mut out.pay_times_multiplier[y]);
        let pay = std::mem::take(&mut out.pay[y]);
        let workers = std::mem::take(&mut out.workers[y]);
        if pay_m == 0.0 && pay == 0.0 && workers == 0.0 {
            continue;
        }
        let years = u.years.min(h - y);
        let social = (pay_m, workers * wellbeing_per_year);
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
        let mut fast = Vec::new();
        k.draws(&mut ra, &mut a, 1000, |t, c, x| {
            fast.push((*t, c.to_vec(), x.to_vec()));
        });
        let mut i = 0;
        k.draws_reference(&mut rb, &mut b, 1000, |slow, c, x| {
            let (t, cumulative, inputs) = &fast[i];
            i += 1;
            assert_eq!(inputs, x);
            for (f, s) in [
                (t.net_savings, slow.net_savings),
                (t.social_cost, slow.social_cost),
                (t.net_social_value, slow.net_social_value),
                (t.exchequer_net, slow.exchequer_net),
            ] {
                assert!(close(f, s), "{t:?} != {slow:?}");
            }
            for (f, s) in cumulative.iter().zip(c) {
                assert!(close(*f, *s), "{f} != {s}");
            }
        });
        assert_eq!(i, 1000);
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

    #[test]
    fn fast_kernel_matches_compute_on_every_bundled_scenario() {
        for entry in std::fs::read_dir("scenarios").expect("scenarios folder") {
            let path = entry.expect("readable folder").path();
            if path.extension().is_some_and(|e| e == "ron") {
                let s = load_path(&path).expect("bundled scenario loads").scenario;
                fast_equals_reference(&Plan::new(&s));
            }
        }
    }

    /// Groups of displaced workers with no sampled input are added up once.
    #[test]
    fn fast_kernel_matches_compute_when_displacement_is_fixed() {
        let mut s = example("benches/data/large.ron");
        s.assumptions.months_out_of_work = Value::Point(14.0);
        s.assumptions.local_multiplier = Value::Point(1.3);
        fast_equals_reference(&Plan::new(&s));
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
