//! Break-even speed: what a right-click "Break-even…" in the app costs on
//! the UI thread (compiling the plan, then the solver over the default
//! range), for the `MoJ` claim and for every input of the largest bundled
//! scenario in turn. `cargo bench --no-default-features --bench break_even`;
//! results and the machine are in docs/benchmarks.md.

use std::hint::black_box;
use std::path::Path;

use counterweight::model::Plan;
use counterweight::scenario::load_path;
use counterweight::uncertainty::break_even::{break_even, default_range};
use criterion::{Criterion, criterion_group, criterion_main};

fn solve_all(plan: &Plan) -> usize {
    (0..plan.params.len())
        .filter(|&p| {
            let (lo, hi) = default_range(plan, p);
            break_even(plan, p, lo, hi).is_ok()
        })
        .count()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut group = c.benchmark_group("break-even");
    group.sample_size(20);
    let moj = load_path(&root.join("moj-back-office.ron"))
        .expect("the MoJ example")
        .scenario;
    group.bench_function("moj-back-office: savings[0].amount, with Plan::new", |b| {
        b.iter(|| {
            let plan = Plan::new(black_box(&moj));
            let p = plan.find("savings[0].amount").expect("the claim");
            let (lo, hi) = default_range(&plan, p);
            black_box(break_even(&plan, p, lo, hi))
        });
    });
    let dvla = load_path(&root.join("dvla-local-offices.ron"))
        .expect("the DVLA example")
        .scenario;
    let plan = Plan::new(&dvla);
    group.bench_function("dvla-local-offices: Plan::new", |b| {
        b.iter(|| black_box(Plan::new(black_box(&dvla))));
    });
    group.bench_function(
        format!(
            "dvla-local-offices: every input in turn ({} inputs)",
            plan.params.len()
        ),
        |b| b.iter(|| black_box(solve_all(black_box(&plan)))),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
