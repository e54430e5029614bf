//! `report --samples FILE.csv` (model 2): every Monte Carlo draw as a row —
//! each uncertain input by its path, then the four NPVs — for checking or
//! reusing the draws in Excel, R or Python.
//!
//! The rows are the very draws [`MonteCarlo::run`](super::MonteCarlo::run)
//! summarises: the same blocks of [`BLOCK`] draws, each from its own
//! generator stream, replayed in order on one thread and written as they are
//! made, so a million draws never need a million rows in memory.

use std::io::{self, Write};

use super::kernel::{Batch, Kernel, Workspace};
use super::monte_carlo::BLOCK;
use super::sample::block_streams;
use crate::model::Plan;

/// The four NPV columns after the inputs.
const TOTALS: [&str; 4] = [
    "net_savings",
    "social_cost",
    "net_social_value",
    "exchequer_net",
];

/// Writes `draws` draws from `seed` as CSV to `out`: a header row, then a
/// row per draw. Numbers are written in the shortest form that reads back to
/// the same value; the uncertain inputs are those with a distribution, in
/// the order of the file.
///
/// # Errors
/// The first error writing to `out`.
pub fn write_samples(plan: &Plan, draws: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let inputs: Vec<usize> = (0..plan.params.len())
        .filter(|&p| plan.params[p].value.is_uncertain())
        .collect();
    let header: Vec<&str> = inputs
        .iter()
        .map(|&p| plan.params[p].path.as_str())
        .chain(TOTALS)
        .collect();
    writeln!(out, "{}", header.join(","))?;
    let kernel = Kernel::new(plan);
    let mut ws = Workspace::new(&kernel);
    let mut failed: Option<io::Error> = None;
    let mut line = String::new();
    for block in 0..draws.div_ceil(BLOCK) {
        let count = BLOCK.min(draws - block * BLOCK);
        let mut streams = block_streams(seed, block as u64);
        let mut sink = |b: &Batch<'_>| {
            if failed.is_some() {
                return;
            }
            for lane in 0..b.n {
                line.clear();
                let x = b.inputs(lane);
                let values = inputs
                    .iter()
                    .map(|&p| x[p])
                    .chain(b.totals.iter().map(|t| t[lane]));
                for (i, v) in values.enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    line.push_str(&v.to_string());
                }
                line.push('\n');
                if let Err(e) = out.write_all(line.as_bytes()) {
                    failed = Some(e);
                    return;
                }
            }
        };
        kernel.batches(&mut streams, &mut ws, count, &mut sink);
        if let Some(e) = failed {
            return Err(e);
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::scenario::load_path;
    use crate::uncertainty::MonteCarlo;

    fn rows(plan: &Plan, draws: usize, seed: u64) -> (Vec<String>, Vec<Vec<f64>>) {
        let mut out = Vec::new();
        write_samples(plan, draws, seed, &mut out).expect("written to memory");
        let text = String::from_utf8(out).expect("utf-8");
        let mut lines = text.lines();
        let header = lines
            .next()
            .expect("a header")
            .split(',')
            .map(str::to_owned)
            .collect();
        let rows = lines
            .map(|l| l.split(',').map(|v| v.parse().expect("a number")).collect())
            .collect();
        (header, rows)
    }

    /// The rows are the draws the summary is made of: one per draw, the
    /// inputs inside their ranges, and the NPV columns' means and medians
    /// those of the Monte Carlo summary (blocks past the first included).
    #[test]
    fn samples_are_the_draws_the_monte_carlo_summary_is_made_of() {
        let s = load_path(std::path::Path::new("tests/data/model2_example.ron"))
            .expect("example")
            .scenario;
        let plan = Plan::new(&s);
        let draws = BLOCK + 1000;
        let (header, rows) = rows(&plan, draws, 7);
        let uncertain: Vec<&str> = plan
            .params
            .iter()
            .filter(|p| p.value.is_uncertain())
            .map(|p| p.path.as_str())
            .collect();
        assert_eq!(header[..uncertain.len()], uncertain[..]);
        assert!(header.contains(&"job_moves[1].redundancy.service_years".to_owned()));
        assert_eq!(header[uncertain.len()..], TOTALS);
        assert_eq!(rows.len(), draws);
        for row in &rows {
            assert_eq!(row.len(), header.len());
            for (v, path) in row.iter().zip(&uncertain) {
                let p = plan.find(path).expect("a path of the plan");
                let (lo, hi) = plan.params[p].value.bounds();
                assert!(*v >= lo && *v <= hi, "{path} {v}");
            }
        }
        let summary = MonteCarlo {
            draws,
            seed: 7,
            threads: 2,
        }
        .run(&plan, &AtomicBool::new(false), &|_| {})
        .expect("a run");
        let col = |name: &str| -> Vec<f64> {
            let i = header.iter().position(|h| h == name).expect("column");
            rows.iter().map(|r| r[i]).collect()
        };
        for (name, stats) in [
            ("net_savings", summary.net_savings),
            ("net_social_value", summary.net_social_value),
        ] {
            let mut v = col(name);
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            assert!(
                (mean - stats.mean).abs() <= 1e-9 * stats.mean.abs(),
                "{name}"
            );
            let median = crate::uncertainty::quantile::percentiles(&mut v, &[0.5])[0];
            assert_eq!(median, stats.p50, "{name}");
        }
    }

    #[test]
    fn a_scenario_without_distributions_has_only_the_npv_columns() {
        let mut s = crate::scenario::Scenario::new("points", 2020, 3);
        s.assumptions.months_out_of_work = crate::scenario::Value::Point(9.0);
        let plan = Plan::new(&s);
        let (header, rows) = rows(&plan, 3, 1);
        assert_eq!(header, TOTALS);
        assert_eq!(rows, vec![vec![0.0; 4]; 3]);
    }
}
