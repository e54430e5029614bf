//! Break-even, "what has to be true" (docs/methodology.md): the value of one input at
//! which NPV(NSV) = 0, all else central. Moving a shared input (the
//! assumptions' local multiplier, say) moves every item that uses it.

use thiserror::Error;

use crate::model::plan::P;
use crate::model::{Lines, Plan, npv_net_social_value};

/// Relative tolerance on the input's value (docs/methodology.md).
pub const TOLERANCE: f64 = 1e-9;

/// Points tried across the range before refining, so that a crossing inside
/// the range is found even when both ends have the same sign.
const SCAN: usize = 64;

/// NPV(NSV) does not reach zero in the range: an answer, not a failure.
#[derive(Clone, Copy, Debug, Error, PartialEq)]
#[error("net social value does not cross zero between {lo} and {hi}")]
pub struct NoCrossing {
    pub lo: f64,
    pub hi: f64,
    /// NPV(NSV) at each end.
    pub npv_at_lo: f64,
    pub npv_at_hi: f64,
}

/// The value of parameter `param` in `lo..=hi` at which NPV(NSV) = 0, all
/// else central: the crossing nearest `lo`, found by scanning the range in
/// 64 steps (`SCAN`) and refining the first sign change with Brent's method to
/// relative tolerance [`TOLERANCE`].
pub fn break_even(plan: &Plan, param: P, lo: f64, hi: f64) -> Result<f64, NoCrossing> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let mut x = plan.central();
    let mut lines = Lines::new(plan.horizon);
    let mut f = |v: f64| {
        x[param] = v;
        npv_net_social_value(plan, &x, &mut lines)
    };
    let (mut a, mut fa) = (lo, f(lo));
    if fa == 0.0 {
        return Ok(lo);
    }
    let npv_at_hi = f(hi);
    for i in 1..=SCAN {
        let b = if i == SCAN {
            hi
        } else {
            lo + (hi - lo) * i as f64 / SCAN as f64
        };
        let fb = if i == SCAN { npv_at_hi } else { f(b) };
        if fb == 0.0 {
            return Ok(b);
        }
        if fa.signum() != fb.signum() {
            return Ok(brent(&mut f, a, b, fa, fb));
        }
        (a, fa) = (b, fb);
    }
    Err(NoCrossing {
        lo,
        hi,
        npv_at_lo: f(lo),
        npv_at_hi,
    })
}

/// Brent's method on a bracket `[a, b]` with `f(a)`, `f(b)` of opposite signs
/// (after Numerical Recipes' `zbrent`).
fn brent(f: &mut impl FnMut(f64) -> f64, a: f64, b: f64, fa: f64, fb: f64) -> f64 {
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    let (mut c, mut fc) = (b, fb);
    let (mut d, mut e) = (b - a, b - a);
    let scale = (b - a).abs();
    for _ in 0..200 {
        if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * (TOLERANCE * b.abs() + 1e-15 * scale);
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return b;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation, or the secant when a == c.
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = d;
            }
        } else {
            d = m;
            e = d;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
    }
    b
}

/// The range `solve` searches when none is given: from
/// `min(0, 10 · central, low − width)` to `max(0, 10 · central, high + width)`,
/// where `low`, `high` and `width = high − low` are the input's own (a point
/// has width 0), never below 0 for an input that cannot be negative; `[v, v + 1]`
/// if that range is a single value `v`.
#[must_use]
pub fn default_range(plan: &Plan, param: P) -> (f64, f64) {
    let v = &plan.params[param].value;
    let (low, high) = v.bounds();
    let width = high - low;
    let central = v.central_as(plan.central_as);
    let mut lo = 0f64.min(10.0 * central).min(low - width);
    let hi = 0f64.max(10.0 * central).max(high + width);
    if low >= 0.0 {
        lo = lo.max(0.0);
    }
    if lo == hi { (lo, lo + 1.0) } else { (lo, hi) }
}

/// [`default_range`] kept inside the range a file's value for the input must
/// lie in (`solve`): a probability is searched within 0–1, not out to
/// 10 × its central value.
#[must_use]
pub fn default_range_within_limits(plan: &Plan, param: P) -> (f64, f64) {
    let (lo, hi) = default_range(plan, param);
    let (min, max, _) =
        crate::scenario::validate::Quantity::of_input(&plan.params[param].path).range();
    let (lo, hi) = (lo.clamp(min, max), hi.clamp(min, max));
    if lo < hi {
        (lo, hi)
    } else if hi < max {
        (lo, (lo + 1.0).min(max))
    } else {
        ((hi - 1.0).max(min), hi)
    }
}

/// The valid paths nearest `path` (edit distance), nearest first, at most `n`.
#[must_use]
pub fn nearest_paths(plan: &Plan, path: &str, n: usize) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = plan
        .params
        .iter()
        .map(|p| (edit_distance(path, &p.path), p.path.as_str()))
        .collect();
    scored.sort_by_key(|&(d, _)| d);
    scored
        .into_iter()
        .take(n)
        .map(|(_, p)| p.to_owned())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diag + usize::from(ca != *cb));
            diag = up;
        }
    }
    row[b.len()]
}
