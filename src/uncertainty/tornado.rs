//! The tornado (docs/methodology.md "Sensitivity and break-even"): NPV(NSV) with one
//! input at its low and at its high, all else central, largest swing first.
//!
//! Its cost is linear in the inputs: O(inputs × horizon). With the inputs
//! that move every line (inflation, optimism bias, the discount rate, the
//! displaced-worker assumptions) held central, NPV(NSV) is the sum of each
//! item's own NPV (every line is a sum over items, and the yearly
//! combination is linear in those sums). So an input that belongs to one
//! item moves NPV(NSV) by that item's own change, worked out on a plan of
//! that item alone in O(horizon); only the few inputs shared by items, or
//! by every line, are evaluated on the whole plan. Recomputing the whole
//! plan for every input cost O(inputs²): 16.7 s for 3,000 uncertain savings.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::plan::{
    ClosurePlan, DataRiskPlan, DisplacedPlan, FinePlan, FlowPlan, P, ProfilePlan,
};
use crate::model::{Lines, Plan, npv_net_social_value};

/// One bar: an input moved to its low and high.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The parameter's path, as `solve --input` takes it.
    pub input: String,
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub npv_at_low: f64,
    pub npv_at_high: f64,
}

impl TornadoBar {
    /// |NPV at high − NPV at low|: what the bars are sorted by.
    #[must_use]
    pub fn swing(&self) -> f64 {
        (self.npv_at_high - self.npv_at_low).abs()
    }
}

/// Every distribution input at its low and high; with `swing = Some(s)`
/// (a fraction: 0.1 for ±10 %) also every non-zero point input at
/// `(1 ∓ s) · value`. Sorted by swing, largest first; equal swings keep the
/// order of the inputs in the file.
#[must_use]
pub fn tornado(plan: &Plan, swing: Option<f64>) -> Vec<TornadoBar> {
    let never = AtomicBool::new(false);
    tornado_with(plan, swing, &never, &|_| {}).unwrap_or_default()
}

/// [`tornado`], stopping (with `None`) soon after `cancel` is set, and
/// telling `progress` the fraction of inputs done (0–1) now and then.
pub fn tornado_with(
    plan: &Plan,
    swing: Option<f64>,
    cancel: &AtomicBool,
    progress: &dyn Fn(f32),
) -> Option<Vec<TornadoBar>> {
    let mut x = plan.central();
    let mut lines = Lines::new(plan.horizon);
    let central_npv = npv_net_social_value(plan, &x, &mut lines);
    let owner = owners(plan);
    // One item at a time, on a plan with no other items: its own NPV.
    // (Every field named: one added later must be thought about here.)
    let mut alone = Plan {
        params: Vec::new(),
        start_year: plan.start_year,
        horizon: plan.horizon,
        price_base: plan.price_base,
        discounting: plan.discounting,
        discount_rate: plan.discount_rate,
        fixed_factors: plan.fixed_factors.clone(),
        inflation: plan.inflation,
        costs_uplift: plan.costs_uplift,
        savings_haircut: plan.savings_haircut,
        central_as: plan.central_as,
        assumptions: plan.assumptions.clone(),
        savings: Vec::new(),
        costs: Vec::new(),
        fines: Vec::new(),
        displaced: Vec::new(),
        closures: Vec::new(),
        data_risks: Vec::new(),
        correlated: None,
    };
    // The item whose central NPV is in `item_central`.
    let mut item_central: Option<(Item, f64)> = None;
    let mut bars = Vec::new();
    let n = plan.params.len().max(1);
    for (i, p) in plan.params.iter().enumerate() {
        if i % 256 == 0 {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            progress(i as f32 / n as f32);
        }
        let (low, high) = if p.value.is_uncertain() {
            p.value.bounds()
        } else {
            let v = p.value.central();
            match swing {
                Some(s) if v != 0.0 => (v * (1.0 - s), v * (1.0 + s)),
                _ => continue,
            }
        };
        let central = x[i];
        let (npv_at_low, npv_at_high) = match owner[i] {
            Owner::One(item) => {
                put_alone(plan, &mut alone, item);
                let base = match item_central {
                    Some((it, v)) if it == item => v,
                    _ => {
                        let v = npv_net_social_value(&alone, &x, &mut lines);
                        item_central = Some((item, v));
                        v
                    }
                };
                x[i] = low;
                let at_low = npv_net_social_value(&alone, &x, &mut lines);
                x[i] = high;
                let at_high = npv_net_social_value(&alone, &x, &mut lines);
                (
                    central_npv + (at_low - base),
                    central_npv + (at_high - base),
                )
            }
            Owner::Many => {
                x[i] = low;
                let at_low = npv_net_social_value(plan, &x, &mut lines);
                x[i] = high;
                let at_high = npv_net_social_value(plan, &x, &mut lines);
                (at_low, at_high)
            }
        };
        x[i] = central;
        bars.push(TornadoBar {
            input: p.path.clone(),
            label: p.label.clone(),
            low,
            high,
            npv_at_low,
            npv_at_high,
        });
    }
    progress(1.0);
    // A stable sort keeps file order among equal swings.
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    Some(bars)
}

