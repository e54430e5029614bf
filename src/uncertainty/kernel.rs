//! Monte Carlo draws: sample every uncertain input, then evaluate the model
//! with fines and data risks as events.
//!
//! [`Kernel::batches`] is a specialisation of [`crate::model::compute`] for
//! speed, in two ways. Everything that does not depend on a sampled input —
//! the year shapes of flows (profile, growth, deflation), whole items whose
//! inputs are all points, the discount factors — is computed once, and a
//! draw only adds the uncertain parts into ten yearly sums. And draws go in
//! batches of [`LANES`], one per lane of the sampling generator
//! ([`Lanes`](super::sample::Lanes)): inputs, sums and totals are laid out lane by lane, so
//! sampling and the items' arithmetic run on the CPU's vector units. Each
//! lane does exactly the operations, in the order, that one draw on its own
//! would — vector instructions are IEEE arithmetic lane by lane, and Rust
//! never fuses a multiply and an add — so the numbers are the same on
//! every machine whichever instructions it has ([`Isa`]); the tests hold
//! every instruction set to the plain one bit for bit, and the kernel to
//! `compute` within rounding (`Kernel::draws_reference`, in the tests).

// `#[inline(always)]` is how the batch's code reaches the `target_feature`
// functions that compile it for wider vector units: a call that is not
// inlined runs without them.
#![allow(clippy::inline_always)]

use std::ops::Index;

use rand_pcg::Pcg64;

use super::sample::{Bernoulli, LANES, Run, Sampler, Streams};
pub use super::wide::Isa;
use super::wide::Wide;
use crate::model::discount::fill_factors;
use crate::model::plan::{ClosurePlan, DisplacedPlan, FlowPlan, P};
#[cfg(test)]
use crate::model::{Lines, Totals, compute};
use crate::model::{Plan, flow_value, live_years, unemployed_share};

/// Sections of the yearly sums, each `horizon` years long.
const SECTIONS: usize = 12;
/// Savings before the optimism-bias haircut.
const SAVINGS: usize = 0;
/// Costs that optimism bias uplifts, before the uplift.
const UPLIFTED: usize = 1;
/// Fines received less fines and regulatory fines paid.
const FINES: usize = 2;
const SOCIAL_COST: usize = 3;
const EXCHEQUER_COST: usize = 4;
/// Amounts that recur in every year from this one on (property savings,
/// public-access cost after a closure): added up in the final pass.
const SAVINGS_FROM: usize = 5;
const SOCIAL_COST_FROM: usize = 6;
/// Displaced workers by year of displacement: Σ pay · multiplier, Σ pay,
/// Σ workers (every group shares the unemployment shares).
const PAY_TIMES_MULTIPLIER: usize = 7;
const PAY: usize = 8;
const WORKERS: usize = 9;
/// Redundancy pay before the uplift (also inside [`UPLIFTED`]): a transfer.
const REDUNDANCY: usize = 10;
/// Regulatory fines paid (also inside [`FINES`], negated): a transfer.
const REGULATORY_FINES: usize = 11;

/// Yearly sums, `stride` numbers apart: one draw's (`stride` 1) or one lane
/// of a batch's (`stride` [`LANES`], lane `lane`).
struct Grid<'a> {
    all: &'a mut [f64],
    h: usize,
    stride: usize,
    lane: usize,
}

impl<'a> Grid<'a> {
    /// One draw's sums.
    fn flat(all: &'a mut [f64], h: usize) -> Self {
        Self {
            all,
            h,
            stride: 1,
            lane: 0,
        }
    }

    #[inline]
    fn at(&mut self, section: usize, t: usize) -> &mut f64 {
        &mut self.all[(section * self.h + t) * self.stride + self.lane]
    }
}

/// One number for each draw of a batch.
pub type Lane = [f64; LANES];

/// A batch of draws' results, lane by lane: the first `n` lanes are draws.
pub struct Batch<'a> {
    pub n: usize,
    /// NPV of net savings, social cost, net social value, Exchequer net.
    pub totals: &'a [Lane; 4],
    /// Cumulative discounted net social value by year.
    pub cumulative: &'a [Lane],
    xs: &'a [Lane],
}

impl Batch<'_> {
    /// The inputs of lane `lane`.
    #[must_use]
    pub fn inputs(&self, lane: usize) -> Inputs<'_> {
        Inputs { xs: self.xs, lane }
    }
}

