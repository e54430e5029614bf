//! Rank correlation of Monte Carlo draws by Iman and Conover's reordering
//! (1982), as @RISK and Crystal Ball do (model 2). Each input keeps exactly
//! the values it drew — only their order across the draws of a block
//! changes — so every input keeps its own distribution. The reordering is
//! made within each block of draws from that block's generators, so the
//! results are the same at any thread count.
//!
//! For `n` draws of `k` inputs: a column of van der Waerden scores
//! `Φ⁻¹(i / (n + 1))` per input, each randomly permuted; their sample
//! correlation `E = Q Qᵀ`; then `T = S (Q⁻¹)ᵀ Lᵀ` has the target
//! correlation `L Lᵀ` exactly, and each input's draws are put in the rank
//! order of its column of `T`.

use rand_core::Rng as _;
use rand_pcg::Pcg64;

use crate::model::correlation::cholesky;

/// Reorders each of `columns` (one per input, all the same length) so that
/// their rank correlations follow the factor `l` (`k × k`, lower
/// triangular, row by row). Fewer than `k + 3` draws are left as they are:
/// too few to correlate. `scores` keeps the van der Waerden scores between
/// calls (they depend on the number of draws only).
pub fn reorder(columns: &mut [Vec<f64>], l: &[f64], rng: &mut Pcg64, scores: &mut Vec<f64>) {
    let k = columns.len();
    let n = columns.first().map_or(0, Vec::len);
    if k < 2 || n < k + 3 {
        return;
    }
    if scores.len() != n {
        *scores = (1..=n)
            .map(|i| normal_quantile(i as f64 / (n + 1) as f64))
            .collect();
    }
    let scores = &scores[..];
    // S, row by row: each column a random permutation of the scores.
    let mut s = vec![0.0; n * k];
    let mut column = scores.to_vec();
    for j in 0..k {
        column.copy_from_slice(scores);
        for i in (1..n).rev() {
            let r = (rng.next_u64() % (i as u64 + 1)) as usize;
            column.swap(i, r);
        }
        for (i, v) in column.iter().enumerate() {
            s[i * k + j] = *v;
        }
    }
    // E: every column has the same (zero) mean and the same sum of squares.
    let ss: f64 = scores.iter().map(|a| a * a).sum();
    let mut e = vec![0.0; k * k];
    for row in s.chunks_exact(k) {
        for a in 0..k {
            for b in 0..k {
                e[a * k + b] += row[a] * row[b];
            }
        }
    }
    for v in &mut e {
        *v /= ss;
    }
    let Ok(q) = cholesky(&e, k) else {
        return;
    };
    if (0..k).any(|j| q[j * k + j] <= 1e-12) {
        return;
    }
    // T row by row: y = Q⁻¹ s (forward substitution), t = L y.
    let mut t = vec![0.0; n * k];
    let mut y = vec![0.0; k];
    for (row, out) in s.chunks_exact(k).zip(t.chunks_exact_mut(k)) {
        for a in 0..k {
            let sum: f64 = (0..a).map(|b| q[a * k + b] * y[b]).sum();
            y[a] = (row[a] - sum) / q[a * k + a];
        }
        for a in 0..k {
            out[a] = (0..=a).map(|b| l[a * k + b] * y[b]).sum();
        }
    }
    // Each input's values in the rank order of its column of T.
    // (key, draw) pairs side by side sort faster than draws by a key
    // looked up elsewhere.
    let mut order: Vec<(f64, usize)> = Vec::with_capacity(n);
    let mut sorted = vec![0.0; n];
    for (j, values) in columns.iter_mut().enumerate() {
        order.clear();
        order.extend((0..n).map(|i| (t[i * k + j], i)));
        order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        sorted.copy_from_slice(values);
        sorted.sort_unstable_by(f64::total_cmp);
        for (rank, &(_, draw)) in order.iter().enumerate() {
            values[draw] = sorted[rank];
        }
    }
}

/// Φ⁻¹(p), the standard normal quantile, for 0 < p < 1 (Acklam's rational
/// approximation, relative error below 1.2e-9: far finer than ranks need).
#[must_use]
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_at_known_points() {
        assert!(normal_quantile(0.5).abs() < 1e-12);
        assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
        assert!((normal_quantile(0.01) + 2.326_347_874).abs() < 1e-8);
    }
}

#[cfg(test)]
pub(crate) mod draws {
    use crate::model::Plan;
    use crate::scenario::{Correlation, Flow, JobMove, Profile, Scenario, Value, validate};
    use crate::uncertainty::write_samples;

    /// Three correlated pairs among four inputs, and a fifth input left alone.
    pub(crate) fn correlated() -> Scenario {
        let mut s = Scenario::new("correlated", 2020, 10);
        s.savings.push(Flow::new(
            "savings",
            Value::Tri {
                low: 50e6,
                mode: 100e6,
                high: 120e6,
            },
            Profile::Annual {
                from: 2020,
                to: None,
            },
        ));
        s.costs.push(Flow::new(
            "costs",
            Value::Pert {
                low: 5e6,
                mode: 10e6,
                high: 30e6,
            },
            Profile::Once(2020),
        ));
        s.job_moves.push(JobMove {
            label: "jobs".into(),
            jobs: Value::Uniform {
                low: 100.0,
                high: 300.0,
            },
            year: 2021,
            salary: Value::Point(24_000.0),
            redundancy_months: Value::Point(0.0),
            redundancy: None,
            local_multiplier: None,
            note: String::new(),
        });
        s.settings.inflation = Value::Uniform {
            low: 0.0,
            high: 0.04,
        };
        let pair = |a: &str, b: &str, rank: f64| Correlation {
            a: a.into(),
            b: b.into(),
            rank,
            note: String::new(),
        };
        s.correlations = vec![
            pair("savings[0].amount", "job_moves[0].jobs", 0.6),
            pair("costs[0].amount", "job_moves[0].jobs", -0.4),
            pair("assumptions.months_out_of_work", "savings[0].amount", 0.3),
        ];
        s
    }

