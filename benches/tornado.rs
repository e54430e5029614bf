//! Tornado speed against the number of uncertain inputs: N uncertain
//! savings flows (amount and growth uncertain, so 2N + 1 bars), every year
//! of a 100-year horizon, for N = 50, 500 and 5,000 (100, 1,000 and 10,000
//! inputs), and the worst case inside the validator's limits (10,000
//! flows: 20,000 inputs). Linear cost means the time per input stays flat.
//! `cargo bench --no-default-features --bench tornado`; results and the
//! machine are in docs/benchmarks.md.

use std::hint::black_box;

use counterweight::model::Plan;
use counterweight::scenario::{Flow, Profile, Scenario, Value};
use counterweight::uncertainty::tornado;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// `flows` uncertain savings over 100 years, as `tools/worst_case.py` writes.
fn scenario(flows: usize) -> Scenario {
    let mut s = Scenario::new("tornado bench", 2025, 100);
    for i in 0..flows {
        let mut f = Flow::new(
            format!("Saving {}", i + 1),
            Value::Tri {
                low: 800_000.0,
                mode: 1_000_000.0,
                high: 1_300_000.0,
            },
            Profile::Annual {
                from: 2025,
                to: None,
            },
        );
        f.growth = Value::Uniform {
            low: 0.0,
            high: 0.01,
        };
        s.savings.push(f);
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("tornado");
    group.sample_size(10);
    for flows in [50, 500, 5_000, 10_000] {
        let plan = Plan::new(&scenario(flows));
        let inputs = plan
            .params
            .iter()
            .filter(|p| p.value.is_uncertain())
            .count();
        group.throughput(Throughput::Elements(inputs as u64));
        group.bench_with_input(
            BenchmarkId::new("uncertain inputs, 100 years", inputs),
            &plan,
            |b, plan| b.iter(|| black_box(tornado(black_box(plan), None))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
