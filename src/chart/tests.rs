//! The chart descriptions, built from the documented example scenario and
//! from hand-made Monte Carlo data.

use super::*;
use crate::model::evaluate;
use crate::scenario::load_str;

fn example() -> Scenario {
    let src = include_str!("../../tests/data/format_example.ron");
    match load_str(src) {
        Ok(l) => l.scenario,
        Err(e) => panic!("example does not load: {e:?}"),
    }
}

fn with<T>(f: impl FnOnce(&Subject) -> T) -> T {
    let s = example();
    let r = evaluate(&s);
    f(&Subject {
        scenario: &s,
        results: &r,
        file_name: "example.ron",
    })
}

#[test]
fn every_chart_carries_marking_source_and_units() {
    with(|sub| {
        let bars = [TornadoBar {
            label: "Months out of work".into(),
            npv_at_low: 60e6,
            npv_at_high: 40e6,
        }];
        let bands = [YearBand {
            year: 2014,
            p10: -20e6,
            p50: -10e6,
            p90: 0.0,
        }];
        for c in [
            net(sub, Basis::Discounted),
            net(sub, Basis::Cash),
            breakdown(sub, Basis::Discounted),
            waterfall(sub),
            tornado(sub, &bars),
            distribution(sub, &bands, 10_000),
            compare(&[*sub, *sub]),
        ] {
            assert_eq!(c.marking, Marking::Official, "{:?}", c.kind);
            assert!(c.source.contains("Tech Monitor"), "{}", c.source);
            assert!(c.source.contains("example.ron"), "{}", c.source);
            assert!(c.source.contains(env!("CARGO_PKG_VERSION")));
            assert!(c.subtitle.contains("2014 prices"), "{}", c.subtitle);
            assert!(!c.title.is_empty() && !c.alt_text.is_empty());
            assert!(!c.series.is_empty());
        }
    });
}

#[test]
fn net_title_and_totals_match_the_results() {
    with(|sub| {
        let r = sub.results;
        let c = net(sub, Basis::Discounted);
        assert!(
            c.title.contains(&short_money(r.npv.social_cost)),
            "{}",
            c.title
        );
        // The cumulative net social value line ends at the NPV.
        let Geometry::Line { points } = &c.series[3].geometry else {
            panic!("net social value is a line");
        };
        let last = points.last().map(|p| p[1]).unwrap_or_default();
        assert!((last - r.npv.net_social_value / 1e6).abs() < 1e-9);
    });
}

#[test]
fn breakdown_stacks_add_up_to_net_social_value() {
    with(|sub| {
        let c = breakdown(sub, Basis::Cash);
        let l = &sub.results.lines;
        let n = l.horizon();
        let mut sum = vec![0.0; n];
        for s in &c.series {
            if let Geometry::Bars { base, top, .. } = &s.geometry {
                for ((acc, t), b) in sum.iter_mut().zip(top).zip(base) {
                    *acc += t - b;
                }
            }
        }
        for (i, (got, nsv)) in sum.iter().zip(&l.net_social_value).enumerate() {
            assert!((got - nsv / 1e6).abs() < 1e-9, "year {i}");
        }
        assert!(c.series.iter().filter(|s| s.in_legend()).count() <= 5);
    });
}

