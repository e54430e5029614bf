//! Monte Carlo speed: 10k, 100k and 1M draws of the largest bundled
//! scenario, and of the `MoJ` example for comparison, on all cores. `cargo bench --no-default-features --bench monte_carlo`; results
//! and the machine are recorded in docs/benchmarks.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use counterweight::model::Plan;
use counterweight::scenario::load_path;
use counterweight::uncertainty::MonteCarlo;
use criterion::{Criterion, criterion_group, criterion_main};

/// The largest `.ron` file in `scenarios/` (the bundled scenarios), else the
/// synthetic benchmark scenario.
fn largest_scenario() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(root.join("scenarios"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|p| {
            let s = load_path(&p).ok()?.scenario;
            let plan = Plan::new(&s);
            // Work per draw: years × (items + uncertain inputs).
            let size = plan.horizon
                * (plan
                    .params
                    .iter()
                    .filter(|p| p.value.is_uncertain())
                    .count()
                    + plan.savings.len()
                    + plan.costs.len()
                    + plan.fines.len()
                    + plan.displaced.len()
                    + plan.data_risks.len());
            Some((size, p))
        })
        .max()
        .map_or_else(|| root.join("benches/data/large.ron"), |(_, p)| p)
}

fn monte_carlo(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![largest_scenario()];
    let moj = root.join("scenarios/moj-back-office.ron");
    if moj.exists() && !paths.contains(&moj) {
        paths.push(moj);
    }
    for path in paths {
        bench_scenario(c, &path);
    }
}

fn bench_scenario(c: &mut Criterion, path: &Path) {
    let scenario = load_path(path).expect("benchmark scenario loads").scenario;
    let plan = Plan::new(&scenario);
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group(format!(
        "monte_carlo/{}",
        path.file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    ));
    group.sample_size(10);
    for draws in [10_000, 100_000, 1_000_000] {
        let mc = MonteCarlo {
            draws,
            seed: 1,
            threads: 0,
        };
        group.bench_function(format!("{draws}"), |b| {
            b.iter(|| black_box(mc.run(&plan, &cancel, &|_| {})));
        });
    }
    group.finish();
}

criterion_group!(benches, monte_carlo);
criterion_main!(benches);