    /// Spearman's rank correlation of two columns (no ties in continuous draws).
    fn spearman(a: &[f64], b: &[f64]) -> f64 {
        let ranks = |v: &[f64]| {
            let mut order: Vec<usize> = (0..v.len()).collect();
            order.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
            let mut r = vec![0.0; v.len()];
            for (rank, &i) in order.iter().enumerate() {
                r[i] = rank as f64;
            }
            r
        };
        let (ra, rb) = (ranks(a), ranks(b));
        let n = a.len() as f64;
        let mean = (n - 1.0) / 2.0;
        let cov: f64 = ra
            .iter()
            .zip(&rb)
            .map(|(x, y)| (x - mean) * (y - mean))
            .sum();
        let var: f64 = ra.iter().map(|x| (x - mean) * (x - mean)).sum();
        cov / var
    }

    #[test]
    fn twenty_thousand_draws_have_the_asked_rank_correlations_and_keep_each_distribution() {
        let s = correlated();
        assert!(validate(&s).is_empty(), "{:?}", validate(&s));
        let plan = Plan::new(&s);
        let n = 20_000;
        let mut out = Vec::new();
        write_samples(&plan, n, 11, &mut out).expect("in memory");
        let text = String::from_utf8(out).expect("utf-8");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        let rows: Vec<Vec<f64>> = lines
            .map(|l| l.split(',').map(|v| v.parse().expect("number")).collect())
            .collect();
        let col = |name: &str| -> Vec<f64> {
            let i = header.iter().position(|h| *h == name).expect(name);
            rows.iter().map(|r| r[i]).collect()
        };
        let target = |a: &str, b: &str| {
            s.correlations
                .iter()
                .find(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
                .map_or(0.0, |c| c.rank)
        };
        let inputs = [
            "settings.inflation",
            "assumptions.months_out_of_work",
            "savings[0].amount",
            "costs[0].amount",
            "job_moves[0].jobs",
        ];
        for (i, a) in inputs.iter().enumerate() {
            for b in &inputs[i + 1..] {
                let (got, want) = (spearman(&col(a), &col(b)), target(a, b));
                assert!(
                    (got - want).abs() <= 0.05,
                    "{a} ~ {b}: {got} (target {want})"
                );
            }
        }
        // Each input's mean within 4 standard errors of its distribution's.
        for name in inputs {
            let p = plan.find(name).expect("an input");
            let v = plan.params[p].value;
            let (mean, sd) = match v {
                Value::Tri {
                    low: a,
                    mode: c,
                    high: b,
                } => (
                    (a + b + c) / 3.0,
                    ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0).sqrt(),
                ),
                Value::Pert {
                    low: a,
                    mode: c,
                    high: b,
                } => {
                    let mu = (a + 4.0 * c + b) / 6.0;
                    (mu, ((mu - a) * (b - mu) / 7.0).sqrt())
                }
                Value::Uniform { low, high } => {
                    (f64::midpoint(low, high), (high - low) / 12f64.sqrt())
                }
                Value::Point(x) => (x, 0.0),
            };
            let x = col(name);
            let got = x.iter().sum::<f64>() / x.len() as f64;
            let se = sd / (n as f64).sqrt();
            assert!(
                (got - mean).abs() <= 4.0 * se,
                "{name}: mean {got}, expected {mean} ± {se}"
            );
        }
    }

    #[test]
    fn correlations_change_only_the_draws_of_the_correlated_inputs() {
        // The same file without correlations: every other input draws the
        // same numbers, and each correlated input the same values in another order.
        let s = correlated();
        let mut plain = s.clone();
        plain.correlations.clear();
        let csv = |s: &Scenario| {
            let mut out = Vec::new();
            write_samples(&Plan::new(s), 5000, 3, &mut out).expect("in memory");
            let text = String::from_utf8(out).expect("utf-8");
            let rows: Vec<Vec<f64>> = text
                .lines()
                .skip(1)
                .map(|l| l.split(',').map(|v| v.parse().expect("number")).collect())
                .collect();
            rows
        };
        let (a, b) = (csv(&s), csv(&plain));
        // Column 0 is settings.inflation, not correlated.
        assert!(a.iter().zip(&b).all(|(x, y)| x[0] == y[0]));
        // Column 2 is savings[0].amount: the same values per block, reordered.
        let mut x: Vec<f64> = a[..4096].iter().map(|r| r[2]).collect();
        let mut y: Vec<f64> = b[..4096].iter().map(|r| r[2]).collect();
        assert_ne!(x, y);
        x.sort_by(f64::total_cmp);
        y.sort_by(f64::total_cmp);
        assert_eq!(x, y);
    }
}