#[test]
fn waterfall_runs_from_the_claim_to_net_social_value() {
    with(|sub| {
        let c = waterfall(sub);
        assert_eq!(
            c.x_categories.first().map(String::as_str),
            Some("Claimed saving")
        );
        assert_eq!(
            c.x_categories.last().map(String::as_str),
            Some("Net social value")
        );
        // Each step starts where the one before ended; totals start at zero.
        let mut bars: Vec<(f64, f64, f64)> = Vec::new();
        for s in &c.series {
            if let Geometry::Bars { x, base, top, .. } = &s.geometry {
                bars.extend(x.iter().zip(base).zip(top).map(|((x, b), t)| (*x, *b, *t)));
            }
        }
        bars.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(bars.len(), c.x_categories.len());
        let ns_at = c.x_categories.iter().position(|x| x == "Net savings");
        let ns = ns_at.map(|i| bars[i].2).unwrap_or_default();
        assert!((ns - sub.results.npv.net_savings / 1e6).abs() < 1e-9);
        let nsv = bars.last().map(|b| b.2).unwrap_or_default();
        assert!((nsv - sub.results.npv.net_social_value / 1e6).abs() < 1e-9);
        for w in bars.windows(2) {
            let next_is_total = w[1].1 == 0.0 && c.x_categories[w[1].0 as usize].starts_with("Net");
            if !next_is_total {
                assert!((w[1].1 - w[0].2).abs() < 1e-9, "{w:?}");
            }
        }
        // The example has no other savings flows: that step is left out.
        assert!(!c.x_categories.iter().any(|x| x == "Other savings"));
    });
}

#[test]
fn tornado_sorts_by_swing_and_names_the_biggest() {
    with(|sub| {
        let bars = [
            TornadoBar {
                label: "wage scarring".into(),
                npv_at_low: 1e6,
                npv_at_high: 2e6,
            },
            TornadoBar {
                label: "months out of work".into(),
                npv_at_low: 30e6,
                npv_at_high: -10e6,
            },
        ];
        let c = tornado(sub, &bars);
        assert_eq!(c.y_categories[0], "months out of work");
        assert!(
            c.title.starts_with("Months out of work matters most"),
            "{}",
            c.title
        );
        assert!(c.title.contains("either side of zero"));
    });
}

#[test]
fn compare_gives_each_scenario_its_own_dash_and_marker() {
    with(|sub| {
        let c = compare(&[*sub, *sub, *sub]);
        let styles: Vec<(Dash, Marker)> = c.series.iter().map(|s| (s.dash, s.marker)).collect();
        for (i, a) in styles.iter().enumerate() {
            assert!(!styles[i + 1..].contains(a));
        }
        assert!(c.series.iter().all(|s| s.direct_label.is_some()));
    });
}

#[test]
fn compare_carries_the_highest_marking() {
    let mut a = example();
    a.marking = Marking::OfficialSensitive;
    let mut b = example();
    b.marking = Marking::Unmarked;
    let (ra, rb) = (evaluate(&a), evaluate(&b));
    let c = compare(&[
        Subject {
            scenario: &b,
            results: &rb,
            file_name: "b.ron",
        },
        Subject {
            scenario: &a,
            results: &ra,
            file_name: "a.ron",
        },
    ]);
    assert_eq!(c.marking, Marking::OfficialSensitive);
    assert!(c.source.contains("b.ron, a.ron"));
}

#[test]
fn empty_and_long_scenarios_still_make_every_chart() {
    for horizon in [1, 100] {
        let mut s = Scenario::new("Nothing entered", 2020, horizon);
        s.marking = Marking::Unmarked;
        let r = evaluate(&s);
        let sub = Subject {
            scenario: &s,
            results: &r,
            file_name: "",
        };
        for c in [
            net(&sub, Basis::Discounted),
            breakdown(&sub, Basis::Cash),
            waterfall(&sub),
            tornado(&sub, &[]),
            distribution(&sub, &[], 0),
            compare(&[sub]),
        ] {
            let doc = svg(&c, 800.0, 450.0);
            assert!(doc.contains("</svg>"), "{:?}", c.kind);
            assert!(!doc.contains("NaN") && !doc.contains("inf"), "{:?}", c.kind);
            assert!(!doc.contains("OFFICIAL"));
            assert!(
                c.source.starts_with("Source: Counterweight"),
                "{}",
                c.source
            );
        }
        assert_eq!(
            net(&sub, Basis::Discounted).title,
            "The option neither saves nor costs anything that is counted"
        );
        // Nothing to compare: still a chart, marked OFFICIAL to be safe.
        let none = compare(&[]);
        assert_eq!(none.marking, Marking::Official);
        assert!(svg(&none, 800.0, 450.0).contains("</svg>"));
    }
}
