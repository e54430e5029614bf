//! CPU time of one frame of the whole app, driven headless (`egui_kittest`, no
//! GPU) on the largest bundled scenario. The target is under 4 ms a frame.
//!
//! Run: `cargo bench --bench app_frame`. The figure includes egui's layout
//! and tessellation of everything drawn and kittest's accessibility tree
//! update (which a real window does too, for screen readers), not the GPU.

use std::hint::black_box;

use counterweight::app::{App, Command, Config, EXAMPLES, Prefs, View};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The bundled scenario with the most text: the largest one.
fn largest_example() -> (&'static str, &'static str) {
    EXAMPLES
        .iter()
        .copied()
        .max_by_key(|(_, text)| text.len())
        .unwrap_or(EXAMPLES[0])
}

fn harness(dir: &std::path::Path) -> Harness<'static, App> {
    let (name, text) = largest_example();
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the example");
    let config = Config {
        autosave_dir: None,
        dialogs: false,
    };
    let app = App::new(
        &egui::Context::default(),
        Prefs::default(),
        vec![path],
        config,
    );
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut App| app.frame_ui(ui), app);
    h.run();
    h
}

fn frame(h: &mut Harness<'_, App>) {
    h.step();
    let output = h.output();
    let shapes = output.shapes.clone();
    let ppp = output.pixels_per_point;
    black_box(h.ctx.tessellate(shapes, ppp));
}

fn app_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut group = c.benchmark_group("app frame");
    for view in [
        View::Headline,
        View::Breakdown,
        View::Waterfall,
        View::Table,
        View::Compare,
    ] {
        let mut h = harness(dir.path());
        let ctx = h.ctx.clone();
        h.state_mut().apply(Command::SetView(view), &ctx);
        h.run();
        group.bench_function(format!("{} ({view:?})", largest_example().0), |b| {
            b.iter(|| frame(&mut h));
        });
    }
    // The heaviest editor: every section unfolded.
    let mut h = harness(dir.path());
    for section in [
        "Settings",
        "Costs (",
        "Fines (",
        "Jobs moved offshore (",
        "Office closures (",
        "Data risk (",
        "Assumptions",
        "Sources (",
    ] {
        if let Some(node) = h.query_by_label_contains(section) {
            node.click_accesskit();
        }
        h.run();
    }
    group.bench_function(
        format!("{} (every editor section open)", largest_example().0),
        |b| {
            b.iter(|| frame(&mut h));
        },
    );
    group.finish();
}

criterion_group!(benches, app_frame);
criterion_main!(benches);
