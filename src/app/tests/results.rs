//! The results panel: every view, and charts at a small window size.

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{App, Command, View, app, harness, harness_of_size, tab};
use crate::app::plot::MIN_PLOT_HEIGHT;
use crate::chart::{self, Basis};
use crate::report::pounds;

#[test]
fn every_results_view_draws_for_every_bundled_scenario() {
    let mut h = harness(app(Vec::new()));
    for i in 1..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::OpenExample(i), &egui::Context::default());
    }
    h.run();
    assert_eq!(h.state().tabs.len(), super::EXAMPLES.len());
    for i in 0..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::SelectTab(i), &egui::Context::default());
        for view in super::View::ALL {
            h.get_by_label(view.name()).click_accesskit();
            // The uncertainty panel keeps repainting while Monte Carlo runs
            // in the background, so step a few frames rather than settle.
            h.run_steps(3);
        }
    }
    // The tornado names the input that matters most.
    h.get_by_label("What matters most").click_accesskit();
    h.run_steps(3);
    // On screen as the title, and as the chart's name for a screen reader.
    assert_eq!(h.get_all_by_label_contains("matters most:").count(), 2);
}

/// Steps the app until the Monte Carlo run has reported, for at most a minute.
fn wait_for_uncertainty(h: &mut Harness<'_, App>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while h
        .query_by_label_contains("chance the UK is better off")
        .is_none()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the uncertainty never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn at_1280_by_720_the_headline_chart_keeps_its_height_and_its_source_line_shows() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    wait_for_uncertainty(&mut h);
    let chart = tab(&h).with_subject(|s| chart::net(s, Basis::Discounted));
    let status_top = h
        .get_by_label_contains("Not saved to a file yet")
        .rect()
        .top();
    // The plot lies between the title (and subtitle) and the source line.
    let plot_room = |h: &Harness<'_, App>| {
        h.get_by_label(&chart.source).rect().top() - h.get_by_label(&chart.title).rect().bottom()
    };
    let source = |h: &Harness<'_, App>| h.get_by_label(&chart.source).rect();

    // At this size the uncertainty panel starts closed, its header giving
    // the chance of a gain, and the whole chart fits without scrolling.
    assert!(
        source(&h).bottom() <= status_top,
        "source line at {:?}, hidden under the status bar at {status_top}",
        source(&h)
    );
    assert!(source(&h).right() <= 1280.0, "{:?}", source(&h));
    assert!(plot_room(&h) >= MIN_PLOT_HEIGHT, "{}", plot_room(&h));

    // Opened, the panel pushes the chart down, but not into a sliver: the
    // results scroll, the source line can be scrolled to, and scrolling
    // does not resize the chart.
    h.get_by_label_contains("chance the UK is better off")
        .click();
    h.run();
    h.get_by_label_contains("NPV, 10000 draws");
    let open = plot_room(&h);
    assert!(open >= MIN_PLOT_HEIGHT, "{open}");
    assert!(
        source(&h).bottom() > status_top,
        "expected to need scrolling"
    );
    h.get_by_label(&chart.source).scroll_to_me();
    h.run();
    assert!(
        source(&h).bottom() <= status_top,
        "after scrolling: {:?}",
        source(&h)
    );
    assert_eq!(plot_room(&h), open, "scrolling resized the chart");
}

#[test]
fn lines_named_at_their_ends_are_not_named_again_in_the_legend() {
    let h = harness(app(Vec::new()));
    let chart = tab(&h).with_subject(|s| chart::net(s, Basis::Discounted));
    let mut labelled = 0;
    for s in &chart.series {
        match &s.direct_label {
            Some(label) => {
                labelled += 1;
                // Written beside the line, where a screen reader finds it
                // too, and only there: not again in the legend.
                assert_eq!(
                    h.query_all_by_role_and_label(Role::Label, label).count(),
                    1,
                    "“{label}” is in the legend as well"
                );
            }
            None => {
                // In the legend above the plot.
                h.get_by_role_and_label(Role::Label, &s.name);
            }
        }
    }
    assert!(labelled >= 2, "the headline chart labels its lines");
}

#[test]
fn at_1280_by_720_every_scenario_in_the_compare_table_can_be_brought_into_view() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    for i in 1..super::EXAMPLES.len() {
        h.state_mut()
            .apply(super::Command::OpenExample(i), &egui::Context::default());
    }
    h.state_mut().apply(
        super::Command::SetView(super::View::Compare),
        &egui::Context::default(),
    );
    h.run_steps(3);
    let last = tab(&h).name();
    // Asks to scroll the column header into view; gives where it is now.
    // It is the lower of the two places the name shows (the other is its tab).
    let scroll_to_column = |h: &Harness<'_, App>| {
        h.get_all_by_label(&last)
            .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .map(|n| {
                n.scroll_to_me();
                n.rect()
            })
            .expect("the last scenario's column")
    };
    scroll_to_column(&h);
    h.run_steps(3);
    // Before, the table ran off the side with no way to reach this column.
    let r = scroll_to_column(&h);
    assert!(
        r.right() <= 1280.0 && r.width() <= 200.0,
        "the last column is at {r:?}"
    );
}

#[test]
fn the_claim_is_named_the_same_way_wherever_it_appears() {
    // One vocabulary (issue 16, item 7): the claim check and its readings
    // speak in cash as the claim is made, the cards and the waterfall in
    // present values, and each says which.
    let mut h = harness(app(Vec::new()));
    let c = tab(&h).results.claim.expect("the MoJ file has a claim");
    h.get_by_label(&format!(
        "Modelled net savings, cash: {}, {:.0} % of the {} claimed, cash ({}–{})",
        pounds(c.modelled_net_savings),
        c.ratio.expect("a ratio") * 100.0,
        pounds(c.claimed),
        c.first_year,
        c.last_year
    ));
    h.get_by_label_contains("Present value to the department");
    h.get_by_label_contains(&format!(
        "Cash: modelled net savings {}",
        pounds(c.modelled_net_savings)
    ));
    h.state_mut().send(Command::SetView(View::Waterfall));
    h.run();
    let title = tab(&h).with_subject(chart::waterfall).title;
    assert!(title.contains("claimed (present value)"), "{title}");
    h.get_by_label(&title);
}

#[test]
fn a_new_empty_scenario_says_there_is_nothing_to_weigh() {
    let mut h = super::harness(super::app(Vec::new()));
    h.state_mut().send(crate::app::ui_command::UiCommand::New);
    h.run();
    assert!(tab(&h).scenario.savings.is_empty(), "a new, empty scenario");
    h.get_by_label("Nothing to weigh yet: add a saving or a cost");
    h.get_by_label("Pays back for society: nothing to weigh yet");
    assert_eq!(
        h.query_all_by_label_contains("Pays back for society: 20")
            .count(),
        0,
        "no payback year with nothing in it"
    );
}

#[test]
fn the_year_by_year_table_shows_money_to_the_penny() {
    let mut h = harness(app(Vec::new()));
    h.state_mut().send(Command::SetView(View::Table));
    h.run();
    // The MoJ claim: £100m spread over 2014–2020 is £14,285,714.29 a year.
    h.get_by_label_contains("Savings: Total 100,000,000.00");
    h.get_by_label_contains("2014 14,285,714.29");
}