/// One item of the plan, by list and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Saving(usize),
    Cost(usize),
    Fine(usize),
    Displaced(usize),
    Closure(usize),
    DataRisk(usize),
}

/// Who reads a parameter: one item only, or more (several items, or the
/// lines every item feeds). Anything not known to be one item's is
/// `Many`, which is always right, only slower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    One(Item),
    Many,
}

fn owners(plan: &Plan) -> Vec<Owner> {
    let mut seen: Vec<Option<Owner>> = vec![None; plan.params.len()];
    let mut mark = |p: P, item: Item| {
        if let Some(slot) = seen.get_mut(p) {
            *slot = match *slot {
                None => Some(Owner::One(item)),
                Some(Owner::One(other)) if other == item => Some(Owner::One(item)),
                Some(_) => Some(Owner::Many),
            };
        }
    };
    let profile = |p: &ProfilePlan| match p {
        ProfilePlan::Custom { shares, .. } => shares.clone(),
        _ => Vec::new(),
    };
    let flow = |f: &FlowPlan| {
        let mut v = vec![f.amount, f.growth];
        v.extend(profile(&f.profile));
        v
    };
    let fine = |f: &FinePlan| {
        let mut v = vec![f.amount, f.probability];
        v.extend(profile(&f.profile));
        v
    };
    let displaced = |d: &DisplacedPlan| {
        vec![
            d.workers,
            d.salary,
            d.local_multiplier,
            d.redundancy.input(),
        ]
    };
    let closure = |c: &ClosurePlan| {
        vec![
            c.offices,
            c.running_cost_per_office,
            c.closure_cost_per_office,
            c.staff_relocated,
            c.relocation_cost_per_person,
            c.public_access_cost,
        ]
    };
    let risk = |r: &DataRiskPlan| {
        vec![
            r.records,
            r.annual_probability,
            r.exposed_share,
            r.harm_per_record,
            r.regulatory_fine,
        ]
    };
    for (i, f) in plan.savings.iter().enumerate() {
        for p in flow(f) {
            mark(p, Item::Saving(i));
        }
    }
    for (i, f) in plan.costs.iter().enumerate() {
        for p in flow(f) {
            mark(p, Item::Cost(i));
        }
    }
    for (i, f) in plan.fines.iter().enumerate() {
        for p in fine(f) {
            mark(p, Item::Fine(i));
        }
    }
    for (i, d) in plan.displaced.iter().enumerate() {
        for p in displaced(d) {
            mark(p, Item::Displaced(i));
        }
    }
    for (i, c) in plan.closures.iter().enumerate() {
        for p in closure(c) {
            mark(p, Item::Closure(i));
        }
    }
    for (i, r) in plan.data_risks.iter().enumerate() {
        for p in risk(r) {
            mark(p, Item::DataRisk(i));
        }
    }
    // Read by every line.
    let a = &plan.assumptions;
    let global = [
        Some(plan.inflation),
        Some(plan.costs_uplift),
        Some(plan.savings_haircut),
        plan.discount_rate,
        Some(a.months_out_of_work),
        Some(a.wage_scarring),
        Some(a.wellbeing_loss),
        Some(a.wellby_value),
        Some(a.exchequer_tax_rate),
        Some(a.benefit_per_year),
    ];
    for p in global.into_iter().flatten() {
        if let Some(slot) = seen.get_mut(p) {
            *slot = Some(Owner::Many);
        }
    }
    seen.into_iter().map(|o| o.unwrap_or(Owner::Many)).collect()
}

/// Makes `alone` hold `item` of `plan` and nothing else.
fn put_alone(plan: &Plan, alone: &mut Plan, item: Item) {
    fn one<T: Clone>(out: &mut Vec<T>, from: Option<&T>) {
        out.clear();
        out.extend(from.cloned());
    }
    let same = match item {
        Item::Saving(i) => alone.savings.first() == plan.savings.get(i),
        Item::Cost(i) => alone.costs.first() == plan.costs.get(i),
        Item::Fine(i) => alone.fines.first() == plan.fines.get(i),
        Item::Displaced(i) => alone.displaced.first() == plan.displaced.get(i),
        Item::Closure(i) => alone.closures.first() == plan.closures.get(i),
        Item::DataRisk(i) => alone.data_risks.first() == plan.data_risks.get(i),
    };
    let count = alone.savings.len()
        + alone.costs.len()
        + alone.fines.len()
        + alone.displaced.len()
        + alone.closures.len()
        + alone.data_risks.len();
    if same && count == 1 {
        return;
    }
    alone.savings.clear();
    alone.costs.clear();
    alone.fines.clear();
    alone.displaced.clear();
    alone.closures.clear();
    alone.data_risks.clear();
    match item {
        Item::Saving(i) => one(&mut alone.savings, plan.savings.get(i)),
        Item::Cost(i) => one(&mut alone.costs, plan.costs.get(i)),
        Item::Fine(i) => one(&mut alone.fines, plan.fines.get(i)),
        Item::Displaced(i) => one(&mut alone.displaced, plan.displaced.get(i)),
        Item::Closure(i) => one(&mut alone.closures, plan.closures.get(i)),
        Item::DataRisk(i) => one(&mut alone.data_risks, plan.data_risks.get(i)),
    }
}
