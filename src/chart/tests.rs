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
            distribution(sub, &bands, 10_000, Some(-12e6)),
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
        assert_eq!(c.x_categories.first().map(String::as_str), Some("Claimed"));
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

/// The alt texts list groups and steps mid-sentence, lower-cased, but an
/// acronym stays as written: "transfers inside the UK", never "the uk".
#[test]
fn alt_texts_keep_acronyms() {
    with(|sub| {
        let b = breakdown(sub, Basis::Discounted);
        assert!(b.alt_text.contains("inside the UK"), "{}", b.alt_text);
        for c in [b, waterfall(sub)] {
            assert!(!c.alt_text.contains(" uk"), "{}", c.alt_text);
        }
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
        assert_eq!(
            c.title,
            "Months out of work matters most: net social value could be \u{2212}£10.0m to £30.0m"
        );
    });
}

#[test]
fn a_tornado_whose_swings_all_round_to_nothing_says_so() {
    with(|sub| {
        // An empty scenario's inputs: each end of each swing reads £0.
        let bars = [TornadoBar {
            label: "Wage scarring".into(),
            npv_at_low: -0.3,
            npv_at_high: 0.4,
        }];
        let c = tornado(sub, &bars);
        assert_eq!(
            c.title,
            "No input moves net social value from £0: Wage scarring moves it most"
        );
    });
}

#[test]
fn tornado_title_with_a_long_label_fits_two_lines() {
    with(|sub| {
        let bars = [TornadoBar {
            label: "Back-office savings (MoJ's claim) — amount".into(),
            npv_at_low: -4.5e6,
            npv_at_high: 77e6,
        }];
        let c = tornado(sub, &bars);
        assert_eq!(
            c.title,
            "Back-office savings (amount) matters most: net social value could be \u{2212}£4.50m to £77.0m"
        );
        let doc = svg(&c, 800.0, 450.0);
        let title_lines = doc.matches("font-size=\"20\"").count();
        assert_eq!(title_lines, 2, "{doc}");
    });
}

/// 49 offices with the same field, as in the DVLA scenario, on a chart
/// whose plot has room for fewer than ten readable rows.
#[test]
fn tornado_labels_never_overlap_and_stay_apart() {
    with(|sub| {
        let bars: Vec<TornadoBar> = (0..49)
            .map(|i| TornadoBar {
                label: format!(
                    "Office number {i:02} in a long list of local offices — public access cost"
                ),
                npv_at_low: 50e6 - f64::from(i) * 1e5,
                npv_at_high: 70e6 + f64::from(i) * 1e5,
            })
            .collect();
        let c = tornado(sub, &bars);
        assert_eq!(c.y_categories.len(), MAX_TORNADO_BARS);
        let doc = svg(&c, 800.0, 330.0);
        let attr = |l: &str, name: &str| -> Option<f64> {
            l.split(&format!(" {name}=\""))
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()
        };
        // (y, size, name) of each row, named down the left.
        let rows: Vec<(f64, f64, &str)> = doc
            .lines()
            .filter(|l| l.contains("public access cost") && l.contains("text-anchor=\"end\""))
            .filter_map(|l| {
                let body = l.split('>').nth(1)?.split('<').next()?;
                Some((attr(l, "y")?, attr(l, "font-size")?, body))
            })
            .collect();
        assert!(rows.len() >= 3 && rows.len() < MAX_TORNADO_BARS, "{doc}");
        for pair in rows.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= pair[0].1 * 1.6, "{pair:?}");
            assert_ne!(pair[0].2, pair[1].2, "rows must stay apart");
            // Whole, or cut in the item: the field stays.
            assert!(pair[0].2.ends_with(" — public access cost"), "{pair:?}");
        }
        let more = format!(
            "the {} uncertain inputs that move it most ({} more move it less)",
            rows.len(),
            49 - rows.len()
        );
        let texts: Vec<&str> = doc
            .lines()
            .filter(|l| l.starts_with("<text"))
            .filter_map(|l| l.split('>').nth(1)?.split('<').next())
            .collect();
        assert!(texts.join(" ").contains(&more), "{doc}");
    });
}

fn hand_made_histogram() -> DrawHistogram {
    // Twenty £2m bins from −£10m; 1,000 draws in all.
    let counts: Vec<u64> = (0..20u64).map(|i| 10 + 4 * i.min(19 - i)).collect();
    let inside: u64 = counts.iter().sum();
    DrawHistogram {
        start: -10e6,
        width: 2e6,
        below: 3,
        above: 1000 - 3 - inside,
        counts,
        p10: -2e6,
        p50: 10e6,
        p90: 24e6,
        probability_positive: 0.834,
    }
}