/// What a caller does with each batch. [`Kernel::batches`] is compiled for
/// the chosen vector instructions, and so is an implementation's
/// [`Sink::batch`] when it is `#[inline(always)]` (a closure's body is its
/// own function, compiled for the baseline).
pub trait Sink {
    fn batch(&mut self, batch: &Batch<'_>);
}

impl<F: FnMut(&Batch<'_>)> Sink for F {
    #[inline(always)]
    fn batch(&mut self, batch: &Batch<'_>) {
        self(batch);
    }
}

/// One draw's inputs inside a batch (input `p` of lane `lane`).
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    xs: &'a [Lane],
    lane: usize,
}

impl Index<P> for Inputs<'_> {
    type Output = f64;

    #[inline]
    fn index(&self, p: P) -> &f64 {
        &self.xs[p][self.lane]
    }
}

impl Inputs<'_> {
    /// Every input, in parameter order.
    #[cfg(test)]
    #[must_use]
    pub fn to_vec(self) -> Vec<f64> {
        self.xs.iter().map(|x| x[self.lane]).collect()
    }
}

/// A flow whose amount is sampled but whose year shape is fixed.
#[derive(Clone, Debug)]
struct ScaledShape {
    amount: P,
    /// [`SAVINGS`] or [`UPLIFTED`].
    section: usize,
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
    isa: Isa,
    /// The uncertain parameters' samplers, in parameter order (the order
    /// in which they take numbers from the generators), in runs of one form.
    runs: Vec<Run>,
    central: Vec<f64>,
    /// Everything that is the same in every draw: `SECTIONS × horizon`.
    base: Vec<f64>,
    scaled: Vec<ScaledShape>,
    /// Flows whose shape depends on a sampled input: (section, flow).
    dynamic_flows: Vec<(usize, &'p FlowPlan)>,
    /// Closures and displaced groups with a sampled input, inside the
    /// horizon, by year.
    dynamic_closures: Vec<(usize, Vec<&'p ClosurePlan>)>,
    dynamic_displaced: Vec<(usize, Vec<&'p DisplacedPlan>)>,
    fines: Vec<FineEvents>,
    /// Fixed discount factors, or `None` when the constant rate is sampled.
    discount: Option<Vec<f64>>,
    /// Whether a draw needs its inputs in a row (flows with a sampled
    /// shape, fines with sampled shares: the model's own functions).
    needs_row: bool,
    /// Correlated inputs (model 2): reordered block by block.
    reorder: Option<Reorder>,
}

/// The correlated inputs and the Cholesky factor of their normal scores'
/// target correlation (see [`super::correlate`]).
struct Reorder {
    inputs: Vec<P>,
    factor: Vec<f64>,
}

/// One block's draws of the correlated inputs, reordered, and how many of
/// them the batches have used.
#[derive(Default)]
struct BlockDraws {
    columns: Vec<Vec<f64>>,
    at: usize,
    /// The normal scores of the last block's size, kept for the next.
    scores: Vec<f64>,
}

/// A thread's buffers, reused for every batch.
pub struct Workspace {
    /// Inputs of a batch, input by input: `xs[p][lane]`.
    xs: Vec<Lane>,
    /// The yearly sums of a batch: `sums[section · h + t][lane]`.
    sums: Vec<Lane>,
    /// Sampled discount factors, `[t][lane]`.
    discount: Vec<Lane>,
    /// Cumulative discounted net social value, `[t][lane]`.
    cumulative: Vec<Lane>,
    /// The four NPVs of each lane.
    totals: [[f64; LANES]; 4],
    /// One draw's inputs in a row, when needed.
    row: Vec<f64>,
    flow: Vec<f64>,
    /// The block's correlated draws, when the scenario has correlations.
    block: BlockDraws,
    #[cfg(test)]
    lines: Lines,
}

impl Workspace {
    /// Buffers for `kernel`'s plan.
    #[must_use]
    pub fn new(kernel: &Kernel<'_>) -> Self {
        let h = kernel.plan.horizon;
        Self {
            xs: kernel.central.iter().map(|&c| [c; LANES]).collect(),
            sums: vec![[0.0; LANES]; SECTIONS * h],
            discount: vec![[0.0; LANES]; h],
            cumulative: vec![[0.0; LANES]; h],
            totals: [[0.0; LANES]; 4],
            row: kernel.central.clone(),
            flow: vec![0.0; h],
            block: BlockDraws {
                columns: vec![Vec::new(); kernel.reorder.as_ref().map_or(0, |r| r.inputs.len())],
                at: 0,
                scores: Vec::new(),
            },
            #[cfg(test)]
            lines: Lines::new(h),
        }
    }
}

impl<'p> Kernel<'p> {
    /// Prepares `plan`, for the best instructions this CPU has.
    #[must_use]
    pub fn new(plan: &'p Plan) -> Self {
        Self::with_isa(plan, Isa::detect())
    }

    /// Prepares `plan` for `isa`, which must be one of [`Isa::available`]
    /// (any other falls back to [`Isa::Plain`]).
    #[must_use]
    pub fn with_isa(plan: &'p Plan, isa: Isa) -> Self {
        let isa = if Isa::available().contains(&isa) {
            isa
        } else {
            Isa::Plain
        };
        let h = plan.horizon;
        let samplers: Vec<Sampler> = plan.params.iter().map(|p| Sampler::new(&p.value)).collect();
        let varies = |p: P| !samplers[p].is_constant();
        let uncertain: Vec<(usize, Sampler)> = samplers
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_constant())
            .map(|(i, s)| (i, s.clone()))
            .collect();
        let runs = Run::group(&uncertain);
        let central = plan.central();
        let x = &central;
        let mut base = vec![0.0; SECTIONS * h];
        let mut scaled = Vec::new();
        let mut dynamic_flows = Vec::new();
        let shares_vary = |p: &crate::model::plan::ProfilePlan| match p {
            crate::model::plan::ProfilePlan::Custom { shares, .. } => {
                shares.iter().any(|&s| varies(s))
            }
            _ => false,
        };
        for (section, flows) in [(SAVINGS, &plan.savings), (UPLIFTED, &plan.costs)] {
            for f in flows {
                let shape_varies = varies(f.growth)
                    || (f.nominal && varies(plan.inflation))
                    || shares_vary(&f.profile);
                if shape_varies {
                    dynamic_flows.push((section, f));
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
                        section,
                        first,
                        shape,
                    });
                } else {
                    add_flow(plan, f, x, &mut base[section * h..(section + 1) * h]);
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
                add_closure(c, x, &mut Grid::flat(&mut base, h));
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
            let own = [
                g.workers,
                g.salary,
                g.local_multiplier,
                g.redundancy.input(),
            ]
            .into_iter()
            .any(varies);
            if shared || own {
                dynamic_displaced.push(g);
            } else {
                add_displaced(g, x, &mut Grid::flat(&mut base, h));
            }
        }
        spread_displaced(
            plan,
            x,
            &central_unemployment,
            &mut Grid::flat(&mut base, h),
            0..h,
        );
        let fines: Vec<FineEvents> = plan
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
        let needs_row = !dynamic_flows.is_empty() || fines.iter().any(|f| f.years.is_none());
        let reorder = plan.correlated.as_ref().and_then(|c| {
            Some(Reorder {
                inputs: c.inputs.clone(),
                factor: c.score_factor()?,
            })
        });
        Self {
            reorder,
            plan,
            isa,
            runs,
            central,
            base,
            scaled,
            dynamic_flows,
            dynamic_closures: by_year(dynamic_closures, |c| c.year, h),
            dynamic_displaced: by_year(dynamic_displaced, |g| g.year, h),
            fines,
            discount,
            needs_row,
        }
    }

    /// The instructions this kernel uses.
    #[must_use]
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// `count` draws in a row from `streams`, in batches of [`LANES`]:
    /// `sink` gets each batch's results. The loop, and the sink's work when
    /// it is inlined (see [`Sink`]), are compiled for the chosen
    /// instructions.
    pub fn batches<S: Sink>(
        &self,
        streams: &mut Streams,
        ws: &mut Workspace,
        count: usize,
        sink: &mut S,
    ) {
        if let Some(r) = &self.reorder {
            self.correlate_block(r, streams, ws, count);
        }
        self.isa.run(Batches {
            kernel: self,
            streams,
            ws,
            count,
            sink,
        });
    }

    /// [`Kernel::batches`]'s work, written once and compiled once per
    /// instruction set (it is inlined into each `simd` function).
    #[inline(always)]
    fn batches_body<S: Sink>(
        &self,
        streams: &mut Streams,
        ws: &mut Workspace,
        count: usize,
        sink: &mut S,
    ) {
        let mut done = 0;
        while done < count {
            let n = LANES.min(count - done);
            self.batch_body(streams, ws, n);
            sink.batch(&Batch {
                n,
                totals: &ws.totals,
                cumulative: &ws.cumulative,
                xs: &ws.xs,
            });
            done += n;
        }
    }

    /// [`Kernel::batches`] draw by draw: `f` gets each draw's four headline
    /// NPVs, its cumulative discounted net social value by year and its
    /// inputs.
    #[cfg(test)]
    pub fn draws(
        &self,
        streams: &mut Streams,
        ws: &mut Workspace,
        count: usize,
        mut f: impl FnMut(&Totals, &[f64], Inputs<'_>),
    ) {
        self.batches(streams, ws, count, &mut |b: &Batch<'_>| {
            for lane in 0..b.n {
                let cumulative: Vec<f64> = b.cumulative.iter().map(|c| c[lane]).collect();
                let [ns, sc, nsv, ex] = b.totals;
                let t = Totals {
                    net_savings: ns[lane],
                    social_cost: sc[lane],
                    // Not one of the four NPVs a draw reports.
                    transfers: 0.0,
                    net_social_value: nsv[lane],
                    exchequer_net: ex[lane],
                };
                f(&t, &cumulative, b.inputs(lane));
            }
        });
    }

    /// Draws the block's `count` values of each correlated input (from a
    /// copy of the generators, so every other input's draws are as they
    /// would be without correlations) and reorders them to the target rank
    /// correlations; [`Kernel::sample`] then hands them out batch by batch.
    fn correlate_block(&self, r: &Reorder, streams: &Streams, ws: &mut Workspace, count: usize) {
        let mut copy = streams.clone();
        for c in &mut ws.block.columns {
            c.clear();
        }
        let mut done = 0;
        while done < count {
            let n = LANES.min(count - done);
            for run in &self.runs {
                run.fill(&mut copy, &mut ws.xs);
            }
            for (column, &p) in ws.block.columns.iter_mut().zip(&r.inputs) {
                column.extend_from_slice(&ws.xs[p][..n]);
            }
            done += n;
        }
        ws.block.at = 0;
        super::correlate::reorder(
            &mut ws.block.columns,
            &r.factor,
            &mut copy.scalar,
            &mut ws.block.scores,
        );
    }

    /// One batch of [`LANES`] draws, of which the first `n` are used.
    #[inline(always)]
    fn batch_body(&self, streams: &mut Streams, ws: &mut Workspace, n: usize) {
        self.sample(streams, &mut ws.xs, &mut ws.block);
        self.add_items(&ws.xs, &mut ws.sums);
        for lane in 0..n {
            self.add_draw(lane, &mut streams.scalar, ws);
        }
        self.finish(ws);
    }

    /// Samples every uncertain input of every lane, input by input; the
    /// correlated ones then take the block's reordered draws.
    #[inline(always)]
    fn sample(&self, streams: &mut Streams, xs: &mut [Lane], block: &mut BlockDraws) {
        for run in &self.runs {
            run.fill(streams, xs);
        }
        if let Some(r) = &self.reorder {
            for (column, &p) in block.columns.iter().zip(&r.inputs) {
                for (l, x) in xs[p].iter_mut().enumerate() {
                    if let Some(&v) = column.get(block.at + l) {
                        *x = v;
                    }
                }
            }
            block.at += LANES;
        }
    }

    /// The fixed part and every item that is linear in its inputs, for
    /// every lane at once.
    #[inline(always)]
    fn add_items(&self, xs: &[Lane], sums: &mut [Lane]) {
        let h = self.plan.horizon;
        let col = |p: P| -> &Lane { &xs[p] };
        for (row, &b) in sums.iter_mut().zip(&self.base) {
            *row = [b; LANES];
        }
        for s in &self.scaled {
            let a = col(s.amount);
            for (k, &w) in s.shape.iter().enumerate() {
                add(lane_row(sums, h, s.section, s.first + k), |l| a[l] * w);
            }
        }
        // A year's items are summed in registers and added to the year's
        // sums once: through memory, each item would wait for the last
        // one's store.
        for (y, run) in &self.dynamic_closures {
            let y = *y;
            let (mut one_off, mut running, mut access) = ([0.0; LANES], [0.0; LANES], [0.0; LANES]);
            for c in run {
                let offices = col(c.offices);
                let (closure, staff) = (col(c.closure_cost_per_office), col(c.staff_relocated));
                let relocation = col(c.relocation_cost_per_person);
                let (running_cost, access_cost) =
                    (col(c.running_cost_per_office), col(c.public_access_cost));
                for l in 0..LANES {
                    one_off[l] += offices[l] * closure[l] + staff[l] * relocation[l];
                    running[l] += offices[l] * running_cost[l];
                    access[l] += access_cost[l];
                }
            }
            add(lane_row(sums, h, UPLIFTED, y), |l| one_off[l]);
            if y + 1 < h {
                add(lane_row(sums, h, SAVINGS_FROM, y + 1), |l| running[l]);
                add(lane_row(sums, h, SOCIAL_COST_FROM, y + 1), |l| access[l]);
            }
        }
        for (y, run) in &self.dynamic_displaced {
            let y = *y;
            let mut acc = [[0.0; LANES]; 4];
            for g in run {
                let (workers, salary, multiplier) =
                    (col(g.workers), col(g.salary), col(g.local_multiplier));
                let input = col(g.redundancy.input());
                let [redundancy, pay_m, pay_sum, workers_sum] = &mut acc;
                for l in 0..LANES {
                    let pay = workers[l] * salary[l];
                    redundancy[l] += g.redundancy.pay(workers[l], salary[l], input[l]);
                    pay_m[l] += pay * multiplier[l];
                    pay_sum[l] += pay;
                    workers_sum[l] += workers[l];
                }
            }
            let [redundancy, pay_m, pay, workers] = acc;
            add(lane_row(sums, h, UPLIFTED, y), |l| redundancy[l]);
            add(lane_row(sums, h, REDUNDANCY, y), |l| redundancy[l]);
            add(lane_row(sums, h, PAY_TIMES_MULTIPLIER, y), |l| pay_m[l]);
            add(lane_row(sums, h, PAY, y), |l| pay[l]);
            add(lane_row(sums, h, WORKERS, y), |l| workers[l]);
        }
        if !self.dynamic_displaced.is_empty() {
            self.spread_displaced_lanes(xs, sums);
        }
    }

    /// [`spread_displaced`] for every lane at once: lost earnings, local
    /// knock-on and wellbeing, and the Exchequer's cost, in each year after
    /// displacement. A lane whose years out of work are over adds zeros.
    #[inline(always)]
    fn spread_displaced_lanes(&self, xs: &[Lane], sums: &mut [Lane]) {
        let h = self.plan.horizon;
        let a = &self.plan.assumptions;
        let (months, scarring) = (&xs[a.months_out_of_work], &xs[a.wage_scarring]);
        let (loss, wellby) = (&xs[a.wellbeing_loss], &xs[a.wellby_value]);
        let wellbeing_per_year: Lane = std::array::from_fn(|l| loss[l] * wellby[l]);
        let (tax, benefit) = (&xs[a.exchequer_tax_rate], &xs[a.benefit_per_year]);
        let scarring_years = a.scarring_years as usize;
        for k in 0..h {
            let unemployed: Lane = std::array::from_fn(|l| unemployed_share(months[l], k));
            let scarred = k < scarring_years;
            if !scarred && unemployed.iter().all(|&u| u == 0.0) {
                break;
            }
            let lost: Lane = std::array::from_fn(|l| {
                if scarred {
                    unemployed[l] + scarring[l] * (1.0 - unemployed[l])
                } else {
                    unemployed[l]
                }
            });
            for &(y, _) in &self.dynamic_displaced {
                if y + k >= h {
                    continue;
                }
                let pay_m = *lane_row(sums, h, PAY_TIMES_MULTIPLIER, y);
                let pay = *lane_row(sums, h, PAY, y);
                let workers = *lane_row(sums, h, WORKERS, y);
                add(lane_row(sums, h, SOCIAL_COST, y + k), |l| {
                    pay_m[l] * lost[l] + workers[l] * wellbeing_per_year[l] * unemployed[l]
                });
                add(lane_row(sums, h, EXCHEQUER_COST, y + k), |l| {
                    pay[l] * tax[l] * lost[l] + workers[l] * benefit[l] * unemployed[l]
                });
            }
        }
    }

    /// What is drawn or computed one draw at a time: flows with a sampled
    /// shape, the events, sampled discount factors.
    fn add_draw(&self, lane: usize, rng: &mut Pcg64, ws: &mut Workspace) {
        let plan = self.plan;
        let h = plan.horizon;
        let x = Inputs { xs: &ws.xs, lane };
        if self.needs_row {
            for (r, v) in ws.row.iter_mut().zip(x.xs) {
                *r = v[lane];
            }
        }
        let mut sums = Grid {
            all: ws.sums.as_flattened_mut(),
            h,
            stride: LANES,
            lane,
        };
        for &(section, f) in &self.dynamic_flows {
            ws.flow.fill(0.0);
            add_flow(plan, f, &ws.row, &mut ws.flow);
            for (t, v) in ws.flow.iter().enumerate() {
                *sums.at(section, t) += v;
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
                    *sums.at(FINES, t) += hit * amount * w;
                });
            } else {
                let fp = &plan.fines[f.index];
                for t in live_years(&fp.profile, h) {
                    let w = fp.profile.weight(t, &ws.row);
                    if w != 0.0 && events.hit(p) {
                        *sums.at(FINES, t as usize) += amount * w;
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
                events.each(end as usize - from, p, |i, hit| {
                    *sums.at(SOCIAL_COST, from + i) += hit * harm;
                    *sums.at(FINES, from + i) -= hit * fine;
                    *sums.at(REGULATORY_FINES, from + i) += hit * fine;
                });
            }
        }

        if self.discount.is_none()
            && let Some(r) = plan.discount_rate
        {
            let rate = x[r];
            fill_factors(&plan.discounting, rate, &mut ws.flow);
            for (d, df) in ws.discount.iter_mut().zip(&ws.flow) {
                d[lane] = *df;
            }
        }
    }

    /// Optimism bias, discounting and the running totals, every lane at once.
    #[inline(always)]
    fn finish(&self, ws: &mut Workspace) {
        let plan = self.plan;
        let h = plan.horizon;
        let xs = &ws.xs;
        let keep = xs[plan.savings_haircut].map(|v| 1.0 - v);
        let uplift = xs[plan.costs_uplift].map(|v| 1.0 + v);
        let [ns_total, sc_total, nsv_total, ex_total] = &mut ws.totals;
        // Transfers (model 2) are in net savings and added back in net
        // social value; regulatory fines also in the Exchequer's view.
        *ns_total = [0.0; LANES];
        *sc_total = [0.0; LANES];
        *ex_total = [0.0; LANES];
        let mut cumulative = [0.0; LANES];
        let (mut savings_from, mut social_cost_from) = ([0.0; LANES], [0.0; LANES]);
        let sums = &ws.sums;
        let row = |section: usize, t: usize| -> &Lane { &sums[section * h + t] };
        for t in 0..h {
            let df: Lane = match self.discount {
                Some(ref d) => [d[t]; LANES],
                None => ws.discount[t],
            };
            let (savings, fines, uplifted) = (row(SAVINGS, t), row(FINES, t), row(UPLIFTED, t));
            let (social, exchequer) = (row(SOCIAL_COST, t), row(EXCHEQUER_COST, t));
            let (s_from, sc_from) = (row(SAVINGS_FROM, t), row(SOCIAL_COST_FROM, t));
            let (redundancy, regulatory) = (row(REDUNDANCY, t), row(REGULATORY_FINES, t));
            let out = &mut ws.cumulative[t];
            for l in 0..LANES {
                let df = df[l];
                savings_from[l] += s_from[l];
                social_cost_from[l] += sc_from[l];
                let s = savings[l] + savings_from[l];
                let ns = keep[l] * s + fines[l] - uplift[l] * uplifted[l];
                let sc = social[l] + social_cost_from[l];
                let transfers = uplift[l] * redundancy[l] + regulatory[l];
                let nsv = ns + transfers - sc;
                ns_total[l] += df * ns;
                sc_total[l] += df * sc;
                ex_total[l] += df * (ns + regulatory[l] - exchequer[l]);
                cumulative[l] += df * nsv;
            }
            *out = cumulative;
        }
        *nsv_total = cumulative;
    }

    /// The same draws as [`Kernel::draws`], through the model's own `compute`.
    #[cfg(test)]
    pub fn draws_reference(
        &self,
        streams: &mut Streams,
        ws: &mut Workspace,
        count: usize,
        mut f: impl FnMut(&Totals, &[f64], Inputs<'_>),
    ) {
        if let Some(r) = &self.reorder {
            self.correlate_block(r, streams, ws, count);
        }
        let mut done = 0;
        while done < count {
            let n = LANES.min(count - done);
            self.sample(streams, &mut ws.xs, &mut ws.block);
            for lane in 0..n {
                let x = Inputs { xs: &ws.xs, lane };
                let row = x.to_vec();
                compute(
                    self.plan,
                    &row,
                    &mut Bernoulli::new(&mut streams.scalar),
                    &mut ws.lines,
                );
                let l = &ws.lines;
                let t = Totals {
                    net_savings: l.npv(&l.net_savings),
                    social_cost: l.npv(&l.social_cost),
                    transfers: 0.0,
                    net_social_value: l.npv(&l.net_social_value),
                    exchequer_net: l.npv(&l.exchequer_net),
                };
                f(&t, &l.cumulative_discounted_net_social_value, x);
            }
            done += n;
        }
    }
}

/// [`Kernel::batches`] as [`Wide`] work.
struct Batches<'a, 'p, S> {
    kernel: &'a Kernel<'p>,
    streams: &'a mut Streams,
    ws: &'a mut Workspace,
    count: usize,
    sink: &'a mut S,
}

impl<S: Sink> Wide for Batches<'_, '_, S> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        self.kernel
            .batches_body(self.streams, self.ws, self.count, self.sink);
    }
}

/// `sums[l] += f(l)` for every lane: straight-line code over a fixed-size
/// array, which the compiler turns into vector instructions.
#[inline(always)]
fn add(sums: &mut Lane, f: impl Fn(usize) -> f64) {
    // All the reads before any write: the compiler cannot tell that `sums`
    // is not one of the inputs `f` reads.
    let v: Lane = std::array::from_fn(f);
    for (s, v) in sums.iter_mut().zip(v) {
        *s += v;
    }
}

/// The [`LANES`] sums of one section and year of a batch.
#[inline(always)]
fn lane_row(sums: &mut [Lane], h: usize, section: usize, t: usize) -> &mut Lane {
    &mut sums[section * h + t]
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

/// A flow's value in each live year, before optimism bias.
fn add_flow(plan: &Plan, f: &FlowPlan, x: &[f64], out: &mut [f64]) {
    let inflation = x[plan.inflation];
    for t in live_years(&f.profile, plan.horizon) {
        out[t as usize] += flow_value(f, t, x, inflation, plan.price_base);
    }
}

/// An office closure's one-offs, property savings and public-access cost.
fn add_closure(c: &ClosurePlan, x: &[f64], out: &mut Grid<'_>) {
    let h = out.h;
    if c.year < 0 || c.year >= h as i64 {
        return;
    }
    let y = c.year as usize;
    let offices = x[c.offices];
    *out.at(UPLIFTED, y) += offices * x[c.closure_cost_per_office]
        + x[c.staff_relocated] * x[c.relocation_cost_per_person];
    if y + 1 < h {
        *out.at(SAVINGS_FROM, y + 1) += offices * x[c.running_cost_per_office];
        *out.at(SOCIAL_COST_FROM, y + 1) += x[c.public_access_cost];
    }
}

/// The share of each year after displacement spent out of work, `u_k`, and
/// the share of pay lost, `u_k + s · (1 − u_k) · [k < K]` (docs/methodology.md "Social
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

    fn fill<X: Index<P, Output = f64> + ?Sized>(&mut self, plan: &Plan, x: &X) {
        let a = &plan.assumptions;
        let months = x[a.months_out_of_work];
        let scarring = x[a.wage_scarring];
        let scarring_years = a.scarring_years as usize;
        self.years = 0;
        for (k, (u, l)) in self.unemployed.iter_mut().zip(&mut self.lost).enumerate() {
            let unemployed = unemployed_share(months, k);
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
fn add_displaced(g: &DisplacedPlan, x: &[f64], out: &mut Grid<'_>) {
    let h = out.h;
    if g.year < 0 || g.year >= h as i64 {
        return;
    }
    let y = g.year as usize;
    let workers = x[g.workers];
    let pay = workers * x[g.salary];
    let redundancy = g
        .redundancy
        .pay(workers, x[g.salary], x[g.redundancy.input()]);
    *out.at(UPLIFTED, y) += redundancy;
    *out.at(REDUNDANCY, y) += redundancy;
    *out.at(PAY_TIMES_MULTIPLIER, y) += pay * x[g.local_multiplier];
    *out.at(PAY, y) += pay;
    *out.at(WORKERS, y) += workers;
}

/// Lost earnings, local knock-on and wellbeing (social cost) and the
/// Exchequer's cost of the groups added by [`add_displaced`], as
/// `model::displaced_workers` computes them group by group (docs/methodology.md
/// "Social cost"): every term is linear in a group's pay or headcount, so
/// the groups of a year are taken together.
fn spread_displaced<X: Index<P, Output = f64> + ?Sized>(
    plan: &Plan,
    x: &X,
    u: &Unemployment,
    out: &mut Grid<'_>,
    years_of_displacement: impl Iterator<Item = usize>,
) {
    let h = out.h;
    let a = &plan.assumptions;
    let wellbeing_per_year = x[a.wellbeing_loss] * x[a.wellby_value];
    let tax = x[a.exchequer_tax_rate];
    let benefit = x[a.benefit_per_year];
    for y in years_of_displacement {
        // Read and reset, ready for the next draw.
        let pay_m = std::mem::take(out.at(PAY_TIMES_MULTIPLIER, y));
        let pay = std::mem::take(out.at(PAY, y));
        let workers = std::mem::take(out.at(WORKERS, y));
        if pay_m == 0.0 && pay == 0.0 && workers == 0.0 {
            continue;
        }
        let years = u.years.min(h - y);
        let social = (pay_m, workers * wellbeing_per_year);
        let exchequer = (pay * tax, workers * benefit);
        for k in 0..years {
            let (lost, unemployed) = (u.lost[k], u.unemployed[k]);
            *out.at(SOCIAL_COST, y + k) += social.0 * lost + social.1 * unemployed;
            *out.at(EXCHEQUER_COST, y + k) += exchequer.0 * lost + exchequer.1 * unemployed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample::block_streams;
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
        let (mut ra, mut rb) = (block_streams(3, 5), block_streams(3, 5));
        let mut fast = Vec::new();
        k.draws(&mut ra, &mut a, 1000, |t, c, x| {
            fast.push((*t, c.to_vec(), x.to_vec()));
        });
        let mut i = 0;
        k.draws_reference(&mut rb, &mut b, 1000, |slow, c, x| {
            let (t, cumulative, inputs) = &fast[i];
            i += 1;
            assert_eq!(inputs, &x.to_vec());
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

    /// Every instruction set this CPU has gives the plain code's numbers,
    /// bit for bit: totals, yearly values and inputs.
    fn every_isa_is_identical(plan: &Plan) {
        let run = |isa: Isa| {
            let k = Kernel::with_isa(plan, isa);
            assert_eq!(k.isa(), isa);
            let mut ws = Workspace::new(&k);
            let mut streams = block_streams(9, 2);
            let mut out = Vec::new();
            // 1,000 is not a whole number of batches: the last is partial.
            k.draws(&mut streams, &mut ws, 1000, |t, c, x| {
                let bits = |v: &[f64]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                let t = [
                    t.net_savings,
                    t.social_cost,
                    t.net_social_value,
                    t.exchequer_net,
                ];
                out.push((bits(&t), bits(c), bits(&x.to_vec())));
            });
            out
        };
        let plain = run(Isa::Plain);
        assert_eq!(plain.len(), 1000);
        for isa in Isa::available() {
            assert!(run(isa) == plain, "{isa:?} differs from plain code");
        }
    }

    #[test]
    fn every_instruction_set_gives_the_same_numbers() {
        for path in [
            "tests/data/format_example.ron",
            "tests/data/model2_example.ron",
            "benches/data/large.ron",
            "scenarios/dvla-local-offices.ron",
            "scenarios/moj-back-office.ron",
        ] {
            every_isa_is_identical(&Plan::new(&example(path)));
        }
        every_isa_is_identical(&Plan::new(&shapes_sampled()));
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

    /// Model 2: correlated inputs are reordered the same way in the fast
    /// kernel and through `compute`, on every instruction set.
    #[test]
    fn fast_kernel_matches_compute_with_correlated_inputs() {
        let plan = Plan::new(&super::super::correlate::draws::correlated());
        fast_equals_reference(&plan);
        every_isa_is_identical(&plan);
    }

    /// Model 2: transfers (redundancy by months and by the scheme, with
    /// sampled years of service; regulatory fines) in every draw.
    #[test]
    fn fast_kernel_matches_compute_on_the_model_2_example() {
        let mut s = example("tests/data/model2_example.ron");
        s.settings.optimism_bias.costs_uplift = Value::Uniform {
            low: 0.0,
            high: 0.41,
        };
        s.office_closures[0].redundancy_months = Value::Uniform {
            low: 0.0,
            high: 12.0,
        };
        fast_equals_reference(&Plan::new(&s));
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
        fast_equals_reference(&Plan::new(&shapes_sampled()));
    }

    /// The benchmark scenario with every kind of slow path.
    fn shapes_sampled() -> crate::scenario::Scenario {
        let mut s = example("benches/data/large.ron");
        s.settings.discounting = Discounting::Constant(Value::Uniform {
            low: 0.01,
            high: 0.05,
        });
        // Model 2: falling prices and an eroding saving take the same path.
        s.settings.inflation = Value::Uniform {
            low: -0.01,
            high: 0.04,
        };
        s.savings[2].growth = Value::Tri {
            low: -0.5,
            mode: -0.02,
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
        s
    }
}
