//! Chart export speed: every kind as SVG and as a 1600 × 900 PNG at 2×.
//! The target is under 100 ms each. Run with
//! `cargo bench --no-default-features --bench export`.

use std::hint::black_box;

use counterweight::chart::{self, Basis, Chart, Subject, TornadoBar, YearBand};
use counterweight::model::evaluate;
use counterweight::scenario::load_path;
use criterion::{Criterion, criterion_group, criterion_main};

fn charts() -> Vec<Chart> {
    let path = std::path::Path::new("tests/data/format_example.ron");
    let loaded = load_path(path).expect("the example loads");
    let s = loaded.scenario;
    let r = evaluate(&s);
    let sub = Subject {
        scenario: &s,
        results: &r,
        file_name: "format_example.ron",
    };
    let c = r.npv.net_social_value;
    let bars: Vec<TornadoBar> = (0..12)
        .map(|i| TornadoBar {
            label: format!("Input {i}"),
            npv_at_low: c - f64::from(i) * 1e6,
            npv_at_high: c + f64::from(i) * 0.5e6,
        })
        .collect();
    let bands: Vec<YearBand> = r
        .lines
        .cumulative_discounted_net_social_value
        .iter()
        .enumerate()
        .map(|(t, v)| YearBand {
            year: r.year(t),
            p10: v - 1e6 * t as f64,
            p50: *v,
            p90: v + 1e6 * t as f64,
        })
        .collect();
    vec![
        chart::net(&sub, Basis::Discounted),
        chart::breakdown(&sub, Basis::Discounted),
        chart::waterfall(&sub),
        chart::tornado(&sub, &bars),
        chart::distribution(&sub, &bands, 10_000, None),
        chart::compare(&[sub, sub, sub]),
    ]
}

fn export(c: &mut Criterion) {
    for chart in charts() {
        let name = chart.kind.name();
        c.bench_function(&format!("svg/{name}"), |b| {
            b.iter(|| chart::svg(black_box(&chart), 800.0, 450.0));
        });
        c.bench_function(&format!("png/{name}"), |b| {
            b.iter(|| chart::png(black_box(&chart), 1600, 900, 2.0).expect("PNG"));
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = export
}
criterion_main!(benches);