#[test]
fn histogram_states_the_chance_and_marks_zero_and_percentiles() {
    with(|sub| {
        let h = hand_made_histogram();
        let c = histogram(sub, &h);
        assert_eq!(c.kind, ChartKind::Distribution);
        assert_eq!(c.title, "An 83% chance that net social value is positive");
        assert!(
            c.subtitle.contains("1,000 Monte Carlo draws"),
            "{}",
            c.subtitle
        );
        assert!(c.subtitle.contains("£2.00m band"), "{}", c.subtitle);
        // Bins below zero are the cost side; together they are every bin.
        let bins: Vec<(&str, &[f64], &[f64])> = c
            .series
            .iter()
            .filter_map(|s| match &s.geometry {
                Geometry::Histogram { edges, heights } => {
                    Some((s.name.as_str(), edges.as_slice(), heights.as_slice()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(bins.len(), 2);
        assert_eq!(bins[0].1, [-10.0, -8.0, -6.0, -4.0, -2.0, 0.0]);
        assert_eq!(bins[1].1.first(), Some(&0.0));
        assert_eq!(bins[1].1.last(), Some(&30.0));
        let shown: f64 = bins.iter().flat_map(|b| b.2).sum();
        let inside = h.counts.iter().sum::<u64>() as f64;
        assert!((shown - inside / 10.0).abs() < 1e-9, "{shown}");
        // Vertical marks at zero, P10, P90 and P50.
        let marks: Vec<f64> = c
            .series
            .iter()
            .filter_map(|s| match &s.geometry {
                Geometry::Line { points } => Some(points[0][0]),
                _ => None,
            })
            .collect();
        assert_eq!(marks, [0.0, -2.0, 24.0, 10.0]);
        assert!(c.series.iter().any(|s| s.name == "Zero"));
        assert!(
            c.series
                .iter()
                .any(|s| s.name.starts_with("Median (P50), £10.0m"))
        );
        let doc = svg(&c, 800.0, 450.0);
        assert!(doc.contains("An 83% chance"));
        // `CHART_PREVIEW=DIR` writes it as PNG, to look at.
        if let Some(dir) = std::env::var_os("CHART_PREVIEW") {
            let png = png(&c, 1600, 900, 2.0).expect("PNG");
            std::fs::write(std::path::Path::new(&dir).join("chart_histogram.png"), png)
                .expect("preview written");
        }
    });
}

#[test]
fn histogram_never_rounds_to_certainty() {
    assert_eq!(
        chance_title(0.999),
        "More than a 99% chance that net social value is positive"
    );
    assert_eq!(
        chance_title(0.001),
        "Less than a 1% chance that net social value is positive"
    );
    assert_eq!(
        chance_title(1.0),
        "Net social value is positive in every draw"
    );
    assert_eq!(
        chance_title(0.97),
        "A 97% chance that net social value is positive"
    );
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
            distribution(&sub, &[], 0, None),
            histogram(&sub, &DrawHistogram::default()),
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

#[test]
fn fan_chart_says_why_the_central_estimate_is_outside_its_band() {
    with(|sub| {
        let r = sub.results;
        let central = r.npv.net_social_value;
        let last = r.year(r.lines.horizon() - 1);
        let band = |p10: f64, p90: f64| {
            [YearBand {
                year: last,
                p10,
                p50: f64::midpoint(p10, p90),
                p90,
            }]
        };
        // Central above the band: the note says the expected outcome is lower.
        let above = distribution(
            sub,
            &band(central - 30e6, central - 10e6),
            1000,
            Some(central - 20e6),
        );
        assert!(
            above.note.contains("lies above the range"),
            "{}",
            above.note
        );
        assert!(above.note.contains("is lower"), "{}", above.note);
        assert!(
            above.note.contains(&short_money(central - 20e6)),
            "{}",
            above.note
        );
        assert!(above.alt_text.contains(&above.note));
        // The mean is marked at the last year, and named.
        let mean = above
            .series
            .iter()
            .find(|s| s.name.starts_with("Monte Carlo mean"))
            .expect("the mean is drawn");
        assert_eq!(
            mean.geometry,
            Geometry::Line {
                points: vec![[f64::from(last), (central - 20e6) / 1e6]]
            }
        );
        let below = distribution(sub, &band(central + 10e6, central + 30e6), 1000, None);
        assert!(below.note.contains("is higher"), "{}", below.note);
        let inside = distribution(
            sub,
            &band(central - 10e6, central + 10e6),
            1000,
            Some(central),
        );
        assert!(inside.note.is_empty(), "{}", inside.note);
        // The note is drawn under the plot, above the source.
        let doc = svg(&above, 800.0, 450.0);
        let y_of = |needle: &str| {
            doc.lines()
                .find(|l| l.starts_with("<text") && l.contains(needle))
                .and_then(|l| {
                    l.split("y=\"")
                        .nth(1)?
                        .split('"')
                        .next()?
                        .parse::<f64>()
                        .ok()
                })
        };
        let note_y = y_of("lies above the range").expect("the note is drawn");
        let source_y = y_of(">Source:").expect("the source is drawn");
        assert!(note_y < source_y);
    });
}

#[test]
fn every_csv_has_the_marking_first_and_last() {
    with(|sub| {
        let bars = [TornadoBar {
            label: "Months out of work".into(),
            npv_at_low: 60e6,
            npv_at_high: 40e6,
        }];
        let yearly = csv(sub.scenario, sub.results);
        let charts = [
            net(sub, Basis::Discounted),
            waterfall(sub),
            tornado(sub, &bars),
            compare(&[*sub, *sub]),
            histogram(sub, &hand_made_histogram()),
        ];
        let mut all = vec![yearly];
        all.extend(charts.iter().map(chart_csv));
        for text in &all {
            let rows: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
            assert_eq!(rows.first(), Some(&"Marking,OFFICIAL"), "{text}");
            assert_eq!(rows.last(), Some(&"Marking,OFFICIAL"), "{text}");
        }
        // The chart's numbers: every tornado bar end, every waterfall step.
        let t = chart_csv(&charts[2]);
        assert!(
            t.contains("Input at its low value,Months out of work,"),
            "{t}"
        );
        assert!(t.contains(",60.000,"), "{t}");
        let w = chart_csv(&charts[1]);
        for cat in &charts[1].x_categories {
            let cell = if cat.contains(',') {
                format!(",\"{cat}\",")
            } else {
                format!(",{cat},")
            };
            assert!(w.contains(&cell), "{cat} missing:\n{w}");
        }
        let nsv = format!("{:.3}", sub.results.npv.net_social_value / 1e6);
        assert!(w.contains(&nsv), "{w}");
    });
}

#[test]
fn alt_text_file_carries_the_marking_top_and_bottom() {
    with(|sub| {
        let c = net(sub, Basis::Discounted);
        let t = c.alt_text_file();
        assert!(t.starts_with("OFFICIAL\n"));
        assert!(t.trim_end().ends_with("\nOFFICIAL"));
        assert!(t.contains(&c.alt_text) && t.contains(&c.source));
    });
}

#[test]
fn source_line_puts_official_publications_first() {
    let mut s = example();
    s.sources = vec![
        crate::scenario::Source {
            title: "Police back-office outsourcing criticised by union".into(),
            publisher: "Computer Weekly".into(),
            date: String::new(),
            url: String::new(),
            note: "seed".into(),
        },
        crate::scenario::Source {
            title: "Improving corporate functions using shared services".into(),
            publisher: "National Audit Office".into(),
            date: "2007-11-29".into(),
            url: "https://www.nao.org.uk/reports/x/".into(),
            note: String::new(),
        },
    ];
    let r = evaluate(&s);
    let c = net(
        &Subject {
            scenario: &s,
            results: &r,
            file_name: "nhs.ron",
        },
        Basis::Discounted,
    );
    let nao = c
        .source
        .find("Improving corporate")
        .expect("the NAO report is cited");
    let press = c.source.find("Police back-office").expect("both fit");
    assert!(nao < press, "{}", c.source);
}

#[test]
fn net_title_adds_back_transfers_so_its_sum_is_net_social_value() {
    let mut s = example();
    // Redundancy pay: a transfer inside the UK, added back in NSV.
    s.job_moves[0].redundancy_months = 6.0.into();
    let r = evaluate(&s);
    assert!(r.npv.transfers > 1e6);
    let c = net(
        &Subject {
            scenario: &s,
            results: &r,
            file_name: "example.ron",
        },
        Basis::Discounted,
    );
    assert!(
        c.title.contains(&short_money(r.npv.transfers)) && c.title.contains("added back"),
        "{}",
        c.title
    );
}

#[test]
fn a_waterfall_at_break_even_says_about_zero() {
    let s = example();
    let mut r = evaluate(&s);
    // As after "Set to this value" on a break-even: within £50,000 of zero.
    r.npv.net_social_value = -0.01e6;
    let c = waterfall(&Subject {
        scenario: &s,
        results: &r,
        file_name: "example.ron",
    });
    assert!(
        c.title.ends_with("becomes net social value of about zero"),
        "{}",
        c.title
    );
}

#[test]
fn waterfall_leaves_out_a_transfers_step_that_reads_zero() {
    let mut s = example();
    // No redundancy pay and no regulatory fine: no transfers.
    s.data_risks[0].regulatory_fine = 0.0.into();
    for example in [example(), s] {
        let r = evaluate(&example);
        assert!(m(r.npv.transfers).abs() < 0.05);
        let c = waterfall(&Subject {
            scenario: &example,
            results: &r,
            file_name: "example.ron",
        });
        assert!(
            !c.x_categories.iter().any(|x| x.starts_with("Transfers")),
            "{:?}",
            c.x_categories
        );
        assert!(!c.alt_text.contains("transfers"), "{}", c.alt_text);
    }
}

#[test]
fn a_constant_rate_is_quoted_at_the_central_value_the_model_uses() {
    let mut s = example();
    s.settings.discounting = Discounting::Constant(crate::scenario::Value::Tri {
        low: 0.01,
        mode: 0.02,
        high: 0.06,
    });
    s.settings.central = Central::Mean;
    let r = evaluate(&s);
    let c = net(
        &Subject {
            scenario: &s,
            results: &r,
            file_name: "example.ron",
        },
        Basis::Discounted,
    );
    // The mean of Tri(1%, 2%, 6%) is 3%, not the mode's 2%.
    assert!(
        c.subtitle.contains("discounted at 3.0% a year"),
        "{}",
        c.subtitle
    );
    assert!((r.lines.discount_factor[1] - 1.0 / 1.03).abs() < 1e-12);
}
