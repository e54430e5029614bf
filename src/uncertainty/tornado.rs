//! The tornado (docs/methodology.md "Sensitivity and break-even"): NPV(NSV) with one
//! input at its low and at its high, all else central, largest swing first.

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
    let mut x = plan.central();
    let mut lines = Lines::new(plan.horizon);
    let mut bars = Vec::new();
    for (i, p) in plan.params.iter().enumerate() {
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
        x[i] = low;
        let npv_at_low = npv_net_social_value(plan, &x, &mut lines);
        x[i] = high;
        let npv_at_high = npv_net_social_value(plan, &x, &mut lines);
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
    // A stable sort keeps file order among equal swings.
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    bars
}
