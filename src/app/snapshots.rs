//! Image snapshots of a few key panels, drawn from fixed data (the bundled
//! `MoJ` scenario; no Monte Carlo, so nothing depends on timing).
//!
//! They render with wgpu, which needs a GPU or Mesa's lavapipe: the
//! `snapshots` feature turns them on, so a plain `cargo test` on a machine
//! without either leaves them out. CI runs them with
//!
//! ```sh
//! WGPU_BACKEND=vulkan cargo test --features snapshots --lib app::snapshots
//! ```
//!
//! The baselines are `tests/snapshots/*.png`. After a deliberate change to
//! how a panel looks, rerun with `UPDATE_SNAPSHOTS=1` and look at every PNG
//! that changed before committing it.

use egui::Theme;
use egui_kittest::Harness;

use super::fields::{self, Ed, Unit};
use super::tab::Tab;
use super::{EXAMPLES, plot, results};
use crate::chart::{self, Basis};
use crate::scenario::{Value, load_str};

/// The bundled `MoJ` scenario in a tab, as the app opens it.
fn moj() -> Tab {
    let loaded = load_str(EXAMPLES[0].1).expect("the bundled example loads");
    Tab::new(1, None, loaded.scenario, true)
}

/// A harness drawing `panel` in `size` points (a chart fills it), cut down
/// to what was drawn, settled, with no mouse cursor painted on top.
fn harness<'a>(theme: Theme, size: [f32; 2], panel: impl FnMut(&mut egui::Ui) + 'a) -> Harness<'a> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_theme(theme)
        .with_render_cursor(false)
        .with_fit_contents()
        .build_ui(panel);
    h.run();
    h
}

#[test]
fn headline_figures_for_the_moj_scenario() {
    let tab = moj();
    let mut h = harness(Theme::Light, [900.0, 220.0], |ui| {
        results::headline_ui(ui, &tab.valid_scenario, &tab.results);
    });
    h.snapshot("headline_figures_moj");
}

#[test]
fn headline_chart_for_the_moj_scenario() {
    let tab = moj();
    let chart = tab.with_subject(|s| chart::net(s, Basis::Discounted));
    let mut h = harness(Theme::Light, [820.0, 480.0], |ui| {
        plot::chart_ui(ui, &chart, ui.max_rect().bottom());
    });
    h.snapshot("headline_chart_moj");
}

/// The palette's dark blue and dark grey are lightened on a dark
/// background; this is where that shows.
#[test]
fn headline_chart_for_the_moj_scenario_in_the_dark_theme() {
    let tab = moj();
    let chart = tab.with_subject(|s| chart::net(s, Basis::Discounted));
    let mut h = harness(Theme::Dark, [820.0, 480.0], |ui| {
        plot::chart_ui(ui, &chart, ui.max_rect().bottom());
    });
    h.snapshot("headline_chart_moj_dark");
}

#[test]
fn year_by_year_table_for_the_moj_scenario() {
    let tab = moj();
    let mut h = harness(Theme::Light, [900.0, 420.0], |ui| {
        results::table_ui(ui, &tab.results);
    });
    h.snapshot("year_table_moj");
}

/// Money fields from the `MoJ` scenario in each uncertain form, each with
/// its shape, and one the validator rejects, marked where it was typed.
#[test]
fn money_fields_with_their_shapes_and_a_problem() {
    let mut tab = moj();
    let mut edited = tab.scenario.clone();
    edited.costs[0].amount = Value::Pert {
        low: 8e6,
        mode: 15e6,
        high: 30e6,
    };
    edited.data_risks[0].regulatory_fine = Value::Point(-50_000.0);
    tab.edit(edited, None);
    let s = &tab.scenario;
    let mut rows = [
        ("Claimed amount", "savings[0].amount", s.savings[0].amount),
        ("Transition", "costs[0].amount", s.costs[0].amount),
        ("Contract team a year", "costs[2].amount", s.costs[2].amount),
        (
            "Regulatory fine",
            "data_risks[0].regulatory_fine",
            s.data_risks[0].regulatory_fine,
        ),
    ];
    assert!(
        tab.field_errors.contains_key(rows[3].1),
        "{:?}",
        tab.field_errors
    );
    let mut h = harness(Theme::Light, [620.0, 230.0], |ui| {
        let mut ed = Ed {
            errors: &tab.field_errors,
            key: None,
            structural: false,
            start_year: 2014,
            break_even: None,
            horizon: 7,
            amount: None,
            rescale: None,
            scope: String::new(),
            field: String::new(),
        };
        egui::Grid::new("money").num_columns(2).show(ui, |ui| {
            for (name, path, v) in &mut rows {
                fields::row(ui, name, "", |ui, label| {
                    fields::value(ui, &mut ed, label, v, Unit::Money, path);
                });
            }
        });
    });
    h.snapshot("money_fields");
}

/// The fan chart of the largest bundled scenario, whose band dips and
/// rises: egui fills a polygon as if it were convex, and a band drawn as
/// one polygon was filled past its P90 edge. 10,000 draws from the file's
/// seed are the same numbers on every machine.
#[test]
fn fan_chart_follows_its_band_where_it_bends() {
    use std::sync::atomic::AtomicBool;

    use crate::model::Plan;
    use crate::uncertainty::MonteCarlo;

    let loaded =
        crate::scenario::load_path(std::path::Path::new("scenarios/dvla-local-offices.ron"))
            .expect("the bundled scenario loads");
    let tab = Tab::new(1, None, loaded.scenario, true);
    let summary = MonteCarlo {
        draws: 10_000,
        seed: 1,
        threads: 1,
    }
    .run(&Plan::new(&tab.scenario), &AtomicBool::new(false), &|_| {})
    .expect("not cancelled");
    let bands: Vec<chart::YearBand> = summary.bands.iter().map(chart::YearBand::from).collect();
    let chart = tab.with_subject(|s| {
        chart::distribution(s, &bands, 10_000, Some(summary.net_social_value.mean))
    });
    let mut h = harness(Theme::Dark, [820.0, 480.0], |ui| {
        plot::chart_ui(ui, &chart, ui.max_rect().bottom());
    });
    h.snapshot("fan_chart_dvla_dark");
}
